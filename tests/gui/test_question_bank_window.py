"""The question bank in the window (issue 17.3): folders the user adds, an update in a worker
with progress and cancel, searching by words and filters, which guides use a question, inserting
one into the open guide (one undo takes it out), and bad guides listed with their problem."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from reading_guide.storage.bank_records import SyncReport
from tests.gui.app_support import quiet_window
from tests.storage.bank_guides import make_library

SHOTS = Path(os.environ.get("GUI_SHOTS", "/tmp"))


def _bank(qtbot, window, folder: Path | None = None):
    """The Question Bank dialog, with `folder` added and the update finished."""
    dialog = window.library.show_bank()
    qtbot.waitUntil(lambda: not window.library.bank.busy, timeout=30_000)
    if folder is not None:
        dialog.ask_folder = lambda: str(folder)
        dialog.add_folder()
        qtbot.waitUntil(lambda: not window.library.bank.busy, timeout=30_000)
    return dialog


def _texts(dialog) -> list[str]:
    return [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]


def _choose(dialog, words: str) -> None:
    dialog.words.setText(words)
    dialog.search()
    assert dialog.current() is not None, _texts(dialog)


def test_added_folders_are_indexed_searched_and_kept(qtbot, tmp_path: Path) -> None:
    library = tmp_path / "library"
    make_library(library)
    window = quiet_window(qtbot, tmp_path)
    dialog = _bank(qtbot, window, library)
    assert window.library.bank.folders() == [library]
    assert window.shell.settings.get("library/folders") == [str(library)]  # kept in settings
    assert "4 guides" in dialog.status.text()
    _choose(dialog, "sit walk")
    [text] = _texts(dialog)
    assert text.casefold().startswith("would you rather sit")
    uses = dialog.list.topLevelItem(0).text(3)
    assert uses == "2 guides (2026, 2024)"  # each question says which guides ask it
    assert "walking.guide.yaml" in dialog.detail.toPlainText()
    # Filters: kind, stage and year narrow the results.
    dialog.words.setText("")
    dialog.search()
    everything = len(dialog.results)
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    assert 0 < len(dialog.results) < everything
    assert all(any(u.year == 2025 for u in r.uses) for r in dialog.results)
    dialog.year.setCurrentIndex(0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("evaluative"))
    assert dialog.results and all(r.question.kind == "evaluative" for r in dialog.results)
    dialog.resize(1000, 620)
    assert dialog.grab().save(str(SHOTS / "question-bank.png"))
    # Remove folder: its guides leave the bank at the next update.
    dialog.folder_list.setCurrentRow(1)
    dialog.remove_folder()
    qtbot.waitUntil(lambda: not window.library.bank.busy, timeout=30_000)
    assert window.library.bank.folders() == []
    dialog.words.setText("sit walk")
    dialog.search()
    assert _texts(dialog) == []


def test_inserting_a_question_is_one_undoable_step(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    library = tmp_path / "library"
    make_library(library)
    window = quiet_window(qtbot, tmp_path)
    session = window.shell.session
    essay = tmp_path / "walking.md"
    essay.write_text("# Elsewhere\n\nA short essay about sitting still by the window.\n",
                     encoding="utf-8")
    assert window.shell.files.open_path(essay)
    dialog = _bank(qtbot, window, library)
    _choose(dialog, "sit walk")
    before = len(session.guide.questions)
    assert dialog.insert("general")
    [new] = [q for q in session.guide.questions if "rather sit" in q.text.casefold()]
    assert new.highlight is None and len(session.guide.questions) == before + 1
    assert window.shell.selection.current.id == new.id
    dialog.search()
    assert dialog.list.topLevelItem(0).text(3).startswith("this guide")
    session.undo_stack.undo()
    assert len(session.guide.questions) == before
    # On the words selected in the essay: a new highlight with the question on it.
    window.shell.essay.select_range(2, 7)
    _choose(dialog, "sit walk")
    assert dialog.insert("selection")
    [new] = [q for q in session.guide.questions if "rather sit" in q.text.casefold()]
    highlight = session.guide.highlight(new.highlight)
    assert highlight is not None and highlight.position is not None
    session.undo_stack.undo()
    assert not session.guide.highlights and len(session.guide.questions) == before


def test_a_question_goes_to_its_own_passage_when_this_essay_has_it(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    library = tmp_path / "library"
    make_library(library)
    window = quiet_window(qtbot, tmp_path)
    session = window.shell.session
    # A new guide on the sample essay: last year's questions' passages are in it.
    from reading_guide.storage import load_guide

    essay = tmp_path / "essay.md"
    essay.write_text(load_guide(sample_guide_path).essay.text, encoding="utf-8")
    assert window.shell.files.open_path(essay)
    assert not session.guide.highlights
    dialog = _bank(qtbot, window, library)
    dialog.search()
    with_passage = [r for r in dialog.results if r.question.passage]
    assert with_passage
    row = dialog.results.index(with_passage[0])
    dialog.list.setCurrentItem(dialog.list.topLevelItem(row))
    assert dialog.insert("auto")  # the passage is looked for in a worker
    qtbot.waitUntil(lambda: bool(session.guide.highlights), timeout=10_000)
    [highlight] = session.guide.highlights
    exact = " ".join(with_passage[0].question.passage.exact.split())
    assert session.document.text[highlight.position.start:highlight.position.end] == exact
    session.undo_stack.undo()
    assert not session.guide.highlights and not session.guide.questions


def test_an_update_never_blocks_the_window_and_can_be_cancelled(qtbot, tmp_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    controller = window.library.bank
    release = threading.Event()
    saw_cancel: list[bool] = []

    def slow_sync(files, folders, progress, cancelled):
        progress(0, 200, "first.guide.yaml")
        release.wait(10)
        saw_cancel.append(cancelled())
        return SyncReport(cancelled=True)

    controller.bank.sync = slow_sync  # type: ignore[method-assign]
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    dialog = window.library.show_bank()
    qtbot.waitUntil(lambda: "0 of 200" in dialog.status.text())
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the window's event loop runs meanwhile
    assert dialog.update_button.text() == "Cancel"
    dialog.update_button.click()
    release.set()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    timer.stop()
    assert saw_cancel == [True]
    assert dialog.update_button.text() == "&Update Now"


def test_broken_hostile_and_vanishing_guides_are_listed_not_raised(
        qtbot, tmp_path: Path) -> None:
    library = tmp_path / "library"
    paths = make_library(library)
    (library / "broken.guide.yaml").write_bytes(b"\x00\x01binary\xff" * 100)
    (library / "bad.guide.yaml").write_text("schema: 1\nquestions: [unclosed\n", encoding="utf-8")
    with open(library / "huge.guide.yaml", "wb") as huge:  # over the 20 MB limit (sparse)
        huge.truncate(21 * 1024 * 1024)
    hostile = paths["walking"].read_text(encoding="utf-8").replace(
        "title: Discussion guide for On Walking",
        "title: \"<img src='file:///etc/passwd'><b>Hostile</b> guide\"", 1)
    (library / "hostile.guide.yaml").write_text(hostile, encoding="utf-8")
    gone = tmp_path / "gone"
    gone.mkdir()
    window = quiet_window(qtbot, tmp_path)
    controller = window.library.bank
    controller.add_folder(gone)
    dialog = _bank(qtbot, window, library)
    rows = {dialog.guides.topLevelItem(i).text(0): dialog.guides.topLevelItem(i).text(1)
            for i in range(dialog.guides.topLevelItemCount())}
    assert {"broken.guide.yaml", "bad.guide.yaml", "huge.guide.yaml"} <= set(rows)
    for name in ("broken.guide.yaml", "bad.guide.yaml", "huge.guide.yaml"):
        assert rows[name] and "\n" not in rows[name]  # its one-line problem
    assert "cannot be read" in dialog.status.text()
    dialog.tabs.setCurrentIndex(1)
    dialog.resize(1000, 620)
    assert dialog.grab().save(str(SHOTS / "question-bank-guides.png"))
    shutil.rmtree(gone)  # a folder that disappears: a note, the rest still read
    paths["monday"].unlink()  # a guide deleted since the last update leaves the bank
    walking = paths["walking"]  # a guide changed since: the bank has its new words
    walking.write_text(walking.read_text(encoding="utf-8").replace(
        "What does the author mean by *thinking*?", "What does the lighthouse keeper *dread*?"),
        encoding="utf-8")
    dialog.update_button.click()
    qtbot.waitUntil(lambda: not controller.busy, timeout=30_000)
    assert "is not there" in controller.last_report.notes[0]
    assert str(paths["monday"]) not in {str(e.path) for e in controller.bank.entries()}
    _choose(dialog, "lighthouse keeper")
    assert _texts(dialog) == ["What does the lighthouse keeper dread?"]  # as printed
    titles = [dialog.guides.topLevelItem(i).text(0)
              for i in range(dialog.guides.topLevelItemCount())]
    assert "<img src='file:///etc/passwd'><b>Hostile</b> guide" in titles  # shown as text
    assert window.shell.prompts.errors == []


def test_a_data_folder_that_cannot_be_written_gives_a_bank_in_memory(
        qtbot, tmp_path: Path) -> None:
    blocked = tmp_path / "data-file"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    window = quiet_window(qtbot, tmp_path)
    window.library.data_dir = blocked  # a file in the way: nothing can be written there
    library = tmp_path / "library"
    make_library(library)
    dialog = _bank(qtbot, window, library)
    assert window.library.bank.bank.in_memory
    assert "4 guides" in dialog.status.text() and "memory" in dialog.status.text()
    _choose(dialog, "sit walk")
