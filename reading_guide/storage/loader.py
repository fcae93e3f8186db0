"""Loading a guide: read safely, compose without building objects, validate, place highlights."""

from __future__ import annotations

from pathlib import Path

from reading_guide.model import Guide
from reading_guide.storage.schema import GuideReader
from reading_guide.storage.yamlnodes import check_text_size, compose, read_guide_text


def loads_guide(text: str, file: str = "<string>") -> Guide:
    """The guide in `text`, validated and with every highlight placed on the reading text.

    Positions are always re-checked against the essay (so a hand-edited essay, whose stored
    sha256 no longer matches, is handled the same way): a highlight whose position no longer
    shows its quote is placed again from the quote, and one that cannot be found is kept as
    `orphan`. Nothing is dropped.
    """
    from reading_guide.anchoring import place_highlights
    from reading_guide.render import parse

    check_text_size(text, file)
    if text.startswith("\ufeff"):
        text = text[1:]
    guide = GuideReader(file).guide(compose(text, file))
    if guide.highlights:
        place_highlights(guide, parse(guide.essay.text).text)
    return guide


def load_guide(path: str | Path) -> Guide:
    """The guide file at `path` (InputError naming the file for anything wrong with it)."""
    return loads_guide(read_guide_text(path), str(path))
