"""The "Something went wrong" dialog (core/crash_report.py shows it): what happened to the
work, and the details, as plain text, with a button that copies them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import plain_label, shown

TITLE = "Something went wrong"


class CrashDialog(QDialog):
    """The report: what happened to the work, and the details (plain text) with a Copy button
    that leaves the dialog open."""

    def __init__(self, parent: QWidget | None, details: str, saved: list[Path]) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(TITLE)
        self.details = details
        heading = plain_label(TITLE, name="crashHeading")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        if saved:
            names = ", ".join(p.name for p in saved)
            safe = (f"Your unsaved changes were written to a recovery file ({names}); they are "
                    "offered back if the app has to close.")
        else:
            safe = "No unsaved work was at risk."
        self.message = plain_label(
            "Reading Guide hit an error it did not expect. You can go on working, or save and "
            f"restart the app. {safe}", name="crashMessage", wrap=True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("crashDetails")
        self.text.setReadOnly(True)
        self.text.setPlainText(shown(details))
        self.text.setMinimumSize(560, 180)
        self.copy_button = QPushButton("&Copy Details")
        self.copy_button.setObjectName("crashCopy")
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(plain_label("Details, for a bug report:"))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(shown(self.details))
        self.copy_button.setText("Copied")
