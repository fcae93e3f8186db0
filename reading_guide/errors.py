"""The one error type users see.

Every problem with user input (a file, an essay, a guide) becomes an `InputError` whose `str()` is a
single line naming the file and the problem. The command line prints it and exits 1; the app shows
it in a dialog. Nothing else should ever reach a user as a traceback.
"""

from __future__ import annotations

from pathlib import Path


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
            parts.append(self.file)
        if self.line is not None:
            place = f"line {self.line}"
            if self.column is not None:
                place += f", column {self.column}"
            parts.append(place)
        if self.where:
            parts.append(self.where)
        parts.append(" ".join(self.message.split()))
        return ": ".join(parts)
