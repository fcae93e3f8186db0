"""Guide files on disk: load from a path, stamp, and atomic save with a `.bak` of the previous one.

Saving never leaves a half-written guide: the text is written by the one atomic-write helper
(reading_guide/atomicwrite.py: temporary file in the same folder, fsync, rename, folder fsync).
The previous version stays as `GUIDE.bak`. A save that fails for any reason (read-only folder,
full disk) leaves the old file as it was, removes the temporary file and raises an InputError
naming the guide. `expected` (a FileStamp taken when the guide was opened) makes a save refuse
to overwrite a file someone changed on disk meanwhile.

A save killed mid-way (kill -9, a power cut) cannot clean up: its temporary files stay. Their
names carry the host and the pid of the saving process (`.GUIDE.HOST-PID.RANDOM[.bak].tmp`), so
the next successful save of the same guide removes those whose process is gone, and never a file
that a live process (or a process on another computer sharing the folder) is still writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path
from typing import NamedTuple

from reading_guide.atomicwrite import write_atomic
from reading_guide.errors import InputError, printable
from reading_guide.hashing import sha256_hex
from reading_guide.logs import logger
from reading_guide.model import Guide
from reading_guide.processes import process_alive

# What follows `.GUIDE.` in a temporary file's name (see the module docstring).
_TEMP_TAIL = re.compile(r"(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)\.[0-9a-f]{12}(?:\.bak)?\.tmp")


class GuideChangedOnDisk(InputError):
    """The file on disk is not the one the guide was loaded from: saving would lose those edits."""


class FileStamp(NamedTuple):
    """What identifies one version of a file: equal stamps mean the same bytes were there.

    (A NamedTuple, as the other plain records read at start-up: creating a frozen dataclass
    costs ~0.5 ms, a NamedTuple 0.08 ms; bench/bench_startup.py.)"""

    mtime_ns: int
    size: int
    sha256: str


def file_stamp(path: str | Path) -> FileStamp | None:
    """The stamp of the file at `path` now, or None if there is no such file."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            digest = sha256_hex(handle.read())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    return FileStamp(info.st_mtime_ns, info.st_size, digest)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EROFS):
        return "permission denied (is the folder read-only?)"
    return error.strerror or str(error)


def _host_tag() -> str:
    import socket  # here, not at the top: opening a guide (start-up) never needs it

    return sha256_hex(socket.gethostname().encode("utf-8", "replace"))[:8]


def _temp_path(path: Path, suffix: str = ".tmp") -> Path:
    """A new temporary name beside `path`, naming this host and process (module docstring)."""
    return path.with_name(f".{path.name}.{_host_tag()}-{os.getpid()}.{os.urandom(6).hex()}"
                          f"{suffix}")


def _remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files of earlier saves of `path` whose process on this host is gone.

    Any error is ignored: tidying up must never turn a successful save into a failed one.
    """
    prefix = f".{path.name}."
    host = _host_tag()
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if not name.startswith(prefix):
                continue
            match = _TEMP_TAIL.fullmatch(name, len(prefix))
            if match is None or match["host"] != host:
                continue
            pid = int(match["pid"])
            if pid != os.getpid() and not process_alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(path.parent / name)
                    logger(__name__).info("removed %s, left by a save that was killed",
                                          printable(name))


def _keep_backup(path: Path) -> None:
    """`path` -> `path.bak`, atomically, by a hard link (no copy); a copy where links fail."""
    backup = path.with_name(path.name + ".bak")
    temp = _temp_path(path, ".bak.tmp")
    try:
        os.link(path, temp)
    except OSError:
        write_atomic(backup, path.read_bytes(), temp=temp)
        return
    try:
        os.replace(temp, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def save_guide(guide: Guide, path: str | Path, *, expected: FileStamp | None = None) -> FileStamp:
    """Write `guide` to `path` atomically; the stamp of what was written (for the next save)."""
    from reading_guide.storage.writer import dumps_guide  # PyYAML: not needed to open a guide

    path = Path(path)
    data = dumps_guide(guide).encode("utf-8")
    if expected is not None and file_stamp(path) != expected:
        raise GuideChangedOnDisk(
            "changed on disk since it was opened; not saved (reload it, or save under another "
            "name)",
            file=str(path),
        )
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a folder")
        try:
            mode: int | None = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            mode = None
        write_atomic(
            path, data, temp=_temp_path(path), mode=mode,
            before_replace=(lambda: _keep_backup(path)) if mode is not None else None,
        )
        info = os.stat(path)
    except OSError as error:
        logger(__name__).warning("could not save %s: %s", printable(str(path)), error)
        raise InputError(f"could not save the guide: {_reason(error)}", file=str(path)) from None
    logger(__name__).debug("saved %s (%d bytes)", printable(str(path)), len(data))
    _remove_stale_temporaries(path)
    return FileStamp(info.st_mtime_ns, info.st_size, sha256_hex(data))
