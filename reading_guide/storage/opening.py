"""Reading a file the app was asked to open: a guide, or an essay to start a guide around.

This is the Qt-free half of "Open": the window only shows the result. Keeping it out of the GUI
lets `reading-guide FILE` read and parse the file before Qt is imported (see
commands/gui_launch.py): the guide is the same either way, and any problem with the file is the
same one-line InputError the window shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reading_guide.errors import InputError
from reading_guide.model.guide import Guide
from reading_guide.render.document import Document
from reading_guide.render.formats import ACCEPTED_EXTENSIONS

GUIDE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class OpenedFile:
    """What the window needs to show a file: the guide and its parsed essay, plus where it lives.

    `path` and `stamp` are set for a guide file (saving goes back there, guarded by the stamp);
    an essay starts an unsaved guide with `repairs` from its clean-up and `suggested_path` for
    Save As.
    """

    guide: Guide
    document: Document
    path: Path | None = None
    stamp: object | None = None
    repairs: list = field(default_factory=list)
    suggested_path: Path | None = None


def is_openable(path: str | Path) -> bool:
    return Path(path).suffix.lower() in GUIDE_SUFFIXES + ACCEPTED_EXTENSIONS


def suggested_guide_path(essay_path: Path) -> Path:
    stem = essay_path.name.split(".")[0] or "essay"
    return essay_path.with_name(f"{stem}.guide.yaml")


def read_cached(path: str | Path) -> OpenedFile | None:
    """The guide at `path` as `read_openable` gives it, when the cache (storage/cache.py) has
    what these very bytes open as; else None (an essay, a guide not opened before, an error)."""
    path = Path(path)
    if path.suffix.lower() not in GUIDE_SUFFIXES:
        return None
    from reading_guide.storage.loader import open_cached_guide

    opened = open_cached_guide(path)
    if opened is None:
        return None
    return OpenedFile(opened.guide, opened.document, path.resolve(), opened.stamp)


def read_openable(path: str | Path) -> OpenedFile:
    """The guide or essay at `path`, read once; InputError naming the file if it cannot be."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a folder, not a file", file=path)
    suffix = path.suffix.lower()
    if suffix in GUIDE_SUFFIXES:
        from reading_guide.storage.loader import open_guide

        opened = open_guide(path, use_cache=True)  # one read: no race before a later save
        return OpenedFile(opened.guide, opened.document, path.resolve(), opened.stamp)
    if suffix in ACCEPTED_EXTENSIONS:
        from reading_guide.render.importer import import_essay

        imported = import_essay(path)
        guide = imported.new_guide()
        return OpenedFile(
            guide, imported.document, repairs=list(imported.repairs),
            suggested_path=suggested_guide_path(path.resolve()),
        )
    raise InputError(
        "cannot open this kind of file; open a guide (.guide.yaml) or an essay "
        f"({', '.join(ACCEPTED_EXTENSIONS)})",
        file=path,
    )
