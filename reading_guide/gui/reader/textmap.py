"""Exact mapping between reading-text offsets (code points) and Qt positions (UTF-16 units).

Guides store positions as code points in the reading text; Qt's QTextDocument counts UTF-16 code
units. The two differ only after a character outside the Basic Multilingual Plane (emoji, some
CJK extensions, historic scripts), each of which takes two UTF-16 units. Keeping the sorted list
of those characters' positions makes both directions a bisect, so mapping stays O(log n) on a
whole book, and costs nothing at all on the common all-BMP text.

This module has no Qt import on purpose: it is plain arithmetic that tests can hammer directly.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextMap:
    """Convert offsets in one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_qt", "cp_length", "qt_length")

    def __init__(self, text: str) -> None:
        self.cp_length = len(text)
        if text.isascii():
            self._astral_cp: list[int] = []
        else:
            self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # The i-th astral character sits at UTF-16 position cp + i (i characters before it
        # each added one extra unit).
        self._astral_qt = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.qt_length = self.cp_length + len(self._astral_cp)

    @property
    def identity(self) -> bool:
        """True when both units agree everywhere (no astral characters)."""
        return not self._astral_cp

    def to_qt(self, cp: int) -> int:
        """Qt position of code-point offset `cp` (0 <= cp <= len(text))."""
        if not self._astral_cp:
            return cp
        return cp + bisect.bisect_left(self._astral_cp, cp)

    def to_cp(self, qt: int) -> int:
        """Code-point offset of Qt position `qt`; a position inside a surrogate pair rounds down."""
        if not self._astral_qt:
            return qt
        # Astral characters starting before `qt` each account for one extra unit; one that
        # starts at qt-1 (so `qt` is between its two halves) also counts, which rounds down.
        return qt - bisect.bisect_left(self._astral_qt, qt)

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """Code-point range of a Qt range; a half-covered astral character is included whole."""
        cp_start = self.to_cp(start)
        cp_end = self.to_cp(end)
        if self.to_qt(cp_end) < end:
            cp_end += 1
        return cp_start, cp_end
