"""The questions: numbered down the running order, grouped by stage, each with its writing space.

Pagination rules this markup and handout.css keep (tests/export/test_pagination.py checks them
on the printed pages): a question and its writing space are never parted; the writing space is
never split over two pages (a question asking for more lines than fit on one page gets the lines
that fit, and the last one says to continue on the back); a stage heading never ends a page.
The number and the question's kind sit on the question's own first line, so a sheet of short
questions spends no line on labels.
"""

from __future__ import annotations

from html import escape

from reading_guide.export.essay_html import paragraph_range
from reading_guide.export.fields import block_field, inline_field, ui, ui_lang
from reading_guide.export.options import ExportOptions
from reading_guide.export.page import answer_lines_that_fit
from reading_guide.model import QUESTION_STAGES, Guide, Highlight, Question
from reading_guide.render import Document

MAX_ANSWER_LINES = 60  # the file's own bound; the page's bound is answer_lines_that_fit
NOT_FOUND_HINT = ("These passages could not be found in this version of the essay; their "
                  "questions are printed above.")


def highlight_question_numbers(guide: Guide) -> dict[str, list[int]]:
    """Highlight id -> the printed numbers of its questions (see `Guide.question_numbers`)."""
    numbers: dict[str, list[int]] = {}
    for n, q in enumerate(guide.running_order(), start=1):
        if q.highlight:
            numbers.setdefault(q.highlight, []).append(n)
    return numbers


def writing_space(guide: Guide, options: ExportOptions) -> str:
    """lines | boxes | none: the export's choice, else the guide's default."""
    return options.writing_space or guide.handout.writing_space


def questions_section(
    guide: Guide, doc: Document, options: ExportOptions, orphans: list[Highlight], *,
    compact: bool, cap: dict[str, int] | None = None, continued: frozenset[str] = frozenset(),
) -> str:
    """`compact`: the questions sheet (no writing space unless fillable, no page references).
    `cap`: answer lines per question id, when a first layout showed fewer fit (fit.py)."""
    out = ['<section class="questions" id="questions">\n']
    en = ui_lang(guide.essay.language)
    lead = f'<h1 class="section" id="questions-h"{en}>Questions</h1>\n'
    if not guide.questions:
        out.append(lead + f'<p class="empty"{en}>(This guide has no questions yet.)</p>\n')
    for stage, items in _stage_groups(guide):
        # The headings stay with the first question (see essay_html: keep groups).
        head = (f'{lead}<h2 class="stage" id="stage-{stage}"{en}>{escape(stage.capitalize())}'
                "</h2>\n")
        lead = ""
        rendered = [_question(guide, doc, options, n, q, compact=compact, cap=cap,
                              continued=q.id in continued) for n, q in items]
        out.append(f'<section class="stage stage-{stage}">\n<div class="keep">\n{head}'
                   f'{rendered[0]}</div>\n' + "".join(rendered[1:]) + "</section>\n")
    if orphans:
        out.append(_not_found(guide, orphans, private=options.private))
    out.append("</section>\n")
    return "".join(out)


def _stage_groups(guide: Guide) -> list[tuple[str, list[tuple[int, Question]]]]:
    groups: list[tuple[str, list[tuple[int, Question]]]] = []
    numbered = list(enumerate(guide.running_order(), start=1))
    known = set(QUESTION_STAGES)
    for stage in QUESTION_STAGES:
        items = [(n, q) for n, q in numbered if q.stage == stage]
        if items:
            groups.append((stage, items))
    other = [(n, q) for n, q in numbered if q.stage not in known]
    if other:
        groups.append(("other", other))
    return groups


def _reference(guide: Guide, doc: Document, q: Question) -> tuple[str, Highlight | None, bool]:
    """(¶ text, highlight, placed?) for a question."""
    if not q.highlight:
        return "", None, False
    h = guide.highlight(q.highlight)
    if h is None:
        return "passage missing", None, False
    pos = h.position
    if pos is None or not (0 <= pos.start < pos.end <= len(doc.text)):
        return "passage not found", h, False
    return paragraph_range(doc, pos.start, pos.end), h, True


