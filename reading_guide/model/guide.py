"""The guide and its parts, as plain mutable dataclasses.

They mirror the guide file (docs/FORMAT.md) one to one, so that storage is a thin, strict
translation and every layer above (anchoring, export, gui) shares one vocabulary. Derived data (the
reading text, paragraph numbers) lives in `reading_guide.render`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reading_guide.hashing import sha256_hex

FORMAT_ID = "reading-guide/1"

QUESTION_KINDS: tuple[str, ...] = ("factual", "interpretive", "evaluative")
QUESTION_STAGES: tuple[str, ...] = ("opening", "core", "closing")
# How a category prints in grayscale, so that marks stay distinct on a black-and-white printer.
MARKS: tuple[str, ...] = (
    "underline", "double-underline", "dotted", "dashed", "wavy", "side-bar", "box"
)
# `exact` is never written to a file: a highlight without a status is confirmed.
ANCHOR_STATUSES: tuple[str, ...] = ("exact", "fuzzy", "review", "orphan")


def text_sha256(text: str) -> str:
    """The essay fingerprint stored in the guide: sha256 of the UTF-8 Markdown text."""
    return sha256_hex(text.encode("utf-8"))


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
    id: str
    category: str
    quote: Quote
    position: Position | None = None
    # None means confirmed (`exact`); fuzzy | review | orphan until a person confirms.
    status: str | None = None
    note: str = ""

    @property
    def anchor_status(self) -> str:
        """The status to report: the stored one, else orphan when unplaced, else exact."""
        if self.status:
            return self.status
        return "exact" if self.position is not None else "orphan"


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


def new_guide(essay_title: str, markdown: str, source: str = "") -> Guide:
    """A new guide around an imported essay, with its own copies of the default categories.

    The one recipe for `reading-guide new` and for opening an essay in the app, so both start
    the same guide.
    """
    return Guide(
        title=f"Discussion guide for {essay_title}" if essay_title else "Discussion guide",
        essay=Essay(title=essay_title, text=markdown, source=source),
        categories=[replace(c) for c in DEFAULT_CATEGORIES],
    )
