"""Never lose work: autosave to a recovery file, offer it back after a crash, notice outside edits.

- Autosave: the first change after a clean state starts a single-shot timer (30 s by default) and
  later changes do not restart it, so unsaved work reaches the recovery file at most that long
  after any change, even while the user keeps typing. Saving, undoing back to the saved state,
  closing the guide or closing the window cleanly removes the file.
- Restore: on start, recovery files left by processes that are gone are offered one by one:
  restore (the guide comes back modified, tied to its file and to the stamp that file had, so a
  save still refuses to overwrite a file changed since), discard, or decide later. A damaged
  recovery file is set aside by storage with a one-line message and never half-loaded.
- Changed on disk: a QFileSystemWatcher on the open guide; when the file's stamp differs from the
  one the session holds, the user chooses reload (their unsaved edits are dropped) or keep (a
  later save still asks before overwriting).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QWidget

from reading_guide.errors import InputError, printable
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.session import GuideSession
from reading_guide.storage import FileStamp, file_stamp, load_guide_with_stamp
from reading_guide.storage.recovery import (
    CorruptRecovery,
    RecoveryInfo,
    list_recoveries,
    load_recovery,
    remove_recovery,
    write_recovery,
)

log = logging.getLogger(__name__)

AUTOSAVE_MS = 30_000
DISK_SETTLE_MS = 300  # let another program finish writing before the file is compared


def _recovery_name(info: RecoveryInfo) -> str:
    return info.original.name if info.original else (info.title or "an unsaved guide")


class RecoveryController(QObject):
    """Autosave, restore and changed-on-disk for one window's session.

    `ask_restore(info) -> str`, `ask_reload(path, modified) -> bool` and `report(title, text)`
    are plain callables (the window's Prompts by default) so tests answer them without modal
    dialogs.
    """

    def __init__(
        self,
        session: GuideSession,
        folder: Path,
        prompts: Prompts,
        *,
        maybe_save: Callable[[], bool] = lambda: True,
        window: QWidget | None = None,
        delay_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(session)
        self.session = session
        self.root = folder
        self._key = os.urandom(4).hex()  # names this window's recovery folder
        # One folder per window: two windows never write the same recovery file, even on one
        # guide (B's autosave used to replace A's; then a crash of A lost A's work).
        self.folder = folder / f"window-{self._key}"
        self.maybe_save = maybe_save
        self.report: Callable[[str, str], None] = prompts.error
        self.ask_restore: Callable[[RecoveryInfo], str] = (
            lambda info: prompts.restore_unsaved(_recovery_name(info), info.saved_at))
        self.ask_reload: Callable[[Path, bool], bool] = (
            lambda path, modified: prompts.reload_changed(path.name, modified))
        self._written: Path | None = None
        self._error_shown = False
        self._held = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.autosave)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self._disk_timer = QTimer(self)
        self._disk_timer.setSingleShot(True)
        self._disk_timer.setInterval(DISK_SETTLE_MS)
        self._disk_timer.timeout.connect(self.check_disk)
        self._seen_on_disk: FileStamp | None = None
        stack = session.undo_stack
        stack.indexChanged.connect(self._on_index)
        stack.cleanChanged.connect(self._on_clean_changed)
        session.reset.connect(self._on_reset)
        if window is not None:
            window.installEventFilter(self)
        self._watch()

    @property
    def recovery_path(self) -> Path | None:
        """The recovery file this instance wrote last (None when there is none)."""
        return self._written

    # Autosave -------------------------------------------------------------------------------

    def _on_index(self, _index: int) -> None:
        try:
            self._on_change()
        except RuntimeError:  # the stack is being destroyed with the window
            pass

    def _on_change(self) -> None:
        if self.session.is_open and self.session.is_modified:
            if not self.timer.isActive():  # never postponed: at most `delay` after a change
                self.timer.start()
        else:
            self.discard_recovery()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard_recovery()
            self._watch()  # a save may have replaced the file (a new inode to watch)

    def autosave(self) -> Path | None:
        """Write the recovery file now if there is unsaved work; its path."""
        self.timer.stop()
        s = self.session
        if not (s.is_open and s.is_modified):
            self.discard_recovery()
            return None
        stamp = s.stamp if isinstance(s.stamp, FileStamp) else None
        try:
            try:
                path = write_recovery(self.folder, s.guide, s.path, stamp, self._key,
                                      s.suggested_path)
            except UnicodeError:
                # A file name storage cannot record (not UTF-8): keep the work all the same,
                # as an untitled recovery file (restoring it asks where to save).
                log.warning("autosave: cannot record the name %s", printable(str(s.path)))
                path = write_recovery(self.folder, s.guide, None, None, self._key, None)
        except InputError as error:
            log.warning("autosave failed: %s", error)
            if not self._error_shown:  # once per session, not every 30 s
                self._error_shown = True
                self.report("Autosave failed", str(error))
            return None
        if self._written is not None and self._written != path:
            _remove(self._written)
        self._written = path
        return path

    def discard_recovery(self) -> None:
        self.timer.stop()
        if self._held:
            return  # stopping: the window and its undo stack going away change nothing
        _remove(self._written)
        self._written = None

    def _on_reset(self) -> None:
        """Another guide is open: the old one's work was settled (saved, discarded or taken
        into this one), so its recovery file goes."""
        self.discard_recovery()
        self._seen_on_disk = None
        self._watch()
        self._on_change()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Close:
            # Runs before the window's own handler: look once it has decided.
            QTimer.singleShot(0, lambda w=watched: self._after_close(w))
        return False

    def _after_close(self, window: QObject) -> None:
        if self._held:
            return  # the app was told to stop: the work waits in the recovery file
        if isinstance(window, QWidget) and not window.isVisible():
            self.discard_recovery()  # closed after save or an explicit discard

    def hold_for_next_start(self) -> Path | None:
        """The app is stopping without asking (the session ends): write the recovery file now
        and keep it when the window closes, so the next start offers the work back."""
        self._held = True
        return self.autosave()

    # Restore --------------------------------------------------------------------------------

    def offer_restore(self, original: Path | None = None) -> bool:
        """Offer every recovery file left by a process that is gone (only those of guide file
        `original` when given); True if one was restored."""
        infos, problems = self.recoveries()
        if problems:
            self.report("Recovery file set aside", "\n".join(problems))
        for info in infos:
            if original is not None and (info.original is None or
                                         info.original.resolve() != Path(original).resolve()):
                continue
            answer = self.ask_restore(info)
            if answer == "discard":
                _remove(info.path)
            elif answer == "restore":
                return self.restore(info)
        return False

    def restore(self, info: RecoveryInfo) -> bool:
        log.info("restoring unsaved work from %s", printable(str(info.path)))
        if not self.maybe_save():
            return False
        try:
            info, guide = load_recovery(info.path)
        except CorruptRecovery as error:
            self.report("Recovery file set aside", str(error))
            return False
        from reading_guide.render import parse

        # Modified: the restored work is not saved yet.
        self.session.load(guide, parse(guide.essay.text), info.original, info.stamp,
                          suggested_path=info.suggested, saved=False)
        written = self.autosave()  # now ours; the old file goes unless it has the same name
        if written != info.path:
            _remove(info.path)
        return True

    def recoveries(self) -> tuple[list[RecoveryInfo], list[str]]:
        """Recovery files of processes that are gone, newest first, from every window's folder
        (and the shared folder older versions wrote to); one line per damaged file."""
        found, problems = list_recoveries(self.root)
        try:
            folders = sorted(p for p in self.root.iterdir() if p.is_dir())
        except OSError:
            folders = []
        for folder in folders:
            more, bad = list_recoveries(folder)
            found += more
            problems += bad
        found.sort(key=lambda info: info.saved_at, reverse=True)
        return found, problems

    # Changed on disk ------------------------------------------------------------------------

    def _watch(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        path = self.session.path
        if path is not None and Path(path).exists():
            self.watcher.addPath(str(path))

    def _on_file_changed(self, _path: str) -> None:
        self._disk_timer.start()

    def check_disk(self) -> bool:
        """Compare the open guide's file with the session's stamp; True if it was reloaded."""
        path = self.session.path
        self._watch()  # an atomic replace drops the watch: watch the new file
        if path is None:
            return False
        stamp = file_stamp(path)
        if stamp is None or stamp == self.session.stamp or stamp == self._seen_on_disk:
            return False
        self._seen_on_disk = stamp  # ask once per outside version
        if not self.ask_reload(Path(path), self.session.is_modified):
            return False
        try:
            guide, new_stamp = load_guide_with_stamp(path)
        except InputError as error:
            self.report("Could not reload the guide", str(error))
            return False
        from reading_guide.render import parse

        self.session.load(guide, parse(guide.essay.text), Path(path), new_stamp)
        return True


def _remove(path: Path | None) -> None:
    """Remove a recovery file, and its window folder when that is now empty."""
    remove_recovery(path)
    if path is not None and path.parent.name.startswith("window-"):
        _remove_if_empty(path.parent)


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (another window's work), or already gone
