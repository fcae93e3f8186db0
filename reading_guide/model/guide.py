"""The guide and its parts, as plain mutable dataclasses.

They mirror the guide file (docs/FORMAT.md) one to one, so that storage is a thin, strict
translation and every layer above (anchoring, export, gui) shares one vocabulary. Derived data (the
reading text, paragraph numbers) lives in `reading_guide.render`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reading_guide.hashing import sha256_hex
from reading_guide.model import fields

FORMAT_ID = "reading-guide/1"

# Allowed values are declared once, in the table of fields (model/fields.py).
QUESTION_KINDS = fields.QUESTION_KINDS
QUESTION_STAGES = fields.QUESTION_STAGES
MARKS = fields.MARKS
# How a question's writing space prints: ruled lines, one box, or none.
WRITING_SPACES = fields.WRITING_SPACES
# `exact` is never written to a file: a highlight without a status is confirmed.
ANCHOR_STATUSES = fields.HIGHLIGHT_STATUSES
# How sure a placement is, weakest first. Automatic placement (opening a guide, moving it onto
# another edition) may lower a highlight's status but never raise it above what it had: a
# `review` stays `review` and an orphan comes back at best for review, until a person confirms.
STATUS_RANK: dict[str, int] = {"orphan": 0, "review": 1, "fuzzy": 2, "exact": 3}
_CEILING: dict[str | None, str] = {
    None: "exact", "exact": "exact", "fuzzy": "fuzzy", "review": "review", "orphan": "review"
}


def capped_status(found: str, stored: str | None) -> str:
    """`found` (exact | fuzzy | review | orphan), lowered to what a highlight stored with
    status `stored` may reach without a person confirming it."""
    ceiling = _CEILING.get(stored, "review")
    return found if STATUS_RANK[found] <= STATUS_RANK[ceiling] else ceiling


def text_sha256(text: str) -> str:
    """The essay fingerprint stored in the guide: sha256 of the UTF-8 Markdown text."""
    return sha256_hex(text.encode("utf-8"))


@dataclass(frozen=True)
class EssayOrigin:
    """Where the essay came from, when it was imported from a document: the file's name (never
    its folder: a guide is shared), its format, and which pages or chapters were taken."""

    file: str
    format: str  # one of ORIGIN_FORMATS
    pages: str = ""  # "1-15" (a PDF)
    chapter: str = ""  # "3" or "3-5" (an EPUB); empty for a whole book


ORIGIN_FORMATS = fields.ORIGIN_FORMATS


@dataclass
class Essay:
    """The essay as Markdown after import clean-up; it travels inside the guide."""

    title: str = ""
    author: str = ""
    source: str = ""
    language: str = "en"
    text: str = ""
    # Which edition of the essay this guide is on ("2nd edition, 2026"); set by "Update essay".
    # Last, so positional construction stays as it was; in the file it follows `source`.
    edition: str = ""
    # Where the essay was imported from (a Word, OpenDocument, EPUB or PDF file); in the file it
    # follows `edition`.
    origin: EssayOrigin | None = None
    # "rtl" for a right-to-left essay (Arabic, Hebrew...); set by import, written only then.
    direction: str = "ltr"

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass
class Session:
    group: str = ""
    date: str = ""  # ISO date, "2026-12-01"; kept as text so the file round-trips byte for byte
    minutes: int | None = None
    facilitator: str = ""


@dataclass
class Category:
    id: str
    label: str
    color: str = "#f2c94c"
    mark: str = "underline"


@dataclass
class Quote:
    """W3C TextQuoteSelector: `exact` plus the context that tells repeats apart."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass
class Position:
    """W3C TextPositionSelector: code points in the reading text, half open [start, end)."""

    start: int
    end: int


