"""Opening, saving and closing guides: the rules that make work impossible to lose.

- Opening a file that fails (broken guide, binary file, not text) shows the one-line reason and
  leaves the open guide untouched: the new guide is fully loaded before anything is replaced.
- Before replacing or closing a modified guide, the user chooses save, discard or cancel.
- A failed save (read-only folder, file changed on disk by another program) says why and keeps the
  unsaved work open and still marked modified.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reading_guide.errors import InputError, printable
from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.settings import Settings
from reading_guide.model.guide import Guide
from reading_guide.storage.files import FileStamp
from reading_guide.storage.opening import GUIDE_SUFFIXES, OpenedFile, read_openable

log = logging.getLogger(__name__)


class FileController(QObject):
    """Open/save/close for one session.

    Signals: `opened(str)` and `saved(str)` with the path; `closed()`; `handedOver(str)` when
    the guide asked for is open in another window, which was brought forward instead;
    `tookOver(str, int)` when its holder (that process id) had gone without letting it go.
    """

    opened = Signal(str)
    saved = Signal(str)
    closed = Signal()
    handedOver = Signal(str)  # noqa: N815 (Qt signal naming)
    tookOver = Signal(str, int)  # noqa: N815

    def __init__(
        self, session: GuideSession, prompts: Prompts, settings: Settings,
        parent: QObject | None = None, *, locks: GuideLocks | None = None,
        bring_forward: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.prompts = prompts
        self.settings = settings
        self.locks = locks
        self.bring_forward = bring_forward  # raises this controller's window
        self._took_over: tuple[str, int] | None = None
        # Essays a feature opens itself (documents: a chapter to choose, a long import in a
        # worker thread): extension -> handler(path), which returns True once it has started.
        self._importers: dict[str, Callable[[Path], bool]] = {}

    def set_importer(self, extensions: Iterable[str], importer: Callable[[Path], bool]) -> None:
        """Hand the opening of files with these extensions to `importer` (after the question
        about unsaved work); it calls `open_path(path, read, ask=False)` with what it read."""
        for extension in extensions:
            self._importers[extension.lower()] = importer

    # Opening ----------------------------------------------------------------------------------

    def open_dialog(self) -> bool:
        path = self.prompts.open_path(self._start_folder())
        return self.open_path(path) if path else False

    def new_from_essay_dialog(self) -> bool:
        path = self.prompts.open_path(self._start_folder(), essays_only=True)
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, read: OpenedFile | InputError | None = None, *,
                  ask: bool = True) -> bool:
        """Open a guide or an essay; False (current guide untouched) when cancelled or broken.

        `read` is the file already read by `read_openable(path)` (or the error it raised), as
        `reading-guide FILE` does before Qt starts; otherwise the file is read here, or by the
        importer registered for its extension (which returns True once it has started). `ask`
        False: the user already answered the question about unsaved work for this opening. A
        guide open in another window is not opened twice: that window comes forward instead.
        """
        path = Path(path)
        claimed = self._claim(path) if path.suffix.lower() in GUIDE_SUFFIXES else None
        if claimed is False:
            return False
        importer = self._importers.get(path.suffix.lower()) if read is None else None
        if importer is not None:
            return (not ask or self.maybe_save()) and importer(path)
        if ask and not self.maybe_save():
            self._unclaim(path, claimed)
            return False
        try:
            if read is None:
                read = read_openable(path)
            elif isinstance(read, InputError):
                raise read
        except InputError as error:
            self._unclaim(path, claimed)
            self.prompts.error("Could not open the file", str(error))
            if not path.exists():
                self.settings.remove_recent(str(path))
            return False
        except Exception as error:  # noqa: BLE001 - a file must never end the app
            self._unclaim(path, claimed)
            log.error("opening %s failed", printable(str(path)), exc_info=True)
            self.prompts.error("Could not open the file", unexpected(path, "open", error))
            return False
        if read.path is None:
            _printable_names(read.guide)
        if self.locks is not None and self.session.path is not None and (
                read.path is None or Path(read.path).resolve() != self.session.path.resolve()):
            self.locks.release(self.session.path)
        stamp = read.stamp if isinstance(read.stamp, FileStamp) else None
        self.session.load(
            read.guide, read.document, read.path, stamp, read.repairs,
            suggested_path=read.suggested_path,
        )
        self.settings.add_recent(str(path.resolve()))
        self.settings.set_last_folder(str(path.resolve().parent))
        self.opened.emit(str(path))
        self._announce_takeover()
        return True

    def _announce_takeover(self) -> None:
        took_over, self._took_over = self._took_over, None
        if took_over is not None:
            self.tookOver.emit(*took_over)

    def _claim(self, path: Path) -> bool | None:
        """Hold `path` for this window: True (newly held), None (held already, or no locks),
        False (another window has it: brought forward, or reported)."""
        if self.locks is None:
            return None
        if self.locks.holder(path) is self:
            return None
        claim = self.locks.claim(path, self, self.bring_forward)
        name = printable(Path(path).name)
        if claim.status == "here":
            log.info("%s is open in another window: brought it forward", name)
            self.handedOver.emit(str(path))
            return False
        if claim.status == "unanswered":
            self.prompts.error("Guide open elsewhere", str(InputError(
                f"open in another Reading Guide window (process {claim.pid}) that does not "
                "answer; close it there first", file=path)))
            return False
        if claim.status == "stale":
            message = (f"“{name}” was left open by a Reading Guide that is no longer running "
                       f"(process {claim.pid}). It opens here; unsaved work that window left "
                       "is offered back if there is any.")
            log.info("%s", message)
            # Said once the window is up (at start-up the claim comes before it shows).
            QTimer.singleShot(0, lambda: self.prompts.notice("Guide taken over", message))
            self._took_over = (str(path), claim.pid)  # announced once the guide is open
        return True

    def claim(self, path: Path) -> bool:
        """Hold the guide at `path` for this window before opening it (False: another window
        has it and was brought forward, or was reported)."""
        if path.suffix.lower() not in GUIDE_SUFFIXES:
            return True
        return self._claim(path) is not False

    def _unclaim(self, path: Path, claimed: bool | None) -> None:
        self._took_over = None
        if claimed and self.locks is not None:
            self.locks.release(path)

    def release(self) -> None:
        """Let the open guide's file go (the window is closing)."""
        if self.locks is not None:
            self.locks.release(self.session.path)

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
        old = self.session.path
        same = old is not None and target.resolve() == old.resolve()
        claimed = None if same else self._claim(target)
        if claimed is False:
            return False  # another window has that file open: saving over it would lose work
        # Saving over another existing file is the user's explicit choice in the dialog.
        from reading_guide.storage import file_stamp

        expected = self.session.stamp if same else file_stamp(target)
        if not self._save_to(target, expected):
            self._unclaim(target, claimed)
            return False
        if not same and self.locks is not None:
            self.locks.release(old)
        self._announce_takeover()
        return True

    def _save_to(self, path: Path, expected: FileStamp | None) -> bool:
        from reading_guide.storage import GuideChangedOnDisk, save_guide

        try:
            try:
                stamp = save_guide(self.session.guide, path, expected=expected)
            except GuideChangedOnDisk:
                if not self.prompts.overwrite_changed_file(str(path)):
                    return False
                stamp = save_guide(self.session.guide, path, expected=None)
        except InputError as error:
            self.prompts.error("Could not save the guide", str(error))
            return False
        except Exception as error:  # noqa: BLE001 - storage should say InputError; work kept
            log.error("saving %s failed", printable(str(path)), exc_info=True)
            self.prompts.error("Could not save the guide", unexpected(path, "save", error))
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

        self.release()
        self.session.load(Guide(), Document.from_blocks([]), None)
        self.closed.emit()
        return True

    def _start_folder(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        return self.settings.last_folder() or str(Path.home())


def unexpected(path: Path, verb: str, error: BaseException) -> str:
    """One line for an error that is not the project's own (a bug, or a limit of a library):
    the file, what failed and the error's kind; the traceback goes to the log."""
    detail = " ".join(str(error).split())[:200]
    kind = type(error).__name__
    return str(InputError(f"could not {verb} it ({kind}{': ' + detail if detail else ''})",
                          file=path))


def _printable_names(guide: Guide) -> None:
    """A guide started from an essay takes its titles and source from the file name; a name
    that is not UTF-8 would put bytes no guide file can hold into them (the save would fail
    later), so they get replacement characters now, as the window shows them."""
    guide.title = printable(guide.title)
    guide.essay.title = printable(guide.essay.title)
    guide.essay.source = printable(guide.essay.source)
