"""Placing a guide's highlights on its reading text when a guide is opened.

Most highlights carry a position that still shows their quote: those are kept as they are, at
the cost of one string comparison. A hand-written highlight (quote only) is found by its quote
and context; one whose stored position no longer fits (the essay was edited by hand) is found
again near where it was. Only when no exact copy exists does the normalised, fuzzy `locate` run.
A highlight is never dropped: one that cannot be placed is kept with no position, as an orphan.
"""

from __future__ import annotations

import itertools
from functools import partial
from typing import TYPE_CHECKING

from reading_guide.anchoring.exact import describe_selection, find_exact
from reading_guide.model import Guide, Highlight, Position, Quote

if TYPE_CHECKING:
    from reading_guide.anchoring.normalize import NormalText

UNCONFIRMED = ("fuzzy", "review")
GRAM = 12  # characters of the index key
INDEX_WORTH_IT = 50  # highlights to place before an index of the text pays for itself


def _anchor(needle: str) -> int | None:
    """Offset in `needle` of the first word start after a space or line feed with GRAM
    characters after it (None if there is none)."""
    for k in range(1, len(needle) - GRAM + 1):
        if needle[k - 1] in " \n" and needle[k] not in " \n":
            return k
    return None


class _WordIndex:
    """Where each of the wanted keys occurs at a word start (after a space or line feed).

    Placing 1,000 quotes with `str.find` scans a 1 MB essay 1,000 times. Any occurrence of a
    needle whose anchor (see `_anchor`) is preceded by a space or line feed has that anchor's
    GRAM characters at such a word start in the text, so one pass over the word starts, keeping
    the wanted keys, finds all of them. `find_all` returns exactly what `find_exact` would.
    """

    def __init__(self, text: str, keys: set[str]) -> None:
        self.text = text
        # split/accumulate run in C; only the list comprehensions run per word.
        words = text.replace("\n", " ").split(" ")
        starts = itertools.accumulate(map((1).__add__, map(len, words[:-1])), initial=0)
        index: dict[str, list[int]] = {}
        for i in [i for i in starts if text[i : i + GRAM] in keys]:
            index.setdefault(text[i : i + GRAM], []).append(i)
        self.index = index

    def find_all(self, exact: str, prefix: str, suffix: str) -> list[tuple[int, int]]:
        needle = prefix + exact + suffix
        j = _anchor(needle)
        if j is None:
            return find_exact(self.text, exact, prefix, suffix)
        found = []
        for i in self.index.get(needle[j : j + GRAM], ()):
            start = i - j
            if start >= 0 and self.text.startswith(needle, start):
                found.append((start + len(prefix), start + len(prefix) + len(exact)))
        return found


def _finder(guide: Guide, text: str):
    """`find_exact` on `text`, through an index when many highlights need placing."""
    pending = [h for h in guide.highlights if not _fits(h, text)]
    if len(pending) < INDEX_WORTH_IT:
        return partial(find_exact, text)
    keys = set()
    for h in pending:
        needle = h.quote.prefix + h.quote.exact + h.quote.suffix
        j = _anchor(needle)
        if j is not None:
            keys.add(needle[j : j + GRAM])
    return _WordIndex(text, keys).find_all


def _fits(h: Highlight, text: str) -> bool:
    pos = h.position
    return (
        pos is not None
        and bool(h.quote.exact)
        and 0 <= pos.start <= pos.end <= len(text)
        and text[pos.start : pos.end] == h.quote.exact
    )


def _set(h: Highlight, start: int, end: int, status: str | None) -> None:
    h.position = Position(start, end)
    h.status = status


def _nearest(text: str, needle: str, at: int) -> int:
    """Start of the occurrence of `needle` nearest to `at` (one exists)."""
    after = text.find(needle, max(0, at))
    before = text.rfind(needle, 0, max(0, at) + len(needle) - 1)
    if after < 0:
        return before
    if before < 0:
        return after
    return before if at - before <= after - at else after


def _exact_place(
    text: str, finder, quote: Quote, at: int
) -> tuple[tuple[int, int] | None, bool]:
    """The exact match (with context) nearest to `at`, and whether there are several.

    A short bare quote ("the mill") can occur thousands of times: two `find` calls (the second
    stops at the next copy, overlapping or not) tell one copy from several without listing all.
    """
    needle = quote.prefix + quote.exact + quote.suffix
    if _anchor(needle) is None:
        first = text.find(needle)
        if first < 0:
            return None, False
        several = text.find(needle, first + 1) >= 0
        start = _nearest(text, needle, at - len(quote.prefix)) if several and at else first
        start += len(quote.prefix)
        return (start, start + len(quote.exact)), several
    hits = finder(quote.exact, quote.prefix, quote.suffix)
    if not hits:
        return None, False
    return min(hits, key=lambda r: abs(r[0] - at)), len(hits) > 1


def place_highlights(guide: Guide, text: str) -> None:
    """Give every highlight of `guide` a position and status on the reading text `text`.

    Keeps positions that still fit; places quote-only highlights; re-places those whose position
    no longer fits; marks ambiguous placements `review`; sets `orphan` (position None) for the
    rest. A status awaiting confirmation (fuzzy, review) is never upgraded here.
    """
    norm: NormalText | None = None
    finder = _finder(guide, text)
    for h in guide.highlights:
        if _fits(h, text):
            if h.status == "orphan":
                h.status = None
            continue
        exact = h.quote.exact
        stored = h.position
        kept = h.status if h.status in UNCONFIRMED else None
        if not exact:
            h.position, h.status = None, "orphan"
            continue
        at = stored.start if stored is not None else 0
        hit, several = _exact_place(text, finder, h.quote, at)
        if hit is not None:
            _set(h, *hit, "review" if several else kept)
            continue
        if norm is None:
            # The fuzzy engine (edlib, difflib) loads only when an exact copy is missing: a
            # guide whose highlights all fit opens without it (start-up, bench_startup.py).
            from reading_guide.anchoring.locate import locate
            from reading_guide.anchoring.normalize import normalize, normalize_quote
            from reading_guide.anchoring.reanchor import paragraph_context

            norm = normalize(text)
        hints = [norm.to_normal(stored.start)] if stored is not None else []
        prefix, suffix = paragraph_context(h.quote.prefix, h.quote.suffix)
        decision = locate(norm.text, normalize_quote(exact), prefix, suffix, hints)
        if decision.start is None or decision.end is None:
            h.position, h.status = None, "orphan"
            continue
        start = norm.to_original(decision.start)
        end = max(start, norm.to_original(decision.end, end=True))
        status = None if decision.status == "exact" else decision.status
        _set(h, start, end, status or kept)
        if end > start and text[start:end] != exact:
            # The quote now describes what the reader sees (curly quotes, a fixed typo), so the
            # guide opens the same way next time; a status other than exact asks for a look.
            h.quote = describe_selection(text, start, end)