def _question(
    guide: Guide, doc: Document, options: ExportOptions, n: int, q: Question, *, compact: bool,
    cap: dict[str, int] | None, continued: bool = False,
) -> str:
    lang = guide.essay.language
    ref, h, placed = _reference(guide, doc, q)
    meta = []
    if q.kind and options.show_kinds:
        meta.append(f'<span class="kind">{escape(q.kind)}</span>')
    if ref:
        meta.append(f'<span class="ref">{escape(ref)}</span>')
    if placed and h is not None and not compact:
        meta.append(f'<a class="pageref" href="#hl-{escape(h.id)}">see page</a>')
    if options.private and q.minutes:
        meta.append(f'<span class="minutes">{q.minutes} min</span>')
    tail = (f' <bdi class="q-meta" dir="ltr"{ui_lang(lang)}>{" · ".join(meta)}</bdi>'
            if meta else "")
    text = inline_field(q.text, lang) or "&#160;"
    parts = [
        f'<div class="question" id="q-{escape(q.id)}">',
        '<div class="q-main">',
        f'<p class="q-text"><span class="qn">{n}</span>{text}{tail}</p>',
    ]
    if options.private:
        if q.follow_ups:
            items = "".join(f"<li>{inline_field(f, lang)}</li>" for f in q.follow_ups)
            parts.append(f'<div class="private follow-ups"><p class="plabel"{ui_lang(lang)}>'
                         f"Follow-ups</p><ul>{items}</ul></div>")
        if q.facilitator_note.strip():
            parts.append(f'<div class="private fnote"><p class="plabel"{ui_lang(lang)}>Note</p>'
                         f"{block_field(q.facilitator_note, lang)}</div>")
    parts.append("</div>")
    style = writing_space(guide, options)
    wanted = min(max(q.answer_lines, 0), MAX_ANSWER_LINES)
    printed = len(q.text) + (sum(len(f) + 20 for f in q.follow_ups)
                             + len(q.facilitator_note) if options.private else 0)
    fits = answer_lines_that_fit(options, printed)
    if cap is not None and q.id in cap:
        fits = min(fits, cap[q.id])
    lines = min(wanted, fits)
    if lines and (options.fillable or (not compact and style != "none")):
        writing = _writing(n, lines, style, options, short=lines < wanted, lang=lang)
        if continued:
            label = f'<p class="continued">{ui(f"Question {n} (continued)", lang)}</p>'
            writing = writing.replace('<div class="writing', '<div class="continued-block">'
                                      + label + '<div class="writing', 1) + "</div>"
        parts.append(writing)
    parts.append("</div>\n")
    return "\n".join(parts)


def _writing(n: int, lines: int, style: str, options: ExportOptions, *, short: bool,
             lang: str) -> str:
    more = f'<p class="overleaf">{ui("continue on the back", lang)}</p>' if short else ""
    height = f"{lines * 1.9:.1f}rem"
    if options.fillable:
        return (f'<div class="writing"><textarea class="answer" name="answer-{n}" '
                f'title="Answer to question {n}" rows="{lines}" style="height: {height}">'
                f"</textarea>{more}</div>")
    if style == "boxes":
        return (f'<div class="writing" aria-hidden="true"><div class="box" '
                f'style="height: {height}"></div>{more}</div>')
    return ('<div class="writing lines" aria-hidden="true">' + '<div class="line"></div>' * lines
            + more + "</div>")


def _not_found(guide: Guide, orphans: list[Highlight], *, private: bool) -> str:
    numbers = highlight_question_numbers(guide)
    lang = guide.essay.language
    out = ['<section class="not-found">\n'
           f'<h2 id="not-found-h"{ui_lang(lang)}>Passages not found</h2>\n'
           f'<p class="hint">{ui(NOT_FOUND_HINT, lang)}</p>\n<ul>\n']
    for h in orphans:
        exact = h.quote.exact if len(h.quote.exact) <= 300 else h.quote.exact[:297] + "…"
        qs = ", ".join(str(n) for n in numbers.get(h.id, []))
        word = "question" if len(numbers.get(h.id, [])) == 1 else "questions"
        tail = f' <span class="qs">{ui(f"({word} {qs})", lang)}</span>' if qs else ""
        note = (f'<br><span class="private">{inline_field(h.note, lang)}</span>'
                if private and h.note else "")
        out.append(f"<li>“{inline_field(exact, lang, markdown=False)}”{tail}{note}</li>\n")
    out.append("</ul>\n</section>\n")
    return "".join(out)
