"""The guide beside the essay: highlights in essay order with their questions, then general ones.

A tree, because a question belongs to a passage and the facilitator thinks in that shape. Items
carry (kind, id) and nothing else, so the tree is a view of the session's guide: added, removed
or reordered items (and another essay, or new category names) rebuild it; a field edit (typing a
question) updates that one item in place. Highlights go in essay order, questions in running
order (their printed numbers), whether the guide was just edited or just opened; the selected
row is the window's selection (core/selection.py), never a choice of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.actions import swatch
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.plain_text import make_plain, printed, tip
from reading_guide.gui.core.selection import Selected, Selection
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.status_words import status_words
from reading_guide.model.guide import Highlight, Question
from reading_guide.plurals import counted

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

ROLE = Qt.ItemDataRole.UserRole
EXCERPT = 60
REBUILD = Changed.ITEMS | Changed.ORDER | Changed.CATEGORIES | Changed.ESSAY


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class GuidePanel(QWidget):
    """Signals `deleteRequested()` (Delete on an item), `editRequested()` (Return on one),
    `newGeneralRequested()` (the + on the General questions group) and
    `contextMenuAboutToShow(menu, kind)`: a right click on a row, the row selected first; kind is
    "highlight", "question", "general" (that group's title) or "highlights" (the other group's);
    the guide feature fills the menu with its actions."""

    deleteRequested = Signal()  # noqa: N815 (Qt signal naming)
    editRequested = Signal()  # noqa: N815
    newGeneralRequested = Signal()  # noqa: N815
    contextMenuAboutToShow = Signal(QMenu, str)  # noqa: N815

    def __init__(self, session: GuideSession, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidePanel")
        self._session = session
        self._selection = selection
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._places: dict[str, tuple[bool, int, int]] = {}  # each highlight's place in the tree
        self._icons: dict[str, QIcon] = {}  # one swatch per colour, not one per highlight
        self.summary = make_plain(QLabel())
        self.summary.setObjectName("guideSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("guideTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(self._on_current)
        # Column 1 holds the + of the General questions group: a visible way to add one.
        self.tree.setColumnCount(2)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.setColumnWidth(1, 30)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.add_general: QToolButton | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        session.reset.connect(self.rebuild)
        session.changed.connect(self.refresh)
        selection.changed.connect(self._on_selected)
        self.rebuild()

    # Building -------------------------------------------------------------------------------

    def rebuild(self) -> None:
        guide = self._session.guide
        if not self._session.is_open:
            self.tree.clear()
            self._items.clear()
            self._places.clear()
            self.add_general = None
            self.summary.setText("No guide open.")
            return
        self.tree.blockSignals(True)
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self._items.clear()
            self._places.clear()
            numbers = guide.question_numbers()
            highlights = sorted(guide.highlights, key=_place)
            by_highlight: dict[str, list[Question]] = {}
            general: list[Question] = []
            for q in sorted(guide.questions, key=lambda q: numbers[q.id]):
                if q.highlight is None or guide.highlight(q.highlight) is None:
                    general.append(q)
                else:
                    by_highlight.setdefault(q.highlight, []).append(q)
            # Groups are filled before they join the tree: one insertion each, not thousands.
            self._group_h = self._group(f"Highlights ({len(guide.highlights)})")
            items = []
            for h in highlights:
                item = self._highlight_item(h)
                item.addChildren([self._question_item(q, numbers[q.id])
                                  for q in by_highlight.get(h.id, [])])
                items.append(item)
            self._group_h.addChildren(items)
            self._group_q = self._group(f"General questions ({len(general)})")
            self._group_q.addChildren([self._question_item(q, numbers[q.id]) for q in general])
            self.tree.addTopLevelItems([self._group_h, self._group_q])
            self.tree.expandAll()
            self.add_general = QToolButton()
            self.add_general.setObjectName("addGeneralQuestion")
            self.add_general.setText("+")
            self.add_general.setAutoRaise(True)
            self.add_general.setToolTip("New general question (about the whole essay)")
            self.add_general.setAccessibleName("New general question")
            self.add_general.clicked.connect(self.newGeneralRequested.emit)
            self.tree.setItemWidget(self._group_q, 1, self.add_general)
        finally:
            self.tree.setUpdatesEnabled(True)
            self.tree.blockSignals(False)
        self._update_summary()
        self._on_selected(self._selection.current)

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _highlight_item(self, h: Highlight) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ROLE, ("highlight", h.id))
        self._items[("highlight", h.id)] = item
        self._fill_highlight(item, h)
        return item

    def _fill_highlight(self, item: QTreeWidgetItem, h: Highlight) -> None:
        guide = self._session.guide
        category = guide.category(h.category)
        label = category.label if category else h.category
        self._places[h.id] = _place(h)
        if h.position is not None:
            para = self._session.document.paragraph_at(h.position.start)
            where = f"¶{para}" if para is not None else ""
            item.setText(0, f"{where}  “{excerpt(h.quote.exact)}”".strip())
            item.setForeground(0, QBrush())  # placed again (a review resolved it): not greyed
        else:
            item.setText(0, f"Not found: “{excerpt(h.quote.exact)}”")
            item.setForeground(0, QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
        status = h.anchor_status
        text = f"{label}" + ("" if status == "exact" else f" · {status_words(status)}")
        if h.note:
            text += f"\nNote: {printed(h.note)}"
        item.setToolTip(0, tip(text))
        color = category.color if category else "#999999"
        icon = self._icons.get(color)
        if icon is None:
            icon = self._icons[color] = swatch(color)
        item.setIcon(0, icon)

    def _question_item(self, q: Question, number: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ROLE, ("question", q.id))
        self._items[("question", q.id)] = item
        self._fill_question(item, q, number)
        return item

    def _fill_question(self, item: QTreeWidgetItem, q: Question, number: int) -> None:
        words = printed(q.text)  # as the handout prints it: no literal *stars*
        text = excerpt(words, 80) if words else "(new question)"
        item.setText(0, f"Q{number}. {text}")
        minutes = f" · {q.minutes} min" if q.minutes else ""
        item.setToolTip(0, tip(f"{q.kind} · {q.stage}{minutes}\n{words}"))

    def _update_summary(self) -> None:
        guide = self._session.guide
        planned = guide.planned_minutes()
        session_minutes = guide.session.minutes
        timing = f"{planned} min planned" + (
            f" of {session_minutes}" if session_minutes else ""
        )
        self.summary.setText(
            f"{counted(len(guide.highlights), 'highlight')} · "
            f"{counted(len(guide.questions), 'question')} · {timing}"
        )

    # Updating --------------------------------------------------------------------------------

    def refresh(self, change: GuideChange) -> None:
        if change.what & REBUILD:
            self.rebuild()
            return
        guide = self._session.guide
        numbers = guide.question_numbers()
        for item_id in change.ids:
            if change.what & Changed.QUESTIONS and ("question", item_id) in self._items:
                q = next((q for q in guide.questions if q.id == item_id), None)
                if q is not None:
                    self._fill_question(self._items[("question", item_id)], q, numbers[item_id])
            if change.what & Changed.HIGHLIGHTS and ("highlight", item_id) in self._items:
                h = guide.highlight(item_id)
                if h is not None and _place(h) != self._places.get(item_id):
                    self.rebuild()  # placed elsewhere (a review decision): it moves in the tree
                    return
                if h is not None:
                    self._fill_highlight(self._items[("highlight", item_id)], h)
        self._update_summary()

    # Selection -------------------------------------------------------------------------------

    def current(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        return (str(data[0]), str(data[1])) if data else None

    def _on_selected(self, selected: Selected) -> None:
        """Show the window's selection (without announcing it back)."""
        item = self._items.get((selected.kind, selected.id))
        self.tree.blockSignals(True)
        try:
            if item is None:
                self.tree.clearSelection()
                self.tree.setCurrentIndex(QModelIndex())  # no current row
            else:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        finally:
            self.tree.blockSignals(False)

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        data = item.data(0, ROLE) if item is not None else None
        kind, item_id = (str(data[0]), str(data[1])) if data else ("", "")
        self._selection.select(kind, item_id, scroll=True, initiator=self)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        data = item.data(0, ROLE)
        if data:
            self.tree.setCurrentItem(item)  # the menu acts on the row clicked
            kind = str(data[0])
        else:
            kind = "general" if item is self._group_q else "highlights"
        menu = QMenu(self)
        self.contextMenuAboutToShow.emit(menu, kind)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Delete) and self.current() is not None:
            self.deleteRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current() is not None:
            self.editRequested.emit()
            return
        super().keyPressEvent(event)


def _place(h: Highlight) -> tuple[bool, int, int]:
    """Where a highlight goes in the tree: placed ones by position in the essay, then the rest."""
    if h.position is None:
        return (True, 0, 0)
    return (False, h.position.start, h.position.end)
