"""`reading-guide export`: files written, one final stderr line, one-line errors, exit codes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.cli import main
from reading_guide.commands.export import ProgressLine
from reading_guide.storage import dumps_guide, load_guide
from tests.export.conftest import pdf_text
from tests.export.guides import SECRET, fixture_guide

GUIDE = Path(__file__).resolve().parent.parent / "data" / "export" / "walking-fixture.guide.yaml"


def test_fixture_guide_file_is_the_guide_built_in_code():
    # If the model or the format changes, regenerate it with dumps_guide(fixture_guide()).
    assert load_guide(GUIDE) == fixture_guide()
    assert GUIDE.read_text(encoding="utf-8") == dumps_guide(fixture_guide())


def test_export_pdf_with_every_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "handout.pdf"
    status = main(["export", str(GUIDE), "-o", str(out), "--variant", "participant",
                   "--paper", "letter", "--large-print", "--fillable"])
    _, err = capsys.readouterr()
    assert status == 0
    pages = len(PdfReader(out).pages)
    assert err == f"{out}: participant handout, {pages} pages, " + err.split(", ")[-1]
    assert err.count("\n") == 1 and "\r" not in err  # not a terminal: no progress redraws
    assert PdfReader(out).get_fields()
    assert SECRET not in " ".join(pdf_text(out))


def test_export_html_by_extension_and_by_flag(tmp_path: Path):
    html = tmp_path / "handout.html"
    assert main(["export", str(GUIDE), "-o", str(html), "--variant", "facilitator"]) == 0
    assert SECRET in html.read_text(encoding="utf-8")
    forced = tmp_path / "handout.out"
    assert main(["export", str(GUIDE), "-o", str(forced), "--format", "html"]) == 0
    assert forced.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("case", ["missing-guide", "bad-guide", "unwritable"])
def test_errors_are_one_line_and_exit_1(tmp_path: Path, capsys, case: str):
    guide, out = GUIDE, tmp_path / "out.pdf"
    if case == "missing-guide":
        guide = tmp_path / "nope.guide.yaml"
    elif case == "bad-guide":
        guide = tmp_path / "bad.guide.yaml"
        guide.write_text("format: reading-guide/1\nquestions: 7\n", encoding="utf-8")
    else:
        out = tmp_path / "missing-folder" / "out.pdf"
    assert main(["export", str(guide), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(out if case == "unwritable" else guide) in err
    assert not out.exists()


def test_wrong_usage_exits_2(tmp_path: Path):
    with pytest.raises(SystemExit) as info:
        main(["export", str(GUIDE), "-o", str(tmp_path / "x.pdf"), "--variant", "teacher"])
    assert info.value.code == 2


def test_progress_line_redraws_on_a_terminal_only():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        line = ProgressLine(stream)
        line(0.0, "preparing")
        line(0.4, "laying out")
        line(1.0, "done")
        line.finish("out.pdf: done")
    assert "\rpreparing…   0%" in tty.getvalue() and "done… 100%" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[Kout.pdf: done\n")
    assert pipe.getvalue() == "out.pdf: done\n"
