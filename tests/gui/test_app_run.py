"""`reading-guide [FILE]` without a display, and `reading-guide screenshot`: each in a fresh
process, as a user would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide.commands.gui_launch import NO_DISPLAY, display_available
from reading_guide.commands.screenshot import parse_size
from reading_guide.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reading_guide", *args], capture_output=True, text=True,
        env=env, cwd=ROOT, timeout=timeout,
    )


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        env.pop(key, None)
        if value is not None:
            env[key] = value
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
@pytest.mark.parametrize("args", [[], ["guides/sample.guide.yaml"]])
def test_without_a_display_one_line_suggests_export(args: list[str]) -> None:
    result = _run(args, _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None))
    assert result.returncode == 1
    assert result.stderr.strip() == NO_DISPLAY
    assert result.stdout == ""


def test_display_detection(tmp_path: Path) -> None:
    assert not display_available({}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({}, "win32") and display_available({}, "darwin")
    assert display_available({"DISPLAY": "localhost:10.0"}, "linux")  # SSH forwarding
    # A Wayland socket that exists, and one that does not (a stale variable).
    (tmp_path / "wayland-0").touch()
    assert display_available({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)},
                             "linux")
    assert not display_available(
        {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)}, "linux")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_a_stale_display_variable_is_one_line_not_a_qt_abort() -> None:
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    result = _run([], _env(DISPLAY=f":{number}", WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None))
    assert result.returncode == 1
    assert result.stderr.strip() == NO_DISPLAY


def _make_guide(tmp_path: Path) -> Path:
    from reading_guide.anchoring import describe_selection
    from reading_guide.model.guide import Highlight, Position, Question, new_guide
    from reading_guide.render.importer import import_essay
    from reading_guide.storage import save_guide

    essay = import_essay(ROOT / "tests" / "data" / "gui" / "lighthouse.md")
    guide = new_guide(essay.title, essay.markdown, essay.source_name)
    text = essay.document.text
    start = text.index("A lighthouse does not guide ships home")
    end = start + len("A lighthouse does not guide ships home")
    guide.highlights.append(Highlight("h1", "claim", describe_selection(text, start, end),
                                      Position(start, end)))
    guide.questions.append(Question("q1", "What is the light for?", highlight="h1"))
    path = tmp_path / "shot.guide.yaml"
    save_guide(guide, path)
    return path


def test_screenshot_renders_the_window_without_a_display(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    guide = _make_guide(tmp_path)
    out = tmp_path / "shot.png"
    result = _run(["screenshot", str(guide), "-o", str(out), "--size", "900x600"],
                  _env(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)
    # Not a blank picture: many different colours (text, highlight, panels).
    colours = {image.pixel(x, y) for x in range(0, 900, 7) for y in range(0, 600, 7)}
    assert len(colours) > 20


def test_a_screenshot_smaller_than_the_window_can_be_says_its_real_size(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "tiny.png"
    result = _run(["screenshot", str(_make_guide(tmp_path)), "-o", str(out), "--size", "320x240"],
                  _env(QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert f"{image.width()}x{image.height()}" in result.stdout
    assert "320x240 was asked" in result.stdout


def test_screenshot_of_a_broken_guide_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.guide.yaml"
    bad.write_text("format: reading-guide/1\ntitle: [\n", encoding="utf-8")
    result = _run(["screenshot", str(bad), "-o", str(tmp_path / "x.png")],
                  _env(QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "bad.guide.yaml" in result.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("text", ["big", "10x10", "1280", "0x0", "99999x800"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_size(text)


def test_sizes_are_read() -> None:
    assert parse_size("1280x800") == (1280, 800)
    assert parse_size("640X480") == (640, 480)


OPEN_AND_REPORT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
_exec = QApplication.exec
def _report(*args):
    def ready():
        app = QApplication.instance()
        shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.objectName()]
        for w in shown:
            print("WINDOW", w.objectName(), w.windowTitle(), flush=True)
            if w.objectName() == "mainWindow":
                print("HIGHLIGHTS", len(w.session.guide.highlights), flush=True)
                w.session.undo_stack.setClean()
        app.quit()
    QTimer.singleShot(0, ready)
    return _exec()
QApplication.exec = _report
from reading_guide.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_file_on_the_command_line_opens_in_the_window(tmp_path: Path) -> None:
    guide = _make_guide(tmp_path)
    env = _env(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", OPEN_AND_REPORT, str(guide)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "WINDOW mainWindow shot.guide.yaml[*] — Reading Guide" in result.stdout
    assert "HIGHLIGHTS 1" in result.stdout


def test_the_app_reads_its_file_beside_qt_and_the_window_gets_the_result(tmp_path) -> None:
    """Start-up (bench/bench_startup.py): a guide opened before comes from the cache before Qt
    is imported; another is read by a child process while Qt starts (on Linux), and the window
    then takes it from the cache the child filled; an essay is read before Qt. The window gets
    the result, or the file's one-line error, and reads nothing twice. The garbage collector is
    off meanwhile, and on again whatever happens."""
    probe = """
import gc, importlib.abc, importlib.util, os, sys
class FakeApp(importlib.abc.Loader, importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "reading_guide.app":
            return importlib.util.spec_from_loader(name, self)
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        def run(path, read):
            when = "later" if callable(read) else "before"
            got = read() if callable(read) else read
            print(os.path.basename(path), when, type(got).__name__, "yaml" in sys.modules,
                  "gc" if gc.isenabled() else "nogc")
            return 0
        module.run = run
sys.meta_path.insert(0, FakeApp())
from reading_guide.commands import gui_launch
for path in sys.argv[1:]:
    gui_launch.run(path)
print("GC_AFTER", gc.isenabled())
"""
    guide = tmp_path / "fresh.guide.yaml"
    guide.write_bytes((ROOT / "guides" / "sample.guide.yaml").read_bytes())
    broken = tmp_path / "broken.guide.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    essay = ROOT / "resources" / "sample" / "the-slow-reader.md"
    env = _env(QT_QPA_PLATFORM="offscreen", READING_GUIDE_CACHE_DIR=str(tmp_path / "cache"))
    args = [str(guide), str(guide), str(broken), str(essay)]
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                            text=True, cwd=ROOT, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    linux = sys.platform.startswith("linux")
    assert result.stdout.splitlines() == [
        # First opening: read by the child (this process never imports PyYAML) on Linux.
        f"fresh.guide.yaml {'later' if linux else 'before'} OpenedFile {not linux} nogc",
        # Opened before: from the cache, before Qt.
        f"fresh.guide.yaml before OpenedFile {not linux} nogc",
        # A broken guide: the child fails, this process reads it and has the error.
        f"broken.guide.yaml {'later' if linux else 'before'} InputError True nogc",
        "the-slow-reader.md before OpenedFile True nogc",
        "GC_AFTER True",
    ]


def test_the_collector_runs_again_once_the_window_is_up(tmp_path: Path) -> None:
    """`reading-guide` turns the garbage collector off while it starts; the event loop must
    start with it on (a session of hours with it off would keep every cycle it makes)."""
    probe = """
import gc, sys
from PySide6.QtWidgets import QApplication
QApplication.exec = lambda *a: print("LOOP_STARTS_WITH_GC", gc.isenabled()) or 0
from reading_guide.cli import main
sys.exit(main([]))
"""
    env = _env(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["LOOP_STARTS_WITH_GC", "True"]
