"""How modules import each other, read with :mod:`ast` (nothing is imported).

Used by tests/test_architecture.py (the whole engine: no cycle, layers point
down) and tests/importers/test_layers.py (the importer's own order).

Every ``import``/``from … import`` counts, at module level, inside a function
(a lazy import) or under ``if TYPE_CHECKING:`` (a cycle hidden from the
interpreter is still a cycle for the reader). ``from package import name``
counts as importing the module ``package.name`` when there is one. The
implicit import of a module's parent packages is not an edge (otherwise every
``__init__.py`` that re-exports its modules would be a cycle).
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

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
