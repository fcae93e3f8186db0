"""Quote and position selectors: exact placement, describing a selection, fuzzy re-anchoring.

Public API (other layers use only these names):
- `find_exact(text, exact, prefix="", suffix="") -> list[tuple[int, int]]`
- `describe_selection(text, start, end) -> Quote`
- `place_highlights(guide, text) -> None`: give every highlight a position and status on `text`
"""

from reading_guide.anchoring.exact import describe_selection, find_exact
from reading_guide.anchoring.place import place_highlights

__all__ = ["describe_selection", "find_exact", "place_highlights"]
