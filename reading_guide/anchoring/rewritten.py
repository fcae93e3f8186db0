"""Finding a passage whose own words were rewritten, for a person to review.

When an editor rewrites the highlighted words themselves ("qsort is fine" -> "qsort is poor
because..."), cuts a sentence's tail, renames a heading, or rewrites an entry while moving it to
another section, no near match of the quote exists and the matcher says orphan. Two things can
still point to what became of the passage:

- its surroundings: the diff of the two editions knows where the unchanged text before and after
  the passage went, and whatever lies between them is what replaced it (`in_place`);
- its rare words: a word of the passage found only once or twice in the new edition marks where
  a moved and rewritten passage may be (`moved`);
- what survives of it: a run of its words, at least half of it, found once in the new edition and
  nowhere else in the old one (a passage moved and its tail cut, `surviving_part`).

What is found there must still share enough of the passage: at least 40% of its characters align
(edit distance) and 40% of its words of two or more letters appear. And it must not be some other
passage: text the diff maps from elsewhere in the old edition, or that another old passage matches
more closely, belongs to that passage (a deleted sentence is not brought back on a look-alike that
survived). What passes is proposed for `review`, never placed with confidence: a person confirms
that the rewritten words are still the passage that was meant. Everything else stays an orphan.
"""

from __future__ import annotations

import re
from collections import defaultdict

import edlib

from reading_guide.anchoring.approx import _fit_alphabet, approx_search
from reading_guide.anchoring.diffmap import TextMap
from reading_guide.anchoring.locate import Decision
from reading_guide.anchoring.words import cuts_word

MIN_SIMILARITY = 0.4  # 1 - edit distance / quote length, for the best alignment found
MIN_WORDS = 0.4  # share of the quote's words (two letters or more) still there
RARE = 2  # a word found at most this many times in the new edition marks a place
RARE_LENGTH = 4  # letters: shorter words are too common to mark anything
# Another old passage owns the proposed text only when it is closer to it by this share of the
# text's length in edits (see `_someone_elses`).
CLEARLY_CLOSER = 0.1
_WORD = re.compile(r"\w\w+")
REWRITTEN = "the highlighted words were rewritten; please confirm"
# A surviving part: at least this share of the passage's characters, and this many; passages of
# more words than MAX_PART_WORDS are left to the approximate matcher (the runs tried grow with
# the square of the words).
MIN_PART = 0.5
MIN_PART_CHARS = 24
MAX_PART_WORDS = 60
RARE_PLACES = 64  # a run whose rarest word is found more often than this is searched for whole
_RUN = re.compile(r"\S+")
PART_LEFT = "only part of the highlighted passage is left; please confirm"


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


