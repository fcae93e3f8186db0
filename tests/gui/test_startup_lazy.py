"""Start-up stays light: what the first window does not show is built on first use.

DESIGN.md budgets start-up at under 2x a bare Qt window (bench/bench_startup.py measures it;
no test times it). The budget slipped before as modules crept onto the start-up path one by
one, so this checks the set of modules `reading-guide GUIDE` has loaded when its window is up:
each one named here is made on first use, and must keep working from the first keypress.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bench._common import REPORT_WHEN_READY
from reading_guide.gui.core.guide_locks import GuideLocks
from tests.gui.app_support import make_window

ROOT = Path(__file__).resolve().parents[2]

# Loaded by a later action, never by opening the window on a guide.
LATER = {
    "PySide6.QtNetwork": "the lock's server listens a moment after start-up (guide_locks.py)",
    "logging.handlers": "the log file's handler loads with the first record (logs.py)",
    "html": "tool tips escape without the html package (plain_text.py)",
    "reading_guide.gui.reader.repair_panel": "only an imported essay has a clean-up report",
    "reading_guide.gui.core.tasks": "worker threads start with the first long job",
    "reading_guide.gui.documents.chapter_dialog": "an EPUB's chapter picker",
    "reading_guide.gui.review.review_queue": "the review queue",
    "reading_guide.gui.review.update_dialog": "Update Essay",
    "reading_guide.gui.library.library_dialog": "the Guide Library",
    "reading_guide.gui.library.bank_dialog": "the question bank",
    "reading_guide.gui.export.dialog": "the export dialog",
    "reading_guide.gui.preview.panel": "the preview",
    "reading_guide.gui.plan.session_plan": "the session plan page",
    "reading_guide.gui.core.manual": "Help ▸ User Guide",
    "reading_guide.gui.core.shortcuts": "Help ▸ Keyboard Shortcuts",
    "reading_guide.gui.core.about": "Help ▸ About",
    "reading_guide.gui.core.crash_dialog": "the crash report",
    "reading_guide.export.warm": "the export process starts a second after the window",
    "weasyprint": "only the export process prints",
}

# `reading-guide GUIDE` as a user starts it, stopped at the first event-loop tick (the window is
# up and the guide open): the benchmark's own harness (bench/_common.py), which prints the shown
# windows' titles, here also the modules loaded by then.
CHILD = REPORT_WHEN_READY + textwrap.dedent("""
    def on_ready():
        print("MODULES", *sorted(sys.modules), flush=True)
    from reading_guide.cli import main
    sys.exit(main([sys.argv[1]]))
""")


def test_opening_the_window_on_a_guide_loads_nothing_only_later_actions_need(
    tmp_path: Path, sample_guide_path: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               READING_GUIDE_DATA_DIR=str(tmp_path / "data"),
               READING_GUIDE_STATE_DIR=str(tmp_path / "state"),
               READING_GUIDE_CACHE_DIR=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", CHILD, str(sample_guide_path)], env=env,
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = {line.split(" ", 1)[0]: line.split()[1:] for line in out.stdout.splitlines()}
    assert "MODULES" in lines, out.stderr[-2000:]
    assert any("sample.guide.yaml" in word for word in lines["READY"])  # the guide is open
    loaded = set(lines["MODULES"])
    assert "reading_guide.gui.core.window" in loaded  # the check sees the window's modules
    assert {name: why for name, why in LATER.items() if name in loaded} == {}


def test_the_later_modules_are_real_modules() -> None:
    """A module renamed away would make the check above pass for nothing."""
    import importlib.util

    missing = [name for name in LATER if importlib.util.find_spec(name) is None]
    assert missing == []


def test_shortcuts_of_what_is_built_on_first_use_work_from_the_first_keypress(
    qtbot, tmp_path: Path, sample_guide_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    assert shell.files.open_path(sample_guide_path)
    from reading_guide.gui.core.manual import ManualDialog
    from reading_guide.gui.core.shortcuts import ShortcutsDialog

    qtbot.keyClick(shell, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Session Plan page
    qtbot.waitUntil(lambda: shell.page_widget("plan").isVisible())
    qtbot.keyClick(shell, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, ShortcutsDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    shell.activateWindow()
    qtbot.waitActive(shell)
    qtbot.keyClick(shell, Qt.Key.Key_F1)  # Help ▸ User Guide
    qtbot.waitUntil(lambda: any(isinstance(w, ManualDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (ManualDialog, ShortcutsDialog)):
            widget.close()
    shell.session.undo_stack.setClean()


# A process holding a guide whose server listens late (as at start-up, when it listens once the
# window is up), to show the asker waits for it instead of taking the guide over.
HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from reading_guide.gui.core import guide_locks
    guide_locks.LISTEN_AFTER_MS = 1500
    app = QCoreApplication([])
    locks = guide_locks.GuideLocks(Path(sys.argv[2]))
    claim = locks.claim(Path(sys.argv[1]), app, lambda: print("RAISED", flush=True))
    print("HELD", claim.status, flush=True)
    QTimer.singleShot(8000, app.quit)
    app.exec()
""")


def test_opening_a_guide_whose_holder_is_still_starting_brings_the_holder_forward(
    qapp, tmp_path: Path, sample_guide_path: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(sample_guide_path), str(tmp_path / "locks")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "HELD ok", child.stderr.read()[-2000:]
        # Its server does not listen yet: the answer waits for it, and is "here", not "stale".
        answer = GuideLocks(tmp_path / "locks").claim(sample_guide_path, object(), lambda: None)
        assert (answer.status, answer.pid) == ("here", child.pid)
        assert child.stdout.readline().strip() == "RAISED"
    finally:
        child.kill()
        child.wait(10)
