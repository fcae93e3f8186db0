"""Per-user folders and process checks: one answer per platform (DESIGN.md rule 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide import processes, userdirs


@pytest.mark.parametrize(
    ("platform", "name"),
    [("linux", "reading-guide"), ("freebsd13", "reading-guide"), ("win32", "Reading Guide"),
     ("darwin", "Reading Guide")],
)
def test_the_app_folder_follows_the_platform_habit(platform: str, name: str) -> None:
    assert userdirs.app_folder_name(platform) == name


def test_windows_folders_have_no_vendor_level(monkeypatch: pytest.MonkeyPatch) -> None:
    # platformdirs' Windows branch reads the Known Folders; pretend to be Windows and look at
    # the names only (no vendor folder: the library once showed "Reading Guide/Reading Guide").
    import platformdirs
    from platformdirs.windows import Windows

    for variable in userdirs.OVERRIDES.values():
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(platformdirs, "PlatformDirs", Windows)
    monkeypatch.setattr(
        "platformdirs.windows.get_win_folder", lambda _csidl: r"C:\Users\ada\AppData\Local"
    )
    for kind in ("data", "cache", "config", "state"):
        parts = Path(str(userdirs.user_folder(kind)).replace("\\", "/")).parts
        assert parts.count("Reading Guide") == 1, (kind, parts)


def test_darwin_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs
    from platformdirs.macos import MacOS

    for variable in userdirs.OVERRIDES.values():
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(platformdirs, "PlatformDirs", MacOS)
    assert userdirs.user_folder("cache").parts[-3:] == ("Library", "Caches", "Reading Guide")
    assert "Application Support" in userdirs.user_folder("data").parts


def test_an_environment_variable_moves_a_folder(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv("READING_GUIDE_DATA_DIR", str(tmp_path))
    assert userdirs.recovery_folder() == tmp_path / "recovery"


def test_this_process_and_a_finished_one() -> None:
    assert processes.process_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not processes.process_alive(child.pid)
    assert not processes.process_alive(0)


def test_a_process_that_is_running_is_alive_and_left_running() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert processes.process_alive(child.pid)
        assert child.poll() is None  # asking did not end it
    finally:
        child.kill()
        child.wait()
