"""Live preview: the real handout PDF, rebuilt in the background after edits pause."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.model.edits import SetField
from tests.gui.app_support import quiet_window as make_window


@pytest.fixture
def window(qtbot, tmp_path: Path, sample_guide_path: Path):
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    window.shell.resize(1400, 900)
    window.shell.show()
    assert window.shell.files.open_path(guide_path)
    return window


def _pdf_text(panel) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(panel._job_out).pages)


def test_preview_builds_in_the_background_and_follows_edits(qtbot, window) -> None:
    panel = window.preview.panel
    with qtbot.waitSignal(panel.updated, timeout=90000) as first:
        window.preview.show()
    pages = first.args[0]
    assert pages >= 2 and panel.pages_label.text() == f"of {pages}"
    assert "The Case for Reading Slowly" in _pdf_text(panel)
    # Page navigation.
    panel.next_button.click()
    assert panel.current_page() == 1 and panel.page.value() == 2
    panel.page.setValue(pages)
    assert panel.current_page() == pages - 1 and not panel.next_button.isEnabled()
    # An edit returns at once: the build waits for the pause, in another process.
    with qtbot.waitSignal(panel.updated, timeout=90000):
        window.shell.session.push(SetField("guide", None, "title", "Slow Reading, Second Session"))
        assert panel.debounce.isActive() and panel.job is None
        window.shell.session.push(
            SetField("question", "q1", "text", "A brand-new opening question?"))
    text = _pdf_text(panel)
    assert "A brand-new opening question?" in text
    assert panel.current_page() <= pages - 1  # the page in view is kept where possible


def test_handout_switch_and_a_hidden_panel_does_no_work(qtbot, window) -> None:
    panel = window.preview.panel
    with qtbot.waitSignal(panel.updated, timeout=90000):
        window.preview.show()
    assert "Go round the room quickly" not in _pdf_text(panel)  # a facilitator-only note
    with qtbot.waitSignal(panel.updated, timeout=90000):
        panel.handout.setCurrentIndex(1)  # facilitator's handout
    assert "Go round the room quickly" in _pdf_text(panel)
    window.shell.dock("preview").hide()
    window.shell.session.push(SetField("question", "q2", "text", "Changed while hidden?"))
    qtbot.wait(300)
    assert panel.job is None and not panel.debounce.isActive()
    with qtbot.waitSignal(panel.updated, timeout=90000):
        window.preview.show()  # out of date: rebuilt on showing
    assert "Changed while hidden?" in _pdf_text(panel)
    out = Path(os.environ.get("GUI_SHOTS", panel.folder)) / "preview.png"
    panel.resize(520, 700)
    qtbot.wait(1500)  # QPdfView renders pages in a thread
    assert panel.grab().save(str(out))


def test_zoom_fit_width_whole_page_and_a_narrow_panel(qtbot, window) -> None:
    from reading_guide.gui.preview.pages import CUSTOM, FIT_WIDTH, WHOLE_PAGE

    panel = window.preview.panel
    with qtbot.waitSignal(panel.updated, timeout=90000):
        window.preview.show()
    pages = panel.pages
    assert pages.zoom_mode() == FIT_WIDTH and pages.fit_width.isChecked()  # readable at once
    fit = pages.zoom()
    pages.zoom_in.click()
    assert pages.zoom_mode() == CUSTOM and pages.zoom() == pytest.approx(fit * 1.25)
    pages.zoom_out.click()
    pages.zoom_out.click()
    assert pages.zoom() == pytest.approx(fit / 1.25)
    pages.whole_page.click()
    assert pages.zoom_mode() == WHOLE_PAGE and pages.zoom() <= fit  # the height counts too
    pages.fit_width.click()
    assert pages.zoom() == pytest.approx(fit)
    # The dock never needs more than a narrow strip beside the essay.
    assert panel.minimumSizeHint().width() <= 200 and panel.sizeHint().width() <= 260


def test_a_new_edit_cancels_the_build_under_way_and_the_last_one_shows(qtbot, window) -> None:
    panel = window.preview.panel
    with qtbot.waitSignal(panel.updated, timeout=90000):
        window.preview.show()
    session = window.shell.session
    session.push(SetField("question", "q1", "text", "An outdated question?"))
    panel.refresh()  # a build starts at once...
    first = panel.job
    assert first is not None
    with qtbot.waitSignal(panel.updated, timeout=90000):
        session.push(SetField("question", "q1", "text", "The question as it ends up?"))
        assert first.cancel_requested  # ...and the next edit makes it out of date
    text = _pdf_text(panel)
    assert "The question as it ends up?" in text and "An outdated question?" not in text
    assert window.exporter().workers_started == 1


def test_an_edit_after_a_quiet_moment_builds_at_once_typing_waits_for_a_pause(
        qtbot, window) -> None:
    from reading_guide.gui.preview.panel import DELAY_MS
    from reading_guide.gui.preview.typing_pause import TypingPause

    panel = window.preview.panel
    with qtbot.waitSignal(panel.updated, timeout=90000):
        window.preview.show()
    assert DELAY_MS <= 300  # the pause fits the 1 s budget with a build of ~0.6 s
    qtbot.wait(DELAY_MS + 50)
    now = [100.0]  # the typist's clock, so the pauses below do not depend on this machine
    panel.pause = TypingPause(DELAY_MS, clock=lambda: now[0])
    session = window.shell.session
    session.push(SetField("question", "q1", "text", "One change?"))
    assert panel.debounce.isActive() and panel.debounce.interval() == 0  # at once
    now[0] += 0.1  # the next key, 100 ms later
    session.push(SetField("question", "q1", "text", "One change, typed on?"))
    # It waits for a pause (starting the timer at once must not shorten the next wait to
    # nothing): half as long again as the typist's gap, not the longest pause.
    assert panel.debounce.isActive() and panel.debounce.interval() == 150 < DELAY_MS
    with qtbot.waitSignal(panel.updated, timeout=90000):
        pass
    assert "One change, typed on?" in _pdf_text(panel)
