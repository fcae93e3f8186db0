"""Reuse, as a feature: the guide library, "Duplicate for a New Session…" and copying questions
from another guide.

Each goes through the core: opening through the file rules (FileController), a duplicate is
loaded as a new, unsaved guide (one `reset`), copied questions are one undoable edit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reading_guide.errors import InputError
from reading_guide.gui.core.actions import make_action
from reading_guide.gui.core.shell import Menu, WindowShell
from reading_guide.model.guide import Guide

if TYPE_CHECKING:  # imported when the library opens
    from reading_guide.gui.library.bank import BankController
    from reading_guide.gui.library.bank_dialog import BankDialog
    from reading_guide.gui.library.library_dialog import LibraryDialog

# The answers of the Duplicate dialog: group, date, facilitator, session length, and for the
# open guide "new" (a new guide, the default) or "this" (change this guide in place).
Duplicate = tuple[str, str, str, int | None] | tuple[str, str, str, int | None, str]


class LibraryFeature:
    def __init__(self, shell: WindowShell, data_dir: Path) -> None:
        self.shell = shell
        self.data_dir = data_dir
        # Replaceable (tests answer without a modal dialog).
        self.ask_duplicate: Callable[[Guide], Duplicate | None] = self._duplicate_dialog
        self._offer_this = False  # the Duplicate dialog also offers "this guide" (open guide)
        self.act_library = make_action(
            shell.widget(), "Guide &Library…", self.show_library, shortcut="Ctrl+Shift+L",
            name="actLibrary", tip="Open, duplicate or copy questions from saved guides")
        self.act_duplicate = make_action(
            shell.widget(), "&Duplicate for a New Session…", self.duplicate_current,
            name="actDuplicate", tip="Copy this guide for another group or date")
        self.act_bank = make_action(
            shell.widget(), "&Question Bank…", self.show_bank, shortcut="Ctrl+Shift+B",
            name="actQuestionBank",
            tip="Search the questions of every guide you keep and insert one into this guide")
        shell.add_action(Menu.FILE, self.act_library, "library")
        shell.add_action(Menu.FILE, self.act_bank, "library")
        self._bank: BankController | None = None
        self.bank_dialog: BankDialog | None = None
        shell.add_action(Menu.FILE, self.act_duplicate, "share")
        shell.session.reset.connect(
            lambda: self.act_duplicate.setEnabled(shell.session.is_open))
        self.act_duplicate.setEnabled(shell.session.is_open)

    def folders(self) -> list[Path]:
        from reading_guide.resources import guides_dir

        user = self.data_dir / "guides"
        try:
            user.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        return [guides_dir(), user]

    def make_dialog(self) -> LibraryDialog:
        """The library dialog, wired to open, duplicate and copy (not yet shown)."""
        from reading_guide.gui.library.library_dialog import LibraryDialog

        shell = self.shell
        return LibraryDialog(self.folders(), lambda p: bool(shell.files.open_path(p)),
                             self.duplicate_from, self.copy_from, shell.session.is_open,
                             shell.widget())

    @property
    def bank(self) -> BankController:
        """The question bank's controller, made the first time it is needed."""
        if self._bank is None:
            from reading_guide.gui.library.bank import BankController

            self._bank = BankController(self.shell, self.data_dir, self.shell.widget())
        return self._bank

    def show_bank(self) -> BankDialog:
        """Show the Question Bank beside the window (not modal) and bring it up to date."""
        from reading_guide.gui.library.bank_dialog import BankDialog

        if self.bank_dialog is None:
            self.bank_dialog = BankDialog(self.bank, self.shell.widget())
        self.bank_dialog.show()
        self.bank_dialog.raise_()
        self.bank_dialog.activateWindow()
        self.bank.update()
        return self.bank_dialog

    def show_library(self) -> None:
        self.make_dialog().exec()

    def _duplicate_dialog(self, guide: Guide) -> Duplicate | None:
        from reading_guide.gui.library.library_dialog import DuplicateDialog

        dialog = DuplicateDialog(guide, self.shell.widget(), offer_this=self._offer_this)
        return dialog.values() if dialog.exec() else None

    def duplicate_current(self) -> bool:
        s = self.shell.session
        if not s.is_open:
            return False
        return self._duplicate(copy.deepcopy(s.guide), s.path, offer_this=True)

    def duplicate_from(self, path: Path) -> bool:
        from reading_guide.storage import load_guide

        try:
            guide = load_guide(path)
        except InputError as error:
            self.shell.prompts.error("Could not open the guide", str(error))
            return False
        return self._duplicate(guide, Path(path))

    def _duplicate(self, guide: Guide, source: Path | None, offer_this: bool = False) -> bool:
        from reading_guide.model.session import duplicate_guide
        from reading_guide.render import parse
        from reading_guide.resources import guides_dir

        shell = self.shell
        self._offer_this = offer_this
        try:
            values = self.ask_duplicate(guide)
        finally:
            self._offer_this = False
        if values is None:
            return False
        group, date, facilitator, minutes = values[:4]
        if offer_this and values[4:] == ("this",):
            return self._new_session_here(group, date, facilitator, minutes)
        if not shell.files.maybe_save():
            return False
        twin = duplicate_guide(guide, group, date, facilitator, minutes)
        folder = source.parent if source is not None else self.data_dir / "guides"
        if source is not None and folder.resolve() == guides_dir().resolve():
            folder = self.data_dir / "guides"  # the app's own guides are not the user's folder
        stem = (source.name.split(".")[0] if source else "guide") or "guide"
        suggested = folder / f"{stem}-{date or 'copy'}.guide.yaml"
        shell.files.release()  # the duplicate is a new file: the original is free again
        shell.session.load(twin, parse(twin.essay.text), None, suggested_path=suggested,
                           saved=False)
        shell.show_status(f"Duplicated for {group or 'a new group'}; save it to keep it.", 6000)
        return True

    def _new_session_here(self, group: str, date: str, facilitator: str,
                          minutes: int | None) -> bool:
        """Set the open guide up for the new session in place: one undoable edit."""
        from reading_guide.model.edit_group import EditGroup
        from reading_guide.model.edits import Edit, SetField

        session = self.shell.session
        old = session.guide.session
        wanted = {"group": group, "date": date, "facilitator": facilitator,
                  "minutes": old.minutes if minutes is None else minutes}
        try:
            edits: list[Edit] = [SetField("session", None, name, value)
                                 for name, value in wanted.items()
                                 if getattr(old, name) != value]
        except ValueError as error:  # outside the table of fields (the dialog's ranges agree)
            self.shell.prompts.error("Could not set up the new session", str(error))
            return False
        if edits:
            session.push(EditGroup(edits, "Set up for a new session"), initiator=self)
        self.shell.show_status(f"This guide is now for {group or 'the new session'}; save it "
                               "to keep it.", 6000)
        return True

    def copy_from(self, path: Path, question_ids: list[str]) -> bool:
        """Copy questions (and their highlights) from the guide at `path`: one undoable step."""
        from reading_guide.anchoring import reanchor
        from reading_guide.model.session import EssaysDiffer, copy_questions
        from reading_guide.render import parse
        from reading_guide.storage import load_guide

        session = self.shell.session
        if not session.is_open:
            return False
        try:
            source = load_guide(path)
            edit, report = copy_questions(
                session.guide, source, question_ids, session.document.text,
                parse(source.essay.text).text, reanchor)
        except (InputError, EssaysDiffer) as error:
            self.shell.prompts.error("Could not copy the questions", str(error))
            return False
        session.push(edit, initiator=self)
        review = f"; {len(report.not_exact)} passage(s) to review" if report.not_exact else ""
        self.shell.show_status(f"Copied {report.questions} question(s){review}.", 6000)
        if report.not_exact:
            self.shell.show_dock("review")
        return True
