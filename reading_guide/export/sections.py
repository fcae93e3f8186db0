"""The handout's sections apart from the essay: title, introduction, questions, agenda, notes,
glossary and legend. Each returns escaped HTML; private sections are only called for the
facilitator's edition (handout.build_html decides), and `questions_section` checks again.
"""

from __future__ import annotations

from html import escape

from reading_guide.export.essay_html import Placed, bdi, paragraph_range
from reading_guide.export.options import ExportOptions
from reading_guide.export.safe_markdown import markdown_to_html
from reading_guide.model import QUESTION_STAGES, Guide, Highlight, Question
from reading_guide.render import Document

EDITION_NAMES = {
    "participant": "Discussion guide",
    "facilitator": "Discussion guide: facilitator's edition",
    "questions": "Discussion questions",
}
MARK_NAMES = {
    "underline": "underlined",
    "double-underline": "double underline",
    "dotted": "dotted underline",
    "dashed": "dashed underline",
    "wavy": "wavy underline",
    "side-bar": "bar in the margin",
    "box": "boxed",
}
MAX_ANSWER_LINES = 40  # more would only make a blank page per question


def title_block(guide: Guide, options: ExportOptions, title: str) -> str:
    essay = guide.essay
    parts = [
        '<header class="title-block">',
        f'<p class="kicker">{escape(EDITION_NAMES[options.variant])}</p>',
        f'<h1 class="doc-title">{bdi(title)}</h1>',
    ]
    if essay.author:
        parts.append(f'<p class="byline">{bdi(essay.author)}</p>')
    if essay.source:
        parts.append(f'<p class="source">{bdi(essay.source)}</p>')
    session = [s for s in (guide.session.group, guide.session.date) if s]
    if session:
        parts.append(f'<p class="session">{" · ".join(bdi(s) for s in session)}</p>')
    if options.private and guide.session.facilitator:
        parts.append(f'<p class="session">Facilitator: {bdi(guide.session.facilitator)}</p>')
    parts.append("</header>\n")
    return "\n".join(parts)


def introduction(guide: Guide) -> str:
    return (
        '<section class="intro" id="introduction">\n<h1 class="section">Introduction</h1>\n'
        + markdown_to_html(guide.introduction)
        + "</section>\n"
    )


def highlight_question_numbers(guide: Guide) -> dict[str, list[int]]:
    """Highlight id -> the printed numbers of its questions (see `Guide.question_numbers`)."""
    numbers: dict[str, list[int]] = {}
    for n, q in enumerate(guide.running_order(), start=1):
        if q.highlight:
            numbers.setdefault(q.highlight, []).append(n)
    return numbers


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


def questions_section(
    guide: Guide, doc: Document, options: ExportOptions, orphans: list[Highlight], *,
    compact: bool,
) -> str:
    out = ['<section class="questions" id="questions">\n']
    lead = '<h1 class="section">Questions</h1>\n'
    if not guide.questions:
        out.append(lead + '<p class="empty">(This guide has no questions yet.)</p>\n')
    for stage, items in _stage_groups(guide):
        # The headings stay with the first question (see essay_html: keep groups).
        head = f'{lead}<h2 class="stage">{escape(stage.capitalize())}</h2>\n'
        lead = ""
        questions = [_question(guide, doc, options, n, q, compact=compact) for n, q in items]
        out.append(f'<section class="stage stage-{stage}">\n<div class="keep">\n{head}'
                   f'{questions[0]}</div>\n' + "".join(questions[1:]) + "</section>\n")
    if orphans:
        out.append(_not_found(guide, orphans, private=options.private))
    out.append("</section>\n")
    return "".join(out)


def _question(
    guide: Guide, doc: Document, options: ExportOptions, n: int, q: Question, *, compact: bool
) -> str:
    ref, h, placed = _reference(guide, doc, q)
    head = [f'<span class="qn">{n}</span>']
    if q.kind:
        head.append(f'<span class="kind">{escape(q.kind.capitalize())}</span>')
    if ref:
        head.append(f'<span class="ref">{escape(ref)}</span>')
    if placed and h is not None and not compact:
        head.append(f'<a class="pageref" href="#hl-{escape(h.id)}"></a>')
    if options.private and q.minutes:
        head.append(f'<span class="minutes">{q.minutes} min</span>')
    parts = [
        f'<div class="question" id="q-{escape(q.id)}">',
        f'<p class="q-head">{" ".join(head)}</p>',
        f'<p class="q-text">{bdi(q.text)}</p>',
    ]
    if options.private:
        if q.follow_ups:
            items = "".join(f"<li>{bdi(f)}</li>" for f in q.follow_ups)
            parts.append(f'<div class="private follow-ups"><p class="plabel">Follow-ups</p>'
                         f"<ul>{items}</ul></div>")
        if q.facilitator_note.strip():
            parts.append(f'<div class="private fnote"><p class="plabel">Note</p>'
                         f"<p>{bdi(q.facilitator_note)}</p></div>")
    lines = min(max(q.answer_lines, 0), MAX_ANSWER_LINES)
    if lines and not compact:
        if options.fillable:
            parts.append(
                f'<textarea class="answer" name="answer-{n}" title="Answer to question {n}" '
                f'rows="{lines}" style="height: {lines * 2}em"></textarea>'
            )
        else:
            parts.append('<div class="lines" aria-hidden="true">'
                         + '<div class="line"></div>' * lines + "</div>")
    parts.append("</div>\n")
    return "\n".join(parts)


