"""A received guide cannot make the app read a file: every widget shows its text as text.

Qt labels, tool tips and message boxes guess "rich text" from the text itself; a quote or a title
reading `<img src="/dev/zero">` then makes Qt read that file until memory runs out (issue 18).
The guide below carries such markup in every field and in its file name; the test visits every
item, panel and dialog that shows it and proves, with inotify on Linux, that no file of the probe
folder was ever opened, and that every label showing the text is a plain-text label.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from reading_guide.app import build_window
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.settings import Settings
from reading_guide.storage import save_guide
from reading_guide.storage.recovery import RecoveryInfo
from tests.gui.hostile_text import (
    OpenWatch,
    can_watch,
    hostile_guide,
    hostile_name,
    make_probe,
    payloads,
)


class VisitingPrompts(Prompts):
    """The real message boxes, shown and painted, then closed without an answer."""

    def __init__(self, seen: list[QWidget]) -> None:
        super().__init__(None)
        self.seen = seen

    def run(self, box: QMessageBox) -> None:
        box.show()
        QApplication.processEvents()
        box.grab()
        self.seen.append(box)
        _check_labels()
        box.close()


def _markup_labels() -> list[QLabel]:
    return [w for w in QApplication.allWidgets()
            if isinstance(w, QLabel) and ("src=" in w.text() or "href=" in w.text())]


def _check_labels() -> None:
    labels = _markup_labels()
    # Tool tips have no plain-text mode: their markup is ours, the guide's text escaped in it.
    tips = [w.text() for w in labels if w.objectName() == "qtooltip_label"]
    assert not [t for t in tips if "<img" in t or "<link" in t], "a tool tip with raw markup"
    rich = [w.objectName() or w.text()[:40] for w in labels
            if w.textFormat() != Qt.TextFormat.PlainText and w.objectName() != "qtooltip_label"]
    assert rich == [], "labels showing guide text as rich text"


def _paint(widget: QWidget) -> None:
    QApplication.processEvents()
    widget.grab()
    _check_labels()


def _tooltip(text: str, widget: QWidget) -> None:
    if text:
        QToolTip.showText(widget.mapToGlobal(QPoint(5, 5)), text, widget)
        QApplication.processEvents()
        QToolTip.hideText()


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = make_probe(tmp_path / "probe")
    monkeypatch.chdir(folder)  # relative `<img src=probe.png>` resolves here
    return folder


def test_no_widget_opens_a_file_named_in_guide_text(qtbot, tmp_path: Path, probe: Path) -> None:
    library = tmp_path / "data" / "guides"
    library.mkdir(parents=True)
    path = library / hostile_name(probe)
    save_guide(hostile_guide(probe), path)
    # A guide that fails validation: the library quotes the bad value in its error line.
    bad = payloads(probe)[2]
    (library / f"{payloads(probe)[0]} broken.guide.yaml").write_text(
        f"format: reading-guide/1\ntitle: x\nessay: {{title: t, text: 'x'}}\n"
        f"questions:\n  - {{id: q1, text: t, kind: '{bad}'}}\n", encoding="utf-8")
    essay = tmp_path / f"{payloads(probe)[0]} essay.md"
    essay.write_text(f"The first half of a sentence {payloads(probe)[1]}\n\n"
                     f"and its end {payloads(probe)[2]}.\n", encoding="utf-8")
    watch = OpenWatch(probe) if can_watch() else None
    seen: list[QWidget] = []
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = build_window(settings, prompts=VisitingPrompts(seen), opener=lambda _p: None,
                          data_dir=tmp_path / "data")
    qtbot.addWidget(window.shell)
    window.shell.show()
    try:
        _visit_everything(qtbot, window, path, essay, seen)
    finally:
        opened = watch.events() if watch is not None else []
        if watch is not None:
            watch.close()
    assert opened == [], "a widget opened a file named in the guide"
    if watch is None:
        pytest.skip("the file-open half needs inotify (Linux); the label half passed")


def _visit_everything(qtbot, window, path: Path, essay: Path, seen: list[QWidget]) -> None:
    shell = window.shell
    # An essay whose import repairs quote markup, then the guide itself.
    assert window.shell.files.open_path(essay)
    window.reader.repairs.toggle.setChecked(True)
    _paint(shell)
    assert window.shell.files.open_path(path), window.shell.prompts
    assert "src=" in window.shell.windowTitle()
    _paint(shell)
    window.shell.statusBar().showMessage(window.shell.session.guide.title)
    _paint(shell)
    # The guide tree: every item selected (the editors show it) and its tool tip shown.
    tree = window.guide.panel.tree
    items = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        items += [group.child(j) for j in range(group.childCount())]
        for j in range(group.childCount()):
            child = group.child(j)
            items += [child.child(k) for k in range(child.childCount())]
    assert len(items) > 10
    for item in items:
        tree.setCurrentItem(item)
        _paint(shell)
        _tooltip(item.toolTip(0), tree)
    # Hovering each highlight in the essay.
    reader = window.reader.view
    for h in window.shell.session.guide.highlights:
        if h.position is None:
            continue
        reader.scroll_to(h.position.start)
        rect = reader.offset_rect(h.position.start + 1)
        point = QPoint(rect.x() + 2, rect.center().y())
        viewport = reader.editor.viewport()
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point,
                                                    viewport.mapToGlobal(point)))
        QApplication.processEvents()
        QToolTip.hideText()
    for action in window.guide.category_actions + window.shell.recent_menu.actions():
        _tooltip(action.toolTip(), shell)
    # Session plan and review queue.
    window.plan.show()
    plan = window.plan.plan
    for i in range(plan.tree.topLevelItemCount()):
        group = plan.tree.topLevelItem(i)
        for j in range(group.childCount()):
            plan.tree.setCurrentItem(group.child(j))
            _paint(shell)
            _tooltip(group.child(j).toolTip(1), plan.tree)
    shell.show_dock("review")
    review = window.review.queue
    assert review.list.count() >= 3
    for row in range(review.list.count()):
        review.list.setCurrentRow(row)
        _paint(shell)
        _tooltip(review.list.item(row).toolTip(), review.list)
    # The library, with the guide and a broken guide in the user's folder.
    dialog = window.library.make_dialog()
    qtbot.addWidget(dialog)
    assert dialog.wait_for_scan()  # the folders are read in a worker
    dialog.show()
    for i in range(dialog.tree.topLevelItemCount()):
        item = dialog.tree.topLevelItem(i)
        dialog.tree.setCurrentItem(item)
        _paint(dialog)
        _tooltip(item.toolTip(0), dialog.tree)
    dialog.close()
    # The question bank reads the same folder: every result, its details and every guide row.
    bank = window.library.show_bank()
    qtbot.waitUntil(lambda: not window.library.bank.busy, timeout=30_000)
    assert bank.list.topLevelItemCount() >= 1 and bank.guides.topLevelItemCount() >= 2
    for i in range(bank.list.topLevelItemCount()):
        item = bank.list.topLevelItem(i)
        bank.list.setCurrentItem(item)
        _paint(bank)
        for column in range(4):
            _tooltip(item.toolTip(column), bank.list)
    bank.tabs.setCurrentIndex(1)
    for i in range(bank.guides.topLevelItemCount()):
        item = bank.guides.topLevelItem(i)
        _paint(bank)
        for column in range(2):
            _tooltip(item.toolTip(column), bank.guides)
    bank.close()
    # Dialogs about the guide.
    from reading_guide.gui.core.about import build_about_box
    from reading_guide.gui.export.dialog import ExportDialog
    from reading_guide.gui.guide.categories_dialog import CategoriesDialog
    from reading_guide.gui.guide.details_dialog import DetailsDialog
    from reading_guide.gui.library.library_dialog import DuplicateDialog

    for make in (lambda: DetailsDialog(shell.session, shell),
                 lambda: CategoriesDialog(shell.session, shell),
                 lambda: DuplicateDialog(shell.session.guide, shell),
                 lambda: build_about_box(shell)):
        box = make()
        qtbot.addWidget(box)
        box.show()
        _paint(box)
        if isinstance(box, CategoriesDialog):
            for row in range(box.list.count()):
                box.list.setCurrentRow(row)
                _paint(box)
        box.close()
    export = ExportDialog(shell.session, shell.settings, shell.prompts, shell,
                          opener=lambda _p: None)
    qtbot.addWidget(export)
    export.show()
    export.output.setText(str(path.parent / payloads(path.parent)[0] / "out.pdf"))
    export.start()  # the folder does not exist: the status line and an error box quote it
    _paint(export)
    export.close()
    # Every question the app asks, with guide text in it.
    prompts = window.shell.prompts
    name = window.shell.session.display_name()
    prompts.error("Could not open the file", f"{path}: {window.shell.session.guide.title}")
    prompts.save_changes(name)
    prompts.overwrite_changed_file(str(path))
    prompts.delete_highlight(2)
    prompts.notice("Guide taken over", f"“{path.name}” was left open by a Reading Guide…")
    recovery = window.recovery.controller
    info = RecoveryInfo(path.with_suffix(".recovery.yaml"), path, None, time.time(), 1,
                        window.shell.session.guide.title, "")
    recovery.ask_restore(info)
    recovery.ask_reload(path, True)
    assert len(seen) >= 7
    from reading_guide.gui.core.crash_dialog import CrashDialog

    crash = CrashDialog(shell, f"ValueError: {window.shell.session.guide.title}", [path])
    qtbot.addWidget(crash)
    crash.show()
    _paint(crash)
    crash.close()
