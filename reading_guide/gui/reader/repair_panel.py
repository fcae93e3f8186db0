"""The clean-up report shown after importing an essay: what was repaired, dismissible.

Import repairs damage (split paragraphs, dead links, bold headings) but never silently: the
facilitator sees each repair once, above the essay, and closes the panel when satisfied. A kind
repeated more than three times is one row with its count ("Removed links that went nowhere
(12)"), and Put Back restores all of it; a repair that cannot be put back says why in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import make_plain, tip
from reading_guide.gui.reader.repair_undo import CHANGED, DONE, NOT_KEPT, READY
from reading_guide.render.repair_words import (
    NOT_RECORDED,
    WHY_NOT,
    sentence,
    summary,
)
from reading_guide.render.repairs import group_repairs

if TYPE_CHECKING:
    from reading_guide.render.repairs import Repair

PLACE_ROLE = Qt.ItemDataRole.UserRole
MAX_DETAILS_HEIGHT = 170


def example(repair: Repair) -> str:
    """What the essay said and says now, for the tool tip (the essay's own words)."""
    if repair.where == "document" or not (repair.before or repair.after):
        return ""
    return f"Was: “{repair.before}”\nNow: “{repair.after}”"


def place_of(where: str) -> tuple[str, int] | None:
    """("paragraph", 3) for "¶3", ("heading", 2) for "heading 2"; None for the whole document
    or a group listed as "¶3, ¶7 … (12 places)" (its first place)."""
    match = re.match(r"\s*(¶|heading )(\d+)", where)
    if match is None:
        return None
    return ("paragraph" if match.group(1) == "¶" else "heading", int(match.group(2)))


def put_back_note(repair: Repair, state: str) -> str:
    """What the panel says under a chosen repair that cannot be put back now (else "")."""
    if state == DONE:
        return "Put back. Edit ▸ Undo brings the repair back."
    if state == CHANGED:
        return "Cannot be put back now: the essay has changed there since it was imported."
    if state == NOT_KEPT:
        return f"Cannot be put back: {WHY_NOT.get(repair.kind, NOT_RECORDED)}."
    return ""


def details_text(repairs: Sequence[Repair]) -> str:
    """One line per repair, as plain text (the before and after are the essay's own words)."""
    return "\n".join(f"• {sentence(r)}" + (f" ({r.where})" if place_of(r.where) else "")
                     for r in repairs)


class RepairPanel(QFrame):
    """Hidden until `show_repairs` gets a non-empty list; the close button hides it again.

    Details lists one sentence per repair; activating one that names a place emits `located`
    with it ("paragraph", 3), and the reader scrolls there."""

    dismissed = Signal()
    located = Signal(str, int)
    putBackRequested = Signal(int)  # noqa: N815 (Qt signal naming): the repair's index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repairPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.title = make_plain(QLabel())
        self.title.setObjectName("repairSummary")
        self.title.setWordWrap(True)
        self.toggle = QToolButton()
        self.toggle.setText("Details")
        self.toggle.setCheckable(True)
        self.close_button = QToolButton()
        self.close_button.setObjectName("dismissRepairs")
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss the clean-up report")
        self.details = QListWidget()  # item texts are plain text in Qt
        self.details.setObjectName("repairDetails")
        self.details.setWordWrap(True)
        self.details.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.toggle)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self.toggle.toggled.connect(self.details.setVisible)
        self.close_button.clicked.connect(self.dismiss)
        self.details.itemActivated.connect(self._go)
        self.details.itemClicked.connect(self._go)
        self.put_back = QToolButton()
        self.put_back.setObjectName("putBackRepair")
        self.put_back.setText("Put Back")
        self.put_back.setToolTip("Undo the chosen repair in the essay, every place of a grouped "
                                 "one (Edit ▸ Undo takes it back)")
        self.put_back.hide()
        top.insertWidget(1, self.put_back)
        self.note = make_plain(QLabel())  # why the chosen repair cannot be put back
        self.note.setObjectName("putBackNote")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        self.toggle.toggled.connect(lambda _on: self._update_put_back())
        self.details.currentRowChanged.connect(lambda _r: self._update_put_back())
        self.put_back.clicked.connect(self._put_back)
        self.repairs: list[Repair] = []
        # Whether a repair can be put back in the essay as it is now (the reader decides).
        self.can_put_back: Callable[[Repair], bool] = lambda _r: False
        # READY, DONE, CHANGED or NOT_KEPT (repair_undo); by default from `can_put_back`.
        self.put_back_state: Callable[[Repair], str] = (
            lambda r: READY if self.can_put_back(r) else NOT_KEPT)
        self.hide()

    def show_repairs(self, repairs: Sequence[Repair]) -> None:
        """List `repairs` (the import's full list: a kind repeated more than three times is
        grouped into one row, which Put Back restores whole)."""
        repairs = self.repairs = group_repairs(list(repairs))
        self.details.clear()
        if not repairs:
            self.hide()
            return
        self.title.setText(summary(repairs))
        for repair in repairs:
            place = place_of(repair.where)
            text = sentence(repair)
            if place is not None:
                text += f" — {'¶' if place[0] == 'paragraph' else 'heading '}{place[1]}"
            item = QListWidgetItem(text)
            item.setData(PLACE_ROLE, place)
            hint = example(repair)
            if place is not None:
                hint = (hint + "\n" if hint else "") + "Click to see it in the essay."
            if hint:
                item.setToolTip(tip(hint))
            self.details.addItem(item)
        # As tall as its rows, up to about eight of them: the essay keeps the room.
        rows = sum(self.details.sizeHintForRow(row) for row in range(self.details.count()))
        self.details.setFixedHeight(min(MAX_DETAILS_HEIGHT, rows + 2 * self.details.frameWidth()
                                        + 4))
        self.toggle.setChecked(False)
        self.show()
        self.refresh_put_back()

    def refresh_put_back(self) -> None:
        """The essay changed: mark the repairs that are put back (or back again after Undo)."""
        font = self.details.font()
        for row, repair in enumerate(self.repairs):
            item = self.details.item(row)
            if item is None:
                continue
            font.setStrikeOut(self.put_back_state(repair) == DONE)
            item.setFont(font)
        self._update_put_back()

    def _update_put_back(self) -> None:
        row = self.details.currentRow()
        shown = self.details.isVisible() or self.toggle.isChecked()
        state = (self.put_back_state(self.repairs[row]) if shown and 0 <= row < len(
            self.repairs) else "")
        self.put_back.setVisible(state == READY)
        note = put_back_note(self.repairs[row], state) if state else ""
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _put_back(self) -> None:
        row = self.details.currentRow()
        if 0 <= row < len(self.repairs):
            self.putBackRequested.emit(row)

    def sentences(self) -> list[str]:
        return [self.details.item(row).text() for row in range(self.details.count())]

    def _go(self, item: QListWidgetItem) -> None:
        place = item.data(PLACE_ROLE)
        if place:
            self.located.emit(str(place[0]), int(place[1]))

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
