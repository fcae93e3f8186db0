"""Find in the essay: incremental, case-insensitive, next/previous, "3 of 17", all matches shown.

Searching is one regular-expression scan of the reading text (a C loop, a few milliseconds on a
megabyte), and the matches are handed to the reader as code-point ranges; the reader paints only
the ones on screen, so a query matching ten thousand times costs no more to show than one.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

if TYPE_CHECKING:
    from reading_guide.render import Document

class Searched(Protocol):
    """What the find bar needs of the reader (offsets are code points in the reading text)."""

    def document(self) -> Document | None: ...

    def selection_range(self, snap: bool = True) -> tuple[int, int] | None: ...

    def cursor_offset(self) -> int: ...

    def select_range(self, start: int, end: int) -> None: ...

    def set_find_matches(self, ranges: list[tuple[int, int]], current: int) -> None: ...

    def focus_text(self) -> None: ...


MAX_MATCHES = 100_000  # beyond this the count says "100000+" and the rest are not shown
SHORT_QUERY = 3  # queries shorter than this wait for a pause in typing
SHORT_QUERY_DELAY_MS = 150


class FindBar(QWidget):
    """The bar under the reader (`parent`); `ReaderView.show_find()` opens it."""

    def __init__(self, parent: QWidget, reader: Searched) -> None:
        super().__init__(parent)
        self._reader = reader
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self._truncated = False

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in the essay")
        self.edit.setAccessibleName("Find in the essay")
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel("", self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setMinimumWidth(90)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("↑")
        self.prev_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_button = QToolButton(self)
        self.next_button.setText("↓")
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.setAutoRaise(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:", self))
        self.edit.setMaximumWidth(420)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        # Short queries match everywhere (a single letter: ~100,000 times in 1 MB, ~0.1 s to
        # collect); wait for a pause in typing before running them. Longer ones run at once.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(lambda: self._search(self.edit.text()))
        self.edit.textChanged.connect(self._text_changed)
        self.next_button.clicked.connect(self.find_next)
        self.prev_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)
        for key, slot in (
            (QKeySequence.StandardKey.FindNext, self.find_next),
            (QKeySequence.StandardKey.FindPrevious, self.find_previous),
        ):
            shortcut = QShortcut(QKeySequence(key), parent)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ----- public --------------------------------------------------------------------------
    def activate(self) -> None:
        """Show, focus and select the query, and search again (the text may have changed)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self._search(self.edit.text())

    def close_bar(self) -> None:
        self._pending.stop()
        self.hide()
        self._reader.set_find_matches([], -1)
        self._reader.focus_text()

    def document_changed(self) -> None:
        if self.isVisible() and self.edit.text():
            self._search(self.edit.text())
        else:
            self._set_matches([], -1)

    def match_count(self) -> int:
        return len(self._matches)

    def current_index(self) -> int:
        """0-based index of the current match, -1 when there is none."""
        return self._current

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    # ----- internals -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.edit and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _text_changed(self, query: str) -> None:
        self._pending.stop()
        if 0 < len(query) < SHORT_QUERY:
            self._pending.start(SHORT_QUERY_DELAY_MS)
        else:
            self._search(query)

    def flush(self) -> None:
        """Run a search that is waiting for a pause in typing now."""
        if self._pending.isActive():
            self._pending.stop()
            self._search(self.edit.text())

    def _search(self, query: str) -> None:
        document = self._reader.document()
        if not query or document is None:
            self._set_matches([], -1)
            return
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        # One C-level scan; islice stops at the cap without materialising the rest.
        found = [m.span() for m in islice(pattern.finditer(document.text), MAX_MATCHES + 1)]
        self._truncated = len(found) > MAX_MATCHES
        del found[MAX_MATCHES:]
        # The first match at or after the reading position, wrapping to the top.
        here = self._reader.selection_range(snap=False)
        origin = here[0] if here else self._reader.cursor_offset()
        current = bisect.bisect_left(found, (origin, -1)) if found else -1
        if found and current >= len(found):
            current = 0
        self._set_matches(found, current)

    def _step(self, delta: int) -> None:
        self.flush()
        if not self.edit.text():
            self.activate()  # F3 with nothing to find: ask for the query
            return
        if not self.isVisible():
            self.show()  # F3 after closing the bar: the matches come back with it
            self._search(self.edit.text())
            if delta > 0 or not self._matches:
                return
        if not self._matches:
            if self.edit.text():
                self._search(self.edit.text())
            if not self._matches:
                return
            if delta > 0:
                self._set_matches(self._matches, self._current)
                return
        self._set_matches(self._matches, (self._current + delta) % len(self._matches))

    def _set_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        self._matches = matches
        self._current = current
        if not self.edit.text():
            self.count_label.setText("")
        elif not matches:
            self.count_label.setText("No matches")
        else:
            more = "+" if self._truncated else ""
            self.count_label.setText(f"{current + 1} of {len(matches)}{more}")
        self._reader.set_find_matches(matches, current)
        if 0 <= current < len(matches):
            start, end = matches[current]
            self._reader.select_range(start, end)
