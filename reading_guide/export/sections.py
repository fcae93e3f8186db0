"""The handout's sections apart from the essay and the questions: title, introduction, the key to
the margins, legend, agenda, notes and glossary. Each returns escaped HTML; private sections are
only called for the facilitator's edition (handout.build_html decides).
"""

from __future__ import annotations

import re
from html import escape

from reading_guide.export.essay_html import Placed, paragraph_range
from reading_guide.export.fields import block_field, inline_field, plain_field, ui, ui_lang
from reading_guide.export.options import ExportOptions
from reading_guide.export.questions import highlight_question_numbers
from reading_guide.export.safe_markdown import markdown_to_html
from reading_guide.model import Guide
from reading_guide.render import Document

EDITION_NAMES = {
    "participant": "Discussion guide",
    "facilitator": "Discussion guide: facilitator's handout",
    "questions": "Discussion questions",
}
MARK_NAMES = {
    "underline": "underlined",
    "double-underline": "double underline",
    "dotted": "dotted underline",
    "dashed": "dashed underline",
    "wavy": "wavy underline",
    "side-bar": "bar in the margin, the words bracketed",
    "box": "boxed",
}
# A source that is only the name of the file the essay was imported from says nothing to a
# reader ("000_ed50c717535195b8.txt"): it is not printed.
_FILE_NAME = re.compile(r"^[^\s/\\:]+\.(md|markdown|txt|text|html?|docx|epub|odt|pdf|rtf)$", re.I)
__all__ = ["EDITION_NAMES", "MARK_NAMES", "highlight_question_numbers"]


def document_title(guide: Guide, options: ExportOptions) -> str:
    """The PDF's title: the essay's, then which handout, so the three files differ."""
    title = guide.essay.title or guide.title or "Reading guide"
    return f"{title} — {EDITION_NAMES[options.variant]}"


def title_block(guide: Guide, options: ExportOptions, title: str) -> str:
    essay = guide.essay
    lang = essay.language
    parts = [
        '<header class="title-block">',
        f'<p class="kicker"{ui_lang(lang)}>{escape(EDITION_NAMES[options.variant])}</p>',
        f'<h1 class="doc-title">{plain_field(title, lang)}</h1>',
    ]
    facts = []
    if essay.author:
        facts.append(f'<span class="byline">{plain_field(essay.author, lang)}</span>')
    if essay.source and not _FILE_NAME.match(essay.source.strip()):
        facts.append(f'<span class="source">{plain_field(essay.source, lang)}</span>')
    if facts:
        parts.append(f'<p class="facts">{" · ".join(facts)}</p>')
    session = [s for s in (guide.session.group, guide.session.date) if s]
    shown = [plain_field(s, lang) for s in session]
    if options.private and guide.session.facilitator:
        shown.append(f"{ui('Facilitator:', lang)} {plain_field(guide.session.facilitator, lang)}")
    if shown:
        parts.append(f'<p class="session">{" · ".join(shown)}</p>')
    if not options.private:
        parts.append(_name_line(options, lang))
    parts.append("</header>\n")
    return "\n".join(parts)


def _name_line(options: ExportOptions, lang: str) -> str:
    """A line for the reader's name and the date (form fields in a fillable handout)."""
    name, date = ui("Name", lang), ui("Date", lang)
    if options.fillable:
        return (f'<p class="name-line"><label>{name} <input type="text" name="name" '
                f'title="Your name"></label> <label>{date} <input type="text" name="date" '
                'title="Date"></label></p>')
    return (f'<p class="name-line">{name} <span class="blank name"></span> '
            f'{date} <span class="blank date"></span></p>')


def introduction(guide: Guide) -> str:
    return (
        '<section class="intro" id="introduction">\n'
        f'<h1 class="section" id="introduction-h"{ui_lang(guide.essay.language)}>Introduction'
        "</h1>\n" + markdown_to_html(guide.introduction)
        + "</section>\n"
    )


