"""A bad value in a guide file gives one *readable* line, however long the value is.

An InputError is shown in a dialog or on stderr; a line that quotes a 1 MB value in full is one
line in name only. Every place the loader quotes a value back must shorten it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.storage import load_guide

LONG = "x" * 100_000
BASE = """format: reading-guide/1
essay:
  language: {language}
  text: |
    Hello there.
session: {{date: "{date}"}}
categories:
  - {{id: {cat_id}, label: Claim}}
highlights:
  - {{id: h1, category: {category}, quote: {{exact: Hello}}}}
questions:
  - {{id: q1, highlight: {highlight}, text: Why?, kind: {kind}}}
"""
GOOD = dict(language="en", date="2026-12-01", cat_id="claim", category="claim", highlight="h1",
            kind="factual")


@pytest.mark.parametrize(("field", "where"), [
    ("language", "essay.language"),
    ("date", "session.date"),
    ("cat_id", "categories[0].id"),
    ("category", "highlights[0].category"),
    ("highlight", "questions[0].highlight"),
    ("kind", "questions[0].kind"),
])
def test_a_huge_bad_value_gives_a_short_line(tmp_path: Path, field: str, where: str) -> None:
    path = tmp_path / "g.guide.yaml"
    path.write_text(BASE.format(**GOOD), encoding="utf-8")
    load_guide(path)  # the template itself is a good guide
    bad = LONG if field != "cat_id" else "-" + LONG  # an id must start with a letter or digit
    path.write_text(BASE.format(**{**GOOD, field: bad}), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_guide(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line ") and where in message and "\n" not in message
    assert len(message) < 400, f"a {len(message)}-character line for {where}"
