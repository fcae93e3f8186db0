"""Fill a QTextDocument from a rendered Document: one QTextBlock per Block, formats per kind.

The Qt document's text is the reading text as shown (render/display.py): blocks joined by one
separator, the spaces that are line breaks shown as U+2028 (one for one), and only the few
display-only characters of code (a blank line, indentation) inserted, which textmap.py steps
over; so a Qt position is a reading-text offset up to UTF-16 units and those insertions.
Everything else visual that is not reading text (list labels, quote bars, paragraph numbers)
is painted as a decoration, never inserted. Formats are set once here and never changed
afterwards: on a QTextEdit, changing formats means re-layout, which is what makes highlighting
by formats slow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from reading_guide.render import Block, Document
from reading_guide.render.direction import direction_of, prose_letters
from reading_guide.render.display import shown, shown_offset

MONOSPACE = ["DejaVu Sans Mono", "Liberation Mono", "monospace"]

LINE_HEIGHT = 145  # percent: comfortable reading lines
PARAGRAPH_GAP = 9.0  # pixels after each paragraph
INDENT = 30.0  # pixels per quote / list nesting level
# Deeper levels stop indenting, so a pathologically nested essay still leaves room for text.
MAX_INDENT_LEVELS = 6
HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.18}
_PROPORTIONAL = int(QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)


def block_formats(block: Block, base: QFont) -> tuple[QTextBlockFormat, QTextCharFormat]:
    """Paragraph layout and base character format for one block kind."""
    bf = QTextBlockFormat()
    cf = QTextCharFormat()
    cf.setFont(base)
    if block.kind == "heading":
        scale = HEADING_SCALE.get(block.level, 1.08)
        cf.setFontPointSize(base.pointSizeF() * scale)
        cf.setFontWeight(QFont.Weight.Bold)
        bf.setLineHeight(118, _PROPORTIONAL)
        bf.setTopMargin(PARAGRAPH_GAP * (2.2 if block.level <= 2 else 1.4))
        bf.setBottomMargin(PARAGRAPH_GAP)
        bf.setHeadingLevel(block.level)
    else:
        bf.setLineHeight(LINE_HEIGHT, _PROPORTIONAL)
        bf.setBottomMargin(PARAGRAPH_GAP)
        if block.kind == "quote":
            bf.setLeftMargin(INDENT * min(max(block.level, 1), MAX_INDENT_LEVELS))
            bf.setRightMargin(INDENT * 0.8)
            cf.setFontItalic(True)
        elif block.kind == "item":
            bf.setLeftMargin(INDENT * min(max(block.level, 1), MAX_INDENT_LEVELS))
            bf.setBottomMargin(PARAGRAPH_GAP * 0.45)
        elif block.kind == "code":
            cf.setFontFamilies(MONOSPACE)
            cf.setFontFixedPitch(True)
            cf.setFontPointSize(base.pointSizeF() * 0.9)
            bf.setLeftMargin(INDENT * 0.5)
            bf.setLineHeight(118, _PROPORTIONAL)
        elif block.kind == "verse":
            bf.setLeftMargin(INDENT)
        elif block.kind == "footnote":
            cf.setFontPointSize(base.pointSizeF() * 0.88)
            bf.setLeftMargin(INDENT * 0.8)
    return bf, cf


def table_tabs(block: Block, base: QFont) -> list[QTextOption.Tab]:
    """Tab stops that line a table block's cells up in columns (its text is one QTextBlock:
    rows shown on lines of their own, cells split by tabs), from the widest cell of each
    column."""
    metrics = QFontMetricsF(base)
    widths: list[float] = []
    for row in block.cells():
        for i, (a, b) in enumerate(row):
            width = metrics.horizontalAdvance(block.text[a:b]) + 24
            if i < len(widths):
                widths[i] = max(widths[i], width)
            else:
                widths.append(width)
    tabs = []
    x = 0.0
    for width in widths[:-1]:
        x += min(width, 360.0)
        tabs.append(QTextOption.Tab(x, QTextOption.TabType.LeftTab))
    return tabs


def span_format(kind: str, base: QTextCharFormat, palette: QPalette) -> QTextCharFormat:
    cf = QTextCharFormat(base)
    if kind == "em":
        cf.setFontItalic(not base.fontItalic())
    elif kind == "strong":
        cf.setFontWeight(QFont.Weight.Bold)
    elif kind == "code":
        cf.setFontFamilies(["DejaVu Sans Mono", "Liberation Mono", "monospace"])
        cf.setFontFixedPitch(True)
        cf.setFontPointSize(base.fontPointSize() * 0.9 if base.fontPointSize() > 0 else 11)
        shade = QColor(palette.color(QPalette.ColorRole.Text))
        shade.setAlphaF(0.08)
        cf.setBackground(shade)
    elif kind == "link":
        cf.setForeground(palette.color(QPalette.ColorRole.Link))
        cf.setFontUnderline(True)
    elif kind == "strike":
        cf.setFontStrikeOut(True)
    elif kind == "note":
        cf.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    return cf


def _runs(block: Block) -> list[tuple[int, int, tuple[str, ...]]]:
    """Split a block's text into runs with the set of span kinds covering each."""
    cuts = {0, len(block.text)}
    for sp in block.spans:
        cuts.add(max(0, min(sp.start, len(block.text))))
        cuts.add(max(0, min(sp.end, len(block.text))))
    points = sorted(cuts)
    runs = []
    for a, b in zip(points, points[1:], strict=False):
        kinds = tuple(sp.kind for sp in block.spans if sp.start <= a and b <= sp.end)
        runs.append((a, b, kinds))
    return runs


