"""Fill a QTextDocument from a rendered Document: one QTextBlock per Block, formats per kind.

The Qt document's text must equal the reading text exactly (blocks joined by one separator), so
that a Qt position is a reading-text offset up to UTF-16 units (see textmap.py). Everything
visual that is not reading text (list labels, quote bars, paragraph numbers) is therefore painted
as a decoration, never inserted. Formats are set once here and never changed afterwards: on a
QTextEdit, changing formats means re-layout, which is what makes highlighting by formats slow.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reading_guide.render import Block, Document

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
    return bf, cf


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


def fill_document(doc: QTextDocument, document: Document, base: QFont, palette: QPalette) -> None:
    """Replace `doc`'s content with `document`, block for block."""
    doc.clear()
    doc.setDefaultFont(base)
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(22)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cache: dict[tuple[str, int], tuple[QTextBlockFormat, QTextCharFormat]] = {}
    for i, block in enumerate(document.blocks):
        key = (block.kind, block.level)
        if key not in cache:
            cache[key] = block_formats(block, base)
        bf, cf = cache[key]
        if i == 0:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
        else:
            cursor.insertBlock(bf, cf)
        if not block.spans:
            cursor.insertText(block.text, cf)
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
            cursor.insertText(block.text[a:b], fmt)
    cursor.endEditBlock()