def key_line(rtl: bool, lang: str, callouts: bool) -> str:
    """One line saying what the numbers and callouts in the margins are; the callouts only when
    the handout prints some (an essay printed before any question has none to look for)."""
    side = ("right", "left") if rtl else ("left", "right")
    words = f"Numbers in the {side[0]} margin are paragraph numbers (¶)"
    words += (f"; “Q 3” in the {side[1]} margin marks a passage question 3 asks about."
              if callouts else ".")
    return f'<p class="key">{ui(words, lang)}</p>\n'


def legend(guide: Guide, placed: list[Placed]) -> str:
    """The marks of the categories the essay uses (a category with no passage is left out)."""
    used = {p.highlight.category for p in placed}
    lang = guide.essay.language
    rows = []
    for i, c in enumerate(guide.categories):
        if c.id not in used:
            continue
        mark = MARK_NAMES.get(c.mark, c.mark)
        bar = " bar" if c.mark == "side-bar" else ""
        rows.append(
            f'<p class="legend-row{bar}"><span class="hl c-{i} m-{escape(c.mark)} bl br">'
            f'{ui("Marked passage", lang)}</span> <span class="legend-label">'
            f"{plain_field(c.label, lang)}</span> "
            f'<span class="legend-mark">{ui(f"({mark})", lang)}</span></p>'
        )
    if not rows:
        return ""
    return ('<section class="legend" id="legend">\n'
            f'<h2 id="legend-h"{ui_lang(lang)}>How passages are marked</h2>\n'
            + "\n".join(rows) + "\n</section>\n")


def agenda(guide: Guide) -> str:
    """Running times against the session length (facilitator only)."""
    rows = []
    t = 0
    lang = guide.essay.language
    en = ui_lang(lang)
    for n, q in enumerate(guide.running_order(), start=1):
        m = q.minutes or 0
        summary = q.text if len(q.text) <= 90 else q.text[:87] + "…"
        rows.append(
            f"<tr><td class='num'>{n}</td><td{en}>{escape(q.stage)}</td>"
            f"<td>{inline_field(summary, lang)}</td>"
            f"<td class='num'>{m}</td><td class='num'>{_clock(t)}–{_clock(t + m)}</td></tr>"
        )
        t += m
    session = guide.session.minutes or 0
    if session and t > session:
        words = f"Planned {t} min for a {session}-minute session: {t - session} min over."
        status = f'<p class="warn">{ui(words, lang)}</p>'
    elif session:
        words = f"Planned {t} min of a {session}-minute session ({session - t} min spare)."
        status = f'<p class="ok">{ui(words, lang)}</p>'
    else:
        status = f'<p class="ok">{ui(f"Planned {t} min (no session length set).", lang)}</p>'
    return (
        '<section class="agenda" id="agenda">\n<div class="keep">'
        f'<h1 class="section" id="agenda-h"{en}>Agenda</h1>\n' + status + "</div>"
        f'<table><thead{en}><tr><th>#</th><th>Stage</th><th>Question</th><th>Min</th>'
        "<th>Time</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>\n</section>\n"
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def passage_notes(guide: Guide, doc: Document, placed: list[Placed]) -> str:
    noted = [p for p in placed if p.highlight.note.strip()]
    if not noted:
        return ""
    lang = guide.essay.language
    out = ['<section class="notes" id="notes">\n'
           f'<h1 class="section" id="notes-h"{ui_lang(lang)}>Notes on passages</h1>\n<dl>']
    for p in noted:
        exact = doc.text[p.start:p.end]
        exact = exact if len(exact) <= 160 else exact[:157] + "…"
        out.append(f"<dt>{escape(paragraph_range(doc, p.start, p.end))} "
                   f"“{inline_field(exact, lang, markdown=False)}”</dt>"
                   f'<dd class="private">{block_field(p.highlight.note, lang)}</dd>')
    out.append("</dl>\n</section>\n")
    return "".join(out)


def glossary(guide: Guide) -> str:
    lang = guide.essay.language
    items = "".join(f"<dt>{inline_field(g.term, lang)}</dt><dd>{block_field(g.definition, lang)}"
                    "</dd>" for g in guide.glossary)
    return ('<section class="glossary" id="glossary">\n'
            f'<h1 class="section" id="glossary-h"{ui_lang(lang)}>Glossary</h1>\n'
            f"<dl>{items}</dl>\n</section>\n")
