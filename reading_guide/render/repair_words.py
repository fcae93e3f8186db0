"""Import repairs in words a facilitator reads: the app's clean-up report and `reading-guide new`.

A repair's kind ("joined-paragraph") and its excerpts are for the record; people read
sentences ("Joined paragraphs split mid-sentence (12)"). The report panel (gui/reader) and the
command line say the same thing, so the words live here, apart from Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

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
    "dropped-image": ("left out a picture", "left out pictures"),
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
    "admonition": ("read a boxed note as a quotation", "read boxed notes as quotations"),
    "gutenberg": ("left out Project Gutenberg's licence", "left out Project Gutenberg's licence"),
    "decoded": ("read a file that was not UTF-8", "read a file that was not UTF-8"),
    "verse-kept": ("kept a poem's lines", "kept poems' lines"),
    "code-kept": ("kept a code block as code", "kept code blocks as code"),
    "emphasis": ("read _underscored_ words as italics", "read _underscored_ words as italics"),
    # Word, OpenDocument, EPUB and PDF (render/pdf_text.py and the other document importers).
    "removed-furniture": ("removed what was printed on every page (running heads, page "
                          "numbers...)", "removed what was printed on every page (running "
                          "heads, page numbers...)"),
    "rejoined-hyphenation": ("rejoined words hyphenated at line ends",
                             "rejoined words hyphenated at line ends"),
    "kept-hyphen": ("kept hyphens the document uses at line ends",
                    "kept hyphens the document uses at line ends"),
    "moved-footnotes": ("set footnotes apart from the text", "set footnotes apart from the text"),
}
# Why a repair that kept none of its changes cannot be put back, by kind; the others say
# NOT_RECORDED. Words for facilitators, completing "Cannot be put back: …".
NOT_KEPT_TEXT = "the removed text was not kept"
NOT_RECORDED = "the import did not record exactly where it changed the text"
WHY_NOT = {
    "dropped-html": NOT_KEPT_TEXT, "dropped-image": "the essay keeps text only, not pictures",
    "page-furniture": NOT_KEPT_TEXT, "gutenberg": NOT_KEPT_TEXT,
    "page-number": NOT_KEPT_TEXT, "dropped-comment": NOT_KEPT_TEXT, "template-tag":
    NOT_KEPT_TEXT, "front-matter": NOT_KEPT_TEXT, "removed-furniture": NOT_KEPT_TEXT,
    "normalised-unicode": "only how the letters are stored changed, not the words",
    "decoded": "it says how the file's text was read; nothing in the essay changed",
    "kept-hyphen": "nothing was changed: the hyphens were kept as printed",
    "flattened-nesting": "no words were removed; only nesting too deep to show was flattened",
    "verse-kept": "no words changed; it says how these lines were read",
    "code-kept": "no words changed; it says how these lines were read",
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


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# Kinds only the document importers make; and kinds they share with the others, whose grouped
# form starts with the count ("12 links inside the book ... kept as plain text").
DOCUMENT_KINDS = {"removed-furniture", "rejoined-hyphenation", "kept-hyphen", "moved-footnotes"}
SHARED_KINDS = {"dropped-link", "dropped-html", "dropped-image", "normalised-unicode"}


def worded(repair: Repair) -> bool:
    """A Word/OpenDocument/EPUB/PDF clean-up worded by its importer (converted.grouped_repair)."""
    return repair.where == "document" and bool(repair.before) and (
        repair.kind in DOCUMENT_KINDS
        or (repair.kind in SHARED_KINDS and repair.before[:1].isdigit()))


def sentence(repair: Repair) -> str:
    """The repair as a sentence a facilitator reads: "Removed a link that went nowhere", a
    grouped one with its count ("Removed links that went nowhere (12)"), a document's clean-up
    as the importer worded it ("Running heads and feet removed on 15 pages: “…”")."""
    count = getattr(repair, "count", 1)
    if worded(repair):
        # Word, OpenDocument, EPUB and PDF clean-ups say what they did, with the count, in
        # `before` (render.converted.grouped_repair); `after` is the example's new form.
        text = _capital(" ".join(repair.before.split()))
        return text + (f" → “{repair.after}”" if repair.after and repair.after not in text
                       else "")
    one, many = KIND_NAMES.get(repair.kind, (repair.kind.replace("-", " "),) * 2)
    return _capital(one if count == 1 else f"{many} ({count})")
