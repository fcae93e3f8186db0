"""Runaway export workers for the fault family: the real `warm_main`, with the PDF writer
(`api._write_pdf`) replaced by one that never returns (a loop that reports no progress),
allocates without end, or aborts in "C code" after a message on stderr, as GLib does. Picklable
by name, so `WarmExporter` (and `ExportJob`, which uses it) can start them in a "spawn" worker.

`looping_worker` and `allocating_worker` misbehave on every job. `marked_worker` misbehaves only
for a guide whose questions hold one of the markers below and prints
every other job for real, so a test can show the next job running on a fresh worker.
"""

from __future__ import annotations

import os
from typing import Any

LOOP = "RUNAWAY-LOOP"
ALLOCATE = "RUNAWAY-ALLOCATE"
ABORT = "RUNAWAY-ABORT"


def _loop(*args: Any, **kwargs: Any) -> int:
    while True:  # a layout that never ends and never calls the progress hook
        pass


def _allocate(*args: Any, **kwargs: Any) -> int:
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))  # touched, so it is really resident


def _abort(*args: Any, **kwargs: Any) -> int:
    os.write(2, b"(process:1): GLib-ERROR **: 12:00:00.000: out of memory in a test\n")
    os.abort()


def _worker(write: Any, *args: Any) -> None:
    import reading_guide.export.api as api
    from reading_guide.export.worker import warm_main

    api._write_pdf = write  # type: ignore[assignment]
    warm_main(*args)


def looping_worker(*args: Any) -> None:
    _worker(_loop, *args)


def allocating_worker(*args: Any) -> None:
    _worker(_allocate, *args)


def marked_worker(*args: Any) -> None:
    import reading_guide.export.api as api

    real = api._write_pdf

    def write(guide: Any, *a: Any, **kw: Any) -> int:
        asked = " ".join(q.text for q in guide.questions)
        for marker, action in ((LOOP, _loop), (ALLOCATE, _allocate), (ABORT, _abort)):
            if marker in asked:
                return int(action())
        return real(guide, *a, **kw)

    _worker(write, *args)


def broken_worker(conn: Any, *args: Any) -> None:
    """A worker whose WeasyPrint cannot load (no Pango): it says so and ends."""
    conn.send(("broken", "the PDF printer cannot start: OSError: cannot load library 'pango'"))
