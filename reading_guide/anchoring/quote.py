"""Fuzzy quote matching: score every near occurrence of a quote by quote, context and position.

This is the low-level matcher (the behaviour of the Hypothesis client's `matchQuote`, whose tests
are in the shared conformance vectors): it returns the best-scoring place even when the context
disagrees. Deciding whether that place is trustworthy (exact, fuzzy, review, orphan) is the job of
`reading_guide.anchoring.reanchor`, which adds the diff prior and the acceptance rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import edlib

from reading_guide.anchoring.approx import _fit_alphabet, windows_search

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50.0, 20.0, 20.0, 2.0


@dataclass(frozen=True)
class QuoteMatch:
    start: int
    end: int
    errors: int
    score: float  # 0..1, 1 = quote, context and position all agree


def _anchored_distance(pattern: str, window: str, memo: dict | None = None) -> int:
    """Edits to turn `pattern` into some prefix of `window` (edlib "SHW": the tail is free).

    `memo` (one per search) remembers answers: in a text that repeats itself, every copy of a
    passage has the same words around it, so scoring twenty copies asks one question twenty
    times.
    """
    if not pattern:
        return 0
    if not window:
        return len(pattern)
    if memo is not None:
        known = memo.get((pattern, window))
        if known is not None:
            return known
    result = edlib.align(pattern, _fit_alphabet(window, pattern), mode="SHW", task="distance")
    distance = int(result["editDistance"])
    if memo is not None:
        memo[(pattern, window)] = distance
    return distance


def prefix_similarity(text: str, start: int, prefix: str, memo: dict | None = None) -> float:
    """How well `prefix` agrees with the text just before `start`: 1 same, 0 nothing alike.

    The comparison is anchored at `start` (the characters right before the match count most), with
    a little slack so that an inserted or deleted word does not shift everything.
    """
    if not prefix:
        return 1.0
    slack = len(prefix) // 4 + 2
    window = text[max(0, start - len(prefix) - slack) : start]
    d = _anchored_distance(prefix[::-1], window[::-1], memo)
    return max(0.0, 1.0 - d / len(prefix))


def suffix_similarity(text: str, end: int, suffix: str, memo: dict | None = None) -> float:
    """How well `suffix` agrees with the text just after `end` (see `prefix_similarity`)."""
    if not suffix:
        return 1.0
    slack = len(suffix) // 4 + 2
    d = _anchored_distance(suffix, text[end : end + len(suffix) + slack], memo)
    return max(0.0, 1.0 - d / len(suffix))


def quote_candidates(
    text: str, quote: str, max_errors: int, lo: int = 0, hi: int | None = None
) -> list[tuple[int, int, int]]:
    """Candidate places for `quote`: the best match of every region of text[lo:hi]."""
    return windows_search(text, quote, max_errors, lo, hi)


def match_quote(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
) -> QuoteMatch | None:
    """The best place for `quote` in `text`, or None when nothing is within half its length.

    score = (50 quote + 20 prefix + 20 suffix + 2 position) / 92, as in the Hypothesis client, so
    the context decides between equally good copies and the position hint breaks remaining ties;
    with no hint the earliest place wins.
    """
    if not quote or not text:
        return None
    max_errors = min(256, len(quote) // 2)
    best: QuoteMatch | None = None
    for start, end, errors in quote_candidates(text, quote, max_errors):
        q = 1.0 - errors / len(quote)
        p = prefix_similarity(text, start, prefix)
        s = suffix_similarity(text, end, suffix)
        pos = 1.0 if hint is None else 1.0 - abs(start - hint) / len(text)
        score = (QUOTE_WEIGHT * q + PREFIX_WEIGHT * p + SUFFIX_WEIGHT * s + POSITION_WEIGHT * pos)
        score /= QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
        if best is None or score > best.score:
            best = QuoteMatch(start, end, errors, score)
    return best
