"""The bundled fonts (Gentium Book Basic for reading, Lato for interface figures).

Loaded on first use, not at import time, and remembered per QGuiApplication, so a screenshot on
a bare machine looks the same as on the author's desktop. When the files are missing (a trimmed
package) the reader falls back to the system serif instead of failing: reading must still work.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from reading_guide.resources import resource_path

TEXT_FAMILY = "Gentium Book Basic"
UI_FAMILY = "Lato"
_LOADED_PROPERTY = "_reading_guide_fonts"


def load_bundled_fonts() -> set[str]:
    """Register every bundled font once per application; returns the families now available."""
    app = QGuiApplication.instance()
    if app is not None:
        done = app.property(_LOADED_PROPERTY)
        if done:
            return {family for family in str(done).split("\n") if family}
    families: set[str] = set()
    folder = resource_path("fonts")
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".ttf", ".otf"):
                continue
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.update(QFontDatabase.applicationFontFamilies(font_id))
    if app is not None:
        # An empty string would read as "not loaded yet"; a sentinel keeps the answer cached.
        app.setProperty(_LOADED_PROPERTY, "\n".join(sorted(families)) or "\n")
    return families


def text_font(point_size: float = 13.0) -> QFont:
    """The reading font: Gentium when bundled, otherwise whatever serif the system has."""
    families = load_bundled_fonts()
    font = QFont()
    if TEXT_FAMILY in families:
        font.setFamily(TEXT_FAMILY)
    else:
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setFamilies(["Noto Serif", "DejaVu Serif", "Liberation Serif", "Times New Roman",
                          "serif"])
    font.setPointSizeF(point_size)
    return font


def ui_font(point_size: float = 9.0) -> QFont:
    """Small interface text (paragraph numbers): Lato when bundled, else the system sans."""
    families = load_bundled_fonts()
    font = QFont()
    if UI_FAMILY in families:
        font.setFamily(UI_FAMILY)
    else:
        font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    return font
