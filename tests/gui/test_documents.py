"""Opening Word, OpenDocument, EPUB and PDF files in the window (issue 14): the Open dialog's
filters, drag and drop, the EPUB chapter picker, an import in a worker with progress and cancel,
and the one-line error for a file that cannot be read."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from reading_guide.gui.core.prompts import ESSAYS_ONLY_FILTER, OPEN_FILTER
from reading_guide.gui.documents import feature as documents
from reading_guide.gui.documents.chapter_dialog import ChapterDialog, chapter_choice
from reading_guide.render.converted import Chapter
from reading_guide.render.formats import ACCEPTED_EXTENSIONS, DOCUMENT_EXTENSIONS
from tests.gui.app_support import quiet_window
from tests.render.documents_gen import docx, epub, w_paragraph, write

DOCUMENTS = Path(__file__).resolve().parent.parent / "data" / "documents"
SHOTS = Path(os.environ.get("GUI_SHOTS", "/tmp"))


def _patterns(filters: str) -> set[str]:
    return {p[1:] for p in re.findall(r"\*\.[\w.]+", filters)}


def _wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.documents.busy, timeout=30_000)


def _book(tmp_path: Path) -> Path:
    return write(tmp_path / "walks.epub", epub([
        ("Morning", "<p>The first walk starts at the harbour before the fishing boats leave.</p>"),
        ("Noon", "<p>The second walk climbs to the lighthouse when the sun is highest.</p>"),
        ("Evening", "<p>The third walk returns along the dunes as the lamps come on.</p>"),
    ], title="Three Walks", author="A. Walker"))


def test_open_dialogs_offer_every_essay_extension() -> None:
    for filters in (OPEN_FILTER, ESSAYS_ONLY_FILTER):
        assert set(ACCEPTED_EXTENSIONS) <= _patterns(filters)
    documents_filter = next(f for f in ESSAYS_ONLY_FILTER.split(";;") if "PDF" in f)
    assert _patterns(documents_filter) == set(DOCUMENT_EXTENSIONS)


def test_a_word_file_opens_as_a_new_guide_through_a_worker(qtbot, tmp_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    path = write(tmp_path / "letter.docx", docx(
        w_paragraph("A Letter to the Group", "Title")
        + w_paragraph("We meet on Tuesday to read the essay about lighthouses together."),
        title="A Letter to the Group", creator="Sam"))
    assert window.shell.files.open_path(path)
    _wait_idle(qtbot, window)
    session = window.shell.session
    assert "read the essay about lighthouses" in session.document.text
    assert session.guide.essay.origin is not None and session.guide.essay.origin.format == "docx"
    assert session.path is None and session.suggested_path == tmp_path / "letter.guide.yaml"
    assert window.shell.prompts.errors == []


def test_an_epub_asks_which_chapters_and_opens_them(qtbot, tmp_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    asked: list[list[Chapter]] = []

    def pick(_path: Path, chapters: list[Chapter]) -> str:
        asked.append(list(chapters))
        return "2-3"

    window.documents.ask_chapters = pick
    assert window.shell.files.open_path(_book(tmp_path))
    _wait_idle(qtbot, window)
    [chapters] = asked
    assert [c.title for c in chapters] == ["Morning", "Noon", "Evening"]
    text = window.shell.session.document.text
    assert "climbs to the lighthouse" in text and "along the dunes" in text
    assert "harbour" not in text
    assert window.shell.session.guide.essay.origin.chapter == "2-3"


def test_cancelling_the_chapter_picker_keeps_the_open_guide(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(sample_guide_path)
    window.documents.ask_chapters = lambda _p, _c: None
    window.shell.files.open_path(_book(tmp_path))
    _wait_idle(qtbot, window)
    assert window.shell.session.path == sample_guide_path.resolve()


def test_chapter_dialog_choices(qtbot) -> None:
    chapters = [Chapter(1, "Contents"), Chapter(2, "I. The Sun-Seeker"),
                Chapter(3, "First test", 1), Chapter(4, "<b>II.</b> Rinks", 0)]
    dialog = ChapterDialog("book.epub", chapters)
    qtbot.addWidget(dialog)
    assert dialog.choice() == "all"
    dialog.choose(2)
    assert dialog.some.isChecked() and dialog.choice() == "2"
    dialog.choose(2, 4)
    assert dialog.choice() == "2-4" and "2–4" in dialog.chosen.text()
    assert dialog.list.item(3).text().endswith("<b>II.</b> Rinks")  # the book's text, as text
    assert dialog.list.item(2).text().startswith("    3.")  # a section sits under its chapter
    dialog.resize(520, 420)
    assert dialog.grab().save(str(SHOTS / "chapter-picker.png"))
    assert chapter_choice([5, 3, 4]) == "3-5"


def test_a_pdf_reports_progress_and_what_the_import_removed(qtbot, tmp_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    steps: list[tuple[int, int]] = []
    window.shell.files.open_path(DOCUMENTS / "two-column-paper.pdf")
    task = window.documents.task
    assert task is not None and window.documents.progress is not None
    task.progressed.connect(lambda done, total, _t: steps.append((done, total)))
    _wait_idle(qtbot, window)
    assert steps and steps[-1][0] == steps[-1][1]  # page by page, to the last one
    report = window.reader.repairs
    assert report.isVisibleTo(window.shell)
    sentences = report.sentences()
    assert any(s.startswith("Running heads") and "removed on" in s for s in sentences), sentences
    assert not any("-" in s.split()[0] for s in sentences)  # no "removed-furniture" jargon


def test_an_import_never_blocks_the_window_and_can_be_cancelled(
        qtbot, tmp_path: Path, sample_guide_path: Path, monkeypatch) -> None:
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(sample_guide_path)
    release = threading.Event()
    real = documents.import_opened

    def held(path, chapter, report):
        report.progress(0, 300)
        release.wait(10)
        report.progress(1, 300)  # cancelled meanwhile: this stops the import
        return real(path, chapter, report)

    monkeypatch.setattr(documents, "import_opened", held)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    window.shell.files.open_path(DOCUMENTS / "two-column-paper.pdf")
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the import waits
    qtbot.waitUntil(lambda: window.documents.progress is not None
                    and window.documents.progress.isVisible(), timeout=5000)
    assert "page 1 of 300" in window.documents.progress.labelText()
    assert window.documents.progress.grab().save(str(SHOTS / "document-progress.png"))
    [cancel] = [b for b in window.documents.progress.findChildren(QPushButton)
                if b.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # the dialog's Cancel button
    release.set()
    _wait_idle(qtbot, window)
    timer.stop()
    assert window.shell.session.path == sample_guide_path.resolve()  # untouched
    assert window.shell.prompts.errors == []


def test_a_scanned_pdf_gets_one_line_and_changes_nothing(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(sample_guide_path)
    window.shell.files.open_path(DOCUMENTS / "scanned-page.pdf")
    _wait_idle(qtbot, window)
    [(_title, message)] = window.shell.prompts.errors
    assert "scanned-page.pdf" in message and "no text" in message and "\n" not in message
    assert window.shell.session.path == sample_guide_path.resolve()


def _drop_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    """The events of dropping `path`, and their data (which the caller keeps alive: the
    events only point at it, and Qt reads freed memory once Python has collected it)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(10, 10), actions, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(10, 10), actions, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    return enter, drop, data


