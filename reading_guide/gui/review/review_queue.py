"""Update essay…: move the guide onto a revised edition, then review every highlight that moved.

The work happens in three parts so that the window never waits and nothing is lost:
1. `EssayUpdater.start(path, edition)` imports the new text and re-anchors a *copy* of the guide in
   a QThread (a whole book takes a second or two; the event loop keeps running).
2. The result is pushed on the session as one `ReplaceEssay` edit with the new reader document:
   one Undo puts back the old essay, the old highlights and the old reading text, whatever was
   reviewed since (the session keeps each essay's document, core/session.py).
3. `ReviewQueue` lists every highlight that is not `exact`: old passage and context beside the
   proposed new one, with Accept, Choose Passage (select text in the reader, then Use Selection)
   and Keep as General Question. Each decision is its own undoable step.
"""

from __future__ import annotations

import copy
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reading_guide.errors import InputError
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.plain_text import make_plain
from reading_guide.gui.core.plain_text import tip as tip_markup
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.status_words import status_sentence, status_words
from reading_guide.gui.core.text_browser import NoResourceBrowser
from reading_guide.model.edits import RemoveHighlight, SetField
from reading_guide.model.guide import Essay, Guide, Highlight, Position
from reading_guide.model.session import PlaceHighlight, ReplaceEssay, needs_review
from reading_guide.render.document import Document

log = logging.getLogger(__name__)
CONTEXT = 80  # characters of context shown on each side of a passage
MARK = "background:#fde68a;color:#1c1917"  # dark words on the pale yellow, in either theme
# What the queue shows: highlights and their places, the essay, the edition's name (META).
SHOWN = Changed.HIGHLIGHTS | Changed.ITEMS | Changed.ESSAY | Changed.META


@dataclass
class UpdateResult:
    """What the worker computed: the edit to apply, the new document, and what the old looked
    like (for the queue's "old passage" column)."""

    edit: ReplaceEssay
    document: Document
    old_text: str
    old_ranges: dict[str, tuple[int, int]]
    old_highlights: list[Highlight] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    repairs: list = field(default_factory=list)


def compute_update(guide: Guide, old_text: str, path: Path, edition: str) -> UpdateResult:
    """Import `path` and re-anchor a copy of `guide` onto it (Qt-free work for the thread)."""
    from reading_guide.anchoring import reanchor_guide
    from reading_guide.render import import_essay

    imported = import_essay(path)
    twin = copy.deepcopy(guide)
    old_ranges = {h.id: (h.position.start, h.position.end) for h in guide.highlights
                  if h.position is not None}
    results = reanchor_guide(twin, Essay(title=imported.title, text=imported.markdown),
                             old_text, imported.document.text)
    twin.essay.edition = edition
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return UpdateResult(ReplaceEssay(twin.essay, twin.highlights), imported.document, old_text,
                        old_ranges, guide.highlights, counts, list(imported.repairs))


