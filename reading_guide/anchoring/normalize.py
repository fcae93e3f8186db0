"""Normalisation before matching, with a map back to the original text.

Revisions change typography more often than words: straight quotes become curly, `--` becomes an
em dash, white space and line breaks move when paragraphs are merged or split. Matching runs on a
normalised copy in which those differences vanish, and every position found there is mapped back
to the original text, so a highlight lands on the characters the reader actually sees.

The map is piecewise: a sorted list of segments, each either copied one-to-one or replaced (a run
collapsed to one character, or one character expanded). It costs one regular-expression pass over
the text, not a Python loop per character, so a 1 MB essay normalises in milliseconds.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters
# One character for one: applied first with str.translate, so positions do not move at all.
_ONE_FOR_ONE = str.maketrans(
    {c: "'" for c in _SINGLE_QUOTES}
    | {c: '"' for c in _DOUBLE_QUOTES}
    | {c: "-" for c in _DASHES}
    | {c: " " for c in "\t\n\r\v\f\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"}
    | {chr(c): " " for c in range(0x2000, 0x200B)}
)
_ONE_FOR_ONE_CHARS = re.compile("[" + "".join(chr(c) for c in _ONE_FOR_ONE) + "]")
# Units whose length changes (each becomes one segment of the map).
_SPECIAL = re.compile(
    r" {2,}|-{2,}|\u2026|[" + _ZERO_WIDTH + r"]+|.[\u0300-\u036f]+",
    re.DOTALL,
)
# The same without combining marks: most texts have none, and ".[marks]" is tried at every
# character, which makes the pass several times slower.
_SPECIAL_NO_MARKS = re.compile(r" {2,}|-{2,}|\u2026|[" + _ZERO_WIDTH + r"]+")
_MARK = re.compile(r"[\u0300-\u036f]")


def _replacement(unit: str) -> str:
    first = unit[0]
    if first == " ":
        return " "
    if first == "-":
        return "-"
    if first == "\u2026":
        return "..."
    if first in _ZERO_WIDTH:
        return ""
    return unicodedata.normalize("NFC", unit)


@dataclass(frozen=True)
class NormalText:
    """A normalised text and the map from its positions to the original's.

    `norm_starts[i]`/`orig_starts[i]` open segment i; `copied[i]` says whether it maps one to one.
    """

    text: str
    original: str
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    copied: tuple[bool, ...]

    def to_original(self, pos: int, *, end: bool = False) -> int:
        """The original position of normalised `pos`; `end=True` for the end of a range, so that a
        replaced unit (an em dash for `--`) is covered whole rather than cut in half."""
        pos = max(0, min(pos, len(self.text)))
        if not self.norm_starts:
            return pos
        i = bisect.bisect_right(self.norm_starts, pos) - 1
        if end and i > 0 and self.norm_starts[i] == pos:
            i -= 1  # an end at a segment boundary belongs to the segment before
            return self._segment_end(i)
        if i < 0:
            return pos
        offset = pos - self.norm_starts[i]
        if self.copied[i]:
            return self.orig_starts[i] + offset
        return self._segment_end(i) if end and offset > 0 else self.orig_starts[i]

    def _segment_end(self, i: int) -> int:
        return self.orig_starts[i + 1] if i + 1 < len(self.orig_starts) else len(self.original)

    def to_normal(self, pos: int, *, end: bool = False) -> int:
        """The normalised position of original `pos`. Inside a replaced unit: its start, or with
        `end=True` its end, so that a range ending in "--" or "…" keeps that unit."""
        pos = max(0, min(pos, len(self.original)))
        if not self.orig_starts:
            return pos
        i = bisect.bisect_right(self.orig_starts, pos) - 1
        if i < 0:
            return pos
        offset = pos - self.orig_starts[i]
        if self.copied[i]:
            return self.norm_starts[i] + offset
        if end and offset > 0:
            return self.norm_starts[i + 1] if i + 1 < len(self.norm_starts) else len(self.text)
        return self.norm_starts[i]


def normalize(text: str) -> NormalText:
    """Normalise `text` for matching: NFC, straight quotes, one dash, single spaces."""
    text_in = text
    # str.translate looks up every character; substituting only the few that change is faster.
    text = _ONE_FOR_ONE_CHARS.sub(lambda m: _ONE_FOR_ONE[ord(m.group())], text)
    parts: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    copied: list[bool] = []
    n = 0
    last = 0
    special = _SPECIAL if _MARK.search(text) else _SPECIAL_NO_MARKS
    for m in special.finditer(text):
        a, b = m.span()
        rep = _replacement(m.group())
        if rep == m.group():
            continue
        if a > last:
            norm_starts.append(n)
            orig_starts.append(last)
            copied.append(True)
            parts.append(text[last:a])
            n += a - last
        norm_starts.append(n)
        orig_starts.append(a)
        copied.append(False)
        parts.append(rep)
        n += len(rep)
        last = b
    if not norm_starts:
        return NormalText(text, text_in, (), (), ())
    if last < len(text):
        norm_starts.append(n)
        orig_starts.append(last)
        copied.append(True)
        parts.append(text[last:])
    return NormalText(
        "".join(parts), text_in, tuple(norm_starts), tuple(orig_starts), tuple(copied)
    )


# Anything normalisation would change; a quote without any is its own normal form.
_CHANGES = re.compile(
    _ONE_FOR_ONE_CHARS.pattern + r"| {2}|-{2}|\u2026|[" + _ZERO_WIDTH + r"\u0300-\u036f]"
)


def normalize_quote(text: str) -> str:
    """Just the normalised string (for quotes, prefixes and suffixes)."""
    if _CHANGES.search(text) is None and (text.isascii() or unicodedata.is_normalized("NFC",
                                                                                    text)):
        return text  # nothing to do: one search in C instead of building the map
    return normalize(text).text
