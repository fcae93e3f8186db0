"""What the question bank keeps about a question, and the text folding its index and search share.

A question is kept whole (text, kind, stage, minutes, follow-ups, answer lines, facilitator note,
and the passage it asks about with that passage's category), as JSON in the bank, so inserting
it into the open guide needs neither the guide file it came from nor a second read of it.

Two questions are "the same question" when their *keys* agree: the words of the text, compared
without case, accents, punctuation or spacing ("Is it fair?" and "is it fair" are one
question, asked in two guides). The same folding makes plain-text matching accent-blind, so
"resume" finds "résumé" whether or not full-text search is available.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reading_guide.model import QUESTION_KINDS, QUESTION_STAGES, Guide, Question

_WORDS = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _bare(match: re.Match[str]) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """`text` without case and accents: compatibility forms decomposed, combining marks dropped.

    Only runs of non-ASCII characters are looked at one by one (an index of 5,000 questions
    folds about 20,000 texts, most of them English with a curly quote or two)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = _NON_ASCII.sub(_bare, decomposed)
    return unicodedata.normalize("NFC", bare.casefold())


def question_key(text: str) -> str:
    """The words of a question, folded: equal keys mean the same question in another guide."""
    return " ".join(_WORDS.findall(fold(text)))


@dataclass(frozen=True)
class BankPassage:
    """The passage a question asks about, as its own guide marked it."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    category_id: str = ""
    category_label: str = ""
    category_color: str = "#f2c94c"
    category_mark: str = "underline"


@dataclass(frozen=True)
class BankQuestion:
    """One question of one guide, with all it needs to be inserted elsewhere."""

    text: str
    kind: str = "interpretive"
    stage: str = "core"
    minutes: int | None = None
    follow_ups: tuple[str, ...] = ()
    answer_lines: int = 0
    facilitator_note: str = ""
    passage: BankPassage | None = None
    source: str = ""  # the guide file it came from
    essay_sha256: str = ""  # of that guide's essay

    def to_json(self) -> str:
        data = dict(vars(self))  # fields are plain values: no deep copy (asdict's) needed
        data["follow_ups"] = list(self.follow_ups)
        data["passage"] = dict(vars(self.passage)) if self.passage is not None else None
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> BankQuestion:
        """The question stored as `text`; ValueError when it is not one (a damaged bank)."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError("not a stored question")
        passage = data.get("passage")
        minutes = data.get("minutes")
        return cls(
            text=data["text"],
            kind=_one_of(data.get("kind"), QUESTION_KINDS, "interpretive"),
            stage=_one_of(data.get("stage"), QUESTION_STAGES, "core"),
            minutes=minutes if isinstance(minutes, int) and minutes >= 0 else None,
            follow_ups=tuple(f for f in data.get("follow_ups") or () if isinstance(f, str)),
            answer_lines=_count(data.get("answer_lines")),
            facilitator_note=_text(data.get("facilitator_note")),
            passage=_passage(passage) if isinstance(passage, dict) else None,
            source=_text(data.get("source")),
            essay_sha256=_text(data.get("essay_sha256")),
        )

    def as_question(self, question_id: str, highlight_id: str | None) -> Question:
        """A fresh model question with this one's content (lists copied, never shared)."""
        return Question(question_id, self.text, highlight_id, self.kind, self.stage,
                        self.minutes, list(self.follow_ups), self.answer_lines,
                        self.facilitator_note)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def _one_of(value: Any, allowed: tuple[str, ...], default: str) -> str:
    return value if value in allowed else default


def _passage(data: dict[str, Any]) -> BankPassage | None:
    fields = {name: _text(data.get(name)) for name in BankPassage.__dataclass_fields__}
    if not fields["exact"]:
        return None
    fields["category_color"] = fields["category_color"] or "#f2c94c"
    fields["category_mark"] = fields["category_mark"] or "underline"
    return BankPassage(**fields)


def bank_questions(guide: Guide, source: str) -> list[BankQuestion]:
    """Every question of `guide` (read from the file `source`), in the file's order."""
    highlights = {h.id: h for h in guide.highlights}
    categories = {c.id: c for c in guide.categories}
    sha = guide.essay.sha256
    out = []
    for q in guide.questions:
        h = highlights.get(q.highlight or "")
        passage = None
        if h is not None and h.quote.exact:
            c = categories.get(h.category)
            passage = BankPassage(
                h.quote.exact, h.quote.prefix, h.quote.suffix, h.note, h.category,
                c.label if c else h.category, c.color if c else "#f2c94c",
                c.mark if c else "underline")
        out.append(BankQuestion(q.text, q.kind, q.stage, q.minutes, tuple(q.follow_ups),
                                q.answer_lines, q.facilitator_note, passage, source, sha))
    return out


class QuestionUse(NamedTuple):
    """One guide that asks a question: where it is and what it is about (a tuple: a search
    makes one per guide per result, hundreds at a time)."""

    path: str
    guide_title: str
    essay_title: str
    essay_author: str
    date: str
    year: int
    question_id: str  # the question's id in that guide


@dataclass(frozen=True)
class BankResult:
    """One question found in the bank (the same question in several guides is one result)."""

    question: BankQuestion  # as the best-matching guide asks it: what an insertion copies
    uses: tuple[QuestionUse, ...]  # every guide that asks it, most recent first
    score: float = 0.0  # lower is better (bm25); 0 without ranking


@dataclass(frozen=True)
class SearchResults:
    results: tuple[BankResult, ...]
    more: bool = False  # more questions match than were returned
    note: str = ""  # one line about how the search ran (plain matching, no ranking), or ""


@dataclass
class SyncReport:
    """What a bank update did. `problems` lists the guides that cannot be read, each with its
    one-line error; `notes` says what else a user should know (a folder that is gone, a file
    that changed while it was read, the bank kept in memory)."""

    guides: int = 0  # readable guides in the bank after the update
    questions: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False
