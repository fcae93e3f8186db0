"""What to print, as a form: which handout, paper, writing space, and the switches of issue 15
(large print, fillable fields in every handout, question kinds hidden, a folded booklet).

"Edition" means only the essay's edition (Update Essay, Details); the three things the app prints
are handouts: the participants' handout, the questions sheet and the facilitator's handout.

Kept apart from the dialog's running of the export so each stays short. Every choice but the
writing space is remembered in the settings for the next export; the writing space starts at the
guide's own default (`handout.writing_space`), which is the guide's to decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QVBoxLayout, QWidget

from reading_guide.gui.core.settings import Settings
from reading_guide.model.fields import WRITING_SPACES

if TYPE_CHECKING:
    from reading_guide.export.options import ExportOptions

HANDOUTS = (
    ("participant", "Participants' handout (essay, marked passages, questions)"),
    ("questions", "Questions sheet (questions only)"),
    ("facilitator", "Facilitator's handout (with notes, follow-ups and timings)"),
)
PAPERS = (("a4", "A4"), ("letter", "US Letter"))
SPACE_WORDS = {"lines": "Ruled lines", "boxes": "A box to write in", "none": "None"}
# Settings key for each switch, and the switch's object name.
SWITCHES = (("large_print", "exportLargePrint"), ("fillable", "exportFillable"),
            ("hide_kinds", "exportHideKinds"), ("booklet", "exportBooklet"))


def _check(text: str, tip: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setToolTip(tip)
    return box


class OptionsForm(QWidget):
    """`changed()` when any choice changes (the dialog clears the last result)."""

    changed = Signal()

    def __init__(self, settings: Settings, guide_space: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handout = QComboBox()
        self.handout.setObjectName("exportHandout")
        self.handout.setToolTip("Which handout to print")
        for key, label in HANDOUTS:
            self.handout.addItem(label, key)
        self.paper = QComboBox()
        self.paper.setObjectName("exportPaper")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.space = QComboBox()
        self.space.setObjectName("exportWritingSpace")
        self.space.addItem(f"As the guide says ({SPACE_WORDS[guide_space].lower()})", None)
        for key in WRITING_SPACES:
            self.space.addItem(SPACE_WORDS[key], key)
        self.space.setToolTip("The room under each question for written answers")
        self.large_print = _check("Large print (16 pt)", "Bigger type for readers who need it")
        self.fillable = _check("Fillable answer fields",
                               "Readers can type their answers into the PDF")
        self.hide_kinds = _check("Hide question kinds",
                                 "Leave “factual”, “interpretive”, “evaluative” off the page "
                                 "(the facilitator’s handout always shows them)")
        self.booklet = _check("Booklet (fold in half)",
                              "Two pages on each side of a sheet, in folding order")
        self.switches = {"large_print": self.large_print, "fillable": self.fillable,
                         "hide_kinds": self.hide_kinds, "booklet": self.booklet}
        for key, name in SWITCHES:
            self.switches[key].setObjectName(name)
        form = QFormLayout()
        form.addRow("&Handout", self.handout)
        form.addRow("&Paper", self.paper)
        form.addRow("&Writing space", self.space)
        checks = QVBoxLayout()
        checks.setSpacing(4)
        for box in self.switches.values():
            checks.addWidget(box)
        form.addRow("", checks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self._restore(settings)
        for combo in (self.handout, self.paper, self.space):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        for box in self.switches.values():
            box.toggled.connect(lambda _on: self._changed())
        self._follow_handout()

    def _restore(self, s: Settings) -> None:
        self.handout.setCurrentIndex(max(0, self.handout.findData(s.get("export/variant"))))
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.get("export/paper"))))
        for key, box in self.switches.items():
            box.setChecked(bool(s.get(f"export/{key}")))

    def remember(self, s: Settings) -> None:
        s.set("export/variant", self.handout.currentData())
        s.set("export/paper", self.paper.currentData())
        for key, box in self.switches.items():
            s.set(f"export/{key}", box.isChecked())

    def _changed(self) -> None:
        self._follow_handout()
        self.changed.emit()

    def _follow_handout(self) -> None:
        # The facilitator's handout always names the kinds (export.options.show_kinds).
        self.hide_kinds.setEnabled(self.handout.currentData() != "facilitator")

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.handout, self.paper, self.space, *self.switches.values()):
            widget.setEnabled(enabled)
        if enabled:
            self._follow_handout()

    def options(self) -> ExportOptions:
        from reading_guide.export.options import ExportOptions

        return ExportOptions(
            variant=self.handout.currentData(), paper=self.paper.currentData(),
            large_print=self.large_print.isChecked(), fillable=self.fillable.isChecked(),
            writing_space=self.space.currentData(), hide_kinds=self.hide_kinds.isChecked(),
            booklet=self.booklet.isChecked())
