"""Guide files: strict, safe YAML load and atomic save (docs/FORMAT.md).

Public API:
- `loads_guide(text, file="<string>") -> Guide`, `load_guide(path) -> Guide`,
  `load_guide_with_stamp(path) -> (Guide, FileStamp)` (one read: no race with another save),
  `open_guide(path) -> OpenedGuide(guide, document, stamp)` (also the parsed essay, for the app)
- `dumps_guide(guide) -> str`
- `save_guide(guide, path, *, expected=None) -> FileStamp`, `file_stamp(path) -> FileStamp | None`
- `FileStamp`, `GuideChangedOnDisk` (an InputError), `MAX_GUIDE_BYTES`
"""

from typing import TYPE_CHECKING, Any

from reading_guide.storage.files import FileStamp, GuideChangedOnDisk, file_stamp, save_guide
from reading_guide.storage.loader import (
    OpenedGuide,
    load_guide,
    load_guide_with_stamp,
    loads_guide,
    open_guide,
)
from reading_guide.storage.yamlnodes import MAX_GUIDE_BYTES

if TYPE_CHECKING:
    from reading_guide.storage.writer import dumps_guide


def __getattr__(name: str) -> Any:
    # The writer imports PyYAML; the app opens a cached guide without it (storage/cache.py).
    if name == "dumps_guide":
        from reading_guide.storage.writer import dumps_guide

        return dumps_guide
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "MAX_GUIDE_BYTES",
    "FileStamp",
    "OpenedGuide",
    "GuideChangedOnDisk",
    "dumps_guide",
    "file_stamp",
    "load_guide",
    "load_guide_with_stamp",
    "loads_guide",
    "open_guide",
    "save_guide",
]
