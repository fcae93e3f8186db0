"""WarmExporter: one long-lived worker reused for every job, and a fresh one after each failure.

What the app's preview and export dialog rely on: a second job runs in the same process (no new
start-up), jobs queue in order, a cancelled or stopped job leaves no file, and a worker that hit
the time limit, the memory cap or crashed is replaced so the next job prints.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import reading_guide.export.worker as worker
from reading_guide.export import ExportOptions, WarmExporter
from reading_guide.export.warm import FIRST_JOB_BYTES, WarmJob
from reading_guide.model import Guide
from reading_guide.processes import process_alive
from reading_guide.storage import dumps_guide
from tests.export.conftest import pdf_text
from tests.export.guides import fixture_guide, long_guide
from tests.reliability import runaway

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ExportOptions("questions")


@pytest.fixture
def exporter() -> Iterator[WarmExporter]:
    ex = WarmExporter(time_limit=60.0, warm=False)
    yield ex
    ex.close()


def _until_progress(job: WarmJob, at_least: float = 0.2) -> None:
    """Poll until the running job has reported `at_least` of its progress."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        events = job.poll()
        assert not any(e.final for e in events), events[-1]
        if any(e.kind == "progress" and e.fraction >= at_least for e in events):
            return
        time.sleep(0.05)
    raise AssertionError("the job never reached its layout")


def _marked(marker: str) -> Guide:
    """The fixture guide with a `runaway` marker in a question (printed in every edition)."""
    guide = fixture_guide()
    guide.questions[0].text = marker
    return guide


def test_jobs_share_one_worker_and_print_in_order(exporter: WarmExporter, tmp_path: Path):
    first = exporter.submit(fixture_guide(), tmp_path / "one.pdf", ExportOptions("participant"))
    second = exporter.submit(dumps_guide(fixture_guide()), tmp_path / "two.pdf", QUESTIONS)
    assert second.state == "queued"  # one at a time: the second waits for the worker
    pid = exporter.worker_pid
    one = first.wait(timeout=120)
    assert one[-1].kind == "done" and one[-1].pages == len(PdfReader(tmp_path / "one.pdf").pages)
    progress = [e.fraction for e in one if e.kind == "progress"]
    assert progress and progress == sorted(progress)
    assert second.wait(timeout=120)[-1].kind == "done"
    third = exporter.submit(fixture_guide(), tmp_path / "three.pdf", QUESTIONS)
    assert third.state == "running"  # an idle warm worker takes a job at once
    assert third.wait(timeout=120)[-1].kind == "done"
    assert exporter.worker_pid == pid and exporter.workers_started == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.pdf", "three.pdf", "two.pdf"]


def test_a_big_first_job_waits_for_the_worker_instead_of_travelling_with_it(tmp_path: Path):
    """Sent along with a starting worker, a big guide would hold `submit` until the new
    interpreter had done its first imports; it is sent once the worker is ready instead."""
    exporter = WarmExporter(warm=False)
    try:
        job = exporter.submit(long_guide(paragraphs=150, questions=30), tmp_path / "big.pdf",
                              QUESTIONS)
        assert len(job._message) > FIRST_JOB_BYTES
        assert job.state == "queued" and exporter.workers_started == 1
        assert job.wait(timeout=120)[-1].kind == "done"
        assert exporter.workers_started == 1
    finally:
        exporter.close()


def test_a_job_prints_the_guide_as_it_was_when_submitted(exporter: WarmExporter,
                                                          tmp_path: Path):
    guide = fixture_guide()
    guide.questions[0].text = "Asked when submitted?"
    job = exporter.submit(guide, tmp_path / "later.pdf", QUESTIONS)
    guide.questions[0].text = "Edited afterwards?"  # the app goes on editing
    assert job.wait(timeout=120)[-1].kind == "done"
    text = " ".join(pdf_text(tmp_path / "later.pdf"))
    assert "Asked when submitted?" in text and "Edited afterwards" not in text


def test_start_warms_a_worker_ahead_of_the_first_job(tmp_path: Path):
    exporter = WarmExporter(time_limit=60.0)  # with its one-page warm-up render
    try:
        assert exporter.wait_ready(120) and exporter.ready and not exporter.start_failure
        if sys.platform.startswith("linux"):
            assert "RLIMIT_AS" in exporter.memory_cap
        job = exporter.submit(fixture_guide(), tmp_path / "x.pdf", QUESTIONS)
        assert job.state == "running"
        assert job.wait(timeout=120)[-1].kind == "done"
        assert exporter.workers_started == 1
    finally:
        exporter.close()
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]  # the warm-up wrote elsewhere


