"""Finding and reading the guides the Guide Library lists, as a task's work (off the window's
thread).

With hundreds of guides, or a folder on a slow network drive, reading every guide takes
seconds; the dialog runs `scan_folders` in a `core.tasks.Task` so the window keeps painting and
answering, shows how far the scan is, and stops it when closed. This is the same walk and the
same per-file summary as `storage.library.scan_library` (one module decides what a guide file
is and how a broken one is described); what it adds is what a person watching needs: progress,
cancel between files, and a folder that is gone or cannot be read reported in one line instead
of silently skipped (a facilitator whose network folder vanished must see why the list is short).

Why not `QuestionBank.entries()`: the bank lists what it indexed, which is the recent files and
the folders added in the Question Bank, not the app's own guides folder; answering from it would
also mean bringing the index up to date first, which is the same reading of every changed file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reading_guide.errors import InputError
from reading_guide.storage.library import LibraryEntry, file_key, list_guide_files, summarize


class Progress(Protocol):
    """What the scan reports through (core.tasks.Report): raises Cancelled once cancelled."""

    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def cancelled(self) -> bool: ...


@dataclass
class LibraryScan:
    """Every guide found (broken ones with their one-line error) and one line per folder that
    could not be looked in."""

    entries: list[LibraryEntry] = field(default_factory=list)
    folder_problems: list[str] = field(default_factory=list)


def folder_problem(folder: Path, error: OSError) -> str:
    """One line naming the folder and why it cannot be listed."""
    if isinstance(error, FileNotFoundError):
        why = "folder not found (moved, deleted, or a drive that is not connected)"
    elif isinstance(error, NotADirectoryError):
        why = "not a folder"
    elif isinstance(error, PermissionError):
        why = "folder cannot be read (not allowed)"
    else:
        why = f"folder cannot be read ({error.strerror or error})"
    return InputError(why, file=folder).one_line()


def scan_folders(folders: Iterable[Path], report: Progress,
                 found: Callable[[LibraryEntry], None] | None = None) -> LibraryScan:
    """Entries for every guide file under `folders`, each file once, in folder then name order.

    Reports "looking" (total 0) while it lists a folder, then (n, total, file name) per guide;
    `report.progress` raises when the scan was cancelled, so it stops between two files.
    `found(entry)` hears of each entry as soon as it is read (from the worker's thread).
    """
    folders = list(folders)
    result = LibraryScan()
    seen: set[str] = set()
    paths: list[Path] = []
    for n, folder in enumerate(folders):
        report.progress(n, 0, str(folder))
        try:
            listed = list_guide_files(Path(folder), report.cancelled)
        except OSError as error:
            result.folder_problems.append(folder_problem(Path(folder), error))
            continue
        for path in listed:
            key = file_key(path)
            if key not in seen:
                seen.add(key)
                paths.append(path)
    for n, path in enumerate(paths):
        report.progress(n, len(paths), path.name)
        entry = summarize(path)
        result.entries.append(entry)
        if found is not None:
            found(entry)
    return result
