"""How much of the window the essay keeps, and how much the side panels get.

Reading needs a line of about 60 characters; a panel that opens beside the essay (the review
queue after Update Essay, the preview) squeezed it to a 200-350 px column at 1366x768. So a dock
that shows beside the essay when that leaves the essay narrower than READING_WIDTH takes the
Guide panel's place instead (a tab there) and comes to the front. And the side panels grow with
the window: a third of it, up to MAX_SIDE (at 2400 px the guide gets 800 px, not 400).

A dock may name the panel it goes beside instead (its BESIDE property, a dock name): the review
queue names the Edit panel. As a tab of the Guide panel it took the whole upper part (about 390
px at least) and left the question editor under it 200 px, scrolling; as a tab of the Edit panel
the guide's tree stays in view, the queue and the editor each get the editor's full height, and
a question chosen in the tree brings the editor to the front (gui/review/feature.py).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

# px: about 58 characters of the essay's text at its default size (45-75 is the comfortable
# range); the review queue, the widest panel (493 px at least), leaves 525 at 1024x700.
READING_WIDTH = 520
MIN_SIDE = 360
MAX_SIDE = 900
SIDE_SHARE = 0.34
EDITOR_HEIGHT = 355  # px: the question editor with its buttons (gui/guide/editors.py)
MIN_TREE = 180
BESIDE = "besideDock"  # a dock's property: the name of the dock it goes beside as a tab


def side_width(window_width: int) -> int:
    """The side panel's width for a window this wide (first start, or the window grew)."""
    return max(MIN_SIDE, min(MAX_SIDE, int(window_width * SIDE_SHARE)))


def squeezes(essay_width: int, window_width: int) -> bool:
    """The essay is narrower than a comfortable line while the window could give it one."""
    return essay_width < READING_WIDTH and window_width >= READING_WIDTH + MIN_SIDE


