"""Lay a handout out, read the pages, and lay it out again when a rule did not hold.

CSS keeps most of the rules on the first layout (break-inside: avoid, keep groups, answer lines
capped by page.py); what only the laid-out pages can tell is corrected here, then checked again:

- a heading that ended a page starts the next one (a forced break before it);
- a question parted from its writing space that fits on a page starts the next page; one that
  asks for more lines than fit beside it gets the lines that fit, measured; one longer than a
  page may have its writing space start the next page, under "Question 12 (continued)";
- a questions sheet of up to 15 questions that takes two pages is tightened, then set in two
  columns (short questions), then in closer lines, until it fits one;
- a last page that holds almost nothing is worth one tighter layout (spacing, never type size)
  in a handout of up to TIGHTEN_UP_TO pages, kept only if it saves that page.

At most MAX_LAYOUTS layouts; the best one is kept (rules kept first, then fewer pages). A
handout that needs nothing pays for one layout and one reading of its pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reading_guide.export.handout import Adjustments, build_pdf_parts
from reading_guide.export.layout_check import PX_PER_PT, LayoutReport, check
from reading_guide.export.options import ExportOptions
from reading_guide.export.page import ANSWER_LINE_EM, geometry
from reading_guide.export.pdf import Progress, lay_out
from reading_guide.export.styles import StyleCache
from reading_guide.model import Guide
from reading_guide.render import Document

MAX_LAYOUTS = 4
SHEET_FITS = 15  # questions a questions sheet should hold on one page
NEAR_EMPTY = 0.2  # share of a last page's content area below which it is near empty
# A tighter layout costs a whole second layout: worth it to save a sheet of a short handout,
# not to save 1% of a long one.
TIGHTEN_UP_TO = 12  # pages
SHORT_QUESTION = 160  # characters: short enough for two columns


def lay_out_handout(
    guide: Guide, options: ExportOptions, doc: Document, *,
    progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
    expected_pages: int = 10, styles: StyleCache | None = None,
) -> tuple[Any, LayoutReport]:
    """The best layout found: WeasyPrint's Document and what `layout_check` read in it.
    `styles` keeps the parsed stylesheets between builds (the export worker's); without it
    this build's layouts still share theirs."""
    cache = styles if styles is not None else StyleCache()
    adjust = Adjustments()
    best: tuple[Any, LayoutReport] | None = None
    for _ in range(MAX_LAYOUTS):
        html, sheets = build_pdf_parts(guide, options, document=doc, adjust=adjust)
        document = lay_out(html, progress=progress, cancel=cancel, forms=options.fillable,
                           expected_pages=expected_pages, styles=sheets, style_cache=cache)
        report = check(document)
        if best is None or _rank(report) < _rank(best[1]):
            best = (document, report)
        following = next_adjustments(adjust, report, guide, options)
        if following is None:
            break
        adjust = following
    assert best is not None
    return best


def _rank(report: LayoutReport) -> tuple[int, int]:
    return (0 if report.ok else 1, report.pages)


def next_adjustments(
    adjust: Adjustments, report: LayoutReport, guide: Guide, options: ExportOptions
) -> Adjustments | None:
    """What to change for another layout, or None when nothing would help."""
    changed = False
    breaks = set(adjust.break_before)
    for _, heading in report.stranded:
        if heading and heading not in breaks:
            breaks.add(heading)
            changed = True
    caps = dict(adjust.answer_lines)
    continued = set(adjust.continued)
    line_px = ANSWER_LINE_EM * geometry(options).body_pt * PX_PER_PT
    for element_id in report.parted_questions():
        qid = element_id.removeprefix("q-")
        place = report.questions[element_id]
        room = report.content_height - min(place.main_height, report.content_height * 0.6)
        lines = max(int(room / line_px) - 2, 3)
        wanted = next((q.answer_lines for q in guide.questions if q.id == qid), 0)
        if place.main_height >= report.content_height * 0.6:
            # Longer than a page: its writing space may start the next page, labelled.
            if qid not in continued:
                continued.add(qid)
                changed = True
        elif min(wanted, caps.get(qid, wanted)) <= lines:
            # It fits on a page: WeasyPrint let it be parted all the same (break-inside:
            # avoid is not always kept when pages are laid out again for "see page N").
            if element_id not in breaks:
                breaks.add(element_id)
                changed = True
        elif caps.get(qid, 10**6) > lines:
            caps[qid] = lines
            changed = True
    classes = list(adjust.classes)
    if (options.variant == "questions" and report.pages > 1
            and len(guide.questions) <= SHEET_FITS):
        step = next((c for c in _sheet_steps(guide) if c not in classes), None)
        if step is not None:
            classes.append(step)
            changed = True
    elif (1 < report.pages <= TIGHTEN_UP_TO and report.last_page_fill < NEAR_EMPTY
          and "tight" not in classes):
        classes.append("tight")
        changed = True
    if not changed:
        return None
    return replace(adjust, classes=tuple(classes), break_before=frozenset(breaks),
                   answer_lines=caps, continued=frozenset(continued))


def _sheet_steps(guide: Guide) -> list[str]:
    short = all(len(q.text) <= SHORT_QUESTION for q in guide.questions)
    return ["fit-1", "fit-2", "fit-3"] if short else ["fit-1", "fit-3"]
