"""Light and dark: View ▸ Theme (System, Light, Dark), following the desktop by default.

"System" follows the desktop's colour scheme as Qt 6.5+ reports it
(`QStyleHints.colorScheme`, and `colorSchemeChanged` when the user switches while the app runs);
"Light" and "Dark" fix it. Our own dark palette rather than the style's: it is the same on every
platform (screenshots and tests check it), and Windows' native style ignores a palette, so a
dark choice there switches to Fusion. The reader's highlight colours come from each guide; the
reader paints them translucent over the page (reader/highlighter.py) and tests check their
contrast with the text in both palettes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reading_guide.gui.core.shell import Menu, WindowShell

THEMES = ("system", "light", "dark")
SETTING = "view/theme"

_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f1f1f",
    QPalette.ColorRole.AlternateBase: "#2a2a2a",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb2f0",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4a4a",
    QPalette.ColorRole.Midlight: "#3e3e3e",
    QPalette.ColorRole.Mid: "#2f2f2f",
    QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#000000",
}

# The session plan's "over time" warning, one red per theme: each reaches 4.5:1 (WCAG AA for
# body text) against its theme's Base, AlternateBase and Window, where the plan's total and its
# stage rows sit (tests/gui/test_theme.py). The light one on the dark page measured 2.4:1.
OVER_TIME = {"light": "#b42318", "dark": "#ff8a80"}
# The plan's quiet hint under the rows (how to reorder): grey, yet 4.5:1 on its theme's Window;
# the palette's PlaceholderText measured 3.9:1 (light) and 4.2:1 (dark) there.
QUIET_TEXT = {"light": "#595959", "dark": "#a6a6a6"}


def is_dark(palette: QPalette) -> bool:
    """Whether `palette` draws light text on a dark page (whichever way it came to be)."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def over_time_color(palette: QPalette) -> QColor:
    """The plan's "over time" red for the theme `palette` belongs to."""
    return QColor(OVER_TIME["dark" if is_dark(palette) else "light"])


def quiet_text_color(palette: QPalette) -> QColor:
    """The plan's quiet hint colour for the theme `palette` belongs to."""
    return QColor(QUIET_TEXT["dark" if is_dark(palette) else "light"])


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def desktop_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def wants_dark(choice: str) -> bool:
    return choice == "dark" or (choice == "system" and desktop_is_dark())


def apply_theme(app: QApplication, choice: str) -> bool:
    """Give the app the palette of `choice`; whether it is dark now."""
    dark = wants_dark(choice)
    if dark:
        from PySide6.QtWidgets import QStyleFactory  # not at start-up: it builds QStyle's enums

        style = app.style()
        if style is not None and style.name().lower().startswith("windows"):
            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                app.setStyle(fusion)
        app.setPalette(dark_palette())
    elif app.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5:
        # Back from dark (a light start skips this: no palette work on the start-up budget).
        light = app.style()
        app.setPalette(light.standardPalette() if light is not None else QPalette())
    return dark


class ThemeMenu(QObject):
    """View ▸ Theme: three exclusive choices, remembered in the settings."""

    def __init__(self, shell: WindowShell, override: str | None = None) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        saved = shell.settings.get(SETTING)
        self.choice = override or (saved if saved in THEMES else "system")
        self._save = override is None  # a screenshot's theme is not the user's choice
        self.menu = shell.add_submenu(Menu.VIEW, "&Theme", "theme")
        self.menu.setObjectName("themeMenu")
        self._actions: dict[str, QAction] = {}
        self.menu.aboutToShow.connect(lambda: self.actions)  # its items, made on first show
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_desktop_changed)
        self.apply()

    @property
    def actions(self) -> dict[str, QAction]:
        """The three choices, made the first time the menu opens (not on the start-up
        budget)."""
        if not self._actions:
            from PySide6.QtGui import QActionGroup

            group = QActionGroup(self)
            for name, text in (("system", "Follow the &System"), ("light", "&Light"),
                               ("dark", "&Dark")):
                action = self.menu.addAction(text)
                action.setObjectName(f"theme_{name}")
                action.setCheckable(True)
                action.setChecked(name == self.choice)
                action.triggered.connect(lambda _c=False, n=name: self.choose(n))
                group.addAction(action)
                self._actions[name] = action
        return self._actions

    def choose(self, name: str) -> None:
        self.choice = name
        self.actions[name].setChecked(True)
        if self._save:
            self.shell.settings.set(SETTING, name)
        self.apply()

    def apply(self) -> bool:
        app = QApplication.instance()
        return apply_theme(app, self.choice) if isinstance(app, QApplication) else False

    def _on_desktop_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice == "system":
            self.apply()
