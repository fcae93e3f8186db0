"""The reading text stays the folded one for every block kind (docs/FORMAT.md "reading text").

Guides count positions in it and quote it, so its form is a promise: one space wherever the
source had a line break or a run of white space inside a block, whatever the block's kind. The
line structure (verse lines, code lines and indentation, table rows) rides beside it. Guides
saved in the few days when U+2028 stood inside blocks load with their highlights placed again
from their quotes, and cached parses of that form are never reused.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.render import import_essay_text, parse
from reading_guide.render.display import shown
from reading_guide.render.document import LINE_BREAK
from reading_guide.storage import cache, loads_guide, parse_cache

ESSAY = """# Lines

Roses are red,\\
violets are blue.

```
// Original line
add(multiply(flock_b, goats), 1)

    indented()
```

| Symptom | Cause |
|---|---|
| Fever | Infection |

Prose.[^1]

[^1]: A note.
"""


def _folded(markdown: str) -> list[str]:
    """Each block's text as the folded form defines it: white space runs to one space."""
    return [" ".join(b.text.split()) if b.kind != "table" else b.text
            for b in parse(markdown).blocks]


def test_every_block_kind_is_folded_to_one_space_per_run() -> None:
    doc = parse(ESSAY)
    assert doc.text == ("Lines\nRoses are red, violets are blue.\n"
                        "// Original line add(multiply(flock_b, goats), 1) indented()\n"
                        "Symptom\tCause Fever\tInfection\nProse.[1]\nA note.")
    assert LINE_BREAK not in doc.text
    assert [b.text for b in doc.blocks] == _folded(ESSAY)


def test_a_passage_written_against_the_folded_text_is_found_in_code() -> None:
    # ../shared/anchoring/real-revisions/05-mostly-adequate-ch1 h18 quotes code this way.
    assert "// Original line add(multiply(flock_b, goats)" in parse(ESSAY).text


def test_the_lines_are_beside_the_text_and_shown_one_for_one() -> None:
    verse, code, table = (b for b in parse(ESSAY).blocks if b.kind in ("verse", "code",
                                                                        "table"))
    assert shown(verse).text == "Roses are red,\u2028violets are blue."
    assert len(shown(verse).text) == len(verse.text)  # a break is the space it replaces
    assert shown(code).text == ("// Original line\u2028add(multiply(flock_b, goats), 1)"
                                "\u2028\u2028    indented()")
    assert code.gaps == (code.breaks[1],)
    assert table.cells() == [[(0, 7), (8, 13)], [(14, 19), (20, 29)]]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word", "  ", "\n", "\t", "\u00a0", "é", "    x", "\\\n"]),
                max_size=20))
def test_code_verse_and_prose_fold_alike(pieces: list[str]) -> None:
    """The same characters give the same reading text as prose, verse or code (except that
    code keeps backslashes and prose reads `\\` + line end as a hard break)."""
    body = "".join(pieces).replace("\\", "")
    code = parse(f"```\n{body}\n```\n")
    expected = " ".join(body.split())
    assert [b.text for b in code.blocks] == ([expected] if expected else [])
    for block in code.blocks:
        assert all(block.text[b] == " " for b in block.breaks)
        assert set(block.gaps) <= set(block.breaks)
        assert all(0 <= at <= len(block.text) and n > 0 for at, n in block.pads)


def test_a_guide_saved_with_line_separators_loads_with_its_passages_placed_again() -> None:
    essay = "```\nfirst()\n\n    second()\n```\n\nRoses are red,\\\nviolets are blue.\n"
    # What the U+2028 form made of it: a blank line and an indent inside the code's text.
    old_text = "first()\u2028\u2028    second()\nRoses are red,\u2028violets are blue."
    start = old_text.index("Roses")
    end = old_text.index("violets") + len("violets")
    quoted = old_text[start:end]
    guide = loads_guide(
        "format: reading-guide/1\ntitle: T\nessay:\n  title: E\n  text: |\n"
        + "".join(f"    {line}\n" if line else "\n" for line in essay.split("\n"))
        + "categories:\n  - {id: claim, label: Claim, color: '#f2c94c', mark: underline}\n"
        + "highlights:\n  - id: h1\n    category: claim\n"
        + f'    quote: {{exact: "{quoted.replace(LINE_BREAK, chr(92) + "L")}"}}\n'
        + f"    position: {{start: {start}, end: {end}}}\n"
    )
    text = parse(essay).text
    (h1,) = guide.highlights
    assert h1.position is not None
    assert text[h1.position.start:h1.position.end] == "Roses are red, violets"
    assert h1.status in (None, "exact")  # the same words: nothing for a person to review


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READING_GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_cached_parse_of_the_line_separator_form_is_never_used(cache_folder: Path) -> None:
    markdown = "Roses are red,\\\nviolets are blue.\n"
    fresh = parse(markdown)
    old = ((("verse", "Roses are red,\u2028violets are blue.", (), 1, 1, "", 0, (), (), ()),),
           "Roses are red,\u2028violets are blue.")
    assert parse_cache.document_from_plain(old) is None
    # Even under this code's own key (a frozen build, whose files never change).
    key = cache.entry_key(parse_cache.fingerprint(*parse_cache.SOURCES),
                          markdown.encode("utf-8"))
    cache.store(parse_cache.KIND, key, old)
    assert parse_cache.parse_cached(markdown) == fresh
    assert parse_cache.parse_cached(markdown) == fresh  # now from the cache, same document


def test_the_cache_keys_name_the_reading_text_form(monkeypatch: pytest.MonkeyPatch) -> None:
    before = parse_cache.fingerprint(*parse_cache.SOURCES)
    monkeypatch.setattr(parse_cache, "READING_TEXT_FORM", 2)
    assert parse_cache.fingerprint(*parse_cache.SOURCES) != before
    assert re.search(r"reading text form 2$", parse_cache.fingerprint("model"))


def test_imported_html_and_plain_text_fold_the_same_way() -> None:
    html = import_essay_text("<p>Roses are red,<br>violets are blue.</p><pre>a()\n    b()"
                             "</pre><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2"
                             "</td></tr></table>", "html", "page.html").document
    assert html.text == "Roses are red, violets are blue.\na() b()\nA\tB 1\t2"
    assert [shown(b).text for b in html.blocks] == [
        "Roses are red,\u2028violets are blue.", "a()\u2028    b()", "A\tB\u20281\t2"]
    text = import_essay_text("Title\n\nThe river runs,\nthe mill wheel turns,\nand no one owns\n"
                             "the light that burns.\n", "text", "poem.txt").document
    assert LINE_BREAK not in text.text
    assert any(b.kind == "verse" and len(b.breaks) == 3 for b in text.blocks)
