"""Layouts the real material in tests/data showed the import getting wrong (docs/IMPORT.md).

Each rule is for the kind of input, checked here on a small made-up case; the real files that
showed it are read in tests/render/test_real_material.py.

- A PDF's page number sits alone at the foot (or head) of the page, but not always in its outer
  tenth: LaTeX's default A4 page puts it at 11-15% of the height, where the import kept it and
  glued it onto the next page's first line ("2 written and an impression ...").
- A table of contents without dot leaders (LaTeX's section lines, Word's default) is a column of
  entries with a column of page numbers, right-aligned and never decreasing.
- OpenDocument's `text:line-break` is a line of verse, not a space.
- A saved page's direction is the `dir` nearest its article (`<body dir=rtl>` inside
  `<html dir=ltr>`, or `<main dir=rtl>`), as reader modes take it.
- Markdown dialects: Jekyll's `{% highlight %}` blocks and links to template tags, Hugo's
  shortcodes, docs sites' admonitions, MultiMarkdown metadata lines, paragraphs made only of
  pictures; and an OpenDocument manual's examples set in a fixed-pitch font.
"""

from __future__ import annotations

from pathlib import Path

from reading_guide.render import import_essay_text
from reading_guide.render.documents import import_document
from reading_guide.render.pdf_import import Page, Segment
from reading_guide.render.pdf_layout import remove_furniture
from tests.render.documents_gen import odt, write

A4 = (595.0, 842.0)
BODY = "Words of the running text that fill a line of the page from margin to margin."


def _page(number: int, lines: list[tuple[str, float, float]], size: float = 10.0) -> Page:
    """A page whose lines are (text, x0, y0); each line is as wide as its text."""
    page = Page(number, *A4)
    for text, x0, y0 in lines:
        page.segments.append(Segment(text, x0, y0, x0 + 5.0 * len(text), y0 + size, size,
                                     number))
    return page


def _body(number: int, top: float = 700.0, count: int = 20) -> list[tuple[str, float, float]]:
    return [(BODY, 125.0, top - 14.0 * i) for i in range(count)]


def test_a_page_number_alone_at_the_foot_is_removed_where_latex_puts_it() -> None:
    pages = [_page(n, [*_body(n), (str(n), 294.0, 89.0)]) for n in (1, 2)]
    removed = remove_furniture(pages)
    assert removed.page_numbers == 2
    assert all(s.text == BODY for p in pages for s in p.segments)


def test_a_single_page_keeps_its_number_off_the_text() -> None:
    page = _page(1, [*_body(1, top=700.0, count=8), ("1", 295.0, 115.0)])
    assert remove_furniture([page]).page_numbers == 1
    assert [s.text for s in page.segments] == [BODY] * 8


def test_a_number_inside_the_text_or_beside_other_words_at_the_foot_stays() -> None:
    # A number that is not the last thing on the page, or shares its line, is the essay's.
    page = _page(1, [*_body(1, count=10), ("1848", 125.0, 540.0), ("12", 125.0, 120.0),
                     ("Total", 300.0, 120.0)])
    assert remove_furniture([page]).page_numbers == 0
    assert "1848" in [s.text for s in page.segments]
    assert "12" in [s.text for s in page.segments]


def test_contents_without_dot_leaders_are_left_out_with_their_title() -> None:
    entries = [("Contents", 125.0, 703.0)]
    for i, (name, number) in enumerate([("1 Foo", 2), ("2 Bar", 2), ("3 Baz", 3), ("4 Qux", 5)]):
        y = 682.0 - 22.0 * i
        entries += [(name, 125.0, y), (str(number), 468.0 - 5.0 * len(str(number)), y)]
    toc = _page(1, entries)
    text = _page(2, [("1 Foo", 125.0, 703.0), *_body(2, top=680.0)])
    removed = remove_furniture([toc, text])
    assert removed.toc_lines >= 4
    assert toc.segments == []
    assert [s.text for s in text.segments][0] == "1 Foo"


def test_a_table_of_figures_in_the_text_is_not_a_contents_page() -> None:
    # Right-aligned numbers that go down are a table's column, not page numbers.
    rows = [(BODY, 125.0, 700.0)]
    for i, (name, number) in enumerate([("Oats", 40), ("Barley", 31), ("Rye", 12)]):
        y = 680.0 - 14.0 * i
        rows += [(name, 125.0, y), (str(number), 458.0, y)]
    page = _page(1, rows)
    assert remove_furniture([page]).toc_lines == 0
    assert len(page.segments) == 7


