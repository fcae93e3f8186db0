"""Placing a guide's highlights on its reading text when a guide is opened."""

from __future__ import annotations

from reading_guide.anchoring.exact import find_exact
from reading_guide.model import Guide, Position


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
