"""Where did each part of the old essay go? A fast word diff used as the prior for re-anchoring.

`difflib.SequenceMatcher` on the ~170,000 words of a 1 MB book takes seconds; this is a patience
diff instead: word pairs that occur exactly once in both texts are anchors, the longest increasing
chain of them fixes the order, equal words are grown out from every anchor, and the gaps between
are diffed again the same way (small gaps with SequenceMatcher). Linear-ish, about 0.1 s per MB.

Anchors that fall outside the chain are remembered too: they are text that *moved* (a reordered
paragraph), and they point re-anchoring to the new home of a passage the diff calls deleted.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
from collections import Counter
from dataclasses import dataclass

_SMALL_GAP = 400  # words; below this SequenceMatcher is fast enough
_LARGE_GAP = 1500  # words; SequenceMatcher's limit when no word is unique


def _words(text: str) -> tuple[list[str], list[int]]:
    """Words and their starts. The text is normalised (single spaces), so a split is enough;
    empty "words" at the edges are harmless."""
    words = text.split(" ")
    starts = list(itertools.accumulate(map((1).__add__, map(len, words[:-1])), initial=0))
    return words, starts


def _unique_pairs(
    old: list[str], new: list[str], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[int, int]]:
    """(i, j) for words that occur exactly once in old[a0:a1] and once in new[b0:b1].

    Single words, not n-grams: counting strings (whose hashes Python caches) is several times
    faster, and the recursion into gaps finds words that are unique within each gap.
    """
    olds, news = old[a0:a1], new[b0:b1]
    count_old, count_new = Counter(olds), Counter(news)
    in_new = {w: b0 + j for j, w in enumerate(news) if count_new[w] == 1}
    return [
        (a0 + i, in_new[w])
        for i, w in enumerate(olds)
        if count_old[w] == 1 and w in in_new
    ]


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of `pairs` (sorted by i) increasing in j (patience sorting)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_idx.append(n)
        else:
            tails[k] = j
            tail_idx[k] = n
        back[n] = tail_idx[k - 1] if k > 0 else -1
    chain: list[tuple[int, int]] = []
    n = tail_idx[-1] if tail_idx else -1
    while n != -1:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def word_blocks(old: list[str], new: list[str]) -> tuple[list[tuple[int, int, int]], list]:
    """Matching word runs (i, j, size) in order, and the out-of-order (moved) anchor pairs."""
    blocks: list[tuple[int, int, int]] = []
    moved: list[tuple[int, int]] = []
    stack = [(0, len(old), 0, len(new))]
    while stack:
        a0, a1, b0, b1 = stack.pop()
        # Equal words at both ends of the gap pair up directly (an insertion at the start of a
        # repetitive text has no unique word to anchor on, but its tail is all equal).
        p = 0
        while a0 + p < a1 and b0 + p < b1 and old[a0 + p] == new[b0 + p]:
            p += 1
        if p:
            blocks.append((a0, b0, p))
            a0, b0 = a0 + p, b0 + p
        q = 0
        while a1 - q > a0 and b1 - q > b0 and old[a1 - q - 1] == new[b1 - q - 1]:
            q += 1
        if q:
            blocks.append((a1 - q, b1 - q, q))
            a1, b1 = a1 - q, b1 - q
        if a0 >= a1 or b0 >= b1:
            continue
        area = (a1 - a0) * (b1 - b0)
        pairs = [] if area <= _SMALL_GAP**2 else _unique_pairs(old, new, a0, a1, b0, b1)
        chain = _longest_chain(pairs)
        if not chain:
            if area <= _LARGE_GAP**2:  # small, or no unique words to anchor on
                sm = difflib.SequenceMatcher(None, old[a0:a1], new[b0:b1], autojunk=False)
                blocks += [(a0 + i, b0 + j, n) for i, j, n in sm.get_matching_blocks() if n]
            continue  # else: nothing in common that can be trusted
        in_chain = set(chain)
        moved += [p for p in pairs if p not in in_chain]
        # Grow each anchor into a run of equal words and recurse into the gaps between runs.
        ai, bj = a0, b0
        for i, j in chain:
            if i < ai or j < bj:
                continue  # swallowed by the previous run
            s = 0
            while i - s - 1 >= ai and j - s - 1 >= bj and old[i - s - 1] == new[j - s - 1]:
                s += 1
            e = 0
            while i + e < a1 and j + e < b1 and old[i + e] == new[j + e]:
                e += 1
            stack.append((ai, i - s, bj, j - s))
            blocks.append((i - s, j - s, s + e))
            ai, bj = i + e, j + e
        stack.append((ai, a1, bj, b1))
    blocks.sort()
    return blocks, sorted(moved)


@dataclass(frozen=True)
class Mapped:
    """Where an old range is expected in the new text."""

    start: int
    end: int
    preserved: bool  # the range and `margin` characters around it are unchanged
    hints: tuple[int, ...]  # likely new starts (from the diff, and from moved text)
    in_place: bool = True  # edited where it stood (so no need to look for it elsewhere)


class TextMap:
    """Character-level map from an old text to a new one (both already normalised)."""

    def __init__(self, old: str, new: str) -> None:
        old_words, old_starts = _words(old)
        new_words, new_starts = _words(new)
        blocks, moved = word_blocks(old_words, new_words)
        self.old_len, self.new_len = len(old), len(new)
        self.a: list[int] = []
        self.b: list[int] = []
        self.n: list[int] = []
        for i, j, size in blocks:
            last = i + size - 1
            a = old_starts[i]
            length = old_starts[last] + len(old_words[last]) - a
            self.a.append(a)
            self.b.append(new_starts[j])
            self.n.append(length)
        self.moved_old = [old_starts[i] for i, _ in moved]
        self.moved_new = [new_starts[j] for _, j in moved]

    def map_range(self, start: int, end: int, margin: int = 16) -> Mapped:
        k = bisect.bisect_right(self.a, start) - 1
        hints: list[int] = []
        if k >= 0:
            a, b, n = self.a[k], self.b[k], self.n[k]
            if start < a + n:
                before = min(margin, start)
                after = min(margin, self.old_len - end)
                preserved = start - before >= a and end + after <= a + n
                in_place = preserved or self._in_place(k, start, end)
                return Mapped(b + start - a, b + end - a, preserved, (b + start - a,), in_place)
            # in a gap: interpolate from the end of the block before
            hints.append(min(b + n + (start - a - n), self._next_b(k)))
        else:
            hints.append(0)
        m = bisect.bisect_left(self.moved_old, start)
        for idx in (m - 1, m):
            if 0 <= idx < len(self.moved_old) and abs(self.moved_old[idx] - start) < 2000:
                hints.append(self.moved_new[idx] + start - self.moved_old[idx])
        s = hints[0]
        in_place = self._in_place(k, start, end)
        return Mapped(s, s + end - start, False, tuple(dict.fromkeys(hints)), in_place)

    def surroundings(
        self, start: int, end: int, min_run: int = 12, reach: int = 400
    ) -> tuple[int, int, int, int] | None:
        """Where the text around [start, end) went: (new_lo, new_hi, old_lo, old_hi), the new
        range between the nearest unchanged runs of at least `min_run` characters on each side
        (within `reach` characters of the range), and the old range between the same runs.

        When both sides survive, whatever replaced the passage lies between them: the place to
        look for a passage whose own words were rewritten. None when a side has no such run.
        """
        k = bisect.bisect_right(self.a, start) - 1
        left = None
        while k >= 0:
            a, b, n = self.a[k], self.b[k], self.n[k]
            if a + n <= start - reach:
                break
            before = min(a + n, start) - a
            if before >= min_run:
                left = (b + before, a + before)
                break
            k -= 1
        if left is None:
            return None
        j = bisect.bisect_left(self.a, end)
        if j > 0 and self.a[j - 1] + self.n[j - 1] > end:
            j -= 1  # the run that holds `end`
        right = None
        while j < len(self.a):
            a, b, n = self.a[j], self.b[j], self.n[j]
            if a >= end + reach:
                break
            after = a + n - max(a, end)
            if after >= min_run:
                offset = max(a, end) - a
                right = (b + offset, a + offset)
                break
            j += 1
        if right is None or right[0] < left[0]:
            return None
        return left[0], right[0], left[1], right[1]

    def taken(self, new_start: int, new_end: int, old_start: int, old_end: int) -> int:
        """Characters of new [new_start, new_end) that the diff maps from old text outside
        [old_start, old_end): text that is some other passage's, not this one's."""
        covered = 0
        k = max(0, bisect.bisect_right(self.b, new_start) - 1)
        while k < len(self.b) and self.b[k] < new_end:
            a, b, n = self.a[k], self.b[k], self.n[k]
            lo, hi = max(new_start, b), min(new_end, b + n)
            if hi > lo:
                # the part of this run that comes from outside the passage
                inside = max(0, min(old_end, a + (hi - b)) - max(old_start, a + (lo - b)))
                covered += (hi - lo) - inside
            k += 1
        return covered

    def _in_place(self, k: int, start: int, end: int) -> bool:
        """Is [start, end) mostly kept where it was, or replaced there by a comparable amount of
        new text? If not, it was deleted or moved away: worth searching the whole text."""
        covered = 0
        i = max(k, 0)
        while i < len(self.a) and self.a[i] < end:
            covered += max(0, min(end, self.a[i] + self.n[i]) - max(start, self.a[i]))
            i += 1
        if covered * 2 >= end - start:
            return True
        # the gap after block k (or before the first block) on both sides
        old_lo = self.a[k] + self.n[k] if k >= 0 else 0
        new_lo = self.b[k] + self.n[k] if k >= 0 else 0
        old_hi = self.a[k + 1] if k + 1 < len(self.a) else self.old_len
        new_hi = self._next_b(k)
        return (new_hi - new_lo) * 2 >= (old_hi - old_lo)

    def _next_b(self, k: int) -> int:
        return self.b[k + 1] if k + 1 < len(self.b) else self.new_len
