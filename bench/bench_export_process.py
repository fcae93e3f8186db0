"""Export process benchmark: the live preview and the app's export through the warm process.

Budgets (DESIGN.md, issue 16 item 6): the sample guide's preview is shown within 1 s of an edit;
an export from the app is no slower than 1.2x the command line's.

1. Preview, end to end with the Qt-free API the GUI uses, on guides/sample.guide.yaml
   (participant edition): a real model edit (`SetField` on a question's text), then
   `WarmExporter.submit`, polled every 100 ms as the preview panel's timer does, then the PDF
   loaded into a `QPdfDocument` and its first page rendered to an image (what `QPdfView`
   paints). Median of PREVIEWS edits. Baseline in the same run: the same with a fresh process
   per preview (`ExportJob`, what the preview did before the warm process). Not counted: the
   panel's pause after a keystroke (gui/preview/typing_pause.py; bench_app_export.py counts it).
2. Export: the same file printed by the warm process (the app, its worker already up) and by
   `reading-guide export` (a fresh command each time), in turns, median of EXPORTS each; the
   sample guide (4 pages) and a 10-page handout (bench_export's "10 pages" case). A third figure
   sets the warm job against `export_guide` called in this process (no process at all): the
   cost of the pipe, the pickled guide and the polling (here every 10 ms).

3. With --bomb: the question bomb (tests/reliability/question_bomb.py, 0.89 MB, 20,000
   questions with 40 answer lines) through `reading-guide export` and its default limits: the
   time to its one-line end and the peak resident size of the largest process (the worker).

Run: .venv/bin/python bench/bench_export_process.py [--quick] [--bomb] [--json]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "guides" / "sample.guide.yaml"
GUI_POLL = 0.1  # gui/preview.py's POLL_MS
PREVIEWS, EXPORTS = 9, 5


def _shown(path: Path) -> int:
    """Load the PDF as the preview panel does and paint its first page; returns the pages."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    pages = document.pageCount()
    image = document.render(0, QSize(595, 842))
    assert pages > 0 and not image.isNull(), f"{path}: the preview shows nothing"
    document.close()
    return pages


def _until_done(job: Any, interval: float) -> Any:
    while True:
        for event in job.poll():
            if event.final:
                assert event.kind == "done", event
                return event
        time.sleep(interval)


def preview(folder: Path, runs: int) -> dict[str, float]:
    from PySide6.QtGui import QGuiApplication

    from reading_guide.export import ExportJob, ExportOptions, WarmExporter
    from reading_guide.model.edits import SetField
    from reading_guide.storage import load_guide

    app = QGuiApplication.instance() or QGuiApplication(["bench"])  # noqa: F841 (QPdf needs it)
    guide = load_guide(SAMPLE)
    options = ExportOptions("participant")
    question = guide.questions[0].id

    def edit(n: int) -> None:
        SetField("question", question, "text", f"What does the author mean, take {n}?"
                 ).apply(guide)

    exporter = WarmExporter()
    # The app starts it with the preview panel, long before the first edit.
    assert exporter.wait_ready(), exporter.start_failure
    warm, cold = [], []
    try:
        for n in range(runs):
            t0 = time.perf_counter()
            edit(n)
            out = folder / f"preview-{n % 2}.pdf"
            _until_done(exporter.submit(guide, out, options, "pdf"), GUI_POLL)
            _shown(out)
            warm.append(time.perf_counter() - t0)
        for n in range(max(3, runs // 3)):
            t0 = time.perf_counter()
            edit(100 + n)
            out = folder / f"cold-{n % 2}.pdf"
            job = ExportJob(guide, out, options, "pdf")
            job.start()
            _until_done(job, GUI_POLL)
            _shown(out)
            cold.append(time.perf_counter() - t0)
    finally:
        exporter.close()
    return {"warm": statistics.median(warm), "warm_max": max(warm),
            "cold": statistics.median(cold), "workers": exporter.workers_started}


def export(folder: Path, guide_file: Path, runs: int) -> dict[str, float]:
    """Warm job, command line and in-process export of one guide file, in turns."""
    from reading_guide.export import ExportOptions, WarmExporter, export_guide
    from reading_guide.storage import load_guide

    guide = load_guide(guide_file)
    options = ExportOptions("participant")
    exporter = WarmExporter()
    assert exporter.wait_ready(), exporter.start_failure
    export_guide(guide, folder / "inproc-warm.pdf", options)  # this process warm too
    warm, gui_poll, command, inproc, pages = [], [], [], [], 0
    try:
        for n in range(runs):
            t0 = time.perf_counter()
            pages = _until_done(exporter.submit(load_guide(guide_file), folder / f"w{n}.pdf",
                                                options), 0.01).pages
            warm.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            _until_done(exporter.submit(load_guide(guide_file), folder / f"g{n}.pdf",
                                        options), GUI_POLL)
            gui_poll.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reading_guide", "export", str(guide_file),
                            "-o", str(folder / f"c{n}.pdf")], cwd=ROOT, check=True,
                           capture_output=True, timeout=600)
            command.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            export_guide(load_guide(guide_file), folder / f"i{n}.pdf", options)
            inproc.append(time.perf_counter() - t0)
    finally:
        exporter.close()
    return {"pages": pages, "warm": statistics.median(warm),
            "warm_gui_poll": statistics.median(gui_poll), "command": statistics.median(command),
            "in_process": statistics.median(inproc)}


