"""Markdown as blogs and docs sites write it: front matter, raw HTML, comments, template tags,
GFM tables, footnotes, strikethrough and task lists (issue 13, build 1)."""

from __future__ import annotations

from pathlib import Path

from reading_guide.render import import_essay, import_essay_text, parse
from reading_guide.render.display import shown


def md(text: str):
    return import_essay_text(text, "markdown", "post.md")


def test_yaml_front_matter_is_metadata_never_printed() -> None:
    essay = md("---\nlayout: post\ncomments: true\ntitle: \"On Walking\"\nauthor: [A. Walker]\n"
               "date: 2024-03-01\nlang: fr_CA\nredirect_from:\n  - /old/\n  - /older/\n---\n\n"
               "Walking is thinking.\n")
    assert (essay.title, essay.author, essay.language, essay.date) == (
        "On Walking", "A. Walker", "fr-CA", "2024-03-01")
    assert essay.document.text == "Walking is thinking."
    assert "layout" not in essay.markdown
    assert [r.kind for r in essay.repairs] == ["front-matter"]


def test_toml_front_matter_too() -> None:
    essay = md('+++\ntitle = "Hugo Post"\ndraft = false\n+++\n\nBody.\n')
    assert essay.title == "Hugo Post" and essay.document.text == "Body."


def test_invalid_front_matter_is_kept_as_text_and_reported() -> None:
    essay = md("---\ntitle: [unclosed\nauthor: x: y\n---\n\nBody text.\n")
    assert essay.document.blocks[0].kind == "code"
    assert "title: [unclosed" in essay.document.text
    repair = next(r for r in essay.repairs if r.kind == "front-matter")
    assert "not valid YAML" in repair.before and "kept as text" in repair.after


def test_yaml_tags_and_aliases_in_front_matter_are_not_read() -> None:
    essay = md("---\ntitle: &a !!python/object:os.system x\nauthor: *a\n---\n\nBody.\n")
    assert essay.title != "x" and "kept as text" in essay.repairs[0].after


def test_a_rule_and_a_heading_are_not_front_matter() -> None:
    essay = md("---\n# Title\n---\n\nText.\n")
    assert "Title" in essay.document.text and not essay.repairs


def test_raw_html_goes_through_the_safe_importer_and_comments_go() -> None:
    essay = md("# Post\n\n<!--more-->\n\n<p align=\"center\"><a href=\"https://x.org\">"
               "<img src=\"file:///etc/passwd\"></a> Centered <b>words</b></p>\n\n"
               "Inline <em>html</em> and <script>alert(1)</script> here.\n\n"
               "> <div>quoted <i>html</i></div>\n")
    texts = [b.text for b in essay.document.blocks]
    assert texts == ["Post", "Centered words", "Inline html and here.", "quoted html"]
    assert "<" not in essay.markdown
    kinds = [r.kind for r in essay.repairs]
    assert {"dropped-comment", "raw-html", "dropped-html"} <= set(kinds)


def test_repairs_inside_raw_html_never_point_at_the_wrong_paragraph() -> None:
    """The HTML converter numbers paragraphs within its fragment; a link dropped in the fourth
    paragraph was reported at ¶1, and a click in the report went to "First."."""
    essay = md("First.\n\nSecond.\n\nThird.\n\n<p>See <a href=\"javascript:alert(1)\">this</a>"
               " and <a href=\"\">that</a> now.</p>\n")
    assert [b.text for b in essay.document.blocks][3] == "See this and that now."
    dropped = [r for r in essay.repairs if r.kind == "dropped-link"]
    assert dropped and all(r.where in ("document", "¶4") for r in dropped), dropped


def test_template_tags_are_dropped_or_reported_but_never_inside_code() -> None:
    essay = md("{% include header.html %}\n\nHello {{ page.name }}.\n\n```\n{% raw %}\n```\n")
    assert essay.document.text == "Hello {{ page.name }}.\n{% raw %}"
    afters = sorted(r.after for r in essay.repairs if r.kind == "template-tag")
    assert afters == ["dropped", "kept as text: replace it by hand"]


