"""What a word character is, for the rule that a placement does not cut a word.

Letters, digits and `_` of scripts written with spaces between words. Scripts written without
them (Thai, Lao, Myanmar, Khmer, and CJK from U+2E80 up) have no word boundary to respect, so
their characters do not count. A module of its own, light to import: opening a guide checks
word edges before it needs anything else of the anchoring engine.
"""

from __future__ import annotations

import re
from functools import cache

NO_SPACE_SCRIPTS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\U0010ffff"


@cache
def word_char_pattern() -> re.Pattern[str]:
    """One word character (compiled on first use: the class is large)."""
    return re.compile(f"[^\\W{NO_SPACE_SCRIPTS}]")


@cache
def word_run_pattern() -> re.Pattern[str]:
    """A run of word characters."""
    return re.compile(f"[^\\W{NO_SPACE_SCRIPTS}]+")


def is_word_char(c: str) -> bool:
    if c.isascii():  # the common case, without the pattern
        return c.isalnum() or c == "_"
    return word_char_pattern().match(c) is not None


def cut_ends(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Does text[start:end] start inside a word, and does it end inside one?"""
    left = 0 < start < end and is_word_char(text[start - 1]) and is_word_char(text[start])
    right = start < end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end])
    return left, right


def cuts_word(text: str, start: int, end: int) -> bool:
    """Does text[start:end] begin or end inside a word ("breath" in "breathe")?"""
    return any(cut_ends(text, start, end))
