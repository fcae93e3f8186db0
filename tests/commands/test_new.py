"""`reading-guide new`: essay in, guide file out, with the clean-up report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide.cli import main
from reading_guide.model.guide import DEFAULT_CATEGORIES
from reading_guide.render import parse
from reading_guide.storage import load_guide

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def essays(data_dir: Path) -> Path:
    return data_dir / "essays"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["new", *argv, "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return json.loads(out)


def test_new_writes_a_guide_that_loads(essays: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "long-table.guide.yaml"
    report = run_json(capsys, str(essays / "flawed.md"), "-o", str(target))
    guide = load_guide(target)
    assert guide.title == "Discussion guide for The Long Table"
    assert guide.essay.title == "The Long Table"
    assert guide.essay.source == "flawed.md"
    assert [c.id for c in guide.categories] == [c.id for c in DEFAULT_CATEGORIES]
    doc = parse(guide.essay.text)
    assert (report["paragraphs"], report["headings"], report["words"]) == (
        doc.paragraphs, doc.headings, doc.words
    )
    assert report["guide"] == str(target)
    assert report["title"] == "The Long Table"
    assert {r["kind"] for r in report["repairs"]} == {
        "heading-bold", "dropped-link", "joined-paragraph", "raw-html", "dropped-html"
    }
    for repair in report["repairs"]:
        assert set(repair) == {"kind", "where", "before", "after"}


def test_new_does_not_share_category_objects(essays: Path) -> None:
    from reading_guide.commands.new import guide_from_essay
    from reading_guide.render import import_essay

    guide = guide_from_essay(import_essay(essays / "flawed.md"))
    guide.categories[0].label = "Changed"
    assert DEFAULT_CATEGORIES[0].label != "Changed"


def test_new_on_the_shared_essay_reports_the_figures(shared_dir: Path, tmp_path: Path,
                                                     capsys) -> None:
    essay = shared_dir / "essays" / "000_ed50c717535195b8.txt"
    report = run_json(capsys, str(essay), "-o", str(tmp_path / "g.guide.yaml"))
    counts = {r["kind"]: r.get("count", 1) for r in report["repairs"]}  # grouped past 3
    assert (report["paragraphs"], report["headings"]) == (19, 2)
    assert (counts["joined-paragraph"], counts["dropped-link"]) == (4, 5)
    assert report["title"] == "Building Class Power, Not Electoralism, Is the Future of the Left"


def test_title_option(essays: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "t.guide.yaml"
    report = run_json(capsys, str(essays / "hostile.html"), "-o", str(target), "--title", "Mine")
    assert report["title"] == "Mine"
    assert load_guide(target).essay.title == "Mine"


def test_refuses_to_overwrite_without_force(essays: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "g.guide.yaml"
    target.write_text("precious work\n", encoding="utf-8")
    assert main(["new", str(essays / "flawed.md"), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and str(target) in err
    assert target.read_text(encoding="utf-8") == "precious work\n"
    assert main(["new", str(essays / "flawed.md"), "-o", str(target), "--force"]) == 0
    assert load_guide(target).essay.title == "The Long Table"


def test_never_writes_over_the_essay_even_with_force(essays: Path, tmp_path: Path,
                                                    capsys) -> None:
    essay = tmp_path / "essay.md"
    essay.write_bytes((essays / "flawed.md").read_bytes())
    assert main(["new", str(essay), "-o", str(essay), "--force"]) == 1
    assert "essay itself" in capsys.readouterr().err
    assert essay.read_bytes() == (essays / "flawed.md").read_bytes()


def test_human_summary_lists_each_repair(essays: Path, tmp_path: Path, capsys) -> None:
    assert main(["new", str(essays / "flawed.md"), "-o", str(tmp_path / "g.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "The Long Table" in out[0]
    assert "6 repairs" in out[1]
    assert len(out) == 2 + 6
    # In the words the app's clean-up report uses, with where and the essay's own words.
    assert any(line.strip().startswith("Removed bold around a heading (heading 1): “")
               for line in out)


def test_human_summary_says_what_was_left_out_in_words(tmp_path: Path, capsys) -> None:
    """A picture, a page number or Gutenberg's licence left out is said in words: no markup a
    reader of the book never saw, no empty “” → “” for text that had no words."""
    from tests.render.documents_gen import epub, write

    chapters = [("One", '<p>Before the plate.</p><img src="plate.jpg" alt="The Cresta run"/>'
                        + "".join(f'<p>Words {n}<span class="pagenum" title="{n}"></span> '
                                  f"and more words.</p>" for n in range(1, 6)))]
    book = write(tmp_path / "plates.epub", epub(chapters))
    assert main(["new", str(book), "-o", str(tmp_path / "g.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("6 paragraphs, 1 heading, ")  # one heading: not "1 headings"
    lines = out[2:]
    assert any(line.strip().startswith("Left out a picture") and "The Cresta run" in line
               for line in lines), lines
    assert lines and not [line for line in lines if "“”" in line or "<img" in line], lines


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("binary.md", "not a text file"),
        ("undetectable.txt", "encoding could not be detected"),
        ("empty.md", "empty"),
        ("essay.rtf", "accepted"),
        ("absent.md", "no such file"),
    ],
)
def test_bad_essays_give_one_line_and_exit_1(essays: Path, tmp_path: Path, capsys,
                                             name: str, problem: str) -> None:
    target = tmp_path / "g.guide.yaml"
    assert main(["new", str(essays / name), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err and name in err
    assert not target.exists()


def test_subprocess_exit_codes_and_one_line_errors(essays: Path, tmp_path: Path) -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reading_guide", "new", *argv],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
        )

    target = tmp_path / "g.guide.yaml"
    ok = run(str(essays / "crlf.md"), "-o", str(target), "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["title"] == "Line Endings"
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    bad_inputs = (essays / "binary.md", essays / "undetectable.txt", essays / "empty.md",
                  essays / "essay.rtf", tmp_path / "absent.md", tmp_path, huge)
    for bad in bad_inputs:
        result = run(str(bad), "-o", str(tmp_path / "other.guide.yaml"))
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert str(bad) in result.stderr
    again = run(str(essays / "crlf.md"), "-o", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr
    usage = run(str(essays / "crlf.md"))  # no -o: wrong usage
    assert usage.returncode == 2
