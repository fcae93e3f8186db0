"""Approximate substring search: where does a pattern occur with the fewest edits?

edlib's infix mode ("HW": gaps before and after the match are free) runs Myers' bit-parallel
algorithm in C, so searching a whole 1 MB essay costs about a millisecond, where a pure-Python
dynamic programme would take seconds. Positions are code points.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import edlib

_EDLIB_ALPHABET = 256  # edlib maps symbols to bytes; more distinct characters than this fail


def _fit_alphabet(text: str, pattern: str) -> str:
    """Replace characters the pattern lacks by one unused symbol when there are too many kinds.

    A character absent from the pattern can only ever mismatch, so merging all of them changes no
    distance and no position.
    """
    if text.isascii() and pattern.isascii():  # O(1) in CPython
        return text
    if len(text) + len(pattern) < _EDLIB_ALPHABET:
        return text
    if len(set(text) | set(pattern)) < _EDLIB_ALPHABET:
        return text
    keep = set(pattern)
    filler = next(chr(c) for c in range(0xE000, 0xF8FF) if chr(c) not in keep)
    return "".join(c if c in keep else filler for c in text)


def approx_search(
    text: str,
    pattern: str,
    max_errors: int | None = None,
    *,
    alphabet_ok: bool = False,
    limit: int | None = None,
    near: Sequence[int] = (),
) -> list[tuple[int, int, int]]:
    """The lowest-error matches of `pattern` in `text`, as [start, end, errors], start order.

    Only matches with the smallest edit distance (at most `max_errors`, default len(pattern)) are
    returned; for candidates at other error levels search smaller windows (`windows_search`).
    `alphabet_ok=True` skips the check for edlib's 256-symbol limit (see `small_alphabet`), which
    costs a pass over the text: worth skipping when one long text is searched many times.

    With `limit`, at most that many matches come back, those ending nearest to the places in
    `near` first, then the earliest: a near miss in a repetitive text ("lorem lorem z" in 100,000
    words of "lorem") matches everywhere, and only the ends are listed (edlib's "distance" task)
    before the starts of the few kept are worked out.
    """
    if not pattern or not text:
        return []
    k = len(pattern) if max_errors is None else max(0, int(max_errors))
    k = min(k, len(pattern))
    target = text if alphabet_ok else _fit_alphabet(text, pattern)
    if limit is not None:
        return _capped_search(target, pattern, k, limit, near)
    result = edlib.align(pattern, target, mode="HW", task="locations", k=k)
    errors = result["editDistance"]
    if errors < 0:
        return []
    found = {
        (start, stop + 1, errors)
        for start, stop in result["locations"]
        if start is not None and stop + 1 > start
    }
    return sorted(found)


def _capped_search(
    target: str, pattern: str, k: int, limit: int, near: Sequence[int]
) -> list[tuple[int, int, int]]:
    result = edlib.align(pattern, target, mode="HW", task="distance", k=k)
    errors = result["editDistance"]
    if errors < 0:
        return []
    ends = [stop + 1 for _, stop in result["locations"]]
    if len(ends) > limit:
        keep: set[int] = set()
        for at in near:
            i = bisect.bisect_left(ends, at)
            keep.update(ends[max(0, i - limit // 4) : i + limit // 4])
        keep.update(ends[: max(0, limit - len(keep))])
        ends = sorted(keep)
    found: set[tuple[int, int, int]] = set()
    for end in ends:
        lo = max(0, end - len(pattern) - errors)
        local = edlib.align(pattern, target[lo:end], mode="HW", task="locations", k=errors)
        for start, stop in local["locations"]:
            if start is not None and lo + stop + 1 == end:
                found.add((lo + start, end, errors))
    return sorted(found)


def small_alphabet(text: str) -> bool:
    """True when `text` leaves room in edlib's alphabet for any quote's extra characters."""
    return text.isascii() or len(set(text)) < _EDLIB_ALPHABET // 2


def windows_search(
    text: str, pattern: str, max_errors: int, lo: int = 0, hi: int | None = None
) -> list[tuple[int, int, int]]:
    """Local best matches in overlapping windows of text[lo:hi]: one error level per window.

    A single infix search reports only the globally best matches; a slightly edited passage next
    to an exact copy elsewhere would be missed. Searching window by window keeps each region's
    best, so a caller can weigh a near match in the right place against an exact one far away.
    """
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, lo)
    if not pattern or hi <= lo:
        return []
    size = max(1024, 8 * len(pattern))
    overlap = len(pattern) + max_errors
    found: set[tuple[int, int, int]] = set()
    start = lo
    while True:
        stop = min(hi, start + size + overlap)
        for a, b, e in approx_search(text[start:stop], pattern, max_errors):
            found.add((a + start, b + start, e))
        if stop >= hi:
            break
        start += size
    return sorted(found)
