"""A text browser for markup we build from escaped text, which loads nothing: no images, style
sheets or links, even if some markup slipped through (defence in depth behind plain_text.py).

Its own module: defining a subclass of a Qt widget makes PySide build that class and its enums,
and only the review queue (made on first use, not at start-up) needs this one.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget


class NoResourceBrowser(QTextBrowser):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: A002, N802 (Qt's)
        return None
