"""kill -9 in the middle of saving: the guide on disk is always a complete version.

A child process (`save_killer.py`) saves a big guide in a loop, alternating two versions; the
parent SIGKILLs it after a random delay, then checks that the file is byte-identical to one of
the two complete versions (and loads), and that the `.bak` beside it is complete too. The short
run (20 kills, 0.25 MB guide) is in the default run; the long one (300 kills, 1 MB) is `slow`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reading_guide.model import Guide
from reading_guide.storage import dumps_guide, load_guide, save_guide
from tests.reliability.guides import big_guide

ROOT = Path(__file__).resolve().parents[2]


def versions(paragraphs: int, highlights: int) -> tuple[Guide, Guide]:
    """Two versions of one guide that differ all through the file (every note and question)."""
    old = big_guide(paragraphs=paragraphs, highlights=highlights)
    new = big_guide(paragraphs=paragraphs, highlights=highlights, tag=" (revised)")
    return old, new


def _spawn(pickled: Path, target: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.save_killer", str(pickled), str(target)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    return child


def _save_seconds(guide: Guide, folder: Path) -> float:
    """One save of this guide here, to spread the kills over a few whole save cycles."""
    probe = folder / "probe.guide.yaml"
    started = time.perf_counter()
    save_guide(guide, probe)
    save_guide(guide, probe)
    elapsed = (time.perf_counter() - started) / 2
    for leftover in folder.glob("probe.guide.yaml*"):
        leftover.unlink()
    return elapsed


def kill_saves(versions: tuple[Guide, Guide], folder: Path, kills: int, seed: int) -> dict:
    """Run `kills` rounds; returns how often the file held the old and the new version, and how
    many kills fell while a temporary file was being written (it is left behind)."""
    rng = random.Random(seed)
    blobs = [dumps_guide(g).encode("utf-8") for g in versions]
    names = ("old", "new")
    digests = {hashlib.sha256(b).hexdigest(): n for b, n in zip(blobs, names, strict=True)}
    target = folder / "killed.guide.yaml"
    target.write_bytes(blobs[0])
    pickled = folder / "versions.pickle"
    pickled.write_bytes(pickle.dumps(versions))
    cycle = _save_seconds(versions[0], folder)
    seen = {"old": 0, "new": 0, "mid-save": 0}
    loaded: set[str] = set()
    for _ in range(kills):
        child = _spawn(pickled, target)
        time.sleep(rng.uniform(0.0, 3 * cycle))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()  # type: ignore[union-attr]
        assert child.returncode == -signal.SIGKILL
        data = target.read_bytes()
        name = digests.get(hashlib.sha256(data).hexdigest())
        assert name is not None, f"partial guide on disk after a kill ({len(data)} bytes)"
        seen[name] += 1
        backup = target.with_name(target.name + ".bak")
        if backup.exists():
            assert hashlib.sha256(backup.read_bytes()).hexdigest() in digests
        # This kill left a save's temporary file behind (its name carries the child's pid;
        # the child's next successful save removes the files of the children killed before).
        seen["mid-save"] += any(folder.glob(f".killed.guide.yaml.*-{child.pid}.*.tmp"))
        if name not in loaded:  # equal bytes load the same way: once per version is enough
            assert load_guide(target) == versions[blobs.index(data)]
            loaded.add(name)
    # Kills leave the hidden temporary files of interrupted saves; the guide is never one.
    others = {p.name for p in folder.iterdir()} - {target.name, backup.name, pickled.name}
    assert all(n.startswith(".killed.guide.yaml.") and n.endswith(".tmp") for n in others)
    # The next successful save removes them all (every saving process is gone).
    save_guide(versions[0], target)
    assert {p.name for p in folder.iterdir()} == {target.name, backup.name, pickled.name}
    return seen


def test_kill_during_save_leaves_old_or_new_20_times(tmp_path: Path) -> None:
    # A quarter of a megabyte, so that 20 kills stay within a few seconds of the default run.
    seen = kill_saves(versions(500, 250), tmp_path, kills=20, seed=7)
    assert seen["old"] + seen["new"] == 20
    print(f"killed-save figures: {seen}")


@pytest.mark.slow
def test_kill_during_save_leaves_old_or_new_300_times(tmp_path: Path) -> None:
    seen = kill_saves(versions(2000, 1000), tmp_path, kills=300, seed=2026)
    assert seen["old"] + seen["new"] == 300
    assert seen["old"] and seen["new"]  # the kills really fell on both sides of the rename
    assert seen["mid-save"]  # and some in the middle of writing
    print(f"killed-save figures: {seen}")
