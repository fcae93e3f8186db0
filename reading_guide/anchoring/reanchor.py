"""Re-anchoring: moving a guide's highlights from one edition of an essay to the next.

Both editions are in hand (the guide carries the old one), so the diff between them is the strong
prior: a passage whose words and surroundings the diff shows untouched is `exact` at its mapped
place, without any searching. Everything else goes through `locate`, which weighs every candidate
(including near matches next to where the diff says the passage went, even when an exact copy of
the quote sits elsewhere) and says `fuzzy`, `review` or `orphan`; a passage whose own words were
rewritten may still be proposed for review (`rewritten.py`). Nothing is ever dropped.

Every result then passes the lifecycle (docs/FORMAT.md, "Highlight lifecycle"; lifecycle.py):
labels made honest, spans cleaned, statuses capped by what the highlight had (a review stays a
review, an orphan comes back only when its passage reappears with its context). So a result is
final: it is what the moved guide stores, and moving it onto the same edition again changes
nothing. The highlight's quote is never rewritten; a placement on other words comes back as
`placed`, stored beside it until a person confirms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from reading_guide.anchoring.approx import small_alphabet
from reading_guide.anchoring.copies import Copies
from reading_guide.anchoring.diffmap import TextMap
from reading_guide.anchoring.lifecycle import (
    clean_span,
    cut_ends,
    honest_status,
    placed_selector,
    reappears,
)
from reading_guide.anchoring.locate import Decision, locate
from reading_guide.anchoring.normalize import NormalText, normalize, normalize_quote
from reading_guide.anchoring.place import shows
from reading_guide.anchoring.quote import match_quote
from reading_guide.anchoring.rewritten import Relocator
from reading_guide.errors import InputError
from reading_guide.model import Essay, Guide, Highlight, Position, Quote, capped_status

CONTEXT = 32  # characters of old text on each side used as context


@dataclass(frozen=True)
class AnchorResult:
    id: str
    status: str  # exact | fuzzy | review | orphan
    confidence: float  # 0..1
    start: int | None  # in the new reading text
    end: int | None
    text: str  # the new text placed on, or the old quote for an orphan
    reason: str  # empty for exact; why otherwise
    placed: Quote | None = None  # the placement's own selector when its text is not the quote


def _check_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{what} is not text (got {type(value).__name__})")
    return value


def _exact_in_original(
    norm_old: NormalText, norm_new: NormalText, old: tuple[int, int], new: tuple[int, int],
    original: tuple[int, int],
) -> tuple[int, int] | None:
    """An unchanged passage's exact original range in the new text, or None.

    Matching runs on normalised text, where "--" is one character; a range starting or ending
    inside such a unit would otherwise come back widened or cut. The offsets into the unit are
    carried over and the result is accepted only if it shows the very same characters.
    """
    s0, e0 = original
    ns = norm_new.to_original(new[0]) + (s0 - norm_old.to_original(old[0]))
    ne = norm_new.to_original(new[1], end=True) + (e0 - norm_old.to_original(old[1], end=True))
    text = norm_new.original
    if 0 <= ns <= ne <= len(text) and text[ns:ne] == norm_old.original[s0:e0]:
        return ns, ne
    return None


def paragraph_context(prefix: str, suffix: str) -> tuple[str, str]:
    """Context normalised and kept inside the paragraph: what lies across a paragraph break
    changes whenever paragraphs are moved, merged or split, and would only add noise."""
    prefix = normalize_quote(prefix.rsplit("\n", 1)[-1])[-CONTEXT:]
    suffix = normalize_quote(suffix.split("\n", 1)[0])[:CONTEXT]
    return prefix, suffix


def _context(norm_old: NormalText, start: int, end: int) -> tuple[str, str]:
    """The old text's own context around a normalised range, within its paragraph."""
    old = norm_old.original
    s0 = norm_old.to_original(start)
    e0 = norm_old.to_original(end, end=True)
    return paragraph_context(old[max(0, s0 - 2 * CONTEXT) : s0], old[e0 : e0 + 2 * CONTEXT])


