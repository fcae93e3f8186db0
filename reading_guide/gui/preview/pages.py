"""The handout's pages on screen: a PDF view with zoom (in, out, fit width, whole page) and
page navigation, usable at any width.

Why QtPdf's `QPdfView` and not a picture per page: it renders the real PDF (what prints) in a
thread, scrolls through every page, and its zoom modes (`FitToWidth`, `FitInView`, `Custom`)
do the arithmetic. Fit width is the default: at a dock's width a whole A4 page is too small to
read. The controls are small tool buttons on two short rows, so the panel's minimum width stays
narrow and the preview never squeezes the essay beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.1, 4.0
FIT_WIDTH, WHOLE_PAGE, CUSTOM = "fit-width", "whole-page", "custom"


def pages_text(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _tool(text: str, tip: str, name: str, checkable: bool = False) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setObjectName(name)
    button.setCheckable(checkable)
    button.setAutoRaise(True)
    return button


class PdfPages(QWidget):
    """A PDF's pages: `load(path)` keeps the page in view where it can."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("previewView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setMinimumWidth(120)
        self.zoom_out = _tool("−", "Zoom out (Ctrl+-)", "previewZoomOut")
        self.zoom_in = _tool("+", "Zoom in (Ctrl++)", "previewZoomIn")
        self.fit_width = _tool("Fit width", "Fit the page's width to the panel",
                               "previewFitWidth", True)
        self.whole_page = _tool("Page", "Show a whole page at once", "previewWholePage", True)
        self.prev_button = _tool("◀", "Previous page", "previewPrevious")
        self.next_button = _tool("▶", "Next page", "previewNext")
        self.page = QSpinBox()
        self.page.setObjectName("previewPage")
        self.page.setRange(1, 1)
        self.page.setToolTip("The page in view")
        self.page.setKeyboardTracking(False)
        self.pages_label = QLabel("of 0")
        self.pages_label.setObjectName("previewPages")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Two short rows (zoom; pages) rather than one long one: the dock can be narrow.
        rows: tuple[list[QWidget], ...] = (
            [self.zoom_out, self.zoom_in, self.fit_width, self.whole_page],
            [self.prev_button, self.page, self.pages_label, self.next_button])
        for controls in rows:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2)
            for widget in controls:
                row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.zoom_out.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.fit_width.clicked.connect(lambda: self.set_zoom_mode(FIT_WIDTH))
        self.whole_page.clicked.connect(lambda: self.set_zoom_mode(WHOLE_PAGE))
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_pages())
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self._show_pages())
        for keys, step in ((QKeySequence.StandardKey.ZoomIn, ZOOM_STEP),
                           (QKeySequence.StandardKey.ZoomOut, 1 / ZOOM_STEP)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.zoom_by(s))
        self.set_zoom_mode(FIT_WIDTH)

    # Zoom -------------------------------------------------------------------------------------

    def zoom_mode(self) -> str:
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            return FIT_WIDTH
        return WHOLE_PAGE if mode == QPdfView.ZoomMode.FitInView else CUSTOM

    def set_zoom_mode(self, mode: str) -> None:
        modes = {FIT_WIDTH: QPdfView.ZoomMode.FitToWidth,
                 WHOLE_PAGE: QPdfView.ZoomMode.FitInView, CUSTOM: QPdfView.ZoomMode.Custom}
        self.view.setZoomMode(modes[mode])
        self.fit_width.setChecked(mode == FIT_WIDTH)
        self.whole_page.setChecked(mode == WHOLE_PAGE)

    def zoom(self) -> float:
        """The scale in use (1.0: the page at its printed size), whatever the mode."""
        if self.zoom_mode() == CUSTOM or self.document.pageCount() <= 0:
            return self.view.zoomFactor()
        size = self.document.pagePointSize(max(0, self.current_page()))
        if size.width() <= 0 or size.height() <= 0:
            return self.view.zoomFactor()
        dots = self.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        viewport = self.view.viewport()
        wide = (viewport.width() - margins.left() - margins.right()) / (size.width() * dots)
        if self.zoom_mode() == FIT_WIDTH:
            return max(ZOOM_MIN, wide)
        high = (viewport.height() - margins.top() - margins.bottom()) / (size.height() * dots)
        return max(ZOOM_MIN, min(wide, high))

    def zoom_by(self, step: float) -> None:
        factor = min(ZOOM_MAX, max(ZOOM_MIN, self.zoom() * step))
        self.set_zoom_mode(CUSTOM)
        self.view.setZoomFactor(factor)

    # Pages ------------------------------------------------------------------------------------

    def load(self, path: str) -> int:
        """Show the PDF at `path`; the number of pages (0 if it could not be read)."""
        keep = self.current_page()
        self.document.load(path)
        count = max(0, self.document.pageCount())
        self.go_to_page(min(keep, max(0, count - 1)))
        self._show_pages()
        return count

    def close_document(self) -> None:
        self.document.close()
        self._show_pages()

    def current_page(self) -> int:
        """The page at the top of the view; the last page once the view is scrolled to the end
        (it can never reach the top: nothing follows it)."""
        count = self.document.pageCount()
        bar = self.view.verticalScrollBar()
        if count > 0 and bar.maximum() > 0 and bar.value() >= bar.maximum():
            return count - 1
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, index: int) -> None:
        count = self.document.pageCount()
        if count <= 0:
            return
        index = max(0, min(index, count - 1))
        nav = self.view.pageNavigator()
        if index != self.current_page():
            nav.jump(index, QPointF(), nav.currentZoom())
        self._show_pages()

    def _show_pages(self) -> None:
        count = max(0, self.document.pageCount())
        current = self.current_page() if count else 0
        self.page.blockSignals(True)
        self.page.setRange(1, max(1, count))
        self.page.setValue(current + 1)
        self.page.blockSignals(False)
        self.page.setEnabled(count > 1)
        self.pages_label.setText(f"of {count}")
        self.prev_button.setEnabled(count > 0 and current > 0)
        self.next_button.setEnabled(count > 0 and current < count - 1)
