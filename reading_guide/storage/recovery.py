"""Recovery files: unsaved work written aside so that a crash or a kill loses at most seconds.

A recovery file is the guide file's text behind one header line (a YAML comment, so the rest is an
ordinary guide) that says which file the work belongs to, the stamp that file had when it was
opened (so a restored guide still refuses to overwrite a file changed on disk since), when it was
written and by which process. Files live in a folder the caller chooses (the app's data folder).

Writing is atomic (reading_guide/atomicwrite.py: temporary file, fsync, rename): a kill during
autosave leaves the previous recovery file whole. Reading validates the whole guide; a damaged
recovery file is moved aside (`*.corrupt`) with a one-line message and never loaded half-way.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NamedTuple

from reading_guide.atomicwrite import write_atomic
from reading_guide.errors import InputError, printable
from reading_guide.hashing import sha256_hex
from reading_guide.logs import logger
from reading_guide.model import Guide
from reading_guide.processes import process_alive
from reading_guide.storage.files import FileStamp
from reading_guide.storage.loader import loads_guide

SUFFIX = ".recovery.yaml"
HEADER = "# reading-guide-recovery "


class CorruptRecovery(InputError):
    """A recovery file that cannot be read; it has been moved aside (`set_aside` in the text)."""


class RecoveryInfo(NamedTuple):
    path: Path  # the recovery file
    original: Path | None  # the guide file the work belongs to; None: never saved
    stamp: FileStamp | None  # the original's stamp when it was opened or last saved
    saved_at: float  # seconds since the epoch
    pid: int
    title: str
    body_sha256: str  # of the guide text after the header: a cut or altered file is noticed
    suggested: Path | None = None  # where Save As proposes to save a never-saved guide


def recovery_name(original: Path | None, key: str) -> str:
    """A stable name per guide file (so autosaves replace each other), else one per `key`."""
    if original is None:
        return f"untitled-{key}{SUFFIX}"
    # The file system's bytes (os.fsencode): a name that is not UTF-8 holds lone surrogates,
    # which `.encode("utf-8")` refuses; the stem is shown with replacement characters.
    digest = sha256_hex(os.fsencode(original))[:12]
    stem = printable(original.name.split(".")[0][:40]) or "guide"
    return f"{stem}-{digest}{SUFFIX}"


def _header(original: Path | None, stamp: FileStamp | None, title: str, body: str,
            suggested: Path | None) -> str:
    data = {
        "suggested": str(suggested) if suggested else None,
        "body_sha256": sha256_hex(body.encode("utf-8")),
        "original": str(original) if original else None,
        "stamp": [stamp.mtime_ns, stamp.size, stamp.sha256] if stamp else None,
        "saved_at": time.time(),
        "pid": os.getpid(),
        "title": title,
    }
    import json  # only when there is a recovery file to write or read (not at start-up)

    return HEADER + json.dumps(data, ensure_ascii=True) + "\n"


def write_recovery(
    folder: Path, guide: Guide, original: Path | None, stamp: FileStamp | None, key: str,
    suggested: Path | None = None,
) -> Path:
    """Write the guide to its recovery file atomically; the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / recovery_name(original, key)
    from reading_guide.storage.writer import dumps_guide  # PyYAML: first autosave, not start-up

    body = dumps_guide(guide)
    data = (_header(original, stamp, guide.title, body, suggested) + body).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as error:
        logger(__name__).warning("could not write the recovery file %s: %s",
                                 printable(str(path)), error)
        raise InputError(f"could not write the recovery file: {error.strerror or error}",
                         file=str(path)) from None
    return path


def _parse_header(line: str, path: Path) -> RecoveryInfo:
    if not line.startswith(HEADER):
        raise ValueError("no recovery header")
    import json

    data = json.loads(line[len(HEADER):])
    stamp = data.get("stamp")
    original = data.get("original")
    return RecoveryInfo(
        path=path,
        original=Path(original) if isinstance(original, str) else None,
        stamp=FileStamp(int(stamp[0]), int(stamp[1]), str(stamp[2])) if stamp else None,
        saved_at=float(data["saved_at"]),
        pid=int(data["pid"]),
        title=str(data.get("title", "")),
        body_sha256=str(data["body_sha256"]),
        suggested=Path(data["suggested"]) if isinstance(data.get("suggested"), str) else None,
    )


def set_aside(path: Path, reason: str) -> CorruptRecovery:
    """Move a damaged recovery file to `*.corrupt` (never deleted: it may still be rescued)."""
    target = path.with_name(path.name + f".{int(time.time())}.corrupt")
    try:
        os.replace(path, target)
        where = f"moved to {target.name}"
    except OSError:
        where = "could not be moved aside"
    logger(__name__).warning("damaged recovery file %s (%s): %s", printable(str(path)), reason,
                             where)
    return CorruptRecovery(f"the recovery file is damaged ({reason}); {where}", file=str(path))


def read_info(path: Path) -> RecoveryInfo:
    """The header of a recovery file (cheap); CorruptRecovery (file moved aside) when unreadable."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = handle.readline(64 * 1024)
        return _parse_header(first.rstrip("\n"), path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError) as error:
        reason = "no valid header" if not isinstance(error, OSError) else str(error.strerror)
        raise set_aside(path, reason) from None


def load_recovery(path: Path) -> tuple[RecoveryInfo, Guide]:
    """The header and the whole guide; CorruptRecovery (moved aside) if any of it is damaged."""
    info = read_info(path)
    try:
        text = path.read_text(encoding="utf-8")
        body = text.split("\n", 1)[1] if "\n" in text else ""
        if sha256_hex(body.encode("utf-8")) != info.body_sha256:
            raise set_aside(path, "it was cut short or altered after it was written")
        guide = loads_guide(body, str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise set_aside(path, str(getattr(error, "strerror", None) or error)) from None
    except InputError as error:
        reason = str(error).removeprefix(f"{path}: ").splitlines()[0]
        raise set_aside(path, reason) from None
    return info, guide


def list_recoveries(folder: Path, *, include_live: bool = False) -> tuple[
        list[RecoveryInfo], list[str]]:
    """Recovery files left by processes that are gone (newest first), and one line per damaged
    file set aside. Files of a running instance are not offered unless `include_live`."""
    found, problems = [], []
    try:
        paths = sorted(folder.glob(f"*{SUFFIX}"))
    except OSError:
        return [], []
    for path in paths:
        try:
            info = read_info(path)
        except CorruptRecovery as error:
            problems.append(str(error))
            continue
        if include_live or not process_alive(info.pid):
            found.append(info)
    found.sort(key=lambda i: i.saved_at, reverse=True)
    return found, problems


def remove_recovery(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
