"""The clean-up report shown after importing an essay: what was repaired, dismissible.

Import repairs damage (split paragraphs, dead links, bold headings) but never silently: the
facilitator sees each repair once, above the essay, and closes the panel when satisfied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from reading_guide.gui.core.plain_text import make_plain

if TYPE_CHECKING:
    from reading_guide.render.repairs import Repair

KIND_NAMES = {
    "joined-paragraph": (
        "joined a paragraph split mid-sentence", "joined paragraphs split mid-sentence"
    ),
    "dropped-link": ("removed a link that went nowhere", "removed links that went nowhere"),
    "heading-bold": ("removed bold around a heading", "removed bold around headings"),
    "dropped-html": ("removed an unsafe or unsupported HTML element",
                     "removed unsafe or unsupported HTML elements"),
    "normalised-unicode": ("normalised Unicode (NFC)", "normalised Unicode (NFC)"),
    "flattened-nesting": (
        "flattened nesting too deep to show", "flattened nesting too deep to show"
    ),
    "page-furniture": ("left out the page around the article (menus, footers...)",
                       "left out the page around the article (menus, footers...)"),
    "page-number": ("dropped a page number", "dropped page numbers"),
    "footnote-marker": ("set a footnote marker apart", "set footnote markers apart"),
    "front-matter": ("read the front matter as the essay's details",
                     "read the front matter as the essay's details"),
    "dropped-comment": ("dropped an HTML comment", "dropped HTML comments"),
    "template-tag": ("found a template tag", "found template tags"),
    "raw-html": ("converted raw HTML", "converted raw HTML blocks"),
    "gutenberg": ("left out Project Gutenberg's licence", "left out Project Gutenberg's licence"),
    "decoded": ("read a file that was not UTF-8", "read a file that was not UTF-8"),
    "verse-kept": ("kept a poem's lines", "kept poems' lines"),
    "code-kept": ("kept a code block as code", "kept code blocks as code"),
    "emphasis": ("read _underscored_ words as italics", "read _underscored_ words as italics"),
}


def summary(repairs: Sequence[Repair]) -> str:
    """One sentence: "Cleaned up the essay: joined 4 paragraphs split mid-sentence; ..."."""
    counts: Counter[str] = Counter()
    for r in repairs:  # a grouped repair stands for `count` of its kind
        counts[getattr(r, "kind", "repair")] += getattr(r, "count", 1)
    parts = []
    for kind, n in counts.items():
        one, many = KIND_NAMES.get(kind, (kind.replace("-", " "), kind.replace("-", " ")))
        parts.append(one if n == 1 else f"{many} ({n})")
    return "Cleaned up the imported essay: " + "; ".join(parts) + "."


def details_text(repairs: Sequence[Repair]) -> str:
    """One line per repair, as plain text (the before and after are the essay's own words)."""
    rows = []
    for r in repairs:
        rows.append(f"• {r.kind} {r.where}: “{r.before}” → “{r.after}”")
    return "\n".join(rows)


class RepairPanel(QFrame):
    """Hidden until `show_repairs` gets a non-empty list; the close button hides it again."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repairPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.title = make_plain(QLabel())
        self.title.setObjectName("repairSummary")
        self.title.setWordWrap(True)
        self.toggle = QToolButton()
        self.toggle.setText("Details")
        self.toggle.setCheckable(True)
        self.close_button = QToolButton()
        self.close_button.setObjectName("dismissRepairs")
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss the clean-up report")
        self.details = make_plain(QLabel())
        self.details.setObjectName("repairDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.toggle)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self.toggle.toggled.connect(self.details.setVisible)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def show_repairs(self, repairs: Sequence[Repair]) -> None:
        if not repairs:
            self.hide()
            return
        self.title.setText(summary(repairs))
        self.details.setText(details_text(repairs))
        self.toggle.setChecked(False)
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
