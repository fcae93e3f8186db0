"""Plain dataclasses for guides: no I/O, no Qt. Everything else builds on these."""

from reading_guide.model.guide import (
    ANCHOR_STATUSES,
    FORMAT_ID,
    MARKS,
    QUESTION_KINDS,
    QUESTION_STAGES,
    STATUS_RANK,
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
    capped_status,
)

__all__ = [
    "ANCHOR_STATUSES",
    "FORMAT_ID",
    "MARKS",
    "QUESTION_KINDS",
    "QUESTION_STAGES",
    "STATUS_RANK",
    "Category",
    "Essay",
    "GlossaryEntry",
    "Guide",
    "Highlight",
    "Position",
    "Question",
    "Quote",
    "Session",
    "capped_status",
]