class Relocator:
    """Looks for rewritten passages on one move (old -> new, both normalised)."""

    def __init__(self, text_map: TextMap, old: str, new: str) -> None:
        self.text_map, self.old, self.new = text_map, old, new
        self._index: dict[str, list[int]] | None = None

    def find(self, start: int, end: int) -> Decision | None:
        """A review proposal for old [start, end), or None."""
        target = self.old[start:end]
        if not target.strip():
            return None
        return (self.in_place(start, end, target) or self.moved(start, end, target)
                or self.surviving_part(start, end, target))

    def in_place(self, start: int, end: int, target: str) -> Decision | None:
        around = self.text_map.surroundings(start, end)
        if around is None:
            return None
        lo, hi = _trim(self.new, around[0], around[1])
        if hi <= lo:
            return None  # nothing between them: the passage was deleted
        return self._judge(start, end, target, lo, hi, whole=True)

    def moved(self, start: int, end: int, target: str) -> Decision | None:
        index = self._words_index()
        best: Decision | None = None
        places = set()
        for word in _words(target):
            found = index.get(word, ())
            if len(word) >= RARE_LENGTH and 0 < len(found) <= RARE:
                places.update(found)
        for at in sorted(places):
            lo, hi = max(0, at - len(target)), min(len(self.new), at + 2 * len(target))
            decision = self._judge(start, end, target, lo, hi, whole=False)
            if decision is not None and (best is None or decision.confidence > best.confidence):
                best = decision
        return best

    def surviving_part(self, start: int, end: int, target: str) -> Decision | None:
        """The longest run of the passage's words, at least half of it, that occurs exactly once
        in the new edition and, in the old one, only in this passage: what is left of it there."""
        words = [(m.start(), m.end()) for m in _RUN.finditer(target)]
        need = max(MIN_PART_CHARS, int(len(target) * MIN_PART))
        if len(target) < need or len(words) > MAX_PART_WORDS:
            return None
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                a, b = words[i][0], words[i + size - 1][1]
                if b - a < need:
                    continue
                run = target[a:b]
                at = self._once_in_new(run)
                if at is None or _once(self.old, run) is None or cuts_word(
                        self.new, at, at + len(run)):
                    continue
                if self._someone_elses(start, end, at, at + len(run)):
                    continue
                return Decision("review", round(len(run) / len(target), 3), at, at + len(run),
                                PART_LEFT)
        return None

    def _once_in_new(self, run: str) -> int | None:
        """Where `run` occurs in the new edition, when exactly once. Its rarest word's places in
        the word index say where it can be: a run with a word the new edition lacks costs no
        search, and one never costs more than a look at each of those few places."""
        index = self._words_index()
        best: tuple[int, list[int]] | None = None  # (the word's offset in run, its places)
        for m in _WORD.finditer(run):
            places = index.get(m.group().casefold(), [])
            if best is None or len(places) < len(best[1]):
                best = (m.start(), places)
            if not places:
                return None
        if best is None or len(best[1]) > RARE_PLACES:
            return _once(self.new, run)
        offset, places = best
        found = [p - offset for p in places if self.new.startswith(run, p - offset)]
        return found[0] if len(found) == 1 else None

    def _judge(self, start: int, end: int, target: str, lo: int, hi: int,
               whole: bool) -> Decision | None:
        """The passage's replacement within new [lo, hi), if it is alike enough and no other
        passage's. `whole`: propose all of [lo, hi) when it is short (a renamed heading)."""
        region = self.new[lo:hi]
        wanted = _words(target)
        if wanted and len(wanted & _words(region)) < MIN_WORDS * len(wanted):
            return None
        aligned = edlib.align(target, _fit_alphabet(region, target), mode="HW",
                              task="locations")
        errors = int(aligned["editDistance"])
        similarity = 1.0 - errors / len(target)
        if similarity < MIN_SIMILARITY:
            return None
        a, b = aligned["locations"][0]
        if not (whole and len(region) <= 2 * len(target)):
            lo, hi = lo + a, lo + b + 1
        if wanted and len(wanted & _words(self.new[lo:hi])) < MIN_WORDS * len(wanted) / 2:
            return None
        if self._someone_elses(start, end, lo, hi):
            return None
        return Decision("review", round(similarity, 3), lo, hi, REWRITTEN)

    def _someone_elses(self, start: int, end: int, lo: int, hi: int) -> bool:
        """Is new [lo, hi) another old passage's text: mapped from elsewhere by the diff, or
        matched clearly more closely by text elsewhere in the old edition than by this passage?

        "Clearly": two items of one list reworded alike ("Researchers may scrape public ..." and
        "Archivists may scrape the Service for public data ...", both now "... may use public
        information from the Service for ...") are about as far from either; a deleted sentence
        whose look-alike survived is far closer to the look-alike."""
        if self.text_map.taken(lo, hi, start, end) * 2 > hi - lo:
            return True
        piece = self.new[lo:hi]
        closest = approx_search(self.old, piece, limit=8, near=(start, end))
        if not closest or any(a < end and b > start for a, b, _ in closest):
            return False
        pad = len(piece) // 4
        own = edlib.align(piece, _fit_alphabet(self.old[max(0, start - pad) : end + pad], piece),
                          mode="HW", task="distance")["editDistance"]
        return closest[0][2] < own - max(2, len(piece) * CLEARLY_CLOSER)

    def _words_index(self) -> dict[str, list[int]]:
        """Where each word of the new edition is (built once per move, when first needed)."""
        if self._index is None:
            index: dict[str, list[int]] = defaultdict(list)
            for m in _WORD.finditer(self.new):
                index[m.group().casefold()].append(m.start())
            self._index = dict(index)
        return self._index


def _once(text: str, run: str) -> int | None:
    """Where `run` occurs in `text`, when it occurs exactly once."""
    at = text.find(run)
    if at < 0 or text.find(run, at + 1) >= 0:
        return None
    return at


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