def fill_document(doc: QTextDocument, document: Document, base: QFont, palette: QPalette,
                  direction: str | None = None) -> None:
    """Replace `doc`'s content with `document`, block for block; `direction` is the essay's
    ("rtl" lays it out right to left), or None to tell from its letters as import does."""
    doc.clear()
    doc.setDefaultFont(base)
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(22)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cache: dict[tuple[str, int], tuple[QTextBlockFormat, QTextCharFormat]] = {}
    # A right-to-left essay (most of its letters Arabic, Hebrew...) reads right to left; code
    # and tables of it stay as Qt finds them.
    if direction is None:
        direction = direction_of("", prose_letters((b.kind, b.text) for b in document.blocks))
    rtl = direction == "rtl"
    for i, block in enumerate(document.blocks):
        key = (block.kind, block.level)
        if key not in cache:
            cache[key] = block_formats(block, base)
            if rtl and block.kind != "code":
                rtl_bf = cache[key][0]
                rtl_bf.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
                # Indents (quotes, list items) are on the right, where the lines start.
                left, right = rtl_bf.leftMargin(), rtl_bf.rightMargin()
                rtl_bf.setLeftMargin(right)
                rtl_bf.setRightMargin(left)
        bf, cf = cache[key]
        if block.kind == "table":
            bf = QTextBlockFormat(bf)
            bf.setTabPositions(table_tabs(block, base))
        if i == 0:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
        else:
            cursor.insertBlock(bf, cf)
        show = shown(block)
        if not block.spans:
            cursor.insertText(show.text, cf)
            continue
        for a, b, kinds in _runs(block):
            fmt = cf
            for kind in kinds:
                fmt = span_format(kind, fmt, palette)
            if kinds and "link" in kinds:
                href = next((sp.href for sp in block.spans if sp.kind == "link"
                             and sp.start <= a and b <= sp.end), "")
                if href:
                    fmt = QTextCharFormat(fmt)
                    fmt.setAnchor(True)
                    fmt.setAnchorHref(href)
            if show.inserted:
                a = shown_offset(show.inserted, a, after=False)
                b = shown_offset(show.inserted, b, after=False)
            cursor.insertText(show.text[a:b], fmt)
    cursor.endEditBlock()