def test_cancel_stops_a_running_job_and_keeps_the_worker(exporter: WarmExporter,
                                                           tmp_path: Path):
    job = exporter.submit(long_guide(paragraphs=150, questions=30), tmp_path / "c.pdf",
                          ExportOptions("participant"))
    _until_progress(job)
    pid = exporter.worker_pid
    job.cancel()
    assert job.wait(timeout=30)[-1].kind == "cancelled"
    assert list(tmp_path.iterdir()) == []
    after = exporter.submit(fixture_guide(), tmp_path / "after.pdf", QUESTIONS)
    assert after.wait(timeout=120)[-1].kind == "done"
    assert exporter.worker_pid == pid  # a cancel at a progress step needs no new worker


def test_cancel_of_a_queued_job_is_immediate_and_it_never_runs(exporter: WarmExporter,
                                                                tmp_path: Path):
    running = exporter.submit(fixture_guide(), tmp_path / "first.pdf", QUESTIONS)
    queued = exporter.submit(fixture_guide(), tmp_path / "never.pdf", QUESTIONS)
    queued.cancel()
    assert [e.kind for e in queued.poll()] == ["cancelled"] and not queued.running
    assert running.wait(timeout=120)[-1].kind == "done"
    exporter.poll()
    assert [p.name for p in tmp_path.iterdir()] == ["first.pdf"]


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[WarmExporter]:
    """An exporter whose workers misbehave on the handouts marked in `runaway`."""
    monkeypatch.setattr(worker, "warm_main", runaway.marked_worker)
    ex = WarmExporter(time_limit=60.0, memory_mb=700, warm=False)
    yield ex
    ex.close()


def test_after_the_time_limit_the_next_job_runs_on_a_fresh_worker(marked: WarmExporter,
                                                                    tmp_path: Path):
    out = tmp_path / "loop.pdf"
    stuck = marked.submit(_marked(runaway.LOOP), out, QUESTIONS, time_limit=2.0)
    following = marked.submit(fixture_guide(), tmp_path / "next.pdf", QUESTIONS)
    first_pid = marked.worker_pid
    last = stuck.wait(timeout=60)[-1]
    assert last.kind == "error" and last.reason == "time-limit"
    assert last.message == f"{out}: export took longer than 2 s and was stopped"
    assert not process_alive(first_pid)
    assert following.wait(timeout=120)[-1].kind == "done"
    assert marked.worker_pid != first_pid and marked.workers_started == 2
    assert [p.name for p in tmp_path.iterdir()] == ["next.pdf"]


def test_a_job_stuck_in_one_step_is_cancelled_by_killing_its_worker(marked: WarmExporter,
                                                                     tmp_path: Path):
    stuck = marked.submit(_marked(runaway.LOOP), tmp_path / "stuck.pdf", QUESTIONS)
    time.sleep(1.0)  # let it reach the renderer
    assert not any(e.final for e in stuck.poll())
    pid = marked.worker_pid
    stuck.cancel()
    assert stuck.wait(timeout=30)[-1].kind == "cancelled"
    assert not process_alive(pid) and list(tmp_path.iterdir()) == []


def test_the_memory_cap_ends_the_job_and_the_worker(marked: WarmExporter, tmp_path: Path):
    out = tmp_path / "hog.pdf"
    hog = marked.submit(_marked(runaway.ALLOCATE), out, QUESTIONS)
    last = hog.wait(timeout=120)[-1]
    assert last.kind == "error" and last.reason == "memory" and "\n" not in last.message
    assert last.message == f"{out}: export ran out of memory (700 MB)"
    again = marked.submit(fixture_guide(), tmp_path / "again.pdf", QUESTIONS)
    assert again.wait(timeout=120)[-1].kind == "done"
    assert marked.workers_started == 2  # a worker that ran out of memory retires
    assert [p.name for p in tmp_path.iterdir()] == ["again.pdf"]


def test_the_macos_watchdog_ends_a_worker_past_the_cap(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path):
    """macOS does not enforce RLIMIT_AS; its watchdog is portable, so it is tested here."""
    if not os.path.exists("/proc/self/statm") and sys.platform != "darwin":
        pytest.skip("needs a resident-size reading (/proc or macOS)")
    monkeypatch.setattr(worker, "warm_main", runaway.allocating_worker)
    exporter = WarmExporter(time_limit=60.0, memory_mb=600, memory_method="watchdog",
                            warm=False)
    try:
        out = tmp_path / "hog.pdf"
        last = exporter.submit(fixture_guide(), out, QUESTIONS).wait(timeout=120)[-1]
    finally:
        exporter.close()
    assert last.kind == "error" and last.reason == "memory"
    assert last.message == f"{out}: export ran out of memory (600 MB)"
    assert list(tmp_path.iterdir()) == []


