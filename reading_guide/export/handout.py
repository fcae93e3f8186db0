"""Guide + options -> one self-contained handout HTML document (pure: no WeasyPrint, no I/O
beyond reading the app's own CSS).

The three editions share this one document builder so they cannot drift apart; what differs is
which sections are included, and private text (highlight notes, facilitator notes, follow-ups,
minutes) is only ever emitted when `options.private` is true.

Two targets: `for_browser=False` (the PDF) links the bundled fonts by file URL, which only
WeasyPrint, confined to the app's resources, ever reads; `for_browser=True` (the HTML handout)
names no font file at all (system font stacks, so the file stands alone and discloses no install
path) and adds a screen stylesheet: a readable column, paragraph numbers and callouts beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from reading_guide.export import sections
from reading_guide.export.bidi import essay_direction, printable
from reading_guide.export.essay_html import Placed, essay_html, place
from reading_guide.export.fields import ui_lang
from reading_guide.export.fonts import FONT_FILES, font_face_css
from reading_guide.export.options import ExportOptions
from reading_guide.export.page import page_css
from reading_guide.export.questions import highlight_question_numbers, questions_section
from reading_guide.export.styles import HandoutStyles
from reading_guide.model import Guide, Highlight
from reading_guide.model.fields import is_language_tag
from reading_guide.render import Document
from reading_guide.resources import resource_path

_COLOR = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# C0 controls but tab, line feed and carriage return, and DEL: not printable, not allowed in
# HTML, and WeasyPrint prints each as a blank. Our template has none, so what this removes
# from the finished page came from user text (the guide itself keeps it).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
GLOSSARY_UP_FRONT = 6  # a glossary this short prints before the essay, not alone at the end
__all__ = ["FONT_FILES", "Adjustments", "build_html", "build_pdf_parts", "font_face_css",
           "parse_essay"]


@dataclass(frozen=True)
class Adjustments:
    """What a first layout asked to change (fit.py): classes on the root, page breaks before
    elements that ended a page, and answer lines per question that fit the page."""

    classes: tuple[str, ...] = ()
    break_before: frozenset[str] = frozenset()
    answer_lines: dict[str, int] = field(default_factory=dict)
    # Questions longer than a page whose writing space starts the next page, under
    # "Question 12 (continued)".
    continued: frozenset[str] = frozenset()


def parse_essay(guide: Guide) -> Document:
    """The essay's blocks, through the one parser every layer uses (positions must agree)."""
    from reading_guide.render import parse

    return parse(guide.essay.text)


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
    for_browser: bool = False,
    adjust: Adjustments | None = None,
) -> str:
    """The finished handout HTML for one edition, its stylesheets inline. `document` saves a
    re-parse when the caller already has the rendered essay; `fonts_dir` exists for the
    missing-font fallback test."""
    html, _ = _build(guide, options, document, fonts_dir, for_browser, adjust, inline=True)
    return html


def build_pdf_parts(
    guide: Guide,
    options: ExportOptions,
    *,
    document: Document | None = None,
    adjust: Adjustments | None = None,
) -> tuple[str, HandoutStyles]:
    """The PDF handout as `build_html` makes it, but its stylesheets apart (no <style> left in
    the HTML), for WeasyPrint to take as parsed sheets a `StyleCache` keeps between builds."""
    html, styles = _build(guide, options, document, None, False, adjust, inline=False)
    assert styles is not None
    return html, styles


