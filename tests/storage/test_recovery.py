"""Recovery files: written atomically, listed, restored whole, or set aside when damaged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide.storage import file_stamp, load_guide
from reading_guide.storage.recovery import (
    CorruptRecovery,
    list_recoveries,
    load_recovery,
    recovery_name,
    remove_recovery,
    write_recovery,
)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_write_then_load_gives_back_the_guide_and_its_origin(
    tmp_path: Path, sample_guide_path: Path
) -> None:
    guide = load_guide(sample_guide_path)
    guide.title = "Changed but not saved"
    stamp = file_stamp(sample_guide_path)
    path = write_recovery(tmp_path, guide, sample_guide_path, stamp, "k1")
    info, restored = load_recovery(path)
    assert restored == guide
    assert info.original == sample_guide_path and info.stamp == stamp
    assert info.pid == os.getpid() and info.title == "Changed but not saved"
    # A second autosave of the same guide replaces the first one.
    assert write_recovery(tmp_path, guide, sample_guide_path, stamp, "k2") == path
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_listing_skips_files_of_running_instances(tmp_path: Path, sample_guide_path: Path) -> None:
    guide = load_guide(sample_guide_path)
    mine = write_recovery(tmp_path, guide, None, None, "mine")
    assert list_recoveries(tmp_path) == ([], [])  # this process is alive: not offered
    found, _ = list_recoveries(tmp_path, include_live=True)
    assert [i.path for i in found] == [mine]
    # Rewrite the header as if a process that has ended had written it.
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace(f'"pid": {os.getpid()}', f'"pid": {_dead_pid()}', 1),
                    encoding="utf-8")
    found, problems = list_recoveries(tmp_path)
    assert [i.path for i in found] == [mine] and problems == []
    remove_recovery(mine)
    assert list_recoveries(tmp_path, include_live=True) == ([], [])


@pytest.mark.parametrize("damage", ["truncate", "garbage-header", "bad-guide", "binary"])
def test_a_damaged_recovery_file_is_set_aside_with_one_line(
    tmp_path: Path, sample_guide_path: Path, damage: str
) -> None:
    path = write_recovery(tmp_path, load_guide(sample_guide_path), None, None, "x")
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])  # a guide cut in the middle of a value
    elif damage == "garbage-header":
        path.write_bytes(b"# reading-guide-recovery {nope\n" + data.split(b"\n", 1)[1])
    elif damage == "bad-guide":
        path.write_bytes(data.replace(b"kind: factual", b"kind: factoid", 1))
    else:
        path.write_bytes(b"\x00\xff\xfe" * 100)
    with pytest.raises(CorruptRecovery) as caught:
        load_recovery(path)
    message = str(caught.value)
    assert "\n" not in message and "damaged" in message and path.name in message
    assert not path.exists()
    aside = list(tmp_path.glob("*.corrupt"))
    assert len(aside) == 1 and aside[0].read_bytes() != b""  # kept for rescue, not deleted
    assert list_recoveries(tmp_path, include_live=True) == ([], [])


def test_listing_reports_a_damaged_header(tmp_path: Path) -> None:
    (tmp_path / recovery_name(None, "z")).write_text("not a recovery file\n", encoding="utf-8")
    found, problems = list_recoveries(tmp_path, include_live=True)
    assert found == [] and len(problems) == 1 and "damaged" in problems[0]


def test_write_into_a_folder_that_cannot_be_made_is_an_input_error(
    tmp_path: Path, sample_guide_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    from reading_guide.errors import InputError

    with pytest.raises((InputError, OSError)):
        write_recovery(blocker / "sub", load_guide(sample_guide_path), None, None, "k")


def test_a_never_saved_guide_keeps_where_it_would_be_saved(
    tmp_path: Path, sample_guide_path: Path
) -> None:
    suggested = tmp_path / "essay.guide.yaml"
    path = write_recovery(tmp_path / "r", load_guide(sample_guide_path), None, None, "u",
                          suggested)
    info, _ = load_recovery(path)
    assert info.original is None and info.suggested == suggested
