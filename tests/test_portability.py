"""Windows and macOS, checked from Linux (DESIGN.md rule 7; issue 16 item 4).

- Every module of the package imports with the POSIX-only modules missing, as on Windows
  (`resource`, `fcntl`, `termios`, `pwd`, `grp`): export from the app once failed on Windows
  because a module imported `resource` at its top.
- The per-user folders, and everything placed in them (cache, recovery, log), follow each
  platform's conventions with `sys.platform` set to win32 and darwin.
- Writing a file atomically does not need the folder fsync Windows cannot do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide import atomicwrite, logs, userdirs
from reading_guide.storage import cache

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = ("resource", "fcntl", "termios", "pwd", "grp", "posix")
# Modules known to import a POSIX-only module at their top, each with who is fixing it; the
# test fails on any other, so none can be added.
KNOWN: dict[str, str] = {
    "reading_guide.export.worker": "`import resource` at the top; the export-process work "
    "(issue 18 item 4) moves it into the child, which runs only where it exists",
}

_IMPORT_ALL = r"""
import importlib, json, pkgutil, sys
BLOCKED = set(sys.argv[1].split(","))

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {name!r} (blocked: not on Windows)")
        return None

for name in list(sys.modules):
    if name.split(".")[0] in BLOCKED:
        del sys.modules[name]
sys.meta_path.insert(0, Block())
import reading_guide
failed = {}
names = [m.name for m in pkgutil.walk_packages(reading_guide.__path__, "reading_guide.")]
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"modules": len(names), "failed": failed}))
"""


def test_every_module_imports_without_posix_only_modules() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    blocked = [m for m in POSIX_ONLY if m != "posix"]  # `os` itself needs posix on Linux
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, ",".join(blocked)], capture_output=True, text=True,
        cwd=ROOT, env=env, timeout=300, check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["modules"] > 80  # it did walk the package, gui included
    unexpected = {name: why for name, why in result["failed"].items() if name not in KNOWN}
    assert unexpected == {}


@pytest.mark.parametrize(("platform", "name"), [("win32", "Reading Guide"),
                                                ("darwin", "Reading Guide")])
def test_every_folder_the_app_writes_follows_the_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, name: str
) -> None:
    import platformdirs

    for variable in userdirs.OVERRIDES.values():
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    if platform == "win32":
        from platformdirs.windows import Windows

        monkeypatch.setattr(platformdirs, "PlatformDirs", Windows)
        monkeypatch.setattr("platformdirs.windows.get_win_folder",
                            lambda _csidl: r"C:\Users\ada\AppData\Local")
    else:
        from platformdirs.macos import MacOS

        monkeypatch.setattr(platformdirs, "PlatformDirs", MacOS)
    folders = {
        "cache": cache.cache_folder("opened"),
        "recovery": userdirs.recovery_folder(),
        "log": userdirs.log_folder(),
    }
    for what, folder in folders.items():
        parts = Path(str(folder).replace("\\", "/")).parts
        assert parts.count(name) == 1, (what, parts)
        assert "reading-guide" not in parts, (what, parts)
    if platform == "darwin":
        assert "Caches" in Path(folders["cache"]).parts
        assert "Logs" in Path(folders["log"]).parts or "Application Support" in Path(
            folders["log"]).parts


def test_an_atomic_write_needs_no_folder_fsync(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows cannot open a folder to fsync it: the write must still complete."""
    real_open = os.open

    def no_folders(path: object, flags: int, *args: object) -> int:
        if Path(str(path)).is_dir():
            raise PermissionError(13, "Access is denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(atomicwrite.os, "open", no_folders)
    target = tmp_path / "g.guide.yaml"
    atomicwrite.write_atomic(target, b"one")
    atomicwrite.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.guide.yaml"]


def test_the_log_goes_to_the_log_folder_and_never_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    package = logging.getLogger(logs.ROOT)
    before = list(package.handlers)
    try:
        for handler in before:  # a process sets logging up once: start from none here
            package.removeHandler(handler)
        path = logs.setup_logging(folder=tmp_path / "log")
        assert path == tmp_path / "log" / logs.LOG_NAME
        logs.logger("reading_guide.storage.files").warning("a file name \udce9 not UTF-8")
        assert "not UTF-8" in path.read_text(encoding="utf-8")
        (tmp_path / "log" / logs.LOG_NAME).unlink()
        (tmp_path / "log").rmdir()
        (tmp_path / "log").write_text("a file where the folder was")  # cannot write the log
        logs.logger("reading_guide.x").error("dropped")
        assert capsys.readouterr().err == ""
    finally:
        for handler in package.handlers[:]:
            package.removeHandler(handler)
        for handler in before:
            package.addHandler(handler)