class _Worker(QThread):
    done = Signal(object)  # UpdateResult, or an error line (str)

    def __init__(self, guide: Guide, old_text: str, path: Path, edition: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._args = (guide, old_text, path, edition)

    def run(self) -> None:
        try:
            self.done.emit(compute_update(*self._args))
        except InputError as error:
            self.done.emit(str(error))
        except Exception as error:  # noqa: BLE001 - a thread must report, never die silently
            log.error("updating the essay from %s failed", self._args[2], exc_info=True)
            self.done.emit(f"{self._args[2]}: could not update the essay ({error})")


class EssayUpdater(QObject):
    """Runs one update at a time. Signals `finished(str)`: "" on success, else the error line."""

    finished = Signal(str)

    def __init__(self, session: GuideSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last: UpdateResult | None = None
        self._worker: _Worker | None = None
        self._edits = 0  # counts changes, to notice edits made while the worker ran
        self._request: tuple[Path, str, int, int] | None = None
        session.changed.connect(self._count)

    def _count(self, *_args: object) -> None:
        self._edits += 1

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def start(self, path: str | Path, edition: str = "") -> bool:
        if self._worker is not None or not self.session.is_open:
            return False
        edition = edition or Path(path).stem
        self._request = (Path(path), edition, self.session.generation, self._edits)
        guide = copy.deepcopy(self.session.guide)  # the thread never touches live objects
        self._worker = _Worker(guide, self.session.document.text, Path(path), edition, self)
        self._worker.done.connect(self._on_done)
        self._worker.start()
        return True

    def _on_done(self, result: object) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        if isinstance(result, str):
            self.finished.emit(result)
            return
        assert isinstance(result, UpdateResult) and self._request is not None
        path, edition, generation, edits = self._request
        if generation != self.session.generation:
            self.finished.emit(f"{path}: another guide was opened meanwhile; the update was "
                               "not applied")
            return
        if edits != self._edits:  # edited while re-anchoring: start again from the new state
            self.start(path, edition)
            return
        self.last = result
        self.session.push(result.edit, initiator=self, document=result.document)
        self.finished.emit("")


def _context_html(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT):start]
    after = text[end:end + CONTEXT]
    lead = "…" if start > CONTEXT else ""
    tail = "…" if end + CONTEXT < len(text) else ""
    return (f"{lead}{html.escape(before)}<b style='{MARK}'>"
            f"{html.escape(text[start:end])}</b>{html.escape(after)}{tail}").replace("\n", "<br>")


class ReviewQueue(QWidget):
    """The highlights still to review; `selection()` gives the reader's selection range and
    `show(highlight_id, start, end)` puts a passage in view."""

    def __init__(
        self,
        session: GuideSession,
        selection: Callable[[], tuple[int, int] | None],
        show: Callable[[str, int, int], None] = lambda _h, _s, _e: None,
        parent: QWidget | None = None,
        ask_delete: Callable[[int], str] = lambda _count: "delete",
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ask_delete = ask_delete  # (questions on it) -> "delete" | "keep" | "cancel"
        self.selection = selection
        self.show_passage = show
        self.old_text = ""
        self.old_ranges: dict[str, tuple[int, int]] = {}
        self.old_quotes: dict[str, Highlight] = {}
        self.choosing = False
        self.count_label = make_plain(QLabel())
        self.count_label.setObjectName("reviewCount")
        self.count_label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("reviewList")
        self.list.setWordWrap(True)  # a narrow dock wraps its rows instead of scrolling sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.old_view: QTextBrowser = NoResourceBrowser()
        self.new_view: QTextBrowser = NoResourceBrowser()
        for view in (self.old_view, self.new_view):
            view.setMinimumHeight(56)  # three lines: at 1024x700 it shares the editor's height
            view.setMaximumHeight(160)
        self.reason = make_plain(QLabel())
        self.reason.setWordWrap(True)
        self.accept_button = QPushButton("&Accept")
        self.choose_button = QPushButton("&Choose Passage")
        self.use_button = QPushButton("&Use Selection")
        self.general_button = QPushButton("Keep as &General Question")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("reviewDelete")
        for b, tip in ((self.accept_button, "Confirm the passage where it is now"),
                       (self.delete_button, "Delete the highlight (Delete key; Undo brings it "
                        "back)"),
                       (self.choose_button, "Select the right passage in the essay"),
                       (self.use_button, "Place the highlight on the text selected in the essay"),
                       (self.general_button, "Remove the highlight; its questions stay as "
                        "general questions")):
            b.setToolTip(tip)
        self.accept_button.clicked.connect(self.accept_current)
        self.choose_button.clicked.connect(self.begin_choose)
        self.use_button.clicked.connect(self.use_selection)
        self.general_button.clicked.connect(self.keep_general)
        self.delete_button.clicked.connect(self.delete_current)
        self.list.installEventFilter(self)  # the Delete key in the list deletes
        # Two rows, so the queue stays narrow enough to leave the essay its reading width.
        buttons = QGridLayout()
        for i, b in enumerate((self.accept_button, self.choose_button, self.use_button)):
            buttons.addWidget(b, 0, i)
        buttons.addWidget(self.general_button, 1, 0, 1, 2)
        buttons.addWidget(self.delete_button, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)  # a dock's frame is margin enough
        layout.setSpacing(4)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)
        self.old_title = make_plain(QLabel("As it was chosen"))
        self.new_title = make_plain(QLabel("Where it is now"))
        for title in (self.count_label, self.old_title, self.new_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        layout.addWidget(self.old_title)
        layout.addWidget(self.old_view)
        layout.addWidget(self.new_title)
        layout.addWidget(self.new_view)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(lambda _r: self._show_current(reveal=True))
        session.changed.connect(self._on_changed)
        session.reset.connect(self.refresh)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Delete in the list deletes the current highlight. The list claims the key first
        (ShortcutOverride), so a window-wide Delete action does not take it from the queue."""
        if watched is self.list and isinstance(event, QKeyEvent) and (
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.delete_current()
                return True
        return super().eventFilter(watched, event)

    def _on_changed(self, change: GuideChange) -> None:
        if change.what & SHOWN:
            self.refresh()

    def set_origin(self, result: UpdateResult) -> None:
        """Remember the old edition, so the queue can show where each passage used to be."""
        self.old_text = result.old_text
        self.old_ranges = dict(result.old_ranges)
        self.old_quotes = {h.id: h for h in result.old_highlights}
        self.refresh()

    def pending(self) -> list[Highlight]:
        return needs_review(self.session.guide) if self.session.is_open else []

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(256) if item is not None else None

    def refresh(self) -> None:
        keep = self.current_id()
        waiting = self.pending()
        self.list.blockSignals(True)
        self.list.clear()
        for h in waiting:
            shown_text = h.placed.exact if h.placed is not None else h.quote.exact
            words = " ".join(shown_text.split())
            item = QListWidgetItem(f"{status_words(h.anchor_status).capitalize()}: "
                                   f"{words[:70]}{'…' if len(words) > 70 else ''}")
            item.setData(256, h.id)
            item.setToolTip(tip_markup(shown_text))
            self.list.addItem(item)
        ids = [h.id for h in waiting]
        if ids:
            self.list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self.list.blockSignals(False)
        n = len(ids)
        edition = self.session.guide.essay.edition
        on = f" on “{edition}”" if edition else ""
        self.count_label.setText(
            f"{n} highlight{'s' if n != 1 else ''} to review{on}" if n
            else f"Nothing to review{on}: every highlight is in place.")
        self._show_current()

    def _show_current(self, reveal: bool = False) -> None:
        """Show the current item; `reveal` also puts it in view in the reader (only when the
        user moves in the queue or decides: never because some other edit refreshed it)."""
        hid = self.current_id()
        h = self.session.guide.highlight(hid) if hid else None
        for b in (self.accept_button, self.choose_button, self.general_button,
                  self.delete_button):
            b.setEnabled(h is not None)
        self.accept_button.setEnabled(h is not None and h.position is not None)
        self.use_button.setEnabled(h is not None and self.choosing)
        if h is None:
            self.old_view.clear()
            self.new_view.clear()
            self.reason.clear()
            return
        self.old_view.setHtml(self._old_html(h))
        text = self.session.document.text
        if h.position is not None:
            self.new_view.setHtml(_context_html(text, h.position.start, h.position.end))
            if reveal:
                self.show_passage(h.id, h.position.start, h.position.end)
        else:
            self.new_view.setHtml("<i>Not found in this essay. Choose its passage, or keep its "
                                  "questions as general questions.</i>")
        differs = h.placed is not None and h.placed.exact != h.quote.exact
        self.new_title.setText("Where it is now (its words changed)" if differs
                               else "Where it is now")
        status = status_sentence(h.anchor_status, h.reason)
        questions = len(self.session.guide.questions_for(h.id))
        self.reason.setText(f"{status} {questions} question{'s' if questions != 1 else ''} "
                            f"about this passage." + (" Select the passage in the essay, then "
                                                      "Use Selection." if self.choosing else ""))

    def _old_html(self, h: Highlight) -> str:
        old = self.old_ranges.get(h.id)
        if old is not None and self.old_text:
            return _context_html(self.old_text, *old)
        q = self.old_quotes.get(h.id, h).quote
        lead = "…" if q.prefix else ""
        tail = "…" if q.suffix else ""
        return (f"{lead}{html.escape(q.prefix)}<b style='{MARK}'>"
                f"{html.escape(q.exact)}</b>{html.escape(q.suffix)}{tail}")

    # Decisions (each one undoable step) --------------------------------------------------------

    def accept_current(self) -> None:
        hid = self.current_id()
        h = self.session.guide.highlight(hid) if hid else None
        if h is not None and h.position is not None:
            self.session.push(SetField("highlight", h.id, "status", None, label="Accept passage"),
                              initiator=self)
            self._show_current(reveal=True)

    def begin_choose(self) -> None:
        self.choosing = True
        self._show_current()

    def use_selection(self) -> bool:
        from reading_guide.anchoring import describe_selection

        hid = self.current_id()
        span = self.selection()
        if not hid or span is None or span[0] >= span[1]:
            self.reason.setText("Select the passage in the essay first, then Use Selection.")
            return False
        text = self.session.document.text
        quote = describe_selection(text, span[0], span[1])
        self.choosing = False
        self.session.push(PlaceHighlight(hid, Position(*span), quote), initiator=self)
        self._show_current(reveal=True)
        return True

    def delete_current(self) -> bool:
        """Delete the current highlight (asking about its questions, as the tree does)."""
        hid = self.current_id()
        if not hid or self.session.guide.highlight(hid) is None:
            return False
        count = len(self.session.guide.questions_for(hid))
        answer = self.ask_delete(count) if count else "delete"
        if answer == "cancel":
            return False
        self.session.push(RemoveHighlight(hid, keep_questions=answer == "keep"), initiator=self)
        self._show_current(reveal=True)
        return True

    def keep_general(self) -> None:
        hid = self.current_id()
        if hid and self.session.guide.highlight(hid) is not None:
            edit = RemoveHighlight(hid, keep_questions=True)
            edit.label = "Keep as general question"
            self.session.push(edit, initiator=self)
            self._show_current(reveal=True)
