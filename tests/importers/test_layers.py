"""Dependencies point one way: no import cycle among the importer modules.

:func:`import_graph` reads the sources with :mod:`ast` (nothing is imported):
every ``import``/``from … import`` counts, at module level, inside a function
(a lazy import) or under ``if TYPE_CHECKING:`` (a cycle hidden from the
interpreter is still a cycle for the reader). ``from package import name``
counts as importing the module ``package.name`` when there is one. The
implicit import of a module's parent packages is not an edge (otherwise every
``__init__.py`` that re-exports its modules would be a cycle).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import kb_tools

KB_TOOLS = Path(kb_tools.__file__).parent
Graph = dict[str, set[str]]


def module_names(package_dir: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under ``package_dir``."""
    names: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join((package, *parts))] = path
    return names


def _imported(tree: ast.AST, module: str, is_package: bool, modules: Collection[str]) -> Iterable[str]:
    """The modules of ``modules`` that import statements anywhere in ``tree`` name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's package, up level - 1
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            for alias in node.names:
                name = f"{origin}.{alias.name}"
                if name in modules:  # from package import module
                    yield name
                elif origin in modules:  # from module import name
                    yield origin


def import_graph(package_dir: Path, package: str) -> Graph:
    """Module -> the modules of the same tree it imports (outside modules are left out)."""
    names = module_names(package_dir, package)
    graph: Graph = {}
    for module, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[module] = set(_imported(tree, module, path.name == "__init__.py", names)) - {module}
    return graph


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, …, a]``), or None when dependencies point one way."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


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
