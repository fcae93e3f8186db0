"""The child side of `ExportJob`: load the guide, export it, report through a queue.

Runs in a fresh "spawn" process, so WeasyPrint's CPU-bound work never blocks the GUI's event loop
and a runaway export can be capped (address-space limit) or killed without harming the app.
Also runnable as `python -m reading_guide.export.worker GUIDE OUT VARIANT PAPER` for debugging.
"""

from __future__ import annotations

import math
import resource
import signal
import sys
import time
from typing import Any

from reading_guide.errors import InputError
from reading_guide.export.options import ExportOptions
from reading_guide.model import Guide

# The child's own alarm rings this long after the parent's time limit, so a polling parent
# always stops the child first (with its message); the alarm is for a parent that stopped polling.
ALARM_GRACE = 2  # seconds


def set_memory_cap(megabytes: int | None) -> None:
    """Cap the child's address space; allocation past it raises MemoryError in the child."""
    if not megabytes:
        return
    limit = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def child_main(
    payload: Guide | str, out_path: str, options: ExportOptions, fmt: str | None,
    events: Any, cancel_flag: Any, memory_mb: int | None, time_limit: float | None = None,
) -> None:
    """Entry point in the child: every outcome becomes exactly one final event.

    `time_limit` also arms SIGALRM (default action: the process ends) in the child, so the
    limit holds even when nobody polls the job: a GUI that hangs, or a parent that died.
    """
    if time_limit and math.isfinite(time_limit):
        signal.alarm(math.ceil(time_limit) + ALARM_GRACE)
    try:
        import weasyprint  # noqa: F401  (load before the cap: the cap is for the export itself)

        from reading_guide.export.api import export_guide
        from reading_guide.export.pdf import ExportCancelled

        set_memory_cap(memory_mb)
        if isinstance(payload, str):
            from reading_guide.storage import loads_guide

            guide = loads_guide(payload, file="<guide>")
        else:
            guide = payload
        last = [0.0]

        def progress(fraction: float, label: str) -> None:
            now = time.monotonic()
            if fraction >= 1.0 or now - last[0] > 0.1:  # at most ten messages a second
                last[0] = now
                events.put(("progress", fraction, label, "", 0))

        try:
            pages = export_guide(guide, out_path, options, fmt, progress=progress,
                                 cancel=cancel_flag.is_set)
        except ExportCancelled:
            events.put(("cancelled", 0.0, "", "export cancelled", 0))
            return
        events.put(("done", 1.0, "done", "", pages))
    except InputError as error:
        events.put(("error", 0.0, "", error.one_line(), 0))
    except MemoryError:
        mb = f" ({memory_mb} MB)" if memory_mb else ""
        events.put(("error", 0.0, "", f"{out_path}: export ran out of memory{mb}", 0))
    except Exception as error:  # a bug of ours: still one line for the user
        events.put(("error", 0.0, "", f"{out_path}: export failed: "
                    f"{type(error).__name__}: {error}", 0))


def main(argv: list[str]) -> int:
    from reading_guide.export.api import export_guide
    from reading_guide.storage import load_guide

    guide_path, out, variant, paper = argv
    pages = export_guide(load_guide(guide_path), out, ExportOptions(variant, paper))
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
