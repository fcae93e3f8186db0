"""Deciding where a quote belongs in a (normalised) text, and how sure we are.

Every candidate place is scored on three things: how close its words are to the quote, how well
the words around it agree with the quote's context, and how close it is to where the diff of the
old and new essay says the passage went. The decision rules are deliberately conservative, because
a note silently moved to the wrong passage is worse than a note that asks for review:

- `exact`: the quote's words, with matching context, and no rival close behind;
- `fuzzy`: a near match whose context agrees and that clearly beats every other place;
- `review`: a plausible place a person must confirm (rivals too close, or the context changed);
- `orphan`: nothing acceptable; the reason says why.

Short quotes get stricter rules: in five letters, one changed letter is a different word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import edlib

from reading_guide.anchoring.approx import approx_search, windows_search
from reading_guide.anchoring.exact import find_exact
from reading_guide.anchoring.quote import prefix_similarity, suffix_similarity
from reading_guide.anchoring.words import is_word_char

SHORT_QUOTE = 12  # characters
UNMISTAKABLE = 30  # characters: a quote this long found verbatim once is not a coincidence
# Candidates scored per quote, whatever the repeats: a refrain or "lorem" 100,000 times would
# otherwise cost a score (two alignments in Python) per copy.
MAX_EXACT_CANDIDATES = 64
MAX_CANDIDATES = 64
CLOSE = 0.05  # scores nearer than this are "about equal"
# Between a quote's surroundings, a part at most this share of edits from the quote stands for
# the place when the whole is much longer than the quote (see `_between`).
BRACKET_INSIDE_ERRORS = 0.5


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    errors: int
    quote: float  # 1 - errors / len(quote)
    context: float | None  # mean prefix/suffix agreement; None when there is no context
    best_side: float | None  # the better of the two sides (a moved paragraph keeps one side)
    both_sides: bool  # prefix and suffix both long and both agree: the spot is unmistakable
    position: float | None  # agreement with the expected position; None without a hint
    score: float


@dataclass(frozen=True)
class Decision:
    status: str  # exact | fuzzy | review | orphan
    confidence: float
    start: int | None
    end: int | None
    reason: str


def _marks_the_spot(prefix_len: int, suffix_len: int) -> bool:
    """Context on both sides, enough of it to pin a place. One side may be as short as a full
    stop: context stops at the paragraph's end, and the other side does the pinning."""
    return min(prefix_len, suffix_len) >= 1 and max(prefix_len, suffix_len) >= 12


def _cut_edges(text: str, start: int, end: int, quote: str) -> int:
    """Word edges the range cuts where the quote itself starts or ends with a word character."""
    if start >= end:
        return 0
    cuts = 0
    if start > 0 and is_word_char(quote[0]) and is_word_char(text[start - 1]) and is_word_char(
            text[start]):
        cuts += 1
    if end < len(text) and is_word_char(quote[-1]) and is_word_char(text[end]) and is_word_char(
            text[end - 1]):
        cuts += 1
    return cuts


def _score(
    text: str, quote: str, prefix: str, suffix: str, hints: Sequence[int],
    hit: tuple[int, int, int], memo: dict | None = None,
) -> Candidate:
    start, end, errors = hit
    # A copy that starts or ends inside a longer word ("breath" in "breathe") is not the quote's
    # words: each cut word counts as an edit, so it is never exact and a whole-word match wins.
    errors += _cut_edges(text, start, end, quote)
    q = max(0.0, 1.0 - errors / len(quote))
    sides: list[tuple[float, int]] = []  # (agreement, length): one letter of context says little
    if prefix:
        sides.append((prefix_similarity(text, start, prefix, memo), len(prefix)))
    if suffix:
        sides.append((suffix_similarity(text, end, suffix, memo), len(suffix)))
    ctx = sum(v * n for v, n in sides) / sum(n for _, n in sides) if sides else None
    strong = [v for v, n in sides if n >= 8]
    best_side = max(strong) if strong else None
    both = _marks_the_spot(len(prefix), len(suffix)) and min(v for v, _ in sides) >= 0.9
    pos = None
    if hints:
        d = min(abs(start - h) for h in hints)
        pos = max(0.0, 1.0 - d / (len(quote) + 100))
    parts = [(0.5, q)] + ([(0.35, ctx)] if ctx is not None else [])
    parts += [(0.15, pos)] if pos is not None else []
    score = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    return Candidate(start, end, errors, q, ctx, best_side, both, pos, score)


