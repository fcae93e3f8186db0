"""Quote and position selectors: exact placement, describing a selection, fuzzy re-anchoring.

Public API (other layers use only these names):
- `find_exact(text, exact, prefix="", suffix="") -> list[tuple[int, int]]`: every [start, end)
  of `exact` whose prefix and suffix agree (W3C TextQuoteSelector semantics).
- `describe_quote(text, start, end) -> Quote`: the *shortest* prefix/suffix that make the range
  unique (Apache Annotator's rule).
- `describe_selection(text, start, end) -> Quote`: what the app stores for a new highlight: at
  least the shortest unique context, and up to 32 characters cut at word boundaries.
- `approx_search(text, pattern, max_errors=None) -> list[(start, end, errors)]`: the lowest-error
  matches (edlib, infix mode).
- `match_quote(text, quote, prefix="", suffix="", hint=None) -> QuoteMatch | None`: fuzzy quote
  matching scored on quote, prefix, suffix and position (the Hypothesis client's behaviour).
- `normalize(text) -> NormalText`: NFC, straight quotes, one dash, single spaces, with
  `to_original(pos, end=False)` / `to_normal(pos)` maps; `normalize_quote(s) -> str`.
- `locate(text, quote, prefix, suffix, hints) -> Decision(status, confidence, start, end, reason)`
  on normalised text: the conservative exact/fuzzy/review/orphan decision.
- `reanchor(old_text, new_text, highlights) -> list[AnchorResult]` with
  `AnchorResult(id, status, confidence, start, end, text, reason, placed)`: one per highlight, in
  order; each status is final (what the moved guide stores).
- `reanchor_guide(guide, essay, old_text, new_text) -> list[AnchorResult]`: move a Guide onto a
  new Essay (texts are reading texts, rendered by the caller): positions, statuses and placements
  through `Highlight.settle`, the new essay text; quotes, notes and questions never change.
- `place_highlights(guide, text) -> None`: give every highlight a position and status on `text`
  when a guide is opened (keeps what the file states; never drops a highlight).

The rules both follow (docs/FORMAT.md, "Highlight lifecycle") live in `lifecycle.py`; `copies.py`
finds exact copies and `rewritten.py` passages whose words were rewritten, at a cost that does not
grow with how often a phrase repeats.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reading_guide.anchoring.approx import approx_search
    from reading_guide.anchoring.exact import describe_quote, describe_selection, find_exact
    from reading_guide.anchoring.locate import Decision, locate
    from reading_guide.anchoring.normalize import NormalText, normalize, normalize_quote
    from reading_guide.anchoring.place import place_highlights
    from reading_guide.anchoring.quote import QuoteMatch, match_quote
    from reading_guide.anchoring.reanchor import AnchorResult, reanchor, reanchor_guide

# Each name is imported from its module on first use (PEP 562), so opening a guide whose
# highlights all fit loads neither edlib nor difflib (the app's start-up, bench_startup.py).
_HOME = {
    "approx_search": "approx",
    "describe_quote": "exact",
    "describe_selection": "exact",
    "find_exact": "exact",
    "Decision": "locate",
    "locate": "locate",
    "NormalText": "normalize",
    "normalize": "normalize",
    "normalize_quote": "normalize",
    "place_highlights": "place",
    "QuoteMatch": "quote",
    "match_quote": "quote",
    "AnchorResult": "reanchor",
    "reanchor": "reanchor",
    "reanchor_guide": "reanchor",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


class _Package(types.ModuleType):
    """Importing a submodule sets it as an attribute of the package; three share a name with
    the function they export (locate, normalize, reanchor). The eager package then rebound the
    name to the function; this keeps it that way however the imports are ordered."""

    def __setattr__(self, name: str, value: Any) -> None:
        if (name in _HOME and isinstance(value, types.ModuleType)
                and value.__name__ == f"{__name__}.{name}"):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "AnchorResult",
    "Decision",
    "NormalText",
    "QuoteMatch",
    "approx_search",
    "describe_quote",
    "describe_selection",
    "find_exact",
    "locate",
    "match_quote",
    "normalize",
    "normalize_quote",
    "place_highlights",
    "reanchor",
    "reanchor_guide",
]
