"""`reading-guide export` under limits (issue 18): a time limit and a memory cap like the app's,
progress on a terminal only, and no file left behind by any signal.

Before: the command exported in its own process with no bound (the "question bomb", a 0.89 MB
guide of 20,000 questions with 40 answer lines each, passed 4 GB after 228 s), and SIGTERM or
SIGHUP left a hidden `.OUT.PID.xxxx.part` half-PDF beside the output.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reading_guide.cli import main
from reading_guide.storage import dumps_guide
from tests.export.guides import long_guide
from tests.reliability.ended import wait_ended
from tests.reliability.question_bomb import write_question_bomb

ROOT = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture(scope="module")
def long_guide_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A guide whose participant handout (59 pages) takes several seconds to print."""
    path = tmp_path_factory.mktemp("guides") / "long.guide.yaml"
    path.write_text(dumps_guide(long_guide(paragraphs=300, questions=60)), encoding="utf-8")
    return path


def _one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err[-2000:]
    return lines[0]


def test_a_question_bomb_stops_at_the_time_limit_in_one_line(tmp_path: Path, capsys):
    guide = write_question_bomb(tmp_path / "bomb.guide.yaml", questions=2000)
    out = tmp_path / "out" / "bomb.pdf"
    out.parent.mkdir()
    assert main(["export", str(guide), "-o", str(out), "--time-limit", "1"]) == 1
    assert _one_line(capsys.readouterr().err) == (
        f"reading-guide: {out}: export took longer than 1 s and was stopped "
        "(raise the limit with --time-limit SECONDS; 0 for none)")
    assert list(out.parent.iterdir()) == []


def test_the_memory_cap_option_reaches_the_worker(long_guide_file: Path, tmp_path: Path,
                                                  capsys):
    out = tmp_path / "small.pdf"
    assert main(["export", str(long_guide_file), "-o", str(out), "--memory-limit", "100"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"reading-guide: {out}: export ran out of memory (100 MB)")
    assert line.endswith("(raise the cap with --memory-limit MB; 0 for none)")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [
    ["--time-limit", "-1"], ["--time-limit", "soon"], ["--time-limit", "nan"],
    ["--memory-limit", "15"], ["--memory-limit", "1.5"], ["--memory-limit", "-5"],
    ["--memory-limit", "²"],
])
def test_bad_limits_are_wrong_usage(tmp_path: Path, argv: list[str], capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", "g.guide.yaml", "-o", str(tmp_path / "x.pdf"), *argv])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def _export(guide: Path, out: Path, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-m", "reading_guide", "export", str(guide), "-o", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _partial_file(folder: Path, proc: subprocess.Popen[str]) -> Path:
    """Wait until the worker is writing its hidden `.OUT.PID.xxxx.part` file."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        parts = [p for p in folder.iterdir() if p.name.endswith(".part")]
        if parts:
            return parts[0]
        assert proc.poll() is None, proc.communicate()[1][-2000:]
        time.sleep(0.05)
    raise AssertionError("the export never started writing")


SIGNALS = [("SIGTERM", False), ("SIGHUP", False), ("SIGINT", False),
           ("SIGINT", True), ("SIGTERM", True)]


@POSIX
@pytest.mark.parametrize(("name", "group"), SIGNALS,
                         ids=[f"{n}-{'group' if g else 'command'}" for n, g in SIGNALS])
def test_a_signal_leaves_no_partial_file(long_guide_file: Path, tmp_path: Path, name: str,
                                         group: bool):
    """To the command alone (`kill PID`), or to its whole process group, as Ctrl-C in a
    terminal and a closing terminal do (the worker then gets the signal too)."""
    number = getattr(signal, name)
    out = tmp_path / "handout.pdf"
    proc = _export(long_guide_file, out, start_new_session=True)
    part = _partial_file(tmp_path, proc)
    worker = int(part.name.split(".")[-3])
    if group:
        os.killpg(proc.pid, number)
    else:
        proc.send_signal(number)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + number
    what = "interrupted" if name == "SIGINT" else f"stopped by {name}"
    assert _one_line(err) == f"reading-guide: {out}: export {what}; nothing written"
    assert list(tmp_path.iterdir()) == []
    assert wait_ended(worker, 5)


@POSIX
def test_a_command_killed_outright_leaves_no_partial_file(long_guide_file: Path,
                                                          tmp_path: Path):
    """SIGKILL cannot be caught: the worker sees its parent gone, stops and removes its file."""
    out = tmp_path / "handout.pdf"
    proc = _export(long_guide_file, out)
    part = _partial_file(tmp_path, proc)
    worker = int(part.name.split(".")[-3])
    proc.kill()
    proc.communicate(timeout=60)
    assert wait_ended(worker)
    assert list(tmp_path.iterdir()) == []


@POSIX
def test_progress_is_drawn_on_a_terminal(tmp_path: Path):
    import pty

    guide = tmp_path / "g.guide.yaml"
    guide.write_text(dumps_guide(long_guide(paragraphs=40, questions=10)), encoding="utf-8")
    out = tmp_path / "out.pdf"
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reading_guide", "export", str(guide), "-o", str(out)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert proc.wait(timeout=60) == 0
    text = seen.decode()
    assert "\rlaying out… " in text and "%\x1b[K" in text
    last = text.replace("\r\n", "\n").rsplit("\r\x1b[K", 1)[-1]
    assert last.startswith(f"{out}: participant handout, ") and last.endswith(" s\n")
