"""The engine's shape, as ARCHITECTURE.md draws it: no import cycle, every
import points down the layers, and nothing in kb_tools imports MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importgraph import find_cycle, import_graph

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kb_tools"

# Bottom to top. A module may import modules of its own layer or below.
# Keep in step with ARCHITECTURE.md.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("kb_tools.errors", "kb_tools.text", "kb_tools.pii", "kb_tools.files", "kb_tools.schema"),
    ("kb_tools.source", "kb_tools.scan"),
    (
        "kb_tools.config",
        "kb_tools.model",
        "kb_tools.problem",
        "kb_tools.urls",
        "kb_tools.partners",
        "kb_tools.places",
        "kb_tools.import_settings",
    ),
    ("kb_tools.kb",),
    ("kb_tools.rules", "kb_tools.report", "kb_tools.rulesdoc"),
    (
        "kb_tools.expiry",
        "kb_tools.gitlab_issues",
        "kb_tools.codeowners",
        "kb_tools.new_answer",
        "kb_tools.export",
        "kb_tools.site",
        "kb_tools.importers",
    ),
    ("kb_tools.commands", "kb_tools.cli", "kb_tools.__main__"),
)


def layer_of(module: str) -> int:
    for level, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return level
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to ARCHITECTURE.md")


GRAPH = import_graph(PACKAGE, "kb_tools")


def test_the_graph_is_read() -> None:
    assert "kb_tools.config" in GRAPH["kb_tools.kb"]
    assert len(GRAPH) > 80


def test_no_import_cycle() -> None:
    assert find_cycle(GRAPH) is None  # the finder itself is tested in tests/importers/test_layers.py


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module: str) -> None:
    upward = [dep for dep in sorted(GRAPH[module]) if layer_of(dep) > layer_of(module)]
    assert upward == [], f"{module} (layer {layer_of(module)}) imports a higher layer"


def test_the_engine_never_imports_mkdocs() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ("mkdocs", "material")]
    assert offenders == []


def test_architecture_md_names_every_layer() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for names in LAYERS:
        for name in names:
            assert f"`{name.removeprefix('kb_tools.')}" in text, name