def test_a_template_statement_inside_a_sentence_is_kept_as_text() -> None:
    # Docs sites fill words in with statements ("contact us to {% data report_abuse %}"):
    # dropping one breaks the sentence and moves every passage quoted after it
    # (../shared/anchoring/real-revisions/07-github-community-guidelines h16).
    essay = md("{% if x %}\n\nContact us to {% data variables.report_abuse %} if you need.\n"
               "\n{% endif %}\n")
    assert essay.document.text == "Contact us to {% data variables.report_abuse %} if you need."
    afters = sorted(r.after for r in essay.repairs if r.kind == "template-tag")
    assert afters == ["dropped", "dropped", "kept as text: replace it by hand"]


def test_gfm_table_footnotes_strikethrough_and_tasks(data_dir: Path) -> None:
    essay = import_essay(data_dir / "essays" / "structures.md")
    blocks = {b.kind: b for b in essay.document.blocks}
    # The reading text is folded for every kind; the lines are beside it, and shown.
    assert blocks["table"].text == "Symptom\tCause Fever\tInfection Cough\tCold"
    assert shown(blocks["table"]).text == "Symptom\tCause\u2028Fever\tInfection\u2028Cough\tCold"
    assert blocks["table"].level == 1  # a header row
    assert blocks["verse"].text == "Roses are red, violets are blue, a poem keeps its lines."
    assert len(blocks["verse"].breaks) == 3
    assert blocks["code"].text == "def f(x): return x # code keeps its spaces"
    assert shown(blocks["code"]).text == "def f(x):\u2028    return x  # code keeps its spaces"
    assert blocks["footnote"].text == "The note's text." and blocks["footnote"].label == "1"
    labels = [b.label for b in essay.document.blocks if b.kind == "item"]
    assert labels == ["☐", "☑"]
    first = essay.document.blocks[1]
    assert first.text == "Prose with struck words and a note.[1]"
    assert {(s.kind, first.text[s.start:s.end]) for s in first.spans} == {
        ("strike", "struck"), ("note", "[1]")}
    assert parse(essay.markdown) == essay.document
    assert "|" not in essay.document.text and "~~" not in essay.document.text


def test_table_rows_are_never_joined_as_split_paragraphs() -> None:
    essay = md("| word | mot |\n|---|---|\n| the father | le père |\n| reads | lit |\n")
    assert [b.kind for b in essay.document.blocks] == ["table"]
    assert not [r for r in essay.repairs if r.kind == "joined-paragraph"]


def test_a_footnote_nothing_refers_to_is_kept() -> None:
    essay = md("Text.\n\n[^lost]: A note nobody cites.\n")
    assert "A note nobody cites." in essay.document.text


def test_direction_is_saved_only_for_rtl_and_loads_back(tmp_path: Path) -> None:
    from reading_guide.storage import load_guide, save_guide

    essay = md("---\ntitle: שלום\nlang: he\n---\n\nזה טקסט בעברית.\n")
    assert essay.direction == "rtl"
    path = tmp_path / "he.guide.yaml"
    save_guide(essay.new_guide(), path)
    assert "direction: rtl" in path.read_text(encoding="utf-8")
    assert load_guide(path).essay.direction == "rtl"
    ltr = tmp_path / "en.guide.yaml"
    save_guide(md("Plain.\n").new_guide(), ltr)
    assert "direction" not in ltr.read_text(encoding="utf-8")
    bad = tmp_path / "bad.guide.yaml"
    bad.write_text(ltr.read_text(encoding="utf-8").replace("  language: en\n",
                                                          "  language: en\n  direction: up\n"),
                   encoding="utf-8")
    from reading_guide.errors import InputError

    try:
        load_guide(bad)
    except InputError as error:
        assert "essay.direction" in str(error) and "ltr, rtl" in str(error)
    else:
        raise AssertionError("direction: up was accepted")


def test_kramdown_markdown_inside_html_is_read_as_markdown() -> None:
    """Jekyll's kramdown reads the content of an element marked markdown="1" as Markdown
    (opensource.guide's pull quotes): its links and emphasis must not print as [text](url)."""
    essay = md('Before.\n\n<aside markdown="1" class="pquote">\n  <img src="x.png" '
               'class="pquote-avatar" alt="avatar">\n  A *good* README [helps](https://a.example)'
               ' people.\n  <p markdown="1" class="pquote-credit">\n— Peter, ["How to Spread the '
               'Word"](https://hacks.example/spread)\n  </p>\n</aside>\n\nAfter.\n')
    text = essay.document.text
    assert "A good README helps people." in text
    assert "— Peter, “How to Spread the Word”" in text or "— Peter, \"How to Spread the Word\"" \
        in text
    assert "](" not in text and "*good*" not in text and "markdown=" not in text
