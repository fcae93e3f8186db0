"""Re-anchoring: moving a guide's highlights from one edition of an essay to the next.

Both editions are in hand (the guide carries the old one), so the diff between them is the strong
prior: a passage whose words and surroundings the diff shows untouched is `exact` at its mapped
place, without any searching. Everything else goes through `locate`, which weighs every candidate
(including near matches next to where the diff says the passage went, even when an exact copy of
the quote sits elsewhere) and says `fuzzy`, `review` or `orphan`. Nothing is ever dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from reading_guide.anchoring.approx import small_alphabet
from reading_guide.anchoring.diffmap import TextMap
from reading_guide.anchoring.exact import describe_selection, find_exact
from reading_guide.anchoring.locate import Decision, locate
from reading_guide.anchoring.normalize import NormalText, normalize, normalize_quote
from reading_guide.anchoring.quote import match_quote
from reading_guide.errors import InputError
from reading_guide.model import Essay, Guide, Highlight, Position

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


def _check_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{what} is not text (got {type(value).__name__})")
    return value


def _old_range(norm_old: NormalText, h: Highlight, quote: str) -> tuple[int, int] | None:
    """Where the highlight sat in the old normalised text: its position if that still shows the
    quote, else the quote found again (unique with context, or nearest the stored position)."""
    old = norm_old.original
    pos = _old_position(norm_old, h, quote)
    if pos is not None:
        return norm_old.to_normal(pos[0]), norm_old.to_normal(pos[1], end=True)
    pos = h.position
    text = norm_old.text
    prefix, suffix = normalize_quote(h.quote.prefix), normalize_quote(h.quote.suffix)
    hits = find_exact(text, quote, prefix, suffix) or find_exact(text, quote)
    if len(hits) == 1:
        return hits[0]
    if hits and pos is not None:
        at = norm_old.to_normal(min(pos.start, len(old)))
        return min(hits, key=lambda r: abs(r[0] - at))
    m = match_quote(text, quote, prefix, suffix)
    if m is not None and m.score >= 0.9:
        return m.start, m.end
    return None


def _old_position(norm_old: NormalText, h: Highlight, quote: str) -> tuple[int, int] | None:
    """The stored position on the old text, if it is in range and shows the quote."""
    old = norm_old.original
    pos = h.position
    if pos is not None and 0 <= pos.start <= pos.end <= len(old):
        shown = old[pos.start : pos.end]
        if shown == h.quote.exact or normalize_quote(shown) == quote:
            return pos.start, pos.end
    return None


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


def _result(h: Highlight, decision: Decision, norm_new: NormalText) -> AnchorResult:
    if decision.start is None or decision.end is None:
        return AnchorResult(h.id, "orphan", 0.0, None, None, h.quote.exact, decision.reason)
    start = norm_new.to_original(decision.start)
    end = max(start, norm_new.to_original(decision.end, end=True))
    text = norm_new.original[start:end]
    return AnchorResult(
        h.id, decision.status, decision.confidence, start, end, text, decision.reason
    )


def reanchor(
    old_text: str, new_text: str, highlights: Sequence[Highlight]
) -> list[AnchorResult]:
    """Place each highlight (made on `old_text`) on `new_text`; one result per highlight, in order.

    Raises InputError only when a text is not a string; an empty new text orphans everything.
    """
    _check_text(old_text, "the original essay")
    _check_text(new_text, "the revised essay")
    norm_old, norm_new = normalize(old_text), normalize(new_text)
    results: list[AnchorResult] = []
    if not norm_new.text.strip():
        reason = "the revised essay is empty"
        return [AnchorResult(h.id, "orphan", 0.0, None, None, h.quote.exact, reason)
                for h in highlights]
    text_map = TextMap(norm_old.text, norm_new.text)
    alphabet_ok = small_alphabet(norm_new.text)
    for h in highlights:
        quote = normalize_quote(h.quote.exact)
        if not quote.strip():
            decision = Decision("orphan", 0.0, None, None, "the highlight's quote is empty")
            results.append(_result(h, decision, norm_new))
            continue
        old = _old_range(norm_old, h, quote)
        if old is None:
            # Not on the old text either: only its own quote and context can place it.
            prefix, suffix = paragraph_context(h.quote.prefix, h.quote.suffix)
            decision = locate(norm_new.text, quote, prefix, suffix, alphabet_ok=alphabet_ok)
            results.append(_result(h, decision, norm_new))
            continue
        start, end = old
        mapped = text_map.map_range(start, end)
        if mapped.preserved:
            decision = Decision("exact", 1.0, mapped.start, mapped.end, "")
        else:
            prefix, suffix = _context(norm_old, start, end)
            decision = locate(
                norm_new.text,
                norm_old.text[start:end],
                prefix,
                suffix,
                mapped.hints,
                alphabet_ok=alphabet_ok,
                search_all=not mapped.in_place,
            )
        if decision.status == "exact" and decision.start is not None and decision.end is not None:
            original = _old_position(norm_old, h, quote) or (
                norm_old.to_original(start), norm_old.to_original(end, end=True)
            )
            same = _exact_in_original(
                norm_old, norm_new, (start, end), (decision.start, decision.end), original
            )
            if same is not None:
                shown = new_text[same[0] : same[1]]
                results.append(AnchorResult(h.id, "exact", 1.0, *same, shown, ""))
                continue
        results.append(_result(h, decision, norm_new))
    return results


def apply_results(guide: Guide, new_text: str, results: Sequence[AnchorResult]) -> None:
    """Write results into the guide's highlights: positions, statuses, refreshed quotes.

    A placed highlight gets a fresh quote from the new text (so the guide stays consistent when
    it is opened again); an orphan keeps its old quote, note and questions, with no position. A
    highlight that was awaiting review keeps that status even when it lands exactly: re-anchoring
    does not confirm anything a person has not.
    """
    by_id = {r.id: r for r in results}
    for h in guide.highlights:
        r = by_id.get(h.id)
        if r is None:
            continue
        if r.start is None or r.end is None:
            h.position = None
            h.status = "orphan"
            continue
        h.position = Position(r.start, r.end)
        if r.end > r.start:
            h.quote = describe_selection(new_text, r.start, r.end)
        if r.status == "exact":
            h.status = h.status if h.status in ("fuzzy", "review") else None
        else:
            h.status = r.status


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
