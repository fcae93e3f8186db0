"""Load then save gives the same bytes; save then load gives the same guide (docs/FORMAT.md)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import place_highlights
from reading_guide.model import (
    MARKS,
    QUESTION_KINDS,
    QUESTION_STAGES,
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.render import parse
from reading_guide.storage import dumps_guide, load_guide, loads_guide

GUIDES = Path(__file__).resolve().parent.parent / "data" / "guides"

# Strings YAML would read as something else, or that need care in a block scalar.
TRICKY = [
    "yes", "No", "null", "~", "1.0", "12", "0x1F", "0o7", "1_000", ".inf", ".NaN", "2026-12-01",
    "2026-12-01 10:00:00", "true", "- x", "# c", "a: b", "a #b", "'", '"', "|", ">", "@x", "`x",
    "%x", "!x", "&a", "*a", "<<", "=", " ", "\t", "\n", "\n\n", " \n", "x\n ", "x \ny", "\r\n",
    "a\rb", "\u2028", "\x85", "\ufeff", "\x00", "\x07", "\x7f", "\x9f", "\ufffe", "é", "日本",
    "😀", "  lead", "trail  ", "\n lead", "\ttab\n\tline", "a\n\n\n", "{a}", "[a]", "?", ",",
    "---", "...", "x\n---\ny", "x\n...\n",
]
_CHARS = st.characters(blacklist_categories=("Cs",))
texts = st.one_of(
    st.text(_CHARS, max_size=30),
    st.sampled_from(TRICKY),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(_CHARS, max_size=8)), max_size=5).map(
        "".join
    ),
)
nonempty = texts.filter(bool)
ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,6}", fullmatch=True)
colors = st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)
small_ints = st.integers(min_value=0, max_value=1440)


@st.composite
def guides(draw: st.DrawFn) -> Guide:
    essay_text = draw(st.one_of(texts, st.sampled_from([
        "# Title\n\nOne paragraph here.\n\nAnother *one*, with [a link](http://x.org).\n",
        "- a\n- b\n\n> quoted words\n\nplain words again and again\n",
    ])))
    reading = parse(essay_text).text
    categories = [
        Category(cid, draw(nonempty), draw(colors), draw(st.sampled_from(MARKS)))
        for cid in draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    ]
    highlights = []
    for hid in draw(st.lists(ids, max_size=4, unique=True)):
        category = draw(st.sampled_from([c.id for c in categories]))
        note = draw(texts)
        if reading and draw(st.booleans()):
            start = draw(st.integers(0, len(reading) - 1))
            end = draw(st.integers(start + 1, len(reading)))
            quote = Quote(reading[start:end], prefix=reading[max(0, start - 5) : start],
                          suffix=reading[end : end + 5])
            status = draw(st.sampled_from([None, "fuzzy", "review"]))
            highlights.append(Highlight(hid, category, quote, Position(start, end), status, note))
        else:
            exact = draw(nonempty)
            highlights.append(Highlight(hid, category, Quote(exact, draw(texts), draw(texts)),
                                        None, "orphan", note))
    questions = [
        Question(
            qid, draw(nonempty),
            highlight=draw(st.sampled_from([None] + [h.id for h in highlights])),
            kind=draw(st.sampled_from(QUESTION_KINDS)),
            stage=draw(st.sampled_from(QUESTION_STAGES)),
            minutes=draw(st.none() | small_ints),
            follow_ups=draw(st.lists(nonempty, max_size=3)),
            answer_lines=draw(st.integers(0, 60)),
            facilitator_note=draw(texts),
        )
        for qid in draw(st.lists(ids, max_size=4, unique=True))
    ]
    guide = Guide(
        title=draw(texts),
        essay=Essay(draw(texts), draw(texts), draw(texts),
                    draw(st.sampled_from(["en", "en-GB", "de", "fr-CA"])), essay_text),
        session=Session(draw(texts), draw(st.sampled_from(["", "2026-12-01", "1999-02-28"])),
                        draw(st.none() | st.integers(1, 600)), draw(texts)),
        introduction=draw(texts),
        categories=categories,
        highlights=highlights,
        questions=questions,
        glossary=[GlossaryEntry(draw(nonempty), draw(nonempty))
                  for _ in range(draw(st.integers(0, 2)))],
    )
    # What loading does to every guide; a guide the app holds has always been through it.
    place_highlights(guide, reading)
    return guide


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(guides())
def test_save_then_load_gives_the_same_guide(guide: Guide) -> None:
    text = dumps_guide(guide)
    loaded = loads_guide(text, "g.yaml")
    assert loaded == guide
    assert dumps_guide(loaded) == text


@settings(max_examples=200, deadline=None)
@given(texts)
def test_any_text_survives_in_every_place(value: str) -> None:
    guide = Guide(
        title=value,
        essay=Essay(text=value),
        introduction=value,
        categories=[Category("c", "label")],
        highlights=[Highlight("h", "c", Quote("\x00never in an essay", value, value),
                              status="orphan", note=value)],
        questions=[Question("q", "text", facilitator_note=value)],
    )
    if value:
        guide.glossary = [GlossaryEntry(value, value)]
        guide.questions[0].follow_ups = [value]
    guide.session = Session(group=value, facilitator=value)
    assert loads_guide(dumps_guide(guide)) == guide


def test_written_file_is_what_yaml_itself_reads(data_dir: Path) -> None:
    path = GUIDES / "walking.guide.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    guide = load_guide(path)
    assert data["session"]["date"] == "2026-12-01"  # quoted: a string, not a date
    assert data["essay"]["text"] == guide.essay.text
    assert data["essay"]["sha256"] == guide.essay.sha256
    assert data["questions"][1]["follow_ups"] == ["Who went before?", "yes"]


def test_fixture_round_trips_byte_for_byte() -> None:
    text = (GUIDES / "walking.guide.yaml").read_text(encoding="utf-8")
    assert dumps_guide(loads_guide(text)) == text


def test_multi_line_text_is_a_literal_block_and_dates_are_quoted() -> None:
    guide = Guide(essay=Essay(text="# A\n\nB\n"), session=Session(date="2026-12-01"),
                  introduction="line one\nline two")
    text = dumps_guide(guide)
    assert "  text: |\n    # A\n\n    B\n" in text
    assert "introduction: |-\n  line one\n  line two\n" in text
    assert "session: {date: '2026-12-01'}" in text


def test_key_order_follows_the_format(data_dir: Path) -> None:
    text = (GUIDES / "walking.guide.yaml").read_text(encoding="utf-8")
    top = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top == ["format", "title", "essay", "session", "introduction", "categories",
                   "highlights", "questions", "glossary"]


def test_hand_written_guide_places_quote_only_and_keeps_orphan(tmp_path: Path) -> None:
    guide = load_guide(GUIDES / "hand-written.guide.yaml")
    placed, lost = guide.highlights
    reading = parse(guide.essay.text).text
    assert placed.position is not None
    assert reading[placed.position.start : placed.position.end] == "The dog did not."
    assert placed.anchor_status == "exact"
    assert lost.position is None and lost.anchor_status == "orphan"
    assert guide.session.date == "2026-12-01"
    # Saved and loaded again, the orphan is still there, still an orphan, with its note.
    again = loads_guide(dumps_guide(guide))
    assert again == guide
    assert again.highlights[1].note == "kept although it cannot be placed"


def test_edited_essay_moves_positions_from_the_quote() -> None:
    text = (GUIDES / "walking.guide.yaml").read_text(encoding="utf-8")
    edited = text.replace("    Walking is the oldest", "    Truly. Walking is the oldest", 1)
    guide = loads_guide(edited)
    h1 = guide.highlights[0]
    reading = parse(guide.essay.text).text
    assert h1.position is not None
    assert reading[h1.position.start : h1.position.end] == h1.quote.exact
    # The other highlights moved by the inserted words too, and still show their quotes.
    for h in guide.highlights[1:]:
        assert h.position is not None
        assert reading[h.position.start : h.position.end] == h.quote.exact
    original = loads_guide(text)
    assert guide.highlights[1].position != original.highlights[1].position


def test_copy_is_independent() -> None:
    guide = loads_guide((GUIDES / "walking.guide.yaml").read_text(encoding="utf-8"))
    twin = copy.deepcopy(guide)
    twin.questions[0].text = "changed"
    assert dumps_guide(guide) != dumps_guide(twin)
