"""One window per guide, one recovery file per window (issue 18).

Two windows on one guide used to share one recovery file: B's autosave replaced A's, and when A
crashed its work was gone. Now each window autosaves into a folder of its own, and a guide open
in one window (of this process or of another) is brought forward instead of opened twice; a
lock left by a process that is gone is taken over, with a message.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.model.edits import SetField
from reading_guide.storage import load_guide, load_guide_with_stamp, save_guide
from reading_guide.storage.recovery import load_recovery, write_recovery
from tests.gui.app_support import quiet_window as make_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def guide_path(tmp_path: Path, sample_guide_path: Path) -> Path:
    path = tmp_path / "shared.guide.yaml"
    shutil.copy(sample_guide_path, path)
    return path


def _dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


def test_two_windows_on_one_guide_autosave_to_two_files(
    qtbot, tmp_path: Path, guide_path: Path
) -> None:
    from reading_guide.render import parse

    first, second = make_window(qtbot, tmp_path), make_window(qtbot, tmp_path)
    for window, title in ((first, "A's work"), (second, "B's work")):
        guide, stamp = load_guide_with_stamp(guide_path)  # both on the same file, unlocked
        window.shell.session.load(guide, parse(guide.essay.text), guide_path.resolve(), stamp)
        window.shell.session.push(SetField("guide", None, "title", title))
    a, b = first.recovery.controller.autosave(), second.recovery.controller.autosave()
    assert a is not None and b is not None and a != b
    assert load_recovery(a)[1].title == "A's work" and load_recovery(b)[1].title == "B's work"
    first.shell.session.undo_stack.undo()  # A back to its saved state: only A's file goes
    assert not a.exists() and b.exists()


def test_a_guide_open_in_one_window_comes_forward_instead_of_opening_twice(
    qtbot, tmp_path: Path, guide_path: Path
) -> None:
    locks = GuideLocks(tmp_path / "locks")
    first = make_window(qtbot, tmp_path, locks=locks)
    raised: list[str] = []
    first.shell.files.bring_forward = lambda: raised.append("first")
    assert first.shell.files.open_path(guide_path)
    second = make_window(qtbot, tmp_path, locks=locks)
    with qtbot.waitSignal(second.shell.files.handedOver):
        assert not second.shell.files.open_path(guide_path)
    assert raised == ["first"] and not second.shell.session.is_open
    assert "open in another window" in second.shell.statusBar().currentMessage()
    # Save As over the file the first window has open is refused too: it would lose its work.
    other = tmp_path / "other.guide.yaml"
    save_guide(load_guide(guide_path), other)
    assert second.shell.files.open_path(other)
    second.shell.prompts.save_path = lambda _s: str(guide_path)
    assert not second.shell.files.save_as() and raised == ["first", "first"]
    assert load_guide(guide_path).title == load_guide(other).title
    # Reopening in the window that has it is not refused; once closed there, it opens here.
    assert first.shell.files.open_path(guide_path)
    assert first.shell.files.close_guide()
    assert second.shell.files.open_path(guide_path)


def test_a_lock_left_by_a_crashed_process_is_taken_over_with_a_message(
    qtbot, tmp_path: Path, guide_path: Path
) -> None:
    locks = GuideLocks(tmp_path / "locks")
    pid = _dead_pid()
    lock = tmp_path / "locks" / f"{GuideLocks.key(guide_path.resolve())}.lock"
    lock.parent.mkdir()
    lock.write_text(json.dumps({"pid": pid, "server": "reading-guide-gone-1", "path": "x"}))
    # The crashed window had autosaved unsaved work on this guide.
    guide = load_guide(guide_path)
    guide.title = "Work the crash left"
    left = write_recovery(tmp_path / "data" / "recovery" / "window-dead", guide,
                          guide_path.resolve(), None, "dead")
    head, body = left.read_text(encoding="utf-8").split("\n", 1)
    left.write_text(head.replace(f'"pid": {os.getpid()}', f'"pid": {pid}') + "\n" + body,
                    encoding="utf-8")
    window = make_window(qtbot, tmp_path, locks=locks)
    offered = []
    window.recovery.controller.ask_restore = lambda info: offered.append(info) or "restore"
    assert window.shell.files.open_path(guide_path)
    qtbot.waitUntil(lambda: window.shell.prompts.notices != [] and offered != [])
    (title, message), = window.shell.prompts.notices
    assert "no longer running" in message and str(pid) in message
    assert len(offered) == 1 and window.shell.session.guide.title == "Work the crash left"
    assert json.loads(lock.read_text())["pid"] == os.getpid()
    window.shell.close()
    assert not lock.exists()  # let go when the window closes


CHILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reading_guide.gui.refcount_guard import protect_singletons
    protect_singletons()
    from PySide6.QtCore import QSettings
    from reading_guide.app import build_window, create_application
    from reading_guide.gui.core.guide_locks import GuideLocks
    from reading_guide.gui.core.settings import Settings

    guide, locks_folder, ini = sys.argv[1:4]
    app = create_application(["child"])
    locks = GuideLocks(Path(locks_folder))
    window = build_window(Settings(QSettings(ini, QSettings.Format.IniFormat)), locks=locks,
                          data_dir=Path(locks_folder).parent / "child-data")
    window.shell.files.bring_forward = lambda: print("RAISED", flush=True)
    assert window.shell.files.open_path(guide)
    print("READY", flush=True)
    app.exec()
""")


