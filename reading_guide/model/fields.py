"""The one table of fields (DESIGN.md rule 3): every bound and allowed value of a guide, once.

The loader (storage/schema.py), the model's edits (model/edits.py), the widgets' limits (gui/)
and docs/FORMAT.md all read their rules here, so a value the app lets a user type is a value the
loader accepts: the app can never save a guide it cannot open. Before this table, `minutes` was
checked five ways (schema 0-1440, edits >= 0, an editor 0-600, a plan cell `isdigit()`, a session
box 600), and a guide saved from the plan would not reopen.

How to use it:
- `FIELDS["question.minutes"]` is the rule of one key, named by where it lives in the file
  (`essay.language`, `categories[].color` is `category.color`, `questions[].minutes` is
  `question.minutes`; see `FIELDS` for every name). Each rule has `check(value) -> str | None`
  (None: fine; else a short reason) and `describe()` (the words docs/FORMAT.md prints).
- `IntField` has `minimum` and `maximum` (a spin box: `setRange(f.minimum, f.maximum)`) and
  `parse(text)`, which refuses a number too long to be in range *before* converting it, so a
  5,000-digit integer costs nothing.
- `TextField` has `max_length` (`QLineEdit.setMaxLength`), `required`, and `pattern` (a regular
  expression the whole value must match, for a validator) with an `example`.
- `ChoiceField` has `choices` (a combo box's items, in order) and `default`.
- `LIST_LIMITS` bounds how many items each list holds, and `ESSAY_MAX_WORK` the essay's parsing
  work (lines plus Markdown marks), so loading and validating stay bounded in time and memory
  at the 20 MB file limit (docs/RELIABILITY.md, "Complexity budgets").

Qt-free and cheap to import (the app reads it at start-up): no regular expression is compiled
until a pattern is first checked.
"""

from __future__ import annotations

import re
from typing import Any

QUESTION_KINDS: tuple[str, ...] = ("factual", "interpretive", "evaluative")
QUESTION_STAGES: tuple[str, ...] = ("opening", "core", "closing")
# How a category prints in grayscale, so that marks stay distinct on a black-and-white printer.
MARKS: tuple[str, ...] = (
    "underline", "double-underline", "dotted", "dashed", "wavy", "side-bar", "box"
)
# The kinds of document an essay can be imported from (`essay.origin.format`).
ORIGIN_FORMATS: tuple[str, ...] = ("docx", "odt", "epub", "pdf")
# How a question's writing space prints: ruled lines, one box, or none (`handout.writing_space`).
WRITING_SPACES: tuple[str, ...] = ("lines", "boxes", "none")
# A highlight's anchoring status; `exact` is never written to a file (confirmed: no status).
HIGHLIGHT_STATUSES: tuple[str, ...] = ("exact", "fuzzy", "review", "orphan")

SHORT_TEXT = 1_000  # a title, a name, a label: one line on a page
LONG_TEXT = 100_000  # a question, a note, an introduction: about 50 printed pages
ID_LENGTH = 64


class _Rule:
    """Plain classes with slots, not dataclasses: the table is read at start-up, where defining
    a dataclass costs about a millisecond; running this whole module takes about 50 µs. Treat
    them as read-only."""

    __slots__ = ("name",)

    def __repr__(self) -> str:
        values = ", ".join(f"{n}={getattr(self, n)!r}" for n in _slots(type(self)))
        return f"{type(self).__name__}({values})"


def _slots(cls: type) -> list[str]:
    return [n for c in reversed(cls.__mro__) for n in getattr(c, "__slots__", ())
            if not n.startswith("_")]


