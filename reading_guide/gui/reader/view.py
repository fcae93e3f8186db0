"""The essay reader: rendered text, ¶ gutter, highlights, selection in reading-text offsets.

Widget choice, by measurement (bench/bench_reader.py): a read-only QTextEdit filled once with
block and character formats, highlights painted over the visible lines from a sorted index
(highlighter.py). QPlainTextEdit's layout ignores block formats (line spacing, indents, gaps:
checked on Qt 6.12); QTextEdit costs little while formats never change after loading. Every
position crossing this API is a code-point offset in the reading text (textmap.py: UTF-16).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QPainter,
    QPalette,
    QPixmap,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QVBoxLayout, QWidget

from reading_guide.gui.core.fonts import text_font
from reading_guide.gui.core.plain_text import tip
from reading_guide.gui.reader import highlighter as hl
from reading_guide.gui.reader.gutter import Gutter, paint_decorations, visible_blocks
from reading_guide.gui.reader.highlighter import HighlightIndex, HighlightPaint, MatchOverlay
from reading_guide.gui.reader.measure import page_palette, place_column
from reading_guide.gui.reader.reader_format import fill_document
from reading_guide.gui.reader.textmap import TextMap
from reading_guide.gui.reader.words import snap_to_words
from reading_guide.gui.refcount_guard import protect_singletons
from reading_guide.render import Document
from reading_guide.render.display import document_inserted

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPaintEvent, QResizeEvent

    from reading_guide.gui.reader.findbar import FindBar


class _ReaderEdit(QTextEdit):
    """The read-only text widget; paints highlights under and outlines over the text."""

    def __init__(self, view: ReaderView) -> None:
        super().__init__(view)
        self._view = view
        self._tiles: dict[str, QPixmap] = {}  # wavy-underline tiles per colour
        # Take the viewport's Python wrapper as a plain QWidget before anything calls
        # viewport(): converting an unwrapped QWidget* makes PySide 6.12 (lazy types) create
        # every QWidget subclass to find the most derived one, ~10 ms of start-up.
        self.findChild(QWidget, "qt_scrollarea_viewport")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # The wrap width is set by ReaderView._place_margins (a readable measure, centred).
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setUndoRedoEnabled(False)
        # Dropped files are for the main window (open an essay or guide), not text to insert.
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.viewport().setMouseTracking(True)  # a pointing hand over highlights
        self.setAccessibleName("Essay")

    def visible_qt_range(self) -> tuple[int, int]:
        first = last = None
        for block, _top in visible_blocks(self):
            if first is None:
                first = block.position()
            last = block.position() + block.length()
        if first is None or last is None:
            return 0, 0
        return first, last

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        view = self._view
        visible = self.visible_qt_range()
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        dark = hl.is_dark(self.palette().color(QPalette.ColorRole.Base))
        doc = self.document()
        entries = list(view._index.overlapping_qt(*visible)) if view._index else []
        under = QPainter(self.viewport())
        hl.paint_fills(under, entries, doc, visible, offset, dark)
        view._matches.paint(under, doc, visible, offset, dark)
        under.end()
        super().paintEvent(event)
        over = QPainter(self.viewport())
        over.setRenderHint(QPainter.RenderHint.Antialiasing)
        hl.paint_marks(over, entries, doc, visible, offset, dark, self._tiles)
        if view._document is not None:
            paint_decorations(over, self, view._document)
        current = view._index.get(view._current) if view._index and view._current else None
        if current is not None:
            color = QColor(self.palette().color(QPalette.ColorRole.Text))
            hl.paint_outline(over, current.qt_start, current.qt_end, doc, visible, offset, color)
        over.end()

    def char_at(self, pos: QPoint) -> int | None:
        """Code-point offset of the character under a viewport point."""
        view = self._view
        if view._document is None:
            return None
        cursor = self.cursorForPosition(pos)
        qt = cursor.position()
        if pos.x() < self.cursorRect(cursor).x() and qt > 0:
            qt -= 1
        # Only a point on the character itself counts: not the empty space after a line's
        # end, nor the gap between paragraphs (a click there must not pick a highlight).
        cursor.setPosition(qt)
        left = self.cursorRect(cursor)
        if qt >= self.document().characterCount() - 1:
            return None
        cursor.setPosition(qt + 1)
        right = self.cursorRect(cursor)
        if not left.top() <= pos.y() <= left.bottom():
            return None
        if right.top() == left.top():
            x1, x2 = sorted((left.x(), right.x()))
            if not x1 - 1 <= pos.x() <= x2 + 1:
                return None
        elif pos.x() > left.x() + left.height() // 2:  # last character of a line: no width
            return None
        return view._map.to_cp(qt)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        view = self._view
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            self._snap_selection()
            return
        cp = self.char_at(event.position().toPoint())
        if cp is not None and view._index is not None:
            hid = view._index.innermost_at(cp)
            if hid is not None:
                view.highlightClicked.emit(hid)

    def _snap_selection(self) -> None:
        """Show the snapped selection after a drag: what is seen is what gets highlighted."""
        view = self._view
        raw, snapped = view.selection_range(snap=False), view.selection_range()
        if raw is None or snapped is None or raw == snapped:
            return
        cursor = self.textCursor()
        backwards = cursor.position() < cursor.anchor()
        start, end = view._map.range_to_qt(*snapped)
        anchor, pos = (end, start) if backwards else (start, end)
        cursor.setPosition(anchor)
        cursor.setPosition(pos, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        view = self._view
        cp = self.char_at(event.position().toPoint())
        over = cp is not None and view._index is not None and view._index.innermost_at(cp)
        shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        view = self._view
        bar = view._find_bar
        if event.key() == Qt.Key.Key_Escape and bar is not None and bar.isVisible():
            bar.close_bar()
            return
        # Enter on a highlight does what a click does: keyboard users can select it too.
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and view._index is not None):
            hid = view._index.innermost_at(view.cursor_offset())
            if hid is not None:
                view.highlightClicked.emit(hid)
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        self._view.contextMenuAboutToShow.emit(menu)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            view = self._view
            cp = self.char_at(event.pos())
            hid = view._index.innermost_at(cp) if cp is not None and view._index else None
            text = view._tooltip_provider(hid) if hid and view._tooltip_provider else ""
            if text:
                QToolTip.showText(event.globalPos(), tip(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._view._place_margins()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._view._apply_palette()


class ReaderView(QWidget):
    """The reading pane: a read-only rendered essay with gutter, highlights and find bar."""

    highlightClicked = Signal(str)  # noqa: N815 - Qt signal naming
    selectionChanged = Signal()  # noqa: N815
    cursorMoved = Signal(int)  # noqa: N815
    contextMenuAboutToShow = Signal(QMenu)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        protect_singletons()  # the reader makes thousands of Qt calls a second: see the module
        super().__init__(parent)
        self._document: Document | None = None
        self._map = TextMap("")
        self._index: HighlightIndex | None = None
        self._items: list[HighlightPaint] = []
        self._current: str | None = None
        self._direction: str | None = None  # the essay's, kept to fill it again (a theme)
        self._matches = MatchOverlay()
        self._tooltip_provider: Callable[[str], str] | None = None
        self._base_font = text_font(13.0)

        self.editor = _ReaderEdit(self)
        self.editor.document().setDefaultFont(self._base_font)
        self.gutter = Gutter(self.editor, lambda: self._document)
        self._find_bar: FindBar | None = None  # made on first use (find_bar): not at start-up
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.editor, 1)

        # Ctrl+F belongs to the main window's Find action (one owner, or Qt calls the shortcut
        # ambiguous and neither fires); it calls show_find(). F3 / Shift+F3 live on the find bar,
        # and work once it has been shown.
        self.setFocusProxy(self.editor)

        self.editor.selectionChanged.connect(self.selectionChanged.emit)
        self.editor.cursorPositionChanged.connect(
            lambda: self.cursorMoved.emit(self.cursor_offset())
        )
        self.editor.verticalScrollBar().valueChanged.connect(lambda _v: self.gutter.update())
        self._apply_palette()
        self._place_margins()

    # ----- content -------------------------------------------------------------------------
    def set_document(self, document: Document | None, direction: str | None = None) -> None:
        """Show `document` (None: an empty page); clears highlights, outline and find matches.
        `direction` is the essay's ("rtl": right to left); None tells it from the letters."""
        if document is None:
            document = Document.from_blocks([])
        self._document = document
        self._direction = direction
        self._map = TextMap(document.text, document_inserted(document.blocks))
        self._items = []
        self._index = HighlightIndex([], self._map)
        self._current = None
        self._matches.set([], -1, self._map)
        # Fill a detached document, then swap it in: Qt lays out only once, on display,
        # instead of after every edit (3x faster on a 1 MB essay, bench_reader.py).
        fresh = QTextDocument(self.editor)
        fill_document(fresh, document, self._base_font, self.editor.palette(), direction)
        self.editor.setDocument(fresh)  # deletes the previous one: it is the editor's child
        self._place_margins()
        if self._find_bar is not None:
            self._find_bar.document_changed()
        self.editor.viewport().update()
        self.gutter.update()

    def document(self) -> Document | None:
        return self._document

    def set_highlights(self, items: list[HighlightPaint]) -> None:
        """Replace the painted highlights (offsets are code points in the reading text)."""
        self._items = list(items)
        self._index = HighlightIndex(self._items, self._map)
        if self._current is not None and self._index.get(self._current) is None:
            self._current = None
        self.editor.viewport().update()

    def set_current_highlight(self, highlight_id: str | None) -> None:
        """Outline one highlight (None: no outline)."""
        self._current = highlight_id
        self.editor.viewport().update()

    def set_tooltip_provider(self, provider: Callable[[str], str] | None) -> None:
        """`provider(highlight_id)` returns the hover text (its questions) as plain text, shown
        literally; "" shows nothing."""
        self._tooltip_provider = provider

    # ----- offsets and selection -----------------------------------------------------------
    def selection_range(self, snap: bool = True) -> tuple[int, int] | None:
        """The selection in reading-text code points; snapped to whole words unless snap=False."""
        cursor = self.editor.textCursor()
        if self._document is None or not cursor.hasSelection():
            return None
        start, end = self._map.range_to_cp(cursor.selectionStart(), cursor.selectionEnd())
        if not snap:
            return start, end
        return snap_to_words(self._document.text, start, end)

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) (code points) and scroll it into view."""
        n = self._map.cp_length
        start, end = max(0, min(start, n)), max(0, min(end, n))
        cursor = QTextCursor(self.editor.document())
        qt_start, qt_end = self._map.range_to_qt(start, end)
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.scroll_to(start)

    def scroll_to(self, offset: int) -> None:
        """Bring `offset` into view, a third down the page when it has to move."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self._map.to_qt(max(0, min(offset, self._map.cp_length))))
        rect = self.editor.cursorRect(cursor)
        height = self.editor.viewport().height()
        if rect.top() < 0 or rect.bottom() > height:
            bar = self.editor.verticalScrollBar()
            target = bar.value() + rect.top() - height // 3
            if target > bar.maximum():
                # Just after opening, Qt lays out lazily and widens the scroll range only on
                # its next event-loop turn; widen it now so a far jump lands (measured: a jump
                # to the end of 1 MB right after opening otherwise stops at the first pages).
                full = self.editor.document().size().height()
                bar.setMaximum(max(bar.maximum(), int(full) - height))
            bar.setValue(target)

    def cursor_offset(self) -> int:
        return self._map.to_cp(self.editor.textCursor().position())

    def paragraph_at_cursor(self) -> int | None:
        if self._document is None:
            return None
        return self._document.paragraph_at(self.cursor_offset())

    def offset_rect(self, offset: int) -> QRect:
        """Caret rectangle of `offset` in editor-viewport coordinates (for tests and popups)."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self._map.to_qt(offset))
        return self.editor.cursorRect(cursor)

    # ----- find ----------------------------------------------------------------------------
    @property
    def find_bar(self) -> FindBar:
        """The find bar under the essay, made (hidden) the first time it is needed."""
        if self._find_bar is None:
            from reading_guide.gui.reader.findbar import FindBar

            self._find_bar = FindBar(self, self)
            self._find_bar.hide()
            self._layout.addWidget(self._find_bar)
        return self._find_bar

    def focus_text(self) -> None:
        """Put the keyboard in the essay (the find bar closing gives it back)."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_find(self) -> None:
        """Show and focus the find bar (Ctrl+F)."""
        self.find_bar.activate()

    def set_find_matches(self, ranges: list[tuple[int, int]], current: int) -> None:
        """Paint find matches (code-point ranges, sorted, non-overlapping); `current` outlined."""
        self._matches.set(ranges, current, self._map)
        self.editor.viewport().update()

    # ----- layout --------------------------------------------------------------------------
    def _apply_palette(self) -> None:
        page_palette(self.editor)
        dark = hl.is_dark(self.editor.palette().base().color())
        if self._document is not None and dark != self._filled_dark:  # links: theme colours
            items, current = self._items, self._current
            self.set_document(self._document, self._direction)
            self.set_highlights(items)
            self.set_current_highlight(current)
        self._filled_dark: bool = dark  # set first here, from __init__, before any document

    def _place_margins(self) -> None:
        place_column(self.editor, self.gutter, self._base_font)
