"""Exact W3C quote matching and selection description (first cut; fuzzy matching builds on it)."""

from __future__ import annotations

from reading_guide.model import Guide, Position, Quote


def find_exact(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[tuple[int, int]]:
    """Every [start, end) of `exact` in `text` whose prefix and suffix agree (W3C semantics)."""
    needle = prefix + exact + suffix
    found: list[tuple[int, int]] = []
    i = text.find(needle)
    while i != -1:
        start = i + len(prefix)
        found.append((start, start + len(exact)))
        i = text.find(needle, i + 1)
    return found


def describe_selection(text: str, start: int, end: int, context: int = 32) -> Quote:
    """The quote for text[start:end] with up to `context` characters of prefix and suffix."""
    return Quote(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def place_highlights(guide: Guide, text: str) -> None:
    """Keep positions that still fit `text`; place the others from their quote; else orphan."""
    for h in guide.highlights:
        pos = h.position
        if pos is not None and 0 <= pos.start <= pos.end <= len(text):
            if text[pos.start : pos.end] == h.quote.exact:
                continue
        matches = find_exact(text, h.quote.exact, h.quote.prefix, h.quote.suffix) or find_exact(
            text, h.quote.exact
        )
        if matches and h.quote.exact:
            start, end = matches[0]
            h.position = Position(start, end)
            if len(matches) > 1 and h.status is None:
                h.status = "review"
        else:
            h.position = None
            h.status = "orphan"
