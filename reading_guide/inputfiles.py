"""Reading a file a user named: only a regular file, never more than a limit.

Essays and guides arrive from anywhere, and a path can be a FIFO (opening it waits for a writer
forever), a device (/dev/zero never ends), a folder, or a file under /proc or /sys that claims a
size of 0 and then streams. One reader for every such file refuses those before reading, and
reads at most `limit` bytes, so a bad path costs milliseconds and no memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reading_guide.errors import InputError

# Kernel file systems whose files are generated on read, whatever their stat says.
_PSEUDO_ROOTS = ("/proc/", "/sys/", "/dev/")


def _kind_of_special(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def read_input_file(path: str | Path, *, limit: int, what: str) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` (symbolic links followed) and its stat.

    `what` names the file in errors ("an essay", "a guide"). Raises an InputError naming the file
    when it is missing, unreadable, special, or larger than `limit` bytes.
    """
    name = str(path)
    limit_text = f"{limit / (1024 * 1024):.0f} MB"
    try:
        resolved = os.path.realpath(name)
        if resolved.startswith(_PSEUDO_ROOTS) and os.name == "posix":
            raise InputError(f"is a system file, not {what}", file=name)
        info = os.stat(name)
        special = _kind_of_special(info.st_mode)
        if special:
            raise InputError(f"is {special}, not {what}", file=name)
        if info.st_size > limit:
            raise InputError(
                f"file is too large ({info.st_size / (1024 * 1024):.1f} MB), over the "
                f"{limit_text} limit for {what}",
                file=name,
            )
        # O_NONBLOCK: if the path became a FIFO since the stat, opening does not wait.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(name, flags)
        with open(fd, "rb", closefd=True) as handle:
            info = os.fstat(handle.fileno())
            special = _kind_of_special(info.st_mode)
            if special:
                raise InputError(f"is {special}, not {what}", file=name)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not {what}", file=name) from None
    except PermissionError:
        raise InputError("cannot read the file: permission denied", file=name) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", file=name) from None
    if len(data) > limit:  # grew while we looked
        raise InputError(f"file is too large, over the {limit_text} limit for {what}", file=name)
    return data, info