@pytest.mark.parametrize("name", ["letter.docx", "walks.epub", "paper.pdf", "report.odt"])
def test_drag_and_drop_accepts_documents(qtbot, tmp_path: Path, name: str) -> None:
    window = quiet_window(qtbot, tmp_path)
    enter, _drop, _data = _drop_events(tmp_path / name)
    QApplication.sendEvent(window.shell, enter)
    assert enter.isAccepted()


def test_dropping_a_document_opens_it(qtbot, tmp_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    window.documents.ask_chapters = lambda _p, _c: "1"
    enter, drop, _data = _drop_events(_book(tmp_path))
    QApplication.sendEvent(window.shell, enter)
    QApplication.sendEvent(window.shell, drop)
    _wait_idle(qtbot, window)
    assert "starts at the harbour" in window.shell.session.document.text


def test_the_shared_documents_open_in_the_window(qtbot, tmp_path: Path, shared_dir: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    window.documents.ask_chapters = lambda _p, _c: "all"
    folder = shared_dir / "import" / "documents"
    for expect_path in sorted(folder.glob("*.expect.yaml")):
        expect = yaml.safe_load(expect_path.read_text(encoding="utf-8"))
        window.shell.prompts.errors.clear()
        window.shell.files.open_path(folder / expect["file"])
        _wait_idle(qtbot, window)
        if expect["expect"] == "import":
            assert window.shell.prompts.errors == []
            # The expect files add a publication note in brackets after some titles.
            wanted = re.sub(r"\s*\([^()]*\)\s*$", "", expect["title"])
            assert window.shell.session.guide.essay.title.casefold() == wanted.casefold()
            assert window.shell.session.suggested_path.name.endswith(".guide.yaml")
        else:
            [(_title, message)] = window.shell.prompts.errors
            assert expect["file"] in message and "\n" not in message


def test_the_progress_dialog_shows_a_file_name_as_text(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    window = quiet_window(qtbot, tmp_path)
    release = threading.Event()

    def held(path, chapter, report):
        report.progress(0, 3)
        release.wait(10)
        report.progress(1, 3)

    monkeypatch.setattr(documents, "import_opened", held)
    hostile = tmp_path / "<img src='x.png'><b>paper.pdf"  # no slash: one file name
    hostile.write_bytes((DOCUMENTS / "two-column-paper.pdf").read_bytes())
    window.shell.files.open_path(hostile)
    qtbot.waitUntil(lambda: window.documents.progress is not None
                    and window.documents.progress.isVisible(), timeout=5000)
    [label] = window.documents.progress.findChildren(QLabel)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<img src='x.png'><b>paper.pdf" in label.text()
    window.documents.cancel()
    release.set()
    _wait_idle(qtbot, window)
