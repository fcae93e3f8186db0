"""Reading a guide file safely: size limit, decoding, and a YAML node tree built from parser events.

Why events and not `yaml.load` or `yaml.compose`: a guide holds only text, whole numbers, lists and
mappings, so any YAML tag (`!!python/object`, even `!!str`) or anchor/alias is refused the moment
the parser reports it, before a single object is built. An alias bomb ("billion laughs") therefore
fails on its first anchor, in microseconds, and nothing in the file can make PyYAML construct a
Python object. The composed tree keeps line and column for every value, so that validation
(`storage.schema`) can name the exact place of each problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reading_guide.errors import InputError
from reading_guide.inputfiles import read_input_file

if TYPE_CHECKING:
    import yaml

MAX_GUIDE_BYTES = 20 * 1024 * 1024
"""Guides bigger than this are refused: a whole book with thousands of notes is about 2 MB."""

MAX_DEPTH = 32
"""A guide nests four levels deep; anything far deeper is not a guide (and could exhaust memory)."""

MAX_NODES = 1_000_000
"""Values (keys included) in one guide: 10,000 highlights with notes and quotes are ~250,000.
Each costs ~150 bytes and ~3 µs to compose, so a 20 MB file of short list items (2.75 million
lines) stops at the millionth in about 3 s instead of taking 500 MB and more to build and check."""

_LIMIT_TEXT = f"{MAX_GUIDE_BYTES // (1024 * 1024)} MB"


class Node:
    """One YAML value: `kind` is "scalar", "map" or "seq"; line and column are 1-based.

    For a scalar, `value` is its text and `style` is "" when it was written plain (the only case in
    which `90` is a number or `~` is null); for a map, `value` is a list of (key, value) Node pairs;
    for a sequence, a list of Nodes.
    """

    __slots__ = ("kind", "value", "style", "line", "column")

    # `Any`, not a union: `kind` says which of the three it holds, and every reader checks
    # `kind` first; a union would need a cast at each of those places instead.
    value: Any

    def __init__(self, kind: str, value: Any, style: str, line: int, column: int) -> None:
        self.kind = kind
        self.value = value
        self.style = style
        self.line = line
        self.column = column

    @property
    def plain(self) -> bool:
        return self.kind == "scalar" and not self.style


def read_guide_bytes(path: str | Path) -> tuple[bytes, os.stat_result]:
    """The bytes of the guide file at `path` and its stat, checked for kind and size first."""
    return read_input_file(path, limit=MAX_GUIDE_BYTES, what="a guide")


def read_guide_text(path: str | Path) -> str:
    """The text of the guide file at `path`, or an InputError saying why it cannot be a guide."""
    return decode_guide_bytes(read_guide_bytes(path)[0], str(path))


def decode_guide_bytes(data: bytes, file: str) -> str:
    """UTF-8 (a byte-order mark is allowed and dropped); anything else is not a guide file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("not a text file in UTF-8 (it is UTF-16); guides are UTF-8", file=file)
    if b"\x00" in data:
        raise InputError("not a text file (it holds binary data)", file=file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not a text file in UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "guides are UTF-8",
            file=file,
            line=line,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def check_text_size(text: str, file: str) -> None:
    """The size limit for text that did not come from a file (each code point is >= 1 byte)."""
    if len(text) > MAX_GUIDE_BYTES or len(text.encode("utf-8")) > MAX_GUIDE_BYTES:
        raise InputError(f"guide is too large; the limit for a guide is {_LIMIT_TEXT}", file=file)


def compose(text: str, file: str) -> Node | None:
    """The node tree of the single YAML document in `text` (None for an empty file)."""
    import yaml  # here: reading a file's bytes, and a cached guide, need no YAML (cache.py)

    loader = yaml.CSafeLoader(text)
    try:
        return _compose(loader, file)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        raise InputError(
            f"YAML syntax error: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        raise InputError(f"YAML error: {error}", file=file) from None
    finally:
        loader.dispose()


def _refuse(message: str, event: yaml.Event, file: str) -> InputError:
    mark = event.start_mark
    if mark is None:
        return InputError(message, file=file)
    return InputError(message, file=file, line=mark.line + 1, column=mark.column + 1)


def _compose(loader: yaml.CSafeLoader, file: str) -> Node | None:
    from yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    root: Node | None = None
    documents = 0
    count = 0
    stack: list[Node] = []
    while True:
        # Any: the loop tells events apart by `type(event) is ...` (faster than isinstance on
        # millions of events), which mypy does not narrow; each branch uses only its kind's
        # attributes.
        event: Any = loader.get_event()
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise _refuse(
                    f"YAML anchors are not allowed in a guide (&{event.anchor})", event, file
                )
            tag = event.tag
            if tag is not None:
                raise _refuse(f"YAML tags are not allowed in a guide ({tag})", event, file)
            count += 1
            if count > MAX_NODES:
                raise _refuse(f"more than {MAX_NODES:,} values; not a guide this app can open",
                              event, file)
            mark = event.start_mark
            if kind is ScalarEvent:
                style = event.style or ""
                node = Node("scalar", event.value, style, mark.line + 1, mark.column + 1)
            else:
                node = Node(
                    "map" if kind is MappingStartEvent else "seq", [], "", mark.line + 1,
                    mark.column + 1,
                )
            if stack:
                stack[-1].value.append(node)
            else:
                root = node
            if kind is not ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _refuse(f"nested more than {MAX_DEPTH} levels deep", event, file)
                stack.append(node)
        elif kind is MappingEndEvent:
            done = stack.pop()
            flat: list[Node] = done.value
            done.value = list(zip(flat[0::2], flat[1::2], strict=True))
        elif kind is SequenceEndEvent:
            stack.pop()
        elif kind is AliasEvent:
            raise _refuse(f"YAML aliases are not allowed in a guide (*{event.anchor})", event, file)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse("more than one YAML document; a guide is one document", event, file)
        elif kind is StreamEndEvent:
            return root
        elif kind is DocumentEndEvent or kind is StreamStartEvent:
            continue
