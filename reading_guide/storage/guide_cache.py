"""Opened guides in the app's cache (storage/cache.py), so re-opening skips PyYAML.

The key is the guide file's bytes: an entry holds what `open_guide` made of exactly those bytes,
the validated guide with its highlights placed, and the parsed essay. The guide is written as
plain tuples, one per dataclass of model/guide.py named by its class, and rebuilt only from that
list of classes; anything else in an entry makes it count as absent.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from reading_guide.model.guide import (
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.render.document import Document
from reading_guide.storage import cache
from reading_guide.storage.parse_cache import SOURCES as PARSER_SOURCES
from reading_guide.storage.parse_cache import document_from_plain, document_to_plain

KIND = "opened"
# Everything that decides what a guide file opens as: reading and checking it, placing its
# highlights, parsing its essay.
SOURCES = ("storage", "model", "anchoring", *PARSER_SOURCES, "yaml", "edlib")
_CLASSES = {cls.__name__: cls for cls in (
    Guide, Essay, Session, Category, Quote, Position, Highlight, Question, GlossaryEntry)}


class _NotAGuide(ValueError):
    pass


def lookup(data: bytes) -> tuple[Guide, Document] | None:
    """The guide and essay that the guide file `data` opened as before, or None."""
    value = cache.load(KIND, _key(data))
    if value is None:
        return None
    try:
        plain_guide, plain_document = value  # type: ignore[misc]
        guide = _from_plain(plain_guide)
    except (_NotAGuide, ValueError, TypeError):
        return None
    document = document_from_plain(plain_document)
    if not isinstance(guide, Guide) or document is None:
        return None
    return guide, document


def remember(data: bytes, guide: Guide, document: Document) -> None:
    """Keep what the guide file `data` opened as (call before anything edits `guide`)."""
    cache.store(KIND, _key(data), (_to_plain(guide), document_to_plain(document)))


def _key(data: bytes) -> str:
    return cache.entry_key(cache.code_fingerprint(*SOURCES), data)


def _to_plain(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise TypeError(f"not a guide class: {name}")
        return (name, *(_to_plain(getattr(value, f.name)) for f in fields(value)))
    if isinstance(value, list):
        return [_to_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in a guide")


def _from_plain(value: object) -> object:
    if isinstance(value, tuple):
        if not value or not isinstance(value[0], str) or value[0] not in _CLASSES:
            raise _NotAGuide("unknown record")
        cls = _CLASSES[value[0]]
        if len(value) - 1 != len(fields(cls)):
            raise _NotAGuide(f"{value[0]} with {len(value) - 1} fields")
        return cls(*(_from_plain(item) for item in value[1:]))
    if isinstance(value, list):
        return [_from_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise _NotAGuide(f"a {type(value).__name__} in a guide")