class IntField(_Rule):
    """A whole number from `minimum` to `maximum`, written plain in the file."""

    __slots__ = ("minimum", "maximum", "unit")

    def __init__(self, name: str, minimum: int, maximum: int, unit: str = "") -> None:
        self.name, self.minimum, self.maximum, self.unit = name, minimum, maximum, unit

    def check(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number from {self.minimum} to {self.maximum}"
        if not self.minimum <= value <= self.maximum:
            # A huge number is named by its size: formatting it would be slow (and refused by
            # Python past 4,300 digits).
            got = str(value) if abs(value) < 10**30 else f"a number of {value.bit_length()} bits"
            return f"expected a whole number from {self.minimum} to {self.maximum}; got {got}"
        return None

    def parse(self, text: str) -> int:
        """The number written as `text` (decimal, optional sign), or ValueError saying why.

        The length is checked before `int()`: converting a 5,000-digit string is quadratic in
        CPython (and refused past 4,300 digits with a ValueError that names no field)."""
        digits = text.lstrip("+-")
        longest = len(str(max(abs(self.minimum), abs(self.maximum))))
        if not digits.isascii() or not digits.isdigit() or len(text) - len(digits) > 1:
            raise ValueError(f"expected a whole number from {self.minimum} to {self.maximum}")
        if len(digits.lstrip("0") or "0") > max(longest, 30):
            raise ValueError(f"expected a whole number from {self.minimum} to {self.maximum}; "
                             f"got a number of {len(digits)} digits")
        value = int(text)
        problem = self.check(value)
        if problem:
            raise ValueError(problem)
        return value

    def describe(self) -> str:
        unit = f" ({self.unit})" if self.unit else ""
        return f"whole number {self.minimum:,}..{self.maximum:,}{unit}"


class TextField(_Rule):
    """Text of at most `max_length` code points; `pattern`, when set, must match all of it;
    `example` says what a valid value looks like, for messages ("a colour like #f2c94c")."""

    __slots__ = ("max_length", "required", "pattern", "example", "_regex")

    def __init__(self, name: str, max_length: int = LONG_TEXT, required: bool = False,
                 pattern: str = "", example: str = "") -> None:
        self.name, self.max_length, self.required = name, max_length, required
        self.pattern, self.example = pattern, example
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str] | None:
        """The compiled pattern (compiled when first needed, not at start-up)."""
        if self._regex is None and self.pattern:
            self._regex = re.compile(self.pattern)
        return self._regex

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return "expected text"
        if not value:
            return "must not be empty" if self.required else None
        if len(value) > self.max_length:
            if self.example:  # a value with a form: say which form, not a length
                return f"expected {self.example}"
            return f"too long ({len(value):,} characters; at most {self.max_length:,})"
        if self.regex is not None and not self.regex.fullmatch(value):
            return f"expected {self.example}" if self.example else "not in the expected form"
        return None

    def describe(self) -> str:
        words = ["text"]
        if self.required:
            words.append("not empty")
        if self.example:
            words.append(self.example)
        words.append(f"at most {self.max_length:,} characters")
        return ", ".join(words)


class ChoiceField(_Rule):
    """One of `choices`; `default` when the key is left out."""

    __slots__ = ("choices", "default")

    def __init__(self, name: str, choices: tuple[str, ...], default: str) -> None:
        self.name, self.choices, self.default = name, choices, default

    def check(self, value: Any) -> str | None:
        if value not in self.choices:
            return f"expected one of {', '.join(self.choices)}"
        return None

    def describe(self) -> str:
        return f"one of {', '.join(self.choices)} (default {self.default})"


class DateField(TextField):
    """An ISO calendar date, strictly `YYYY-MM-DD` (Python's `fromisoformat` alone also takes
    week dates like 2026-W01-1 and `20261201`)."""

    __slots__ = ()

    def check(self, value: Any) -> str | None:
        problem = super().check(value)
        if problem or not value:
            return problem
        import datetime  # only when a date is checked: not at start-up

        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"expected {self.example}; there is no such day"
        return None


Field = IntField | TextField | ChoiceField

_ID = TextField("id", ID_LENGTH, True, r"[A-Za-z0-9][A-Za-z0-9_.-]*",
                "an id of letters, digits, '_', '.' or '-'")
# A whole-number ceiling for positions: a reading text is at most the 20 MB file.
_MAX_POSITION = 20 * 1024 * 1024


def _fields(*items: tuple[str, Field]) -> dict[str, Field]:
    return dict(items)


