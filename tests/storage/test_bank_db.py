"""The bank's own file: whatever is wrong with it, the bank works and says where it is."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.storage import bank_db
from reading_guide.storage.bank_db import FILE_NAME, full_text_mode, inspect_file
from reading_guide.storage.bank_search import BankQuery
from reading_guide.storage.question_bank import QuestionBank
from tests.storage.bank_guides import make_library


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    make_library(folder)
    return folder


def set_aside_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".set-aside-" in p.name)


def test_the_bank_is_kept_between_sessions(tmp_path: Path, library: Path) -> None:
    with QuestionBank(tmp_path / "data") as bank:
        bank.sync([], [library])
    with QuestionBank(tmp_path / "data") as bank:
        assert bank.notes == [] and bank.facets().questions == 16
        assert bank.sync([], [library]).unchanged == 4
    assert inspect_file(tmp_path / "data" / FILE_NAME, full_text_mode(sqlite3.connect(":memory:"))
                        ) == "ours"


@pytest.mark.parametrize("content", [b"not a database at all\n" * 100,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_file_that_is_not_a_bank_is_set_aside(tmp_path: Path, library: Path,
                                                content: bytes) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / FILE_NAME).write_bytes(content)
    with QuestionBank(folder) as bank:
        (note,) = bank.notes
        (moved,) = set_aside_files(folder)
        assert moved in note and "a new bank was made" in note
        assert (folder / moved).read_bytes() == content  # kept as it was, never deleted
        assert bank.sync([], [library]).guides == 4


def test_another_programs_database_is_set_aside(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    theirs = sqlite3.connect(folder / FILE_NAME)
    theirs.execute("CREATE TABLE accounts (name TEXT)")
    theirs.execute("INSERT INTO accounts VALUES ('theirs')")
    theirs.commit()
    theirs.close()
    with QuestionBank(folder) as bank:
        assert "is not a question bank" in bank.notes[0]
    (moved,) = set_aside_files(folder)
    assert sqlite3.connect(folder / moved).execute("SELECT name FROM accounts").fetchall() == [
        ("theirs",)]


def test_a_damaged_bank_is_set_aside_and_rebuilt(tmp_path: Path, library: Path) -> None:
    folder = tmp_path / "data"
    with QuestionBank(folder) as bank:
        bank.sync([], [library])
    path = folder / FILE_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 6 * page] = b"\x07" * (4 * page)  # wreck some pages, keep the header
    path.write_bytes(bytes(data))
    with QuestionBank(folder) as bank:
        assert "is damaged" in bank.notes[0]
        assert bank.sync([], [library]).questions == 16
        assert len(bank.search("slow").results) == 3


def test_a_bank_from_another_version_is_rebuilt(tmp_path: Path, library: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    with QuestionBank(folder) as bank:
        bank.sync([], [library])
    monkeypatch.setattr(bank_db, "SCHEMA_VERSION", bank_db.SCHEMA_VERSION + 1)
    with QuestionBank(folder) as bank:
        assert "another version" in bank.notes[0] and set_aside_files(folder) == []
        assert bank.facets().questions == 0
        assert bank.sync([], [library]).added == 4


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="folder permissions do not stop Windows' or root's writes")
def test_a_read_only_data_folder_gives_a_bank_in_memory(tmp_path: Path, library: Path) -> None:
    folder = tmp_path / "data"
    with QuestionBank(folder) as bank:
        bank.sync([], [library / "2025"])
    folder.chmod(0o555)
    try:
        with QuestionBank(folder) as bank:
            assert bank.in_memory and bank.location is None
            (note,) = bank.notes
            assert "kept in memory" in note and str(folder) in note
            assert bank.facets().questions == 3  # starts from what the file held
            assert bank.sync([], [library]).questions == 16
            assert len(bank.search("slow").results) == 3
    finally:
        folder.chmod(0o755)


def test_a_bank_file_sqlite_cannot_write_gives_a_bank_in_memory(
        tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as a read-only folder, on any platform and user: SQLite opens the file
    read-only, as it does when the folder or the file cannot be written."""
    folder = tmp_path / "data"
    with QuestionBank(folder) as bank:
        bank.sync([], [library / "2025"])
    real_connect = bank_db._connect

    def read_only(target: str, uri: bool = False) -> sqlite3.Connection:
        if target == ":memory:" or uri:
            return real_connect(target, uri)
        return real_connect(Path(target).resolve().as_uri() + "?mode=ro", True)

    monkeypatch.setattr(bank_db, "_connect", read_only)
    before = (folder / FILE_NAME).read_bytes()
    with QuestionBank(folder) as bank:
        assert bank.in_memory and "kept in memory" in bank.notes[0]
        assert bank.facets().questions == 3  # starts from what the file held
        assert bank.sync([], [library]).questions == 16
    assert (folder / FILE_NAME).read_bytes() == before
    (folder / FILE_NAME).unlink()
    with QuestionBank(folder) as bank:  # no file, and none can be made
        assert bank.in_memory and bank.sync([], [library]).questions == 16


