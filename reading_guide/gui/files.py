"""Opening, saving and closing guides: the rules that make work impossible to lose.

- Opening a file that fails (broken guide, binary file, not text) shows the one-line reason and
  leaves the open guide untouched: the new guide is fully loaded before anything is replaced.
- Before replacing or closing a modified guide, the user chooses save, discard or cancel.
- A failed save (read-only folder, file changed on disk by another program) says why and keeps the
  unsaved work open and still marked modified.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reading_guide.errors import InputError, printable
from reading_guide.gui.prompts import Prompts
from reading_guide.gui.session import GuideSession
from reading_guide.gui.settings import Settings
from reading_guide.model.guide import Guide
from reading_guide.storage.opening import OpenedFile, read_openable

log = logging.getLogger(__name__)


class FileController(QObject):
    """Open/save/close for one session. Signals: `opened(str)` and `saved(str)` with the path."""

    opened = Signal(str)
    saved = Signal(str)
    closed = Signal()

    def __init__(
        self, session: GuideSession, prompts: Prompts, settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.prompts = prompts
        self.settings = settings

    # Opening ----------------------------------------------------------------------------------

    def open_dialog(self) -> bool:
        path = self.prompts.open_path(self._start_folder())
        return self.open_path(path) if path else False

    def new_from_essay_dialog(self) -> bool:
        path = self.prompts.open_path(self._start_folder(), essays_only=True)
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, read: OpenedFile | InputError | None = None) -> bool:
        """Open a guide or an essay; False (current guide untouched) when cancelled or broken.

        `read` is the file already read by `read_openable(path)` (or the error it raised), as
        `reading-guide FILE` does before Qt starts; otherwise the file is read here.
        """
        path = Path(path)
        if not self.maybe_save():
            return False
        try:
            if read is None:
                read = read_openable(path)
            elif isinstance(read, InputError):
                raise read
        except InputError as error:
            self.prompts.error("Could not open the file", str(error))
            if not path.exists():
                self.settings.remove_recent(str(path))
            return False
        if read.path is None:
            _printable_names(read.guide)
        self.session.load(
            read.guide, read.document, read.path, read.stamp, read.repairs,
            suggested_path=read.suggested_path,
        )
        self.settings.add_recent(str(path.resolve()))
        self.settings.set_last_folder(str(path.resolve().parent))
        self.opened.emit(str(path))
        return True

    # Saving -----------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path, self.session.stamp)

    def save_as(self) -> bool:
        if not self.session.is_open:
            return False
        start = self.session.path or self.session.suggested_path
        suggestion = str(start) if start else str(Path(self._start_folder()) / "guide.guide.yaml")
        path = self.prompts.save_path(suggestion)
        if not path:
            return False
        target = Path(path)
        # Saving over another existing file is the user's explicit choice in the dialog.
        from reading_guide.storage import file_stamp

        expected = file_stamp(target) if target != self.session.path else self.session.stamp
        return self._save_to(target, expected)

    def _save_to(self, path: Path, expected: object | None) -> bool:
        from reading_guide.storage import GuideChangedOnDisk, save_guide

        try:
            try:
                stamp = save_guide(self.session.guide, path, expected=expected)  # type: ignore[arg-type]
            except GuideChangedOnDisk:
                if not self.prompts.overwrite_changed_file(str(path)):
                    return False
                stamp = save_guide(self.session.guide, path, expected=None)
        except InputError as error:
            self.prompts.error("Could not save the guide", str(error))
            return False
        except (UnicodeError, OSError) as error:
            # Not ours to raise (storage should say InputError): still one line, work kept.
            log.warning("saving %s failed", printable(str(path)), exc_info=True)
            message = InputError(f"could not save the guide ({type(error).__name__})",
                                 file=path)
            self.prompts.error("Could not save the guide", str(message))
            return False
        self.session.mark_saved(path.resolve(), stamp)
        self.settings.add_recent(str(path.resolve()))
        self.saved.emit(str(path))
        return True

    # Closing ----------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to replace the open guide (saved, discarded, or unmodified)."""
        if not self.session.is_modified:
            return True
        answer = self.prompts.save_changes(self.session.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def close_guide(self) -> bool:
        if not self.maybe_save():
            return False
        from reading_guide.render.document import Document

        self.session.load(Guide(), Document.from_blocks([]), None)
        self.closed.emit()
        return True

    def _start_folder(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        return self.settings.last_folder() or str(Path.home())


def _printable_names(guide: Guide) -> None:
    """A guide started from an essay takes its titles and source from the file name; a name
    that is not UTF-8 would put bytes no guide file can hold into them (the save would fail
    later), so they get replacement characters now, as the window shows them."""
    guide.title = printable(guide.title)
    guide.essay.title = printable(guide.essay.title)
    guide.essay.source = printable(guide.essay.source)
