"""The app's cache of derived data: what opening a file computed, kept to skip the work next time.

Opening a guide costs imports more than work: PyYAML (~14 ms) to read it and markdown-it (~10 ms)
to parse its essay, most of a start-up budget measured against a bare Qt window. A facilitator
opens the same guides again and again, so the app keeps each result (storage/guide_cache.py:
the opened guide; storage/parse_cache.py: the parsed essay) in the user's cache folder.

An entry is found by a key: the SHA-256 of the input (the file's bytes, the essay's text) and of
everything that decides the result: the cache format, this package's version, and the source
files and versions of the code that computed it, by path, size and modification time (so an
upgrade, or an edited checkout, misses). An entry is a checksum line and a `marshal` payload of
plain values; a file that is short, corrupt or from another format is treated as absent and
replaced. The cache can make opening faster, never different, and nothing needs it: without a
writable folder every file is read as before. The command line tools never use it.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
from pathlib import Path
from typing import Any

from reading_guide import __version__
from reading_guide.atomicwrite import temporary_name, write_atomic
from reading_guide.hashing import sha256_hex
from reading_guide.logs import logger

CACHE_FORMAT = 1
MAX_FILES = 200  # per kind: the oldest entries beyond this many go when a new one is written
# Bytes, too: an entry is ~3.5 times the guide it comes from (a 1 MB guide: 2.2 MB opened plus
# 1.3 MB parsed), and one 15 MB guide once wrote 74 MB. Entries over MAX_ENTRY_BYTES are not
# kept (such a guide opens without the cache, as the first time); each kind keeps at most
# MAX_BYTES, the least recently used going first.
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_BYTES = 64 * 1024 * 1024
_SUFFIX = ".cache"
_fingerprints: dict[tuple[str, ...], str] = {}


def cache_folder(kind: str) -> Path:
    """Where entries of `kind` live: under $READING_GUIDE_CACHE_DIR, else the platform's cache."""
    from reading_guide.userdirs import user_folder

    return user_folder("cache") / kind


def code_fingerprint(*sources: str) -> str:
    """What the code named by `sources` is right now: each is a folder of this package
    ("storage"), one of its files ("render/markdown.py"), or an installed package ("yaml").
    Computed once per process."""
    known = _fingerprints.get(sources)
    if known is not None:
        return known
    package = Path(__file__).resolve().parent.parent
    files: list[Path] = []
    for source in sources:
        path = package / source
        if source.endswith(".py"):
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(path.glob("*.py")))
        else:
            spec = importlib.util.find_spec(source)  # finds the files, imports nothing
            files.append(Path(spec.origin) if spec and spec.origin else Path(source))
    parts = [f"format {CACHE_FORMAT}", f"reading-guide {__version__}"]
    for path in files:
        try:
            info = path.stat()
            parts.append(f"{path} {info.st_size} {info.st_mtime_ns}")
        except OSError:
            parts.append(f"{path} -")  # a frozen bundle has no source files, and never changes
    _fingerprints[sources] = known = "\n".join(parts)
    return known


def entry_key(fingerprint: str, data: bytes) -> str:
    return sha256_hex(fingerprint.encode("utf-8") + b"\n\n" + data)


def load(kind: str, key: str) -> Any:
    """The value stored under `key`, or None when there is none (or none that is whole).

    `Any`: plain values as marshal gives them back; each caller checks their shape."""
    path = cache_folder(kind) / f"{key}{_SUFFIX}"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, newline, payload = data.partition(b"\n")
    if not newline or sha256_hex(payload).encode("ascii") != digest:
        return None
    try:
        version, value = marshal.loads(payload)
    except (ValueError, TypeError, EOFError):
        return None
    if version != CACHE_FORMAT:
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass
    return value


def store(kind: str, key: str, value: Any) -> None:
    """Keep `value` (plain values only: what marshal writes) under `key`; failures are ignored,
    and a reader never sees half an entry (reading_guide/atomicwrite.py)."""
    folder = cache_folder(kind)
    path = folder / f"{key}{_SUFFIX}"
    try:
        payload = marshal.dumps((CACHE_FORMAT, value))
    except ValueError:
        return
    if len(payload) > MAX_ENTRY_BYTES:
        logger(__name__).debug("not cached: a %d-byte %s entry", len(payload), kind)
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, sha256_hex(payload).encode("ascii") + b"\n" + payload,
                     temp=temporary_name(path, str(os.getpid())))
    except OSError as error:
        logger(__name__).debug("cache entry not written: %s", error)
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Remove the least recently used entries past MAX_FILES or MAX_BYTES."""
    try:
        entries = sorted(
            ((e.stat().st_mtime_ns, e.stat().st_size, e.path) for e in os.scandir(folder)
             if e.name.endswith(_SUFFIX)),
            reverse=True,
        )
    except OSError:
        return
    kept_bytes = 0
    for count, (_, size, old) in enumerate(entries, start=1):
        kept_bytes += size
        if count > MAX_FILES or kept_bytes > MAX_BYTES:
            try:
                os.unlink(old)
            except OSError:
                pass
