"""Highlights and find matches, painted over the reader's visible lines only.

Why painting and not a QSyntaxHighlighter or char formats: the reader is a QTextEdit (it is the
Qt text widget that honours block formats: line spacing, indents, paragraph gaps). Giving a
QTextEdit's blocks extra formats re-lays them out, which is what made "QTextEdit + highlighter"
hundreds of times slower than a plain editor. Here the formats never change: highlights live in
a sorted index and each paint asks it for the few that touch the visible lines, then fills their
line rectangles. Cost per frame is O(log n + visible highlights); changing a highlight costs one
index rebuild (sorting 1,000 items) and one viewport repaint.

Overlaps stay legible: fills are translucent, so nested highlights blend and darken, and each
highlight draws its grayscale mark (underline, dotted, wavy, ...) in its own lane below the
baseline, so stacked marks sit under one another instead of on top of each other.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QTextBlock, QTextDocument, QTextLine

from reading_guide.gui.reader.textmap import TextMap


class HighlightPaint(NamedTuple):
    """What the reader needs to draw one highlight; offsets are code points in the reading text."""

    id: str
    start: int
    end: int
    color: str
    mark: str = "underline"


class _Entry(NamedTuple):
    item: HighlightPaint
    qt_start: int
    qt_end: int
    lane: int


class HighlightIndex:
    """Highlights sorted by start, with a running maximum of ends for overlap queries."""

    def __init__(self, items: Iterable[HighlightPaint], textmap: TextMap) -> None:
        limit = textmap.cp_length
        valid = [
            it for it in items if 0 <= it.start < it.end <= limit
        ]
        valid.sort(key=lambda it: (it.start, -it.end, it.id))
        entries: list[_Entry] = []
        active: list[tuple[int, int]] = []  # (end, lane) of highlights still open
        free: list[int] = []
        lanes = 0
        for it in valid:
            while active and active[0][0] <= it.start:
                heapq.heappush(free, heapq.heappop(active)[1])
            if free:
                lane = heapq.heappop(free)
            else:
                lane, lanes = lanes, lanes + 1
            heapq.heappush(active, (it.end, lane))
            qs, qe = textmap.range_to_qt(it.start, it.end)
            entries.append(_Entry(it, qs, qe, lane))
        self._entries = entries
        self._starts = [e.item.start for e in entries]
        self._qt_starts = [e.qt_start for e in entries]
        running = running_qt = -1
        self._max_end: list[int] = []
        self._max_qt_end: list[int] = []
        for e in entries:
            running = max(running, e.item.end)
            running_qt = max(running_qt, e.qt_end)
            self._max_end.append(running)
            self._max_qt_end.append(running_qt)
        self._by_id = {e.item.id: e for e in entries}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, highlight_id: str) -> _Entry | None:
        return self._by_id.get(highlight_id)

    def overlapping_qt(self, qt_start: int, qt_end: int) -> Iterator[_Entry]:
        """Entries whose Qt range meets [qt_start, qt_end) (in start order)."""
        stop = bisect.bisect_left(self._qt_starts, qt_end)
        # Every entry before `first` ends at or before qt_start: the running maximum says so.
        first = bisect.bisect_right(self._max_qt_end, qt_start)
        for e in self._entries[first:stop]:
            if e.qt_end > qt_start:
                yield e

    def innermost_at(self, cp: int) -> str | None:
        """The shortest highlight containing the character at `cp` (None when none does)."""
        stop = bisect.bisect_right(self._starts, cp)
        first = bisect.bisect_right(self._max_end, cp)
        best: _Entry | None = None
        for e in self._entries[first:stop]:
            if e.item.start <= cp < e.item.end and (
                best is None or e.item.end - e.item.start < best.item.end - best.item.start
            ):
                best = e
        return best.item.id if best else None


def blocks_between(doc: QTextDocument, qt_start: int, qt_end: int) -> Iterator[QTextBlock]:
    block = doc.findBlock(qt_start)
    while block.isValid() and block.position() <= qt_end:
        yield block
        block = block.next()


class LinePiece(NamedTuple):
    """Where part of a range lies on one line, in document coordinates."""

    rect: QRectF
    ascent: float  # the line's ascent: the baseline is at rect.top() + ascent
    line_left: float  # where the line's text column starts (for side bars)


def line_rects(block: QTextBlock, start: int, end: int) -> list[LinePiece]:
    """Pieces covering block-local [start, end) line by line."""
    layout = block.layout()
    origin = layout.position()
    rects: list[LinePiece] = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        ls = line.textStart()
        le = ls + line.textLength()
        s, e = max(start, ls), min(end, le)
        if s >= e:
            continue
        x1, x2 = _x(line, s), _x(line, e)
        if x2 < x1:
            x1, x2 = x2, x1
        rect = QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height())
        rects.append(LinePiece(rect, line.ascent(), origin.x() + line.x()))
    return rects


def _x(line: QTextLine, position: int) -> float:
    """Where `position` is on `line`; PySide returns (x, position) although its stub says
    `object`."""
    found = line.cursorToX(position)
    if isinstance(found, tuple):
        return float(found[0])
    assert isinstance(found, int | float)
    return float(found)


def range_rects(
    doc: QTextDocument, qt_start: int, qt_end: int, visible: tuple[int, int]
) -> list[LinePiece]:
    """The visible line pieces of a Qt range, in document coordinates."""
    lo, hi = max(qt_start, visible[0]), min(qt_end, visible[1])
    out: list[LinePiece] = []
    if lo >= hi:
        return out
    for block in blocks_between(doc, lo, hi):
        pos = block.position()
        local_s = max(lo - pos, 0)
        local_e = min(hi - pos, block.length() - 1)
        if local_e <= local_s:
            continue
        out.extend(line_rects(block, local_s, local_e))
    return out


def is_dark(base: QColor) -> bool:
    return base.lightnessF() < 0.5


def fill_color(color: str, dark: bool) -> QColor:
    c = QColor(color)
    if not c.isValid():
        c = QColor("#f2c94c")
    c.setAlphaF(0.30 if dark else 0.42)
    return c


def mark_color(color: str, dark: bool) -> QColor:
    """The category's colour for its underline or bar, at least 3:1 against the page (WCAG's
    contrast for marks): a guide's navy on the dark page, or yellow on white, is lightened or
    darkened until it shows."""
    c = QColor(color)
    if not c.isValid():
        c = QColor("#f2c94c")
    c = c.lighter(115) if dark else c.darker(160)
    page = QColor("#1f1f1f") if dark else QColor("#ffffff")
    hue, sat, light = c.hslHueF(), c.hslSaturationF(), c.lightnessF()
    while contrast(c, page) < 3.0 and (light < 1.0 if dark else light > 0.0):
        light = min(1.0, light + 0.05) if dark else max(0.0, light - 0.05)
        c = QColor.fromHslF(max(hue, 0.0), sat, light)
    return c


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF()))
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def paint_fills(
    painter: QPainter, entries: Iterable[_Entry], doc: QTextDocument,
    visible: tuple[int, int], offset: QPointF, dark: bool,
) -> None:
    """Translucent backgrounds; drawn before the text so glyphs stay on top."""
    painter.setPen(Qt.PenStyle.NoPen)
    for e in entries:
        painter.setBrush(fill_color(e.item.color, dark))
        for piece in range_rects(doc, e.qt_start, e.qt_end, visible):
            painter.drawRect(piece.rect.translated(offset))


def wave_tile(color: QColor, tiles: dict[str, QPixmap]) -> QPixmap:
    """One period of a wavy underline, cached per colour: tiling it is ~100x faster than
    stroking an antialiased zig-zag path for every line (measured in bench_reader.py)."""
    key = color.name(QColor.NameFormat.HexArgb)
    tile = tiles.get(key)
    if tile is None:
        tile = QPixmap(6, 4)
        tile.fill(Qt.GlobalColor.transparent)
        p = QPainter(tile)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(color, 1.1))
        p.drawPolyline([QPointF(0, 3), QPointF(1.5, 1), QPointF(3, 1), QPointF(4.5, 3),
                        QPointF(6, 3)])
        p.end()
        tiles[key] = tile
    return tile


def paint_marks(
    painter: QPainter, entries: Iterable[_Entry], doc: QTextDocument,
    visible: tuple[int, int], offset: QPointF, dark: bool, tiles: dict[str, QPixmap],
) -> None:
    """Each highlight's grayscale mark, in its own lane so overlapping marks stack."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for e in entries:
        pen = QPen(mark_color(e.item.color, dark), 1.4)
        mark = e.item.mark
        if mark == "dotted":
            pen.setStyle(Qt.PenStyle.DotLine)
        elif mark == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for piece in range_rects(doc, e.qt_start, e.qt_end, visible):
            r = piece.rect.translated(offset)
            y = r.top() + piece.ascent + 3.0 + 3.5 * e.lane
            if mark == "box":
                painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
            elif mark == "side-bar":
                # Beside the text column, like a margin mark on paper; lanes side by side.
                x = piece.line_left + offset.x() - 5.0 - 3.0 * e.lane
                painter.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            elif mark == "wavy":
                tile = wave_tile(pen.color(), tiles)
                painter.drawTiledPixmap(QRectF(r.left(), y - 2.0, r.width(), 4.0), tile,
                                        QPointF(r.left(), 0))
            else:
                painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
                if mark == "double-underline":
                    painter.drawLine(QPointF(r.left(), y + 2.0), QPointF(r.right(), y + 2.0))


