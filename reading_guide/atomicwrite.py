"""Replacing a file's content so that a reader, a crash or a power cut never sees half of it.

The one recipe (DESIGN.md rule 6), used by guide saves (storage/files.py), recovery files
(storage/recovery.py), the cache (storage/cache.py) and the final step of an export
(export/api.py): write a temporary file in the same folder (a rename across file systems would
not be atomic), flush and fsync it, rename it over the target (`os.replace`: atomic on POSIX and
Windows), then fsync the folder so the rename itself survives a power cut (not possible on
Windows, where the call fails harmlessly). On any failure the temporary file is removed and the
target is as it was; the OSError goes to the caller, who names the file in its own words.

Writing goes through `os.open`/`os.write` (not `open()`), so one place decides the flags:
`O_EXCL` (never write into a file that someone else created under the same name) and `O_BINARY`
on Windows. Paths may hold any bytes the file system allows: a name that is not UTF-8 reaches
Python as lone surrogates and is passed back to the system unchanged.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def temporary_name(target: Path, tag: str = "") -> Path:
    """A new hidden name beside `target`: `.NAME.[TAG.]RANDOM.tmp`."""
    middle = f"{tag}." if tag else ""
    return target.with_name(f".{target.name}.{middle}{os.urandom(6).hex()}.tmp")


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; a platform that cannot (Windows) is not an error."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Create `path` (it must not exist), write all of `data` and fsync it."""
    fd = os.open(path, _FLAGS, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(
    target: Path,
    data: bytes,
    *,
    temp: Path | None = None,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace `target`'s content with `data` atomically (module docstring).

    `temp` names the temporary file (default: `temporary_name(target)`); `mode` sets its
    permissions before the rename; `before_replace` runs just before the rename (a save keeps
    its `.bak` there). Raises the OSError of the step that failed, with nothing left behind.
    """
    temp = temp or temporary_name(target)
    try:
        write_new_file(temp, data)
        if mode is not None:
            os.chmod(temp, mode)
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(target.parent)


def commit_file(temp: Path, target: Path, *, mode: int | None = None) -> None:
    """Put a finished temporary file (written by another library, e.g. WeasyPrint) in place of
    `target`: fsync its content, set `mode`, rename, fsync the folder. On failure `temp` stays
    for the caller to remove (it made it)."""
    # Read-write: Windows flushes (`_commit`) only a handle open for writing.
    fd = os.open(temp, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    if mode is not None:
        os.chmod(temp, mode)
    os.replace(temp, target)
    fsync_folder(target.parent)
