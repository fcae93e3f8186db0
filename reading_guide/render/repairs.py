"""One import repair, as listed to the facilitator (`reading-guide new`, the import dialog).

Import never changes wording silently: each change it makes to an essay is one `Repair` saying
what kind of change, where, and a short excerpt before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

EXCERPT_WIDTH = 60
REPAIR_KINDS = (
    "joined-paragraph",
    "dropped-link",
    "heading-bold",
    "normalised-unicode",
    "dropped-html",
    "flattened-nesting",
)


@dataclass(frozen=True)
class Repair:
    kind: str  # one of REPAIR_KINDS
    where: str  # "¶3", "heading 2", "document"
    before: str
    after: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "where": self.where, "before": self.before, "after": self.after}


def excerpt(text: str, start: int, end: int, width: int = EXCERPT_WIDTH) -> str:
    """`text[start:end]` with context on both sides, about `width` characters in all.

    A changed part longer than `width` keeps its two ends and elides its middle, so the excerpt
    still shows exactly where the change begins and ends.
    """
    core = text[start:end]
    if len(core) >= width:
        half = width // 2 - 1
        return core[:half] + "…" + core[-half:]
    room = (width - len(core)) // 2
    left_start = max(0, start - room)
    right_end = min(len(text), end + room)
    left = text[left_start:start]
    right = text[end:right_end]
    prefix = "…" if left_start > 0 else ""
    suffix = "…" if right_end < len(text) else ""
    return prefix + left + core + right + suffix


def head(text: str, width: int = EXCERPT_WIDTH // 2) -> str:
    """The first `width` characters, with an ellipsis if cut."""
    return text if len(text) <= width else text[:width] + "…"


def tail(text: str, width: int = EXCERPT_WIDTH // 2) -> str:
    """The last `width` characters, with an ellipsis if cut."""
    return text if len(text) <= width else "…" + text[-width:]
