"""Clean-up on arbitrary Markdown: it never changes a word, and the stored text gives the document.

The fixtures cover each repair on purpose; this throws mixtures of flaws and awkward Markdown
(flaws inside quotes and lists, reference links, code, setext headings) at it. A picture stands
inside a sentence here: a paragraph made only of pictures is left out before clean-up (and
reported; tests/render/test_import_layouts.py), so its alt text is not a word of the essay.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.render import import_essay_text, parse
from reading_guide.render.markdown import parse_blocks

FRAGMENTS = [
    "", "", "", "# Title", "## **Bold heading**", "### __Under__ ###", "**Setext bold**", "===",
    "---", "Sentence ends here.", "a sentence without an end", "lower case continues",
    "Upper without stop", "see [the link](#) here", "[empty]() and [web](https://x.org)",
    "[ref link][r]", "[r]: #", "> quoted without stop", "> > lower nested", ">",
    "- item without stop", "  lower continuation", "1. first", "2) second [dead](#)",
    "```", "code line", "    indented code", "*em* and **strong** with `code`",
    "Cafe\u0301 decomposed", "raw <b html", "\\# escaped", "***", "see ![alt](x.png) inline",
    "[a [nested] bracket](#)", "word\u00a0nbsp", "😀 astral", "text  ", "back\\",
    # A placeholder link whose removal would change how a line starts (a list item, a
    # heading) or let emphasis pair across it: checked by parsing the blocks again.
    "[1](#). after", "[-](#) dash", "[#](#) hash", "](#) stray", "*a [b*](#) c*",
    "lower [x](#) continues", "`tick [y`](#)`",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25))
def test_clean_up_keeps_words_and_stored_markdown_gives_the_document(lines: list[str]) -> None:
    raw = "\n".join(lines)
    original = " ".join(b.text for b in parse_blocks(raw))
    if not original.strip():
        return
    essay = import_essay_text(raw, "markdown", "gen.md")
    assert essay.document.text.split() == original.split()
    assert parse(essay.markdown) == essay.document
    joins = sum(r.kind == "joined-paragraph" for r in essay.repairs)
    assert len(essay.document.blocks) == len(parse_blocks(raw)) - joins
