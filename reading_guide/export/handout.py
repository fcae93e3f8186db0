"""Guide + options -> one self-contained handout HTML document (pure: no WeasyPrint, no I/O
beyond reading the app's own CSS).

The three editions share this one document builder so they cannot drift apart; what differs is
which sections are included, and private text (highlight notes, facilitator notes, follow-ups,
minutes) is only ever emitted when `options.private` is true.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from reading_guide.export import sections
from reading_guide.export.essay_html import essay_html, place
from reading_guide.export.options import ExportOptions
from reading_guide.model import Guide
from reading_guide.render import Document
from reading_guide.resources import resource_path

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_COLOR = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# C0 controls but tab, line feed and carriage return, and DEL: not printable, not allowed in
# HTML, and WeasyPrint prints each as a blank. Our template has none, so what this removes
# from the finished page came from user text (the guide itself keeps it).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# (font-family, file, weight, style): a text serif and a sans for labels, all under the OFL.
FONT_FILES: tuple[tuple[str, str, int, str], ...] = (
    ("RG Serif", "GenBkBasR.ttf", 400, "normal"),
    ("RG Serif", "GenBkBasI.ttf", 400, "italic"),
    ("RG Serif", "GenBkBasB.ttf", 700, "normal"),
    ("RG Serif", "GenBkBasBI.ttf", 700, "italic"),
    ("RG Sans", "Lato-Regular.ttf", 400, "normal"),
    ("RG Sans", "Lato-Bold.ttf", 700, "normal"),
)
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def parse_essay(guide: Guide) -> Document:
    """The essay's blocks, through the one parser every layer uses (positions must agree)."""
    from reading_guide.render import parse

    return parse(guide.essay.text)


def font_face_css(fonts_dir: Path | None = None) -> str:
    """@font-face rules for the bundled fonts that exist; a missing file is simply left out, so
    the families fall back to the generic serif/sans-serif in the stylesheet."""
    folder = fonts_dir if fonts_dir is not None else resource_path("fonts")
    rules = []
    for family, name, weight, style in FONT_FILES:
        path = folder / name
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)


def category_css(guide: Guide) -> str:
    """Background tint per category (colour from the guide, validated: it lands in CSS)."""
    rules = []
    for i, cat in enumerate(guide.categories):
        color = cat.color if _COLOR.match(cat.color or "") else "#bbbbbb"
        r, g, b = _rgb(color)
        rules.append(f".c-{i} {{ background-color: rgba({r}, {g}, {b}, 0.42); }}")
    return "\n".join(rules)


def _rgb(color: str) -> tuple[int, int, int]:
    h = color[1:]
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def build_html(
    guide: Guide,
    options: ExportOptions,
    *,
    document: Document | None = None,
    fonts_dir: Path | None = None,
) -> str:
    """The finished handout HTML for one edition. `document` saves a re-parse when the caller
    already has the rendered essay; `fonts_dir` exists for the missing-font fallback test."""
    doc = document if document is not None else parse_essay(guide)
    numbers = sections.highlight_question_numbers(guide)
    placed, orphans = place(guide, doc, numbers)
    lang = guide.essay.language if _LANG.match(guide.essay.language or "") else "en"
    title = guide.essay.title or guide.title or "Reading guide"
    css = resource_path("css", "handout.css").read_text(encoding="utf-8")
    classes = [f"variant-{options.variant}", f"paper-{options.paper}"]
    if options.large_print:
        classes.append("large-print")
    if options.fillable:
        classes.append("fillable")
    # The essay editions keep a wide outer margin for the question callouts (and notes).
    right = "20mm" if options.variant == "questions" else "42mm"
    page_css = f"@page {{ size: {PAGE_SIZES[options.paper]}; margin-right: {right}; }}"
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}" class="{" ".join(classes)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="author" content="{escape(guide.essay.author)}">\n'
        f'<meta name="description" content="{escape(sections.EDITION_NAMES[options.variant])}">\n'
        f'<style id="fonts">\n{font_face_css(fonts_dir)}\n</style>\n'
        f'<style id="handout">\n{css}</style>\n'
        f'<style id="guide">\n{page_css}\n{category_css(guide)}\n</style>\n'
        "</head>\n<body>\n"
    )
    body: list[str] = [sections.title_block(guide, options, title)]
    if options.variant == "questions":
        body.append(sections.questions_section(guide, doc, options, orphans, compact=True))
    else:
        if guide.introduction.strip():
            body.append(sections.introduction(guide))
        if guide.categories and placed:
            body.append(sections.legend(guide))
        if options.private:
            body.append(sections.agenda(guide))
        body.append(
            '<section class="essay" id="essay">\n'
            + essay_html(doc, placed, private=options.private,
                         merge_within=45 if options.large_print else 90,
                         lead='<h1 class="section">The essay</h1>\n')
            + "</section>\n"
        )
        body.append(sections.questions_section(guide, doc, options, orphans, compact=False))
        if options.private:
            body.append(sections.passage_notes(guide, doc, placed))
        if guide.glossary:
            body.append(sections.glossary(guide))
    return _CONTROLS.sub("", head + "".join(body) + "</body>\n</html>\n")
