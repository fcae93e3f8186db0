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
    # Code keeps its indentation (no-break spaces: HTML folds plain ones).
    assert 'class="para code"' in html and "def f(x):<br>\u00a0\u00a0\u00a0\u00a0return x" in html
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


def test_a_highlight_in_code_marks_the_same_words_across_lines_blank_lines_and_indents() -> None:
    doc = parse("```\nfirst()\n\n    second()\n        third()\n```\n")
    code = doc.blocks[0]
    assert doc.text == "first() second() third()"  # the reading text is folded
    start, end = doc.text.index("second"), doc.text.index("third") + len("third")
    highlight = Highlight(id="h1", category="claim", quote=Quote(exact=doc.text[start:end]))
    placed = [Placed(highlight, start, end, "hl c-0 m-underline", "underline", (1,))]
    html = essay_html(doc, placed, private=False)
    nbsp = "\u00a0"
    # A blank line, then the indented lines; the mark starts at "second" (after its indent)
    # and covers the next line's indent only inside the passage.
    assert f"first()<br><br>{nbsp * 4}<span" in html
    marked = "".join(part.split(">", 1)[1] for part in html.split('<span class="hl')[1:])
    assert "second()" in marked and "third" in marked and "first" not in marked
    assert code.breaks == (7, 16) and code.gaps == (7,)