def test_opendocument_line_breaks_keep_the_lines_of_a_poem(tmp_path: Path) -> None:
    body = ("<text:p>The boy stood on the burning deck,<text:line-break/><text:tab/>Whence all "
            "but him had fled.<text:line-break/>The flames that lit the battle's wreck,"
            "</text:p><text:p>A paragraph of prose after it.</text:p>")
    essay = import_document(write(tmp_path / "poem.odt", odt(body)))
    verse = essay.document.blocks[0]
    assert verse.kind == "verse"
    assert [verse.text[a:b] for a, b in verse.lines()] == ["The boy stood on the burning deck,",
                                      "Whence all but him had fled.",
                                      "The flames that lit the battle's wreck,"]


ARTICLE = "".join(f"<p>Paragraph {i} of the article, long enough to be read as the article by "
                  f"any reader mode that looks at a page like this one.</p>" for i in range(8))


def test_a_saved_page_takes_the_direction_nearest_its_article() -> None:
    body_rtl = (f'<html dir="ltr"><head><title>T</title></head><body dir="rtl"><article>'
                f"<h1>Heading</h1>{ARTICLE}</article></body></html>")
    main_rtl = (f'<html><head><title>T</title></head><body><main dir="rtl"><article>'
                f"<h1>Heading</h1>{ARTICLE}</article></main></body></html>")
    nav_rtl = (f'<html lang="en"><head><title>T</title></head><body><nav dir="rtl"><a href="/">'
               f"Home</a></nav><article><h1>Heading</h1>{ARTICLE}</article></body></html>")
    assert import_essay_text(body_rtl, "html", "a.html").direction == "rtl"
    assert import_essay_text(main_rtl, "html", "b.html").direction == "rtl"
    assert import_essay_text(nav_rtl, "html", "c.html").direction == "ltr"


def test_a_jekyll_highlight_block_is_code_and_its_raw_tags_go() -> None:
    # Jekyll's code block is a tag pair, often with {% raw %} so Liquid shows literally.
    post = ("Pass it a path:\n\n{% highlight liquid %}\n{% raw %}\n"
            '{{ "/docs/assets/" | relative_url }} => /myproject/docs/assets\n'
            "{% endraw %}\n{% endhighlight %}\n\nThat is all.\n")
    essay = import_essay_text(post, "markdown", "post.md")
    kinds = [b.kind for b in essay.document.blocks]
    assert kinds == ["paragraph", "code", "paragraph"]
    assert essay.document.blocks[1].text == \
        '{{ "/docs/assets/" | relative_url }} => /myproject/docs/assets'
    assert "{%" not in essay.document.text
    assert [r.after for r in essay.repairs if r.kind == "template-tag"] == ["read as code"]


def test_a_link_to_a_template_expression_keeps_its_words_not_its_markup() -> None:
    post = ('See our [documentation on the subject]({{ "/docs/themes/#assets" | relative_url }})'
            "\nfor more info, and [the post]({% post_url 2010-07-21-name %}) before it.\n")
    essay = import_essay_text(post, "markdown", "post.md")
    assert essay.document.text == ("See our documentation on the subject for more info, and "
                                   "the post before it.")
    assert len([r for r in essay.repairs if r.kind == "template-tag"]) == 2
    assert not [r for r in essay.repairs if r.kind == "dropped-link"]


def test_a_hugo_shortcode_on_its_own_line_is_left_out_not_printed() -> None:
    post = ("You should now see it:\n\n"
            '{{< figure src="/images/push.png" caption="Network log" >}}\n\n'
            "{{% note %}}\nHugo's notes keep their words.\n{{% /note %}}\n\n"
            'A sentence with {{< param "name" >}} in it.\n')
    essay = import_essay_text(post, "markdown", "post.md")
    assert essay.document.text == ("You should now see it:\nHugo's notes keep their words.\n"
                                   'A sentence with {{< param "name" >}} in it.')
    afters = sorted(r.after for r in essay.repairs if r.kind == "template-tag")
    assert afters == ["dropped", "dropped", "kept as text: replace it by hand",
                      "picture left out"]


