"""The hostile corpus (tests/data/hostile/MANIFEST.yaml): each input ends in its stated outcome.

Every case runs in a child process (`run_case.py`) killed after the manifest's generous limit, so
a hang is a failure and not a stuck test run. The outcome must be the expected one: `ok` (with the
words that must be there, and none that must not), or an InputError whose one line names the file
and contains the expected words. Any other exception fails. Exports must read nothing outside the
resources folder and reach no network: a fetcher spy reports every URL, and a listening socket
whose port is written into the inputs must receive no connection.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from reading_guide.resources import resource_path
from tests.netguard import listening_port, was_contacted
from tests.reliability.hostile_gen import GENERATORS

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "MANIFEST.yaml").read_text("utf-8"))


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.slow] if case.get("slow") or case.get("known_bug") else []
    return pytest.param(case, id=f"{case['kind']}-{case['file']}", marks=marks)


@pytest.fixture(scope="module")
def listener() -> Iterator[socket.socket]:
    """A local port written into every input; nothing may ever connect to it."""
    with listening_port() as server:
        yield server


def materialise(case: dict[str, Any], folder: Path, port: int) -> Path:
    """The case's input in `folder`: generated, or copied with PORT replaced by the real port."""
    target = folder / case["file"]
    if case.get("generate"):
        GENERATORS[case["generate"]](target)
    else:
        data = (HOSTILE / case["file"]).read_bytes()
        target.write_bytes(data.replace(b":PORT/", f":{port}/".encode()))
    return target


def run_case(kind: str, path: Path, outdir: Path, limit: float) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.run_case", kind, str(path), str(outdir)],
            cwd=ROOT, capture_output=True, text=True, timeout=limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{kind} {path.name} did not finish within its limit of {limit} s")
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def allowed_url(url: str) -> bool:
    return url.startswith("data:") or url.startswith(resource_path().resolve().as_uri() + "/")


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile_input(case: dict[str, Any], tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    path = materialise(case, tmp_path, port)
    outdir = tmp_path / "out"
    outdir.mkdir()
    result = run_case(case["kind"], path, outdir, float(case["limit"]))
    assert result["outcome"] != "crash", result.get("traceback") or result["message"]
    if case["expected"] == "ok":
        assert result["outcome"] == "ok", result.get("message")
    else:
        assert result["outcome"] == "error", f"expected an error, got {result['outcome']}"
        message = result["message"]
        assert case["expected"] in message[:2000]
        assert "\n" not in message and message.startswith(str(path))
        if "max_message" in case:
            assert len(message) <= case["max_message"], f"a {len(message)}-character message"
    text = result.get("text", "") + "\n" + result.get("markdown", "")
    for words in case.get("present", []):
        assert words in result.get("text", ""), f"{words!r} is missing from the reading text"
    for words in case.get("absent", []):
        assert words not in text, f"{words!r} survived the import"
    if "highlights" in case:
        assert result["highlights"] == case["highlights"]
    if "orphans" in case:
        assert result["orphans"] == case["orphans"]
    if case.get("never_created"):
        assert not Path(case["never_created"]).exists()
    if case["kind"] == "export":
        assert result["pages"] >= 1 and Path(result["output"]).stat().st_size > 1000
        assert sorted(p.name for p in outdir.iterdir()) == ["handout.pdf"]  # no leftovers
        assert result["requested"], "the spy saw no request at all: is it still wired in?"
        assert [u for u in result["requested"] if not allowed_url(u)] == []
        assert [u for u in result["fetched"] if not allowed_url(u)] == []
        assert not result["embedded"], "the PDF carries an embedded file"
        assert [u for u in result["uris"] if not u.startswith(("http:", "https:", "mailto:"))] \
            == [], "a link in the PDF points at a file or a script"
    assert not was_contacted(listener), "something connected to the listening socket"


def test_every_committed_input_is_in_the_manifest() -> None:
    named = {c["file"] for c in CASES if not c.get("generate")}
    on_disk = {p.name for p in HOSTILE.iterdir() if p.name != "MANIFEST.yaml"}
    assert on_disk == named
    assert all(c["generate"] in GENERATORS for c in CASES if c.get("generate"))
    assert all(c["kind"] in ("guide", "essay", "export") for c in CASES)