class ReadingRoom(QObject):
    """Applies the rules above to a window's docks (the Guide dock is the side panel); it
    watches the essay's width, so whatever squeezed it, the squeezing panel moves."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget],
                 middle: QWidget) -> None:
        super().__init__(window)
        middle.installEventFilter(self)
        self._window = window
        self._docks = docks
        self._middle = middle
        self._hidden: list[QDockWidget] = []
        self._state: QByteArray | None = None
        self._ever_shown = False  # the panels showed with a guide in this session
        self.restored = QByteArray()  # the layout restored at start, if any
        self.sized = False

    def _guide(self) -> QDockWidget | None:
        guide = self._docks.get("guide")
        return guide if guide is not None and not guide.isFloating() else None

    def first_show(self) -> None:
        guide, editor = self._guide(), self._docks.get("editor")
        if guide is not None and guide.isVisible():
            self.sized = True
            window = self._window
            window.resizeDocks([guide], [side_width(window.width())], Qt.Orientation.Horizontal)
            if editor is not None and editor.isVisible() and not editor.isFloating():
                QTimer.singleShot(0, lambda: self._split(guide, editor))  # once laid out

    def _split(self, guide: QDockWidget, editor: QDockWidget) -> None:
        """The editor gets what the question editor needs; the tree the rest (it got five
        rows at 1366x768). The editor's tab bar, when it has one, comes on top of that."""
        layout = self._window.layout()
        if layout is not None:
            layout.activate()
        total = guide.height() + editor.height()
        need = EDITOR_HEIGHT + (self._tab_bar_height() if self._window.tabifiedDockWidgets(
            editor) else 0)
        below = min(need, max(total // 2, total - MIN_TREE))
        self._window.resizeDocks([guide, editor], [total - below, below],
                                 Qt.Orientation.Vertical)

    def resized(self, old_width: int, new_width: int) -> None:
        """A much wider window (maximised on a large screen): the panels get their share."""
        guide = self._guide()
        if (guide is not None and not guide.isHidden() and old_width > 0
                and new_width - old_width > 200 and guide.width() < 0.75 * side_width(new_width)):
            self._window.resizeDocks([guide], [side_width(new_width)], Qt.Orientation.Horizontal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and squeezes(self._middle.width(),
                                                           self._window.width()):
            # After this resize, not inside it: a dock moved while the main window lays
            # itself out is put back by that same layout pass (the move did nothing).
            QTimer.singleShot(0, self._keep_all)
        return False

    def _keep_all(self) -> None:
        for dock in self._docks.values():
            self.keep(dock)

    def _tab_bar_height(self) -> int:
        bar = QTabBar()
        bar.addTab("Edit")
        return bar.sizeHint().height()

    def _companion(self, dock: QDockWidget, guide: QDockWidget) -> QDockWidget:
        """The panel `dock` takes a tab beside: the one its BESIDE property names when that one
        is shown docked in the Guide panel's area, else the Guide panel."""
        wanted = self._docks.get(str(dock.property(BESIDE) or ""))
        window = self._window
        if (wanted is not None and wanted is not guide and not wanted.isHidden()
                and not wanted.isFloating()
                and window.dockWidgetArea(wanted) == window.dockWidgetArea(guide)):
            return wanted
        return guide

    def keep(self, dock: QDockWidget) -> None:
        """A dock that opened beside the essay and squeezed it takes the Guide panel's place
        (or the place of the panel it names, see the module docstring)."""
        guide, window = self._guide(), self._window
        beside = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        if guide is None or dock is guide or dock is self._docks.get("editor"):
            return  # the side panel itself (the editor sits under the Guide panel)
        target = self._companion(dock, guide)
        tabs = window.tabifiedDockWidgets(guide) + window.tabifiedDockWidgets(target)
        # The Guide panel may be behind another tab (the review queue it took in): its place
        # is still shown.
        shown = not guide.isHidden() or any(d.isVisible() for d in tabs)
        if (not dock.isVisible() or dock.isFloating() or not shown or dock in tabs
                or window.dockWidgetArea(dock) not in beside):
            return
        squeezed = squeezes(self._middle.width(), window.width())  # as the last resize left it
        layout = window.layout()
        if layout is not None:
            layout.activate()  # the widths of now, not of before the dock showed
        # Either counts: a layout pass can widen the essay for a moment and the next one (a
        # preview's pages, a queue's rows arriving) squeeze it again, round after round.
        if squeezed or squeezes(self._middle.width(), window.width()):
            # Taken out of its area first: a dock split with another one there (the review
            # queue above the preview) is otherwise left where it is.
            window.removeDockWidget(dock)
            window.addDockWidget(window.dockWidgetArea(target), dock)
            window.tabifyDockWidget(target, dock)
            dock.show()
            dock.raise_()
            window.resizeDocks([guide], [side_width(window.width())], Qt.Orientation.Horizontal)
            if target is not guide:  # under the tree: room for the editor and its tab bar
                QTimer.singleShot(0, lambda: self._split(guide, target))

    # No guide open ----------------------------------------------------------------------------

    def set_empty(self, empty: bool) -> None:
        """With no guide open the panels hide (an empty window showed "Opening · 0 ques…" and
        editing hints) and cannot be shown; with a guide they come back as they were. The
        layout saved on quit is the one from before they hid."""
        window = self._window
        if empty:
            if self._state is None:  # a layout never shown in this session is not saved
                self._state = window.saveState() if self._ever_shown else QByteArray(
                    self.restored)
            for dock in self._docks.values():
                if not dock.isHidden():
                    self._hidden.append(dock)
                    dock.hide()
        elif self._state is not None:
            self._ever_shown = True
            hidden, self._hidden, self._state = self._hidden, [], None
            for dock in hidden:
                dock.show()
            if not self.sized:
                self.first_show()
        for dock in self._docks.values():
            dock.toggleViewAction().setEnabled(not empty)

    def state_to_save(self) -> QByteArray:
        """The layout to remember (empty: none worth remembering, keep the old one)."""
        return self._state if self._state is not None else self._window.saveState()
