"""Exact mapping between reading-text offsets (code points) and Qt positions (UTF-16 units).

Guides store positions as code points in the reading text; Qt's QTextDocument counts UTF-16 code
units. The two differ only after a character outside the Basic Multilingual Plane (emoji, some
CJK extensions, historic scripts), each of which takes two UTF-16 units. Keeping the sorted list
of those characters' positions makes both directions a bisect, so mapping stays O(log n) on a
whole book, and costs nothing at all on the common all-BMP text.

The reader also shows a few characters that are not reading text (render/display.py: a blank
line between code paragraphs, code indentation), each run inserted before a reading-text
character. `inserted` lists them; a range maps to Qt from after the inserted characters at its
start to before those at its end, and a Qt position among them maps to the character they
stand before.

This module has no Qt import on purpose: it is plain arithmetic that tests can hammer directly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextMap:
    """Convert offsets in one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_qt", "_ins_cp", "_ins_sum", "cp_length", "qt_length")

    def __init__(self, text: str, inserted: Sequence[tuple[int, int]] = ()) -> None:
        """`inserted`: ascending (offset, count), `count` UTF-16 units shown before text[offset]
        that are not in `text`."""
        self.cp_length = len(text)
        self._ins_cp = [offset for offset, _ in inserted]
        self._ins_sum = [0]  # _ins_sum[i]: units inserted by the first i entries
        for _, count in inserted:
            self._ins_sum.append(self._ins_sum[-1] + count)
        if text.isascii():
            self._astral_cp: list[int] = []
        else:
            self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # The i-th astral character sits at UTF-16 position cp + i (i characters before it
        # each added one extra unit).
        self._astral_qt = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.qt_length = self.cp_length + len(self._astral_cp) + self._ins_sum[-1]

    @property
    def identity(self) -> bool:
        """True when both units agree everywhere (no astral characters, nothing inserted)."""
        return not self._astral_cp and not self._ins_cp

    def to_qt(self, cp: int, after: bool = True) -> int:
        """Qt position of code-point offset `cp` (0 <= cp <= len(text)): past the characters
        inserted before text[cp] when `after` (where a caret or a passage starts), else
        before them (where a passage ends)."""
        qt = cp
        if self._astral_cp:
            qt += bisect.bisect_left(self._astral_cp, cp)
        if self._ins_cp:
            find = bisect.bisect_right if after else bisect.bisect_left
            qt += self._ins_sum[find(self._ins_cp, cp)]
        return qt

    def to_cp(self, qt: int) -> int:
        """Code-point offset of Qt position `qt`; a position inside a surrogate pair rounds down,
        one among inserted characters maps to the character they stand before."""
        if self._ins_cp:
            # The last offset whose start (before its inserted characters) is at or before qt.
            lo, hi = 0, min(qt, self.cp_length)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self.to_qt(mid, after=False) <= qt:
                    lo = mid
                else:
                    hi = mid - 1
            return lo
        if not self._astral_qt:
            return qt
        # Astral characters starting before `qt` each account for one extra unit; one that
        # starts at qt-1 (so `qt` is between its two halves) also counts, which rounds down.
        return qt - bisect.bisect_left(self._astral_qt, qt)

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        qt_start = self.to_qt(start)
        return qt_start, max(qt_start, self.to_qt(end, after=False))

    def range_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """Code-point range of a Qt range; a half-covered astral character is included whole."""
        cp_start = self.to_cp(start)
        cp_end = self.to_cp(end)
        if self.to_qt(cp_end) < end and cp_end < self.cp_length:
            cp_end += 1
        return cp_start, cp_end
