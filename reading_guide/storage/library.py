"""The guide library: every `*.guide.yaml` in some folders, summarised for a list.

A listing must be quick even with dozens of guides on whole books, so a guide is read and
validated (the same strict rules as opening it) but its highlights are not placed on the essay:
the list needs titles and counts, not positions. A file that cannot be read is listed with its
one-line error instead of being skipped, so a facilitator sees why a guide is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.storage.schema import GuideReader
from reading_guide.storage.yamlnodes import compose, read_guide_text

GUIDE_PATTERN = "*.guide.yaml"
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

    @property
    def ok(self) -> bool:
        return not self.error

    def matches(self, words: str) -> bool:
        """Whether every word of a search appears in the title, essay, group, date or file name."""
        hay = " ".join((self.title, self.essay_title, self.essay_author, self.edition, self.group,
                        self.date, self.facilitator, self.path.name)).lower()
        return all(w in hay for w in words.lower().split())


def read_guide_summary(path: str | Path) -> Guide:
    """The guide at `path`, validated, with highlights left unplaced (InputError when broken)."""
    text = read_guide_text(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    return GuideReader(str(path)).guide(compose(text, str(path)))


def summarize(path: Path) -> LibraryEntry:
    try:
        guide = read_guide_summary(path)
    except InputError as error:
        return LibraryEntry(path, error=str(error).splitlines()[0] if str(error) else "unreadable")
    except OSError as error:  # a race: the file went away between listing and reading
        return LibraryEntry(path, error=f"{path}: {error.strerror or error}")
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
    )


def _guide_files(folder: Path, depth: int = 0) -> list[Path]:
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    found = [p for p in children if p.is_file() and p.name.endswith(".guide.yaml")]
    if depth < MAX_DEPTH:
        for child in children:
            if child.is_dir() and not child.name.startswith("."):
                found += _guide_files(child, depth + 1)
    return found


def scan_library(folders: Iterable[str | Path]) -> list[LibraryEntry]:
    """Entries for every guide file under `folders` (missing folders are skipped), each once."""
    seen: set[Path] = set()
    entries = []
    for folder in folders:
        for path in _guide_files(Path(folder)):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                entries.append(summarize(path))
    return entries