class _Mover:
    """Moves highlights from one normalised edition to the next; the diff is made once."""

    def __init__(self, norm_old: NormalText, norm_new: NormalText) -> None:
        self.norm_old, self.norm_new = norm_old, norm_new
        self.text_map = TextMap(norm_old.text, norm_new.text)
        self.alphabet_ok = small_alphabet(norm_new.text)
        self.relocator = Relocator(self.text_map, norm_old.text, norm_new.text)
        self._old_copies: Copies | None = None

    def old_copies(self) -> Copies:
        if self._old_copies is None:
            self._old_copies = Copies(self.norm_old.original)
        return self._old_copies

    def move(self, h: Highlight) -> AnchorResult:
        """Where `h` (made on the old edition) goes on the new one: the final, capped status."""
        if not h.quote.exact.strip() or not normalize_quote(h.quote.exact).strip():
            return self._orphan(h, "the highlight's quote is empty")
        if h.status == "orphan":
            return self._orphan(h, "not found in the earlier edition either")
        old, ceiling, why = self._old_range(h)
        if old is None:
            # Not on the old text: only its own quote and context can place it.
            prefix, suffix = paragraph_context(h.quote.prefix, h.quote.suffix)
            decision = locate(self.norm_new.text, normalize_quote(h.quote.exact), prefix, suffix,
                              alphabet_ok=self.alphabet_ok)
            return self._final(h, decision, h.quote.exact, (False, False), h.status, why,
                               mapped=False)
        start, end = old
        norm_old = self.norm_old
        s0, e0 = norm_old.to_original(start), norm_old.to_original(end, end=True)
        stored = self._old_original(h)
        original = stored or (s0, e0)
        # What an exact landing must show: the stored placement's words while it awaits review,
        # else the quote's own (a range found by approximate matching is not the quote).
        showing_placed = stored is not None and h.placed is not None and not shows(
            norm_old.original, h.position, h.quote.exact)
        target = h.placed.exact if showing_placed and h.placed else h.quote.exact
        target_cuts = cut_ends(norm_old.original, *original)
        mapped = self.text_map.map_range(start, end)
        at_most_review = capped_status("exact", ceiling) == "review"
        if mapped.preserved or (at_most_review and self.norm_new.text[
                mapped.start : mapped.end] == norm_old.text[start:end]):
            # Unchanged with its surroundings; or, for a highlight that can be at best a review,
            # its words unchanged where the diff puts them (the place is all that matters).
            decision = Decision("exact", 1.0, mapped.start, mapped.end, "")
        else:
            prefix, suffix = _context(norm_old, start, end)
            decision = locate(
                self.norm_new.text, norm_old.text[start:end], prefix, suffix, mapped.hints,
                alphabet_ok=self.alphabet_ok, search_all=not mapped.in_place,
                near_only=at_most_review,
            )
            if decision.status == "orphan":
                decision = self.relocator.find(start, end) or decision
        if decision.status == "exact" and decision.start is not None and decision.end is not None:
            same = _exact_in_original(norm_old, self.norm_new, (start, end),
                                      (decision.start, decision.end), original)
            if same is not None:
                decision = Decision("exact", 1.0, same[0], same[1], "")
                return self._final(h, decision, target, target_cuts, ceiling, why, mapped=True)
        return self._final(h, decision, target, target_cuts, ceiling, why, mapped=False)

    def _old_original(self, h: Highlight) -> tuple[int, int] | None:
        """The stored position on the old text, when it shows the passage (quote or placement)."""
        pos = h.position
        old = self.norm_old.original
        if pos is None:
            return None
        if h.placed is not None and h.status in ("fuzzy", "review") and shows(old, pos,
                                                                               h.placed.exact):
            return pos.start, pos.end
        if shows(old, pos, h.quote.exact):
            return pos.start, pos.end
        return None

    def _old_range(self, h: Highlight) -> tuple[tuple[int, int] | None, str | None, str]:
        """Where the highlight sat in the old normalised text, the best status it may reach,
        and why it is capped: its stored position if that still shows the passage, else the
        quote found again (unique with context; several copies make it a guess: review)."""
        norm_old = self.norm_old
        stored = self._old_original(h)
        if stored is not None:
            return (norm_old.to_normal(stored[0]), norm_old.to_normal(stored[1], end=True)), \
                h.status, ""
        at = h.position.start if h.position is not None else 0
        hit, several = self.old_copies().nearest(h.quote.exact, h.quote.prefix, h.quote.suffix,
                                                 at)
        if hit is None and (h.quote.prefix or h.quote.suffix):
            hit, several = self.old_copies().nearest(h.quote.exact, "", "", at)
        if hit is not None:
            start, end = norm_old.to_normal(hit[0]), norm_old.to_normal(hit[1], end=True)
            if several:
                return (start, end), capped_status("review", h.status), \
                    "the quote occurs more than once in the earlier edition"
            return (start, end), h.status, ""
        quote = normalize_quote(h.quote.exact)
        prefix, suffix = normalize_quote(h.quote.prefix), normalize_quote(h.quote.suffix)
        m = match_quote(norm_old.text, quote, prefix, suffix)
        if m is not None and m.score >= 0.9:
            start, end = clean_span(norm_old.text, m.start, m.end, quote)
            if end > start:
                return (start, end), h.status, ""
        return None, h.status, ""

    def _final(self, h: Highlight, decision: Decision, target: str,
               target_cuts: tuple[bool, bool], ceiling: str | None, why: str, *,
               mapped: bool) -> AnchorResult:
        """Labels made honest, spans cleaned, the status capped; orphans get one more chance
        if their own passage reappears with its context."""
        new = self.norm_new.original
        if decision.start is None or decision.end is None:
            return self._orphan(h, "; ".join(filter(None, (why, decision.reason))))
        if mapped:
            start, end = decision.start, decision.end
        else:
            start = self.norm_new.to_original(decision.start)
            end = max(start, self.norm_new.to_original(decision.end, end=True))
        status = honest_status(decision.status, new, start, end, target, any(target_cuts))
        reason = decision.reason
        if status != "exact":
            start, end = clean_span(new, start, end, target, target_cuts)
            if end <= start:
                return self._orphan(h, "no passage like the quote in the text")
            reason = reason or "the words differ from the highlighted passage"
        final = capped_status(status, ceiling)
        if final != status:
            reason = why or f"it was {ceiling} before the move; a person must confirm it"
        elif why:
            reason = "; ".join(filter(None, (why, reason)))
        confidence = 1.0 if final == "exact" else round(min(decision.confidence, 0.99), 3)
        return AnchorResult(h.id, final, confidence, start, end, new[start:end], reason,
                            placed_selector(new, start, end, h.quote))

    def _orphan(self, h: Highlight, reason: str) -> AnchorResult:
        """Orphan, unless the highlight's own passage reappears with its context (review)."""
        context = paragraph_context(h.quote.prefix, h.quote.suffix)
        hit = reappears(self.norm_new, h.quote, context) if h.quote.exact.strip() else None
        if hit is None:
            return AnchorResult(h.id, "orphan", 0.0, None, None, h.quote.exact, reason)
        new = self.norm_new.original
        start = self.norm_new.to_original(hit[0])
        end = max(start, self.norm_new.to_original(hit[1], end=True))
        return AnchorResult(h.id, "review", 0.9, start, end, new[start:end],
                            "its passage reappears with the words around it; please confirm",
                            placed_selector(new, start, end, h.quote))


