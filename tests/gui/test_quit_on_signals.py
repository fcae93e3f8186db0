"""SIGTERM and SIGHUP stop the app cleanly at any moment of its life (gui/core/shutdown.py).

A signal that arrived while the window was being built, before Qt's event loop ran, used to close
the window and ask Qt to quit; Qt ignores a quit asked before its loop runs, so the process lived
on with no window, holding its terminal and its guide's lock until someone killed it by hand.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import os, signal, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    from reading_guide.gui.core.shutdown import quit_safely_on_signals

    app = QApplication([])
    window = QMainWindow()
    window.show()
    quit_safely_on_signals(app, window.close)
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))  # Python runs the handler right here
    QTimer.singleShot(15000, lambda: app.exit(3))  # still running: the signal was lost
    sys.exit(app.exec())
""")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no SIGTERM or SIGHUP from outside")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_before_the_event_loop_runs_still_quits(name: str) -> None:
    child = subprocess.run([sys.executable, "-c", CHILD, name], cwd=ROOT, capture_output=True,
                           text=True, timeout=60)
    assert child.returncode == 0, (child.returncode, child.stderr[-2000:])


def test_a_worker_left_at_exit_is_ended_not_waited_for() -> None:
    """Python's exit waits, without a limit, for every multiprocessing child still running. An
    export worker the window could not stop (a stop signal that landed while it was being
    started, so the window never knew of it) would keep the app alive, windowless, for as long
    as the worker stays busy: at exit every child left is ended."""
    import multiprocessing
    import time

    from reading_guide.gui.core.shutdown import end_child_processes

    worker = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(300,),
                                                          daemon=True)
    worker.start()
    assert worker.is_alive()
    end_child_processes()
    assert not worker.is_alive() and worker.exitcode is not None