def test_docs_admonitions_are_quotations_with_their_title_not_markup() -> None:
    # MkDocs/Python-Markdown `!!! note "Title"` (indented body) and `???` (collapsible), and
    # pymdownx's `/// warning | Title` ... `///`: a boxed note, read as a quotation.
    page = ('Install it first.\n\n!!! note "Build from source"\n    NuGet publishing is not '
            "yet available, so build the\n    package **from source**.\n\n    A second "
            "paragraph of the note.\n\n??? tip\n    A collapsible tip.\n\n"
            "/// warning | Careful\nNewer syntax.\n///\n\nThen run it.\n")
    essay = import_essay_text(page, "markdown", "d.md")
    blocks = [(b.kind, b.text) for b in essay.document.blocks]
    assert blocks == [
        ("paragraph", "Install it first."),
        ("quote", "Build from source"),
        ("quote", "NuGet publishing is not yet available, so build the package from source."),
        ("quote", "A second paragraph of the note."),
        ("quote", "Tip"), ("quote", "A collapsible tip."),
        ("quote", "Careful"), ("quote", "Newer syntax."),
        ("paragraph", "Then run it."),
    ]
    assert "**from source**" in essay.markdown
    assert len([r for r in essay.repairs if r.kind == "admonition"]) == 3


def test_pelican_and_mkdocs_metadata_lines_are_the_essays_details() -> None:
    # MultiMarkdown-style metadata (Pelican posts, MkDocs pages): "Key: value" lines at the top,
    # no fences, up to the first blank line.
    post = ("Title: My super title\nDate: 2010-12-03 10:20\nCategory: Python\nTags: pelican, "
            "publishing\nAuthors: Alexis Metaireau,\n    Conan Doyle\n\nThis is the content of "
            "my super blog post.\n")
    essay = import_essay_text(post, "markdown", "post.md")
    assert essay.title == "My super title"
    assert essay.author == "Alexis Metaireau, Conan Doyle"
    assert essay.document.text == "This is the content of my super blog post."
    assert [r.kind for r in essay.repairs] == ["front-matter"]


def test_a_first_paragraph_that_only_looks_like_metadata_stays() -> None:
    for text in ("Note: the meeting moved to Tuesday.\n\nBring the essay.\n",
                 "Title: a word\nand then a sentence that is not a key.\n\nMore.\n"):
        essay = import_essay_text(text, "markdown", "post.md")
        assert essay.document.text.startswith(text.split("\n")[0][:10])
        assert not [r for r in essay.repairs if r.kind == "front-matter"]


def test_a_markdown_paragraph_that_is_only_pictures_is_a_left_out_picture() -> None:
    # README badges and figures: the alt text is a description, not a sentence of the essay.
    post = ("Read this first.\n\n![Imgur](images/OfVllex.png)\n\n"
            "[![Contributors graph](https://x.example/a.svg)](https://x.example/b) "
            "![second][ref]\n\nA sentence with ![an icon](i.png) inside stays.\n\n"
            "[ref]: https://x.example/c.png\n")
    essay = import_essay_text(post, "markdown", "post.md")
    assert essay.document.text == "Read this first.\nA sentence with an icon inside stays."
    pictures = [r.before for r in essay.repairs if r.kind == "dropped-image"]
    assert pictures == ["“Imgur”", "“Contributors graph”", "“second”"]


def test_opendocument_paragraphs_in_a_fixed_pitch_font_are_one_code_block(tmp_path: Path) -> None:
    # A manual's examples: one paragraph a line, in a paragraph style set in Courier (or any
    # font the document declares fixed-pitch); read as a block of code, lines and indents kept.
    styles = ('<style:style style:name="Example" style:family="paragraph"><style:text-properties '
              'style:font-name="Courier" fo:font-size="10pt"/></style:style>'
              '<style:style style:name="P9" style:family="paragraph" '
              'style:parent-style-name="Example"/>')
    body = ('<text:p>Try this:</text:p>'
            '<text:p text:style-name="Example">from odf.text import H, P</text:p>'
            '<text:p text:style-name="Example"/>'
            '<text:p text:style-name="P9"># Styles</text:p>'
            '<text:p text:style-name="Example">for x in y:</text:p>'
            '<text:p text:style-name="Example"><text:s text:c="4"/>print(x)</text:p>'
            '<text:p>And prose after it.</text:p>')
    essay = import_document(write(tmp_path / "manual.odt", odt(body, styles=styles)))
    kinds = [b.kind for b in essay.document.blocks]
    assert kinds == ["paragraph", "code", "paragraph"]
    code = essay.document.blocks[1]
    assert "# Styles" in code.text and "print(x)" in code.text
    assert "```" in essay.markdown and "\n    print(x)\n" in essay.markdown
