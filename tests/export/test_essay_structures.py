"""Tables, verse, code, footnotes and struck text as they print (essay_html), marks included."""

from __future__ import annotations

from reading_guide.export.essay_html import Placed, essay_html
from reading_guide.model import Highlight, Quote
from reading_guide.render import parse

ESSAY = """# Structures

Prose with ~~struck~~ words and a note.[^1]

| Symptom | Cause |
|---|---|
| Fever | Infection |

Roses are red,\\
violets are blue.

```
def f(x):
    return x
```

[^1]: The note's text.
"""


def _html(placed: list[Placed] | None = None) -> str:
    return essay_html(parse(ESSAY), placed or [], private=False)


def test_a_table_prints_as_a_table_with_its_header_row() -> None:
    html = _html()
    assert '<table class="essay-table">' in html
    assert '<th><bdi dir="ltr">Symptom</bdi></th><th><bdi dir="ltr">Cause</bdi></th>' in html
    assert '<td><bdi dir="ltr">Fever</bdi></td><td><bdi dir="ltr">Infection</bdi></td>' in html
    assert "\t" not in html and "\u2028" not in html


def test_verse_and_code_keep_their_lines_and_notes_and_strikes_their_marks() -> None:
    html = _html()
    assert "Roses are red,<br>violets are blue." in html
    assert 'class="para code"' in html and "def f(x):<br>    return x" in html
    assert "<s>struck</s>" in html and "<sup>[1]</sup>" in html
    assert 'class="para footnote"' in html


def test_a_highlight_across_table_cells_is_marked_in_each_cell() -> None:
    doc = parse(ESSAY)
    table = next(b for b in doc.blocks if b.kind == "table")
    start = table.start + table.text.index("Cause")
    end = table.start + table.text.index("Infection") + len("Infection")
    highlight = Highlight(id="h1", category="claim", quote=Quote(exact=doc.text[start:end]))
    placed = [Placed(highlight, start, end, "hl c-0 m-underline", "underline", (1,))]
    html = essay_html(doc, placed, private=False)
    row = html[html.index("<table"):html.index("</table>")]
    assert row.count("hl c-0 m-underline") == 3  # Cause, Fever, Infection
    assert row.count('class="callout"') == 1
