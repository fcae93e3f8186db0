"""Plain dataclasses for guides: no I/O, no Qt. Everything else builds on these."""

from reading_guide.model.guide import (
    ANCHOR_STATUSES,
    FORMAT_ID,
    MARKS,
    QUESTION_KINDS,
    QUESTION_STAGES,
    WRITING_SPACES,
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    HandoutDefaults,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)

__all__ = [
    "ANCHOR_STATUSES",
    "FORMAT_ID",
    "MARKS",
    "QUESTION_KINDS",
    "QUESTION_STAGES",
    "WRITING_SPACES",
    "Category",
    "Essay",
    "GlossaryEntry",
    "Guide",
    "HandoutDefaults",
    "Highlight",
    "Position",
    "Question",
    "Quote",
    "Session",
]
