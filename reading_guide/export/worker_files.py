"""The files an export worker leaves behind when it is stopped: its stderr file, its hidden
half-written output and the copies of its fonts (styles.py). A worker that ends in an orderly
way removes them itself; these are for the parent, after a worker was killed or crashed.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
from pathlib import Path

from reading_guide.export.styles import font_folder_prefix

_GLIB_NOISE = re.compile(r"^\(process:\d+\): |(?<=\*\*): \d\d:\d\d:\d\d\.\d+")


def last_line(log: str) -> str:
    """The last line a dead worker wrote to its stderr file (GLib's reason for aborting, say),
    made fit for a one-line message; the file is removed."""
    if not log:
        return ""
    try:
        with open(log, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 4096))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        tail = ""
    try:
        os.unlink(log)
    except OSError:
        pass
    lines = [" ".join(line.split()) for line in tail.splitlines()]
    last = next((line for line in reversed(lines) if line), "")
    last = "".join(c for c in last if c.isprintable())
    last = _GLIB_NOISE.sub("", last)  # "(process:123): GLib-ERROR **: 11:49:52.290: why"
    return last if len(last) <= 200 else last[:199] + "…"


def remove_partials(out_path: str, pid: int | None) -> None:
    """Remove the half-written `.OUT.PID.xxxx.part` of worker `pid` (export.api puts the
    writer's pid in the name), left when it was killed before it could delete it. Only that
    worker's file: another export to the same output has its own pid in its name."""
    if pid is None:
        return
    out = Path(out_path)
    for part in out.parent.glob(f".{glob.escape(out.name)}.{pid}.*.part"):
        part.unlink(missing_ok=True)


def remove_font_copies(pid: int | None) -> None:
    """Remove the font folders of worker `pid` (its `StyleCache`'s; a few MB per font set), left
    when it was killed before it could remove them."""
    if pid is None:
        return
    for folder in Path(tempfile.gettempdir()).glob(f"{font_folder_prefix(pid)}*"):
        shutil.rmtree(folder, ignore_errors=True)
