"""DESIGN.md's layer rules, checked on the source so that a slip fails CI, not a code review."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reading_guide"
QT_ROOTS = {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
# Lower layers must not import higher ones (DESIGN.md: one direction of dependency).
LAYER_ORDER = ["model", "anchoring", "render", "storage", "export", "commands", "gui"]
ALLOWED_BELOW = {
    "model": set(),
    "anchoring": {"model"},
    "render": {"model"},
    "storage": {"model", "anchoring", "render"},
    "export": {"model", "anchoring", "render", "storage"},
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _core_files() -> list[Path]:
    files = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "gui" or rel.as_posix() == "app.py":
            continue
        files.append(path)
    return files


def test_core_never_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _core_files()
        for name in _imports(path)
        if name.split(".")[0] in QT_ROOTS
    ]
    assert offenders == []


def test_the_architecture_check_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(sample)


def test_layers_only_import_downwards() -> None:
    offenders = []
    for layer, allowed in ALLOWED_BELOW.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] != "reading_guide" or len(parts) < 2:
                    continue
                target = parts[1]
                if target in LAYER_ORDER and target != layer and target not in allowed:
                    offenders.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert offenders == []


def test_importing_the_core_loads_neither_qt_nor_weasyprint() -> None:
    code = (
        "import sys, reading_guide.cli, reading_guide.storage, reading_guide.render, "
        "reading_guide.anchoring, reading_guide.export\n"
        "bad = [m for m in ('PySide6', 'weasyprint') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# -- gui/: a core and features (DESIGN.md: gui/ organised by feature) ---------------------------

GUI = PACKAGE / "gui"
CORE = "core"
# Modules at gui/'s root besides the packages: the Qt-free guard installed before Qt loads.
GUI_ROOT_MODULES = {"__init__.py", "refcount_guard.py"}
MAX_LINES = 400


def _all_imports(path: Path) -> list[str]:
    """Every module `path` imports, relative imports resolved, lazy (in-function) ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names.append(target)
            names += [f"{target}.{alias.name}" for alias in node.names]
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _gui_part(name: str) -> str | None:
    """"core", a feature's name, "refcount_guard", or None for a module outside gui/."""
    parts = name.split(".")
    if parts[:2] != ["reading_guide", "gui"] or len(parts) < 3:
        return None
    return parts[2]


def _gui_files() -> list[Path]:
    return sorted(GUI.rglob("*.py"))


def _features() -> list[str]:
    return sorted(p.name for p in GUI.iterdir() if p.is_dir() and p.name not in (CORE,
                                                                                   "__pycache__"))


def test_gui_is_a_core_and_features() -> None:
    loose = sorted(p.name for p in GUI.glob("*.py") if p.name not in GUI_ROOT_MODULES)
    assert loose == [], "gui/ modules belong in core/ or in a feature's package"
    assert {"reader", "guide", "plan", "review", "library", "preview", "export",
            "recovery"} <= set(_features())
    milestones = [p for p in GUI.rglob("*.py") if re.search(r"part_?\d|milestone|phase_?\d",
                                                              p.stem)]
    assert milestones == [], "modules are named for what they do, never after a milestone"


def test_features_depend_only_on_the_core() -> None:
    offenders = []
    for path in _gui_files():
        own = _gui_part(_module_name(path))
        for name in _all_imports(path):
            target = _gui_part(name)
            if target is None or target == own or target in (CORE, "refcount_guard"):
                continue
            if own == CORE:
                offenders.append(f"core imports feature {name} ({path.name})")
            elif own not in (None, "refcount_guard", "__init__"):
                offenders.append(f"feature {own} imports {name} ({path.name})")
    assert offenders == []


def test_nothing_in_gui_imports_upwards() -> None:
    """gui/ never imports app.py (the composition root) or the command line."""
    upward = ("reading_guide.app", "reading_guide.cli", "reading_guide.commands")
    offenders = [f"{path.relative_to(PACKAGE)} imports {name}"
                 for path in _gui_files() for name in _all_imports(path)
                 if name.startswith(upward)]
    assert offenders == []


def test_no_module_in_gui_is_over_400_lines() -> None:
    files = [*_gui_files(), PACKAGE / "app.py"]
    long = {str(p.relative_to(PACKAGE)): n for p in files
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
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
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _graph(files: list[Path]) -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in files}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imported in _all_imports(path):
            # `from pkg import mod` names pkg.mod; `from pkg.mod import f` names pkg.mod.f.
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                graph[name].add(imported)
    return graph


def test_gui_has_no_import_cycles() -> None:
    files = [*_gui_files(), PACKAGE / "app.py"]
    # A package's __init__ is a module of its own; importing a submodule does not import
    # the package in a way that forms a loop with it.
    graph = _graph(files)
    assert _cycles(graph) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
