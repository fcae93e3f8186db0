"""Atomic save: a .bak of the previous version, no half-written file, refusal to clobber edits."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.storage import (
    GuideChangedOnDisk,
    dumps_guide,
    file_stamp,
    load_guide,
    load_guide_with_stamp,
    save_guide,
)
from reading_guide.storage import files as files_module

GUIDES = Path(__file__).resolve().parent.parent / "data" / "guides"


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "x.guide.yaml"
    path.write_bytes((GUIDES / "walking.guide.yaml").read_bytes())
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_save_new_file_then_load(tmp_path: Path) -> None:
    guide = load_guide(GUIDES / "walking.guide.yaml")
    path = tmp_path / "new.guide.yaml"
    stamp = save_guide(guide, path)
    assert load_guide(path) == guide
    assert path.read_text(encoding="utf-8") == dumps_guide(guide)
    assert stamp == file_stamp(path)
    assert not (tmp_path / "new.guide.yaml.bak").exists()
    assert _leftovers(tmp_path) == []


def test_save_keeps_previous_version_as_bak(saved: Path) -> None:
    before = saved.read_bytes()
    guide = load_guide(saved)
    guide.title = "Renamed"
    save_guide(guide, saved)
    assert (saved.parent / "x.guide.yaml.bak").read_bytes() == before
    assert load_guide(saved).title == "Renamed"
    guide.title = "Renamed again"
    save_guide(guide, saved)
    assert load_guide(saved.parent / "x.guide.yaml.bak").title == "Renamed"
    assert _leftovers(saved.parent) == []


def test_load_save_gives_identical_bytes(saved: Path) -> None:
    before = saved.read_bytes()
    save_guide(load_guide(saved), saved)
    assert saved.read_bytes() == before


def test_refuses_to_overwrite_a_file_changed_on_disk(saved: Path) -> None:
    stamp = file_stamp(saved)
    guide = load_guide(saved)
    edited = saved.read_text(encoding="utf-8").replace("Tuesday readers", "Wednesday readers")
    saved.write_text(edited, encoding="utf-8")
    guide.title = "Mine"
    with pytest.raises(GuideChangedOnDisk) as caught:
        save_guide(guide, saved, expected=stamp)
    assert isinstance(caught.value, InputError)
    assert str(saved) in str(caught.value)
    assert saved.read_text(encoding="utf-8") == edited
    assert not (saved.parent / "x.guide.yaml.bak").exists()
    # With the stamp of what is there now, saving goes through.
    save_guide(guide, saved, expected=file_stamp(saved))
    assert load_guide(saved).title == "Mine"


def test_stamp_from_save_allows_the_next_save(saved: Path) -> None:
    guide = load_guide(saved)
    stamp = save_guide(guide, saved, expected=file_stamp(saved))
    guide.title = "Second"
    save_guide(guide, saved, expected=stamp)
    assert load_guide(saved).title == "Second"


def test_file_stamp_of_missing_file(tmp_path: Path) -> None:
    assert file_stamp(tmp_path / "none.yaml") is None


def _fail_with(error: OSError):
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("target", "error", "reason"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        ("replace", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        ("open", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    ],
)
def test_failed_save_leaves_previous_file_untouched(
    saved: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: OSError, reason: str
) -> None:
    before = saved.read_bytes()
    guide = load_guide(saved)
    guide.title = "Never written"
    monkeypatch.setattr(files_module.os, target, _fail_with(error))
    with pytest.raises(InputError) as caught:
        save_guide(guide, saved)
    monkeypatch.undo()
    message = str(caught.value)
    assert message.startswith(f"{saved}: could not save the guide: ")
    assert reason in message and "\n" not in message
    assert saved.read_bytes() == before
    assert _leftovers(saved.parent) == []


def test_read_only_folder(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved.read_bytes()
    folder = saved.parent
    folder.chmod(0o555)
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except PermissionError:
            pass
        else:  # running as root: the folder's mode does not stop us, so the OS error is simulated
            probe.unlink()
            real_open = os.open

            def guarded_open(path: object, *args: object, **kwargs: object) -> int:
                if Path(str(path)).parent == folder and args and int(args[0]) & os.O_CREAT:
                    raise PermissionError(errno.EACCES, "Permission denied", str(path))
                return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(files_module.os, "open", guarded_open)
        with pytest.raises(InputError, match="could not save the guide: permission denied"):
            save_guide(load_guide(saved), saved)
    finally:
        folder.chmod(0o755)
    assert saved.read_bytes() == before
    assert _leftovers(folder) == []


def test_save_into_missing_folder(tmp_path: Path) -> None:
    guide = load_guide(GUIDES / "walking.guide.yaml")
    with pytest.raises(InputError, match="could not save the guide"):
        save_guide(guide, tmp_path / "no" / "such" / "g.guide.yaml")


def test_save_over_a_folder(tmp_path: Path) -> None:
    guide = load_guide(GUIDES / "walking.guide.yaml")
    (tmp_path / "dir.guide.yaml").mkdir()
    with pytest.raises(InputError, match="could not save the guide"):
        save_guide(guide, tmp_path / "dir.guide.yaml")
    assert _leftovers(tmp_path) == []


def test_save_keeps_file_permissions(saved: Path) -> None:
    saved.chmod(0o640)
    save_guide(load_guide(saved), saved)
    assert saved.stat().st_mode & 0o777 == 0o640


def test_load_with_stamp_matches_the_file(saved: Path) -> None:
    guide, stamp = load_guide_with_stamp(saved)
    assert guide == load_guide(saved)
    assert stamp == file_stamp(saved)
    saved.write_text(saved.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    with pytest.raises(GuideChangedOnDisk):
        save_guide(guide, saved, expected=stamp)


def test_open_guide_gives_the_parsed_essay_and_the_stamp_of_what_it_read(tmp_path) -> None:
    from reading_guide.render import parse
    from reading_guide.storage import file_stamp, open_guide

    target = tmp_path / "sample.guide.yaml"
    target.write_text(
        (Path(__file__).resolve().parents[2] / "guides" / "sample.guide.yaml").read_text("utf-8"),
        encoding="utf-8",
    )
    opened = open_guide(target)
    assert opened.document == parse(opened.guide.essay.text)
    assert opened.stamp == file_stamp(target)
    assert all(h.anchor_status == "exact" for h in opened.guide.highlights)


_HANGING_SAVE = """
import os, sys, time
from reading_guide.storage import load_guide, save_guide
path = sys.argv[1]
guide = load_guide(path)
guide.title = "Never finished"
def hang(*args):
    print("writing", flush=True)
    time.sleep(120)
os.replace = hang  # the save stops with its temporary files written, before any rename
save_guide(guide, path)
"""


def _start_hanging_save(path: Path):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", _HANGING_SAVE, str(path)],
                             stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    return child


def test_a_save_removes_the_temporaries_of_killed_saves_but_not_of_live_ones(saved: Path) -> None:
    import signal

    other = saved.with_name("other.guide.yaml")
    other.write_bytes(saved.read_bytes())
    guide = load_guide(saved)
    live = _start_hanging_save(saved)
    other_killed = _start_hanging_save(other)
    try:
        live_files = _leftovers(saved.parent)
        assert len(live_files) == 4  # each save: the guide's temporary and the .bak's
        os.kill(other_killed.pid, signal.SIGKILL)
        other_killed.wait()
        save_guide(guide, saved)
        # The live save's files stay; so do those of another guide (its own next save cleans).
        assert _leftovers(saved.parent) == live_files
    finally:
        live.kill()
        live.wait()
    assert _leftovers(saved.parent) == live_files
    save_guide(guide, saved)
    assert _leftovers(saved.parent) == [n for n in live_files if n.startswith(".other.")]
    save_guide(load_guide(other), other)
    assert _leftovers(saved.parent) == []
    assert load_guide(saved) == guide
