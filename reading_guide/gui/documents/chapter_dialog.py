"""Which part of an EPUB to open: the whole book, one chapter, or a run of chapters.

A reading group rarely reads a whole book at once, so the app asks. The list is the book's own
table of contents (render.documents.list_chapters), sections indented under their chapter; the
rows chosen (one, or a run made with Shift+click) become the `chapter` argument of
`import_document` ("3", "3-5"), and a chapter brings its sections with it. Titles come from the
book, so they are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import plain_label, shown
from reading_guide.render.converted import Chapter

NUMBER_ROLE = Qt.ItemDataRole.UserRole
INDENT = "    "  # per level of the table of contents


def chapter_choice(numbers: Sequence[int]) -> str:
    """The `chapter` argument for the chosen chapter numbers: "3", "3-5" (first to last)."""
    first, last = min(numbers), max(numbers)
    return str(first) if first == last else f"{first}-{last}"


class ChapterDialog(QDialog):
    """`choice()` after exec(): "all", "3" or "3-5"."""

    def __init__(self, name: str, chapters: Sequence[Chapter],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open part of the book")
        self.setObjectName("chapterDialog")
        self.whole = QRadioButton(f"The &whole book ({len(chapters)} parts)")
        self.whole.setObjectName("wholeBook")
        self.some = QRadioButton("&Chapters chosen below (Shift+click for a run of them)")
        self.some.setObjectName("someChapters")
        self.list = QListWidget()
        self.list.setObjectName("chapterList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for chapter in chapters:
            title = " ".join(chapter.title.split()) or f"Part {chapter.number}"
            item = QListWidgetItem(shown(f"{INDENT * chapter.depth}{chapter.number}. {title}"))
            item.setData(NUMBER_ROLE, chapter.number)
            self.list.addItem(item)
        self.chosen = plain_label(name="chapterChoice", wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = plain_label(f"“{name}” is a book. Which part should the guide be about?",
                            wrap=True)
        layout.addWidget(intro)
        layout.addWidget(self.whole)
        layout.addWidget(self.some)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen)
        layout.addWidget(self.buttons)
        self.whole.setChecked(True)
        self.list.itemSelectionChanged.connect(self._on_rows)
        self.whole.toggled.connect(lambda _on: self._update())
        self.resize(520, 480)
        self._update()

    def numbers(self) -> list[int]:
        return sorted(int(item.data(NUMBER_ROLE)) for item in self.list.selectedItems())

    def choose(self, first: int, last: int | None = None) -> None:
        """Select chapters `first` to `last` (as a user would; tests and keyboard users)."""
        last = first if last is None else last
        self.list.clearSelection()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if first <= int(item.data(NUMBER_ROLE)) <= last:
                item.setSelected(True)

    def _on_rows(self) -> None:
        if self.list.selectedItems():
            self.some.setChecked(True)
        self._update()

    def choice(self) -> str:
        numbers = self.numbers()
        if self.whole.isChecked() or not numbers:
            return "all"
        return chapter_choice(numbers)

    def _update(self) -> None:
        numbers = self.numbers()
        open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        if self.whole.isChecked():
            self.chosen.setText("The whole book opens as one essay.")
            open_button.setEnabled(True)
        elif not numbers:
            self.chosen.setText("Choose a chapter in the list.")
            open_button.setEnabled(False)
        else:
            choice = chapter_choice(numbers)
            word = "Chapter" if "-" not in choice else "Chapters"
            self.chosen.setText(f"{word} {choice.replace('-', '–')} open as the essay "
                                "(with their sections).")
            open_button.setEnabled(True)


def ask_chapters(parent: QWidget | None, name: str, chapters: Sequence[Chapter]) -> str | None:
    """The part of the book to open ("all", "3", "3-5"), or None when the user cancels."""
    dialog = ChapterDialog(name, chapters, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

