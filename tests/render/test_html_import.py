"""HTML essays: only the safe blocks and inline marks survive, and nothing turns into markup."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.render import import_essay, import_essay_text, parse
from reading_guide.render.display import shown
from reading_guide.render.html_import import html_to_markdown


@pytest.fixture
def hostile(data_dir: Path):
    return import_essay(data_dir / "essays" / "hostile.html")


def test_hostile_page_keeps_only_reading_content(hostile) -> None:
    text = hostile.document.text
    for gone in ("document.cookie", "background", "iframe fallback", "Password", "Send",
                 "Please enable JavaScript", "template content", "object fallback",
                 "a comment", "evil", "hostname", "tracker", "alert", "onclick", "A Hostile"):
        assert gone not in text, gone
    for gone in ("onclick", "javascript:", "file:", "tracker", "<script", "<img", "style"):
        assert gone not in hostile.markdown, gone


def test_hostile_page_blocks(hostile) -> None:
    blocks = [(b.kind, b.level, b.label) for b in hostile.document.blocks]
    assert blocks == [
        ("heading", 1, ""),
        ("paragraph", 1, ""), ("paragraph", 1, ""), ("paragraph", 1, ""),
        ("paragraph", 1, ""), ("paragraph", 1, ""),
        ("quote", 1, ""), ("quote", 2, ""),
        ("item", 1, "•"), ("item", 1, "•"), ("item", 2, "3."), ("item", 2, "4."),
        ("paragraph", 1, ""),
    ]
    assert hostile.title == "The Commons & Its Keepers"


def test_inline_marks_and_safe_links_survive(hostile) -> None:
    first = hostile.document.blocks[1]
    marked = {(s.kind, first.text[s.start:s.end], s.href) for s in first.spans}
    assert marked == {
        ("em", "emphasis", ""),
        ("strong", "strong words", ""),
        ("code", "code_here()", ""),
        ("link", "safe link", "https://example.org/commons"),
    }
    assert "a script link and a placeholder" in first.text
    last = hostile.document.blocks[-1]
    assert [(s.kind, s.href) for s in last.spans] == [("link", "mailto:editor@example.org")]


def test_markdown_characters_in_html_text_stay_text(hostile) -> None:
    texts = [b.text for b in hostile.document.blocks]
    assert ("Text with *asterisks*, _underscores_, [brackets](x), <tags>, `ticks` and "
            "&copy; stays text.") in texts
    assert "1. not a list" in texts
    assert "# not a heading" in texts


def test_every_dropped_element_is_reported(hostile) -> None:
    befores = [r.before for r in hostile.repairs if r.kind == "dropped-html"]
    pictures = [r.before for r in hostile.repairs if r.kind == "dropped-image"]
    assert pictures == ["“local file”", "pixel.gif"]  # its description, or its file name
    for tag in ("<iframe>", "<label>", "<button>", "<input", "<noscript>", "<template>",
                "<object>"):
        assert any(b.startswith(tag) for b in befores), tag
    links = [r.after for r in hostile.repairs if r.kind == "dropped-link"]
    assert links == ["script link", "placeholder"]


def test_script_in_the_body_is_dropped_and_reported() -> None:
    essay = import_essay_text(
        "<p>Before <script>steal()</script>after.</p><p onclick='x()'>Next.</p>", "html", "b.html"
    )
    assert essay.document.text == "Before after.\nNext."
    assert [(r.kind, r.where) for r in essay.repairs] == [("dropped-html", "¶1")]


def test_unclosed_head_ends_at_the_body() -> None:
    converted = html_to_markdown("<head><title>T</title><body><p>Body text.</p>")
    assert parse(converted.markdown).text == "Body text."
    assert converted.title == "T"


def test_div_and_span_content_is_kept_as_paragraphs() -> None:
    essay = import_essay_text("<div>One <span>two</span></div><section>Three</section>",
                              "html", "d.html")
    assert [b.text for b in essay.document.blocks] == ["One two", "Three"]


def test_awkward_emphasis_never_adds_asterisks() -> None:
    html = "<p>A<em> spaced </em>word, <strong></strong>empty and <em>“quoted”</em>x.</p>"
    essay = import_essay_text(html, "html", "e.html")
    assert essay.document.text == "A spaced word, empty and “quoted”x."


def test_code_with_backticks_keeps_them() -> None:
    essay = import_essay_text("<p>Run <code>a `b` c</code> now.</p>", "html", "c.html")
    block = essay.document.blocks[0]
    assert block.text == "Run a `b` c now."
    assert [block.text[s.start:s.end] for s in block.spans] == ["a `b` c"]


def test_heading_hashes_stay_text() -> None:
    essay = import_essay_text("<h2>Notes on C# #</h2><p>Body.</p>", "html", "h.html")
    assert essay.document.blocks[0].text == "Notes on C# #"
    assert essay.document.blocks[0].level == 2


def test_declared_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes('<meta charset="windows-1252"><p>Caf\u00e9 \u201cnoir\u201d</p>'
                     .encode("cp1252"))
    assert import_essay(path).document.text == "Café “noir”"


def test_html_with_only_hostile_content_is_an_empty_essay(tmp_path: Path) -> None:
    from reading_guide.errors import InputError

    path = tmp_path / "bad.html"
    path.write_text("<script>x()</script><img src='http://a/b.png'>", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        import_essay(path)


def test_unclosed_list_items_end_at_the_next_item() -> None:
    essay = import_essay_text("<ol><li>one<li>two<ul><li>sub</ul><li>three</ol><p>After.",
                              "html", "l.html")
    assert [(b.kind, b.level, b.label, b.text) for b in essay.document.blocks] == [
        ("item", 1, "1.", "one"), ("item", 1, "2.", "two"), ("item", 2, "•", "sub"),
        ("item", 1, "3.", "three"), ("paragraph", 1, "", "After."),
    ]


HTML_FRAGMENTS = [
    "<p>", "</p>", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<ul>", "</ul>", "<ol>",
    "</ol>", "<li>", "</li>", "<em>", "</em>", "<b>", "</b>", "<code>", "</code>",
    '<a href="https://ok.example/">', '<a href="javascript:evil()">', "<a href='#'>", "</a>",
    "<div>", "</div>", "<span>", "</span>", "<br>", "word ", " more", "*star* ", "_u_", "# hash",
    "1. one", "- dash", "> gt", "[br](x)", "`tick`", "&amp;", "&lt;b&gt;", "\\back", "é",
    "<script>evil()</script>", "<style>.evil{}</style>", "<iframe src='http://evil'>evil</iframe>",
    "<img src='file:///evil'>", "<form><input name=evil><button>evil</button></form>",
    "<!-- evil -->",
    "<template>evil</template>", "<noscript>evil</noscript>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_FRAGMENTS), min_size=1, max_size=30))
def test_any_tag_soup_gives_safe_consistent_markdown(fragments: list[str]) -> None:
    from reading_guide.errors import InputError

    try:
        essay = import_essay_text("".join(fragments), "html", "soup.html")
    except InputError as error:
        assert "empty" in str(error)
        return
    assert "evil" not in essay.document.text
    assert "evil" not in essay.markdown
    assert parse(essay.markdown) == essay.document
    kept = {s.href for b in essay.document.blocks for s in b.spans if s.kind == "link"}
    assert kept <= {"https://ok.example/"}
    for literal in ("*star*", "_u_", "# hash", "1. one", "- dash", "> gt", "[br](x)",
                    "`tick`", "\\back"):
        if any(literal in f for f in fragments):
            assert literal in essay.document.text, literal


def test_unclosed_title_does_not_swallow_the_essay() -> None:
    essay = import_essay_text("<title>Page<p>The essay text.</p>", "html", "t.html")
    assert essay.document.text == "The essay text."
    assert essay.title == "Page"


def test_repairs_name_the_paragraph_as_numbered_after_clean_up() -> None:
    """The HTML converter counts paragraphs before clean-up joins split ones; a repair it reports
    must name the paragraph the facilitator sees (the image is in ¶2 once ¶1 and ¶2 are one)."""
    page = ("<html><body><p>The cat sat</p><p>on the mat.</p>"
            "<p>A picture <img src='x.png' alt='cat'> here.</p><p>Last one.</p>"
            "<p>The end<script>x()</script></p></body></html>")
    imported = import_essay_text(page, "html", "page.html")
    texts = {b.number: b.text for b in imported.document.blocks}
    assert texts[2] == "A picture here." and texts[4] == "The end"
    where = {r.kind: r.where for r in imported.repairs if r.kind.startswith("dropped-")}
    assert where == {"dropped-image": "¶2", "dropped-html": "¶4"}


# --- issue 13 and 18: a real HTML5 parser, tables, verse, page numbers, footnote markers ---


def html(text: str):
    return import_essay_text(text, "html", "page.html")


def test_unclosed_svg_math_form_and_template_lose_no_text() -> None:
    for opener in ("<svg><text>chart</text>", "<math><mi>x</mi>", "<form>", "<template>",
                   "<noscript>", "<select><option>a"):
        essay = html(f"<p>Start.</p>{opener}<p>The essay goes on.</p><p>And ends.</p>")
        text = essay.document.text
        assert "Start." in text, opener
        if opener not in ("<template>", "<noscript>", "<select><option>a"):
            assert "The essay goes on." in text and "And ends." in text, opener
        else:  # a browser shows none of it either: it is listed, never silent
            assert "The essay goes on." in text or any(
                "essay goes on" in r.before for r in essay.repairs), opener


def test_a_button_or_textarea_that_swallowed_the_essay_gives_it_back() -> None:
    for opener in ("<button>Share", "<textarea>"):
        essay = html(f"<p>Start.</p>{opener}<p>The essay goes on.</p><p>And ends.</p>")
        assert "The essay goes on." in essay.document.text, opener
        assert any(r.kind == "dropped-html" for r in essay.repairs), opener


def test_a_data_table_is_one_table_block_and_a_layout_table_its_content() -> None:
    essay = html("<table><tr><th>Symptom</th><th>Cause</th></tr><tr><td>Fever</td>"
                 "<td>Infection</td></tr><tr><td>Cough</td><td><i>Cold</i></td></tr></table>"
                 "<table><tr><td><h2>Layout</h2><p>First column paragraph.</p>"
                 "<p>Another one.</p></td><td>Side</td></tr></table>")
    kinds = [(b.kind, b.text) for b in essay.document.blocks]
    assert kinds[0] == ("table", "Symptom\tCause Fever\tInfection Cough\tCold")
    table = essay.document.blocks[0]
    assert shown(table).text == "Symptom\tCause\u2028Fever\tInfection\u2028Cough\tCold"
    assert ("heading", "Layout") in kinds and ("paragraph", "Another one.") in kinds
    assert essay.document.blocks[0].level == 1


def test_a_two_column_vocabulary_table_is_not_915_joined_paragraphs() -> None:
    rows = "".join(f"<tr><td>le mot {i}</td><td>the word {i}</td></tr>" for i in range(300))
    essay = html(f"<p>Vocabulary</p><table>{rows}</table>")
    assert [b.kind for b in essay.document.blocks] == ["paragraph", "table"]
    assert len(essay.report) <= 3


def test_br_lines_are_verse_and_pre_is_code() -> None:
    essay = html("<p>Roses are red,<br>violets are blue,<br/>\n lines stay.</p>"
                 "<pre>  def f():\n      return 1</pre>")
    verse, code = essay.document.blocks
    assert (verse.kind, verse.text) == ("verse", "Roses are red, violets are blue, lines stay.")
    assert shown(verse).text == "Roses are red,\u2028violets are blue,\u2028lines stay."
    assert (code.kind, code.text) == ("code", "def f(): return 1")
    assert shown(code).text == "  def f():\u2028      return 1"


def test_page_numbers_are_dropped_and_footnote_markers_set_apart() -> None:
    essay = html('<p>Le <span class="pagenum"><a id="Page_20">[20]</a></span>père lit le '
                 'journal.</p><p>Two alerts,<sup>22</sup> and a note<sup><a href="#fn3">3'
                 '</a></sup> but m<sup>2</sup> stays.</p>')
    assert essay.document.text == ("Le père lit le journal.\nTwo alerts,[22] and a note[3] but "
                                   "m2 stays.")
    kinds = [r.kind for r in essay.repairs]
    assert kinds.count("page-number") == 1 and kinds.count("footnote-marker") == 2


def test_a_footnote_marker_already_in_brackets_is_not_reported_as_changed() -> None:
    """Wikipedia writes its references "[1]" in superscript: the text reads the same after
    import, so listing 76 "repairs" whose before and after are equal is noise."""
    essay = html('<p>Firefox is free.<sup class="reference"><a href="#cite_note-1">[1]</a>'
                 "</sup> It is fast.</p>")
    assert essay.document.text == "Firefox is free.[1] It is fast."
    assert not [r for r in essay.repairs if r.kind == "footnote-marker"]


def test_four_hundred_nested_em_and_ten_thousand_divs_import() -> None:
    essay = html("<p>" + "<em>" * 400 + "Deep." + "</em>" * 400 + "</p>" + "<div>" * 10_000
                 + "Inside." + "</div>" * 10_000)
    assert essay.document.text == "Deep.\nInside."
    assert [r.kind for r in essay.repairs] == ["flattened-nesting"]
    assert essay.document.blocks[0].spans[0].kind == "em"


def test_hidden_elements_are_dropped_and_listed() -> None:
    essay = html('<p>Shown.</p><div hidden>Secret one.</div><p style="display: none">Secret '
                 'two.</p><p style="color:red">Shown too.</p>')
    assert essay.document.text == "Shown.\nShown too."
    assert sum("(hidden)" in r.before for r in essay.repairs) == 2


def test_a_charset_that_is_not_a_text_encoding_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "rot.html"
    path.write_bytes(b"<meta charset=rot13><p>caf\xe9 cr\xe8me</p>")
    essay = import_essay(path)
    assert essay.document.text == "café crème"


def test_right_to_left_pages_record_their_direction() -> None:
    assert html('<html lang="he"><p>שלום עולם</p></html>').direction == "rtl"
    assert html("<p>مرحبا بالعالم، هذا نص عربي.</p>").direction == "rtl"
    assert html('<html dir="ltr"><p>Hello.</p></html>').direction == "ltr"


def test_poem_markup_gives_one_verse_block_per_stanza() -> None:
    essay = html('<p>Before.</p><div class="poem"><div class="stanza">'
                 '<span class="i0">The river runs,<br></span><span class="i2">the mill wheel '
                 'turns,<br></span></div><div class="stanza"><div class="line">and no one '
                 'owns</div><div class="line">the light.</div></div></div><p>After.</p>')
    assert [(b.kind, shown(b).text) for b in essay.document.blocks] == [
        ("paragraph", "Before."),
        ("verse", "The river runs,\u2028the mill wheel turns,"),
        ("verse", "and no one owns\u2028the light."),
        ("paragraph", "After."),
    ]
    assert essay.document.blocks[1].text == "The river runs, the mill wheel turns,"


def test_markup_that_does_not_read_back_is_written_plain_in_documents_and_pages() -> None:
    """The import checks the converted Markdown in its one parse (clean-up); a block whose
    emphasis would print its asterisks is converted again without it, never printed so."""
    html_text = "<p>a<b>\"x\"</b>b and word<em>(x)</em>word.</p><p>Fine <b>bold</b>.</p>"
    kinds: tuple[Literal["document-html"], Literal["html"]] = ("document-html", "html")
    for kind in kinds:
        essay = import_essay_text(html_text, kind, "e.html")
        assert [b.text for b in essay.document.blocks] == ['a"x"b and word(x)word.',
                                                           "Fine bold."], kind
        assert "*" not in essay.document.text
        assert [(s.kind, s.start, s.end) for s in essay.document.blocks[1].spans] == [
            ("strong", 5, 9)]


def test_runs_of_plain_bold_words_are_merged_and_nothing_else() -> None:
    """A page of bold words costs a tree node per word; runs of plain elements are made one
    (the same text and marks), never an element with attributes (hidden, page numbers)."""
    from reading_guide.render.html_import import merge_inline_runs

    page = ('<p><b>one</b> <b>two</b>\n<B>three</b> <b class="pagenum">12</b> <b>four</b>'
            '<span style="display:none">gone</span> <span>five</span> <i>six</i><i>seven</i>'
            '</p>')
    merged = merge_inline_runs(page)
    assert merged.startswith('<p><b>one two\nthree</b> <b class="pagenum">12</b> <b>four</b>')
    assert '<span style="display:none">gone</span> <span>five</span> <i>sixseven</i>' in merged
    for html_text in (page, merged):
        essay = import_essay_text(html_text, "document-html", "e.html")
        assert essay.document.text == "one two three four five sixseven"
    block = import_essay_text(page, "document-html", "e.html").document.blocks[0]
    # (the page number between is dropped, so the writer joins the two bold runs: one mark)
    assert [(s.kind, block.text[s.start:s.end]) for s in block.spans] == [
        ("strong", "one two three four"), ("em", "sixseven")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["b", "i", "span", "em"]),
                          st.sampled_from(["", ' class="x"', ' hidden']),
                          st.sampled_from(["a", "b c", " ", "<u>d</u>", "é"]),
                          st.sampled_from(["", " ", "\n", " x "])), max_size=12))
def test_merging_runs_never_changes_the_imported_text(parts) -> None:
    from reading_guide.render.html_import import merge_inline_runs

    page = "<p>" + "".join(f"<{t}{a}>{x}</{t}>{gap}" for t, a, x, gap in parts) + "</p>"
    plain = html_to_markdown(page)
    merged = html_to_markdown(merge_inline_runs(page))
    assert [b.text for b in parse(merged.markdown).blocks] == [
        b.text for b in parse(plain.markdown).blocks]
