"""Shared pieces of `bench/run`: the table's row, timing helpers, and the start-up harness.

Start-up is measured the way a user feels it: a fresh process each time, from the moment it is
launched to the moment its event loop first runs with the window shown (the guide open, for the
app). The child prints the wall-clock time of that moment; the parent took the time just before
launching it. The bare-Qt baseline uses the same harness with an empty QMainWindow, so the ratio
shows what our imports, settings and guide loading add on top of Qt itself.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One line of the table: our figure against its budget and a baseline from the same run."""

    figure: str
    ours: float | None  # seconds (or MB when unit is "MB")
    budget: float | None  # absolute budget in the same unit
    baseline_name: str = ""
    baseline: float | None = None
    max_ratio: float | None = None  # budget on ours / baseline, when DESIGN.md sets one
    unit: str = "s"
    note: str = ""
    given_ratio: float | None = None  # when the script computes its own (e.g. of CPU time)

    @property
    def ratio(self) -> float | None:
        if self.given_ratio is not None:
            return self.given_ratio
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.ours is None:
            return None
        ok = self.budget is None or self.ours <= self.budget
        if self.max_ratio is not None and self.ratio is not None:
            ok = ok and self.ratio <= self.max_ratio
        return ok


def median_seconds(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of `fn()`; garbage collection runs between, not during, the calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return statistics.median(times)


# --- start-up: fresh process, launch -> event loop running with the window shown --------------

BARE_QT_CHILD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def ready():
    app.processEvents()
    print("READY", time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

# The app's own entry (`reading-guide GUIDE`) with QApplication.exec wrapped: when the real
# event loop starts, the window is up and the guide loaded; the first timer tick reports it.
# The wrapper is put in place by an import hook when PySide6.QtWidgets is first imported, so the
# child imports modules in the same order as the real command (the app reads the guide before
# importing Qt; importing PySide6 up front here would hide what that order saves).
REPORT_WHEN_READY = """
import importlib.util, sys, time

class _WrapExecOnImport:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            _wrap(module.QApplication, sys.modules["PySide6.QtCore"].QTimer)
        spec.loader.exec_module = exec_module
        return spec

def _wrap(QApplication, QTimer):
    _exec = QApplication.exec
    def _exec_and_report(*args):
        def ready():
            app = QApplication.instance()
            app.processEvents()
            shown = [w for w in app.topLevelWidgets() if w.isVisible()]
            print("READY", time.time(), len(shown), *[w.windowTitle() for w in shown],
                  flush=True)
            on_ready()
            app.quit()
        QTimer.singleShot(0, ready)
        return _exec()
    QApplication.exec = _exec_and_report

def on_ready():
    pass

sys.meta_path.insert(0, _WrapExecOnImport())
"""

APP_CHILD = REPORT_WHEN_READY + """
from reading_guide.cli import main
sys.exit(main([sys.argv[1]]))
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Write .pyc files as a user's Python does: any value of this variable, "0" too, stops it,
    # and every run would then compile our modules from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def launch_to_ready(argv: list[str], cwd: Path = ROOT, timeout: float = 60) -> float:
    """Seconds from launching `argv` to its `READY <time>` line."""
    t0 = time.time()
    proc = subprocess.run(argv, cwd=cwd, env=child_env(), capture_output=True, text=True,
                          timeout=timeout)
    for line in proc.stdout.splitlines():
        if line.startswith("READY "):
            return float(line.split()[1]) - t0
    raise RuntimeError(f"{argv[:3]}... never became ready (exit {proc.returncode}):\n"
                       f"{proc.stderr[-2000:]}")


# --- the table -------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def format_table(rows: list[Row]) -> str:
    """A Markdown table: readable in a terminal and pasted as is into docs/BENCHMARKS.md."""
    header = ("Figure", "Budget", "Baseline (same run)", "Baseline", "Ours", "Ratio", "Result")
    lines = [header]
    for r in rows:
        budget = _fmt(r.budget, r.unit) if r.budget is not None else ""
        if r.max_ratio is not None:
            budget = f"{budget}, ≤{r.max_ratio:g}x" if budget else f"≤{r.max_ratio:g}x"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        result = {True: "pass", False: "FAIL", None: "not measured"}[r.passed]
        if r.passed and r.budget is None and r.max_ratio is None:
            result = "no budget"
        notes = [r.note] if r.note else []
        if r.passed is False and r.budget is not None and r.baseline is not None \
                and r.baseline > r.budget:
            notes.append("the baseline alone is over the budget too")
        if notes:
            result = f"{result} ({'; '.join(notes)})"
        lines.append((r.figure, budget or "—", r.baseline_name or "—", _fmt(r.baseline, r.unit),
                      _fmt(r.ours, r.unit), ratio, result))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)
