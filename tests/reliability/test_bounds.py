"""Inputs outside the project's control end as the project's one-line error (issue 18 item 7),
through the real command line: numbers of any length in every number field, dates that Python
would take but the format does not, list and text bounds, and links the handout must not keep.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reading_guide.cli import main

WALKING = Path(__file__).resolve().parents[1] / "data" / "guides" / "walking.guide.yaml"
HUGE = "9" * 5000

# (what is replaced, by what, the place the error must name)
CASES = [
    ("minutes: 90", f"minutes: {HUGE}", "session.minutes"),
    ("minutes: 90", f"minutes: -{HUGE}", "session.minutes"),
    ("minutes: 5", f"minutes: {HUGE}", "questions[0].minutes"),
    ("answer_lines: 4", f"answer_lines: {HUGE}", "questions[1].answer_lines"),
    ("position: {start: 11, end: 48}", f"position: {{start: {HUGE}, end: 48}}",
     "highlights[0].position.start"),
    ("position: {start: 11, end: 48}", f"position: {{start: 11, end: {HUGE}}}",
     "highlights[0].position.end"),
    ("date: '2026-12-01'", "date: 2026-W01-1", "session.date"),
    ("date: '2026-12-01'", "date: '2026-12-01T10:00'", "session.date"),
    ("date: '2026-12-01'", "date: '+2026-12-01'", "session.date"),
    ("  language: en", "  language: " + "e" * 5000, "essay.language"),
    ("title: Discussion guide for On Walking", "title: " + "t" * 100_000, "title"),
    ("  - Who went before?", "\n".join(["  - f"] * 101), "questions[1].follow_ups"),
]


@pytest.mark.parametrize(("old", "new", "where"), CASES, ids=[c[2] + f"-{i}" for i, c in
                                                                enumerate(CASES)])
def test_a_value_past_the_tables_bounds_is_one_line_naming_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: str
) -> None:
    text = WALKING.read_text(encoding="utf-8")
    assert old in text
    guide = tmp_path / "g.guide.yaml"
    guide.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["validate", str(guide)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 400, err[:400]
    assert re.search(rf": {re.escape(where)}: (expected|too)", err), err
    assert "internal error" not in err


def test_a_handout_keeps_no_mailto_parameters_and_no_other_scheme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = WALKING.read_text(encoding="utf-8")
    links = ("[a](mailto:?attach=/etc/passwd) [b](mailto:me@example.org?attach=/etc/passwd) "
             "[c](file:///etc/passwd) [d](java\tscript:alert(1)) [e](mailto:me@example.org)")
    guide = tmp_path / "g.guide.yaml"
    guide.write_text(text.replace("introduction: |\n", f"introduction: |\n  {links}\n\n", 1),
                     encoding="utf-8")
    out = tmp_path / "h.html"
    assert main(["export", str(guide), "-o", str(out), "--format", "html"]) == 0
    html = out.read_text(encoding="utf-8")
    # Handouts print links as words (export/user_text.py): no refused address survives, not
    # even as text, and the good one prints as its address.
    assert re.findall(r'href="(mailto:[^"]*|file:[^"]*|java[^"]*)"', html) == []
    assert "?attach=" not in html and "file:" not in html
    assert "(me@example.org)" in html
    capsys.readouterr()
