"""Dependencies point one way: no import cycle among the importer modules
(the graph is read by tests/importgraph.py)."""

from __future__ import annotations

import re
from pathlib import Path

from importgraph import find_cycle, import_graph

import kb_tools

KB_TOOLS = Path(kb_tools.__file__).parent
Graph = dict[str, set[str]]


def test_importers_have_no_import_cycle() -> None:
    graph = import_graph(KB_TOOLS / "importers", "kb_tools.importers")
    assert "kb_tools.importers.service_public.render" in graph  # the tree was read
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_renderers_below_the_fiche_renderer_do_not_import_it() -> None:
    graph = import_graph(KB_TOOLS / "importers", "kb_tools.importers")
    sp = "kb_tools.importers.service_public"
    assert f"{sp}.sections" in graph[f"{sp}.render"] and f"{sp}.tables" in graph[f"{sp}.render"]
    for low in ("sections", "tables", "blocks"):
        assert f"{sp}.render" not in graph[f"{sp}.{low}"]


def test_the_package_docstring_lists_its_modules_from_the_bottom_up() -> None:
    from kb_tools.importers import service_public

    sp = "kb_tools.importers.service_public"
    listed = re.findall(r"^- ((?:``\w+``(?:, )?)+):", service_public.__doc__ or "", re.MULTILINE)
    order = {f"{sp}.{name}": rank for rank, names in enumerate(listed) for name in re.findall(r"``(\w+)``", names)}
    graph = import_graph(KB_TOOLS / "importers" / "service_public", sp)
    assert set(order) == set(graph) - {sp}  # every module listed once
    for module, targets in graph.items():
        for target in targets - {sp}:
            assert order[target] < order.get(module, len(order)), f"{module} imports {target}, listed below it"


def test_kb_export_uses_no_internals_of_the_service_public_importer() -> None:
    graph = import_graph(KB_TOOLS / "importers", "kb_tools.importers")
    assert not {t for t in graph["kb_tools.importers.kb_export"] if t.startswith("kb_tools.importers.service_public")}


def test_the_graph_sees_lazy_type_checking_and_relative_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from pkg.a import f\n", encoding="utf-8")
    (pkg / "a.py").write_text("def f():\n    from pkg import b\n", encoding="utf-8")
    (pkg / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub import c\n", encoding="utf-8"
    )
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "c.py").write_text("from .. import a\nimport os\n", encoding="utf-8")
    graph = import_graph(pkg, "pkg")
    assert graph == {
        "pkg": {"pkg.a"},
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.sub.c"},
        "pkg.sub": set(),
        "pkg.sub.c": {"pkg.a"},
    }
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]
    graph["pkg.sub.c"] = set()
    assert find_cycle(graph) is None
