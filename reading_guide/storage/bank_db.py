"""The question bank's database: where it lives, its schema, and opening it without ever failing.

The bank is an *index*: everything in it comes from guide files and can be made again from them.
So it is kept in the simplest embedded database that is safe to share between threads and
processes, SQLite (in Python's standard library; FTS5 gives ranked full-text search), and every
problem with the file ends in a working bank, never an error dialog:

- Not a database, another program's database, or a damaged one (`PRAGMA quick_check`): the file
  is set aside under a new name (nothing is deleted that might be someone's) and a new bank is
  made. Ours but from another schema version, or made with another kind of search: rebuilt.
- The data folder cannot be written (read-only, full, missing rights): the bank works in memory
  for the session (starting from a copy of the file when it is readable) and says so.
- This SQLite lacks FTS5, or its `remove_diacritics 2`: questions are found by plain matching
  of folded text (bank_search.py), with a note; nothing else changes.

Threads: each thread gets its own connection to the file (sqlite3 connections must not be used
by two threads at once); the file is in WAL mode, so a search never waits for an update in
progress and an update commits in small transactions. In memory, one connection is shared under
a lock held only for one query or one short transaction.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

FILE_NAME = "question-bank.sqlite3"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x52474251  # "RGQB": tells our file from any other SQLite database
BUSY_SECONDS = 10.0  # another window's update holds the write lock for one short transaction
_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS guides (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- storage.library.file_key: one row per file
    path TEXT NOT NULL,
    size INTEGER NOT NULL,             -- -1: read it again next time
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,              -- of the bytes indexed
    error TEXT NOT NULL DEFAULT '',    -- one line when the guide cannot be read
    title TEXT NOT NULL DEFAULT '',
    essay_title TEXT NOT NULL DEFAULT '',
    essay_author TEXT NOT NULL DEFAULT '',
    edition TEXT NOT NULL DEFAULT '',
    grp TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    facilitator TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL DEFAULT 0,
    questions INTEGER NOT NULL DEFAULT 0,
    highlights INTEGER NOT NULL DEFAULT 0,
    essay_sha256 TEXT NOT NULL DEFAULT '',
    essay_fold TEXT NOT NULL DEFAULT ''  -- essay title and author, folded (bank_records.fold)
);
CREATE TABLE IF NOT EXISTS questions (   -- narrow, so grouping and filtering scan little
    id INTEGER PRIMARY KEY,            -- also the rowid of its rows in texts and question_fts
    guide INTEGER NOT NULL,
    qid TEXT NOT NULL,
    ord INTEGER NOT NULL,              -- its place in the guide file
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    year INTEGER NOT NULL,             -- its guide's (kept here too: no join to filter by it)
    norm TEXT NOT NULL                 -- bank_records.question_key: the same question elsewhere
);
CREATE INDEX IF NOT EXISTS questions_guide ON questions(guide);
CREATE INDEX IF NOT EXISTS questions_norm ON questions(norm, guide, qid);  -- covers uses
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY,            -- the question's id
    fold TEXT NOT NULL,                -- its text, folded (bank_records.fold)
    fold_more TEXT NOT NULL,           -- its follow-ups, facilitator note and passage, folded
    payload TEXT NOT NULL              -- bank_records.BankQuestion as JSON
);
"""
_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS question_fts USING fts5(text, more, passage, "
        "tokenize = 'unicode61 remove_diacritics {level}', prefix = '2 3')")
# How FTS5 ranks (its `rank` column): bm25 with the weights of the columns text, more
# (follow-ups and facilitator note) and passage; a question's own words count most.
RANK = "bm25(5.0, 1.0, 2.0)"
LIKE = "like"  # the search mode without FTS5


def full_text_mode(conn: sqlite3.Connection) -> str:
    """The best full-text search this SQLite offers: "fts5 remove_diacritics 2" (accents on any
    letter), "... 1" (SQLite before 3.27), or LIKE when FTS5 is not compiled in."""
    for level in (2, 1):
        try:
            conn.execute("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize = "
                         f"'unicode61 remove_diacritics {level}')")
            conn.execute("DROP TABLE temp.fts_probe")
            return f"fts5 remove_diacritics {level}"
        except sqlite3.OperationalError:
            continue
    return LIKE


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_SECONDS, isolation_level=None,
                           check_same_thread=False, uri=uri)
    conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: never corrupt, fewer fsyncs
    conn.execute("PRAGMA cache_size = -16000")  # 16 MB: a bank of 5,000 questions is ~8 MB
    return conn


