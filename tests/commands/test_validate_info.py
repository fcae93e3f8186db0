"""`validate` and `info`: the figures scripts rely on, and one stderr line for every bad guide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide.cli import main
from reading_guide.render import parse
from reading_guide.storage import MAX_GUIDE_BYTES, load_guide

ROOT = Path(__file__).resolve().parent.parent.parent
GUIDES = ROOT / "tests" / "data" / "guides"
GOOD = GUIDES / "walking.guide.yaml"
HAND = GUIDES / "hand-written.guide.yaml"
BAD = sorted((GUIDES / "bad").iterdir())


def _one_error_line(capsys: pytest.CaptureFixture[str], argv: list[str], name: str) -> str:
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert name in lines[0]
    assert "Traceback" not in err
    return out


def test_validate_good_guides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD), str(HAND)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"{GOOD}: ok (3 highlights, 3 questions)",
        f"{HAND}: ok (2 highlights, 2 questions)",
    ]


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(GOOD), str(HAND)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert report["guides"][0] == {
        "file": str(GOOD), "highlights": 3, "questions": 3, "orphans": 0, "review": 1,
    }
    assert report["guides"][1]["orphans"] == 1


def test_validate_stops_at_first_problem(capsys: pytest.CaptureFixture[str]) -> None:
    bad = GUIDES / "bad" / "bad-kind.guide.yaml"
    out = _one_error_line(capsys, ["validate", str(GOOD), str(bad), str(HAND)], str(bad))
    assert out.splitlines() == [f"{GOOD}: ok (3 highlights, 3 questions)"]


def test_validate_json_failure(capsys: pytest.CaptureFixture[str]) -> None:
    bad = GUIDES / "bad" / "future-format.guide.yaml"
    out = _one_error_line(capsys, ["validate", "--json", str(bad)], str(bad))
    report = json.loads(out)
    assert report["ok"] is False and "made by a newer version" in report["error"]


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
@pytest.mark.parametrize("command", ["validate", "info"])
def test_every_bad_guide_is_one_line(
    capsys: pytest.CaptureFixture[str], path: Path, command: str
) -> None:
    out = _one_error_line(capsys, [command, str(path), "--json"], str(path))
    if command == "info":
        assert out == ""


def test_missing_folder_and_big_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.guide.yaml"
    _one_error_line(capsys, ["validate", str(missing)], str(missing))
    _one_error_line(capsys, ["info", str(tmp_path)], str(tmp_path))
    big = tmp_path / "big.guide.yaml"
    big.write_bytes(b"#" * (MAX_GUIDE_BYTES + 1))
    _one_error_line(capsys, ["validate", str(big)], str(big))


def test_bad_guide_through_python_dash_m() -> None:
    bad = GUIDES / "bad" / "alias-bomb.guide.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "reading_guide", "validate", str(bad)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"reading-guide: {bad}: line 2, column 4: YAML anchors are not allowed in a guide (&a)"
    ]


def test_info_json_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(GOOD), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    guide = load_guide(GOOD)
    doc = parse(guide.essay.text)
    assert info["file"] == str(GOOD)
    assert info["title"] == guide.title
    assert info["essay"] == {"title": "On Walking", "author": "A. Walker",
                             "sha256": guide.essay.sha256}
    assert (info["paragraphs"], info["headings"]) == (6, 2)
    assert info["words"] == len(doc.text.split())
    assert info["questions"] == 3
    assert info["questions_by_stage"] == {"opening": 1, "core": 1, "closing": 1}
    assert info["questions_by_kind"] == {"factual": 1, "interpretive": 1, "evaluative": 1}
    assert info["planned_minutes"] == 5 + 15 + 10
    assert info["session_minutes"] == 90
    assert info["statuses"] == {"exact": 2, "fuzzy": 0, "review": 1, "orphan": 0}
    h2 = info["highlights"][1]
    assert h2["id"] == "h2" and h2["category"] == "evidence" and h2["status"] == "exact"
    assert h2["text"] == "every walker makes the road again"
    assert doc.text[h2["start"] : h2["end"]] == h2["text"]
    assert h2["paragraph"] == 2  # the road paragraph: the second non-heading block


def test_info_reports_orphan_and_places_quote_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(HAND), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    placed, lost = info["highlights"]
    assert placed["status"] == "exact" and placed["text"] == "The dog did not."
    assert placed["paragraph"] == 1
    assert lost["status"] == "orphan"
    assert (lost["start"], lost["end"], lost["paragraph"]) == (None, None, None)
    assert lost["text"] == "a sentence that is not in the essay"
    assert info["statuses"]["orphan"] == 1


def test_info_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(HAND)]) == 0
    out = capsys.readouterr().out
    assert "A hand-made guide" in out
    assert "h2: orphan" in out
    assert "planned 5 min of a 60 min session" in out


def test_info_says_why_and_keeps_the_quote_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A hand-written guide leaves placement to the app: `info` reports the status opening gave
    each highlight, with the reason and the quote as written; saved, the file stores exactly
    that, and `info` of the saved file reports the same."""
    from reading_guide.storage import save_guide

    assert main(["info", str(HAND), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["highlights"]
    placed, lost = first
    assert placed["quote"] == "The dog did not." and placed["reason"] == ""
    assert lost["quote"] == "a sentence that is not in the essay" and lost["reason"]
    saved = tmp_path / "saved.guide.yaml"
    save_guide(load_guide(HAND), saved)
    assert main(["info", str(saved), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["highlights"]
    assert [(r["status"], r["start"], r["end"], r["quote"]) for r in again] == [
        (r["status"], r["start"], r["end"], r["quote"]) for r in first]
