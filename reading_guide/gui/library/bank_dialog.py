"""The Question Bank window: search every question of every guide, see where each is used,
insert one into the open guide; and the guides and folders the bank reads.

It stays open beside the window (not modal), so the facilitator can select a passage in the
essay and insert a question on it. Searching asks the bank directly (milliseconds, any thread);
the update runs in the controller's worker (bank.py), with its progress and a Cancel button in
the bottom row, and never blocks typing. All guide text comes from other people's files: it is
shown as plain text (list items, plain-text views), a question's Markdown as its printed words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reading_guide.errors import InputError
from reading_guide.gui.core.plain_text import plain_label, printed, shown, tip
from reading_guide.gui.library.bank import BankController
from reading_guide.storage.bank_insert import already_asked

if TYPE_CHECKING:
    from reading_guide.storage.bank_records import BankResult, SearchResults, SyncReport
    from reading_guide.storage.bank_search import BankQuery

SEARCH_DELAY_MS = 150  # a search per pause in typing, not per keystroke
KINDS = ("factual", "interpretive", "evaluative")
STAGES = ("opening", "core", "closing")


def used_in(result: BankResult) -> str:
    """Short enough for a column: "2 guides (2026, 2025)"; the details list each guide."""
    n = len(result.uses)
    years = list(dict.fromkeys(str(u.year) for u in result.uses if u.year))
    shown_years = ", ".join(years[:3]) + ("…" if len(years) > 3 else "")
    return f"{n} guide{'s' if n != 1 else ''}" + (f" ({shown_years})" if shown_years else "")


def details(result: BankResult) -> str:
    """The whole question and every guide asking it, as plain text."""
    q = result.question
    lines = [printed(q.text), "", f"{q.kind.capitalize()} · {q.stage}"
             + (f" · {q.minutes} min" if q.minutes else "")]
    lines += [f"  – {printed(f)}" for f in q.follow_ups]
    if q.passage is not None:
        lines += ["", f"On the passage: “{' '.join(q.passage.exact.split())}”"]
    if q.facilitator_note:
        lines += ["", f"Note: {printed(q.facilitator_note)}"]
    lines += ["", f"Asked in {len(result.uses)} guide{'s' if len(result.uses) != 1 else ''}:"]
    for use in result.uses:
        essay = use.essay_title + (f", {use.essay_author}" if use.essay_author else "")
        lines.append(f"  • {use.guide_title or Path(use.path).name} — {essay}"
                     + (f" — {use.date}" if use.date else "") + f"\n    {use.path}")
    return "\n".join(lines)


class BankDialog(QDialog):
    def __init__(self, controller: BankController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Question Bank")
        self.setObjectName("questionBank")
        self.controller = controller
        # Replaceable (tests answer without a modal dialog): None cancels.
        self.ask_folder: Callable[[], str | None] = self._ask_folder
        self.results: list[BankResult] = []
        self.words = QLineEdit()
        self.words.setObjectName("bankWords")
        self.words.setPlaceholderText("Search questions: words, \"a phrase\"…")
        self.words.setClearButtonEnabled(True)
        self.kind = self._combo("bankKind", "Any kind", KINDS)
        self.stage = self._combo("bankStage", "Any stage", STAGES)
        self.essay = self._combo("bankEssay", "Any essay", ())
        self.year = self._combo("bankYear", "Any year", ())
        self.list = QTreeWidget()
        self.list.setObjectName("bankResults")
        self.list.setHeaderLabels(["Question", "Kind", "Stage", "Used in"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("bankDetail")
        self.detail.setReadOnly(True)
        self.insert_button = QPushButton("&Insert")
        self.insert_button.setObjectName("bankInsert")
        self.insert_button.setToolTip(tip(
            "On the highlight or words selected in the essay; else on its own passage when it "
            "is found in this essay; else as a general question"))
        self.general_button = QPushButton("As a &General Question")
        self.general_button.setObjectName("bankInsertGeneral")
        self.selection_button = QPushButton("On the &Selected Passage")
        self.selection_button.setObjectName("bankInsertSelection")
        self.found = plain_label(name="bankFound", wrap=True)
        # The guides and folders tab.
        self.folder_list = QListWidget()
        self.folder_list.setObjectName("bankFolders")
        add = QPushButton("&Add Folder…")
        add.setObjectName("bankAddFolder")
        self.remove_button = QPushButton("&Remove Folder")
        self.remove_button.setObjectName("bankRemoveFolder")
        self.guides = QTreeWidget()
        self.guides.setObjectName("bankGuides")
        self.guides.setHeaderLabels(["Guide", "Essay", "Year", "Questions", "File"])
        self.guides.setRootIsDecorated(False)
        # The bottom row: the update's progress.
        self.status = plain_label(name="bankStatus", wrap=True)
        self.bar = QProgressBar()
        self.bar.setObjectName("bankProgress")
        self.bar.setMaximumWidth(200)
        self.update_button = QPushButton("&Update Now")
        self.update_button.setObjectName("bankUpdate")
        close = QPushButton("Close")
        close.clicked.connect(self.close)

        filters = QHBoxLayout()
        filters.addWidget(self.words, 3)
        for combo in (self.kind, self.stage, self.essay, self.year):
            filters.addWidget(combo, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        for button in (self.insert_button, self.general_button, self.selection_button):
            right_layout.addWidget(button)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([600, 340])
        search_tab = QWidget()
        search_layout = QVBoxLayout(search_tab)
        search_layout.addLayout(filters)
        search_layout.addWidget(split, 1)
        search_layout.addWidget(self.found)
        folders_tab = QWidget()
        folders_layout = QVBoxLayout(folders_tab)
        folders_layout.addWidget(plain_label(
            "The bank reads every guide in your recent files, in your own guides folder and "
            "in these folders (with their subfolders):", wrap=True))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_list, 1)
        folder_buttons = QVBoxLayout()
        folder_buttons.addWidget(add)
        folder_buttons.addWidget(self.remove_button)
        folder_buttons.addStretch(1)
        folder_row.addLayout(folder_buttons)
        folders_layout.addLayout(folder_row, 1)
        folders_layout.addWidget(plain_label("Guides in the bank (one that cannot be read says "
                                             "why):", wrap=True))
        folders_layout.addWidget(self.guides, 2)
        self.tabs = QTabWidget()
        self.tabs.addTab(search_tab, "&Questions")
        self.tabs.addTab(folders_tab, "Guides and &Folders")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.bar)
        bottom.addWidget(self.update_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(980, 600)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.words.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.kind, self.stage, self.essay, self.year):
            combo.currentIndexChanged.connect(lambda _i: self.search())
        self.list.currentItemChanged.connect(lambda _c, _p: self._show_current())
        self.list.itemDoubleClicked.connect(lambda _i, _c: self.insert("auto"))
        self.insert_button.clicked.connect(lambda: self.insert("auto"))
        self.general_button.clicked.connect(lambda: self.insert("general"))
        self.selection_button.clicked.connect(lambda: self.insert("selection"))
        add.clicked.connect(self.add_folder)
        self.remove_button.clicked.connect(self.remove_folder)
        self.folder_list.currentRowChanged.connect(lambda _r: self._folder_chosen())
        self.update_button.clicked.connect(self._update_or_cancel)
        controller.progressed.connect(self._progress)
        controller.busy_changed.connect(self._busy)
        controller.updated.connect(self._updated)
        self._show_folders()
        self.refresh()
        self._busy(controller.busy)

    @staticmethod
    def _combo(name: str, anything: str, values: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(anything, None)
        for value in values:
            combo.addItem(value.capitalize(), value)
        return combo

    # Searching -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Filters, guides and results again from the bank (after an update)."""
        try:
            facets = self.controller.bank.facets()
            entries = self.controller.bank.entries()
        except InputError as error:
            self.found.setText(str(error))
            return
        self._refill(self.essay, [(shown(t + (f" — {a}" if a else "")), t)
                                  for t, a, _n in facets.essays if t])
        self._refill(self.year, [(str(y), y) for y in facets.years])
        self.guides.clear()
        for e in entries:
            values = ([e.title or e.path.name, e.essay_title, str(e.year or ""),
                       str(e.questions), str(e.path)] if e.ok else
                      [e.path.name, e.error.removeprefix(f"{e.path}: "), "", "", str(e.path)])
            item = QTreeWidgetItem([shown(v) for v in values])
            item.setToolTip(1 if not e.ok else 0, tip(e.error or str(e.path)))
            if not e.ok:
                item.setForeground(0, self.palette().placeholderText())
            self.guides.addTopLevelItem(item)
        self.guides.setColumnWidth(0, 220)
        self.guides.setColumnWidth(1, 260)
        self.search()

    @staticmethod
    def _refill(combo: QComboBox, values: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in values:
            combo.addItem(text, value)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def query(self) -> BankQuery:
        from reading_guide.storage.bank_search import BankQuery

        return BankQuery(self.words.text(), kind=self.kind.currentData(),
                         stage=self.stage.currentData(), essay=self.essay.currentData() or "",
                         year=self.year.currentData())

    def search(self) -> None:
        self._timer.stop()
        try:
            found: SearchResults = self.controller.bank.search(self.query())
        except InputError as error:
            self.results = []
            self.list.clear()
            self.found.setText(str(error))
            return
        self.results = list(found.results)
        self.list.clear()
        session = self.controller.shell.session
        for result in self.results:
            q = result.question
            here = session.is_open and already_asked(session.guide, q)
            uses = ("this guide; " if here else "") + used_in(result)
            item = QTreeWidgetItem([printed(q.text), q.kind, q.stage, shown(uses)])
            item.setToolTip(0, tip(printed(q.text)))
            item.setToolTip(3, tip("\n".join(u.guide_title or u.path for u in result.uses)))
            self.list.addTopLevelItem(item)
        self.list.setColumnWidth(0, 330)
        self.list.setColumnWidth(1, 84)
        self.list.setColumnWidth(2, 62)
        count = len(self.results)
        self.found.setText(
            ("No question matches." if not count else
             f"{count}{'+' if found.more else ''} question{'s' if count != 1 else ''}")
            + (f" ({found.note})" if found.note else "")
            + ("" if session.is_open else ". Open a guide or an essay to insert questions."))
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self._show_current()

    def current(self) -> BankResult | None:
        item = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(item) if item is not None else -1
        return self.results[row] if 0 <= row < len(self.results) else None

    def _show_current(self) -> None:
        result = self.current()
        can = result is not None and self.controller.shell.session.is_open
        for button in (self.insert_button, self.general_button, self.selection_button):
            button.setEnabled(can)
        self.detail.setPlainText(details(result) if result is not None else "")

    def insert(self, place: str) -> bool:
        result = self.current()
        return result is not None and self.controller.insert(result.question, place)

    # Folders and updating ------------------------------------------------------------------------

    def _ask_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of guides")
        return folder or None

    def _show_folders(self) -> None:
        self.folder_list.clear()
        self.folder_list.addItem(shown(f"{self.controller.own_folder()}  (your guides)"))
        for folder in self.controller.folders():
            self.folder_list.addItem(shown(str(folder)))
        self._folder_chosen()

    def _folder_chosen(self) -> None:
        self.remove_button.setEnabled(self.folder_list.currentRow() >= 1)

    def add_folder(self) -> None:
        folder = self.ask_folder()
        if folder and self.controller.add_folder(folder):
            self._show_folders()
            self._restart()

    def remove_folder(self) -> None:
        row = self.folder_list.currentRow()
        folders = self.controller.folders()
        if 1 <= row <= len(folders) and self.controller.remove_folder(folders[row - 1]):
            self._show_folders()
            self._restart()

    def _restart(self) -> None:
        """Read the folders again (after the running update, if one runs)."""
        if self.controller.busy:
            self.controller.cancel()
            self._again = True
        else:
            self.controller.update()

    _again = False

    def _update_or_cancel(self) -> None:
        if self.controller.busy:
            self.controller.cancel()
        else:
            self.controller.update()

    def _progress(self, done: int, total: int, name: str) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
        self.status.setText(f"Reading guides: {done} of {total}" + (f" ({name})" if name else ""))

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.update_button.setText("Cancel" if busy else "&Update Now")
        if busy:
            self.bar.setRange(0, 0)
            self.status.setText("Reading guides…")
        elif self._again:
            self._again = False
            self.controller.update()

    def _updated(self, report: SyncReport) -> None:
        problems = len(report.problems)
        text = (f"{report.guides} guide{'s' if report.guides != 1 else ''}, "
                f"{report.questions} question{'s' if report.questions != 1 else ''} in the bank"
                + (f"; {problems} cannot be read (see Guides and Folders)" if problems else "")
                + ("; stopped before reading every guide" if report.cancelled else ""))
        # The bank's own facts (in memory, set aside, no full-text search) stay in view.
        notes = [*self.controller.bank.notes, *report.notes]
        self.status.setText(text + "." + "".join(f"\n{n}" for n in notes[:3]))
        self.status.setToolTip(tip("\n".join(notes)))
        self.refresh()
