"""What the commands print: text from essays and guides made safe for a terminal.

An essay's title, a guide's quote or a file name can hold control characters: an escape
sequence from a hostile essay (`\\x1b]2;...`, `\\x1b[2J`) would retitle or clear the terminal, or
hide a line, when `new` or `info` echoed it raw. Every line a command prints goes through `say`:
control characters (C0 but the line feeds we put there, DEL, C1) and the bidirectional
controls that reorder a line as shown (U+202A-U+202E, U+2066-U+2069) are removed; names that
are not UTF-8 show U+FFFD (errors.printable). `--json` output is JSON, which escapes control
characters itself; `say_json` only makes sure it can be encoded.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from reading_guide.errors import printable

_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without terminal control characters (line feeds kept) and encodable."""
    return _CONTROLS.sub("", printable(text))


def say(text: str, stream: TextIO | None = None) -> None:
    """Print `text` (one or more of our lines) cleaned for a terminal."""
    print(clean(text), file=stream or sys.stdout)


def say_json(value: Any, stream: TextIO | None = None) -> None:
    """Print `value` as one line of JSON (non-ASCII as itself, as before)."""
    print(printable(json.dumps(value, ensure_ascii=False)), file=stream or sys.stdout)