def _not_found(guide: Guide, orphans: list[Highlight], *, private: bool) -> str:
    numbers = highlight_question_numbers(guide)
    out = ['<section class="not-found">\n<h2>Passages not found</h2>\n'
           '<p class="hint">These passages could not be found in this version of the essay; '
           "their questions are printed above.</p>\n<ul>\n"]
    for h in orphans:
        exact = h.quote.exact if len(h.quote.exact) <= 300 else h.quote.exact[:297] + "…"
        qs = ", ".join(str(n) for n in numbers.get(h.id, []))
        word = "question" if len(numbers.get(h.id, [])) == 1 else "questions"
        tail = f' <span class="qs">({word} {qs})</span>' if qs else ""
        note = f'<br><span class="private">{bdi(h.note)}</span>' if private and h.note else ""
        out.append(f"<li>“{bdi(exact)}”{tail}{note}</li>\n")
    out.append("</ul>\n</section>\n")
    return "".join(out)


def agenda(guide: Guide) -> str:
    """Running times against the session length (facilitator only)."""
    rows = []
    t = 0
    for n, q in enumerate(guide.running_order(), start=1):
        m = q.minutes or 0
        summary = q.text if len(q.text) <= 90 else q.text[:87] + "…"
        rows.append(
            f"<tr><td class='num'>{n}</td><td>{bdi(q.stage)}</td><td>{bdi(summary)}</td>"
            f"<td class='num'>{m}</td><td class='num'>{_clock(t)}–{_clock(t + m)}</td></tr>"
        )
        t += m
    session = guide.session.minutes
    if session:
        over = t - session
        status = (f'<p class="warn">Planned {t} min for a {session}-minute session: '
                  f"{over} min over.</p>" if over > 0 else
                  f'<p class="ok">Planned {t} min of a {session}-minute session '
                  f"({session - t} min spare).</p>")
    else:
        status = f'<p class="ok">Planned {t} min (no session length set).</p>'
    return (
        '<section class="agenda" id="agenda">\n<h1 class="section">Agenda</h1>\n' + status
        + '<table><thead><tr><th>#</th><th>Stage</th><th>Question</th><th>Min</th>'
        "<th>Time</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>\n</section>\n"
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def passage_notes(guide: Guide, doc: Document, placed: list[Placed]) -> str:
    noted = [p for p in placed if p.highlight.note.strip()]
    if not noted:
        return ""
    out = ['<section class="notes" id="notes">\n<h1 class="section">Notes on passages</h1>\n<dl>']
    for p in noted:
        exact = doc.text[p.start:p.end]
        exact = exact if len(exact) <= 160 else exact[:157] + "…"
        out.append(f"<dt>{escape(paragraph_range(doc, p.start, p.end))} “{bdi(exact)}”</dt>"
                   f'<dd class="private">{bdi(p.highlight.note)}</dd>')
    out.append("</dl>\n</section>\n")
    return "".join(out)


def glossary(guide: Guide) -> str:
    items = "".join(f"<dt>{bdi(g.term)}</dt><dd>{bdi(g.definition)}</dd>"
                    for g in guide.glossary)
    return ('<section class="glossary" id="glossary">\n<h1 class="section">Glossary</h1>\n'
            f"<dl>{items}</dl>\n</section>\n")


def legend(guide: Guide) -> str:
    rows = []
    for i, c in enumerate(guide.categories):
        mark = MARK_NAMES.get(c.mark, c.mark)
        bar = " bar" if c.mark == "side-bar" else ""
        rows.append(
            f'<p class="legend-row{bar}"><span class="hl c-{i} m-{escape(c.mark)}">'
            f'Marked passage</span> <span class="legend-label">{bdi(c.label)}</span> '
            f'<span class="legend-mark">({escape(mark)})</span></p>'
        )
    return ('<section class="legend" id="legend">\n<h2>How passages are marked</h2>\n'
            + "\n".join(rows) + "\n</section>\n")
