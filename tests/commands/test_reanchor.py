"""`reading-guide reanchor`: a guide moved onto a revised essay, reported per highlight."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reading_guide.anchoring import describe_selection
from reading_guide.cli import main
from reading_guide.model import Guide, Highlight, Position, Question
from reading_guide.render import parse
from reading_guide.storage import load_guide, save_guide

# quote on v1 -> (allowed statuses, where it must land in v2's reading text or None)
EXPECT = {
    "bell kept the hours": ({"exact"}, "bell kept the hours"),
    "the colour of every bolt of cloth and the labour": (
        {"fuzzy"}, "the color of every bolt of cloth and the labor"),
    'the mayor said "enough" the crowd went home': (
        {"exact", "fuzzy"}, "the mayor said “enough” the crowd went home"),
    "The commitee that settled the strike": ({"fuzzy"}, "The committee that settled the strike"),
    "they are dull -- which is itself a kind of evidence": (
        {"exact", "fuzzy"}, "they are dull — which is itself a kind of evidence"),
    "the long, slow and painful decline of the old mills": (
        {"fuzzy", "review"}, "the slow decline of the old mills"),
    "The bell was sold to a museum far away.": ({"orphan", "review"}, None),
    "Beginnings": ({"orphan", "review"}, None),
}


@pytest.fixture
def guide_path(data_dir: Path, tmp_path: Path) -> Path:
    """A guide on mill-v1.md with one highlight per expectation and a question on each."""
    path = tmp_path / "mill.guide.yaml"
    assert main(["new", str(data_dir / "anchoring" / "mill-v1.md"), "-o", str(path)]) == 0
    guide = load_guide(path)
    guide.essay.author = "A. Historian"
    text = parse(guide.essay.text).text
    for n, exact in enumerate(EXPECT, 1):
        start = text.index(exact)
        quote = describe_selection(text, start, start + len(exact))
        guide.highlights.append(Highlight(f"h{n}", "claim", quote,
                                          Position(start, start + len(exact)), note=f"note {n}"))
        guide.questions.append(Question(f"q{n}", f"Question {n}?", highlight=f"h{n}"))
    save_guide(guide, path)
    return path


def _run_json(capsys, *argv: str) -> dict:
    assert main(["reanchor", *argv, "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return json.loads(out)


def test_reanchor_reports_every_highlight_and_writes_the_new_guide(
    guide_path: Path, data_dir: Path, tmp_path: Path, capsys
) -> None:
    v2 = data_dir / "anchoring" / "mill-v2.md"
    out = tmp_path / "mill-v2.guide.yaml"
    info = _run_json(capsys, str(guide_path), "--essay", str(v2), "-o", str(out))
    new = load_guide(out)
    text = parse(new.essay.text).text
    assert "## How It Began" in new.essay.text and "Beginnings" not in new.essay.text
    assert (new.essay.title, new.essay.author) == ("The Mill on the River", "A. Historian")
    rows = {r["id"]: r for r in info["highlights"]}
    assert list(rows) == [f"h{n}" for n in range(1, len(EXPECT) + 1)]
    for n, (allowed, landing) in enumerate(EXPECT.values(), 1):
        row, h = rows[f"h{n}"], new.highlight(f"h{n}")
        assert row["status"] in allowed, row
        assert set(row) >= {"id", "status", "confidence", "start", "end", "text"}
        if landing is not None:
            assert text[row["start"] : row["end"]] == landing == row["text"]
        if row["status"] in ("exact", "fuzzy"):
            assert landing is not None and row["text"] == landing
        if row["status"] == "orphan":
            assert h.position is None and row["start"] is None and row["reason"]
        else:
            assert (h.position.start, h.position.end) == (row["start"], row["end"])
        assert h.anchor_status == row["status"]  # saved unless exact
        assert h.note == f"note {n}"  # nothing dropped
    assert len(new.questions) == len(EXPECT)
    assert sum(info["summary"].values()) == len(EXPECT)
    assert info["summary"]["orphan"] + info["summary"]["review"] >= 2


def test_reanchor_prints_a_readable_table(guide_path: Path, data_dir: Path, tmp_path: Path,
                                           capsys) -> None:
    v2 = data_dir / "anchoring" / "mill-v2.md"
    assert main(["reanchor", str(guide_path), "--essay", str(v2), "-o",
                 str(tmp_path / "o.yaml")]) == 0
    out = capsys.readouterr().out
    assert "h1" in out and "exact" in out and f"{len(EXPECT)} highlights:" in out


def test_the_output_guide_opens_with_the_same_statuses(guide_path: Path, data_dir: Path,
                                                       tmp_path: Path, capsys) -> None:
    out = tmp_path / "o.yaml"
    info = _run_json(capsys, str(guide_path), "--essay",
                     str(data_dir / "anchoring" / "mill-v2.md"), "-o", str(out))
    reopened: Guide = load_guide(out)
    assert [h.anchor_status for h in reopened.highlights] == [
        r["status"] for r in info["highlights"]
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary\xff\xfe", "")],
)
def test_a_bad_revised_essay_is_one_line_on_stderr(
    guide_path: Path, tmp_path: Path, capsys, content: bytes, message: str
) -> None:
    essay = tmp_path / "v2.md"
    essay.write_bytes(content)
    out = tmp_path / "o.yaml"
    assert main(["reanchor", str(guide_path), "--essay", str(essay), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(essay) in err and message in err
    assert "Traceback" not in err and "internal error" not in err
    assert not out.exists()


def test_a_missing_guide_or_a_folder_as_output_is_one_line(
    guide_path: Path, data_dir: Path, tmp_path: Path, capsys
) -> None:
    v2 = str(data_dir / "anchoring" / "mill-v2.md")
    assert main(["reanchor", str(tmp_path / "nope.yaml"), "--essay", v2, "-o",
                 str(tmp_path / "o.yaml")]) == 1
    assert main(["reanchor", str(guide_path), "--essay", v2, "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "internal error" not in err


def test_the_report_is_what_the_file_stores_and_a_second_move_changes_nothing(
    guide_path: Path, data_dir: Path, tmp_path: Path, capsys
) -> None:
    v2 = str(data_dir / "anchoring" / "mill-v2.md")
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    moved = _run_json(capsys, str(guide_path), "--essay", v2, "-o", str(first))
    assert main(["info", str(first), "--json"]) == 0
    stored = json.loads(capsys.readouterr().out)["highlights"]
    assert [(r["id"], r["status"], r["start"], r["end"]) for r in moved["highlights"]] == [
        (r["id"], r["status"], r["start"], r["end"]) for r in stored]
    again = _run_json(capsys, str(first), "--essay", v2, "-o", str(second))
    assert [(r["status"], r["start"], r["end"]) for r in again["highlights"]] == [
        (r["status"], r["start"], r["end"]) for r in moved["highlights"]]
    assert second.read_bytes() == first.read_bytes()


def test_a_move_keeps_each_quote_as_the_person_chose_it(
    guide_path: Path, data_dir: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "o.yaml"
    info = _run_json(capsys, str(guide_path), "--essay",
                     str(data_dir / "anchoring" / "mill-v2.md"), "-o", str(out))
    before, after = load_guide(guide_path), load_guide(out)
    text = parse(after.essay.text).text
    for old, new, row in zip(before.highlights, after.highlights, info["highlights"],
                             strict=True):
        assert new.quote == old.quote and row["quote"] == old.quote.exact
        if new.placed is not None:  # placed on other words: they are described beside it
            assert new.status in ("fuzzy", "review")
            assert text[new.position.start : new.position.end] == new.placed.exact
