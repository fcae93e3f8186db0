"""Opening Word, OpenDocument, EPUB and PDF files, as a feature of the window (issue 14).

The file rules (core/files.py) hand these extensions to `open_document` after asking about
unsaved work; from there nothing runs on the window's thread that can take long:
1. an EPUB's table of contents is read in a worker, then the user picks the whole book, one
   chapter or a run of chapters (chapter_dialog.py);
2. `render.documents.import_document` runs in a worker (core/tasks.py) with a progress dialog
   (pages of a PDF, chapters of an EPUB) whose Cancel stops it at the next page;
3. the finished essay opens through the same rules as any file (`open_path` with what was read),
   and the reader's import report lists what the import repaired or removed.
A file that cannot be read (a scan, an encrypted PDF, a zip bomb) gives the importer's one-line
error; the open guide is untouched until the new one is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reading_guide.gui.core.plain_text import shown
from reading_guide.gui.core.shell import WindowShell
from reading_guide.render.formats import DOCUMENT_EXTENSIONS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from reading_guide.gui.core.tasks import Report, Task
    from reading_guide.render.converted import Chapter
    from reading_guide.storage.opening import OpenedFile

# What a page of progress is called, by format.
UNITS = {".pdf": "page", ".epub": "part"}
SHOW_AFTER_MS = 300  # a quick import (a Word file) opens without a progress dialog flashing


def import_opened(path: Path, chapter: str | None, report: Report) -> OpenedFile:
    """The essay at `path` as the window opens it (worker thread): a new, unsaved guide with
    the repairs to report and where Save As starts."""
    from reading_guide.render.documents import import_document
    from reading_guide.storage.opening import OpenedFile, suggested_guide_path

    imported = import_document(path, chapter=chapter,
                               progress=lambda done, total: report.progress(done, total))
    return OpenedFile(imported.new_guide(), imported.document, repairs=list(imported.repairs),
                      suggested_path=suggested_guide_path(path.resolve()))


class DocumentsFeature:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        # Replaceable (tests answer without a modal dialog): None cancels.
        self.ask_chapters: Callable[[Path, Sequence[Chapter]], str | None] = self._chapters
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.last_error = ""
        self._asked: tuple[int, int, bool] = (0, 0, False)
        shell.files.set_importer(DOCUMENT_EXTENSIONS, self.open_document)
        shell.when_closing(self.stop)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def _state(self) -> tuple[int, int, bool]:
        """What the answer about unsaved work was given for (a later edit asks again)."""
        session = self.shell.session
        return (session.generation, session.undo_stack.index(), session.is_modified)

    def open_document(self, path: Path) -> bool:
        """Start opening the document at `path`; True once started (it opens when done)."""
        if self.busy:
            self.shell.show_status("Another document is still being opened.", 4000)
            return False
        path = Path(path)
        self._asked = self._state()
        if path.suffix.lower() == ".epub":
            self._run(path, f"Reading the contents of “{path.name}”…",
                      lambda report: _chapters_of(path), self._chapters_listed)
        else:
            self._import(path, None)
        return True

    def _chapters_listed(self, path: Path, chapters: object) -> None:
        assert isinstance(chapters, list)
        if len(chapters) <= 1:
            self._import(path, None)
            return
        choice = self.ask_chapters(path, chapters)
        if choice is None:
            self.shell.show_status("Nothing opened.", 3000)
            return
        self._import(path, None if choice == "all" else choice)

    def _import(self, path: Path, chapter: str | None) -> None:
        part = f" (chapters {chapter})" if chapter and "-" in chapter else (
            f" (chapter {chapter})" if chapter else "")
        self._run(path, f"Opening “{path.name}”{part}…",
                  lambda report: import_opened(path, chapter, report), self._imported)

    def _imported(self, path: Path, opened: object) -> None:
        from reading_guide.storage.opening import OpenedFile

        assert isinstance(opened, OpenedFile)
        changed = self._state() != self._asked  # edited since the question: ask again
        if self.shell.files.open_path(path, read=opened, ask=changed):
            self.shell.show_status(
                f"Opened “{path.name}”" + (": the report above the essay lists what the import "
                                           "repaired." if opened.repairs else "."), 6000)

    # The worker and its progress dialog ---------------------------------------------------------

    def _run(self, path: Path, label: str, work: Callable[[Report], object],
             then: Callable[[Path, object], None]) -> None:
        from PySide6.QtWidgets import QLabel, QProgressDialog

        from reading_guide.gui.core.plain_text import make_plain
        from reading_guide.gui.core.tasks import Task  # with the first document, not at start-up

        task = Task(work, self.shell.widget(), what=f"opening {path.name}")
        dialog = QProgressDialog("", "Cancel", 0, 0, self.shell.widget())
        # The file's name is someone else's text: a plain-text label (Qt guesses rich text).
        dialog.setLabel(make_plain(QLabel()))
        dialog.setLabelText(shown(label))
        dialog.setObjectName("documentProgress")
        dialog.setMinimumWidth(420)
        dialog.setWindowTitle("Opening a document")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        unit = UNITS.get(path.suffix.lower(), "part")
        task.progressed.connect(
            lambda done, total, _text: self._advance(path.name, unit, done, total))
        def succeeded(result: object) -> None:
            dialog.hide()
            then(path, result)

        task.succeeded.connect(succeeded)
        task.failed.connect(lambda line: self._failed(line))
        task.cancelled.connect(lambda: self.shell.show_status(
            f"Stopped opening “{path.name}”: nothing changed.", 5000))
        task.ended.connect(lambda: self._ended(task, dialog))
        self.task, self.progress = task, dialog
        task.start()

    def _advance(self, name: str, unit: str, done: int, total: int) -> None:
        dialog = self.progress
        if dialog is None or total <= 0:
            return
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))
        if done >= total:
            dialog.setLabelText(shown(f"Opening “{name}”: cleaning up the text…"))
        else:
            dialog.setLabelText(shown(f"Opening “{name}”: reading {unit} {done + 1} of "
                                      f"{total}…"))

    def _failed(self, line: str) -> None:
        self.last_error = line
        self.shell.prompts.error("Could not open the file", line)

    def _ended(self, task: Task, dialog: QProgressDialog) -> None:
        if self.task is task:  # not when the next step (the import after the picker) started
            self.task = self.progress = None
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        task.deleteLater()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def stop(self) -> None:
        """The window is closing: stop the import and wait for its thread."""
        if self.task is not None:
            self.task.stop()

    def _chapters(self, path: Path, chapters: Sequence[Chapter]) -> str | None:
        from reading_guide.gui.documents.chapter_dialog import ask_chapters

        return ask_chapters(self.shell.widget(), path.name, chapters)


def _chapters_of(path: Path) -> list[Chapter]:
    from reading_guide.render.documents import list_chapters

    return list_chapters(path)