def bomb(folder: Path) -> dict[str, Any]:
    """The question bomb through `reading-guide export` with its default limits: how long until
    its one line, and the peak resident size of the largest process (the worker), from the
    kernel's accounting of waited-for children."""
    import resource

    from tests.reliability.question_bomb import write_question_bomb

    guide = write_question_bomb(folder / "bomb.guide.yaml")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reading_guide", "export", str(guide), "-o",
                           str(folder / "bomb.pdf")], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "code": done.returncode, "line": done.stderr.strip(),
            "peak_mb": peak / 1024 if peak > before else None,
            "size_mb": guide.stat().st_size / 1e6}


def measure(quick: bool = False, with_bomb: bool = False) -> dict[str, Any]:
    from reading_guide.storage import dumps_guide
    from tests.export.guides import long_guide

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ten = folder / "ten-pages.guide.yaml"
        ten.write_text(dumps_guide(long_guide(40, 12)), encoding="utf-8")
        runs = EXPORTS if not quick else 3
        figures = {
            "preview": preview(folder, PREVIEWS if not quick else 5),
            "sample": export(folder, SAMPLE, runs),
            "ten": export(folder, ten, runs),
        }
        if with_bomb:  # last: a peak above every earlier child's is the bomb's
            figures["bomb"] = bomb(folder)
        return figures


def main(argv: list[str]) -> int:
    figures = measure("--quick" in argv, "--bomb" in argv)
    if "--json" in argv:
        print(json.dumps(figures))
        return 0
    p = figures["preview"]
    print(f"preview, sample guide: warm {p['warm'] * 1000:.0f} ms (max {p['warm_max'] * 1000:.0f}"
          f" ms, {p['workers']} worker)  fresh process {p['cold'] * 1000:.0f} ms  "
          f"{'ok' if p['warm'] <= 1.0 else 'OVER BUDGET'}")
    for name in ("sample", "ten"):
        e = figures[name]
        print(f"export {name} ({e['pages']} pages): warm {e['warm'] * 1000:.0f} ms (GUI polling "
              f"{e['warm_gui_poll'] * 1000:.0f} ms)  command line {e['command'] * 1000:.0f} ms "
              f"ratio {e['warm_gui_poll'] / e['command']:.2f}  in process "
              f"{e['in_process'] * 1000:.0f} ms ratio {e['warm'] / e['in_process']:.2f}")
    if "bomb" in figures:
        b = figures["bomb"]
        print(f"question bomb ({b['size_mb']:.2f} MB): exit {b['code']} after {b['seconds']:.0f} s,"
              f" peak {b['peak_mb'] or 0:.0f} MB: {b['line']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
