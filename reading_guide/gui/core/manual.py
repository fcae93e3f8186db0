"""Help ▸ User Guide: the bundled manual (resources/manual/manual.md), read inside the app.

Offline and in the app rather than on a web site: a facilitator preparing a session on a train
has no network, and the manual's pictures are of the very window they are using. The manual is
our own Markdown, rendered by markdown-it-py (already the app's Markdown library) with raw HTML
turned off, and shown in a text browser that loads only the manual's own pictures (files
inside resources/manual/, nothing else: no network, no file outside that folder); a link in it
goes nowhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from reading_guide.resources import resource_path

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

IMAGE_WIDTH = 640  # the pictures are window shots: shown at a readable width, not full size


def png_width(path: Path) -> int:
    """A PNG's width from its header (0 if it is not one): a dialog's small picture is not
    stretched to the window shots' width."""
    try:
        with path.open("rb") as f:
            head = f.read(24)
    except OSError:
        return 0
    return int.from_bytes(head[16:20], "big") if head[:8] == b"\x89PNG\r\n\x1a\n" else 0


def manual_folder() -> Path:
    return resource_path("manual")


def manual_html(folder: Path | None = None) -> str:
    """The manual as HTML: our Markdown, no raw HTML, every picture at IMAGE_WIDTH."""
    from markdown_it import MarkdownIt

    folder = folder or manual_folder()
    md = MarkdownIt("commonmark", {"html": False})
    md.enable("table")
    default_image = md.renderer.rules["image"]  # type: ignore[attr-defined]  # the protocol
    # markdown-it-py types its renderer as a protocol without `rules`; RendererHTML has them.

    def image(_renderer: object, tokens: list[Token], idx: int, options: OptionsDict,
              env: EnvType) -> str:
        width = png_width(folder / str(tokens[idx].attrGet("src") or ""))
        tokens[idx].attrSet("width", str(min(width, IMAGE_WIDTH) if width else IMAGE_WIDTH))
        return str(default_image(tokens, idx, options, env))

    md.add_render_rule("image", image)
    return md.render((folder / "manual.md").read_text(encoding="utf-8"))


class ManualBrowser(QTextBrowser):
    """Loads the manual's own pictures and nothing else (see the module docstring)."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder.resolve()
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # the manual links nowhere: a click goes nowhere either

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: A002, N802 (Qt's)
        url = QUrl(name) if isinstance(name, str) else name
        if url.scheme() or url.isLocalFile() or not url.path().endswith(".png"):
            return None
        path = (self._folder / url.path()).resolve()
        if not path.is_relative_to(self._folder) or not path.is_file():
            return None
        image = QImage(str(path))
        return None if image.isNull() else image


class ManualDialog(QDialog):
    """The manual in a window of its own, beside the main window (not modal)."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualDialog")
        self.setWindowTitle("Reading Guide — User Guide")
        folder = folder or manual_folder()
        self.browser = ManualBrowser(folder)
        self.browser.setObjectName("manualBrowser")
        self.browser.setHtml(manual_html(folder))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(IMAGE_WIDTH + 80, 720)
