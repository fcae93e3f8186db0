"""Never lose work, as a feature: autosave, restore after a crash, a guide changed on disk.

Recovery files left by windows that are gone are offered once the event loop runs, and again
for one guide when its lock is taken over from a process that died (core/files.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

from reading_guide.gui.core.shell import WindowShell
from reading_guide.gui.recovery.autosave import AUTOSAVE_MS, RecoveryController


class RecoveryFeature:
    def __init__(self, shell: WindowShell, folder: Path, *, autosave_ms: int = AUTOSAVE_MS,
                 offer_restore: bool = True) -> None:
        self.controller = RecoveryController(
            shell.session, folder, shell.prompts, maybe_save=shell.files.maybe_save,
            window=shell.widget(), delay_ms=autosave_ms)
        # Recovery files are offered once at start-up; a guide taken over later (its window's
        # process died since) has its own offered then, unless the start-up offer is to come.
        self._offered = not offer_restore
        shell.files.tookOver.connect(self._on_took_over)
        if offer_restore:
            QTimer.singleShot(0, self._offer_all)

    def _offer_all(self) -> None:
        self._offered = True
        self.controller.offer_restore()

    def _on_took_over(self, path: str, _pid: int) -> None:
        if self._offered:
            QTimer.singleShot(0, lambda: self.controller.offer_restore(Path(path)))

    def hold_for_next_start(self) -> None:
        """The app stops without asking: the unsaved work stays in the recovery file."""
        self.controller.hold_for_next_start()

    def keep_safe(self) -> list[Path]:
        """Write the unsaved work to the recovery file now (something went wrong)."""
        written = self.controller.autosave()
        return [written] if written is not None else []
