"""The app's remembered preferences: one table of defaults over QSettings (as ReText does).

Every key the app reads is listed in DEFAULTS with its type, so a missing or corrupt value falls
back to a known default instead of a surprise `None` or a string where a bool was expected.
"""

from __future__ import annotations

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
    "export/variant": "participant",
    "export/paper": "a4",
    "export/large_print": False,
    "export/fillable": False,
    "highlight/last_category": "",
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
        return self.get("files/recent")

    def add_recent(self, path: str) -> list[str]:
        """Put `path` first in the recent list (once), keeping at most MAX_RECENT entries."""
        files = [path] + [p for p in self.recent_files() if p != path]
        files = files[:MAX_RECENT]
        self.set("files/recent", files)
        return files

    def remove_recent(self, path: str) -> None:
        self.set("files/recent", [p for p in self.recent_files() if p != path])
