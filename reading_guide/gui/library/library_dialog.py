"""The guide library (open, duplicate, copy questions) and the "Duplicate for a new session" form.

The dialog lists what `storage.library.scan_library` finds in the app's `guides/` folder and the
user's own guides folder, filters as the user types, and shows the chosen guide's questions with
check boxes. It does no editing itself: Open, Duplicate and Copy call back into the library
feature (library/feature.py), which goes through the window's file rules and session, so each
is the same code path as the menu actions and is undoable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt
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
from reading_guide.model.guide import Guide
from reading_guide.storage.library import LibraryEntry, scan_library

PATH_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Title", "Essay", "Group", "Date", "Questions", "Folder")


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
        where = plain_label(f"Looking in: {folders_text}", wrap=True, selectable=True)
        buttons.addWidget(where, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.duplicate_button)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
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
        self.rescan()

    def rescan(self) -> None:
        self.entries = scan_library(self.folders)
        self.tree.clear()
        for e in self.entries:
            if e.ok:
                values = [e.title or e.path.name, e.essay_title + (f" ({e.edition})" if e.edition
                                                                   else ""),
                          e.group, e.date, str(e.questions), str(e.path.parent)]
            else:
                # Its one-line problem where the essay would be (the file name is in column 1).
                values = [e.path.name, e.error.removeprefix(f"{e.path}: ") or "cannot be read",
                          "", "", "", str(e.path.parent)]
            item = QTreeWidgetItem([shown(v) for v in values])
            item.setData(0, PATH_ROLE, str(e.path))
            item.setToolTip(0, tip(e.error or str(e.path)))
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
            if not e.ok:
                item.setForeground(0, self.palette().placeholderText())
            self.tree.addTopLevelItem(item)
        for col, width in enumerate((190, 160, 130, 84, 70)):
            self.tree.setColumnWidth(col, width)
        self.tree.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.apply_filter(self.search.text())

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in rows if item is not None]

    def visible_paths(self) -> list[Path]:
        return [Path(item.data(0, PATH_ROLE)) for item in self._rows() if not item.isHidden()]

    def apply_filter(self, text: str) -> None:
        by_path = {str(e.path): e for e in self.entries}
        first = None
        for item in self._rows():
            hidden = not by_path[item.data(0, PATH_ROLE)].matches(text)
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
            if Path(item.data(0, PATH_ROLE)) == path:
                self.tree.setCurrentItem(item)

    def current_entry(self) -> LibraryEntry | None:
        item = self.tree.currentItem()
        if item is None or item.isHidden():
            return None
        return next((e for e in self.entries if str(e.path) == item.data(0, PATH_ROLE)), None)

    def _show_current(self) -> None:
        entry = self.current_entry()
        self.questions.clear()
        ok = entry is not None and entry.ok
        for b in (self.open_button, self.duplicate_button, self.copy_button):
            b.setEnabled(ok)
        if entry is None:
            self.detail.setText("No guide chosen.")
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
        """The full guide (highlights placed), read once per dialog; the error line if broken."""
        if path not in self._guide_cache:
            from reading_guide.storage import load_guide

            try:
                self._guide_cache[path] = load_guide(path)
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
