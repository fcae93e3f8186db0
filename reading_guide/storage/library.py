"""The guide library: finding the guide files in folders, and reading each one's summary safely.

One module for one job, shared by the plain listing (`scan_library`) and the question bank
(storage/bank_index.py), so both find the same files and describe a broken one the same way.

A listing must be quick even with dozens of guides on whole books, so a guide is read and
validated (the same strict rules as opening it) but its highlights are not placed on the essay:
the list needs titles and counts, not positions. A file that cannot be read is listed with its
one-line error instead of being skipped, so a facilitator sees why a guide is missing; and
whatever goes wrong with one file (an InputError, a race with a deletion, or an exception
nobody foresaw) stays that file's entry: one bad guide never makes the whole listing fail.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.storage.schema import GuideReader
from reading_guide.storage.yamlnodes import compose, decode_guide_bytes, read_guide_bytes

GUIDE_SUFFIX = ".guide.yaml"
GUIDE_PATTERN = "*" + GUIDE_SUFFIX
MAX_DEPTH = 3  # folders below a library folder that are searched


@dataclass(frozen=True)
class LibraryEntry:
    path: Path
    title: str = ""
    essay_title: str = ""
    essay_author: str = ""
    edition: str = ""
    group: str = ""
    date: str = ""
    facilitator: str = ""
    questions: int = 0
    highlights: int = 0
    essay_sha256: str = ""
    error: str = ""  # one line; the other fields are empty when set
    year: int = 0  # of the session's date, else of the file's last change; 0 when unknown

    @property
    def ok(self) -> bool:
        return not self.error

    def matches(self, words: str) -> bool:
        """Whether every word of a search appears in the title, essay, group, date or file name."""
        hay = " ".join((self.title, self.essay_title, self.essay_author, self.edition, self.group,
                        self.date, self.facilitator, self.path.name)).lower()
        return all(w in hay for w in words.lower().split())


def one_line_error(path: str | Path, error: BaseException) -> str:
    """What went wrong with the guide at `path`, as one line that names it."""
    if isinstance(error, InputError):
        return str(error).splitlines()[0] if str(error) else f"{path}: cannot be read"
    if isinstance(error, OSError):  # a race: the file went away between listing and reading
        return InputError(f"cannot be read: {error.strerror or error}", file=path).one_line()
    if isinstance(error, MemoryError):
        return InputError("too big to read", file=path).one_line()
    detail = " ".join(str(error).split())[:120]
    return InputError(f"cannot be read ({type(error).__name__}: {detail})", file=path).one_line()


def parse_guide_summary(data: bytes, path: str | Path) -> Guide:
    """The guide in the bytes `data` of the file at `path`, validated, highlights unplaced."""
    text = decode_guide_bytes(data, str(path))
    return GuideReader(str(path)).guide(compose(text, str(path)))


def read_guide_summary(path: str | Path) -> Guide:
    """The guide at `path`, validated, with highlights left unplaced (InputError when broken)."""
    return parse_guide_summary(read_guide_bytes(path)[0], path)


def guide_year(guide: Guide, mtime: float) -> int:
    """The year a guide belongs to: its session's, else the year its file last changed."""
    date = guide.session.date
    if len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    try:
        return datetime.date.fromtimestamp(mtime).year
    except (OverflowError, OSError, ValueError):  # a file dated far outside what time_t holds
        return 0


def entry_for(path: Path, guide: Guide, mtime: float) -> LibraryEntry:
    return LibraryEntry(
        path=path,
        title=guide.title,
        essay_title=guide.essay.title,
        essay_author=guide.essay.author,
        edition=guide.essay.edition,
        group=guide.session.group,
        date=guide.session.date,
        facilitator=guide.session.facilitator,
        questions=len(guide.questions),
        highlights=len(guide.highlights),
        essay_sha256=guide.essay.sha256,
        year=guide_year(guide, mtime),
    )


def summarize(path: Path) -> LibraryEntry:
    """The library entry of the guide at `path`; never raises for anything wrong with the file."""
    try:
        data, info = read_guide_bytes(path)
        return entry_for(path, parse_guide_summary(data, path), info.st_mtime)
    except Exception as error:  # noqa: BLE001 - any failure is this one entry's error line
        return LibraryEntry(path, error=one_line_error(path, error))


def list_guide_files(folder: Path, cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """Every guide file in `folder` and up to MAX_DEPTH folders below it, in name order.

    Hidden folders are skipped; a sub-folder that cannot be read is skipped. The folder itself
    must be readable: OSError says why not (it is missing, not a folder, not allowed).
    """
    found: list[Path] = []
    _walk(Path(folder), 0, found, cancelled, top=True)
    return found


def _walk(folder: Path, depth: int, found: list[Path], cancelled: Callable[[], bool] | None,
          top: bool = False) -> None:
    if cancelled is not None and cancelled():
        return
    try:
        with os.scandir(folder) as it:
            children = sorted(it, key=lambda e: e.name)
    except OSError:
        if top:
            raise
        return
    subfolders = []
    for child in children:
        try:
            if child.name.endswith(GUIDE_SUFFIX) and child.is_file():
                found.append(folder / child.name)
            elif depth < MAX_DEPTH and not child.name.startswith(".") and child.is_dir():
                subfolders.append(folder / child.name)
        except OSError:  # a broken link, or an entry that vanished while we looked
            continue
    for sub in subfolders:
        _walk(sub, depth + 1, found, cancelled)


def scan_library(folders: Iterable[str | Path]) -> list[LibraryEntry]:
    """Entries for every guide file under `folders` (missing folders are skipped), each once.

    Reads every guide each time; the question bank (storage/question_bank.py) keeps the same
    entries in its index and lists them without reading unchanged files again.
    """
    seen: set[str] = set()
    entries = []
    for folder in folders:
        try:
            paths = list_guide_files(Path(folder))
        except OSError:
            continue
        for path in paths:
            key = file_key(path)
            if key not in seen:
                seen.add(key)
                entries.append(summarize(path))
    return entries


def file_key(path: str | Path) -> str:
    """One name per file, however it was reached (links, `..`, letter case on Windows)."""
    return os.path.normcase(os.path.realpath(path))
