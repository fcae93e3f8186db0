"""commands/warm_cache.py: the child that reads a guide while Qt starts. Run in a fresh process
each time: forking the test process (Qt's threads running) would not be safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the cache warmer forks, which the app does on Linux only")

PROBE = """
import sys, time
from reading_guide.commands.warm_cache import CacheWarmer
from reading_guide.storage.opening import read_cached
path, timeout = sys.argv[1], float(sys.argv[2])
before = read_cached(path) is not None
warmer = CacheWarmer.start(path)
ok = warmer.wait(timeout)
print(before, ok, read_cached(path) is not None, "yaml" in sys.modules)
"""


def _probe(path: Path, cache: Path, timeout: float = 10.0, **env: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), str(timeout)], capture_output=True, text=True,
        cwd=ROOT, timeout=60, env=dict(os.environ, READING_GUIDE_CACHE_DIR=str(cache), **env))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the child says nothing, whatever happens to it
    return result.stdout.split()


def test_the_child_fills_the_cache_and_this_process_needs_no_yaml(tmp_path, sample_guide_path):
    assert _probe(sample_guide_path, tmp_path / "cache") == ["False", "True", "True", "False"]


def test_a_broken_guide_fails_in_the_child_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.guide.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    assert _probe(broken, tmp_path / "cache") == ["False", "False", "False", "False"]
    assert not (tmp_path / "cache" / "opened").exists()


def test_a_child_that_takes_too_long_is_stopped(tmp_path, sample_guide_path) -> None:
    # A zero timeout: the child is killed at once and reaped; the window reads the file itself.
    words = _probe(sample_guide_path, tmp_path / "cache", timeout=0.0)
    assert words[:2] == ["False", "False"]


def test_no_zombie_is_left(tmp_path, sample_guide_path) -> None:
    probe = PROBE + "import os\ntry:\n    os.waitpid(-1, os.WNOHANG)\n    print('CHILD_LEFT')\n" \
        "except ChildProcessError:\n    print('NO_CHILD')\n"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(sample_guide_path), "10"], capture_output=True,
        text=True, cwd=ROOT, timeout=60,
        env=dict(os.environ, READING_GUIDE_CACHE_DIR=str(tmp_path / "cache")))
    assert result.stdout.split()[-1] == "NO_CHILD", result.stderr
