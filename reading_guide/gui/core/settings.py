"""The app's remembered preferences: one table of defaults over QSettings (as ReText does).

Every key the app reads is listed in DEFAULTS with its type, so a missing or corrupt value falls
back to a known default instead of a surprise `None` or a string where a bool was expected.

Paths are stored whole: a file name that is not UTF-8 reaches Python as lone surrogates, which Qt
cannot hold (PySide drops them), so such a path is stored as its bytes in base64 behind a
prefix no absolute path starts with, and read back to the same `str`.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Reading Guide"
APPLICATION = "Reading Guide"
MAX_RECENT = 10

DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "files/recent": [],
    "files/last_folder": "",
    "files/reopen_last": True,
    "view/theme": "system",
    "export/variant": "participant",
    "export/paper": "a4",
    "export/large_print": False,
    "export/fillable": False,
    "export/hide_kinds": False,
    "export/booklet": False,
    "highlight/last_category": "",
    "library/folders": [],  # folders of guides the question bank reads (encode_path each)
}


class Settings:
    """Typed access to QSettings; tests pass a QSettings on an ini file in a temporary folder."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self._store.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, list):
            if value is None:
                return []
            return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        if isinstance(default, QByteArray):
            return value if isinstance(value, QByteArray) else QByteArray()
        return type(default)(value) if value is not None else default

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(f"unknown setting {key!r}")
        self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()

    def recent_files(self) -> list[str]:
        return [decode_path(p) for p in self.get("files/recent")]

    def add_recent(self, path: str) -> list[str]:
        """Put `path` first in the recent list (once), keeping at most MAX_RECENT entries."""
        files = [path] + [p for p in self.recent_files() if p != path]
        files = files[:MAX_RECENT]
        self.set("files/recent", [encode_path(p) for p in files])
        return files

    def remove_recent(self, path: str) -> None:
        self.set("files/recent", [encode_path(p) for p in self.recent_files() if p != path])

    def last_folder(self) -> str:
        return decode_path(self.get("files/last_folder"))

    def set_last_folder(self, folder: str) -> None:
        self.set("files/last_folder", encode_path(folder))


_BYTES_PREFIX = "bytes:"  # stored paths are absolute: none starts like this


def encode_path(path: str) -> str:
    """`path` as text QSettings keeps whole (see the module docstring)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return _BYTES_PREFIX + base64.b64encode(os.fsencode(path)).decode("ascii")
    return path


def decode_path(text: str) -> str:
    if text.startswith(_BYTES_PREFIX):
        try:
            return os.fsdecode(base64.b64decode(text[len(_BYTES_PREFIX):], validate=True))
        except ValueError:
            return ""
    return text
