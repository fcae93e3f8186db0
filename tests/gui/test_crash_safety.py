"""Errors the app did not expect: one line for a file it cannot open, and for a bug in a slot a
"Something went wrong" report with the details to copy, the traceback logged and the work
written to the recovery file (issues 16 and 18)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reading_guide.gui.core.crash_dialog import CrashDialog
from reading_guide.gui.core.crash_report import ExceptionHook
from reading_guide.model.edits import SetField
from reading_guide.storage.recovery import load_recovery
from tests.gui.app_support import quiet_window as make_window

BAD_FILES = {
    # An integer of 5,000 digits: Python refuses to convert it (ValueError, not ours).
    "digits.guide.yaml": "format: reading-guide/1\ntitle: t\nessay: {title: t, text: 'Hi.'}\n"
                         "session: {minutes: " + "9" * 5000 + "}\n",
    # An essay that makes the import fail with an error that is not ours (400 nested tags once
    # did, RecursionError; the import handles those now, so the failure is staged: see below).
    "bug.md": "# An essay\n\nIts clean-up fails with a bug.\n",
}


@pytest.fixture(autouse=True)
def _import_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clean-up of "bug.md" fails the way a library's bug does (RecursionError)."""
    import reading_guide.render.importer as importer

    real = importer.clean_markdown

    def clean(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if "fails with a bug" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(importer, "clean_markdown", clean)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_file_that_breaks_a_library_is_one_line_and_the_guide_stays(
    qtbot, tmp_path: Path, sample_guide_path: Path, name: str
) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(sample_guide_path)
    window.shell.session.push(SetField("guide", None, "title", "Unsaved"))
    bad = tmp_path / name
    bad.write_text(BAD_FILES[name], encoding="utf-8")
    window.shell.prompts.save_answer = "discard"
    assert not window.shell.files.open_path(bad)
    (title, message), = window.shell.prompts.errors
    assert "\n" not in message and name in message and len(message) < 400
    assert window.shell.session.guide.title == "Unsaved"


def test_reading_guide_on_a_bad_file_opens_the_window_with_one_line(
    qtbot, tmp_path: Path
) -> None:
    """`reading-guide FILE` reads the file while Qt starts; a bug there is one line too."""
    from reading_guide.app import _finish_reading

    bad = tmp_path / "bug.md"
    bad.write_text(BAD_FILES["bug.md"], encoding="utf-8")

    def read():
        from reading_guide.storage.opening import read_openable

        return read_openable(bad)

    window = make_window(qtbot, tmp_path)
    assert not window.shell.files.open_path(bad, _finish_reading(str(bad), read))
    (title, message), = window.shell.prompts.errors
    assert "\n" not in message and "bug.md" in message


@pytest.mark.qt_no_exception_capture  # the app's own hook is what is tested
def test_an_error_in_a_slot_is_reported_logged_and_the_work_kept(
    qtbot, tmp_path: Path, sample_guide_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "g.guide.yaml"
    shutil.copy(sample_guide_path, path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(path)
    window.shell.session.push(SetField("guide", None, "title", "Not saved yet"))
    reports: list[tuple[str, list[Path]]] = []

    def keep_safe() -> list[Path]:
        written = window.recovery.controller.autosave()
        return [written] if written else []

    hook = ExceptionHook(keep_safe, lambda details, saved: reports.append((details, saved)))
    hook.install()
    try:
        def broken_slot() -> None:
            raise ZeroDivisionError("a bug in a slot")

        with caplog.at_level(logging.ERROR):
            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: len(reports) == 1, timeout=5000)
    finally:
        hook.uninstall()
    details, saved = reports[0]
    assert "ZeroDivisionError: a bug in a slot" in details and "broken_slot" in details
    assert any("a bug in a slot" in r.getMessage() for r in caplog.records)
    assert len(saved) == 1 and load_recovery(saved[0])[1].title == "Not saved yet"
    # The report a user sees: the title, where the work is, the details and a copy button.
    dialog = CrashDialog(window.shell, details, saved)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Something went wrong"
    assert saved[0].name in dialog.message.text()
    assert dialog.text.toPlainText() == details and dialog.text.isReadOnly()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == details and dialog.copy_button.text() == "Copied"


def test_an_error_in_a_worker_thread_is_reported_from_the_window_thread(qtbot) -> None:
    import threading

    reports: list[str] = []
    threads: list[str] = []

    def show(details: str, _saved: list[Path]) -> None:
        reports.append(details)
        threads.append(threading.current_thread().name)

    hook = ExceptionHook(lambda: [], show)
    worker = threading.Thread(target=lambda: hook(*_raised()), name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reports != [], timeout=5000)
    assert "RuntimeError: in a thread" in reports[0] and threads == ["MainThread"]


def _raised():
    try:
        raise RuntimeError("in a thread")
    except RuntimeError as error:
        return type(error), error, error.__traceback__


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_reading_guide_file_reads_a_bad_file_into_one_line(tmp_path: Path, name: str) -> None:
    """What `reading-guide FILE` reads before Qt starts (commands/gui_launch.py) is the one
    line the window shows, whatever broke."""
    from reading_guide.commands.gui_launch import _read
    from reading_guide.errors import InputError

    bad = tmp_path / name
    bad.write_text(BAD_FILES[name], encoding="utf-8")
    result = _read(str(bad))
    assert isinstance(result, InputError)
    assert name in str(result) and "\n" not in str(result) and len(str(result)) < 400
