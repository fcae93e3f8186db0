"""Updating the question bank from guide files: only what changed is read, nothing is lost,
and files that change, vanish or are hostile while an update runs are each one line."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from reading_guide.storage import bank_index, load_guide
from reading_guide.storage.bank_search import BankQuery
from reading_guide.storage.question_bank import QuestionBank
from tests.reliability import hostile_gen
from tests.storage.bank_guides import DATA, SAMPLE, make_library, variant, write


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    make_library(folder)
    return folder


@pytest.fixture
def bank(tmp_path: Path):
    with QuestionBank(tmp_path / "data") as bank:
        yield bank


def texts(bank: QuestionBank, words: str = "", **filters: object) -> list[str]:
    return [r.question.text for r in bank.search(BankQuery(words, limit=500, **filters)).results]


def test_first_update_indexes_every_guide_and_lists_them(bank: QuestionBank, library: Path
                                                         ) -> None:
    seen: list[tuple[int, int, str]] = []
    report = bank.sync([], [library], progress=lambda *a: seen.append(a))
    assert (report.guides, report.questions) == (4, 3 + 9 + 3 + 1)
    assert (report.added, report.updated, report.removed, report.problems) == (4, 0, 0, [])
    assert seen[0][:2] == (0, 4) and seen[-1] == (4, 4, "")
    assert [Path(p).name for _, _, p in seen[:-1]] == [
        "walking.guide.yaml", "sitting.guide.yaml", "monday.guide.yaml", "thursday.guide.yaml"]
    entries = {e.path.name: e for e in bank.entries()}
    monday = entries["monday.guide.yaml"]
    assert (monday.group, monday.date, monday.year, monday.questions) == (
        "Monday Circle", "2025-11-03", 2025, 3)
    assert bank.location == bank.location.parent / "question-bank.sqlite3" and not bank.in_memory


def test_an_unchanged_bank_reads_no_file_again(bank: QuestionBank, library: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    bank.sync([], [library])
    read: list[Path] = []
    real = bank_index.read_guide_bytes
    monkeypatch.setattr(bank_index, "read_guide_bytes", lambda p: read.append(p) or real(p))
    report = bank.sync([], [library])
    assert read == [] and (report.unchanged, report.added, report.updated) == (4, 0, 0)
    # Touched but identical bytes: read and hashed, not parsed again.
    os.utime(library / "walking.guide.yaml", ns=(1, 1))
    monkeypatch.setattr(bank_index, "parse_guide_summary", lambda *a: pytest.fail("parsed"))
    report = bank.sync([], [library])
    assert [p.name for p in read] == ["walking.guide.yaml"] and report.unchanged == 4
    assert bank.sync([], [library]).unchanged == 4 and len(read) == 1  # its new time was kept


def test_a_changed_guide_replaces_its_questions(bank: QuestionBank, library: Path) -> None:
    bank.sync([], [library])
    guide = load_guide(library / "2025" / "monday.guide.yaml")
    guide.questions[0].text = "What did you read slowly this summer?"
    write(guide, library / "2025" / "monday.guide.yaml")
    report = bank.sync([], [library])
    assert (report.updated, report.unchanged, report.questions) == (1, 3, 16)
    assert texts(bank, "summer") == ["What did you read slowly this summer?"]
    (last_years,) = bank.search("last thing you read slowly").results
    assert [Path(u.path).name for u in last_years.uses] == ["thursday.guide.yaml"]


def test_guides_that_are_gone_leave_the_bank(bank: QuestionBank, library: Path) -> None:
    bank.sync([], [library])
    (library / "walking.guide.yaml").unlink()
    shutil.rmtree(library / "2024")
    report = bank.sync([], [library])
    assert (report.removed, report.guides) == (2, 2)
    assert texts(bank, "walk") == [] and texts(bank, "promise") == []


def test_a_folder_that_disappears_is_named_and_its_guides_leave(bank: QuestionBank,
                                                                 library: Path) -> None:
    other = library.parent / "usb"
    write(load_guide(DATA / "guides" / "walking.guide.yaml"), other / "w.guide.yaml")
    assert bank.sync([], [library, other]).guides == 5
    shutil.rmtree(other)
    report = bank.sync([], [library, other])
    assert report.guides == 4 and report.removed == 1
    (note,) = report.notes
    assert note == f"{other}: this folder is not there; its guides are left out until it is back."
    (note,) = bank.sync([], [library, library / "walking.guide.yaml"]).notes
    assert note.endswith("walking.guide.yaml: this is not a folder; its guides are left out "
                         "until it is back.")


def test_recent_files_are_indexed_and_a_missing_one_is_noted(bank: QuestionBank, library: Path,
                                                              tmp_path: Path) -> None:
    elsewhere = write(load_guide(SAMPLE), tmp_path / "desk" / "mine.yaml")
    essay = tmp_path / "desk" / "essay.md"
    essay.write_text("# An essay, opened to start a guide\n", encoding="utf-8")
    gone = tmp_path / "desk" / "gone.guide.yaml"
    report = bank.sync([elsewhere, essay, gone, library / "walking.guide.yaml"], [library])
    assert report.guides == 5 and report.problems == []  # the essay is not taken for a guide
    (note,) = report.notes
    assert str(gone) in note
    # The same file by two names (recent file and library folder) is indexed once.
    assert sum(e.path.name == "walking.guide.yaml" for e in bank.entries()) == 1


def test_broken_huge_and_hostile_guides_are_each_one_line(bank: QuestionBank, library: Path,
                                                          sample_guide_path: Path) -> None:
    bad = library / "bad"
    bad.mkdir()
    for name in ("alias_bomb", "tag_python_object", "raw_control_char"):
        shutil.copy(DATA / "hostile" / f"{name}.guide.yaml", bad / f"{name}.guide.yaml")
    shutil.copy(DATA / "guides" / "bad" / "binary.guide.yaml", bad / "binary.guide.yaml")
    hostile_gen.big_guide_21mb(bad / "big.guide.yaml")
    hostile_gen.deep_yaml_flow(bad / "deep_flow.guide.yaml")
    hostile_gen.deep_yaml_block(bad / "deep_block.guide.yaml")
    text = sample_guide_path.read_text(encoding="utf-8")
    (bad / "digits.guide.yaml").write_text(text.replace("minutes: 10", "minutes: " + "9" * 5000),
                                           encoding="utf-8")
    shutil.copy(DATA / "hostile" / "hostile_markup.guide.yaml", bad / "markup.guide.yaml")
    report = bank.sync([], [library])
    problems = dict(report.problems)
    assert sorted(Path(p).name for p in problems) == sorted(
        f"{n}.guide.yaml" for n in ("alias_bomb", "tag_python_object", "raw_control_char",
                                    "binary", "big", "deep_flow", "deep_block", "digits"))
    for path, line in problems.items():
        assert line.startswith(path) and "\n" not in line and len(line) < 600
    assert "over the 20 MB limit" in problems[str(bad / "big.guide.yaml")]
    assert "anchors are not allowed" in problems[str(bad / "alias_bomb.guide.yaml")]
    assert report.guides == 5  # the four good ones and the markup, which is only text
    (markup,) = bank.search("real").results
    assert markup.question.text.startswith("![q](http://127.0.0.1:PORT/q.png) <img")
    assert markup.uses[0].essay_title == "<img src='file:///etc/hostname'>"
    # The broken ones are listed too, with their error, and not read again while unchanged.
    listed = {e.path.name: e for e in bank.entries()}
    assert not listed["big.guide.yaml"].ok and listed["markup.guide.yaml"].ok
    again = bank.sync([], [library])
    assert again.problems == report.problems


def test_a_guide_deleted_while_the_update_runs_leaves_the_bank(bank: QuestionBank,
                                                                library: Path) -> None:
    bank.sync([], [library])
    victim = library / "2026" / "thursday.guide.yaml"
    os.utime(victim, ns=(5, 5))  # so it is read again...

    def progress(done: int, total: int, path: str) -> None:
        if path == str(library / "2025" / "monday.guide.yaml"):
            victim.unlink()  # ...and deleted after the listing, before its turn

    report = bank.sync([], [library], progress)
    assert report.guides == 3 and not report.problems
    assert any("thursday.guide.yaml: deleted while" in n for n in report.notes)
    assert "thursday.guide.yaml" not in {e.path.name for e in bank.entries()}


def test_a_guide_changed_while_it_is_read_is_read_again(bank: QuestionBank, library: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    path = library / "2025" / "monday.guide.yaml"
    real = bank_index.parse_guide_summary
    changes = iter(range(2))

    def parse_and_meanwhile_change(data: bytes, name: str | Path):  # type: ignore[no-untyped-def]
        guide = real(data, name)
        if Path(name) == path and next(changes, None) is not None:
            newer = load_guide(path)
            newer.questions[0].text += f" (edit {len(data)})"
            write(newer, path)
            os.utime(path, ns=(10**18 + len(data), 10**18 + len(data)))
        return guide

    monkeypatch.setattr(bank_index, "parse_guide_summary", parse_and_meanwhile_change)
    report = bank.sync([], [library])
    (note,) = report.notes
    assert str(path) in note and "changed while it was being read" in note
    monkeypatch.setattr(bank_index, "parse_guide_summary", real)
    report = bank.sync([], [library])  # it is read again, now that it stands still
    assert report.updated == 1 and not report.notes
    assert load_guide(path).questions[0].text in texts(bank, "edit")


def test_a_cancelled_update_keeps_its_work_and_removes_nothing(bank: QuestionBank,
                                                               library: Path) -> None:
    bank.sync([], [library])
    (library / "walking.guide.yaml").unlink()
    stop = threading.Event()
    extra = library / "2027"
    sample = load_guide(SAMPLE)
    for n in range(3):
        write(variant(sample, f"2027-0{n + 1}-01", f"Group {n}", 1), extra / f"{n}.guide.yaml")

    def progress(done: int, total: int, path: str) -> None:
        if path.endswith("1.guide.yaml"):
            stop.set()

    report = bank.sync([], [library], progress, stop.is_set)
    # The file being read when the user cancelled is finished; none after it is started.
    assert report.cancelled and report.added == 2 and report.removed == 0
    assert "walking.guide.yaml" in {e.path.name for e in bank.entries()}
    report = bank.sync([], [library])
    assert (report.added, report.removed, report.cancelled) == (1, 1, False)


def test_a_search_during_an_update_sees_whole_guides(bank: QuestionBank, library: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Each guide is committed whole: another thread never sees half of one."""
    monkeypatch.setattr(bank_index, "BATCH_SECONDS", 0.0)  # commit after every guide
    sample = load_guide(SAMPLE)
    for n in range(6):
        write(variant(sample, f"2020-01-{n + 1:02}", f"Group {n}"), library / "more" /
              f"{n}.guide.yaml")
    snapshots: list[list[tuple[int, int, int]]] = []

    def look() -> None:
        with bank._store.reading() as conn:
            snapshots.append(conn.execute(
                "SELECT g.questions, (SELECT count(*) FROM questions q WHERE q.guide = g.id), "
                "(SELECT count(*) FROM question_fts f JOIN questions q ON q.id = f.rowid "
                " WHERE q.guide = g.id) FROM guides g").fetchall())

    def progress(done: int, total: int, path: str) -> None:
        searcher = threading.Thread(target=look)
        searcher.start()
        searcher.join()

    bank.sync([], [library], progress)
    assert [len(rows) for rows in snapshots] == list(range(11))  # one more guide each time
    assert all(a == b == c for rows in snapshots for a, b, c in rows)


