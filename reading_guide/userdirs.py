"""Per-user folders, decided in one place so every part of the app agrees on their names.

platformdirs knows each platform's conventions (XDG on Linux, `~/Library/...` on macOS, the
Known Folders on Windows), which a hand-written table gets subtly wrong. The app's name follows
each platform's habit: `reading-guide` on Linux and other Unix systems, `Reading Guide` on
Windows and macOS. Each folder can be moved with an environment variable (tests, portable
installs); nothing here creates a folder: the caller does, when it first writes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The environment variables that move a folder, by kind.
OVERRIDES = {
    "cache": "READING_GUIDE_CACHE_DIR",
    "data": "READING_GUIDE_DATA_DIR",
    "config": "READING_GUIDE_CONFIG_DIR",
    "state": "READING_GUIDE_STATE_DIR",
}


def app_folder_name(platform: str | None = None) -> str:
    """The app's folder name on `platform` (default: this one)."""
    platform = platform or sys.platform
    return "Reading Guide" if platform in ("win32", "darwin") else "reading-guide"


def user_folder(kind: str) -> Path:
    """The per-user folder of `kind`: "cache" (safe to delete), "data" (recovery files, the
    question bank), "config" (settings) or "state" (logs)."""
    override = os.environ.get(OVERRIDES[kind])
    if override:
        return Path(override)
    import platformdirs  # here: only code that writes a file needs it

    name = app_folder_name()
    # appauthor=False: no vendor folder on Windows ("Reading Guide/Reading Guide" otherwise).
    if kind == "cache":
        return Path(platformdirs.user_cache_dir(name, appauthor=False))
    if kind == "data":
        return Path(platformdirs.user_data_dir(name, appauthor=False))
    if kind == "config":
        return Path(platformdirs.user_config_dir(name, appauthor=False))
    if kind == "state":
        return Path(platformdirs.user_state_dir(name, appauthor=False))
    raise ValueError(f"unknown folder kind {kind!r}")


def recovery_folder() -> Path:
    """Where autosaved unsaved work waits (one file per window)."""
    return user_folder("data") / "recovery"


def log_folder() -> Path:
    """Where the rotating log file lives."""
    return user_folder("state") / "log"
