"""Whole words: a selection made by hand is widened to the words it touches (no Qt here)."""

from __future__ import annotations

import unicodedata


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "'’_" or unicodedata.category(ch).startswith("M")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim white space off a range, then widen partial words at either end to whole words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    n = len(text)
    while end < n and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        end += 1
    return start, end
