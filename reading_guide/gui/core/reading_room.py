"""How much of the window the essay keeps, and how much the side panels get.

Reading needs a line of about 60 characters; a panel that opens beside the essay (the review
queue after Update Essay, the preview) squeezed it to a 200-350 px column at 1366x768. So a dock
that shows beside the essay when that leaves the essay narrower than READING_WIDTH takes the
Guide panel's place instead (a tab there) and comes to the front. And the side panels grow with
the window: a third of it, up to MAX_SIDE (at 2400 px the guide gets 800 px, not 400).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

# px: about 58 characters of the essay's text at its default size (45-75 is the comfortable
# range); the review queue, the widest panel (493 px at least), leaves 525 at 1024x700.
READING_WIDTH = 520
MIN_SIDE = 360
MAX_SIDE = 900
SIDE_SHARE = 0.34


def side_width(window_width: int) -> int:
    """The side panel's width for a window this wide (first start, or the window grew)."""
    return max(MIN_SIDE, min(MAX_SIDE, int(window_width * SIDE_SHARE)))


def squeezes(essay_width: int, window_width: int) -> bool:
    """The essay is narrower than a comfortable line while the window could give it one."""
    return essay_width < READING_WIDTH and window_width >= READING_WIDTH + MIN_SIDE


class ReadingRoom:
    """Applies the rules above to a window's docks (the Guide dock is the side panel)."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget],
                 middle: QWidget) -> None:
        self._window = window
        self._docks = docks
        self._middle = middle

    def _guide(self) -> QDockWidget | None:
        guide = self._docks.get("guide")
        return guide if guide is not None and not guide.isFloating() else None

    def first_show(self) -> None:
        guide = self._guide()
        if guide is not None:
            self._window.resizeDocks([guide], [side_width(self._window.width())],
                                     Qt.Orientation.Horizontal)

    def resized(self, old_width: int, new_width: int) -> None:
        """A much wider window (maximised on a large screen): the panels get their share."""
        guide = self._guide()
        if (guide is not None and guide.isVisible() and old_width > 0
                and new_width - old_width > 200 and guide.width() < 0.75 * side_width(new_width)):
            self._window.resizeDocks([guide], [side_width(new_width)], Qt.Orientation.Horizontal)

    def keep(self, dock: QDockWidget) -> None:
        """A dock that opened beside the essay and squeezed it takes the Guide panel's place."""
        guide, window = self._guide(), self._window
        beside = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        if (guide is None or dock is guide or not dock.isVisible() or dock.isFloating()
                or not guide.isVisible() or dock in window.tabifiedDockWidgets(guide)
                or window.dockWidgetArea(dock) not in beside):
            return
        layout = window.layout()
        if layout is not None:
            layout.activate()  # the widths of now, not of before the dock showed
        if squeezes(self._middle.width(), window.width()):
            window.tabifyDockWidget(guide, dock)
            dock.show()
            dock.raise_()
            window.resizeDocks([guide], [side_width(window.width())], Qt.Orientation.Horizontal)
