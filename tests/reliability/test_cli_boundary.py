"""The corpus at the user's boundary: the command line never shows a traceback.

For the committed hostile inputs (and the cheap generated ones), the real commands run in a child
process: `new` for an essay, then `validate` on the guide it wrote (every essay that imports must
give a valid guide); `validate` then `export --format html` for a guide. Exit status is 0 or 1;
on 1, stderr is exactly one line, `reading-guide: FILE: ...`, with the manifest's words in it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.test_hostile import CASES, materialise

ROOT = Path(__file__).resolve().parents[2]
CHEAP = {"deep_yaml_flow", "deep_yaml_block", "big_guide_21mb", "big_essay_21mb",
         "long_language_value", "megabyte_line_guide"}
CLI_CASES = [c for c in CASES if c["kind"] in ("guide", "essay") and not c.get("slow")
             and not c.get("known_bug") and (not c.get("generate") or c["generate"] in CHEAP)]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reading_guide", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _check_failure(done: subprocess.CompletedProcess[str], path: Path, words: str) -> None:
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reading-guide: {path}: "), lines[:3]
    assert words in lines[0]


@pytest.mark.parametrize("case", CLI_CASES, ids=[f"{c['kind']}-{c['file']}" for c in CLI_CASES])
def test_the_command_line_ends_in_a_result_or_one_line(case: dict[str, Any],
                                                        tmp_path: Path) -> None:
    path = materialise(case, tmp_path, port=9)
    if case["kind"] == "essay":
        guide = tmp_path / "imported.guide.yaml"
        done = cli("new", str(path), "-o", str(guide))
        if case["expected"] != "ok":
            _check_failure(done, path, case["expected"])
            assert not guide.exists()
            return
        assert done.returncode == 0, done.stderr[-2000:]
        path = guide
    done = cli("validate", str(path))
    if case["expected"] != "ok" and case["kind"] == "guide":
        _check_failure(done, path, case["expected"])
        return
    assert done.returncode == 0, done.stderr[-2000:]
    out = tmp_path / "handout.html"
    done = cli("export", str(path), "-o", str(out), "--format", "html")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in out.read_text(encoding="utf-8")
