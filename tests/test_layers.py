"""The package's layers: data flows down the flow and never back up, and no import cycle.

Every ``import`` in framing is read (at module level, inside functions and under
``TYPE_CHECKING`` alike). A module may import the modules of its own part and of any lower layer,
never a higher one or another part of its own layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "framing"

# lowest first; each set is one layer, each name one part (a module or a subpackage)
LAYERS: list[set[str]] = [
    {"_files", "labels", "registry", "scores"},
    {"records"},
    {"text", "actors"},
    {"data"},
    {"models"},
    {"public"},
    {"training"},
    {"hub"},
    {"inference"},
    {"comparison"},
    {"bench", "console", "__main__", "__init__", "train", "evaluate", "publish", "export"},
]
RANK = {part: rank for rank, layer in enumerate(LAYERS) for part in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    """The framing modules ``path`` imports (a ``from package import name`` counts the
    submodule when ``name`` is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("framing")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("framing"):
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                sub_path = PACKAGE.parent / sub.replace(".", "/")
                is_module = sub_path.with_suffix(".py").is_file() or sub_path.is_dir()
                found.add(sub if is_module else node.module)
    return found


def graph() -> dict[str, set[str]]:
    files = [p for p in PACKAGE.rglob("*.py") if "resources" not in p.parts]
    return {module_name(p): imports_of(p) for p in files if "metrics" not in p.parts}


def test_no_relative_imports_hide_an_edge() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not relative, f"{path}: relative imports on lines {relative}"


def test_every_part_has_a_layer() -> None:
    assert {part_of(m) for m in graph()} <= set(RANK)


def test_imports_flow_down() -> None:
    wrong = []
    for module, targets in graph().items():
        here = part_of(module)
        for target in targets:
            there = part_of(target)
            if there != here and RANK[there] >= RANK[here] and target != "framing":
                wrong.append(f"{module} -> {target}")
            if target == "framing" and RANK[here] < len(LAYERS) - 1:
                wrong.append(f"{module} -> framing (the public surface is for users and the top)")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if target == module or target not in edges:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_every_subpackage_is_in_the_wheel() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert on_disk <= listed


def test_each_subpackage_says_what_it_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in doc.lower(), f"{init}: the docstring says nothing of its imports"
