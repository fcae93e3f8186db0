"""Help > About: the app's name and version, its licence, and credits for what ships inside it.

The fonts are bundled under the SIL Open Font License, which asks that their names and licence
travel with them; the About box is where a user sees that. The text is built by a plain function
so tests (and the Help menu) can check what a user reads without opening a modal dialog.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from reading_guide import APP_NAME, __version__
from reading_guide.resources import resource_path

LICENCE = "MIT"

# (what, who, licence, licence file under resources/ or None)
CREDITS: tuple[tuple[str, str, str, str | None], ...] = (
    ("Gentium Book Basic font", "SIL International (Victor Gaultney)", "SIL Open Font License 1.1",
     "fonts/OFL-GentiumBookBasic.txt"),
    ("Lato font", "Łukasz Dziedzic", "SIL Open Font License 1.1", "fonts/OFL-Lato.txt"),
    ("Noto Serif Hebrew, Noto Sans Hebrew, Noto Naskh Arabic, Noto Sans Mono fonts", "Google",
     "SIL Open Font License 1.1", "fonts/OFL-Noto.txt"),
    ("Qt and PySide6", "The Qt Company", "LGPL 3", None),
    ("WeasyPrint, pydyf, tinycss2, cssselect2", "CourtBouillon", "BSD 3-Clause", None),
    ("Pango, HarfBuzz, fontconfig, FreeType", "their authors", "LGPL 2.1 / MIT / FreeType", None),
    ("markdown-it-py, mdit-py-plugins", "Executable Book Project", "MIT", None),
    ("PyYAML, RapidFuzz, edlib", "their authors", "MIT", None),
)


def about_title() -> str:
    return f"About {APP_NAME}"


def about_html() -> str:
    """The About text as Qt rich text: name, version, purpose, licence, credits."""
    rows = "".join(
        f"<li><b>{escape(what)}</b> — {escape(who)}, {escape(licence)}"
        + (f" (<code>resources/{escape(path)}</code>)" if path else "")
        + "</li>"
        for what, who, licence, path in CREDITS
    )
    return (
        f"<h3>{escape(APP_NAME)} {escape(__version__)}</h3>"
        "<p>Prepare reading-group discussions: highlight an essay, attach questions, "
        "print handouts.</p>"
        f"<p>Licensed under the {LICENCE} licence.</p>"
        f"<p>Made with:</p><ul>{rows}</ul>"
    )


def build_about_box(parent: QWidget | None) -> QMessageBox:
    """The About box, not yet shown (tests inspect it; `show_about` runs it)."""
    box = QMessageBox(parent)
    box.setWindowTitle(about_title())
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    icon_file = resource_path("icons", "reading-guide-128.png")
    if icon_file.is_file():
        box.setIconPixmap(QPixmap(str(icon_file)).scaled(
            64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        ))
        box.setWindowIcon(QIcon(str(icon_file)))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def show_about(parent: QWidget | None) -> None:
    """Show the About box modally; wire this to Help > About."""
    build_about_box(parent).exec()
