"""Loading a guide: read safely, compose without building objects, validate, place highlights."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reading_guide.model import Guide
from reading_guide.storage.files import FileStamp
from reading_guide.storage.schema import GuideReader
from reading_guide.storage.yamlnodes import (
    check_text_size,
    compose,
    decode_guide_bytes,
    read_guide_bytes,
    read_guide_text,
)


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


def load_guide_with_stamp(path: str | Path) -> tuple[Guide, FileStamp]:
    """The guide and the stamp of the very bytes it was read from, for `save_guide(expected=)`.

    Taking the stamp with a separate `file_stamp` call after loading leaves a moment in which
    another program's save would go unnoticed; this reads the file once.
    """
    data, info = read_guide_bytes(path)
    guide = loads_guide(decode_guide_bytes(data, str(path)), str(path))
    return guide, FileStamp(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())
