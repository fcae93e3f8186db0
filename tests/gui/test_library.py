"""Reuse: the guide library (search, open, duplicate, copy questions) and Duplicate."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reading_guide.gui.library.library_dialog import PATH_ROLE
from reading_guide.model.guide import Essay, Guide, Question
from reading_guide.resources import guides_dir
from reading_guide.storage import dumps_guide, load_guide, save_guide
from tests.gui.app_support import quiet_window as make_window


@pytest.fixture
def library(tmp_path: Path, sample_guide_path: Path) -> Path:
    """The user's guides folder: last year's Monday guide (3 questions), and a broken file."""
    folder = tmp_path / "data" / "guides"
    folder.mkdir(parents=True)
    monday = load_guide(sample_guide_path)
    monday.session.group = "Monday Circle"
    monday.session.date = "2025-11-03"
    monday.questions = monday.questions[:3]
    monday.highlights = [h for h in monday.highlights if h.id in ("h1", "h2")]
    save_guide(monday, folder / "monday.guide.yaml")
    (folder / "broken.guide.yaml").write_text("format: reading-guide/1\nessay: [\n",
                                              encoding="utf-8")
    return folder


def _dialog(window, qtbot):
    """The library dialog once its scan has listed the folders."""
    dialog = window.library.make_dialog()
    qtbot.addWidget(dialog)
    assert dialog.wait_for_scan()
    return dialog


def _check(dialog, question_ids: list[str]) -> None:
    for i in range(dialog.questions.count()):
        item = dialog.questions.item(i)
        if item.data(PATH_ROLE) in question_ids:
            item.setCheckState(Qt.CheckState.Checked)


def test_library_lists_and_searches_both_folders(qtbot, tmp_path: Path, library: Path) -> None:
    window = make_window(qtbot, tmp_path)
    dialog = _dialog(window, qtbot)
    names = {p.name for p in dialog.visible_paths()}
    assert {"sample.guide.yaml", "monday.guide.yaml", "broken.guide.yaml"} <= names
    entry = next(e for e in dialog.entries if e.path.name == "monday.guide.yaml")
    assert (entry.group, entry.date, entry.questions) == ("Monday Circle", "2025-11-03", 3)
    broken = next(e for e in dialog.entries if e.path.name == "broken.guide.yaml")
    assert not broken.ok and "broken.guide.yaml" in broken.error
    dialog.search.setText("monday")
    assert [p.name for p in dialog.visible_paths()] == ["monday.guide.yaml"]
    dialog.search.setText("2025-11 circle")
    assert [p.name for p in dialog.visible_paths()] == ["monday.guide.yaml"]
    dialog.search.setText("nothing like this")
    assert dialog.visible_paths() == [] and not dialog.open_button.isEnabled()
    dialog.search.clear()
    dialog.select_path(library / "broken.guide.yaml")
    assert not dialog.open_button.isEnabled() and "cannot be read" in dialog.detail.text()
    row = dialog.tree.currentItem()
    problem = row.text(1)  # the list itself says what is wrong, in one line
    assert problem and "\n" not in problem and problem in broken.error
    # Open from the library.
    dialog.select_path(library / "monday.guide.yaml")
    dialog.open_current()
    assert window.shell.session.path == (library / "monday.guide.yaml").resolve()
    dialog.resize(1000, 520)
    out = Path(os.environ.get("GUI_SHOTS", tmp_path)) / "library.png"
    dialog.select_path(guides_dir() / "sample.guide.yaml")
    assert dialog.grab().save(str(out))


def test_duplicate_from_the_library_makes_a_new_unsaved_guide(
    qtbot, tmp_path: Path, library: Path, sample_guide_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    feature = window.library
    feature.ask_duplicate = lambda guide: ("Tuesday Readers", "2027-02-02", "Lee", 60)
    dialog = _dialog(window, qtbot)
    dialog.select_path(guides_dir() / "sample.guide.yaml")
    dialog.duplicate_current()
    session = window.shell.session
    sample = load_guide(sample_guide_path)
    guide = session.guide
    assert (guide.session.group, guide.session.date, guide.session.facilitator,
            guide.session.minutes) == ("Tuesday Readers", "2027-02-02", "Lee", 60)
    assert guide.questions == sample.questions and guide.highlights == sample.highlights
    assert session.path is None and session.is_modified
    # Suggested in the user's folder, not in the app's own guides folder.
    assert session.suggested_path == library / "sample-2027-02-02.guide.yaml"


def test_duplicate_current_keeps_statuses_and_asks_before_dropping_work(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    path = tmp_path / "g.guide.yaml"
    guide = load_guide(sample_guide_path)
    guide.highlights[0].status = "review"
    save_guide(guide, path)
    assert window.shell.files.open_path(path)
    feature = window.library
    feature.ask_duplicate = lambda g: None  # cancelled: nothing happens
    assert not feature.act_duplicate.trigger() and window.shell.session.path == path.resolve()
    feature.ask_duplicate = lambda g: ("Other group", "2027-03-01", "Kim", None)
    assert feature.duplicate_current()
    assert window.shell.session.guide.highlights[0].status == "review"
    assert window.shell.session.guide.session.minutes == guide.session.minutes
    assert window.shell.session.suggested_path == tmp_path / "g-2027-03-01.guide.yaml"


def test_duplicate_offers_a_new_guide_first_or_this_guide_in_one_undo(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    from reading_guide.gui.library.library_dialog import DuplicateDialog

    path = tmp_path / "g.guide.yaml"
    shutil.copy(sample_guide_path, path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(path)
    session = window.shell.session
    dialog = DuplicateDialog(session.guide, offer_this=True)
    qtbot.addWidget(dialog)
    assert dialog.values()[4] == "new"  # a new guide is the default
    dialog.resize(480, 330)
    assert dialog.grab().save(os.environ.get("GUI_SHOTS", "/tmp") + "/duplicate-dialog.png")
    old = copy.deepcopy(session.guide.session)
    window.library.ask_duplicate = lambda g: ("Other group", "2027-03-01", "Kim", 75, "this")
    assert window.library.duplicate_current()
    assert session.path == path.resolve()  # the same guide, changed in place
    assert (session.guide.session.group, session.guide.session.date,
            session.guide.session.minutes) == ("Other group", "2027-03-01", 75)
    session.undo_stack.undo()  # one undo goes back
    assert session.guide.session == old


def test_copy_checked_questions_into_this_guide(qtbot, tmp_path: Path, library: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(library / "monday.guide.yaml")
    session = window.shell.session
    before = dumps_guide(session.guide)
    dialog = _dialog(window, qtbot)
    dialog.select_path(guides_dir() / "sample.guide.yaml")
    assert dialog.copy_button.isVisible() or not dialog.isVisible()
    _check(dialog, ["q5", "q9"])
    dialog.copy_checked()
    guide = session.guide
    assert len(guide.questions) == 5
    copied = guide.questions[3]
    assert copied.text.startswith("What does the catcher comparison")
    h = guide.highlight(copied.highlight)
    text = session.document.text
    assert text[h.position.start:h.position.end] == "receiving a text is an activity, not a rest"
    assert guide.questions[4].highlight is None  # a general question stays general
    session.undo_stack.undo()  # one step
    assert dumps_guide(session.guide) == before


def test_copy_from_a_guide_on_another_essay_is_refused(
    qtbot, tmp_path: Path, library: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    other = Guide(title="Bananas", essay=Essay(title="Bananas", text=(
        "# Bananas\n\nBananas grow in bunches on large herbaceous plants.\n")),
        questions=[Question("q1", "Ever grown one?")])
    path = tmp_path / "bananas.guide.yaml"
    save_guide(other, path)
    assert window.shell.files.open_path(path)
    before = dumps_guide(window.shell.session.guide)
    assert not window.library.copy_from(library / "monday.guide.yaml", ["q2"])
    (title, message), = window.shell.prompts.errors
    assert "different essay" in message
    assert dumps_guide(window.shell.session.guide) == before
    assert window.shell.session.undo_stack.count() == 0


def test_menus_hold_the_reuse_actions(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    texts = []
    for action in window.shell.menuBar().actions():
        texts += [a.text().replace("&", "") for a in action.menu().actions()]
    for wanted in ("Update Essay…", "Duplicate for a New Session…", "Guide Library…",
                   "Session Plan", "Review Highlights"):
        assert wanted in texts
    assert window.library.act_library.isEnabled()  # usable before any guide is open
    assert not window.review.act_update.isEnabled()


def _many_guides(folder: Path, count: int) -> None:
    """`count` small guides (5 questions each) and one broken file, as a big library holds."""
    folder.mkdir(parents=True)
    guide = Guide(title="TITLE", essay=Essay(title="Bananas", text=(
        "# Bananas\n\nBananas grow in bunches on large herbaceous plants.\n")),
        questions=[Question(f"q{i}", f"Question {i} about bananas?") for i in range(1, 6)])
    text = dumps_guide(guide)
    for n in range(count):
        (folder / f"guide-{n:03}.guide.yaml").write_text(
            text.replace("TITLE", f"Session {n:03}"), encoding="utf-8")
    (folder / "zz-broken.guide.yaml").write_bytes(b"format: reading-guide/1\n<b>bold</b>: [\n")


def _bare_dialog(qtbot, folders: list[Path]):
    from reading_guide.gui.library.library_dialog import LibraryDialog

    dialog = LibraryDialog(folders, lambda p: False, lambda p: False, lambda p, ids: False,
                           can_copy=False)
    qtbot.addWidget(dialog)
    return dialog


def test_a_big_library_is_read_without_blocking_the_window(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """200 guides: the dialog opens at once saying where it looks, the event loop keeps running
    while the worker reads them (halfway, the worker waits until a timer of the window's thread
    has ticked three times: read on the window's thread, it would wait in vain), then every
    guide is listed, the broken one with its one-line error as plain text."""
    import threading

    from PySide6.QtCore import QTimer

    from reading_guide.gui.library import library_scan

    folder = tmp_path / "club"
    _many_guides(folder, 200)
    ticked, read, waited = threading.Event(), [], []
    summarize = library_scan.summarize

    def halfway_waits(path: Path):  # noqa: ANN202
        if len(read) == 100:
            waited.append(ticked.wait(30))
        read.append(path)
        return summarize(path)

    monkeypatch.setattr(library_scan, "summarize", halfway_waits)
    dialog = _bare_dialog(qtbot, [folder])
    assert dialog.scanning and dialog.tree.topLevelItemCount() == 0
    assert dialog.status.text() == "Looking in 1 folder…"
    ticks = []

    def tick() -> None:
        if dialog.scanning:
            ticks.append(1)
        if len(ticks) >= 3:
            ticked.set()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    qtbot.waitUntil(lambda: not dialog.scanning, timeout=60_000)
    timer.stop()
    assert waited == [True]  # the window's thread ran while the worker was halfway
    assert len(dialog.entries) == 201 and dialog.tree.topLevelItemCount() == 201
    assert dialog.status.text() == "201 guides" and not dialog.problems.isVisible()
    dialog.select_path(folder / "zz-broken.guide.yaml")
    row = dialog.tree.currentItem()
    assert "zz-broken.guide.yaml" in row.toolTip(0) and "\n" not in row.text(1) and row.text(1)
    assert dialog.detail.textFormat() == Qt.TextFormat.PlainText
    assert "cannot be read" in dialog.detail.text()
    dialog.search.setText("session 007")
    assert [p.name for p in dialog.visible_paths()] == ["guide-007.guide.yaml"]
    assert dialog.questions.count() == 5


def test_closing_the_library_mid_scan_stops_its_thread(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """The worker is held at the eleventh guide until the scan is cancelled: closing the
    dialog then cancels it and waits, so no thread is left running, and no more is listed."""
    import time

    from reading_guide.gui.library import library_scan

    folder = tmp_path / "club"
    _many_guides(folder, 200)
    read: list[Path] = []
    summarize = library_scan.summarize
    holder: list = []

    def held(path: Path):  # noqa: ANN202
        if len(read) == 10:
            while not (holder and holder[0].report.cancelled()):
                time.sleep(0.005)
        read.append(path)
        return summarize(path)

    monkeypatch.setattr(library_scan, "summarize", held)
    dialog = _bare_dialog(qtbot, [folder])
    task = dialog.task
    holder.append(task)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 10, timeout=30_000)
    assert dialog.scanning
    dialog.reject()
    assert task.wait(0)  # no thread left running once the dialog has closed
    assert len(read) == 11  # it stopped at the next guide
    qtbot.waitUntil(lambda: not dialog.scanning)  # the cancelled outcome arrives
    assert len(dialog.entries) == 10


def test_a_vanished_or_unreadable_folder_is_one_line_and_the_rest_is_listed(
    qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "club"
    _many_guides(folder, 2)
    gone = tmp_path / "usb-stick" / "guides"
    not_folder = tmp_path / "notes.txt"
    not_folder.write_text("x", encoding="utf-8")
    dialog = _bare_dialog(qtbot, [gone, folder, not_folder])
    assert dialog.status.text() == "Looking in 3 folders…"
    assert dialog.wait_for_scan()
    assert len(dialog.entries) == 3
    lines = dialog.problems.text().split("\n")
    assert len(lines) == 2 and not dialog.problems.isHidden()
    assert str(gone) in lines[0] and "not found" in lines[0]
    assert str(not_folder) in lines[1] and "not a folder" in lines[1]
    assert dialog.problems.textFormat() == Qt.TextFormat.PlainText


def test_a_guide_whose_file_name_is_not_utf8_is_listed_and_found(qtbot, tmp_path: Path) -> None:
    """A file name in another encoding (a USB stick from an old computer) is listed with U+FFFD,
    searched and opened like any other (the list raised KeyError on it)."""
    folder = tmp_path / "club"
    _many_guides(folder, 1)
    odd = folder / os.fsdecode(b"essai-\xe9.guide.yaml")
    try:
        (folder / "guide-000.guide.yaml").rename(odd)
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 file names")
    dialog = _bare_dialog(qtbot, [folder])
    assert dialog.wait_for_scan()
    assert odd in dialog.visible_paths()
    dialog.search.setText("session 000")
    assert dialog.visible_paths() == [odd] and dialog.current_entry().path == odd
    dialog.select_path(odd)
    assert dialog.current_entry().path == odd and dialog.open_button.isEnabled()


def test_guides_are_listed_as_they_are_read(qtbot, tmp_path: Path, monkeypatch) -> None:
    """A slow folder: the guides read so far can be searched and chosen while the rest is read
    (the reading is held after the tenth guide until the list has shown some)."""
    import threading

    from reading_guide.gui.library import library_scan

    folder = tmp_path / "club"
    _many_guides(folder, 30)
    hold, read = threading.Event(), []
    summarize = library_scan.summarize

    def slow_summarize(path: Path):  # noqa: ANN202
        if len(read) == 10:
            assert hold.wait(30)
        read.append(path)
        return summarize(path)

    monkeypatch.setattr(library_scan, "summarize", slow_summarize)
    dialog = _bare_dialog(qtbot, [folder])
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 10
                    and dialog.status.text() == "Reading guide 11 of 31…", timeout=30_000)
    assert dialog.scanning
    assert dialog.current_entry() is not None and dialog.questions.count() == 5
    dialog.search.setText("session 003")
    assert [p.name for p in dialog.visible_paths()] == ["guide-003.guide.yaml"]
    dialog.questions.item(0).setCheckState(Qt.CheckState.Checked)
    hold.set()
    qtbot.waitUntil(lambda: not dialog.scanning, timeout=30_000)
    assert dialog.tree.topLevelItemCount() == 31
    assert [p.name for p in dialog.visible_paths()] == ["guide-003.guide.yaml"]
    assert dialog.checked_ids() == ["q1"]  # what the user checked meanwhile is kept
    dialog.search.clear()
    names = [p.name for p in dialog.visible_paths()]
    assert names[:3] == ["guide-000.guide.yaml", "guide-001.guide.yaml", "guide-002.guide.yaml"]
