"""Exact copies of a quote in a text: the one nearest a place, and whether there are others.

Placing a quote needs only three answers: is there a copy, which one is nearest to where the
highlight was, and is there more than one (then the place is a guess, and the status says so).
None of them needs every copy, so the cost here does not grow with how often a phrase repeats:
a refrain that occurs 20 times, or "lorem" 100,000 times, costs two or three searches in C.

A copy must not start or end inside a longer word unless the quote's own context says so: a
bare "breath" is not found in "breathe" (words.py says what a word character is).

Placing 1,000 quotes with `str.find` scans a 1 MB essay 1,000 times, so with many quotes to place
an index of word starts is built once (`WordIndex`): any copy of a needle whose anchor (its first
word start after a space or line feed with GRAM characters after it) is preceded by a space or
line feed has that anchor's GRAM characters at such a word start in the text.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from reading_guide.anchoring.words import is_word_char

GRAM = 12  # characters of the index key
INDEX_WORTH_IT = 50  # quotes to place before an index of the text pays for itself
FEW = 64  # copies of an index key checked one by one; beyond this the search runs in C
WINDOW = 4096  # characters before a place searched for the copy just before it


def anchor_offset(needle: str) -> int | None:
    """Offset in `needle` of the first word start after a space or line feed with GRAM
    characters after it (None if there is none)."""
    for k in range(1, len(needle) - GRAM + 1):
        if needle[k - 1] in " \n" and needle[k] not in " \n":
            return k
    return None


class WordIndex:
    """Where each wanted key occurs at a word start (after a space or line feed), in order."""

    def __init__(self, text: str, keys: set[str]) -> None:
        # split/accumulate run in C; only the comprehension runs per word.
        words = text.replace("\n", " ").split(" ")
        starts = itertools.accumulate(map((1).__add__, map(len, words[:-1])), initial=0)
        index: dict[str, list[int]] = {}
        for i in [i for i in starts if text[i : i + GRAM] in keys]:
            index.setdefault(text[i : i + GRAM], []).append(i)
        self.index = index

    def starts(self, key: str) -> list[int]:
        return self.index.get(key, [])


class Copies:
    """Exact copies of quotes in one text; build once, ask for many quotes."""

    def __init__(self, text: str, needles: Iterable[str] = ()) -> None:
        self.text = text
        wanted = list(needles)
        self.index: WordIndex | None = None
        if len(wanted) >= INDEX_WORTH_IT:
            keys = set()
            for needle in wanted:
                j = anchor_offset(needle)
                if j is not None:
                    keys.add(needle[j : j + GRAM])
            self.index = WordIndex(text, keys)

    def nearest(
        self, exact: str, prefix: str = "", suffix: str = "", at: int = 0
    ) -> tuple[tuple[int, int] | None, bool]:
        """The copy of prefix+exact+suffix whose `exact` starts nearest to `at` (the first one
        when `at` is 0), and whether there is more than one copy."""
        if not exact:
            return None, False
        needle = prefix + exact + suffix
        left = not prefix and is_word_char(exact[0])
        right = not suffix and is_word_char(exact[-1])
        at = max(0, at - len(prefix))
        found = self._from_index(needle, left, right, at)
        if found is None:
            found = self._scan(needle, left, right, at)
        hit, several = found
        if hit is None:
            return None, False
        start = hit + len(prefix)
        return (start, start + len(exact)), several

    def _edges_ok(self, i: int, n: int, left: bool, right: bool) -> bool:
        text = self.text
        if left and i > 0 and is_word_char(text[i - 1]):
            return False
        return not (right and i + n < len(text) and is_word_char(text[i + n]))

    def _from_index(
        self, needle: str, left: bool, right: bool, at: int
    ) -> tuple[int | None, bool] | None:
        """The answer from the word index, or None when it cannot give one cheaply."""
        if self.index is None:
            return None
        j = anchor_offset(needle)
        if j is None:
            return None
        starts = self.index.starts(needle[j : j + GRAM])
        if len(starts) > FEW:
            return None
        text, n = self.text, len(needle)
        hits = [i - j for i in starts
                if i >= j and text.startswith(needle, i - j) and self._edges_ok(i - j, n, left,
                                                                                  right)]
        if not hits:
            return None, False
        return _closest(hits, at), len(hits) > 1

    def _scan(self, needle: str, left: bool, right: bool, at: int) -> tuple[int | None, bool]:
        """The answer from searches in C (str.find). Where a copy must not sit inside a longer
        word, copies are checked one by one, at most FEW of them: a fragment found inside
        words more often than that ("an" in a book) has no trustworthy copy, and the approximate
        matcher decides instead."""
        text = self.text
        if not (left or right):
            first = text.find(needle)
            if first < 0:
                return None, False
            several = text.find(needle, first + 1) >= 0
            if not several or at <= 0:
                return first, several
            after = text.find(needle, at)
            before = text.rfind(needle, max(0, at - WINDOW), at + len(needle) - 1)
            return _pick(before, after, at, first), True
        ok, complete = self._ok_copies(needle, left, right, 0, 2)
        if not ok:
            return None, False
        several = len(ok) > 1 or not complete
        if not several or at <= 0:
            return ok[0], several
        following, _ = self._ok_copies(needle, left, right, at, 1)
        before = -1
        i, looked = text.find(needle, max(0, at - WINDOW)), 0
        while 0 <= i < at and looked < FEW:
            looked += 1
            if self._edges_ok(i, len(needle), left, right):
                before = i
            i = text.find(needle, i + 1)
        return _pick(before, following[0] if following else -1, at, ok[0]), True

    def _ok_copies(self, needle: str, left: bool, right: bool, pos: int,
                   wanted: int) -> tuple[list[int], bool]:
        """Up to `wanted` copies from `pos` whose word edges are right, looking at no more than
        FEW copies; and whether the look was complete (False: it stopped at FEW)."""
        text = self.text
        found: list[int] = []
        i = text.find(needle, pos)
        looked = 0
        while i >= 0 and len(found) < wanted:
            looked += 1
            if looked > FEW:
                return found, False
            if self._edges_ok(i, len(needle), left, right):
                found.append(i)
            i = text.find(needle, i + 1)
        return found, True


def _pick(before: int, after: int, at: int, first: int) -> int:
    if after < 0 and before < 0:
        return first
    if after < 0:
        return before
    if before < 0:
        return after
    return before if at - before <= after - at else after


def _closest(hits: list[int], at: int) -> int:
    if at <= 0:
        return hits[0]
    k = bisect.bisect_left(hits, at)
    near = [hits[i] for i in (k - 1, k) if 0 <= i < len(hits)]
    return min(near, key=lambda i: (abs(i - at), i))