def test_a_worker_that_aborts_in_c_code_is_reported_in_one_line(marked: WarmExporter,
                                                                tmp_path: Path):
    out = tmp_path / "abort.pdf"
    last = marked.submit(_marked(runaway.ABORT), out, QUESTIONS).wait(timeout=120)[-1]
    assert last.kind == "error" and last.reason == "crashed" and "\n" not in last.message
    assert last.message == (f"{out}: export ran out of memory (700 MB) or crashed (exit code "
                            f"{-signal.SIGABRT}: GLib-ERROR **: out of memory in a test)")
    assert list(tmp_path.iterdir()) == []


def test_a_worker_killed_from_outside_leaves_no_partial_file(exporter: WarmExporter,
                                                             tmp_path: Path):
    job = exporter.submit(long_guide(paragraphs=150, questions=30), tmp_path / "k.pdf",
                          ExportOptions("participant"))
    _until_progress(job)
    assert [p.name for p in tmp_path.iterdir()]  # the worker is writing its partial file
    pid = exporter.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    last = job.wait(timeout=30)[-1]
    assert last.kind == "error" and last.reason == "crashed"
    assert f"exit code {-signal.SIGKILL}" in last.message
    assert list(tmp_path.iterdir()) == []
    assert exporter.submit(fixture_guide(), tmp_path / "n.pdf", QUESTIONS).wait(
        timeout=120)[-1].kind == "done"


def test_a_worker_that_cannot_start_fails_the_job_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path):
    monkeypatch.setattr(worker, "warm_main", runaway.broken_worker)
    exporter = WarmExporter(warm=False)
    try:
        out = tmp_path / "x.pdf"
        job = exporter.submit(fixture_guide(), out, QUESTIONS)
        queued = exporter.submit(fixture_guide(), tmp_path / "y.pdf", QUESTIONS)
        last = job.wait(timeout=60)[-1]
        assert last.kind == "error" and last.reason == "start"
        assert last.message == (f"{out}: the PDF printer cannot start: OSError: cannot load "
                                "library 'pango'")
        assert queued.wait(timeout=10)[-1].reason == "start"
        assert exporter.start_failure == last.message.split(": ", 1)[1]
        assert not exporter.wait_ready(60)  # a script waiting for it is not left hanging
    finally:
        exporter.close()


def test_an_idle_worker_exits_and_the_next_job_starts_another(tmp_path: Path):
    exporter = WarmExporter(idle_timeout=0.5, warm=False)
    try:
        assert exporter.submit(fixture_guide(), tmp_path / "a.pdf", QUESTIONS).wait(
            timeout=120)[-1].kind == "done"
        pid = exporter.worker_pid
        deadline = time.monotonic() + 30
        while exporter.worker_pid is not None and time.monotonic() < deadline:
            exporter.poll()
            time.sleep(0.1)
        assert exporter.worker_pid is None and not process_alive(pid)
        assert exporter.submit(fixture_guide(), tmp_path / "b.pdf", QUESTIONS).wait(
            timeout=120)[-1].kind == "done"
        assert exporter.workers_started == 2
    finally:
        exporter.close()


def test_close_stops_a_busy_worker_and_cancels_the_queue(tmp_path: Path):
    exporter = WarmExporter(warm=False)
    busy = exporter.submit(long_guide(paragraphs=150, questions=30), tmp_path / "b.pdf",
                           ExportOptions("participant"))
    queued = exporter.submit(fixture_guide(), tmp_path / "q.pdf", QUESTIONS)
    _until_progress(busy, 0.1)
    pid = exporter.worker_pid
    exporter.close()
    assert [e.kind for e in queued.poll()] == ["cancelled"]
    assert busy.poll()[-1].kind == "cancelled"
    assert not process_alive(pid) and list(tmp_path.iterdir()) == []


PARENT_DIES = """
import os, sys, time
sys.path.insert(0, os.getcwd())
from reading_guide.export import ExportOptions, WarmExporter
from tests.export.guides import long_guide

if __name__ == "__main__":
    exporter = WarmExporter(warm=False)
    job = exporter.submit(long_guide(paragraphs=150, questions=30), sys.argv[1],
                          ExportOptions("participant"))
    while not any(e.kind == "progress" and e.fraction >= 0.2 for e in job.poll()):
        time.sleep(0.05)
    print(exporter.worker_pid, flush=True)
    os._exit(9)  # as if killed: no clean-up at all
"""


@pytest.mark.skipif(sys.platform == "win32", reason="reads the worker's pid from a POSIX pipe")
def test_a_worker_whose_parent_dies_stops_and_removes_its_file(tmp_path: Path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT_DIES, encoding="utf-8")
    out = tmp_path / "out" / "orphan.pdf"
    out.parent.mkdir()
    done = subprocess.run([sys.executable, str(script), str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 9, done.stderr[-2000:]
    pid = int(done.stdout.split()[-1])
    deadline = time.monotonic() + 30
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not process_alive(pid)
    assert list(out.parent.iterdir()) == []
