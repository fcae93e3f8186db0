"""Opening, saving and closing never lose work: bad files leave the open guide untouched, failed
saves keep the work open and modified, and unsaved changes are offered for saving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from reading_guide.errors import InputError
from reading_guide.storage import load_guide
from tests.gui.app_support import ESSAY, make_window


def _window_with_work(qtbot, tmp_path: Path, saved: bool = True):
    """A window on a guide with one unsaved highlight (saved once first when `saved`)."""
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    if saved:
        window.shell.prompts.next_save = str(tmp_path / "work.guide.yaml")
        assert window.shell.files.save()
    window.reader.view.select_range(0, 10)
    window.guide.ops.highlight("claim")
    assert window.shell.isWindowModified()
    return window


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.guide.yaml", b"format: reading-guide/1\ntitle: [unclosed\n", "line"),
        ("future.guide.yaml", b"format: reading-guide/2\ntitle: x\n", "newer"),
        ("binary.md", bytes(range(256)) * 4, "binary"),
        ("picture.png", b"\x89PNG\r\n", "cannot open"),
        ("missing.md", None, "no such file"),
    ],
)
def test_bad_files_show_one_line_and_leave_the_guide_untouched(
    qtbot, tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    window = _window_with_work(qtbot, tmp_path)
    guide_before = window.shell.session.guide
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    window.shell.prompts.save_answer = "discard"
    assert not window.shell.files.open_path(path)
    assert len(window.shell.prompts.errors) == 1
    title, message = window.shell.prompts.errors[0]
    assert "\n" not in message and name in message and reason in message.lower()
    assert window.shell.session.guide is guide_before and len(guide_before.highlights) == 1
    assert window.shell.isWindowModified() and window.shell.session.undo_stack.canUndo()


def test_a_folder_is_refused(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    (tmp_path / "folder.md").mkdir()
    assert not window.shell.files.open_path(tmp_path / "folder.md")
    assert "folder" in window.shell.prompts.errors[0][1]


def test_save_to_a_read_only_folder_says_why_and_keeps_the_work(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window_with_work(qtbot, tmp_path, saved=False)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() == 0:  # root ignores the mode: refuse creating files there as the OS would
        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            if Path(path).parent == locked and flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        window.shell.prompts.next_save = str(locked / "g.guide.yaml")
        assert not window.shell.files.save()
    finally:
        locked.chmod(0o700)
    assert window.shell.prompts.errors and "could not save" in window.shell.prompts.errors[0][1]
    assert window.shell.isWindowModified() and window.shell.session.path is None


def test_save_into_a_missing_folder_says_why_and_keeps_the_work(qtbot, tmp_path: Path) -> None:
    # The same path as a read-only folder (an OSError on the temporary file), runnable as root.
    window = _window_with_work(qtbot, tmp_path, saved=False)
    window.shell.prompts.next_save = str(tmp_path / "gone" / "g.guide.yaml")
    assert not window.shell.files.save()
    assert len(window.shell.prompts.errors) == 1 and "\n" not in window.shell.prompts.errors[0][1]
    assert window.shell.isWindowModified() and window.shell.session.path is None
    assert len(window.shell.session.guide.highlights) == 1


def test_file_changed_on_disk_asks_before_overwriting(qtbot, tmp_path: Path) -> None:
    window = _window_with_work(qtbot, tmp_path)
    path = tmp_path / "work.guide.yaml"
    other = path.read_text(encoding="utf-8").replace("title: ", "title: Edited elsewhere ", 1)
    path.write_text(other, encoding="utf-8")
    window.shell.prompts.overwrite_answer = False
    assert not window.shell.files.save()
    assert window.shell.prompts.asked[-1] == f"overwrite:{path.resolve()}"
    assert path.read_text(encoding="utf-8") == other  # their version is still there
    assert window.shell.isWindowModified()
    window.shell.prompts.overwrite_answer = True
    assert window.shell.files.save()
    assert len(load_guide(path).highlights) == 1
    assert not window.shell.isWindowModified()


@pytest.mark.parametrize(("answer", "closes", "saved"), [
    ("cancel", False, False), ("discard", True, False), ("save", True, True),
])
def test_close_prompt(qtbot, tmp_path: Path, answer: str, closes: bool, saved: bool) -> None:
    window = _window_with_work(qtbot, tmp_path)
    window.shell.prompts.save_answer = answer
    assert window.shell.close() is closes
    assert window.shell.prompts.asked[-1] == "save_changes:work.guide.yaml"
    assert (len(load_guide(tmp_path / "work.guide.yaml").highlights) == 1) is saved


def test_no_prompt_when_nothing_changed(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    assert window.shell.close()
    assert window.shell.prompts.asked == []


def test_opening_another_file_asks_first_and_cancel_keeps_everything(qtbot, tmp_path: Path):
    window = _window_with_work(qtbot, tmp_path)
    guide = window.shell.session.guide
    window.shell.prompts.save_answer = "cancel"
    assert not window.shell.files.open_path(ESSAY)
    assert window.shell.session.guide is guide and window.shell.isWindowModified()
    window.shell.prompts.save_answer = "discard"
    assert window.shell.files.open_path(ESSAY)
    assert window.shell.session.guide is not guide and window.shell.session.guide.highlights == []


def test_undo_back_to_the_saved_state_clears_the_modified_mark(qtbot, tmp_path: Path) -> None:
    window = _window_with_work(qtbot, tmp_path)
    assert window.shell.windowTitle() == "work.guide.yaml[*] — Reading Guide"
    window.shell.act_undo.trigger()
    assert not window.shell.isWindowModified()
    window.shell.act_redo.trigger()
    assert window.shell.isWindowModified()


def test_recent_files_and_window_state_are_remembered(qtbot, tmp_path: Path) -> None:
    window = _window_with_work(qtbot, tmp_path)
    saved = str((tmp_path / "work.guide.yaml").resolve())
    assert window.shell.settings.recent_files()[0] == saved
    assert window.shell.recent_menu.actions()[0].statusTip() == saved
    window.shell.resize(700, 500)  # within the offscreen screen (800x600)
    window.shell.prompts.save_answer = "save"
    assert window.shell.close()
    (tmp_path / "again").mkdir()
    # Same settings file: a new window comes back at the same size, and the recent entry opens.
    from PySide6.QtCore import QSettings

    from reading_guide.app import build_window
    from reading_guide.gui.core.settings import Settings
    from tests.gui.app_support import RecordingPrompts

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    second = build_window(settings, prompts=RecordingPrompts(), opener=lambda _p: None)
    qtbot.addWidget(second.shell)
    assert (second.shell.width(), second.shell.height()) == (700, 500)
    second.shell.recent_menu.actions()[0].trigger()
    assert second.shell.session.path == Path(saved)
    assert len(second.shell.session.guide.highlights) == 1


def test_a_dropped_file_opens(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ESSAY))])
    enter = QDragEnterEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.shell, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.shell, drop)
    assert window.shell.session.is_open
    assert window.shell.session.guide.essay.title == "The Keeper of the Lighthouse"
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.jpg"))])
    refused = QDragEnterEvent(QPointF(5, 5), Qt.DropAction.CopyAction, other,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    refused.setAccepted(False)
    QApplication.sendEvent(window.shell, refused)
    assert not refused.isAccepted()


def test_open_from_the_menu_and_close_the_guide(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.pages.currentWidget() is window.shell.welcome
    assert not window.shell.act_save.isEnabled()
    window.shell.prompts.next_open = str(ESSAY)
    window.shell.act_open.trigger()
    assert window.reader.page.isVisible()  # the essay, in the middle of the window
    assert window.shell.act_save.isEnabled()
    window.shell.act_close.trigger()
    assert window.shell.pages.currentWidget() is window.shell.welcome
    assert window.shell.windowTitle() == "Reading Guide"


def test_new_asks_for_an_essay_and_starts_a_guide(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.shell.prompts.next_open = str(ESSAY)
    window.shell.act_new.trigger()
    assert window.shell.prompts.asked == ["open_essay"]
    assert window.shell.session.path is None and window.shell.session.guide.categories
    assert window.shell.windowTitle() == "lighthouse.guide.yaml (not saved yet)[*] — Reading Guide"


def test_a_recent_file_that_is_gone_says_so_and_leaves_the_list(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    gone = tmp_path / "gone.guide.yaml"
    window.shell.settings.add_recent(str(gone))
    window.shell.recent_menu.aboutToShow.emit()
    window.shell.recent_menu.actions()[0].trigger()
    assert "no such file" in window.shell.prompts.errors[0][1]
    window.shell.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.shell.recent_menu.actions()] == ["No recent files"]


def test_an_essay_opened_in_the_app_starts_the_same_guide_as_the_command_line(
    qtbot, tmp_path: Path
) -> None:
    from reading_guide.commands.new import guide_from_essay
    from reading_guide.render import import_essay

    essay = Path(__file__).resolve().parents[1] / "data" / "gui" / "lighthouse.md"
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(essay)
    assert window.shell.session.guide == guide_from_essay(import_essay(essay))


def test_a_file_read_before_qt_started_opens_as_if_read_by_the_window(qtbot, tmp_path) -> None:
    """`reading-guide FILE` reads the file before Qt is imported and hands it to the window."""
    from reading_guide.storage.opening import read_openable

    guide_path = tmp_path / "pre.guide.yaml"
    window = _window_with_work(qtbot, tmp_path, saved=False)
    window.shell.prompts.next_save = str(guide_path)
    assert window.shell.files.save()
    read = read_openable(guide_path)
    guide_path.rename(tmp_path / "moved.guide.yaml")  # the window must not read the file again

    other = make_window(qtbot, tmp_path)
    assert other.shell.files.open_path(guide_path, read)
    assert other.shell.session.path == guide_path.resolve()
    assert other.shell.session.stamp == read.stamp
    assert [h.quote.exact for h in other.shell.session.guide.highlights] == \
        [h.quote.exact for h in window.shell.session.guide.highlights]
    assert not other.shell.isWindowModified() and other.shell.prompts.errors == []


def test_a_file_that_failed_before_qt_started_shows_its_one_line_error(qtbot, tmp_path) -> None:
    from reading_guide.storage.opening import read_openable

    path = tmp_path / "broken.guide.yaml"
    path.write_bytes(b"format: reading-guide/1\ntitle: [unclosed\n")
    with pytest.raises(InputError) as caught:
        read_openable(path)
    failure = caught.value
    window = make_window(qtbot, tmp_path)
    assert not window.shell.files.open_path(path, failure)
    [(_, message)] = window.shell.prompts.errors
    assert message == str(failure) and "broken.guide.yaml" in message
    assert not window.shell.session.is_open
