"""Real files nobody here wrote (tests/data/web-pages-more, markdown, documents-more): what a
facilitator opening them depends on. Sources and licences are in each folder's SOURCES.md; the
figures are in docs/IMPORT.md. The sentences checked were chosen by reading each source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.render import ImportedEssay, import_essay, import_essay_text, parse
from tests.render.webscore import f1, pages, title_right

# What must never reach the reading text outside code blocks: tags, template tags, admonition
# and link markup.
MARKUP = re.compile(r"<[A-Za-z/!][^>]*>|\{%|\{\{[<%]|^!!! |\]\(|^#{1,6} ", re.M)


def _prose(essay: ImportedEssay) -> str:
    return "\n".join(b.text for b in essay.document.blocks if b.kind != "code")


def _in_order(text: str, sentences: list[str]) -> None:
    at = 0
    for sentence in sentences:
        found = text.find(sentence, at)
        assert found >= 0, (sentence, text[at:at + 300])
        at = found + len(sentence)


# -- saved web pages ----------------------------------------------------------------------


def test_more_readability_pages_keep_their_article_and_direction(data_dir: Path) -> None:
    results = {}
    for page in pages(data_dir / "web-pages-more"):
        essay = import_essay_text(page.source, "html", f"{page.name}.html")
        assert parse(essay.markdown) == essay.document
        results[page.name] = (f1(essay.document.text, page.reference), essay)
    assert len(results) == 6
    assert all(score >= 0.95 for score, _ in results.values()), {
        k: s for k, (s, _) in results.items()}
    assert results["rtl-2"][1].direction == "rtl"  # <body dir=rtl> in <html dir=ltr>
    assert results["rtl-3"][1].direction == "rtl"  # <main dir=rtl>
    assert results["001"][1].direction == "ltr"
    for name, expected in (("001", "Get your Frontend JavaScript Code Covered | Code"),
                           ("title-en-dash", "Lorem ipsum dolor sit amet"),
                           ("replace-brs", "Replace brs test")):
        assert title_right(results[name][1].title, expected), results[name][1].title
    blog = results["001"][1]
    assert "Happy testing!" in blog.document.text
    assert not {"Tweet at me", "Photography", "Permalink"} & set(
        re.findall(r"[A-Z][a-z]+(?: [a-z]+ [a-z]+)?", blog.document.text))
    assert [b.kind for b in blog.document.blocks].count("code") == 4
    tale = results["hukumusume"][1]  # Japanese: no spaces, so each \w+ run is a phrase
    assert "肉をくわえたイヌが、橋を渡っていました。" in tale.document.text
    assert "google_ad_client" not in tale.document.text


# -- Markdown from blogs and docs ------------------------------------------------------------


def _md(data_dir: Path, name: str) -> ImportedEssay:
    essay = import_essay(data_dir / "markdown" / name)
    assert not MARKUP.search(_prose(essay)), MARKUP.findall(_prose(essay))
    return essay


def test_a_jekyll_essay_reads_as_written(data_dir: Path) -> None:
    essay = _md(data_dir, "jekyll-diversity-open-source.markdown")
    assert essay.title == "Diversity in Open Source, and Jekyll's role in it"
    assert essay.author == "pup"
    _in_order(essay.document.text, [
        "Open Source has a problem with diversity.",
        "Inconsistent —or worse, nonexistent— enforcement is just going to scare off newcomers",
        "out of 397 total merged pull requests in the last year, 204 were documentation",
        "Every project should be more diverse."])
    assert [b.text for b in essay.document.blocks if b.kind == "heading"] == [
        "Add a Code of Conduct, and enforce it", "Document your contributing workflow",
        "Create newcomer-friendly issues", "Be nice"]


def test_jekyll_code_blocks_and_template_links(data_dir: Path) -> None:
    essay = _md(data_dir, "jekyll-3-3-is-here.md")
    assert essay.title.startswith("Jekyll 3.3 is here with better theme support")
    codes = [b.text for b in essay.document.blocks if b.kind == "code"]
    assert codes == ['{{ "/docs/assets/" | relative_url }} => /myproject/docs/assets',
                     '{{ "/docs/assets/" | relative_url }} => /docs/assets',
                     '{{ "/docs/assets/" | absolute_url }} => '
                     "https://jekyllrb.com/myproject/docs/assets"]
    _in_order(essay.document.text, ["See our documentation on the subject for more info.",
                                     "Full release notes are available for your perusal.",
                                     "Happy Jekylling!"])


def test_a_hugo_post_leaves_its_figure_shortcode_out(data_dir: Path) -> None:
    essay = _md(data_dir, "hugo-http2-server-push.md")
    assert (essay.title, essay.author) == ("HTTP/2 Server Push in Hugo", "bep")
    assert "Network log" not in _prose(essay)  # the {{< figure >}} and its caption
    assert [b.kind for b in essay.document.blocks].count("code") == 3
    assert "The template above creates 301 redirects for your aliases" in essay.document.text


def test_a_docs_page_with_metadata_lines_and_an_admonition(data_dir: Path) -> None:
    essay = _md(data_dir, "python-markdown-admonition.md")
    assert essay.title == "Admonition Extension"
    assert not essay.document.text.startswith("title:")
    quotes = [b.text for b in essay.document.blocks if b.kind == "quote"]
    assert quotes[0] == "Note"
    assert quotes[1].startswith("This extension is in maintanence mode.")
    # The examples of the syntax stay code, exactly as written.
    assert any(b.kind == "code" and b.text.startswith('!!! danger "Don\'t try this at home"')
               for b in essay.document.blocks)


def test_a_hebrew_readme_with_raw_html_reads_right_to_left(data_dir: Path) -> None:
    essay = _md(data_dir, "system-design-primer-he.md")
    assert essay.title == "המדריך לתכנון מערכות (The System Design Primer)"
    assert essay.direction == "rtl"
    text = essay.document.text
    _in_order(text, ["ללמוד כיצד לתכנן מערכות סְקֵילָבִּילִיוּת יסייע לך להפוך למהנדס תוכנה",
                     "חבילת תכנון מערכות", "עקביות וטולרנטיות לפיצול (CP)",
                     "ת: לא, אתה לא צריך לדעת הכול כדי להתכונן לריאיון"])
    blocks = essay.document.blocks
    assert max(b.level for b in blocks if b.kind == "item") == 3  # the <details> list nests
    tables = [b for b in blocks if b.kind == "table"]
    assert len(tables) == 1 and "\tקצר\tבינוני\tארוך" in tables[0].text
    assert "Imgur" not in text  # a picture on its own line is left out, not its alt text


def test_an_arabic_howto_with_markdown_inside_html(data_dir: Path) -> None:
    essay = _md(data_dir, "free-programming-books-howto-ar.md")
    assert essay.direction == "rtl"
    items = [b.text for b in essay.document.blocks if b.kind == "item"]
    assert len(items) == 8 and items[0] == "عن البولّ ريكويست (in English)"
    assert "Contributor over time Graph" not in essay.document.text
    assert "لا تخجل من أن تسأل، كل مساهم بدأ بأول PR له" in essay.document.text


# -- Word, OpenDocument, PDF -----------------------------------------------------------------


def _doc(data_dir: Path, name: str) -> ImportedEssay:
    return import_essay(data_dir / "documents-more" / name)


def test_an_opendocument_manual_keeps_its_examples_as_code(data_dir: Path) -> None:
    essay = _doc(data_dir, "api-for-odfpy.odt")
    assert essay.title == "Application Programmer's Interface for ODFPY"
    codes = [b for b in essay.document.blocks if b.kind == "code"]
    assert len(codes) >= 10
    assert codes[0].text.startswith("from odf.opendocument import OpenDocumentText")
    assert "Copyright © 2007-2009 Søren Roug, European Environment Agency" in \
        essay.document.text


def test_opendocument_poem_table_and_page_header(data_dir: Path) -> None:
    poem = _doc(data_dir, "serious_poem.odt").document.blocks[0]
    assert poem.kind == "verse"
    assert [poem.text[a:b] for a, b in poem.lines()] == [
        "The boy stood on the burning deck,", "Whence all but him had fled.",
        "The flames that lit the battle's wreck,", "Shone o'er him, round the dead."]
    table = _doc(data_dir, "simpletable.odt").document.blocks
    assert [b.kind for b in table] == ["table"] and "Cell 4 (italic)" in table[0].text
    headed = _doc(data_dir, "headerfooter.odt")
    assert headed.document.text == "Lorem ipsum"  # the page's header and footer are not text


def test_word_files_keep_their_text_not_their_page_headers(data_dir: Path) -> None:
    assert _doc(data_dir, "test.docx").title == "python-docx was here!"
    pages = _doc(data_dir, "doc-odd-even-hdrs.docx").document.text
    assert pages == "First Page.\nSecond Page." and "header" not in pages
    assert "Some text worthy of note." in _doc(data_dir, "comments-rich-para.docx").document.text
    with pytest.raises(InputError, match=r"tbl-having-tables\.docx.*empty"):
        _doc(data_dir, "tbl-having-tables.docx")


def test_a_latex_pdf_loses_its_contents_page_and_page_numbers(data_dir: Path) -> None:
    essay = _doc(data_dir, "pdflatex-outline.pdf")
    blocks = essay.document.blocks
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "1 Foo", "2 Bar", "3 Baz", "4 Foo", "5 Bar", "6 Baz", "7 Foo", "8 Bar", "9 Baz"]
    assert not [b.text for b in blocks if re.fullmatch(r"[\d\s]+", b.text)]
    assert not [b.text for b in blocks if b.kind == "paragraph" and b.text[0].isdigit()]
    assert "Contents" not in essay.document.text
    repairs = " ".join(r.before for r in essay.report)
    assert "4 page numbers removed" in repairs and "table-of-contents lines" in repairs


def test_pdfs_from_office_suites_keep_their_lines_and_scripts(data_dir: Path) -> None:
    zen = _doc(data_dir, "example.pdf")
    assert zen.title == "PDF Example Document"
    _in_order(zen.document.text, ["Beautiful is better than ugly.", "Readability counts."])
    languages = _doc(data_dir, "multilang.pdf").document.text
    for line in ("Arabic: مرحبا بالعالم", "Russian: Привет, мир", "Japanese: こんにちは世界"):
        assert line in languages
