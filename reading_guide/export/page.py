"""The page: paper, margins and type sizes, in one place for the stylesheet and for the sums that
must agree with it (how many answer lines fit on one page).

Margins are mirrored for a right-to-left essay: paragraph numbers go in the right margin and the
question callouts in the wide left one. A booklet prints each page at half the sheet (A5 on A4,
5.5 x 8.5 in on Letter) with narrower margins, two to a side.
"""

from __future__ import annotations

from dataclasses import dataclass

from reading_guide.export.options import ExportOptions

PT_PER_MM = 72 / 25.4
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
HALF_PAPER_MM = {"a4": (148.0, 210.0), "letter": (139.7, 215.9)}
BODY_PT = 10.5
LARGE_BODY_PT = 16.0
BOOKLET_BODY_PT = 9.5
ANSWER_LINE_EM = 1.9  # the pitch of ruled writing lines, in body ems


@dataclass(frozen=True)
class PageGeometry:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    number_side_mm: float  # the margin with paragraph numbers
    callout_side_mm: float  # the margin with question callouts (and notes)
    body_pt: float

    @property
    def content_height_pt(self) -> float:
        return (self.height_mm - self.top_mm - self.bottom_mm) * PT_PER_MM

    @property
    def content_width_pt(self) -> float:
        return (self.width_mm - self.number_side_mm - self.callout_side_mm) * PT_PER_MM

    @property
    def answer_line_pt(self) -> float:
        return ANSWER_LINE_EM * self.body_pt


def geometry(options: ExportOptions) -> PageGeometry:
    booklet = options.booklet
    width, height = (HALF_PAPER_MM if booklet else PAPER_MM)[options.paper]
    body = LARGE_BODY_PT if options.large_print else BOOKLET_BODY_PT if booklet else BODY_PT
    scale = 0.7 if booklet else 1.0
    if options.variant == "questions":
        inner = outer = 20 * scale
    else:
        inner, outer = 26 * scale, (46 if options.large_print else 42) * scale
    return PageGeometry(width, height, 20 * scale, 20 * scale, inner, outer, body)


def page_css(options: ExportOptions, rtl: bool) -> str:
    """The @page rule for these options (size and the mirrored side margins)."""
    g = geometry(options)
    left, right = (g.callout_side_mm, g.number_side_mm) if rtl else (
        g.number_side_mm, g.callout_side_mm)
    head, foot = (14, 14) if options.large_print else (8.5, 8)
    return (f"@page {{ size: {g.width_mm}mm {g.height_mm}mm; margin: {g.top_mm:.1f}mm "
            f"{right:.1f}mm {g.bottom_mm:.1f}mm {left:.1f}mm;\n"
            f"  @top-center {{ font-size: {head}pt; }}\n"
            f"  @bottom-center {{ font-size: {foot}pt; }} }}\n"
            f"html {{ font-size: {g.body_pt}pt; }}")


def answer_lines_that_fit(options: ExportOptions, question_chars: int) -> int:
    """How many writing lines fit on one page together with a question of `question_chars`
    characters (its text estimated generously, so the question and its lines stay together);
    a question longer than half a page keeps room for its last lines only (the writing space
    follows them on their page)."""
    g = geometry(options)
    line = g.body_pt * 1.42
    chars_per_line = max(g.content_width_pt / (g.body_pt * 0.46), 20)
    text_lines = question_chars / chars_per_line * 1.25 + 2
    text_height = min(text_lines * line, g.content_height_pt / 2) + 3 * line
    return max(int((g.content_height_pt - text_height - 2 * line) / g.answer_line_pt), 3)
