"""Where the app's own files are: fonts, CSS, icons, the sample essay and sample guides.

One function for every caller, so the same code works from a source checkout and from a frozen
PyInstaller bundle (where files are unpacked under `sys._MEIPASS`).
"""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def app_root() -> Path:
    """The folder holding `resources/` and `guides/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else _SOURCE_ROOT


def resource_path(*parts: str) -> Path:
    """A path inside `resources/`, e.g. `resource_path("css", "handout.css")`."""
    return app_root().joinpath("resources", *parts)


def guides_dir() -> Path:
    """The sample guides that ship with the app."""
    return app_root() / "guides"