def paint_outline(
    painter: QPainter, qt_start: int, qt_end: int, doc: QTextDocument,
    visible: tuple[int, int], offset: QPointF, color: QColor, width: float = 2.0,
) -> None:
    """A rounded outline around every line piece of a range (the current highlight or match)."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(color, width))
    for piece in range_rects(doc, qt_start, qt_end, visible):
        painter.drawRoundedRect(piece.rect.translated(offset).adjusted(-1.5, -1.0, 1.5, 1.0), 3, 3)


class MatchOverlay:
    """Find matches as sorted, non-overlapping code-point ranges; painted only where visible.

    The ranges stay in code points: a one-letter query can match 100,000 times, and mapping
    them all to Qt positions up front cost more than the search itself. Only the few on
    screen are mapped, at paint time.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.current = -1
        self._map = TextMap("")

    def set(self, ranges: list[tuple[int, int]], current: int, textmap: TextMap) -> None:
        self.starts = [s for s, _ in ranges]
        self.ends = [e for _, e in ranges]  # sorted too: matches never overlap
        self.current = current
        self._map = textmap

    def visible(self, qt_start: int, qt_end: int) -> range:
        """Indices of the matches meeting the Qt range [qt_start, qt_end)."""
        lo, hi = self._map.to_cp(qt_start), self._map.to_cp(qt_end) + 1
        return range(bisect.bisect_right(self.ends, lo), bisect.bisect_left(self.starts, hi))

    def qt_range(self, i: int) -> tuple[int, int]:
        return self._map.to_qt(self.starts[i]), self._map.to_qt(self.ends[i])

    def paint(
        self, painter: QPainter, doc: QTextDocument, visible: tuple[int, int],
        offset: QPointF, dark: bool,
    ) -> None:
        if not self.starts:
            return
        fill = QColor("#ff9632")
        fill.setAlphaF(0.45 if dark else 0.38)
        edge = QColor("#ff9632") if dark else QColor("#c25e00")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        for i in self.visible(*visible):
            for piece in range_rects(doc, *self.qt_range(i), visible):
                painter.drawRect(piece.rect.translated(offset))
        if 0 <= self.current < len(self.starts):
            qs, qe = self.qt_range(self.current)
            paint_outline(painter, qs, qe, doc, visible, offset, edge, 2.0)
