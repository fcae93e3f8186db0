"""A cache of parsed essays, so the app re-opens a guide without loading markdown-it.

Parsing the essay is the one step of opening a guide that needs markdown-it, and importing it is
most of the cost (about 10 ms at start-up, more than parsing a book). A facilitator opens the
same guide many times, so the app keeps each parsed essay in the user's cache folder, keyed by
the SHA-256 of the essay text and of everything that decides the result: this package's version,
the cache format, and the files and versions of the parser (our render modules and
markdown-it-py, by path, size and modification time, so an upgrade or an edited checkout misses).

A cache file is a checksum line and a `marshal` payload of plain tuples. A file that is short,
corrupt, from another format or that does not rebuild into a consistent document is ignored and
replaced: the cache can only make opening faster, never different. Nothing here is required:
without a writable cache folder the essay is parsed as before. Only the app uses it; the command
line tools always parse, leaving nothing behind.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path

from reading_guide import __version__
from reading_guide.render.document import Block, Document, Span

CACHE_FORMAT = 1
MAX_FILES = 200  # oldest files beyond this many are removed when a new one is written
_SUFFIX = ".parsed"
_fingerprint: str | None = None


def cache_folder() -> Path:
    """Where parsed essays are kept: $READING_GUIDE_CACHE_DIR, else the platform's cache folder."""
    chosen = os.environ.get("READING_GUIDE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Reading Guide" / "cache" / "parsed"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Reading Guide" / "parsed"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "reading-guide" / "parsed"


def parser_fingerprint() -> str:
    """What a cached result depends on besides the essay (computed once per process)."""
    global _fingerprint
    if _fingerprint is None:
        parts = [f"format {CACHE_FORMAT}", f"reading-guide {__version__}"]
        render = Path(__file__).resolve().parent.parent / "render"
        files = [render / name for name in ("markdown.py", "nesting.py", "document.py")]
        for package in ("markdown_it", "mdit_py_plugins"):
            spec = importlib.util.find_spec(package)  # finds the files, imports nothing
            files.append(Path(spec.origin) if spec and spec.origin else Path(package))
        for path in files:
            try:
                info = path.stat()
                parts.append(f"{path} {info.st_size} {info.st_mtime_ns}")
            except OSError:
                parts.append(f"{path} -")  # frozen bundles: no files, and nothing changes
        _fingerprint = "\n".join(parts)
    return _fingerprint


def parse_cached(markdown: str, parse: Callable[[str], Document] | None = None) -> Document:
    """`parse(markdown)`, from the cache when this essay was parsed before by this parser."""
    key = hashlib.sha256(f"{parser_fingerprint()}\n\n{markdown}".encode("utf-8", "surrogatepass"))
    path = cache_folder() / f"{key.hexdigest()}{_SUFFIX}"
    document = _read(path)
    if document is not None:
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass
        return document
    if parse is None:
        from reading_guide.render.markdown import parse
    document = parse(markdown)
    _write(path, document)
    return document


def _encode(document: Document) -> bytes:
    blocks = tuple(
        (b.kind, b.text, tuple((s.start, s.end, s.kind, s.href) for s in b.spans), b.level,
         b.number, b.label, b.start)
        for b in document.blocks
    )
    payload = marshal.dumps((CACHE_FORMAT, blocks, document.text))
    return hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload


def _decode(data: bytes) -> Document | None:
    digest, newline, payload = data.partition(b"\n")
    if not newline or hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        return None
    try:
        version, blocks, text = marshal.loads(payload)
        if version != CACHE_FORMAT:
            return None
        document = Document(
            tuple(Block(kind, btext, tuple(Span(*s) for s in spans), level, number, label, start)
                  for kind, btext, spans, level, number, label, start in blocks),
            text,
        )
    except (ValueError, TypeError, EOFError):
        return None
    if "\n".join(b.text for b in document.blocks) != text:
        return None
    return document


def _read(path: Path) -> Document | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _decode(data)


def _write(path: Path, document: Document) -> None:
    """Write atomically (a reader never sees half a file); any failure just skips the cache."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(_encode(document))
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    try:
        entries = [(e.stat().st_mtime_ns, e.path) for e in os.scandir(folder)
                   if e.name.endswith(_SUFFIX)]
    except OSError:
        return
    if len(entries) <= MAX_FILES:
        return
    for _, old in sorted(entries)[: len(entries) - MAX_FILES]:
        try:
            os.unlink(old)
        except OSError:
            pass
