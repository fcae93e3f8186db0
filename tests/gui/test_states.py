"""Issue 17.2 and 17.5: what the window shows when there is nothing to show, and the keys that
used to do nothing silently."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.app_support import make_window, press
from tests.gui.test_review import _edited_essay, _update


def test_an_emptied_review_queue_says_all_done_and_closes(qtbot, tmp_path: Path,
                                                          sample_guide_path: Path) -> None:
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    assert shell.files.open_path(guide_path)
    _update(qtbot, window, _edited_essay(tmp_path), "2nd")
    dock, queue = shell.dock("review"), window.review.queue
    assert dock.isVisible() and queue.pending()
    while len(queue.pending()) > 1:
        queue.keep_general()
        assert dock.isVisible()  # not done yet
    queue.keep_general()
    assert not dock.isVisible()
    assert shell.statusBar().currentMessage() == "All done: every passage is reviewed."


def _sample(tmp_path: Path, sample_guide_path: Path) -> Path:
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    return guide_path


def test_no_guide_no_panels(qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    docks = [shell.dock(n) for n in ("guide", "editor")]
    assert not any(d.isVisible() for d in docks)  # no "0 questions", no editing hints
    assert not shell.dock("guide").toggleViewAction().isEnabled()
    assert shell.files.open_path(_sample(tmp_path, sample_guide_path))
    assert all(d.isVisible() for d in docks)
    assert shell.dock("guide").toggleViewAction().isEnabled()
    shell.files.close_guide()
    assert not any(d.isVisible() for d in docks)
    assert shell.close()
    # Quitting with no guide open keeps the layout the panels had: they come back next time.
    second = make_window(qtbot, tmp_path).shell
    assert second.files.open_path(tmp_path / "sample.guide.yaml")
    assert second.dock("guide").isVisible() and second.dock("editor").isVisible()


def test_an_unused_category_key_says_so(qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    assert shell.files.open_path(_sample(tmp_path, sample_guide_path))
    count = len(shell.session.guide.categories)
    assert count < 7
    text = shell.session.document.text
    window.reader.view.select_range(0, text.index(" ", 10))
    window.reader.view.setFocus()
    before = len(shell.session.guide.highlights)
    press(qtbot, window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert len(shell.session.guide.highlights) == before
    assert shell.statusBar().currentMessage() == (
        f"No category 7: this guide has only {count} categories (Guide ▸ Categories… adds one).")


def test_editor_fits_laptop_windows_and_tab_never_lands_on_delete(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    for size in ((1366, 768), (1024, 700)):
        window = make_window(qtbot, tmp_path / f"{size[0]}")
        shell = window.shell
        shell.resize(*size)
        assert shell.files.open_path(_sample(tmp_path, sample_guide_path))
        question = next(q for q in shell.session.guide.questions if q.highlight)
        shell.selection.select("question", question.id)
        editor = window.guide.editors.question
        qtbot.waitUntil(lambda e=editor: e.delete.isVisible())
        scroller = window.guide.scroller
        assert scroller.verticalScrollBar().maximum() == 0, size  # nothing below the fold
        tree = window.guide.panel.tree
        qtbot.waitUntil(lambda t=tree: t.height() >= 120)  # the tree keeps rows too (split
        assert scroller.verticalScrollBar().maximum() == 0, size  # once laid out): still fits
        for button in (editor.up, editor.down, editor.delete):
            assert button.visibleRegion().boundingRect().height() == button.height(), size
        # Tab from the last field, and on round the editor: never onto Delete.
        editor.note.setFocus()
        for _ in range(12):
            press(qtbot, window, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is not editor.delete
        shell.close()


def test_reopens_the_last_guide_on_start(qtbot, tmp_path: Path,
                                         sample_guide_path: Path) -> None:
    path = _sample(tmp_path, sample_guide_path)
    first = make_window(qtbot, tmp_path).shell
    assert first.files.open_path(path)
    assert first.close()
    window = make_window(qtbot, tmp_path)
    assert window.shell.reopen.action.isChecked()  # on by default
    window.shell.reopen.start()
    qtbot.waitUntil(lambda: window.shell.session.is_open)
    assert window.shell.session.path == path
    # Turned off: the next start shows the welcome page.
    window.shell.reopen.action.trigger()
    assert window.shell.close()
    third = make_window(qtbot, tmp_path)
    assert not third.shell.reopen.action.isChecked()
    assert third.shell.reopen.last_guide() is None
    # On again, but the guide has gone: nothing opens, nothing is asked.
    third.shell.reopen.action.trigger()
    path.unlink()
    assert third.shell.reopen.last_guide() is None
    assert third.shell.prompts.errors == []