FIELDS: dict[str, Field] = _fields(
    ("guide.title", TextField("title", SHORT_TEXT)),
    ("guide.introduction", TextField("introduction", LONG_TEXT)),
    ("essay.title", TextField("title", SHORT_TEXT)),
    ("essay.author", TextField("author", SHORT_TEXT)),
    ("essay.source", TextField("source", 10_000)),
    ("essay.edition", TextField("edition", SHORT_TEXT)),
    ("essay.language", TextField("language", 35, True, r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*",
                                 "a language tag like en, de or pt-BR")),
    ("essay.direction", ChoiceField("direction", ("ltr", "rtl"), "ltr")),
    ("essay.sha256", TextField("sha256", 64, False, r"[0-9a-f]{64}", "64 lower-case hex digits")),
    ("origin.file", TextField("file", SHORT_TEXT, True)),
    ("origin.format", ChoiceField("format", ORIGIN_FORMATS, "")),
    ("origin.pages", TextField("pages", 100)),
    ("origin.chapter", TextField("chapter", SHORT_TEXT)),
    ("session.group", TextField("group", SHORT_TEXT)),
    ("session.date", DateField("date", 10, False, r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
                               "a date like 2026-12-01")),
    ("session.minutes", IntField("minutes", 1, 24 * 60, "the session length in minutes")),
    ("session.facilitator", TextField("facilitator", SHORT_TEXT)),
    ("category.id", _ID),
    ("category.label", TextField("label", 200, True)),
    ("category.color", TextField("color", 7, False, r"#[0-9A-Fa-f]{6}", "a colour like #f2c94c")),
    ("category.mark", ChoiceField("mark", MARKS, "underline")),
    ("highlight.id", _ID),
    ("highlight.category", _ID),
    ("highlight.status", ChoiceField("status", HIGHLIGHT_STATUSES, "exact")),
    ("highlight.note", TextField("note", LONG_TEXT)),
    ("quote.exact", TextField("exact", 1_000_000, True)),
    ("quote.prefix", TextField("prefix", 10_000)),
    ("quote.suffix", TextField("suffix", 10_000)),
    ("position.start", IntField("start", 0, _MAX_POSITION, "code points")),
    ("position.end", IntField("end", 0, _MAX_POSITION, "code points")),
    ("question.id", _ID),
    ("question.highlight", _ID),
    # May be empty: "Ask about it" adds a question before its words are typed, and a guide
    # saved then must open.
    ("question.text", TextField("text", LONG_TEXT)),
    ("question.kind", ChoiceField("kind", QUESTION_KINDS, "interpretive")),
    ("question.stage", ChoiceField("stage", QUESTION_STAGES, "core")),
    ("question.minutes", IntField("minutes", 0, 24 * 60, "minutes")),
    ("question.follow_up", TextField("follow-up", LONG_TEXT, True)),
    ("question.answer_lines", IntField("answer_lines", 0, 60, "lines of writing space")),
    ("question.facilitator_note", TextField("facilitator_note", LONG_TEXT)),
    ("handout.writing_space", ChoiceField("writing_space", WRITING_SPACES, "lines")),
    ("glossary.term", TextField("term", SHORT_TEXT, True)),
    ("glossary.definition", TextField("definition", LONG_TEXT, True)),
)

def is_language_tag(value: str | None) -> bool:
    """Whether `value` is a language tag the guide file accepts (`essay.language`): importers and
    handouts keep a tag only when it is one."""
    return bool(value) and FIELDS["essay.language"].check(value) is None


# How many items a list holds at most. Far above real use (a session has 10-30 questions, a
# book a few hundred highlights), low enough that loading stays within seconds.
LIST_LIMITS: dict[str, int] = {
    "categories": 200,
    "highlights": 20_000,
    "questions": 10_000,
    "question.follow_ups": 100,
    "glossary": 10_000,
}


class EssayBudget:
    """What parsing the essay may cost: lines plus Markdown marks (the characters that open an
    inline token), each ~40 µs and ~2.5 KB in markdown-it (docs/RELIABILITY.md). A 450 KB book
    (News from Nowhere) costs 8,600; the limit allows ten such books (five megabytes of prose)
    and parses in about five seconds and 250 MB at worst (bench/bench_bounds.py)."""

    __slots__ = ("limit", "marks")

    def __init__(self, limit: int = 100_000, marks: str = "*_[]`<&\\!") -> None:
        self.limit, self.marks = limit, marks

    def cost(self, text: str) -> int:
        return text.count("\n") + sum(text.count(mark) for mark in self.marks)

    def check(self, text: str) -> str | None:
        if len(text) <= self.limit:  # each counted thing is a character: cannot exceed it
            return None
        cost = self.cost(text)
        if cost > self.limit:
            return (f"the essay is too complex to open: {cost:,} lines and Markdown marks, over "
                    f"the limit of {self.limit:,} (a whole book has about 10,000)")
        return None


ESSAY_BUDGET = EssayBudget()


def check(name: str, value: Any) -> str | None:
    """`FIELDS[name].check(value)`: None when `value` is allowed, else the reason."""
    return FIELDS[name].check(value)


def markdown_table() -> str:
    """The bounds section of docs/FORMAT.md, made from this table (a test keeps them equal;
    regenerate with `python -c "from reading_guide.model.fields import markdown_table as t;
    print(t())"`)."""
    rows = ["| key | rule |", "|---|---|"]
    for name, rule in FIELDS.items():
        rows.append(f"| `{name}` | {rule.describe()} |")
    rows += ["", "| list | at most |", "|---|---|"]
    rows += [f"| `{name}` | {limit:,} items |" for name, limit in LIST_LIMITS.items()]
    rows += ["", f"The essay's text: at most {ESSAY_BUDGET.limit:,} lines plus Markdown marks "
             f"(each of the characters `` {ESSAY_BUDGET.marks} `` counts one)."]
    return "\n".join(rows)