def test_a_data_folder_that_cannot_be_made_gives_a_bank_in_memory(tmp_path: Path,
                                                                  library: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with QuestionBank(blocker / "inner") as bank:
        assert bank.in_memory and "kept in memory" in bank.notes[0]
        assert bank.sync([], [library]).guides == 4
        assert bank.search(BankQuery("walk", year=2026)).results


def test_without_fts5_the_bank_matches_plain_text_and_says_so(tmp_path: Path,
                                                              library: Path) -> None:
    with QuestionBank(tmp_path / "data", full_text=False) as bank:
        assert not bank.full_text and "Full-text search is not available" in bank.notes[0]
        bank.sync([], [library])
        found = bank.search("slowly")
        assert found.note and [r.question.text for r in found.results] == [
            "What was the last thing you read slowly, and why did you slow down?"]
    # The same file opened where FTS5 exists is rebuilt with it.
    with QuestionBank(tmp_path / "data") as bank:
        assert bank.full_text and "another version" in bank.notes[0]


def test_full_text_detection_falls_back_when_fts5_is_missing() -> None:
    class NoFts:
        def execute(self, sql: str) -> None:
            raise sqlite3.OperationalError("no such module: fts5")

    assert full_text_mode(NoFts()) == bank_db.LIKE  # type: ignore[arg-type]


def test_a_full_disk_ends_the_update_with_a_note_and_keeps_the_bank(
        tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with QuestionBank(tmp_path / "data") as bank:
        bank.sync([], [library / "2025"])
        pages = bank._store.connection().execute("PRAGMA page_count").fetchone()[0]
        real_connect = bank_db._connect

        def tiny_disk(target: str, uri: bool = False) -> sqlite3.Connection:
            conn = real_connect(target, uri)
            conn.execute(f"PRAGMA max_page_count = {pages + 1}")
            return conn

        monkeypatch.setattr(bank_db, "_connect", tiny_disk)
        bank._store._local.conn = None  # this thread's next connection has the tiny disk
        report = bank.sync([], [library])
        assert any("disk is full" in n for n in report.notes)
        assert bank.facets().questions >= 3  # what was committed stays, whole
        monkeypatch.setattr(bank_db, "_connect", real_connect)
        bank._store._local.conn = None
        assert bank.sync([], [library]).questions == 16


def test_a_bank_damaged_during_the_session_is_rebuilt_at_the_next_update(
        tmp_path: Path, library: Path) -> None:
    folder = tmp_path / "data"
    with QuestionBank(folder) as bank:
        bank.sync([], [library])
        path = folder / FILE_NAME
        bank._store.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        with open(path, "r+b") as f:
            f.seek(4096)
            f.write(b"\x13" * (size - 4096))
        bank._store._local.conn.execute("PRAGMA cache_size = 0")
        with pytest.raises(InputError) as caught:
            for _ in range(3):  # the page cache may hold a page or two for a moment
                bank._store._local.conn.close()
                bank._store._local.conn = None
                bank.search("slow")
        assert "rebuilt at the next update" in str(caught.value)
        report = bank.sync([], [library])
        assert report.questions == 16 and len(bank.search("slow").results) == 3
        assert any("damaged during this session" in n for n in bank.notes)
        assert set_aside_files(folder)


KILLED_CHILD = """
import sys
from reading_guide.storage import bank_index
from reading_guide.storage.question_bank import QuestionBank
bank_index.BATCH_SECONDS = 0.0  # a commit after every guide: many moments to be killed in
bank = QuestionBank(sys.argv[1])
bank.sync([], [sys.argv[2]], progress=lambda done, total, path: print(done, flush=True))
print("done", flush=True)
"""


def test_an_update_killed_at_any_moment_leaves_a_whole_bank(tmp_path: Path,
                                                             library: Path) -> None:
    import subprocess

    from reading_guide.storage import load_guide
    from tests.storage.bank_guides import SAMPLE, variant, write

    sample = load_guide(SAMPLE)
    for n in range(40):
        write(variant(sample, f"2022-02-{n % 28 + 1:02}", f"Group {n}", 1 + n % 9),
              library / "more" / f"{n}.guide.yaml")
    data = tmp_path / "data"
    root = Path(__file__).resolve().parent.parent.parent
    for kill_after in (3, 17, 31):
        child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(data), str(library)],
                                 cwd=root, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == str(kill_after) or line.strip() == "done":
                break
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        child.wait()
        mode = full_text_mode(sqlite3.connect(":memory:"))
        assert inspect_file(data / FILE_NAME, mode) == "ours"
        with QuestionBank(data) as bank:
            assert bank.notes == []
            with bank._store.reading() as conn:
                rows = conn.execute(
                    "SELECT g.questions, (SELECT count(*) FROM questions q WHERE q.guide = g.id),"
                    " (SELECT count(*) FROM texts t JOIN questions q ON q.id = t.id "
                    "  WHERE q.guide = g.id), (SELECT count(*) FROM question_fts f JOIN "
                    "  questions q ON q.id = f.rowid WHERE q.guide = g.id) FROM guides g"
                ).fetchall()
            assert rows and all(a == b == c == d for a, b, c, d in rows)
    with QuestionBank(data) as bank:
        report = bank.sync([], [library])
        assert report.guides == 44 and report.added == 44 - len(rows)
