"""Counts in words ("1 paragraph", "12 paragraphs"), one rule for the window and the command line.

Usable from every layer (no imports). English only, as the app's own words are.
"""

from __future__ import annotations


def counted(n: int, word: str) -> str:
    """`n` and `word`, with an "s" unless `n` is 1: "1 repair", "0 repairs", "2,000 words"."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
