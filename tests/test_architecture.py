"""DESIGN.md's layer rules, checked on the source so that a slip fails CI, not a code review."""

from __future__ import annotations

import ast
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
