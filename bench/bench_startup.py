#!/usr/bin/env python3
"""Start-up to a usable window, against a bare Qt window started the same way.

    .venv/bin/python bench/bench_startup.py [--runs N] [GUIDE]

Each measurement is a fresh process (offscreen Qt), from launch to the first event-loop tick with
the window shown and GUIDE (default guides/sample.guide.yaml) open; the baseline is a bare
QMainWindow shown the same way. Medians of N runs; budgets (DESIGN.md): under 1.0 s and under 2x
the bare window. Also reports what the GUI process imported, because start-up stays light only
while WeasyPrint (0.6 s) is never imported in it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from _common import app_startup, bare_qt_startup, child_env  # noqa: E402

IMPORTS_CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
_exec = QApplication.exec
def _report(*args):
    def ready():
        heavy = [m for m in ("weasyprint", "reading_guide.export.pdf", "rapidfuzz", "edlib")
                 if m in sys.modules]
        print("IMPORTED", len(sys.modules), ",".join(heavy) or "-", flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(0, ready)
    return _exec()
QApplication.exec = _report
from reading_guide.cli import main
sys.exit(main([sys.argv[1]]))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("guide", nargs="?", default=str(ROOT / "guides" / "sample.guide.yaml"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as config:  # a first start: no saved layout or recents
        os.environ["XDG_CONFIG_HOME"] = config
        bare = bare_qt_startup(args.runs)
        ours = app_startup(Path(args.guide), args.runs)
        probe = subprocess.run([sys.executable, "-c", IMPORTS_CHILD, args.guide], cwd=ROOT,
                               env=child_env(), capture_output=True, text=True, timeout=60)
    imported = next((line for line in probe.stdout.splitlines() if line.startswith("IMPORTED")),
                    "IMPORTED ? ?").split()
    ratio = ours / bare
    ok = ours < 1.0 and ratio < 2.0
    print(f"bare Qt window (fresh process)   {bare * 1000:7.0f} ms  median of {args.runs}")
    print(f"reading-guide {Path(args.guide).name:<18} {ours * 1000:7.0f} ms  median of {args.runs}")
    print(f"ratio                            {ratio:7.2f}x  (budget < 2x, and < 1000 ms)")
    print(f"modules loaded by the app: {imported[1]}; heavy ones: {imported[2]}")
    print("PASS" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
