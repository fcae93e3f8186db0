#!/usr/bin/env python3
"""The pictures of the docs and the user guide, taken of the real window (offscreen Qt).

    .venv/bin/python scripts/docs_screenshots.py [--home /home/alex]

Writes docs/screenshots/window-WxH-{light,dark}.png (1024x700, 1366x768, 1920x1080),
docs/screenshot.png (the README's) and resources/manual/*.png (the user guide's, 1366x768,
light), each with the sample guide or the sample essay. Run it again after changing what the
window looks like, then look at every picture.

The pictures show folder paths (the export dialog's "Save to", the library's folders), so they
are taken in a made-up home folder, `--home` (default NEUTRAL_HOME): the sample guide and essay
are copied to "~/Documents/Reading group/", the app's data, state and settings go under it, and
`HOME` points at it while the pictures are taken. No path of the machine that takes them (the
repository's, a temporary folder, the real home) reaches a picture; the folder must be new or
empty (it is made here, and removed afterwards if it was made here). The user's own settings
and folders are not touched.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator
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
from reading_guide.gui.core.new_or_this import NEW_GUIDE  # noqa: E402
from reading_guide.gui.core.settings import Settings  # noqa: E402

SAMPLE = ROOT / "guides" / "sample.guide.yaml"
ESSAY = ROOT / "resources" / "sample" / "the-slow-reader.md"
DOCS = ROOT / "docs"
MANUAL = ROOT / "resources" / "manual"
SIZES = ((1024, 700), (1366, 768), (1920, 1080))
NEUTRAL_HOME = Path("/home/alex")
GROUP = ("Documents", "Reading group")  # where the pictures' guide lives, under the home
# What the app's folders are called on Linux (userdirs.py), under the home.
APP_DIRS = {"READING_GUIDE_DATA_DIR": ".local/share/reading-guide",
            "READING_GUIDE_STATE_DIR": ".local/state/reading-guide",
            "READING_GUIDE_CONFIG_DIR": ".config/reading-guide",
            "READING_GUIDE_CACHE_DIR": ".cache/reading-guide"}


class Home:
    """The made-up home of the pictures: the group's folder with the sample guide and essay
    in it, and the app's folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.group = root.joinpath(*GROUP)
        self.data = root / APP_DIRS["READING_GUIDE_DATA_DIR"]
        self.config = root / APP_DIRS["READING_GUIDE_CONFIG_DIR"]
        self.guide = self.group / SAMPLE.name
        self.essay = self.group / ESSAY.name

    def fresh_guide(self) -> Path:
        """The sample guide as the group keeps it: copied once (no picture saves it; copying it
        again under a window that has it open would be a change on disk, and a question)."""
        if not self.guide.exists():
            shutil.copy(SAMPLE, self.guide)
        return self.guide


@contextlib.contextmanager
def neutral_home(root: Path) -> Iterator[Home]:
    """`root` as the home folder (made if new; refused if it holds anything) while the
    pictures are taken; the environment is put back and a folder made here removed after."""
    made = not root.exists()
    if not made and any(root.iterdir()):
        raise SystemExit(f"{root}: not empty; pass --home with a new or empty folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SystemExit(f"{root}: cannot make the pictures' home folder ({error.strerror}); "
                         "pass --home with a folder you can make") from None
    home = Home(root)
    home.group.mkdir(parents=True)
    shutil.copy(ESSAY, home.essay)
    home.fresh_guide()
    names = ("HOME", "USERPROFILE", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
             "XDG_CACHE_HOME", *APP_DIRS)
    saved = {name: os.environ.get(name) for name in names}
    os.environ["HOME"] = os.environ["USERPROFILE"] = str(root)
    for name in names[2:6]:
        os.environ.pop(name, None)
    for name, relative in APP_DIRS.items():
        os.environ[name] = str(root / relative)
    try:
        yield home
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if made:
            shutil.rmtree(root, ignore_errors=True)
        else:
            for child in root.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink()


