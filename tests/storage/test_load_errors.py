"""Bad guide files: each is one InputError naming the file, the place and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.errors import InputError
from reading_guide.storage import MAX_GUIDE_BYTES, load_guide, loads_guide

GUIDES = Path(__file__).resolve().parent.parent / "data" / "guides"
BAD = GUIDES / "bad"

# fixture -> (words the message must contain, whether it must name a line)
CASES = {
    "bad-kind": ("questions[2].kind: expected one of factual, interpretive, evaluative; "
                 "got 'interpretative'", True),
    "python-tag": ("YAML tags are not allowed", True),
    "str-tag": ("YAML tags are not allowed", True),
    "anchor": ("YAML anchors are not allowed", True),
    "alias-bomb": ("YAML anchors are not allowed", True),
    "wrong-type": ("questions[1].minutes: expected a whole number; got 'fifteen'", True),
    "unknown-key": ("questions[1].answer_line: unknown key; expected one of id,", True),
    "future-format": ("made by a newer version of Reading Guide (format reading-guide/2); "
                      "this version reads reading-guide/1", True),
    "syntax-error": ("YAML syntax error", True),
    "dangling-highlight": ("questions[1].highlight: no highlight with id 'h9'", True),
    "unknown-category": ("highlights[2].category: unknown category 'langauge'", True),
    "duplicate-id": ("highlights[2].id: duplicate id 'h2'", True),
    "duplicate-key": ("questions[2].stage: key appears twice", True),
    "not-a-guide": ("not a guide", True),
    "empty": ("empty file", False),
    "latin1": ("not a text file in UTF-8", True),
    "utf16": ("not a text file in UTF-8 (it is UTF-16)", False),
    "binary": ("not a text file", False),
}


def test_every_bad_fixture_is_covered() -> None:
    assert {p.name.removesuffix(".guide.yaml") for p in BAD.iterdir()} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_guide_is_one_line_naming_file_and_place(name: str) -> None:
    words, has_line = CASES[name]
    path = BAD / f"{name}.guide.yaml"
    with pytest.raises(InputError) as caught:
        load_guide(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert words in message
    assert (caught.value.line is not None) == has_line


def test_error_points_at_the_bad_value() -> None:
    text = (BAD / "bad-kind.guide.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        loads_guide(text, "g.yaml")
    error = caught.value
    line = text.splitlines()[error.line - 1]
    assert line[error.column - 1 :] == "interpretative"


def test_tag_is_refused_before_anything_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        "format: reading-guide/1\n"
        f"title: !!python/object/apply:os.system ['touch {marker}']\n"
        "essay: {text: x}\n"
    )
    with pytest.raises(InputError, match="tags are not allowed"):
        loads_guide(text)
    assert not marker.exists()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        load_guide(tmp_path / "nope.guide.yaml")
    assert "nope.guide.yaml" in str(caught.value)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        load_guide(tmp_path)


def test_file_too_large_names_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.guide.yaml"
    with open(big, "wb") as handle:
        handle.write(b"format: reading-guide/1\n# " + b"x" * MAX_GUIDE_BYTES + b"\n")
    with pytest.raises(InputError) as caught:
        load_guide(big)
    assert "too large" in str(caught.value) and "20 MB" in str(caught.value)


def test_byte_order_mark_is_allowed(tmp_path: Path, data_dir: Path) -> None:
    good = data_dir / "guides" / "walking.guide.yaml"
    with_bom = tmp_path / "bom.guide.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + good.read_bytes())
    assert load_guide(with_bom) == load_guide(good)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("color: '#f2c94c'", "color: yellow", "categories[0].color: expected a colour"),
        ("mark: underline", "mark: zigzag", "categories[0].mark: expected one of underline,"),
        ("date: '2026-12-01'", "date: 1 December", "session.date: expected a date"),
        ("minutes: 90", "minutes: 0",
         "session.minutes: expected a whole number from 1 to 1440; got 0"),
        ("minutes: 90", "minutes: 1441", "session.minutes: expected a whole number from 1 to"),
        ("minutes: 5", "minutes: " + "9" * 5000,
         "questions[0].minutes: expected a whole number from 0 to 1440; got a number of 5000 "
         "digits"),
        ("position: {start: 11, end: 48}", "position: {start: 11, end: 1" + "0" * 5000 + "}",
         "highlights[0].position.end: expected a whole number from 0 to"),
        ("answer_lines: 4", "answer_lines: 61", "answer_lines: expected a whole number from 0 to"),
        ("date: '2026-12-01'", "date: 2026-W01-1", "session.date: expected a date like"),
        ("date: '2026-12-01'", "date: '20261201'", "session.date: expected a date like"),
        ("date: '2026-12-01'", "date: 2026-02-30", "session.date: expected a date like"),
        ("title: Discussion guide for On Walking", "title: " + "t" * 1001,
         "title: too long (1,001 characters; at most 1,000)"),
        ("minutes: 5", "minutes: '5'", "questions[0].minutes: expected a whole number; got text"),
        ("position: {start: 11, end: 48}", "position: {start: 48, end: 11}",
         "highlights[0].position.end: end (11) is before start (48)"),
        ("position: {start: 11, end: 48}", "position: {start: 11}",
         "highlights[0].position: missing required key 'end'"),
        ("quote: {exact: Walking is the oldest way of thinking}", "quote: Walking",
         "highlights[0].quote: expected a mapping; got 'Walking'"),
        ("status: review", "status: lost", "highlights[2].status: expected one of exact, fuzzy"),
        ("- id: q3", "- id: q 3", "questions[2].id: expected an id"),
        ("  - Who went before?", "  - [a, b]", "questions[1].follow_ups[0]: expected text"),
        ("format: reading-guide/1", "format: reading-guide/0", "format: expected reading-guide/1"),
        ("  language: en", "  language: english please", "essay.language: expected a language"),
        ("  sha256: b", "  sha256: Xb", "essay.sha256: expected 64 lower-case hex digits"),
        ("title: Discussion guide for On Walking", "title: {a: b}", "title: expected text"),
    ],
)
def test_bad_values(data_dir: Path, old: str, new: str, words: str) -> None:
    text = (data_dir / "guides" / "walking.guide.yaml").read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(InputError) as caught:
        loads_guide(text.replace(old, new, 1), "g.yaml")
    assert words in str(caught.value)
    assert caught.value.line is not None


def test_missing_essay_text() -> None:
    with pytest.raises(InputError, match=r"essay: missing required key 'text'"):
        loads_guide("format: reading-guide/1\nessay: {title: x}\n")


def test_second_document_refused() -> None:
    with pytest.raises(InputError, match="more than one YAML document"):
        loads_guide("format: reading-guide/1\nessay: {text: x}\n---\nfoo: 1\n")


def test_deep_nesting_refused() -> None:
    with pytest.raises(InputError, match="nested more than"):
        loads_guide("format: reading-guide/1\ntitle: " + "[" * 100 + "]" * 100 + "\n")


def test_essay_copied_elsewhere_still_loads(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "copy.guide.yaml"
    shutil.copy(data_dir / "guides" / "walking.guide.yaml", target)
    assert load_guide(target).title == "Discussion guide for On Walking"


def test_number_with_leading_zero_is_refused() -> None:
    # YAML 1.1 reads 010 as octal 8; a facilitator meant ten. Neither guess is safe.
    text = (GUIDES / "walking.guide.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match=r"questions\[0\].minutes: expected a whole number"):
        loads_guide(text.replace("minutes: 5", "minutes: 05", 1))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_damaged_guide_is_a_guide_or_an_input_error(data: st.DataObject) -> None:
    """Whatever happens to a file (cut, spliced, a character changed), never another exception."""
    text = (GUIDES / "walking.guide.yaml").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        insert = data.draw(st.one_of(
            st.just(""),
            st.sampled_from(["\n", " ", ":", "- ", "{", "}", "[", "]", "&a ", "*a", "!!str ",
                             "'", '"', "|", "~", "- x\n", "  ", "\t", "#", "\r", "\x00"]),
            st.text(max_size=5),
        ))
        text = text[:i] + insert + text[j:]
    try:
        loads_guide(text, "g.yaml")
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith("g.yaml")


def test_a_key_with_a_line_break_or_a_huge_key_still_makes_one_short_line(tmp_path) -> None:
    """Found by the slow fuzz run: a damaged file whose key holds a line break ("step by
    step.\\n Puzzling") was quoted whole in the error's place, and the message had two lines."""
    path = tmp_path / "odd\nname.guide.yaml"  # file names may hold a line break too
    for key in ('"step by step.\\n Puzzling"', "k" * 1000):  # YAML keys stop at 1024
        path.write_text(f"format: reading-guide/1\ntitle: x\n{key}: 1\nessay: {{text: x}}\n",
                        encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_guide(path)
        message = str(caught.value)
        assert "\n" not in message and "\r" not in message
        assert "unknown key" in message and len(message) < 400
        assert message.startswith("odd\\nname.guide.yaml", len(str(tmp_path)) + 1)
