"""Export as a feature: File ▸ Export Handout… (Ctrl+P) and its toolbar button."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reading_guide.gui.core.actions import SK, action_icon, make_action
from reading_guide.gui.core.shell import Menu, WindowShell

if TYPE_CHECKING:  # imported when the dialog opens
    from reading_guide.export.warm import WarmExporter
    from reading_guide.gui.export.dialog import ExportDialog


class ExportFeature:
    """`opener(path)` opens a finished PDF or its folder (the system's handler; tests pass their
    own); `exporter()` gives the app's warm export process, shared with the preview."""

    def __init__(self, shell: WindowShell, opener: Callable[[str], object] | None,
                 exporter: Callable[[], WarmExporter] | None = None) -> None:
        self.shell = shell
        self.opener = opener
        self.exporter = exporter
        self.act_export = make_action(
            shell.widget(), "&Export Handout…", self.show_dialog, shortcut=SK.Print,
            tip="Print a handout as PDF", icon=action_icon("export", "document-print"),
            name="actExport")
        shell.add_action(Menu.FILE, self.act_export, "share", toolbar=True)
        shell.session.reset.connect(
            lambda: self.act_export.setEnabled(shell.session.is_open))
        self.act_export.setEnabled(shell.session.is_open)

    def make_dialog(self) -> ExportDialog:
        from reading_guide.gui.export.dialog import ExportDialog

        shell = self.shell
        return ExportDialog(shell.session, shell.settings, shell.prompts, shell.widget(),
                            opener=self.opener, exporter=self.exporter)

    def show_dialog(self) -> None:
        dialog = self.make_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made fresh, never kept
        dialog.exec()
