"""The live preview as a feature: a dock beside the essay, sharing the review's place; its
builds go through the app's warm export process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reading_guide.gui.core.shell import WindowShell

if TYPE_CHECKING:  # QtPdf loads when the preview first shows, not at start-up
    from reading_guide.export.warm import WarmExporter
    from reading_guide.gui.preview.panel import PreviewPanel


class PreviewFeature:
    """`exporter()` gives the app's one warm export process (app.py makes it when first asked
    for and closes it on quit)."""

    def __init__(self, shell: WindowShell, folder: Path,
                 exporter: Callable[[], WarmExporter]) -> None:
        self.shell = shell
        self.folder = folder
        self.exporter = exporter
        self._panel: PreviewPanel | None = None
        # Made the first time the dock shows: start-up never imports QtPdf (bench_startup.py).
        self.dock = shell.add_dock("preview", "Preview", self._make,
                                   Qt.DockWidgetArea.LeftDockWidgetArea, tab_with="review")
        toggle = self.dock.toggleViewAction()
        toggle.setShortcut("Ctrl+Shift+P")
        toggle.triggered.connect(lambda on: self.dock.raise_() if on else None)

    def _make(self) -> PreviewPanel:
        from reading_guide.gui.preview.panel import PreviewPanel

        self._panel = PreviewPanel(self.shell.session, self.folder, self.exporter)
        self._panel.setObjectName("previewPanel")
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._panel.shutdown)
        return self._panel

    @property
    def panel(self) -> PreviewPanel:
        """The preview panel, made now if its dock never showed."""
        if self._panel is None:
            self.shell.dock_widget("preview")
        assert self._panel is not None
        return self._panel

    def show(self) -> None:
        self.shell.show_dock("preview")
