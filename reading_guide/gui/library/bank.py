"""The question bank in the window: which guides it reads, keeping it up to date, inserting.

The bank itself (storage/question_bank.py, an SQLite file in the user's data folder) is Qt-free;
this controller decides what it indexes and runs the slow parts off the window's thread:
- sources: every guide in the recent files, the user's own guides folder in the data folder,
  and the folders the user added ("Add folder…", kept in the settings as `library/folders`);
- `update()` runs `QuestionBank.sync` in a worker (core/tasks.Task) with progress and cancel; a
  broken, huge or hostile guide, a guide deleted or changed meanwhile, a folder that is gone, is
  listed in the report with its one-line problem, never raised; a read-only data folder gives a
  bank in memory with a note (the bank's `notes`, shown once);
- `insert()` puts a found question into the open guide through the session (`bank_insert`): on
  the selected highlight, on the selected words, on its own passage when the anchoring engine
  finds it here (in a worker: up to a second on a book), else as a general question. One edit,
  so one undo takes it out.
Searching answers in milliseconds from any thread, so the dialog asks the bank directly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reading_guide.gui.core.settings import decode_path, encode_path
from reading_guide.gui.core.shell import WindowShell
from reading_guide.gui.core.tasks import Report, Task

if TYPE_CHECKING:
    from reading_guide.storage.bank_insert import Insertion
    from reading_guide.storage.bank_records import BankQuestion, SyncReport
    from reading_guide.storage.question_bank import QuestionBank

FOLDERS_KEY = "library/folders"
# Where a question goes: as the facilitator's choice reads in the dialog's buttons.
PLACES = ("auto", "general", "selection")


class BankController(QObject):
    """One per window: the bank, its sources and its worker (see the module docstring)."""

    updated = Signal(object)  # the SyncReport of an update that ran to its end or was cancelled
    progressed = Signal(int, int, str)  # done, total, file name
    busy_changed = Signal(bool)
    inserted = Signal(str)  # the message of an insertion

    def __init__(self, shell: WindowShell, data_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.data_dir = data_dir
        self._bank: QuestionBank | None = None
        self.task: Task | None = None
        self.last_report: SyncReport | None = None
        self._find: Task | None = None
        shell.when_closing(self.close)

    # The bank and what it reads ----------------------------------------------------------------

    @property
    def bank(self) -> QuestionBank:
        if self._bank is None:
            from reading_guide.storage.question_bank import QuestionBank

            self._bank = QuestionBank(self.data_dir)  # never raises: in memory when it must
        return self._bank

    def own_folder(self) -> Path:
        return self.data_dir / "guides"

    def folders(self) -> list[Path]:
        """The folders the user added, in the order added."""
        return [Path(p) for p in (decode_path(t) for t in self.shell.settings.get(FOLDERS_KEY))
                if p]

    def add_folder(self, folder: str | Path) -> bool:
        folder = Path(folder)
        if folder in self.folders() or folder == self.own_folder():
            return False
        self._save_folders([*self.folders(), folder])
        return True

    def remove_folder(self, folder: str | Path) -> bool:
        kept = [f for f in self.folders() if f != Path(folder)]
        if len(kept) == len(self.folders()):
            return False
        self._save_folders(kept)
        return True

    def _save_folders(self, folders: list[Path]) -> None:
        self.shell.settings.set(FOLDERS_KEY, [encode_path(str(f)) for f in folders])
        self.shell.settings.sync()

    def sources(self) -> tuple[list[str], list[Path]]:
        """(recent files, folders) for `QuestionBank.sync`: the bank skips recent essays."""
        own = [self.own_folder()] if self.own_folder().is_dir() else []  # made on first save
        return self.shell.settings.recent_files(), [*own, *self.folders()]

    # Updating ------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None

    def update(self) -> bool:
        """Bring the bank up to date in a worker; False when an update already runs."""
        if self.task is not None:
            return False
        files, folders = self.sources()
        bank = self.bank

        def work(report: Report) -> SyncReport:
            def progress(done: int, total: int, path: object) -> None:
                if not report.cancelled():
                    report.progress(done, total, Path(str(path)).name)

            return bank.sync(files, folders, progress, report.cancelled)

        task = Task(work, self, what="updating the question bank")
        task.progressed.connect(self.progressed)
        task.succeeded.connect(self._synced)
        task.failed.connect(lambda line: self.shell.show_status(line, 8000))
        task.cancelled.connect(lambda: self.shell.show_status(
            "Stopped updating the question bank: it keeps what it had read.", 5000))
        task.ended.connect(lambda: self._ended(task))
        self.task = task
        task.start()
        self.busy_changed.emit(True)
        return True

    def _synced(self, report: object) -> None:
        self.last_report = report  # type: ignore[assignment]  # a SyncReport from `work`
        self.updated.emit(report)

    def _ended(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        task.deleteLater()
        self.busy_changed.emit(False)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def close(self) -> None:
        """The window is closing: stop the worker, then close the bank's file."""
        for task in (self.task, self._find):
            if task is not None:
                task.stop()
        if self._bank is not None:
            self._bank.close()
            self._bank = None

    # Inserting -----------------------------------------------------------------------------------

    def insert(self, question: BankQuestion, place: str = "auto",
               done: Callable[[Insertion | None], None] | None = None) -> bool:
        """Insert `question` into the open guide; False when no guide is open. `place`: "auto"
        (selected highlight, else selected words, else its own passage when found, else general),
        "general", or "selection" (the selected highlight or words only)."""
        from reading_guide.storage import bank_insert

        session = self.shell.session
        if not session.is_open or self._find is not None:
            return False
        guide, text = session.guide, session.document.text
        highlight_id = self.shell.selection.highlight_id()
        span = self.shell.essay.selection_range()
        selection = span if span is not None and span[0] < span[1] else None
        if place == "general":
            self._push(bank_insert.as_general(guide, question), done)
            return True
        if highlight_id is not None or selection is not None:
            self._push(bank_insert.insertion(guide, text, question, highlight_id=highlight_id,
                                             selection=selection), done)
            return True
        if place == "selection":
            self.shell.show_status("Select a passage in the essay (or a highlight) first.", 5000)
            return False
        if question.passage is None:
            self._push(bank_insert.as_general(guide, question), done)
            return True
        # Looking for its passage runs the anchoring engine over the essay: a worker, on a copy
        # (the thread never reads the live guide while the window edits it).
        state = (session.generation, session.undo_stack.index())
        snapshot = copy.deepcopy(guide)
        task = Task(lambda _report: bank_insert.insertion(snapshot, text, question), self,
                    what="looking for the question's passage")

        def found(result: object) -> None:
            if (session.generation, session.undo_stack.index()) != state:
                # The guide changed meanwhile: the insertion is computed again on what it is now.
                result = bank_insert.insertion(session.guide, session.document.text, question)
            self._push(result, done)  # type: ignore[arg-type]  # an Insertion from the worker

        task.succeeded.connect(found)
        task.failed.connect(lambda line: self.shell.show_status(line, 8000))
        task.ended.connect(lambda: self._found_ended(task))
        self._find = task
        self.shell.show_status("Looking for its passage in this essay…", 3000)
        task.start()
        return True

    def _found_ended(self, task: Task) -> None:
        if self._find is task:
            self._find = None
        task.deleteLater()

    def _push(self, insertion: Insertion, done: Callable[[Insertion | None], None] | None
              ) -> None:
        session = self.shell.session
        session.push(insertion.edit, initiator=self)
        self.shell.selection.select("question", insertion.question_id, initiator=self)
        self.shell.show_status(insertion.message, 6000)
        self.inserted.emit(insertion.message)
        if done is not None:
            done(insertion)
