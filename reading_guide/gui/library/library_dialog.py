"""The guide library (open, duplicate, copy questions) and the "Duplicate for a new session" form.

The dialog lists the guides in the app's `guides/` folder and the user's own guides folder,
filters as the user types, and shows the chosen guide's questions with check boxes. The folders
are read in a worker (library_scan.py in a core.tasks.Task): the dialog opens at once saying
"Looking in N folders…", counts the guides as they are read, lists them as they come (a batch
every ARRIVALS_MS, so a slow network folder can be searched and opened before it is all read),
and stops the scan when it closes; a folder that is gone or cannot be read is one line under the
list, a guide that cannot be opened is listed with its one-line error (as plain text).

It does no editing itself: Open, Duplicate and Copy call back into the library feature
(library/feature.py), which goes through the window's file rules and session, so each is the
same code path as the menu actions and is undoable.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reading_guide.errors import InputError
from reading_guide.gui.core.plain_text import make_plain, plain_label, shown, tip
from reading_guide.gui.core.tasks import Task
from reading_guide.gui.library.library_scan import LibraryScan, scan_folders
from reading_guide.model.guide import Guide
from reading_guide.storage.library import LibraryEntry

PATH_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Title", "Essay", "Group", "Date", "Questions", "Folder")
ARRIVALS_MS = 150  # guides read meanwhile join the list this often


class LibraryDialog(QDialog):
    """Callbacks: `open_guide(path) -> bool`, `duplicate(path) -> bool`,
    `copy_questions(path, ids) -> bool`; each returns True when it did something."""

    def __init__(
        self,
        folders: Sequence[Path],
        open_guide: Callable[[Path], bool],
        duplicate: Callable[[Path], bool],
        copy_questions: Callable[[Path, list[str]], bool],
        can_copy: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guide Library")
        self.setObjectName("libraryDialog")
        self.folders = list(folders)
        self._open, self._duplicate, self._copy = open_guide, duplicate, copy_questions
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search title, essay, group, date…")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("libraryList")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setSortingEnabled(True)
        self.tree.setAlternatingRowColors(True)
        self.questions = QListWidget()
        self.questions.setObjectName("libraryQuestions")
        self.questions.setWordWrap(True)
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = make_plain(QLabel())
        self.detail.setObjectName("libraryDetail")
        self.detail.setWordWrap(True)
        self.open_button = QPushButton("&Open")
        self.duplicate_button = QPushButton("&Duplicate for a New Session…")
        self.copy_button = QPushButton("&Copy Checked Questions into This Guide")
        self.copy_button.setVisible(can_copy)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.questions, 1)
        right_layout.addWidget(self.copy_button)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([640, 360])
        buttons = QHBoxLayout()
        folders_text = " · ".join(str(f) for f in self.folders)
        # How far the scan is, then how many guides; the folders themselves in its tool tip.
        self.status = plain_label(name="libraryStatus", wrap=True)
        self.status.setToolTip(tip(f"Looking in: {folders_text}"))
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.duplicate_button)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        # One line per folder that could not be looked in (plain text: it holds a path).
        self.problems = plain_label(name="libraryProblems", wrap=True, selectable=True)
        self.problems.setVisible(False)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.resize(1080, 560)
        self.entries: list[LibraryEntry] = []
        self._guide_cache: dict[Path, Guide | str] = {}
        self.search.textChanged.connect(self.apply_filter)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._show_current())
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.open_current())
        self.open_button.clicked.connect(self.open_current)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.copy_button.clicked.connect(self.copy_checked)
        for col, width in enumerate((190, 160, 130, 84, 70)):
            self.tree.setColumnWidth(col, width)
        self.tree.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.task: Task | None = None
        # Entries the worker read and the list has not shown yet (the worker puts, the
        # window's thread takes on a timer: no signal per guide).
        self._arrivals: queue.SimpleQueue[LibraryEntry] = queue.SimpleQueue()
        self._arrival_timer = QTimer(self)
        self._arrival_timer.setInterval(ARRIVALS_MS)
        self._arrival_timer.timeout.connect(self._take_arrivals)
        self.rescan()

    @property
    def scanning(self) -> bool:
        return self.task is not None

    def rescan(self) -> None:
        """Read the folders again in a worker; the list fills as the guides are read."""
        self.stop_scan()
        folders = list(self.folders)
        n = len(folders)
        self.status.setText(f"Looking in {n} folder{'s' if n != 1 else ''}…")
        self.entries = []
        self.tree.clear()
        arrivals = self._arrivals = queue.SimpleQueue()
        task = Task(lambda report: scan_folders(folders, report, arrivals.put), self,
                    what="looking for guides")
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._scanned)
        task.failed.connect(self.status.setText)  # one line (a bug's kind; logged)
        task.ended.connect(lambda: self._scan_ended(task))
        self.task = task
        task.start()
        self._arrival_timer.start()
        self._show_current()

    def stop_scan(self) -> None:
        """Stop a running scan and wait for its thread (the dialog is closing)."""
        if self.task is not None:
            self.task.stop()

    def wait_for_scan(self, ms: int = 30_000) -> bool:
        """Wait for the scan and show its result now (scripts and tests); False if it still runs."""
        task = self.task
        if task is None:
            return True
        if not task.wait(ms):
            return False
        QCoreApplication.sendPostedEvents()  # its progress and outcome, queued from the worker
        return self.task is None

    def done(self, result: int) -> None:  # accept, reject and close all end here
        self.stop_scan()
        super().done(result)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if total and self.task is not None:
            self.status.setText(f"Reading guide {done + 1 if done < total else done} of {total}…")

    def _scan_ended(self, task: Task) -> None:
        if self.task is task:
            self.task = None
            self._arrival_timer.stop()
            if self.current_entry() is None:  # "Looking for guides…" becomes "No guide chosen."
                self._show_current()
        task.deleteLater()

    def _scanned(self, scan: object) -> None:
        assert isinstance(scan, LibraryScan)  # what scan_folders returns
        self._take_arrivals()
        self.problems.setText("\n".join(scan.folder_problems))
        self.problems.setVisible(bool(scan.folder_problems))
        n = len(self.entries)
        self.status.setText(f"{n} guide{'s' if n != 1 else ''}" if n else
                            "No guides found in these folders.")

    def _take_arrivals(self) -> None:
        """Add the guides read since the last call to the list (sorted, filtered)."""
        new: list[LibraryEntry] = []
        while True:
            try:
                new.append(self._arrivals.get_nowait())
            except queue.Empty:
                break
        if not new:
            return
        first = len(self.entries)
        self.entries.extend(new)
        items = [self._item(first + i, e) for i, e in enumerate(new)]
        text = self.search.text()
        self.tree.addTopLevelItems(items)
        for item, e in zip(items, new, strict=True):  # (an item hides once in its tree)
            item.setHidden(not e.matches(text))
        header = self.tree.header()
        self.tree.sortItems(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if self.tree.currentItem() is None:  # the first guides: the first one is shown
            self.apply_filter(text)

    def _item(self, row: int, e: LibraryEntry) -> QTreeWidgetItem:
        """The row of entry number `row`: a broken guide shows its problem in one line."""
        if e.ok:
            values = [e.title or e.path.name, e.essay_title + (f" ({e.edition})" if e.edition
                                                               else ""),
                      e.group, e.date, str(e.questions), str(e.path.parent)]
        else:
            # Its one-line problem where the essay would be (the file name is in column 1).
            values = [e.path.name, e.error.removeprefix(f"{e.path}: ") or "cannot be read",
                      "", "", "", str(e.path.parent)]
        item = QTreeWidgetItem([shown(v) for v in values])
        # The entry's place, not its path: a file name that is not UTF-8 would not come
        # back from Qt as the same str.
        item.setData(0, PATH_ROLE, row)
        item.setToolTip(0, tip(e.error or str(e.path)))
        item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
        if not e.ok:
            item.setForeground(0, self.palette().placeholderText())
        return item

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in rows if item is not None]

    def _entry(self, item: QTreeWidgetItem) -> LibraryEntry:
        return self.entries[int(item.data(0, PATH_ROLE))]

    def visible_paths(self) -> list[Path]:
        return [self._entry(item).path for item in self._rows() if not item.isHidden()]

    def apply_filter(self, text: str) -> None:
        first = None
        for item in self._rows():
            hidden = not self._entry(item).matches(text)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            if first is not None:
                self.tree.setCurrentItem(first)
            else:
                self.tree.setCurrentIndex(QModelIndex())
        self._show_current()

    def select_path(self, path: Path) -> None:
        for item in self._rows():
            if self._entry(item).path == path:
                self.tree.setCurrentItem(item)

    def current_entry(self) -> LibraryEntry | None:
        item = self.tree.currentItem()
        if item is None or item.isHidden():
            return None
        return self._entry(item)

    def _show_current(self) -> None:
        entry = self.current_entry()
        self.questions.clear()
        ok = entry is not None and entry.ok
        for b in (self.open_button, self.duplicate_button, self.copy_button):
            b.setEnabled(ok)
        if entry is None:
            self.detail.setText("Looking for guides…" if self.scanning else "No guide chosen.")
            return
        if not entry.ok:
            self.detail.setText(f"This guide cannot be read.\n{entry.error}")
            return
        guide = self.guide_at(entry.path)
        if isinstance(guide, str):
            self.detail.setText(guide)
            return
        self.detail.setText(f"{entry.title}\n{entry.essay_title} · "
                            f"{entry.questions} questions · {entry.highlights} highlights")
        for n, q in enumerate(guide.running_order(), start=1):
            item = QListWidgetItem(f"Q{n}. [{q.stage}] {q.text}")
            item.setData(PATH_ROLE, q.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.questions.addItem(item)

    def guide_at(self, path: Path) -> Guide | str:
        """The guide's questions and highlights (not placed on its essay: the list needs none),
        read once per dialog; the error line if broken."""
        if path not in self._guide_cache:
            from reading_guide.storage.library import read_guide_summary

            try:
                self._guide_cache[path] = read_guide_summary(path)
            except InputError as error:
                self._guide_cache[path] = str(error)
        return self._guide_cache[path]

    def checked_ids(self) -> list[str]:
        return [self.questions.item(i).data(PATH_ROLE) for i in range(self.questions.count())
                if self.questions.item(i).checkState() == Qt.CheckState.Checked]

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.ok and self._open(entry.path):
            self.accept()

    def duplicate_current(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.ok and self._duplicate(entry.path):
            self.accept()

    def copy_checked(self) -> None:
        entry = self.current_entry()
        ids = self.checked_ids()
        if entry is None or not ids:
            self.detail.setText("Check the questions to copy first.")
            return
        if self._copy(entry.path, ids):
            self.accept()


class DuplicateDialog(QDialog):
    """New group, date, facilitator and length for a copy of a guide; for the open guide, also
    whether the new session is a new guide (the default) or this guide, changed in place."""

    def __init__(self, guide: Guide, parent: QWidget | None = None,
                 offer_this: bool = False) -> None:
        from reading_guide.gui.core.new_or_this import NewOrThis

        super().__init__(parent)
        self.setWindowTitle("Duplicate for a New Session")
        self.group = QLineEdit(guide.session.group)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate().addDays(7))
        self.facilitator = QLineEdit(guide.session.facilitator)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSpecialValueText("not set")
        self.minutes.setSuffix(" min")
        self.minutes.setValue(guide.session.minutes or 0)
        form = QFormLayout(self)
        form.addRow(QLabel("Questions, highlights and notes are kept for the new session."
                           if offer_this else "Questions, highlights and notes are copied; the "
                           "copy is a new, unsaved guide."))
        form.addRow("&Group:", self.group)
        form.addRow("&Date:", self.date)
        form.addRow("&Facilitator:", self.facilitator)
        form.addRow("Session &length:", self.minutes)
        self.into = NewOrThis("Into a &new guide (this guide's file stays as it is)",
                              "Change &this guide (its questions stay; one undo goes back)")
        self.into.setVisible(offer_this)
        form.addRow(self.into)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def values(self) -> tuple[str, str, str, int | None, str]:
        """(group, date, facilitator, minutes, NEW_GUIDE or THIS_GUIDE)."""
        return (self.group.text().strip(), self.date.date().toString("yyyy-MM-dd"),
                self.facilitator.text().strip(), self.minutes.value() or None,
                self.into.choice())
