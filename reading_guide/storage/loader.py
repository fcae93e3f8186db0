"""Loading a guide: read safely, compose without building objects, validate, place highlights."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reading_guide.collector import collector_paused
from reading_guide.hashing import sha256_hex
from reading_guide.model import Guide
from reading_guide.storage.files import FileStamp
from reading_guide.storage.yamlnodes import (
    check_text_size,
    compose,
    decode_guide_bytes,
    read_guide_bytes,
    read_guide_text,
)

if TYPE_CHECKING:
    from reading_guide.render import Document


class OpenedGuide(NamedTuple):
    """What the app needs to show a guide file: the guide, its parsed essay, and the stamp of
    the bytes it came from (for `save_guide(expected=)`)."""

    guide: Guide
    document: Document
    stamp: FileStamp


def loads_guide(text: str, file: str = "<string>") -> Guide:
    """The guide in `text`, validated and with every highlight placed on the reading text.

    Positions are always re-checked against the essay (so a hand-edited essay, whose stored
    sha256 no longer matches, is handled the same way): a highlight whose position no longer
    shows its quote is placed again from the quote, and one that cannot be found is kept as
    `orphan`. Nothing is dropped.
    """
    return _read(text, file)[0]


def _read(
    text: str, file: str, parse: Callable[[str], Document] | None = None
) -> tuple[Guide, Document | None]:
    """The guide, and the parsed essay when placing highlights needed it (so callers that show
    the essay need not parse a large one twice)."""
    from reading_guide.anchoring import place_highlights
    from reading_guide.storage.schema import GuideReader

    if parse is None:
        from reading_guide.render import parse as parse_markdown

        parse = parse_markdown
    check_text_size(text, file)
    if text.startswith("\ufeff"):
        text = text[1:]
    with collector_paused():
        guide = GuideReader(file).guide(compose(text, file))
        document = None
        if guide.highlights:
            document = parse(guide.essay.text)
            place_highlights(guide, document.text)
    return guide, document


def load_guide(path: str | Path) -> Guide:
    """The guide file at `path` (InputError naming the file for anything wrong with it)."""
    return loads_guide(read_guide_text(path), str(path))


def load_guide_with_stamp(path: str | Path) -> tuple[Guide, FileStamp]:
    """The guide and the stamp of the very bytes it was read from, for `save_guide(expected=)`.

    Taking the stamp with a separate `file_stamp` call after loading leaves a moment in which
    another program's save would go unnoticed; this reads the file once.
    """
    opened = open_guide(path)
    return opened.guide, opened.stamp


def open_guide(path: str | Path, *, use_cache: bool = False) -> OpenedGuide:
    """The guide file at `path` read once, with its parsed essay and its stamp.

    `use_cache` (the app) takes what these very bytes opened as before from the cache
    (storage/guide_cache.py), else the parsed essay (storage/parse_cache.py), and keeps the
    result: re-opening a guide then imports neither PyYAML nor markdown-it.
    """
    data, info = read_guide_bytes(path)
    parse: Callable[[str], Document]
    if use_cache:
        from reading_guide.storage import guide_cache
        from reading_guide.storage.parse_cache import parse_cached

        cached = _from_cache(data, info)
        if cached is not None:
            return cached
        parse = parse_cached
    else:
        from reading_guide.render import parse as parse_markdown

        parse = parse_markdown
    guide, document = _read(decode_guide_bytes(data, str(path)), str(path), parse)
    if document is None:
        document = parse(guide.essay.text)
    if use_cache:
        guide_cache.remember(data, guide, document)
    return OpenedGuide(guide, document, _stamp(data, info))


def open_cached_guide(path: str | Path) -> OpenedGuide | None:
    """`open_guide(path, use_cache=True)` when these bytes are in the cache, else None (also
    when the file cannot be read: the full read says why)."""
    from reading_guide.errors import InputError

    try:
        data, info = read_guide_bytes(path)
    except InputError:
        return None
    return _from_cache(data, info)


def _from_cache(data: bytes, info: os.stat_result) -> OpenedGuide | None:
    from reading_guide.storage import guide_cache

    cached = guide_cache.lookup(data)
    return None if cached is None else OpenedGuide(cached[0], cached[1], _stamp(data, info))


def _stamp(data: bytes, info: os.stat_result) -> FileStamp:
    return FileStamp(info.st_mtime_ns, info.st_size, sha256_hex(data))
