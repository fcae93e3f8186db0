"""ExportJob: the export in a child process, as the GUI polls it from its event loop."""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader

from reading_guide.export import ExportJob, ExportOptions
from reading_guide.storage import dumps_guide
from tests.export.guides import fixture_guide, long_guide


def test_job_reports_progress_then_done(tmp_path: Path):
    out = tmp_path / "job.pdf"
    job = ExportJob(fixture_guide(), out, ExportOptions("participant"))
    job.start()
    events = job.wait(timeout=120)
    assert events[-1].kind == "done", events[-1]
    progress = [e.fraction for e in events if e.kind == "progress"]
    assert progress and progress == sorted(progress) and all(0 <= f <= 1 for f in progress)
    assert {e.label for e in events if e.kind == "progress"} & {"laying out", "writing PDF"}
    assert events[-1].pages == len(PdfReader(out).pages)
    assert not job.running and job.poll() == []


def test_job_accepts_guide_yaml_text_and_reports_bad_yaml_in_one_line(tmp_path: Path):
    out = tmp_path / "yaml.pdf"
    job = ExportJob(dumps_guide(fixture_guide()), out, ExportOptions("questions"))
    job.start()
    assert job.wait(timeout=120)[-1].kind == "done"
    bad = ExportJob("format: reading-guide/1\nbogus: [\n", tmp_path / "bad.pdf",
                    ExportOptions("questions"))
    bad.start()
    last = bad.wait(timeout=120)[-1]
    assert last.kind == "error" and "\n" not in last.message
    assert not (tmp_path / "bad.pdf").exists()


def test_cancel_leaves_no_file(tmp_path: Path):
    out = tmp_path / "cancelled.pdf"
    job = ExportJob(long_guide(paragraphs=300, questions=60), out, ExportOptions("participant"))
    job.start()
    seen = []
    while not seen or seen[-1].kind != "progress" or seen[-1].fraction < 0.2:
        seen += job.wait(timeout=0.2)
        assert not any(e.final for e in seen), seen[-1]
    job.cancel()
    events = job.wait(timeout=30)
    assert events[-1].kind == "cancelled"
    assert list(tmp_path.iterdir()) == []


def test_time_limit_stops_the_job_with_a_clear_message(tmp_path: Path):
    out = tmp_path / "slow.pdf"
    job = ExportJob(long_guide(paragraphs=300, questions=60), out, ExportOptions("participant"),
                    time_limit=1.0)
    job.start()
    last = job.wait(timeout=30)[-1]
    assert last.kind == "error" and "longer than 1 s" in last.message and str(out) in last.message
    assert list(tmp_path.iterdir()) == []


def test_memory_cap_gives_a_clear_error(tmp_path: Path):
    out = tmp_path / "big.pdf"
    job = ExportJob(long_guide(paragraphs=300, questions=60), out, ExportOptions("participant"),
                    memory_mb=1)  # below what the child already uses: any allocation fails
    job.start()
    last = job.wait(timeout=60)[-1]
    assert last.kind == "error"
    assert "memory" in last.message and "\n" not in last.message
    assert list(tmp_path.iterdir()) == []


def test_the_partial_file_of_another_export_to_the_same_output_is_left_alone(tmp_path: Path):
    out = tmp_path / "same.pdf"
    other = tmp_path / f".same.pdf.{os.getpid()}.abcd.part"  # this process is alive
    other.write_bytes(b"%PDF-1.7 half")
    job = ExportJob(long_guide(paragraphs=300, questions=60), out, ExportOptions("participant"),
                    time_limit=1.0)
    job.start()
    assert job.wait(timeout=30)[-1].kind == "error"
    assert [p.name for p in tmp_path.iterdir()] == [other.name]


def test_the_time_limit_holds_even_when_nobody_polls(tmp_path: Path):
    """A GUI that stops polling (or dies) must not leave a runaway child working for ever."""
    import signal

    out = tmp_path / "unpolled.pdf"
    job = ExportJob(long_guide(paragraphs=2000, questions=300), out, ExportOptions("participant"),
                    time_limit=1.0)
    job.start()
    job._process.join(60)  # no poll(): only the child's own alarm can end it
    assert job._process.exitcode == -signal.SIGALRM
    last = job.wait(timeout=30)[-1]
    assert last.kind == "error" and "longer than 1 s" in last.message
    assert list(tmp_path.iterdir()) == []
