"""Placing a guide's highlights on its reading text when a guide is opened.

Opening a guide changes nothing a file says (docs/FORMAT.md, "Highlight lifecycle"): a highlight
whose stored position still shows its passage keeps position and status at the cost of one string
comparison; an orphan stays an orphan; an automatic placement awaiting review stays one. Only what
the file leaves open is decided here, and the quote is never rewritten:

- a hand-written highlight (quote only) is found by its quote and context: `exact` when exactly
  one copy fits, `review` when several do (the place is a guess), else the normalised, fuzzy
  `locate` decides (edlib and difflib load only then);
- a position that no longer shows the passage (the essay was edited by hand) is found again
  near where it was, never better than the stored status;
- a file that contradicts itself (an orphan with a position, a review without one, an automatic
  placement never confirmed) gets the clear status its data supports, with the reason in
  `Highlight.reason`; `info` reports it. A highlight is never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reading_guide.model import Guide, Highlight, Position, Quote

if TYPE_CHECKING:
    from reading_guide.anchoring.normalize import NormalText

UNCONFIRMED = ("fuzzy", "review")


def shows(text: str, position: Position | None, exact: str) -> bool:
    """Does `position` show `exact` in `text` (literally, or after normalisation)?"""
    if position is None or not exact or not 0 <= position.start <= position.end <= len(text):
        return False
    shown = text[position.start : position.end]
    if shown == exact:
        return True
    from reading_guide.anchoring.lifecycle import same_words  # not at start-up

    return same_words(shown, exact)


def _kept(h: Highlight, text: str) -> bool:
    """The common case, settled by one comparison: the stored state is consistent."""
    pos = h.position
    if h.status == "orphan":
        return pos is None and h.placed is None
    if pos is None:
        return False
    if h.status in (None, "exact"):
        return h.placed is None and shows(text, pos, h.quote.exact)
    if h.status in UNCONFIRMED:
        return shows(text, pos, h.placed.exact if h.placed is not None else h.quote.exact)
    return False


class _Placer:
    """Finds passages on one reading text; the index and the normalised text are built once."""

    def __init__(self, text: str, pending: list[Highlight]) -> None:
        from reading_guide.anchoring.copies import Copies  # only when something needs placing

        self.text = text
        needles = [h.quote.prefix + h.quote.exact + h.quote.suffix for h in pending]
        self.copies = Copies(text, needles)
        self._norm: NormalText | None = None
        # The same quote typed twice (or pasted into several highlights) is looked for once.
        self._found: dict[tuple[str, str, str, int], tuple[str, int | None, int | None, str]] = {}

    @property
    def norm(self) -> NormalText:
        if self._norm is None:
            from reading_guide.anchoring.normalize import normalize

            self._norm = normalize(self.text)
        return self._norm

    def find(self, quote: Quote, at: int) -> tuple[str, int | None, int | None, str]:
        """(status, start, end, reason) for `quote` on the text, nearest `at` when it matters."""
        key = (quote.exact, quote.prefix, quote.suffix, at)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._find(quote, at)
        return found

    def _find(self, quote: Quote, at: int) -> tuple[str, int | None, int | None, str]:
        hit, several = self.copies.nearest(quote.exact, quote.prefix, quote.suffix, at)
        if hit is not None:
            if several:
                return "review", *hit, "the quote occurs in more than one place; please confirm"
            return "exact", *hit, ""
        return self._fuzzy(quote, at)

    def _fuzzy(self, quote: Quote, at: int) -> tuple[str, int | None, int | None, str]:
        # The fuzzy engine (edlib, difflib) loads only when an exact copy is missing: a guide
        # whose highlights all fit opens without it (start-up, bench_startup.py).
        from reading_guide.anchoring.lifecycle import clean_span, honest_status
        from reading_guide.anchoring.locate import locate
        from reading_guide.anchoring.normalize import normalize_quote
        from reading_guide.anchoring.reanchor import paragraph_context

        norm = self.norm
        hints = [norm.to_normal(at)] if at else []
        prefix, suffix = paragraph_context(quote.prefix, quote.suffix)
        decision = locate(norm.text, normalize_quote(quote.exact), prefix, suffix, hints)
        if decision.start is None or decision.end is None:
            return "orphan", None, None, decision.reason
        start = norm.to_original(decision.start)
        end = max(start, norm.to_original(decision.end, end=True))
        status = honest_status(decision.status, self.text, start, end, quote.exact)
        if status != "exact":
            start, end = clean_span(self.text, start, end, quote.exact)
            if end <= start:
                return "orphan", None, None, "no passage like the quote in the text"
        reason = decision.reason or ("the words differ from the quote" if status != "exact"
                                     else "")
        return status, start, end, reason


def _settle(placer: _Placer, h: Highlight, found: tuple[str, int | None, int | None, str],
            why: str = "") -> None:
    from reading_guide.anchoring.lifecycle import placed_selector

    status, start, end, reason = found
    if start is None or end is None:
        h.settle("orphan", None, None, "; ".join(filter(None, (why, reason))))
        return
    placed = placed_selector(placer.text, start, end, h.quote)
    h.settle(status, Position(start, end), placed, "; ".join(filter(None, (why, reason))))


def _contradiction(h: Highlight, text: str) -> str | None:
    """Settle a stored state that contradicts itself but whose position shows a passage; the
    reason, or None when the highlight must be searched for."""
    pos = h.position
    shows_quote = shows(text, pos, h.quote.exact)
    shows_placed = h.placed is not None and shows(text, pos, h.placed.exact)
    if h.status == "orphan":
        if pos is None:  # an orphan stays one; a placement beside it means nothing
            h.placed = None
            return "the file gives a placement for an orphan; it stays an orphan"
        if shows_quote or shows_placed:
            h.status, h.placed = "review", h.placed if shows_placed else None
            return "the file marks it orphan but gives a position showing its passage"
        h.position, h.placed = None, None
        return "the file marks it orphan; its position does not show the passage"
    if h.status in (None, "exact") and shows_placed:
        h.status = "review"
        return "the file gives an automatic placement that no one confirmed"
    if shows_quote:  # confirmed or awaiting review, with a `placed` that is not what it shows
        h.placed = None
        return "the file's placement does not match the passage at its position; ignored"
    return None


def place_highlights(guide: Guide, text: str) -> None:
    """Give every highlight of `guide` a position and status on the reading text `text`.

    Keeps whatever the file states consistently; places quote-only highlights; re-places those
    whose position no longer shows their passage; settles contradictions (see the module
    docstring). Statuses are never raised above the stored one except for a hand-written
    highlight, which a person wrote as confirmed.
    """
    pending = [h for h in guide.highlights if not _kept(h, text)]
    if not pending:
        return
    placer = _Placer(text, pending)
    for h in pending:
        h.reason = ""
        why = _contradiction(h, text)
        if why is not None:
            h.reason = why
            continue
        pos = h.position
        at = pos.start if pos is not None else 0
        if pos is not None:
            why = "the stored position no longer shows the passage (the essay was edited)"
        elif h.status in UNCONFIRMED:
            why = f"the file marks it {h.status} but gives no position"
        else:
            why = ""
        if h.placed is not None and h.status in UNCONFIRMED:
            status, start, end, reason = placer.find(h.placed, at)
            if start is not None and end is not None and status == "exact":
                h.settle(h.status, Position(start, end), h.placed, why)
                continue
        _settle(placer, h, placer.find(h.quote, at), why)
