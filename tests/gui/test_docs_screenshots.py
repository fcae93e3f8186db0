"""The manual's and the README's pictures (scripts/docs_screenshots.py) are taken in a made-up
home folder: the folder paths they show (the export dialog's "Save to", the library's folders
and files) are that home's, never the repository's, a temporary folder's or the real home's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget

ROOT = Path(__file__).resolve().parents[2]
MACHINE = ("/work", "/tmp", "/root", str(ROOT), str(Path.home()))


def _script() -> ModuleType:
    name = "docs_screenshots_under_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "docs_screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _words(widget: QWidget) -> list[str]:
    """Every text the picture of `widget` can show: labels, fields, buttons, list cells."""
    words = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, (QLabel, QAbstractButton)):
            words.append(child.text())
        elif isinstance(child, QLineEdit):
            words += [child.text(), child.placeholderText()]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model's columnCount is not Python's to call: one
                columns = 1
            for row in range(model.rowCount(QModelIndex())):
                for column in range(columns):
                    index = model.index(row, column)
                    words += [str(model.data(index, role) or "") for role in
                              (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
        words.append(child.toolTip())
    return [w for w in words if w]


def test_the_default_home_is_no_path_of_this_machine() -> None:
    home = str(_script().NEUTRAL_HOME)
    assert not any(home.startswith(place) for place in MACHINE)


def test_the_print_and_reuse_pictures_show_only_the_made_up_home(qtbot, tmp_path) -> None:
    shots = _script()
    from PySide6.QtWidgets import QApplication

    root = tmp_path / "alex"  # in a test the made-up home sits in a temporary folder
    outside = [place for place in MACHINE if place not in str(root)] + [str(tmp_path)]
    with shots.neutral_home(root) as home:
        for name, make in shots.MANUAL_SHOTS:
            if name not in ("print", "reuse"):
                continue
            built = shots.window(home, (1366, 768))
            qtbot.addWidget(built.shell)  # deleted after the test, its dialogs with it
            widget = make(built, home)
            qtbot.addWidget(widget)
            words = _words(widget)
            assert any(str(home.group) in word for word in words), name  # its paths show
            for word in words:
                rest = word.replace(str(root), "~")
                assert not any(place in rest for place in outside), (name, word)
            widget.close()
            shots.close(QApplication.instance(), built)
    assert not root.exists()  # made for the pictures, removed after
