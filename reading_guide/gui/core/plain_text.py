"""Guide text reaches Qt as text, never as markup: the only way user text enters a widget.

Qt guesses "rich text" from the text itself (Qt::mightBeRichText) in QLabel, QMessageBox and tool
tips; a quote or a title reading `<img src="/dev/zero">` then makes Qt read that file until
memory runs out, and `<link rel=stylesheet href=...>` or `background=` read others (issue 18).
Guides and essays come from other people, so every label that can show their text is a
plain-text label, every message box is plain text, and tool tips (which have no plain-text
switch) get the text escaped inside markup of our own. Names that are not valid UTF-8 (a file
from an old archive) are shown with replacement characters (errors.printable) instead of
PySide silently dropping the undecodable bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reading_guide.errors import printable

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # made with the first box: not at start-up


def shown(text: str) -> str:
    """`text` as Qt can take it: undecodable file-name bytes become U+FFFD."""
    return printable(text)


def plain_label(text: str = "", *, name: str = "", wrap: bool = False,
                selectable: bool = False, parent: QWidget | None = None) -> QLabel:
    """A label that shows its text literally, whatever the text looks like."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(shown(text))
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_plain(label: QLabel) -> QLabel:
    """Switch an existing label to plain text (before any user text is set)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def tip(text: str) -> str:
    """A tool tip showing `text` literally: escaped inside our own rich text (tool tips have no
    plain-text mode, and an escaped text alone would be shown with its entities)."""
    if not text:
        return ""
    body = _escape(shown(text)).replace("\n", "<br>")
    return f"<qt>{body}</qt>"


def _escape(text: str) -> str:
    """`html.escape(text, quote=False)`, the same three replacements: the `html` package
    imports its table of entities (~2 ms), and every action's tool tip at start-up comes here."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def menu_text(text: str) -> str:
    """A menu or button label: `&` is a mnemonic marker to Qt, so a literal one is doubled."""
    return shown(text).replace("&", "&&")


def title_text(text: str) -> str:
    """A window-title part: Qt replaces `[*]` with the modified mark; `[*][*]` shows `[*]`."""
    return shown(text).replace("[*]", "[*][*]")


def plain_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
              informative: str = "") -> QMessageBox:
    """A message box whose texts are all plain text (the title is never rich)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(shown(title))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(shown(text))
    if informative:
        # The informative label is made by the first setInformativeText and does not follow
        # setTextFormat: make it with a blank, switch it to plain text, then give it the text.
        box.setInformativeText(" ")
        for label in box.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(shown(informative))
    return box



def printed(text: str) -> str:
    """A question's, follow-up's, note's or introduction's Markdown as its words read on paper
    (export.user_text: "*thinking*" is shown as "thinking"), on one line, for plain contexts: the
    tree, the plan, headings, tool tips. Emphasis itself is not shown there.

    Text with none of Markdown's inline characters prints as typed, so it skips the parser: that
    keeps the export package (which `export.user_text` loads with it) out of start-up for the
    usual guide (bench/bench_startup.py)."""
    if not MARKUP_CHARACTERS.intersection(text):
        return " ".join(text.split())
    from reading_guide.export.user_text import user_text_plain

    return " ".join(user_text_plain(text).split())


# What export.user_text's parser reads as markup (emphasis, strong, code, links, escapes and
# entities, autolinks); a text without any of them is its own printed form.
MARKUP_CHARACTERS = frozenset("*_`[]\\&<!")
