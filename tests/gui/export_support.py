"""What the export dialog's tests share: a window with a guide holding one question, and the
dialog set to a handout and an output file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reading_guide.gui.export.dialog import ExportDialog
from tests.gui.app_support import ESSAY, make_window

EXPORT_TIMEOUT_MS = 90_000


def window_with_a_question(qtbot: Any, tmp_path: Path) -> Any:
    """The essay open, with one question asked about "care is mostly repetition"."""
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    text = window.shell.session.document.text
    start = text.index("care is mostly repetition")
    window.reader.view.select_range(start, start + 25)
    window.guide.act_ask.trigger()
    window.guide.editors.question.text.setPlainText("Is care mostly repetition?")
    return window


def export_dialog(qtbot: Any, window: Any, out: Path, variant: str = "questions",
                  **kwargs: Any) -> ExportDialog:
    """The window's export dialog (or one built with `kwargs`), shown, for `variant` into `out`."""
    if kwargs:
        shell = window.shell
        dialog = ExportDialog(shell.session, shell.settings, shell.prompts, shell,
                              exporter=window.exporter, **kwargs)
    else:
        dialog = window.export.make_dialog()
    qtbot.addWidget(dialog)
    dialog.handout.setCurrentIndex(dialog.handout.findData(variant))
    dialog.output.setText(str(out))
    dialog.show()
    return dialog