def test_a_folder_that_goes_away_during_the_update_is_one_note(bank: QuestionBank,
                                                                library: Path) -> None:
    usb = library.parent / "usb"
    sample = load_guide(SAMPLE)
    for n in range(5):
        write(variant(sample, f"2021-0{n + 1}-01", f"Group {n}", 2), usb / f"{n}.guide.yaml")
    assert bank.sync([], [library, usb]).guides == 9

    for path in usb.iterdir():
        os.utime(path, ns=(7, 7))  # read again at the next update...

    def progress(done: int, total: int, path: str) -> None:
        if path.endswith("thursday.guide.yaml"):
            shutil.rmtree(usb)  # ...but the drive is unplugged before their turn

    report = bank.sync([], [library, usb], progress)
    assert report.guides == 4 and report.removed == 5 and not report.problems
    (note,) = report.notes
    assert note.startswith(str(usb)) and "went away" in note


def test_two_banks_on_one_file_update_at_once(tmp_path: Path, library: Path) -> None:
    """Two windows (or two copies of the app) share the user's bank: their updates queue."""
    sample = load_guide(SAMPLE)
    for n in range(20):
        write(variant(sample, f"2022-01-{n + 1:02}", f"Group {n}", 4), library / "more" /
              f"{n}.guide.yaml")
    reports = []
    with QuestionBank(tmp_path / "data") as one, QuestionBank(tmp_path / "data") as two:
        threads = [threading.Thread(target=lambda b=b: reports.append(b.sync([], [library])))
                   for b in (one, two)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r.notes for r in reports] == [[], []]
        assert [(r.guides, r.questions) for r in reports] == [(24, 16 + 80)] * 2
        assert one.facets().questions == two.facets().questions == 16 + 80
        assert len(one.entries()) == 24


def test_connections_of_ended_threads_are_closed(bank: QuestionBank, library: Path) -> None:
    bank.sync([], [library])
    for _ in range(5):  # a GUI that searches from a new thread each time
        t = threading.Thread(target=lambda: bank.search("slow"))
        t.start()
        t.join()
    assert bank._store.open_connections <= 2  # this thread's, and the last thread's
