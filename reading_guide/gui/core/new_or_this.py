"""The choice "a new guide" (the default) or "this guide", for changes that start a new session.

Duplicating a guide for another group and moving it onto a revised essay are where last year's
guide gets lost if the change lands in its file: so both offer to make a new, unsaved guide (the
default: the old file is left exactly as it was) or to change the open guide in place.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

NEW_GUIDE, THIS_GUIDE = "new", "this"


class NewOrThis(QWidget):
    """Two radio buttons; `choice()` is NEW_GUIDE or THIS_GUIDE."""

    def __init__(self, new_text: str, this_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newOrThis")
        self.new = QRadioButton(new_text)
        self.new.setObjectName("intoNewGuide")
        self.this = QRadioButton(this_text)
        self.this.setObjectName("intoThisGuide")
        group = QButtonGroup(self)
        group.addButton(self.new)
        group.addButton(self.this)
        self.new.setChecked(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new)
        layout.addWidget(self.this)

    def choice(self) -> str:
        return NEW_GUIDE if self.new.isChecked() else THIS_GUIDE

    def set_choice(self, choice: str) -> None:
        (self.new if choice == NEW_GUIDE else self.this).setChecked(True)
