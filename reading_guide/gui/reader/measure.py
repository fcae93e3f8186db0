"""The essay's column: a readable measure, centred, with the page colour in the margins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette

if TYPE_CHECKING:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QTextEdit

    from reading_guide.gui.reader.gutter import Gutter

MAX_TEXT_WIDTH_EM = 36  # readable measure: about 70 characters a line


def page_palette(edit: QTextEdit) -> None:
    """The margins beside a centred text column belong to the page: paint them like the text."""
    pal = edit.palette()
    base = pal.color(QPalette.ColorRole.Base)
    if pal.color(QPalette.ColorRole.Window) != base:
        pal.setColor(QPalette.ColorRole.Window, base)
        edit.setPalette(pal)
    edit.setAutoFillBackground(True)
    edit.viewport().update()


def place_column(edit: QTextEdit, gutter: Gutter, font: QFont) -> None:
    """Wrap the text at the readable measure, centred, with the paragraph numbers beside it."""
    gutter_w = gutter.width_hint()
    em = font.pointSizeF() * edit.logicalDpiX() / 72.0
    max_text = int(MAX_TEXT_WIDTH_EM * em)
    total = edit.width() - edit.verticalScrollBar().sizeHint().width()
    side = max(0, (total - gutter_w - max_text) // 2)
    text_w = max(80, min(max_text, total - gutter_w))
    margins = edit.viewportMargins()
    if margins.left() != gutter_w + side or margins.right() != side:
        edit.setViewportMargins(gutter_w + side, 0, side, 0)
    if edit.lineWrapColumnOrWidth() != text_w:
        edit.setLineWrapColumnOrWidth(text_w)
    cr = edit.contentsRect()
    gutter.setGeometry(cr.left() + side, cr.top(), gutter_w, cr.height())
