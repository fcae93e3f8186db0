"""The window's middle: the welcome page with no guide open; with one, the essay, and views
that need its whole width (the session plan) as tabs beside it.

A tab rather than a dock for the plan: a running order is read across (number, the whole
question, kind, minutes, clock), and a side panel cut it to "What does fetis…" at laptop sizes.
A page is made the first time it shows, as docks are (start-up builds no plan); with only the
essay the tab bar hides itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QTabWidget, QVBoxLayout, QWidget

from reading_guide.gui.core.plain_text import menu_text, shown, tip

WELCOME = (
    "<h2>Reading Guide</h2><p>Open a guide or an essay to start: <b>File ▸ Open</b> "
    "(Ctrl+O), a file from <b>File ▸ Open Recent</b>, or drop a file here.</p>"
    "<p>Essays can be Markdown, plain text, web pages, Word, OpenDocument, EPUB or PDF.</p>"
    "<p>New here? <b>Help ▸ User Guide</b> (F1) shows the whole way, with pictures.</p>"
)


def welcome_label() -> QLabel:
    """The page shown while no guide is open: how to start (our own text, no guide text)."""
    label = QLabel()
    label.setObjectName("welcome")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(WELCOME)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMargin(40)
    return label


def fill_recent_menu(menu: QMenu, files: list[str], open_path: Callable[[str], object]) -> None:
    """File ▸ Open Recent: numbered file names, the whole path in the tip."""
    menu.clear()
    for i, path in enumerate(files):
        name = menu_text(Path(path).name)
        action = menu.addAction(f"&{i + 1} {name}" if i < 9 else name)
        action.setToolTip(tip(path))
        action.setStatusTip(shown(path))
        action.triggered.connect(lambda _c=False, p=path: open_path(p))
    if not files:
        menu.addAction("No recent files").setEnabled(False)


class Pages(QTabWidget):
    """Tabs by name; each page's widget is made by its factory on first show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pages")
        self.setDocumentMode(True)
        self.setTabBarAutoHide(True)
        self._holders: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._made: dict[str, QWidget] = {}
        self.currentChanged.connect(self._on_current)

    def add(self, name: str, title: str, factory: Callable[[], QWidget],
            lazy: bool = True) -> None:
        holder = QWidget()
        holder.setObjectName(f"{name}Page")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self._holders[name] = holder
        self._factories[name] = factory
        self.addTab(holder, title)
        if not lazy:
            self.widget_of(name)

    def widget_of(self, name: str) -> QWidget:
        """The page's widget, made now if it never showed."""
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = self._factories[name]()
            layout = self._holders[name].layout()
            assert layout is not None
            layout.addWidget(made)
        return made

    def show_page(self, name: str) -> None:
        self.setCurrentWidget(self._holders[name])

    def current_name(self) -> str:
        current = self.currentWidget()
        return next((n for n, h in self._holders.items() if h is current), "")

    def _on_current(self, _index: int) -> None:
        name = self.current_name()
        if name:
            self.widget_of(name)