def test_another_process_holding_the_guide_brings_its_window_forward(
    qtbot, tmp_path: Path, guide_path: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(guide_path), str(tmp_path / "locks"),
         str(tmp_path / "child.ini")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY", child.stderr.read()[-2000:]
        window = make_window(qtbot, tmp_path, locks=GuideLocks(tmp_path / "locks"))
        assert not window.shell.files.claim(guide_path)  # what `reading-guide GUIDE` checks first
        assert not window.shell.files.open_path(guide_path)
        assert child.stdout.readline().strip() == "RAISED"
        assert window.shell.prompts.errors == [] and not window.shell.session.is_open
    finally:
        child.kill()
        child.wait(10)
    # The child is gone (killed): its lock is stale now, and the guide opens here.
    assert window.shell.files.open_path(guide_path)
    qtbot.waitUntil(lambda: window.shell.prompts.notices != [])
    assert "no longer running" in window.shell.prompts.notices[0][1]


def _line(child: subprocess.Popen, seconds: float) -> str:
    """The child's next line of output, or "" when none comes in time (it hangs or ends)."""
    import select

    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], seconds)
    return child.stdout.readline().strip() if ready else ""


RUN_CHILD = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from reading_guide import app as composition
    from reading_guide.model.edits import SetField

    def edit_then_report():
        shell = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
        shell.session.push(SetField("guide", None, "title", "Typed before the logout"))
        print("EDITED", flush=True)

    composition.create_application(["child"])
    QTimer.singleShot(500, edit_then_report)
    sys.exit(composition.run(sys.argv[1]))
""")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM from outside")
def test_sigterm_keeps_the_work_and_lets_the_guide_go(tmp_path: Path, guide_path: Path) -> None:
    import signal

    from reading_guide.storage.recovery import list_recoveries

    env = dict(os.environ, PYTHONPATH=str(ROOT), READING_GUIDE_DATA_DIR=str(tmp_path / "data"),
               READING_GUIDE_STATE_DIR=str(tmp_path / "state"), HOME=str(tmp_path / "home"))
    child = subprocess.Popen([sys.executable, "-c", RUN_CHILD, str(guide_path)], env=env,
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _line(child, 60) == "EDITED", child.stderr.read()[-2000:] if child.stderr else ""
        locks = list((tmp_path / "state" / "open-guides").glob("*.lock"))
        assert len(locks) == 1
        child.send_signal(signal.SIGTERM)
        assert child.wait(30) == 0
    finally:
        child.kill()
    assert not locks[0].exists()  # let go: the next start does not report a crash
    found = [info for folder in (tmp_path / "data" / "recovery").iterdir()
             for info in list_recoveries(folder)[0]]
    assert [info.title for info in found] == ["Typed before the logout"]
