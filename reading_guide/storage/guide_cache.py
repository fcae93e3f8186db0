"""Opened guides in the app's cache (storage/cache.py), so re-opening skips PyYAML.

The key is the guide file's bytes: an entry holds what `open_guide` made of exactly those bytes,
the validated guide with its highlights placed, and the parsed essay. The guide is written as
plain tuples, one per dataclass of model/guide.py named by its class, and rebuilt only from that
list of classes; anything else in an entry makes it count as absent.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from reading_guide.model.guide import (
    Category,
    Essay,
    EssayOrigin,
    GlossaryEntry,
    Guide,
    HandoutDefaults,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.render.document import Document
from reading_guide.storage import cache
from reading_guide.storage.parse_cache import SOURCES as PARSER_SOURCES
from reading_guide.storage.parse_cache import document_from_plain, document_to_plain, fingerprint

KIND = "opened"
# Everything that decides what a guide file opens as: reading and checking it, placing its
# highlights, parsing its essay.
SOURCES = ("storage", "model", "anchoring", *PARSER_SOURCES, "yaml", "edlib")
_CLASSES = {cls.__name__: cls for cls in (
    Guide, Essay, EssayOrigin, Session, Category, Quote, Position, Highlight, Question,
    GlossaryEntry, HandoutDefaults)}
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls)) for cls in _CLASSES.values()}
_SCALARS = (str, int, float, bool, type(None))


class _NotAGuide(ValueError):
    pass


def lookup(data: bytes) -> tuple[Guide, Document] | None:
    """The guide and essay that the guide file `data` opened as before, or None."""
    value = cache.load(KIND, _key(data))
    if value is None:
        return None
    try:
        plain_guide, plain_document = value
        guide = _from_plain(plain_guide, 0)
    except (_NotAGuide, ValueError, TypeError):
        return None
    document = document_from_plain(plain_document)
    if not isinstance(guide, Guide) or document is None:
        return None
    return guide, document


def remember(data: bytes, guide: Guide, document: Document) -> None:
    """Keep what the guide file `data` opened as (call before anything edits `guide`); a guide
    holding something this module cannot write is simply not kept."""
    try:
        plain = _to_plain(guide)
    except TypeError:
        return
    cache.store(KIND, _key(data), (plain, document_to_plain(document)))


def _key(data: bytes) -> str:
    return cache.entry_key(fingerprint(*SOURCES), data)


def _to_plain(value: object) -> Any:
    if type(value) in _SCALARS:
        return value
    names = _FIELDS.get(type(value))
    if names is not None:
        return (type(value).__name__, *[_to_plain(getattr(value, name)) for name in names])
    if isinstance(value, list):
        return [_to_plain(item) for item in value]
    raise TypeError(f"cannot keep a {type(value).__name__} in a guide")


# A guide nests five levels (guide, list, question, follow-up list, text); a cache entry that
# nests deeper is not one of ours, and is refused before recursion could run deep.
_MAX_DEPTH = 8


def _from_plain(value: Any, depth: int) -> Any:
    """The model object that `_to_plain` gave `value` for; _NotAGuide for anything else."""
    if type(value) in _SCALARS:
        return value
    if depth > _MAX_DEPTH:
        raise _NotAGuide("nested deeper than a guide")
    if isinstance(value, tuple):
        cls = _CLASSES.get(value[0]) if value and isinstance(value[0], str) else None
        if cls is None or len(value) - 1 != len(_FIELDS[cls]):
            raise _NotAGuide(f"not a record of a guide: {str(value)[:40]}")
        return cls(*[_from_plain(item, depth + 1) for item in value[1:]])
    if isinstance(value, list):
        return [_from_plain(item, depth + 1) for item in value]
    raise _NotAGuide(f"a {type(value).__name__} in a guide")
