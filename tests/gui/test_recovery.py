"""Never lose work: autosave, restore after a real SIGKILL, corrupt recovery, changed on disk."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reading_guide.model.edits import SetField
from reading_guide.storage import load_guide, save_guide
from reading_guide.storage.recovery import list_recoveries, write_recovery
from tests.gui.app_support import quiet_window as make_window

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reading_guide.gui.refcount_guard import protect_singletons
    protect_singletons()
    from PySide6.QtCore import QSettings, QTimer
    from reading_guide.app import build_window, create_application
    from reading_guide.gui.core.settings import Settings
    from reading_guide.model.edits import SetField

    guide, data, ini = sys.argv[1:4]
    app = create_application(["child"])
    window = build_window(Settings(QSettings(ini, QSettings.Format.IniFormat)),
                          data_dir=Path(data), autosave_ms=200)
    window.shell.show()
    assert window.shell.files.open_path(guide)
    window.shell.session.push(SetField("guide", None, "title", "Changed just before the crash"))
    window.shell.session.push(SetField("question", "q1", "minutes", 7))

    def look():
        if window.recovery.controller.recovery_path is not None:
            print("AUTOSAVED", flush=True)  # then keep running until killed
    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    app.exec()
""")


def _wait_for_line(proc: subprocess.Popen, word: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if word in line:
            return
        if not line and proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"child ended before {word}: {err[-2000:]}")
    pytest.fail(f"child never printed {word}")


def test_kill_then_restore_gives_the_change_back(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    guide_path = tmp_path / "session.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    original_bytes = guide_path.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(guide_path), str(tmp_path / "data"),
         str(tmp_path / "child.ini")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    try:
        _wait_for_line(proc, "AUTOSAVED")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert guide_path.read_bytes() == original_bytes  # the change was never saved

    window = make_window(qtbot, tmp_path)
    recovery = window.recovery.controller
    offered = []
    recovery.ask_restore = lambda info: offered.append(info) or "restore"
    assert recovery.offer_restore()
    assert len(offered) == 1 and offered[0].original == guide_path.resolve()
    session = window.shell.session
    assert session.guide.title == "Changed just before the crash"
    assert session.guide.questions[0].minutes == 7
    assert session.path == guide_path.resolve() and session.is_modified
    assert window.shell.isWindowModified()
    # Saving writes the restored work to the original file and clears the recovery file.
    assert window.shell.files.save()
    assert load_guide(guide_path).title == "Changed just before the crash"
    assert list_recoveries(tmp_path / "data" / "recovery", include_live=True) == ([], [])


def test_autosave_comes_at_most_the_delay_after_a_change_and_goes_on_save(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    guide_path = tmp_path / "g.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path, autosave_ms=300)
    recovery = window.recovery.controller
    assert window.shell.files.open_path(guide_path)
    window.shell.session.push(SetField("guide", None, "title", "One"))
    assert recovery.timer.isActive()
    remaining = recovery.timer.remainingTime()
    window.shell.session.push(SetField("guide", None, "title", "Two"))
    # Later changes do not postpone the autosave (max-latency rule).
    assert recovery.timer.remainingTime() <= remaining
    qtbot.waitUntil(lambda: recovery.recovery_path is not None, timeout=5000)
    path = recovery.recovery_path
    assert path is not None and path.is_file()
    window.shell.session.undo_stack.undo()
    window.shell.session.undo_stack.undo()  # back to the saved state: nothing to recover
    assert not path.exists() and not recovery.timer.isActive()
    window.shell.session.push(SetField("guide", None, "title", "Three"))
    assert recovery.autosave() == path and path.exists()
    assert window.shell.files.save()
    assert not path.exists()


def test_a_corrupt_recovery_file_is_set_aside_with_a_message(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    folder = tmp_path / "data" / "recovery"
    path = write_recovery(folder, load_guide(sample_guide_path), None, None, "old")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    head, body = path.read_text(encoding="utf-8").split("\n", 1)
    head = head.replace(f'"pid": {os.getpid()}', f'"pid": {dead.pid}')
    path.write_text(head + "\n" + body[: len(body) // 3], encoding="utf-8")  # cut short
    window = make_window(qtbot, tmp_path)
    window.recovery.controller.ask_restore = lambda info: "restore"
    assert not window.recovery.controller.offer_restore()
    assert not window.shell.session.is_open  # nothing half-loaded
    (title, message), = window.shell.prompts.errors
    assert "damaged" in message and "\n" not in message
    assert not path.exists() and len(list(folder.glob("*.corrupt"))) == 1


def test_changed_on_disk_user_chooses_reload_or_keep(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    guide_path = tmp_path / "g.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    recovery = window.recovery.controller
    assert window.shell.files.open_path(guide_path)
    asked: list[bool] = []
    recovery.ask_reload = lambda path, modified: asked.append(modified) or False
    window.shell.session.push(SetField("guide", None, "title", "Mine"))
    other = load_guide(guide_path)
    other.title = "Theirs"
    save_guide(other, guide_path)  # another program saves (atomic replace)
    qtbot.waitUntil(lambda: asked == [True], timeout=5000)
    assert window.shell.session.guide.title == "Mine"  # kept
    # Keeping does not make a later save overwrite their version silently.
    assert not window.shell.files.save()
    assert load_guide(guide_path).title == "Theirs"
    # A second outside change asks again; this time reload.
    recovery.ask_reload = lambda path, modified: asked.append(modified) or True
    other.title = "Theirs again"
    save_guide(other, guide_path)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)
    session = window.shell.session
    assert session.guide.title == "Theirs again" and not session.is_modified
    # Our own save is not mistaken for an outside change.
    window.shell.session.push(SetField("guide", None, "title", "Ours"))
    assert window.shell.files.save()
    qtbot.wait(600)
    assert len(asked) == 2


def test_closing_the_window_cleanly_removes_the_recovery_file(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    guide_path = tmp_path / "g.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    window.shell.show()
    assert window.shell.files.open_path(guide_path)
    window.shell.session.push(SetField("guide", None, "title", "Unsaved"))
    path = window.recovery.controller.autosave()
    assert path is not None and path.exists()
    window.shell.prompts.save_answer = "cancel"  # the user cancels closing: the file stays
    window.shell.close()
    qtbot.wait(50)
    assert window.shell.isVisible() and path.exists()
    window.shell.prompts.save_answer = "discard"  # the user chose to drop the work
    window.shell.close()
    qtbot.waitUntil(lambda: not path.exists(), timeout=3000)
