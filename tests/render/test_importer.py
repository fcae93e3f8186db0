"""import_essay: files in, a cleaned essay (or one clear line about what is wrong) out."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.render import MAX_ESSAY_BYTES, import_essay, import_essay_text, parse


@pytest.fixture
def essays(data_dir: Path) -> Path:
    return data_dir / "essays"


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        import_essay(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_shared_essay_gives_the_required_figures(shared_dir: Path) -> None:
    essay = import_essay(shared_dir / "essays" / "000_ed50c717535195b8.txt")
    kinds = [r.kind for r in essay.repairs]
    assert (essay.document.paragraphs, essay.document.headings) == (19, 2)
    assert kinds.count("joined-paragraph") == 4
    assert kinds.count("dropped-link") == 5
    assert essay.title == "Building Class Power, Not Electoralism, Is the Future of the Left"
    assert "](#)" not in essay.markdown
    assert parse(essay.markdown) == essay.document


def test_shared_essay_keeps_every_word(shared_dir: Path) -> None:
    path = shared_dir / "essays" / "000_ed50c717535195b8.txt"
    raw = parse(path.read_text(encoding="utf-8"))
    essay = import_essay(path)
    assert essay.document.text.split() == raw.text.split()


@pytest.mark.parametrize("name", ["utf16le.txt", "utf16be.md", "utf8bom.md"])
def test_byte_order_marks_are_read(essays: Path, name: str) -> None:
    essay = import_essay(essays / name)
    assert essay.title == "Ünïcode Essay"
    assert essay.document.text == (
        "Ünïcode Essay\nA first paragraph with “quotes” and 😀.\nA second paragraph."
    )
    assert "\ufeff" not in essay.markdown


@pytest.mark.parametrize("name", ["crlf.md", "cr.txt"])
def test_windows_and_old_mac_line_endings(essays: Path, name: str) -> None:
    assert b"\r" in (essays / name).read_bytes()
    essay = import_essay(essays / name)
    assert "\r" not in essay.markdown
    assert [b.text for b in essay.document.blocks] == [
        "Line Endings", "This paragraph was saved on Windows.", "A second one."
    ]


def test_markdown_clean_up_repairs_each_flaw_and_lists_it(essays: Path) -> None:
    essay = import_essay(essays / "flawed.md")
    assert essay.title == "The Long Table"
    by_kind = {r.kind: r for r in essay.repairs}
    assert sorted(by_kind) == ["dropped-html", "dropped-link", "heading-bold",
                               "joined-paragraph", "raw-html"]
    assert [r.kind for r in essay.repairs].count("dropped-link") == 2
    assert by_kind["heading-bold"].where == "heading 1"
    assert by_kind["heading-bold"].after == "# The Long Table"
    assert by_kind["joined-paragraph"].where == "¶1"
    assert "no one\n\nsits" in by_kind["joined-paragraph"].before
    assert "no one sits" in by_kind["joined-paragraph"].after
    first = essay.document.blocks[1]
    assert first.text.startswith("Reading groups meet around a long table and argue")
    assert "so no one sits above the others" in first.text
    assert first.spans == ()  # the placeholder links are gone, their words are not
    assert "**" not in essay.markdown.splitlines()[0]
    kept = {s.href for b in essay.document.blocks for s in b.spans if s.kind == "link"}
    assert kept == {"https://example.org/history", "mailto:group@example.org"}
    assert parse(essay.markdown) == essay.document


def test_clean_up_never_changes_the_words(essays: Path) -> None:
    source = (essays / "flawed.md").read_text(encoding="utf-8")
    essay = import_essay(essays / "flawed.md")
    # Raw HTML goes through the safe HTML importer: tags become formatting, a script goes.
    source = source.replace("<b>HTML</b>", "HTML").replace("<script>alert(1)</script>", "")
    assert essay.document.text.split() == parse(source).text.split()


def test_repairs_carry_short_excerpts(essays: Path) -> None:
    for repair in import_essay(essays / "flawed.md").repairs:
        record = repair.to_dict()
        assert set(record) == {"kind", "where", "before", "after"}
        assert record["before"] != record["after"]
        assert len(record["before"]) <= 70 and len(record["after"]) <= 70


def test_decomposed_unicode_is_normalised_and_reported(essays: Path) -> None:
    essay = import_essay(essays / "decomposed.md")
    assert essay.document.text == "Café culture arrived late in the town, but it stayed."
    assert unicodedata.is_normalized("NFC", essay.markdown)
    assert [r.kind for r in essay.repairs] == ["normalised-unicode", "joined-paragraph"]


def test_already_clean_text_has_no_unicode_repair(essays: Path) -> None:
    assert import_essay(essays / "utf8bom.md").repairs == []


def test_a_paragraph_ending_in_punctuation_is_not_joined() -> None:
    text = "One ends here.\n\nlower case start.\n\nNo stop\n\nUpper case start.\n"
    essay = import_essay_text(text, "markdown", "x.md")
    assert essay.repairs == []
    assert essay.document.paragraphs == 4


def test_chained_splits_join_into_one_paragraph() -> None:
    essay = import_essay_text("one two\n\nthree four\n\nfive six.\n", "markdown", "x.md")
    assert essay.document.text == "one two three four five six."
    assert [r.where for r in essay.repairs] == ["¶1", "¶1"]


def test_quotes_and_lists_are_not_joined_into_paragraphs() -> None:
    essay = import_essay_text("> quoted without stop\n\nlower start.\n", "markdown", "q.md")
    assert [b.kind for b in essay.document.blocks] == ["quote", "paragraph"]


def test_reference_links_to_nowhere_are_left_alone_not_broken() -> None:
    text = "See [the note][n] here.\n\n[n]: #\n"
    essay = import_essay_text(text, "markdown", "r.md")
    assert essay.document.text == "See the note here."


def test_dead_link_text_with_brackets_keeps_its_text() -> None:
    essay = import_essay_text("A [link [with] brackets](#) and [empty]().\n", "markdown", "b.md")
    assert essay.document.text == "A link [with] brackets and empty."
    assert [r.kind for r in essay.repairs] == ["dropped-link", "dropped-link"]


def test_title_argument_wins_over_the_first_heading(essays: Path) -> None:
    assert import_essay(essays / "flawed.md", title="  Chosen  Title ").title == "Chosen Title"


def test_without_a_heading_the_title_comes_from_the_file_name(essays: Path) -> None:
    assert import_essay(essays / "no-heading.md").title == "No heading"


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in error_of(tmp_path / "absent.md")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "essay.md"
    folder.mkdir()
    assert "folder" in error_of(folder)


def test_binary_file(essays: Path) -> None:
    assert "not a text file" in error_of(essays / "binary.md")


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 20 + b"\xff\xfe\xfd" * 50)
    assert "not a text file" in error_of(path)


def test_latin1_is_detected_decoded_and_named_in_the_repairs(essays: Path) -> None:
    essay = import_essay(essays / "latin1.txt")
    assert essay.document.text == "Café\nUn café crème."
    assert essay.repairs[0].kind == "decoded" and "cp1252" in essay.repairs[0].after


def test_an_undetectable_encoding_is_one_line_naming_the_file(essays: Path) -> None:
    message = error_of(essays / "undetectable.txt")
    assert message.startswith(str(essays / "undetectable.txt"))
    assert "encoding could not be detected" in message and "\n" not in message


def test_empty_essay(essays: Path, tmp_path: Path) -> None:
    assert "empty" in error_of(essays / "empty.md")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"")
    assert "empty" in error_of(blank)


def test_unknown_extension_lists_the_accepted_ones(essays: Path) -> None:
    message = error_of(essays / "essay.rtf")
    for ext in (".md", ".markdown", ".txt", ".html", ".htm"):
        assert ext in message


def test_file_over_the_size_limit_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_ESSAY_BYTES + 1)  # sparse: costs no disk and no time
    assert "20 MB" in error_of(path)


def test_parse_of_stored_markdown_gives_the_document_for_every_fixture(essays: Path) -> None:
    for name in ("flawed.md", "hostile.html", "crlf.md", "utf16le.txt", "decomposed.md"):
        essay = import_essay(essays / name)
        assert parse(essay.markdown) == essay.document, name