def reanchor(
    old_text: str, new_text: str, highlights: Sequence[Highlight]
) -> list[AnchorResult]:
    """Place each highlight (made on `old_text`) on `new_text`; one result per highlight, in order.

    Each result is final: the status is what the moved guide stores (a review stays a review,
    an orphan stays an orphan unless its passage reappears with its context; docs/FORMAT.md,
    "Highlight lifecycle"). Raises InputError only when a text is not a string; an empty new
    text orphans everything.
    """
    _check_text(old_text, "the original essay")
    _check_text(new_text, "the revised essay")
    norm_old, norm_new = normalize(old_text), normalize(new_text)
    if not norm_new.text.strip():
        reason = "the revised essay is empty"
        return [AnchorResult(h.id, "orphan", 0.0, None, None, h.quote.exact, reason)
                for h in highlights]
    mover = _Mover(norm_old, norm_new)
    return [mover.move(h) for h in highlights]


def apply_results(guide: Guide, new_text: str, results: Sequence[AnchorResult]) -> None:
    """Write results into the guide's highlights through `Highlight.settle` (the lifecycle):
    positions, statuses and placements change; quotes, notes and questions never do."""
    by_id = {r.id: r for r in results}
    for h in guide.highlights:
        r = by_id.get(h.id)
        if r is None:
            continue
        position = None if r.start is None or r.end is None else Position(r.start, r.end)
        h.settle(r.status, position, r.placed, r.reason)


def reanchor_guide(
    guide: Guide, essay: Essay, old_text: str, new_text: str
) -> list[AnchorResult]:
    """Move `guide` onto `essay` (its Markdown replaces the old), re-anchoring every highlight.

    `old_text` and `new_text` are the reading texts of the old and new essay (the caller renders
    them: anchoring sits below rendering). The guide's essay title, author, source and language
    are kept where the new essay leaves them empty.
    """
    _check_text(essay.text, "the revised essay")
    results = reanchor(old_text, new_text, guide.highlights)
    apply_results(guide, new_text, results)
    old = guide.essay
    # Every other field of the guide's essay (edition, and any added later) is kept as it was.
    guide.essay = dataclasses.replace(
        old,
        title=old.title or essay.title,
        author=old.author or essay.author,
        source=old.source or essay.source,
        language=old.language or essay.language,
        text=essay.text,
    )
    return results