def _create_schema(conn: sqlite3.Connection, mode: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in filter(str.strip, _TABLES.split(";")):
            conn.execute(statement)
        if mode != LIKE:
            conn.execute(_FTS.format(level=mode[-1]))
            conn.execute("INSERT INTO question_fts (question_fts, rank) VALUES ('rank', ?)",
                         (RANK,))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('search', ?)", (mode,))
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def inspect_file(path: Path, mode: str) -> str:
    """What the file at `path` is: "new" (absent or empty), "ours", "stale" (ours, but another
    schema or search mode), "foreign" (not ours, or not a database) or "damaged"."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return "new"
    if not head:
        return "new"
    if head != _SQLITE_HEADER:
        return "foreign"
    conn = None
    try:
        conn = _connect(str(path))
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        if app != APPLICATION_ID:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            return "foreign" if app or tables else "new"
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return "damaged"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        row = conn.execute("SELECT value FROM meta WHERE key = 'search'").fetchone()
        return "ours" if version == SCHEMA_VERSION and row and row[0] == mode else "stale"
    except sqlite3.DatabaseError:
        return "damaged"
    finally:
        if conn is not None:
            conn.close()


def set_aside(path: Path) -> Path:
    """Rename the file at `path` (and its journal files) out of the way; returns the new name."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.set-aside-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.set-aside-{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def remove_file(path: Path) -> None:
    for name in (path.name, *(path.name + s for s in _SIDE_FILES)):
        path.with_name(name).unlink(missing_ok=True)


class BankStore:
    """Connections to the bank's database, one per thread (file) or one under a lock (memory).

    `path` is None when the bank lives in memory; `mode` is the search mode (full_text_mode);
    `notes` are the one-line things a user should know about where the bank is.
    """

    def __init__(self, path: Path | None, mode: str, notes: list[str],
                 memory: sqlite3.Connection | None = None) -> None:
        self.path = path
        self.mode = mode
        self.notes = notes
        self._memory = memory
        self._lock = threading.RLock()  # memory: the one connection; file: the list below
        self._local = threading.local()
        self._all: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._closed = False

    @property
    def full_text(self) -> bool:
        return self.mode != LIKE

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (made on first use; those of threads that have ended are
        closed then, so a GUI that runs each search in a new thread leaks no files)."""
        if self._closed:
            raise sqlite3.ProgrammingError("the question bank is closed")
        if self._memory is not None:
            return self._memory
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            assert self.path is not None
            conn = _connect(str(self.path))
            with self._lock:
                for thread, old in [pair for pair in self._all if not pair[0].is_alive()]:
                    old.close()
                    self._all.remove((thread, old))
                self._all.append((threading.current_thread(), conn))
            self._local.conn = conn
        return conn

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._all) + (self._memory is not None)

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        if self._memory is None:
            yield
            return
        with self._lock:
            yield

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection seeing one consistent state of the bank while the block runs."""
        with self._held():
            conn = self.connection()
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of the block's changes are kept, or none (on any exception)."""
        with self._held():
            conn = self.connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite ends some failed transactions itself
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for _thread, conn in self._all:
                conn.close()
            if self._memory is not None:
                self._memory.close()
            self._all.clear()


def open_store(folder: Path, full_text: bool | None = None) -> BankStore:
    """The bank in `folder` (made, repaired or set aside as needed), else one in memory.

    `full_text` False forces plain matching (tests of the fallback); None uses FTS5 when this
    SQLite has it.
    """
    probe = sqlite3.connect(":memory:")
    mode = full_text_mode(probe) if full_text is not False else LIKE
    probe.close()
    notes = []
    if mode == LIKE:
        notes.append(f"Full-text search is not available in this system's SQLite "
                     f"{sqlite3.sqlite_version}: questions are found by plain matching, "
                     "unranked.")
    path = folder / FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        verdict = inspect_file(path, mode)
        if verdict in ("foreign", "damaged"):
            what = "is not a question bank" if verdict == "foreign" else "is damaged"
            moved = set_aside(path)
            notes.append(f"{path} {what}: set aside as {moved.name}; a new bank was made.")
        elif verdict == "stale":
            remove_file(path)
            notes.append("The question bank was made by another version of Reading Guide: "
                         "it was rebuilt.")
        conn = _connect(str(path))
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            _create_schema(conn, mode)
        finally:
            conn.close()
        return BankStore(path, mode, notes)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        notes.append(f"The question bank is kept in memory for this session: cannot write to "
                     f"{folder} ({reason}).")
        return BankStore(None, mode, notes, memory=_memory_copy(path, mode))


def _memory_copy(path: Path, mode: str) -> sqlite3.Connection:
    """A bank in memory, starting from the file at `path` when it is a readable bank of ours."""
    memory = _connect(":memory:")
    try:
        if inspect_file(path, mode) == "ours":
            source = _connect(path.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                source.backup(memory)
            finally:
                source.close()
    except (OSError, sqlite3.Error):
        memory.close()
        memory = _connect(":memory:")
    _create_schema(memory, mode)
    return memory
