"""The checks an edit runs before it changes a guide, so the app can never save a guide it cannot
open: every rule comes from the table of fields (model/fields.py), the one place bounds live.

Kept apart from model/edits.py (the edits themselves) because the GUI and the question bank call
the same checks to refuse a value at the field, before any edit exists.
"""

from __future__ import annotations

from typing import Any

from reading_guide.model import fields
from reading_guide.model.guide import Category, Guide, Highlight, Question

# Fields a user may set, and a check for the value, so a bad edit fails here and not at save time.
EDITABLE: dict[str, set[str]] = {
    "question": {"text", "kind", "stage", "minutes", "follow_ups", "answer_lines",
                 "facilitator_note", "highlight"},
    "highlight": {"category", "note", "status"},
    "category": {"label", "color", "mark"},
    "guide": {"title", "introduction"},
    "session": {"group", "date", "minutes", "facilitator"},
    "essay": {"title", "author", "source", "language", "edition"},
}


def check_value(target: str, name: str, value: Any) -> None:
    """Refuse (ValueError) a value the loader would refuse: the rules are the table of fields'
    (model/fields.py), so the app can never save a guide it cannot open."""
    if name not in EDITABLE.get(target, set()):
        raise ValueError(f"{target}.{name} cannot be edited")
    if value is None and (target, name) in _MAY_BE_NONE:
        return
    if name == "follow_ups":
        check_follow_ups(value)
        return
    _check_rule(f"{target}.{name}", value, f"{target} {name.replace('_', ' ')}")


# Values that mean "not set" and are left out of the file.
_MAY_BE_NONE = {
    ("question", "minutes"), ("question", "highlight"), ("highlight", "status"),
    ("session", "minutes"),
}


def _check_rule(rule: str, value: Any, what: str) -> None:
    problem = fields.check(rule, value)
    if problem:
        raise ValueError(f"{what}: {problem}")


def check_follow_ups(value: Any) -> None:
    if not isinstance(value, list):
        raise ValueError("follow-ups must be a list of texts")
    limit = fields.LIST_LIMITS["question.follow_ups"]
    if len(value) > limit:
        raise ValueError(f"at most {limit} follow-ups")
    for item in value:
        _check_rule("question.follow_up", item, "follow-up")


def check_question(q: Question) -> None:
    """Every field of a new question, as the loader will check it."""
    _check_rule("question.id", q.id, "question id")
    for name in ("text", "kind", "stage", "minutes", "answer_lines", "facilitator_note",
                 "highlight", "follow_ups"):
        check_value("question", name, getattr(q, name))


def check_highlight(h: Highlight) -> None:
    """Every field of a new highlight, as the loader will check it."""
    _check_rule("highlight.id", h.id, "highlight id")
    for name in ("category", "note", "status"):
        check_value("highlight", name, getattr(h, name))
    _check_rule("quote.exact", h.quote.exact, "quote")
    _check_rule("quote.prefix", h.quote.prefix, "quote prefix")
    _check_rule("quote.suffix", h.quote.suffix, "quote suffix")
    if h.position is not None:
        _check_rule("position.start", h.position.start, "position start")
        _check_rule("position.end", h.position.end, "position end")
        if h.position.end < h.position.start:
            raise ValueError("a highlight's end is before its start")


def check_category(c: Category) -> None:
    """Every field of a new category, as the loader will check it."""
    _check_rule("category.id", c.id, "category id")
    for name in ("label", "color", "mark"):
        check_value("category", name, getattr(c, name))


def check_count(guide: Guide, name: str, adding: int) -> None:
    """Refuse to grow a list past the table's limit (LIST_LIMITS)."""
    limit = fields.LIST_LIMITS[name]
    if len(getattr(guide, name)) + adding > limit:
        raise ValueError(f"a guide holds at most {limit:,} {name}")