@dataclass
class Highlight:
    """A passage a person marked, and where it is in the essay now (docs/FORMAT.md, "Highlight
    lifecycle").

    `quote` is the passage as a person chose or last confirmed it: automatic placement never
    changes it, so a guide moved from edition to edition can always say what was meant. While an
    automatic placement awaits confirmation (`status` fuzzy or review), `placed` describes the
    text at `position` when that differs from `quote.exact`; confirming makes it the quote.
    """

    id: str
    category: str
    quote: Quote
    position: Position | None = None
    # None means confirmed (`exact`); fuzzy | review | orphan until a person confirms.
    status: str | None = None
    note: str = ""
    # Last, so positional construction stays as it was; in the file it follows `status`.
    placed: Quote | None = None
    # Why anchoring gave this status when the guide was opened or moved (not saved; not compared).
    reason: str = field(default="", compare=False)

    @property
    def anchor_status(self) -> str:
        """The status to report: the stored one, else orphan when unplaced, else exact."""
        if self.status:
            return self.status
        return "exact" if self.position is not None else "orphan"

    def settle(
        self, status: str, position: Position | None, placed: Quote | None, reason: str = ""
    ) -> None:
        """Record an automatic placement: `status` at `position`, whose text is described by
        `placed` (None when it shows `quote.exact`, up to normalisation).

        The one place automatic placement changes a highlight (opening, moving, copying between
        guides): the quote is never touched, the status is capped (`capped_status`), `exact`
        needs the placed text to be the quote, and an orphan keeps no position.
        """
        if position is None or status == "orphan":
            self.position, self.status, self.placed = None, "orphan", None
        else:
            status = capped_status(status, self.status)
            if status == "exact" and placed is not None:
                status = "fuzzy"  # other words than the quote's: not exact
            self.position = position
            self.status = None if status == "exact" else status
            self.placed = placed if self.status else None
        self.reason = reason

    def confirm(self) -> None:
        """A person confirms the placement: what is at `position` becomes the quote.

        The one place a placement is confirmed (the review queue's Accept, the highlight editor's
        Confirm, SetField of `status` to None all come here).
        """
        if self.placed is not None:
            self.quote = self.placed
        self.placed = None
        self.status = None
        self.reason = ""


@dataclass
class Question:
    id: str
    text: str
    highlight: str | None = None  # None: a general question about the whole essay
    kind: str = "interpretive"
    stage: str = "core"
    minutes: int | None = None
    follow_ups: list[str] = field(default_factory=list)
    answer_lines: int = 0
    facilitator_note: str = ""


@dataclass
class GlossaryEntry:
    term: str
    definition: str


@dataclass
class HandoutDefaults:
    """How this guide's handouts print unless an export says otherwise (the `handout` key)."""

    writing_space: str = "lines"  # one of WRITING_SPACES


@dataclass
class Guide:
    title: str = ""
    essay: Essay = field(default_factory=Essay)
    session: Session = field(default_factory=Session)
    introduction: str = ""
    categories: list[Category] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    # Within a stage, the order here is the running order (see `running_order`).
    questions: list[Question] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    handout: HandoutDefaults = field(default_factory=HandoutDefaults)

    def highlight(self, highlight_id: str) -> Highlight | None:
        return next((h for h in self.highlights if h.id == highlight_id), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def questions_for(self, highlight_id: str) -> list[Question]:
        return [q for q in self.questions if q.highlight == highlight_id]

    def general_questions(self) -> list[Question]:
        return [q for q in self.questions if q.highlight is None]

    def running_order(self) -> list[Question]:
        """Questions as the session runs them and handouts print them: opening, core, closing,
        and within a stage in list order. The one place that decides the order."""
        rank = {stage: i for i, stage in enumerate(QUESTION_STAGES)}
        return sorted(self.questions, key=lambda q: rank.get(q.stage, len(rank)))

    def question_numbers(self) -> dict[str, int]:
        """Question id -> its number (1..N down the running order), the same on screen and paper."""
        return {q.id: n for n, q in enumerate(self.running_order(), start=1)}

    def planned_minutes(self) -> int:
        return sum(q.minutes or 0 for q in self.questions)

    def new_id(self, prefix: str) -> str:
        """The smallest unused id like `h7` or `q12`, so ids stay short and readable in the file."""
        used = {h.id for h in self.highlights} | {q.id for q in self.questions}
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("claim", "Key claim", "#f2c94c", "underline"),
    Category("evidence", "Evidence", "#6fcf97", "double-underline"),
    Category("question", "Puzzling", "#56ccf2", "dotted"),
    Category("language", "Striking language", "#eb8fd8", "side-bar"),
)


def new_guide(
    essay_title: str,
    markdown: str,
    source: str = "",
    *,
    author: str = "",
    language: str = "",
    origin: EssayOrigin | None = None,
) -> Guide:
    """A new guide around an imported essay, with its own copies of the default categories.

    The one recipe for `reading-guide new` and for opening an essay in the app, so both start
    the same guide. `author`, `language` and `origin` come from a document's own metadata.
    """
    essay = Essay(title=essay_title, author=author, text=markdown, source=source,
                  origin=origin)
    if language:
        essay.language = language
    return Guide(
        title=f"Discussion guide for {essay_title}" if essay_title else "Discussion guide",
        essay=essay,
        categories=[replace(c) for c in DEFAULT_CATEGORIES],
    )