def settle(app: QApplication, ms: int = 60) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def window(home: Home, size: tuple[int, int], theme: str = "light") -> AppWindow:
    settings = Settings(QSettings(str(home.config / f"s-{size}-{theme}.ini"),
                                  QSettings.Format.IniFormat))
    built = build_window(settings, prompts=_FailingPrompts(), opener=lambda _p: None,
                         data_dir=home.data, theme=theme)
    # The library looks in the group's folder and the app's own: the bundled sample's folder
    # is wherever the app is installed (this repository, here).
    built.library.folders = lambda: [home.group, home.data / "guides"]  # type: ignore[method-assign]
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


def window_shots(app: QApplication, home: Home) -> None:
    for theme in ("light", "dark"):
        for size in SIZES:
            built = window(home, size, theme)
            built.shell.files.open_path(home.fresh_guide())
            select_showcase_item(built)
            settle(app)
            save(built.shell, DOCS / "screenshots" / f"window-{size[0]}x{size[1]}-{theme}.png")
            if (theme, size) == ("light", (1366, 768)):
                shutil.copy(DOCS / "screenshots" / "window-1366x768-light.png",
                            DOCS / "screenshot.png")
            close(app, built)


def manual_shots(app: QApplication, home: Home) -> None:
    size = (1366, 768)
    for name, make in MANUAL_SHOTS:
        built = window(home, size)
        widget = make(built, home)
        settle(app, 150)
        save(widget, MANUAL / f"{name}.png", IMAGE_WIDTH)
        if widget is not built.shell:
            widget.close()
        close(app, built)


def start(b: AppWindow, _home: Home) -> QWidget:
    return b.shell


def opened(b: AppWindow, home: Home) -> QWidget:
    b.shell.files.open_path(home.essay)
    return b.shell


def asked(b: AppWindow, home: Home) -> QWidget:
    b.shell.files.open_path(home.fresh_guide())
    select_showcase_item(b)
    return b.shell


def plan(b: AppWindow, home: Home) -> QWidget:
    asked(b, home)
    b.plan.show()
    return b.shell


def export(b: AppWindow, home: Home) -> QWidget:
    b.shell.files.open_path(home.fresh_guide())
    dialog = b.export.make_dialog()
    dialog.show()
    return dialog


def library(b: AppWindow, home: Home) -> QWidget:
    b.shell.files.open_path(home.fresh_guide())
    dialog = b.library.make_dialog()
    dialog.wait_for_scan()  # the folders are read in a worker
    dialog.show()
    return dialog


def shortcuts(b: AppWindow, home: Home) -> QWidget:
    b.shell.files.open_path(home.fresh_guide())
    return b.shell.help.show_shortcuts()


def update(b: AppWindow, home: Home) -> QWidget:
    b.shell.files.open_path(home.fresh_guide())
    revised = home.group / "the-slow-reader-2nd.md"
    text = ESSAY.read_text(encoding="utf-8").replace(
        "A fast reader can usually say", "A quick reader can often say").replace(
        "A group that only dissects will tire quickly. ", "")
    revised.write_text(text, encoding="utf-8")
    loop = QEventLoop()
    b.review.updater.finished.connect(lambda _e: loop.quit())
    # Into a new guide, the dialog's default (passed: a modal dialog would wait for a click).
    b.review.update_essay(str(revised), "2nd edition", NEW_GUIDE)
    loop.exec()
    return b.shell


MANUAL_SHOTS: list[tuple[str, Callable[[AppWindow, Home], QWidget]]] = [
    ("start", start), ("open", opened), ("ask", asked), ("plan", plan), ("print", export),
    ("reuse", library), ("shortcuts", shortcuts), ("update", update)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, default=NEUTRAL_HOME,
                        help="a new or empty folder to take the pictures in (its path shows)")
    args = parser.parse_args(argv)
    app = create_application()
    with neutral_home(args.home) as home:
        window_shots(app, home)
        manual_shots(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
