"""The questions "Update Essay…" asks once the revised essay is chosen: the name of its edition,
and whether the guide moved onto it is a new guide (the default: last year's file is left as it
was) or this guide, changed in place."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from reading_guide.gui.core.new_or_this import NewOrThis
from reading_guide.gui.core.plain_text import plain_label, shown
from reading_guide.model.fields import FIELDS


class UpdateEssayDialog(QDialog):
    def __init__(self, essay_name: str, edition: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Update Essay")
        self.setObjectName("updateEssayDialog")
        self.edition = QLineEdit(shown(edition))
        self.edition.setObjectName("updateEdition")
        rule = FIELDS["essay.edition"]
        maximum = getattr(rule, "max_length", None)
        if maximum:
            self.edition.setMaxLength(int(maximum))
        self.edition.setPlaceholderText("e.g. 2nd edition, 2026")
        self.into = NewOrThis("Into a &new guide (this guide's file stays as it is)",
                              "Change &this guide")
        form = QFormLayout(self)
        form.addRow(plain_label(f"Move the guide onto “{essay_name}”, then review the passages "
                                "that moved.", wrap=True))
        form.addRow("Essay &edition:", self.edition)
        form.addRow(self.into)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def values(self) -> tuple[str, str]:
        """(edition, NEW_GUIDE or THIS_GUIDE)."""
        return self.edition.text().strip(), self.into.choice()
