"""Logging for the whole package: module loggers everywhere, one rotating file set up once.

Every module logs through `logger(__name__)` (loggers under "reading_guide"); nothing in the
core prints. What becomes of the records is decided once, by the entry point: `cli.main` calls
`setup_logging` for each command, and the app calls it when its window is up (importing
`logging` costs ~10 ms, which start-up does not pay: `logger()` imports it only when a module
first logs, and modules log on rare paths: failures, slow work, clean-ups).

The file is `reading-guide.log` in `userdirs.log_folder()` (the platform's state folder), kept
to 1 MB and three older files, so a facilitator can send it with a bug report and it never grows.
`--debug` lowers the level to DEBUG and copies the records, tracebacks included, to stderr for
the developer. A log that cannot be written (full disk, read-only home) is silently skipped:
logging must never turn a working command into a failing one, nor print on stderr.

Why the standard library's `logging` and not a third-party package: it is what every library
we use (WeasyPrint, fontTools, PyYAML) already logs to, its RotatingFileHandler does exactly
this, and it adds no dependency.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    import logging

ROOT = "reading_guide"
LOG_NAME = "reading-guide.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def logger(name: str) -> logging.Logger:
    """The logger of module `name`. Until an entry point sets up logging its records go
    nowhere (a NullHandler on the package's logger), never to stderr."""
    import logging

    package = logging.getLogger(ROOT)
    if not package.handlers:
        package.addHandler(logging.NullHandler())
    return logging.getLogger(name)


def setup_logging(
    *, debug: bool = False, folder: Path | None = None, stderr: TextIO | None = None
) -> Path | None:
    """Send the package's records to the rotating log file (and to `stderr` with `debug`).

    Call once per process, from an entry point; a second call only changes the level (and adds
    the stderr copy for `debug`). Returns the log file's path, or None when it cannot be written.
    """
    import logging

    package = logging.getLogger(ROOT)
    package.setLevel(logging.DEBUG if debug else logging.INFO)
    package.propagate = False  # our records go to our handlers only, never to lastResort
    if not any(isinstance(h, logging.NullHandler) for h in package.handlers):
        package.addHandler(logging.NullHandler())
    if debug and not any(getattr(h, "debug_copy", False) for h in package.handlers):
        import sys

        stream = _quiet(logging.StreamHandler(stderr or sys.stderr))
        stream.debug_copy = True  # type: ignore[attr-defined]  # our marker, see above
        stream.setFormatter(logging.Formatter("reading-guide: %(levelname)s %(name)s: "
                                              "%(message)s"))
        package.addHandler(stream)
    for handler in package.handlers:
        if getattr(handler, "log_file", None) is not None:
            return Path(handler.log_file)  # type: ignore[attr-defined]  # our marker
    if folder is None:
        from reading_guide.userdirs import log_folder

        folder = log_folder()
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    file = _quiet(_log_file(path))
    file.log_file = str(path)  # type: ignore[attr-defined]  # marks the handler as ours
    file.setFormatter(logging.Formatter(_FORMAT))
    package.addHandler(file)
    return path


def _log_file(path: Path) -> logging.Handler:
    """The handler of the log file at `path` (its class is defined here: it subclasses
    `logging.Handler`, and this module does not import `logging` when it loads)."""
    import logging

    class LogFile(logging.Handler):
        """The rotating log file, opened by the first record written to it.

        Why not a RotatingFileHandler at once: `logging.handlers` imports pickle, socket,
        queue and selectors (~10 ms), and the app sets logging up as it starts, when most runs
        log nothing at all (bench/bench_startup.py). The first record pays for it instead."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path
            self._file: logging.Handler | None = None

        def emit(self, record: logging.LogRecord) -> None:
            try:
                if self._file is None:
                    from logging.handlers import RotatingFileHandler

                    self._file = _quiet(RotatingFileHandler(
                        self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                        delay=True, errors="backslashreplace"))
                self._file.formatter = self.formatter
                self._file.handle(record)
            except Exception:  # noqa: BLE001 - logging never fails a command (see above)
                self.handleError(record)

        def flush(self) -> None:
            if self._file is not None:
                self._file.flush()

        def close(self) -> None:
            if self._file is not None:
                self._file.close()
            super().close()

    return LogFile(path)


_H = TypeVar("_H", bound="logging.Handler")


def _quiet(handler: _H) -> _H:
    """`handler`, dropping a record it cannot write (full disk, closed stream) instead of
    printing a "--- Logging error ---" traceback on stderr."""
    handler.handleError = lambda record: None  # type: ignore[method-assign]  # per instance
    return handler
