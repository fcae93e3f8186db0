"""Export from the window: every handout reaches a PDF through the child process, the window
keeps answering meanwhile, Cancel stops it, and the finished PDF is handed to the viewer."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from tests.gui.export_support import EXPORT_TIMEOUT_MS, export_dialog, window_with_a_question


@pytest.fixture
def window(qtbot, tmp_path: Path):
    return window_with_a_question(qtbot, tmp_path)


def _wait_done(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running, timeout=EXPORT_TIMEOUT_MS)


@pytest.mark.parametrize("variant", ["participant", "questions", "facilitator"])
def test_each_handout_exports_and_opens_in_the_viewer(qtbot, window, tmp_path, variant) -> None:
    out = tmp_path / f"{variant}.pdf"
    dialog = export_dialog(qtbot, window, out, variant)
    dialog.export_button.click()
    assert dialog.running and not dialog.export_button.isEnabled()
    _wait_done(qtbot, dialog)
    assert window.shell.prompts.errors == []
    assert out.read_bytes().startswith(b"%PDF")
    assert window.shell.prompts.opened == [str(out)]
    assert dialog.progress.value() == dialog.progress.maximum()
    assert window.shell.settings.get("export/variant") == variant  # remembered for next time


def test_the_event_loop_keeps_running_during_an_export(qtbot, window, tmp_path) -> None:
    """Responsiveness: a 10 ms timer keeps firing; the largest gap stays under 100 ms."""
    dialog = export_dialog(qtbot, window, tmp_path / "live.pdf", "facilitator")
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    dialog.export_button.click()  # starting the child is part of what must not block
    _wait_done(qtbot, dialog)
    ticker.stop()
    assert (tmp_path / "live.pdf").is_file()
    assert len(gaps) > 20  # the export took a while, so the measurement means something
    assert max(gaps) < 100, f"event loop blocked for {max(gaps)} ms"


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, window, tmp_path) -> None:
    out = tmp_path / "cancelled.pdf"
    dialog = export_dialog(qtbot, window, out, "participant")
    dialog.export_button.click()
    dialog.cancel_button.click()
    _wait_done(qtbot, dialog)
    assert "cancel" in dialog.status.text().lower()
    time.sleep(0.2)
    assert not out.exists() and window.shell.prompts.opened == []
    assert dialog.export_button.isEnabled()


def test_a_missing_folder_is_an_error_line_not_a_crash(qtbot, window, tmp_path) -> None:
    dialog = export_dialog(qtbot, window, tmp_path / "nowhere" / "x.pdf", "participant")
    dialog.export_button.click()
    assert not dialog.running
    errors = window.shell.prompts.errors
    assert len(errors) == 1 and "does not exist" in errors[0][1]


def test_the_gui_process_never_imports_weasyprint(qtbot, window, tmp_path, monkeypatch) -> None:
    import importlib.abc
    import sys

    # Other tests in this process may have imported WeasyPrint: hide it for this test, and
    # record any attempt to import it again (the render must happen in the child process).
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    attempts: list[str] = []

    class Spy(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):  # noqa: ANN001
            if name == "weasyprint" or name.startswith("weasyprint."):
                attempts.append(name)
            return None

    monkeypatch.setattr(sys, "meta_path", [Spy(), *sys.meta_path])
    dialog = export_dialog(qtbot, window, tmp_path / "p.pdf", "questions")
    dialog.export_button.click()
    _wait_done(qtbot, dialog)
    assert (tmp_path / "p.pdf").is_file()
    assert attempts == [] and "weasyprint" not in sys.modules


def test_paper_and_large_print_reach_the_pdf(qtbot, window, tmp_path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "letter.pdf"
    dialog = export_dialog(qtbot, window, out, "questions")
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.large_print.setChecked(True)
    dialog.export_button.click()
    _wait_done(qtbot, dialog)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter
    assert window.shell.settings.get("export/paper") == "letter"
    assert window.shell.settings.get("export/large_print") is True
    again = export_dialog(qtbot, window, out, "questions")  # the next export starts from the same
    assert again.paper.currentData() == "letter" and again.large_print.isChecked()
