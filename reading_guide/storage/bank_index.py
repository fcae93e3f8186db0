"""Bringing the question bank up to date with the guide files on disk.

An update looks at every guide the caller names (recent files, and the guide files in library
folders, found by storage.library) and reads only what changed: a file whose size and
modification time are those indexed is skipped; one whose bytes hash to what was indexed only
gets its new time; the rest are read and validated like any guide (highlights unplaced) and their
questions replace the old ones. Guides no longer found leave the bank.

It is built to run in a worker thread: `progress(done, total, path)` is called before each file,
`cancelled()` is checked between files (a cancelled update keeps what it committed and removes
nothing), and changes are committed in small transactions (BATCH_SECONDS of work at most), so a
search from another thread always sees a whole, consistent bank and never waits long.

Files change under an update: a guide deleted while the update runs leaves the bank; one changed
while it was read (its size or time differ after the read) is read again, and if it keeps
changing it is kept as read and marked to be read again next time. A folder that cannot be
listed (unplugged, deleted, not allowed) is named in a note and its guides leave the bank until
it is back.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reading_guide.errors import InputError
from reading_guide.hashing import sha256_hex
from reading_guide.storage.bank_db import BankStore
from reading_guide.storage.bank_records import (
    BankQuestion,
    SyncReport,
    bank_questions,
    fold,
    question_key,
)
from reading_guide.storage.library import (
    LibraryEntry,
    entry_for,
    file_key,
    list_guide_files,
    one_line_error,
    parse_guide_summary,
)
from reading_guide.storage.yamlnodes import read_guide_bytes

Progress = Callable[[int, int, str], None]  # (files done, files in all, the file being read)
Cancelled = Callable[[], bool]

BATCH_SECONDS = 0.25  # commit at least this often, so a cancelled update keeps its work
MAX_GUIDES = 20_000  # guide files in one bank; beyond this a note says the rest were left out
RECENT_SUFFIXES = (".yaml", ".yml")  # a recent file is a guide when it is YAML


@dataclass
class _Read:
    """A guide file as read now: what goes into the bank for it."""

    key: str
    path: Path
    size: int
    mtime_ns: int
    sha256: str
    entry: LibraryEntry
    questions: list[BankQuestion] = field(default_factory=list)
    qids: list[str] = field(default_factory=list)


@dataclass
class _Touch:
    """A guide file with the same bytes as indexed: only its stat (and name) changed."""

    guide_id: int
    path: Path
    size: int
    mtime_ns: int


_GONE = object()  # the file was deleted while the update ran


def discover(files: Iterable[str | Path], folders: Iterable[str | Path], report: SyncReport,
             cancelled: Cancelled) -> dict[str, tuple[Path, Path | None]]:
    """Every guide file to index, once each (by file_key), recent files first; with the
    library folder each was found in (None for a recent file)."""
    found: dict[str, tuple[Path, Path | None]] = {}
    for name in files:
        path = Path(name)
        if not path.name.lower().endswith(RECENT_SUFFIXES):
            continue
        if not path.is_file():
            report.notes.append(f"{path}: a recent guide that is not there any more; left out.")
            continue
        found.setdefault(file_key(path), (path, None))
    for name in folders:
        folder = Path(name)
        try:
            paths = list_guide_files(folder, cancelled)
        except OSError as error:
            if isinstance(error, FileNotFoundError):
                what = "this folder is not there"
            elif isinstance(error, NotADirectoryError):
                what = "this is not a folder"
            else:
                what = f"this folder cannot be read ({(error.strerror or str(error)).lower()})"
            report.notes.append(f"{folder}: {what}; its guides are left out until it is back.")
            continue
        for path in paths:
            found.setdefault(file_key(path), (path, folder))
        if len(found) > MAX_GUIDES:
            report.notes.append(f"More than {MAX_GUIDES:,} guides: the rest were left out.")
            return dict(list(found.items())[:MAX_GUIDES])
    return found


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _read(key: str, path: Path, known_sha: str | None, known_id: int | None,
          report: SyncReport) -> _Read | _Touch | object:
    """The file at `path` read once (twice when it changed while being read)."""
    for _attempt in range(2):
        try:
            data, info = read_guide_bytes(path)
        except InputError as error:
            if not os.path.lexists(path):
                return _GONE
            # size -1: tried again at every update (a fixed permission changes no mtime)
            return _Read(key, path, -1, -1, "", LibraryEntry(path, error=one_line_error(path,
                                                                                        error)))
        stat = (info.st_size, info.st_mtime_ns)
        sha = sha256_hex(data)
        if sha == known_sha and known_id is not None:
            return _Touch(known_id, path, *stat)
        try:
            guide = parse_guide_summary(data, path)
            read = _Read(key, path, *stat, sha, entry_for(path, guide, info.st_mtime),
                         bank_questions(guide, str(path)), [q.id for q in guide.questions])
        except Exception as error:  # noqa: BLE001 - any failure is this guide's error line
            read = _Read(key, path, *stat, sha, LibraryEntry(path, error=one_line_error(path,
                                                                                        error)))
        after = _stat(path)
        if after is None:
            return _GONE
        if after == stat:
            return read
    report.notes.append(f"{path}: it changed while it was being read; it will be read again "
                        "at the next update.")
    read.size = -1
    return read


def _delete_guide(conn: sqlite3.Connection, guide_id: int, full_text: bool) -> None:
    if full_text:
        conn.execute("DELETE FROM question_fts WHERE rowid IN "
                     "(SELECT id FROM questions WHERE guide = ?)", (guide_id,))
    conn.execute("DELETE FROM texts WHERE id IN (SELECT id FROM questions WHERE guide = ?)",
                 (guide_id,))
    conn.execute("DELETE FROM questions WHERE guide = ?", (guide_id,))
    conn.execute("DELETE FROM guides WHERE id = ?", (guide_id,))


def _insert(conn: sqlite3.Connection, read: _Read, next_id: int, full_text: bool) -> int:
    """Write one guide and its questions; returns the next free question id."""
    row = conn.execute("SELECT id FROM guides WHERE key = ?", (read.key,)).fetchone()
    if row is not None:
        _delete_guide(conn, row[0], full_text)
    e = read.entry
    cursor = conn.execute(
        "INSERT INTO guides (key, path, size, mtime_ns, sha256, error, title, essay_title, "
        "essay_author, edition, grp, date, facilitator, year, questions, highlights, "
        "essay_sha256, essay_fold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (read.key, str(read.path), read.size, read.mtime_ns, read.sha256, e.error, e.title,
         e.essay_title, e.essay_author, e.edition, e.group, e.date, e.facilitator, e.year,
         e.questions, e.highlights, e.essay_sha256, fold(f"{e.essay_title}\n{e.essay_author}")))
    guide_id = cursor.lastrowid
    rows, texts, fts = [], [], []
    for order, (q, qid) in enumerate(zip(read.questions, read.qids, strict=True)):
        more = "\n".join((*q.follow_ups, q.facilitator_note))
        passage = q.passage.exact if q.passage else ""
        text, more, passage = fold(q.text), fold(more), fold(passage)
        rows.append((next_id, guide_id, qid, order, q.kind, q.stage, e.year,
                     question_key(q.text)))
        texts.append((next_id, text, f"{more}\n{passage}", q.to_json()))
        fts.append((next_id, text, more, passage))
        next_id += 1
    conn.executemany("INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO texts VALUES (?, ?, ?, ?)", texts)
    if full_text:
        conn.executemany("INSERT INTO question_fts (rowid, text, more, passage) "
                         "VALUES (?, ?, ?, ?)", fts)
    return next_id


def _flush(store: BankStore, pending: list[_Read | _Touch]) -> None:
    if not pending:
        return
    with store.writing() as conn:
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM questions").fetchone()[0]
        for item in pending:
            if isinstance(item, _Touch):
                conn.execute("UPDATE guides SET path = ?, size = ?, mtime_ns = ? WHERE id = ?",
                             (str(item.path), item.size, item.mtime_ns, item.guide_id))
            else:
                next_id = _insert(conn, item, next_id, store.full_text)
    pending.clear()


def sync_bank(store: BankStore, files: Iterable[str | Path], folders: Iterable[str | Path],
              report: SyncReport, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> None:
    """Bring the bank in `store` up to date with `files` and the guides in `folders`.

    Fills `report` as it goes (so a caller that catches a database error still has what was
    done); raises only sqlite3 errors (disk full, locked, damaged), each after a rollback.
    """
    stop = cancelled or (lambda: False)
    found = discover(files, folders, report, stop)
    with store.reading() as conn:
        known = {key: (gid, size, mtime, sha) for gid, key, size, mtime, sha in conn.execute(
            "SELECT id, key, size, mtime_ns, sha256 FROM guides")}
    pending: list[_Read | _Touch] = []
    started = time.monotonic()
    total = len(found)
    vanished: set[Path] = set()  # library folders that went away while the update ran
    for done, (key, (path, origin)) in enumerate(list(found.items())):
        if stop():
            break
        if progress is not None:
            progress(done, total, str(path))
        old = known.get(key)
        if old is not None and (old[1], old[2]) == _stat(path):
            report.unchanged += 1
            continue
        item = _read(key, path, old[3] if old else None, old[0] if old else None, report)
        if item is _GONE:
            del found[key]
            if origin is not None and not origin.is_dir():
                if origin not in vanished:  # an unplugged drive: one note, not one per guide
                    vanished.add(origin)
                    report.notes.append(f"{origin}: this folder went away while the bank was "
                                        "being updated; its guides are left out until it is "
                                        "back.")
                continue
            report.notes.append(f"{path}: deleted while the bank was being updated.")
            continue
        assert isinstance(item, _Read | _Touch)
        if isinstance(item, _Touch):
            report.unchanged += 1
        elif old is None:
            report.added += 1
        else:
            report.updated += 1
        pending.append(item)
        if time.monotonic() - started >= BATCH_SECONDS:
            _flush(store, pending)
            started = time.monotonic()
    _flush(store, pending)
    if stop():
        report.cancelled = True
    else:
        gone = [old[0] for key, old in known.items() if key not in found]
        if gone:
            with store.writing() as conn:
                for guide_id in gone:
                    _delete_guide(conn, guide_id, store.full_text)
        report.removed = len(gone)
        if progress is not None:
            progress(total, total, "")
    with store.reading() as conn:
        report.guides, report.questions = conn.execute(
            "SELECT count(*), coalesce(sum(questions), 0) FROM guides WHERE error = ''"
        ).fetchone()
        report.problems = list(conn.execute(
            "SELECT path, error FROM guides WHERE error != '' ORDER BY path"))
