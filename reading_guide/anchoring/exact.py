"""Exact W3C quote matching and describing a selection so that it can be found again.

A highlight is stored as a quote (exact text plus a little context) and a position. The quote is
what survives edits; the context is what tells repeats apart ("before us" appears twice in the
opening of *A Tale of Two Cities*). These functions follow the W3C TextQuoteSelector semantics and
Apache Annotator's algorithm for the shortest context that makes a quote unique.
"""

from __future__ import annotations

import re

from reading_guide.model import Quote

CONTEXT_CHARS = 32  # the longer context stored with a new highlight, for re-anchoring later


def find_exact(
    text: str, exact: str, prefix: str = "", suffix: str = "", limit: int | None = None
) -> list[tuple[int, int]]:
    """Every [start, end) of `exact` in `text` whose prefix and suffix agree (W3C semantics);
    the first `limit` of them when a limit is given (a phrase may occur 100,000 times).

    Matches may overlap ("ana" in "bananas" twice); an empty `exact` matches between characters.
    """
    needle = prefix + exact + suffix
    found: list[tuple[int, int]] = []
    i = text.find(needle)
    while i != -1 and (limit is None or len(found) < limit):
        start = i + len(prefix)
        found.append((start, start + len(exact)))
        i = text.find(needle, i + 1)
    return found


def _common_before(text: str, a: int, b: int, have: int, limit: int) -> int | None:
    """Length of prefix needed before `a` to tell it from `b`, or None if `a` runs out first
    (or the prefix would be longer than `limit`)."""
    k = have + 1
    while k <= min(a, limit) and b - k >= 0 and text[a - k] == text[b - k]:
        k += 1
    return k if k <= min(a, limit) else None


def _common_after(text: str, a: int, b: int, have: int, limit: int) -> int | None:
    """Length of suffix needed after end `a` to tell it from end `b` (None if `a` runs out, or
    the suffix would be longer than `limit`)."""
    n = min(len(text), a + limit)
    k = have + 1
    while a + k <= n and b + k <= len(text) and text[a + k - 1] == text[b + k - 1]:
        k += 1
    return k if a + k <= n else None


def describe_quote(text: str, start: int, end: int, max_context: int | None = None) -> Quote:
    """The shortest prefix and suffix that make text[start:end] unique (Apache Annotator's rule).

    Each other occurrence is ruled out in turn by growing whichever side needs fewer extra
    characters (the prefix on a tie). With `max_context`, neither side grows beyond that many
    characters: in a text that repeats a long passage no short context is unique, and finding
    out how long one would be costs a walk through the whole repeat per copy.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside a text of {len(text)} characters")
    limit = len(text) if max_context is None else max_context
    exact = text[start:end]
    prefix_len = suffix_len = 0
    for other, other_end in find_exact(text, exact):
        if other == start:
            continue
        # Still confused with the target under the context chosen so far?
        if other - prefix_len < 0 or other_end + suffix_len > len(text):
            continue
        if text[other - prefix_len : other] != text[start - prefix_len : start]:
            continue
        if text[other_end : other_end + suffix_len] != text[end : end + suffix_len]:
            continue
        need_prefix = _common_before(text, start, other, prefix_len, limit)
        need_suffix = _common_after(text, end, other_end, suffix_len, limit)
        if need_prefix is not None and (
            need_suffix is None or need_prefix - prefix_len <= need_suffix - suffix_len
        ):
            prefix_len = need_prefix
        elif need_suffix is not None:
            suffix_len = need_suffix
    prefix = text[start - prefix_len : start]
    return Quote(exact=exact, prefix=prefix, suffix=text[end : end + suffix_len])


_WORD_EDGE = re.compile(r"\s")
MANY_COPIES = 64  # beyond this many copies, a selection's shortest unique context is not sought


def _copies_beyond(text: str, exact: str, limit: int) -> bool:
    """Does `exact` occur more than `limit` times (counted in C, stopping early)?"""
    i, n = text.find(exact), 0
    while i != -1:
        n += 1
        if n > limit:
            return True
        i = text.find(exact, i + 1)
    return False


def describe_selection(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Quote:
    """The quote the app stores for a new highlight on text[start:end].

    Context is at least the shortest unique prefix/suffix (so the quote finds its place again on
    the same text) and up to `context` characters, cut at a word boundary, so that re-anchoring on
    a revised essay has enough surrounding words to tell the right passage from a look-alike.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside a text of {len(text)} characters")
    if start == end or _copies_beyond(text, text[start:end], MANY_COPIES):
        # An empty selection matches between every pair of characters, and a phrase repeated
        # hundreds of times ("lorem lorem") has no short unique context: working one out would
        # cost a pass per copy. The position pins such a highlight; the context below is kept.
        unique = Quote(exact=text[start:end])
    else:
        unique = describe_quote(text, start, end, max_context=4 * context)
    pstart = max(0, start - context)
    if pstart > 0:
        space = _WORD_EDGE.search(text, pstart, start)
        if space is not None:
            pstart = space.end()
    pstart = min(pstart, start - len(unique.prefix))
    send = min(len(text), end + context)
    if send < len(text):
        cut = max(text.rfind(" ", end, send), text.rfind("\n", end, send))
        if cut > end:
            send = cut
    send = max(send, end + len(unique.suffix))
    return Quote(exact=unique.exact, prefix=text[pstart:start], suffix=text[end:send])