def _build(
    guide: Guide, options: ExportOptions, document: Document | None, fonts_dir: Path | None,
    for_browser: bool, adjust: Adjustments | None, *, inline: bool,
) -> tuple[str, HandoutStyles | None]:
    doc = document if document is not None else parse_essay(guide)
    adjust = adjust or Adjustments()
    numbers = highlight_question_numbers(guide)
    placed, orphans = place(guide, doc, numbers)
    lang = guide.essay.language if is_language_tag(guide.essay.language) else "en"
    essay = guide.essay
    direction = essay_direction(lang, essay.text, str(getattr(essay, "direction", "") or ""))
    rtl = direction == "rtl"
    title = essay.title or guide.title or "Reading guide"
    css = resource_path("css", "handout.css").read_text(encoding="utf-8")
    classes = [f"variant-{options.variant}", f"paper-{options.paper}", *adjust.classes]
    for flag, name in ((options.large_print, "large-print"), (options.fillable, "fillable"),
                       (options.booklet, "booklet"), (for_browser, "browser")):
        if flag:
            classes.append(name)
    body_html = _body(guide, options, doc, adjust, placed, orphans, lang, direction, title)
    fonts = "" if for_browser else font_face_css(fonts_dir, body_html)
    screen = ""
    if for_browser:
        screen = resource_path("css", "screen.css").read_text(encoding="utf-8")
    breaks = "".join(f"#{escape(i)} {{ break-before: page; }}\n" for i in sorted(
        adjust.break_before))
    page = page_css(options, rtl)
    own = f"{category_css(guide)}\n{breaks}"
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}" dir="{direction}" class="{" ".join(classes)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(printable(sections.document_title(guide, options)))}</title>\n"
        f'<meta name="author" content="{escape(printable(essay.author))}">\n'
        f'<meta name="description" content="{escape(sections.EDITION_NAMES[options.variant])}">\n'
    )
    if not inline:
        # The same text the inline <style>s hold below, in the same (cascade) order.
        styles = HandoutStyles(fonts=f"\n{fonts}\n", handout=f"\n{css}",
                               page=f"\n{page}\n", guide=_CONTROLS.sub("", f"{own}"))
        html = head + "</head>\n<body>\n" + body_html + "</body>\n</html>\n"
        return _CONTROLS.sub("", html), styles
    head += (
        f'<style id="fonts">\n{fonts}\n</style>\n'
        f'<style id="handout">\n{css}</style>\n'
        + (f'<style id="screen">\n{screen}</style>\n' if screen else "")
        + f'<style id="guide">\n{page}\n{own}</style>\n'
        "</head>\n<body>\n"
    )
    return _CONTROLS.sub("", head + body_html + "</body>\n</html>\n"), None


def _body(
    guide: Guide, options: ExportOptions, doc: Document, adjust: Adjustments,
    placed: list[Placed], orphans: list[Highlight], lang: str, direction: str, title: str,
) -> str:
    """The handout's sections, in order, for one edition."""
    rtl = direction == "rtl"
    body: list[str] = [sections.title_block(guide, options, title)]
    short_glossary = 0 < len(guide.glossary) <= GLOSSARY_UP_FRONT
    if options.variant == "questions":
        body.append(questions_section(guide, doc, options, orphans, compact=True,
                                      cap=adjust.answer_lines, continued=adjust.continued))
    else:
        if guide.introduction.strip():
            body.append(sections.introduction(guide))
        if options.private:
            body.append(sections.agenda(guide))
        if short_glossary:
            body.append(sections.glossary(guide))
        body.append('<section class="essay" id="essay">\n')
        # The heading keeps the key with it; the legend follows; the first paragraph is kept
        # with the essay's own first heading (essay_html), not with the legend.
        essay_head = f'<h1 class="section" id="essay-h"{ui_lang(lang)}>The essay</h1>\n'
        if doc.blocks:
            callouts = any(p.questions for p in placed)
            essay_head += sections.key_line(rtl, lang, callouts)
        body.append(f'<div class="keep">{essay_head}</div>\n')
        if placed:
            body.append(sections.legend(guide, placed))
        lead = ""
        body.append(essay_html(doc, placed, private=options.private,
                               merge_within=45 if options.large_print else 90,
                               lead=lead, essay_dir=direction, skip_title=title))
        body.append("</section>\n")
        body.append(questions_section(guide, doc, options, orphans, compact=False,
                                      cap=adjust.answer_lines, continued=adjust.continued))
        if options.private:
            body.append(sections.passage_notes(guide, doc, placed))
        if guide.glossary and not short_glossary:
            body.append(sections.glossary(guide))
    return "".join(body)
