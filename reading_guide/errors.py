"""The one error type users see.

Every problem with user input (a file, an essay, a guide) becomes an `InputError` whose `str()` is a
single line naming the file and the problem. The command line prints it and exits 1; the app shows
it in a dialog. Nothing else should ever reach a user as a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

# Characters that would break the line or vanish: shown as escapes, so the line stays one line
# and still says which file or key it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_FILE_LIMIT = 500
_WHERE_LIMIT = 120  # a place names keys from the file, and a damaged file can have huge ones


def printable(text: str) -> str:
    """`text` with what a terminal or a UTF-8 file cannot take replaced by U+FFFD: a file name
    that is not valid in the file system's encoding reaches Python as lone surrogates
    (surrogateescape), and printing those raises UnicodeEncodeError."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        handler = "surrogateescape" if _only_escaped_bytes(text) else "surrogatepass"
        raw = text.encode("utf-8", handler)
        return raw.decode("utf-8", "replace")
    return text


def _only_escaped_bytes(text: str) -> bool:
    return all(not ("\ud800" <= c <= "\udfff") or "\udc80" <= c <= "\udcff" for c in text)


def _visible(text: str, limit: int) -> str:
    text = printable(text)
    text = _UNPRINTABLE.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InputError(Exception):
    """Bad input: one line, naming the file, the place in it and what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        where: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.where = where  # a path inside the document, like "questions[2].kind"
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """`FILE: line L, column C: questions[2].kind: message` with the parts that are known."""
        parts: list[str] = []
        if self.file:
            parts.append(_visible(self.file, _FILE_LIMIT))
        if self.line is not None:
            place = f"line {self.line}"
            if self.column is not None:
                place += f", column {self.column}"
            parts.append(place)
        if self.where:
            parts.append(_visible(self.where, _WHERE_LIMIT))
        parts.append(" ".join(self.message.split()))
        return ": ".join(parts)
