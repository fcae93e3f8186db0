"""The export dialog around the export (issue 17.6): a busy state that says what is happening, a
question before a file is replaced, the pages counted, Open and Show in Folder, a word when no
viewer opens, the result cleared when a choice changes, the handout options of issue 15, and
one warm export process shared with the preview (issue 16.6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.gui.export_support import EXPORT_TIMEOUT_MS, export_dialog, window_with_a_question


@pytest.fixture
def window(qtbot, tmp_path: Path):
    return window_with_a_question(qtbot, tmp_path)


def _export(qtbot, dialog) -> None:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=EXPORT_TIMEOUT_MS)


def test_a_busy_bar_says_what_happens_until_the_first_figure(qtbot, window, tmp_path) -> None:
    dialog = export_dialog(qtbot, window, tmp_path / "q.pdf")
    # Before an export there is no bar: an empty one reads as an empty text field to fill in.
    assert not dialog.progress.isVisible()
    dialog.export_button.click()
    assert dialog.progress.isVisible()
    # Never "0%" while the worker starts: a busy bar and words.
    assert dialog.progress.maximum() == 0
    assert dialog.status.text() in ("Starting the export process…", "Laying out the handout…")
    qtbot.waitUntil(lambda: not dialog.running, timeout=EXPORT_TIMEOUT_MS)
    assert dialog.progress.maximum() == dialog.progress.value() > 0


def test_pages_counted_open_and_show_in_folder_and_a_new_choice_clears_it(
        qtbot, window, tmp_path) -> None:
    out = tmp_path / "questions.pdf"
    dialog = export_dialog(qtbot, window, out)
    _export(qtbot, dialog)
    pages = len(PdfReader(str(out)).pages)
    words = "1 page" if pages == 1 else f"{pages} pages"
    assert dialog.status.text() == f"Saved {words} to {out}."
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()
    opened = window.shell.prompts.opened
    assert opened == [str(out)]  # opened once, on its own
    dialog.open_button.click()
    dialog.folder_button.click()
    assert opened == [str(out), str(out), str(tmp_path)]
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))  # no longer what it shows
    assert not dialog.open_button.isVisible() and dialog.status.text().strip() == ""
    assert dialog.result_path is None and not dialog.progress.isVisible()


def test_no_viewer_is_said_not_silent(qtbot, window, tmp_path) -> None:
    dialog = export_dialog(qtbot, window, tmp_path / "q.pdf", opener=lambda _path: False)
    _export(qtbot, dialog)
    assert "no PDF viewer opened it" in dialog.status.text()
    assert dialog.folder_button.isVisible()


def test_an_existing_file_is_replaced_only_when_the_user_agrees(qtbot, window, tmp_path) -> None:
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"%PDF- an older handout")
    prompts = window.shell.prompts
    prompts.replace_answer = False
    dialog = export_dialog(qtbot, window, out)
    dialog.export_button.click()
    assert not dialog.running and out.read_bytes() == b"%PDF- an older handout"
    assert prompts.asked[-1] == f"replace:{out}" and "kept" in dialog.status.text()
    prompts.replace_answer = True
    _export(qtbot, dialog)
    assert out.read_bytes() != b"%PDF- an older handout" and dialog.result_path == str(out)


def test_handout_options_reach_the_pdf_and_are_remembered(qtbot, window, tmp_path) -> None:
    plain = tmp_path / "plain.pdf"
    _export(qtbot, export_dialog(qtbot, window, plain, "participant"))
    out = tmp_path / "options.pdf"
    dialog = export_dialog(qtbot, window, out, "participant")
    assert dialog.form.space.currentData() is None  # the guide's own default to start
    dialog.form.hide_kinds.setChecked(True)
    dialog.form.booklet.setChecked(True)
    dialog.form.space.setCurrentIndex(dialog.form.space.findData("none"))
    _export(qtbot, dialog)
    before, after = PdfReader(str(plain)), PdfReader(str(out))
    text = "\n".join(page.extract_text() for page in after.pages).lower()
    assert "interpretive" in "\n".join(p.extract_text() for p in before.pages).lower()
    assert "interpretive" not in text and "care mostly repetition" in text
    box = after.pages[0].mediabox  # a booklet: two pages side by side on a landscape sheet
    assert float(box.width) > float(box.height)
    settings = window.shell.settings
    assert settings.get("export/hide_kinds") is True and settings.get("export/booklet") is True
    facilitator = export_dialog(qtbot, window, out, "facilitator")
    assert not facilitator.form.hide_kinds.isEnabled()  # that handout always names the kinds


def test_the_app_has_one_warm_exporter_for_preview_and_export_closed_with_the_window(
        qtbot, window, tmp_path) -> None:
    _export(qtbot, export_dialog(qtbot, window, tmp_path / "a.pdf"))
    exporter = window.exporter()
    pid = exporter.worker_pid
    assert pid is not None
    panel = window.preview.panel
    with qtbot.waitSignal(panel.updated, timeout=EXPORT_TIMEOUT_MS):
        window.preview.show()
    _export(qtbot, export_dialog(qtbot, window, tmp_path / "b.pdf"))
    assert exporter.worker_pid == pid and exporter.workers_started == 1  # one process, reused
    window.shell.prompts.save_answer = "discard"
    assert window.shell.close()
    assert exporter.worker_pid is None and not window.exporter.made


def test_a_window_closed_before_the_warm_up_timer_starts_no_worker(qtbot, window) -> None:
    window.shell.prompts.save_answer = "discard"
    assert window.shell.close()
    window.exporter.start()  # run()'s timer, a second after start-up
    assert not window.exporter.made


def _words(widget) -> list[str]:
    """Every word a user can read in `widget`: labels, buttons, combo items and tool tips."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    words = []
    for child in [widget, *widget.findChildren(QWidget)]:
        words.append(child.toolTip())
        if isinstance(child, (QLabel, QAbstractButton)):
            words.append(child.text())
        if isinstance(child, QComboBox):
            words += [child.itemText(i) for i in range(child.count())]
    return [w for w in words if w]


def test_the_choice_of_handout_is_called_handout_never_edition(qtbot, window, tmp_path) -> None:
    # "Edition" means only the essay's edition (Update Essay, Details).
    dialog = export_dialog(qtbot, window, tmp_path / "q.pdf")
    words = _words(dialog)
    assert "&Handout" in words
    assert {"Questions sheet (questions only)"} < set(words)
    assert any(w.startswith("Participants' handout") for w in words)
    assert any(w.startswith("Facilitator's handout") for w in words)
    assert [w for w in words if "edition" in w.lower()] == []
    panel = window.preview.panel
    panel_words = _words(panel)
    assert "Facilitator's handout" in panel_words
    assert [w for w in panel_words if "edition" in w.lower()] == []


def test_letters_no_font_has_are_said_after_the_export(qtbot, window, tmp_path) -> None:
    """A question holding a letter no font has (a private-use one here; a Korean one on a
    computer with no Korean font) prints blank: the dialog says so beside "Saved"."""
    window.guide.editors.question.text.setPlainText("Is care \U000f0000 mostly repetition?")
    dialog = export_dialog(qtbot, window, tmp_path / "q.pdf")
    _export(qtbot, dialog)
    assert dialog.status.text().startswith("Saved ")
    assert "could not be printed" in dialog.status.text() and "\U000f0000" in dialog.status.text()
    # The long message makes the dialog taller; it never squeezes the options above it.
    assert dialog.large_print.height() >= dialog.large_print.sizeHint().height()
