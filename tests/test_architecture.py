"""Guards of the package's shape (issue 14, "Done when"): no import cycle, small modules, short
functions, and no area importing the command line.

Every module of ``generator/`` is parsed with :mod:`ast` (nothing is imported), so a guard sees
function-local imports too. Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[1] / "generator"

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80

ENTRY_POINTS = frozenset({"generator.__main__"})
"""``python -m generator``: the one module outside generator/cli/ that may import it."""


def module_name(root: Path, path: Path) -> str:
    """'generator/site/pages.py' -> 'generator.site.pages'; a package's __init__ is the package."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(root, path): path for path in sorted(root.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that runs: top level, in functions and classes, not in TYPE_CHECKING blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that the module ``name`` (file ``path``) imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        for alias in node.names:  # 'from . import catalog' imports the module generator.catalog
            if f"{target}.{alias.name}" in known:
                found.add(f"{target}.{alias.name}")
            elif target in known:
                found.add(target)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""
    found = modules(root)
    known = set(found)
    return {name: imported_modules(name, path, known) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself
    (Tarjan's algorithm, iterative), each sorted, in name order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return sorted(found)


def _describe(found: list[list[str]]) -> str:
    return "; ".join(" <-> ".join(component) for component in found)


def functions(root: Path) -> Iterator[tuple[str, int, str, int]]:
    """(file, line, name, length in lines) of every function and method, nested ones included."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                yield str(path.relative_to(root.parent)), node.lineno, node.name, length


# --- the guards' own machinery, on small packages written here -------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_function_local_import_closing_a_cycle_is_found_with_its_members_named(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "__init__.py": "",
        "a.py": "from .b import x\n",
        "b.py": "def x():\n    from . import c\n",
        "sub/__init__.py": "",
        "sub/c.py": "def y():\n    from ..a import z\n",
        "c.py": "def y():\n    from pkg.sub import c\n    import pkg.a\n",
        "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\nfrom . import e\n",
        "e.py": "from .d import q\n",
    })
    graph = import_graph(root)
    assert graph["pkg.b"] == {"pkg.c"}
    assert graph["pkg.c"] == {"pkg.sub.c", "pkg.a"}
    assert graph["pkg.sub.c"] == {"pkg.a"}
    assert graph["pkg.d"] == {"pkg.e"}  # the TYPE_CHECKING import never runs
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c", "pkg.sub.c"], ["pkg.d", "pkg.e"]]


def test_a_module_importing_itself_is_a_cycle_and_a_chain_is_not() -> None:
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_function_lengths_count_from_def_to_last_line(tmp_path: Path) -> None:
    root = _package(tmp_path, {"m.py": "def f():\n    x = 1\n\n    return x\n\n\nclass K:\n    def g(self):\n        pass\n"})
    assert sorted((name, length) for _file, _line, name, length in functions(root)) == [("f", 4), ("g", 2)]


# --- the guards ----------------------------------------------------------------------------------


def test_no_import_cycle_in_generator() -> None:
    found = cycles(import_graph(GENERATOR))
    assert not found, f"import cycles in generator/ (function-local imports count): {_describe(found)}"


def test_no_module_over_400_lines() -> None:
    long = {str(path.relative_to(GENERATOR.parent)): n for path in sorted(GENERATOR.rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them by concept): {long}"


def test_no_function_over_80_lines() -> None:
    long = [f"{file}:{line} {name} ({length} lines)" for file, line, name, length in functions(GENERATOR)
            if length > MAX_FUNCTION_LINES]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: " + "; ".join(long)


def test_no_area_imports_the_command_line() -> None:
    graph = import_graph(GENERATOR)
    offenders = sorted(name for name, imported in graph.items()
                       if not (_is_cli(name) or name in ENTRY_POINTS) and any(_is_cli(m) for m in imported))
    assert not offenders, f"modules outside generator/cli/ that import it (commands import their area): {offenders}"


def _is_cli(name: str) -> bool:
    return name == "generator.cli" or name.startswith("generator.cli.")
