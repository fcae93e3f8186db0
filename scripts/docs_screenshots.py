#!/usr/bin/env python3
"""The pictures of the docs and the user guide, taken of the real window (offscreen Qt).

    .venv/bin/python scripts/docs_screenshots.py

Writes docs/screenshots/window-WxH-{light,dark}.png (1024x700, 1366x768, 1920x1080),
docs/screenshot.png (the README's) and resources/manual/*.png (the user guide's, 1366x768,
light), each with the sample guide or the sample essay. Run it again after changing what the
window looks like, then look at every picture. The user's settings and folders are not touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reading_guide.app import (  # noqa: E402
    AppWindow,
    _FailingPrompts,
    build_window,
    create_application,
    select_showcase_item,
)
from reading_guide.gui.core.manual import IMAGE_WIDTH  # noqa: E402
from reading_guide.gui.core.settings import Settings  # noqa: E402

SAMPLE = ROOT / "guides" / "sample.guide.yaml"
ESSAY = ROOT / "resources" / "sample" / "the-slow-reader.md"
DOCS = ROOT / "docs"
MANUAL = ROOT / "resources" / "manual"
SIZES = ((1024, 700), (1366, 768), (1920, 1080))


def settle(app: QApplication, ms: int = 60) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def window(folder: Path, size: tuple[int, int], theme: str = "light") -> AppWindow:
    settings = Settings(QSettings(str(folder / f"s-{size}-{theme}.ini"),
                                  QSettings.Format.IniFormat))
    built = build_window(settings, prompts=_FailingPrompts(), opener=lambda _p: None,
                         data_dir=folder / "data", theme=theme)
    built.shell.resize(*size)
    built.shell.show()
    return built


def save(widget: QWidget, path: Path, width: int = 0) -> None:
    """`widget` as a PNG at `path`; `width`: scaled down smoothly to at most that width (the
    manual shows its pictures 640 px wide: scaled here they stay sharp, and small)."""
    picture = widget.grab()
    if width and picture.width() > width:
        picture = picture.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    if not picture.save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(ROOT))


def close(app: QApplication, built: AppWindow) -> None:
    built.shell.session.undo_stack.setClean()
    built.shell.close_without_asking()
    settle(app, 10)


def window_shots(app: QApplication, folder: Path) -> None:
    for theme in ("light", "dark"):
        for size in SIZES:
            built = window(folder, size, theme)
            built.shell.files.open_path(SAMPLE)
            select_showcase_item(built)
            settle(app)
            save(built.shell, DOCS / "screenshots" / f"window-{size[0]}x{size[1]}-{theme}.png")
            if (theme, size) == ("light", (1366, 768)):
                shutil.copy(DOCS / "screenshots" / "window-1366x768-light.png",
                            DOCS / "screenshot.png")
            close(app, built)


def manual_shots(app: QApplication, folder: Path) -> None:
    size = (1366, 768)
    shots: list[tuple[str, Callable[[AppWindow], QWidget]]] = []

    def start(_b: AppWindow) -> QWidget:
        return _b.shell

    def opened(b: AppWindow) -> QWidget:
        essay = folder / "the-slow-reader.md"
        shutil.copy(ESSAY, essay)
        b.shell.files.open_path(essay)
        return b.shell

    def asked(b: AppWindow) -> QWidget:
        b.shell.files.open_path(SAMPLE)
        select_showcase_item(b)
        return b.shell

    def plan(b: AppWindow) -> QWidget:
        b.shell.files.open_path(SAMPLE)
        select_showcase_item(b)
        b.plan.show()
        return b.shell

    def export(b: AppWindow) -> QWidget:
        b.shell.files.open_path(SAMPLE)
        dialog = b.export.make_dialog()
        dialog.show()
        return dialog

    def library(b: AppWindow) -> QWidget:
        b.shell.files.open_path(SAMPLE)
        dialog = b.library.make_dialog()
        dialog.wait_for_scan()  # the folders are read in a worker
        dialog.show()
        return dialog

    def shortcuts(b: AppWindow) -> QWidget:
        b.shell.files.open_path(SAMPLE)
        return b.shell.help.show_shortcuts()

    def update(b: AppWindow) -> QWidget:
        guide = folder / "sample.guide.yaml"
        shutil.copy(SAMPLE, guide)
        b.shell.files.open_path(guide)
        revised = folder / "the-slow-reader-2nd.md"
        text = ESSAY.read_text(encoding="utf-8").replace(
            "A fast reader can usually say", "A quick reader can often say").replace(
            "A group that only dissects will tire quickly. ", "")
        revised.write_text(text, encoding="utf-8")
        loop = QEventLoop()
        b.review.updater.finished.connect(lambda _e: loop.quit())
        b.review.update_essay(str(revised), "2nd edition")
        loop.exec()
        return b.shell

    shots = [("start", start), ("open", opened), ("ask", asked), ("plan", plan),
             ("print", export), ("reuse", library), ("shortcuts", shortcuts),
             ("update", update)]
    for name, make in shots:
        built = window(folder, size)
        widget = make(built)
        settle(app, 150)
        save(widget, MANUAL / f"{name}.png", IMAGE_WIDTH)
        if widget is not built.shell:
            widget.close()
        close(app, built)


def main() -> int:
    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="reading-guide-shots-"))
    try:
        window_shots(app, folder)
        manual_shots(app, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
