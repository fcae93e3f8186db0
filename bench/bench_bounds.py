#!/usr/bin/env python3
"""Loading at the bounds of the table of fields (model/fields.py): worst valid guides and the
20 MB guides the outside attack used, against loading the 1 MB benchmark guide in the same run.

    .venv/bin/python bench/bench_bounds.py

Each case is loaded (`reading-guide validate`, the same code the app opens with) in a fresh
process, for its wall time and its peak memory (max RSS); the baseline is the 1 MB guide with
1,000 highlights of bench_storage.py, loaded the same way. DESIGN.md sets no budget for these;
issue 18 asks that load and validate stay bounded in time and memory at the 20 MB limit, and the
ratios show how far the bounds allow a guide to go. Linux only (peak memory from getrusage).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from bench_storage import make_guide  # noqa: E402

from reading_guide.storage import save_guide  # noqa: E402

HEAD = "format: reading-guide/1\nessay:\n  text: |\n"
ONE_HIGHLIGHT = "categories:\n- {id: c, label: C}\nhighlights:\n- id: h1\n  category: c\n" \
                "  quote: {exact: a}\n"


def _essay_lines(lines: int, line: str) -> str:
    return HEAD + f"    {line}\n" * lines + ONE_HIGHLIGHT


def _values(questions: int, follow_ups: int) -> str:
    rows = [f"- id: q{i}\n  text: t\n  follow_ups: [{', '.join(['f'] * follow_ups)}]"
            for i in range(questions)]
    return "format: reading-guide/1\nessay: {text: hello}\nquestions:\n" + "\n".join(rows) + "\n"


# name -> (what it is, writer of its text)
CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "limit_list": ("valid: essay of 99,000 list items + 1 highlight (budget 100,000)",
                   lambda: _essay_lines(99_000, "- a")),
    "limit_marks": ("valid: one paragraph of 24,000 bold words + 1 highlight",
                    lambda: HEAD + "    " + "**a** " * 24_000 + "\n" + ONE_HIGHLIGHT),
    "limit_values": ("valid: 9,000 questions x 100 follow-ups (~980,000 values)",
                     lambda: _values(9_000, 100)),
    "attack_lines": ("refused: 19.2 MB essay of 2.4 M short lines + 1 highlight",
                     lambda: _essay_lines(2_400_000, "abc")),
    "attack_values": ("refused: 2.4 M follow-ups (one question)",
                      lambda: _values(1, 2_400_000)),
}


CHILD = """
import resource, sys
from reading_guide.cli import main
status = main(["validate", sys.argv[1]])
print("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, status)
"""


def _load(path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak MB and exit status of `reading-guide validate path` in a fresh
    process (Linux: max RSS in KB)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT,
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    _, peak, status = proc.stdout.strip().splitlines()[-1].split()
    return took, int(peak) / 1024, int(status)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "baseline.guide.yaml"
        save_guide(make_guide(), base)
        base_time, base_mb, _ = _load(base)
        print(f"baseline: 1 MB guide, 1,000 highlights: {base_time * 1000:.0f} ms, "
              f"{base_mb:.0f} MB peak")
        print(f"{'case':<70} {'size':>8} {'time':>8} {'ratio':>7} {'peak':>8}  exit")
        for name, (what, make) in CASES.items():
            path = Path(folder) / f"{name}.guide.yaml"
            path.write_text(make(), encoding="utf-8")
            took, peak, status = _load(path)
            size = os.path.getsize(path) / 1e6
            print(f"{what:<70} {size:>6.1f}MB {took:>7.1f}s {took / base_time:>6.1f}x "
                  f"{peak:>6.0f}MB  {status}")
            path.unlink()


if __name__ == "__main__":
    main()
