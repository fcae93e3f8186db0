"""The question bank: every question of every guide a facilitator keeps, searchable in one place.

This is the API the GUI calls; the work is in bank_db (the database file), bank_index (updating
it from the guide files), bank_search (queries) and bank_insert (putting a found question into
the open guide). Typical use, from a worker thread:

    bank = QuestionBank()                         # the user's data folder; a test passes its own
    report = bank.sync(recent_files, library_folders, progress, cancelled)
    results = bank.search(BankQuery("fair question", kind="evaluative", year=2026))

Threading contract: every method may be called from any thread; `sync` and `rebuild` do file
I/O for as long as there are guides to read and belong in a worker thread (one runs at a time;
a second waits for the first, so cancel the first); `search`, `facets` and `entries` answer in
milliseconds and never wait for an update in progress (they see the bank as of its last
commit). Constructing a QuestionBank opens (and if need be repairs) the file: a few
milliseconds, also best done off the GUI thread.

Errors: nothing about a guide file raises; it is listed in the report's problems. Nothing about
the bank's own file raises either: a damaged or foreign file is set aside and rebuilt, an
unwritable folder gives a bank in memory, a full disk or another window's lock ends the update
with a note; `notes` says where the bank is and how it searches. Only a search of a bank that
broke during the session raises, an InputError of one line, and the next `sync` rebuilds it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from reading_guide.errors import InputError
from reading_guide.storage import bank_search
from reading_guide.storage.bank_db import BankStore, open_store, set_aside
from reading_guide.storage.bank_index import Cancelled, Progress, sync_bank
from reading_guide.storage.bank_records import SearchResults, SyncReport
from reading_guide.storage.bank_search import BankFacets, BankQuery
from reading_guide.storage.library import LibraryEntry

T = TypeVar("T")


def _damaged(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def _problem(error: sqlite3.Error) -> str:
    """One line for a database error that ended an update (the bank keeps what it had)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return "The disk is full: the question bank could not be brought up to date."
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "Another Reading Guide window is updating the question bank: try again soon."
    if name.startswith("SQLITE_READONLY"):
        return "The question bank's file cannot be written now: it was not brought up to date."
    return f"The question bank could not be brought up to date ({error})."


class QuestionBank:
    """The bank kept in `folder` (default: the user's data folder; see bank_db for the file)."""

    def __init__(self, folder: str | Path | None = None, *,
                 full_text: bool | None = None) -> None:
        if folder is None:
            from reading_guide.userdirs import user_folder

            folder = user_folder("data")
        self._folder = Path(folder)
        self._full_text = full_text
        self._store: BankStore = open_store(self._folder, full_text)
        self._sync_lock = threading.Lock()
        self._needs_rebuild = False
        self._rebuild_notes: list[str] = []

    # -- where the bank is ----------------------------------------------------------------------

    @property
    def location(self) -> Path | None:
        """The database file, or None when the bank is in memory for this session."""
        return self._store.path

    @property
    def in_memory(self) -> bool:
        return self._store.path is None

    @property
    def full_text(self) -> bool:
        """Whether searches are ranked full-text searches (False: plain matching)."""
        return self._store.full_text

    @property
    def notes(self) -> list[str]:
        """One-line facts about the bank a user should know (in memory, set aside, no FTS5)."""
        return [*self._store.notes, *self._rebuild_notes]

    # -- updating -------------------------------------------------------------------------------

    def sync(self, files: Iterable[str | Path] = (), folders: Iterable[str | Path] = (),
             progress: Progress | None = None, cancelled: Cancelled | None = None
             ) -> SyncReport:
        """Bring the bank up to date with the guide `files` (recent files) and every guide in
        `folders`; see bank_index for what is read and when. Worker thread."""
        files, folders = list(files), list(folders)
        with self._sync_lock:
            report = SyncReport()
            for attempt in range(2):
                if self._needs_rebuild:
                    self._rebuild_store()
                try:
                    sync_bank(self._store, files, folders, report, progress, cancelled)
                    break
                except sqlite3.Error as error:
                    if _damaged(error) and attempt == 0:
                        self._needs_rebuild = True
                        report = SyncReport()
                        continue
                    report.notes.append(_problem(error))
                    break
            return report

    def rebuild(self, files: Iterable[str | Path] = (), folders: Iterable[str | Path] = (),
                progress: Progress | None = None, cancelled: Cancelled | None = None
                ) -> SyncReport:
        """Forget everything and read every guide again (a "Rebuild" command). Worker thread."""
        with self._sync_lock:
            try:
                with self._store.writing() as conn:
                    for table in ("texts", "questions", "guides"):
                        conn.execute(f"DELETE FROM {table}")
                    if self._store.full_text:
                        conn.execute("DELETE FROM question_fts")
            except sqlite3.Error:
                self._needs_rebuild = True
        return self.sync(files, folders, progress, cancelled)

    def _rebuild_store(self) -> None:
        """Set the damaged file aside and start a new bank (in memory if that fails)."""
        old = self._store
        old.close()
        note = "The question bank was damaged during this session"
        if old.path is not None:
            try:
                moved = set_aside(old.path)
                note += f": set aside as {moved.name}"
            except OSError:
                pass
        self._store = open_store(self._folder, self._full_text)
        self._rebuild_notes.append(note + "; it was rebuilt.")
        self._needs_rebuild = False

    # -- asking -----------------------------------------------------------------------------------

    def search(self, query: BankQuery | str = "") -> SearchResults:
        """Questions matching `query` (a BankQuery, or just words), best first. Any thread."""
        if isinstance(query, str):
            query = BankQuery(query)
        return self._ask(lambda store, conn: bank_search.search(conn, query, store.full_text))

    def facets(self) -> BankFacets:
        """Counts, years and essays in the bank, for a search form's filters. Any thread."""
        return self._ask(lambda _store, conn: bank_search.facets(conn))

    def entries(self) -> list[LibraryEntry]:
        """Every guide in the bank as the guide library lists it. Any thread."""
        return self._ask(lambda _store, conn: bank_search.entries(conn))

    def _ask(self, question: Callable[[BankStore, sqlite3.Connection], T]) -> T:
        for attempt in range(2):
            store = self._store
            try:
                with store.reading() as conn:
                    return question(store, conn)
            except sqlite3.Error as error:
                if store is not self._store and attempt == 0:
                    continue  # an update replaced a damaged bank meanwhile: ask the new one
                if _damaged(error):
                    self._needs_rebuild = True
                raise InputError(f"the question bank cannot be read ({error}); it is rebuilt "
                                 "at the next update", file=store.path or "question bank"
                                 ) from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> QuestionBank:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
