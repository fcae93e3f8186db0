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
  `AnchorResult(id, status, confidence, start, end, text, reason)`: one per highlight, in order.
- `reanchor_guide(guide, essay, old_text, new_text) -> list[AnchorResult]`: move a Guide onto a
  new Essay (texts are reading texts, rendered by the caller): positions, statuses (saved unless
  exact), refreshed quotes, the new essay text; orphans keep quote, note and questions.
- `place_highlights(guide, text) -> None`: give every highlight a position and status on `text`
  when a guide is opened (keeps fitting positions; never drops a highlight).
"""

from reading_guide.anchoring.approx import approx_search
from reading_guide.anchoring.exact import describe_quote, describe_selection, find_exact
from reading_guide.anchoring.locate import Decision, locate
from reading_guide.anchoring.normalize import NormalText, normalize, normalize_quote
from reading_guide.anchoring.place import place_highlights
from reading_guide.anchoring.quote import QuoteMatch, match_quote
from reading_guide.anchoring.reanchor import AnchorResult, reanchor, reanchor_guide

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