def _exact_hits(text: str, quote: str, prefix: str, suffix: str, hints: Sequence[int]):
    """Exact copies of the quote, at most a bounded number whatever the repeats: all of them
    when there are few; else those near where the passage is expected, those whose nearest
    context agrees, and the first few (enough for the decision to see that copies abound)."""
    first = find_exact(text, quote, limit=MAX_EXACT_CANDIDATES + 1)
    if len(first) <= MAX_EXACT_CANDIDATES:
        return [(s, e, 0) for s, e in first]
    keep: set[tuple[int, int]] = set(first[: MAX_EXACT_CANDIDATES // 4])
    for h in hints:
        lo, hi = max(0, h - 256), h + len(quote) + 256
        keep |= {(lo + s, lo + e) for s, e in find_exact(text[lo:hi], quote,
                                                          limit=MAX_EXACT_CANDIDATES)}
    if prefix:
        keep |= set(find_exact(text, quote, prefix[-12:], "", limit=MAX_EXACT_CANDIDATES))
    if suffix:
        keep |= set(find_exact(text, quote, "", suffix[:12], limit=MAX_EXACT_CANDIDATES))
    return [(s, e, 0) for s, e in sorted(keep)]


def _global_hits(
    text: str, quote: str, alphabet_ok: bool, hints: Sequence[int] = ()
) -> list[tuple[int, int, int]]:
    """The best near matches in the whole text (a bounded number, nearest the hints first), and
    the runner-up place.

    An infix search reports only the lowest error level; when that is one place, it is searched
    again with the place blanked out, so the decision knows whether a rival is close behind.
    """
    ok = alphabet_ok and len(set(quote)) < 64
    k = len(quote) // 4
    found = approx_search(text, quote, k, alphabet_ok=ok, limit=MAX_CANDIDATES, near=hints)
    if not found:
        return []
    lo = min(a for a, _, _ in found)
    hi = max(b for _, b, _ in found)
    if hi - lo <= 2 * len(quote):
        masked = text[:lo] + "\x00" * (hi - lo) + text[hi:]
        found += approx_search(masked, quote, k, alphabet_ok=ok, limit=MAX_CANDIDATES,
                               near=hints)
    return found


def _bracket_hits(
    text: str, quote: str, prefix: str, suffix: str, hints: Sequence[int]
) -> list[tuple[int, int, int]]:
    """The text between the quote's own prefix and suffix, found intact near an expected place.

    When an editor rewrites the highlighted words themselves ("twelve" -> "nine"), no near match
    of the quote exists, but its surroundings still mark the spot: worth a person's look.
    """
    if not _marks_the_spot(len(prefix), len(suffix)):
        return []
    p_key, s_key = prefix[-16:], suffix[:16]
    found = []
    for h in hints:
        p_at = text.rfind(p_key, max(0, h - len(p_key) - 64), h + 64)
        if p_at < 0:
            continue
        start = p_at + len(p_key)
        end = text.find(s_key, start, start + 3 * len(quote) + 64 + len(s_key))
        if end > start:
            found.append(_between(text, quote, start, end))
    return found


def _between(text: str, quote: str, start: int, end: int) -> tuple[int, int, int]:
    """The candidate the text between the quote's surroundings gives. When that text is much
    longer than the quote (the passage moved into the next paragraph, whose other sentences now
    lie between its old neighbours), the place is the part most like the quote, if it is clearly
    like it; else, all of it."""
    if end - start > 2 * len(quote) + 16:
        best = edlib.align(quote, text[start:end], mode="HW", task="locations")
        distance = int(best["editDistance"])
        if best["locations"] and distance <= len(quote) * BRACKET_INSIDE_ERRORS:
            a, b = best["locations"][0]
            return start + a, start + b + 1, distance
    errors = edlib.align(quote, text[start:end], mode="NW", task="distance")
    return start, end, int(errors["editDistance"])


def candidates(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    hints: Sequence[int] = (),
    *,
    alphabet_ok: bool = False,
    search_all: bool = True,
    near_only: bool = False,
) -> list[Candidate]:
    """Every place worth considering: exact copies anywhere, near matches around each expected
    position, and (when those are not convincing) the best near matches in the whole text.
    `near_only`: only the places around the expected positions (see `locate`)."""
    hits = set() if near_only else set(_exact_hits(text, quote, prefix, suffix, hints))
    k = max(1, len(quote) // 2)
    pad = k + 64
    for h in hints:
        hits.update(windows_search(text, quote, k, h - pad, h + len(quote) + pad))
    hits.update(_bracket_hits(text, quote, prefix, suffix, hints))
    memo: dict = {}  # copies of a repeated passage share their surroundings
    scored = [_score(text, quote, prefix, suffix, hints, hit, memo) for hit in hits]
    good = any(c.quote >= 0.8 and (c.context or 0.0) >= 0.7 for c in scored)
    # An exact copy, even one inside a longer word, leaves a global search nothing to add.
    exact_somewhere = any(errors == 0 for _, _, errors in hits)
    if search_all and not near_only and not good and not exact_somewhere and (
            len(quote) >= SHORT_QUOTE):
        for hit in _global_hits(text, quote, alphabet_ok, hints):
            if hit not in hits:
                hits.add(hit)
                scored.append(_score(text, quote, prefix, suffix, hints, hit, memo))
    scored.sort(key=lambda c: (-c.score, c.start))
    return scored


def decide(scored: list[Candidate], quote: str) -> Decision:
    """Turn scored candidates into a status, conservatively (see the module docstring)."""
    if not scored:
        return Decision("orphan", 0.0, None, None, "no passage like the quote in the text")
    best = scored[0]
    runner = next((c for c in scored[1:] if c.end <= best.start or c.start >= best.end), None)
    margin = best.score - runner.score if runner else 1.0
    close = runner is not None and margin < CLOSE
    short = len(quote) < SHORT_QUOTE
    ctx = best.context
    pos = best.position
    conf = round(best.score, 3)

    def placed(status: str, reason: str = "") -> Decision:
        return Decision(status, 1.0 if status == "exact" else conf, best.start, best.end, reason)

    # No context at all (a whole paragraph or heading): the words alone must be telling, or
    # the diff must put them right here; a lone "Notes" heading elsewhere is not the same one.
    telling = len(quote) >= UNMISTAKABLE or pos is None or pos >= 0.9
    if best.errors == 0 and not close:
        same_context = ctx >= 0.999 if ctx is not None else telling
        where_expected = pos is not None and pos >= 0.95 and (ctx is None or ctx >= 0.8)
        if same_context or where_expected:
            return placed("exact")
    if ctx is None:
        context_agrees = telling
    elif short:
        context_agrees = ctx >= 0.85
    else:  # a moved, merged or split paragraph keeps the context on one side only
        context_agrees = ctx >= 0.7 or (best.best_side or 0.0) >= 0.9
    if (
        not close
        and best.quote >= (1.0 if short else 0.75)
        and context_agrees
        and (runner is None or margin >= 0.08)
        and (pos is None or pos >= 0.3 or (ctx is not None and ctx >= 0.9))
    ):
        return placed("fuzzy", "the text or its context changed")
    spot = next((c for c in scored if c.both_sides and (c.position or 0.0) >= 0.9), None)
    if spot is not None and spot is not best:
        # The quote's own surroundings, intact where the diff expects them, mark the place even
        # though the words between them were rewritten; a copy of the old words elsewhere does
        # not outweigh that.
        return Decision("review", round(spot.score, 3), spot.start, spot.end,
                        "the highlighted words were rewritten; please confirm")
    unrivalled = runner is None or runner.quote < best.quote - 0.1
    if best.quote >= 0.85 and len(quote) >= UNMISTAKABLE and unrivalled:
        # A long passage found (nearly) unchanged, only there, whose surroundings changed
        # (a paragraph moved and split): surely it, but the context rule says a person looks.
        return placed("review", "found nearly unchanged, but the words around it changed")
    # With no context at all (a whole paragraph or heading), only near-identical words count.
    if ctx is not None:
        plausible_context = ctx >= (0.7 if short else 0.5)
    else:
        plausible_context = best.quote >= 0.9 and (telling or not short)
    expected_here = pos is not None and pos >= 0.8 and best.quote >= 0.8
    # Where the diff says, with both sides' context intact: the middle was cut or rewritten.
    cut_in_place = pos is not None and pos >= 0.9 and ctx is not None and ctx >= 0.8
    if (best.quote >= 0.6 and (plausible_context or expected_here)) or (
        best.quote >= 0.5 and cut_in_place
    ):
        if close:
            return placed("review", "two places fit about equally well")
        if ctx is None:
            return placed("review", "nothing around the passage to confirm the place")
        if ctx < 0.7:
            return placed("review", "the words around the passage changed")
        return placed("review", "the passage's words changed; please confirm")
    if best.both_sides and (pos or 0.0) >= 0.9:
        return placed("review", "the highlighted words were rewritten; please confirm")
    if best.quote >= 0.9:
        return Decision(
            "orphan", 0.0, None, None, "the quote's words appear only elsewhere, in other context"
        )
    return Decision("orphan", 0.0, None, None, "no passage like the quote in the text")


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    hints: Sequence[int] = (),
    *,
    alphabet_ok: bool = False,
    search_all: bool = True,
    near_only: bool = False,
) -> Decision:
    """Where `quote` (with context and expected positions) belongs in `text`, all normalised.

    `alphabet_ok`: the caller checked `small_alphabet(text)` once for many calls.
    `search_all=False`: the diff says the passage was edited where it stood, so near matches
    elsewhere in the whole text need not be searched (exact copies still are).
    `near_only=True`: the caller can use no more than a `review` (a review stays one), so only
    the place itself matters: it is looked for around the expected positions first, and the
    whole text is searched only when nothing plausible is there.
    """
    if not quote:
        return Decision("orphan", 0.0, None, None, "the highlight's quote is empty")
    if not text.strip():
        return Decision("orphan", 0.0, None, None, "the text is empty")
    if len(quote) > len(text) + len(quote) // 4:
        return Decision("orphan", 0.0, None, None, "the quote is longer than the whole text")
    if near_only and hints:
        near = decide(candidates(text, quote, prefix, suffix, hints, alphabet_ok=alphabet_ok,
                                 near_only=True), quote)
        if near.status != "orphan":
            return near
    found = candidates(
        text, quote, prefix, suffix, hints, alphabet_ok=alphabet_ok, search_all=search_all
    )
    return decide(found, quote)
