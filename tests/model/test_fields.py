"""The one table of fields: the loader, the edits and docs/FORMAT.md agree (DESIGN.md rule 3).

The property a facilitator depends on: whatever they do in the app, the guide they save opens
again. Edits refuse what the loader would refuse, so no sequence of edits (accepted or refused)
leaves a guide that fails to load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reading_guide.errors import InputError
from reading_guide.model import Category, Guide, Highlight, Question, Quote
from reading_guide.model import fields as table
from reading_guide.model.edit_checks import EDITABLE
from reading_guide.model.edits import (
    AddCategory,
    AddHighlight,
    AddQuestion,
    Edit,
    MoveQuestion,
    RemoveHighlight,
    RemoveQuestion,
    SetField,
    new_category_id,
)
from reading_guide.model.guide import new_guide
from reading_guide.storage import dumps_guide, loads_guide

FORMAT_MD = Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md"
ESSAY = "# Title\n\nThe first paragraph says something.\n\nThe second one answers it.\n"


def test_format_md_states_exactly_the_tables_bounds() -> None:
    text = FORMAT_MD.read_text(encoding="utf-8")
    found = re.search(r"<!-- fields:start -->\n(.*?)\n<!-- fields:end -->", text, re.S)
    assert found, "docs/FORMAT.md has no generated Bounds section"
    assert found.group(1) == table.markdown_table(), (
        "docs/FORMAT.md's Bounds section differs from model/fields.py; regenerate it with "
        "markdown_table()"
    )


@pytest.mark.parametrize(
    ("rule", "good", "bad"),
    [
        ("question.minutes", [0, 1440], [-1, 1441, "5", True, 10**5000]),
        ("session.minutes", [1, 1440], [0, 5000]),
        ("question.answer_lines", [0, 60], [61, 10_000]),
        ("session.date", ["2026-12-01", ""], ["2026-W01-1", "20261201", "2026-02-30", "1.12."]),
        ("essay.language", ["en", "pt-BR", "sr-Latn-RS"], ["", "english", "e", "en_GB"]),
        ("category.color", ["#f2c94c", "#ABCDEF"], ["yellow", "#fff", "#f2c94cc"]),
        ("category.mark", ["box"], ["zigzag", ""]),
        ("question.id", ["q1", "a.b-c_d"], ["", "-q", "q 1", "clé", "q" * 65]),
        ("guide.title", ["", "t" * 1000], ["t" * 1001, None]),
    ],
)
def test_each_rule_takes_its_bounds_and_refuses_past_them(rule: str, good: list, bad: list
                                                           ) -> None:
    for value in good:
        assert table.check(rule, value) is None, value
    for value in bad:
        assert table.check(rule, value), value


def test_a_number_is_refused_by_its_length_before_it_is_converted() -> None:
    field = table.FIELDS["question.minutes"]
    assert isinstance(field, table.IntField)
    with pytest.raises(ValueError, match="5,000 digits|5000 digits"):
        field.parse("9" * 5000)
    assert field.parse("0090".lstrip("0")) == 90
    with pytest.raises(ValueError):
        field.parse("١٢")  # Arabic-Indic digits: str.isdigit says yes, the file format says no


def test_a_category_id_made_from_any_label_is_one_the_loader_takes() -> None:
    guide = new_guide("T", ESSAY)
    for label in ("Clé", "日本語", "Key claim", "x" * 500, "--"):
        ident = new_category_id(guide, label)
        assert table.check("category.id", ident) is None, (label, ident)
    assert new_category_id(guide, "Clé de voûte") == "cle-de-voute"


# -- no sequence of edits makes a guide that cannot be opened ----------------------------------

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 2000), st.just(10**40),
    st.sampled_from(["", "q1", "h1", "claim", "box", "core", "factual", "orphan", "2026-12-01",
                     "2026-W01-1", "en", "pt-BR", "#00ff00", "yellow", "x" * 1001]),
    st.text(max_size=12), st.lists(st.text(max_size=5), max_size=3),
)
_TARGETS = sorted(EDITABLE)


@st.composite
def _edit(draw: st.DrawFn, guide: Guide) -> Edit:
    choice = draw(st.integers(0, 7))
    hid = draw(st.sampled_from([h.id for h in guide.highlights] or ["h1"]))
    qid = draw(st.sampled_from([q.id for q in guide.questions] or ["q1"]))
    if choice == 0:
        exact = draw(st.sampled_from(["first paragraph", "answers", "", "nowhere"]))
        question = Question(guide.new_id("q"), draw(st.text(max_size=8)), highlight=None)
        highlight = Highlight(draw(st.sampled_from([guide.new_id("h"), "bad id", ""])),
                              draw(st.sampled_from(["claim", "evidence", "nope"])), Quote(exact))
        question.highlight = highlight.id
        return AddHighlight(highlight, [question])
    if choice == 1:
        return AddQuestion(Question(
            draw(st.sampled_from([guide.new_id("q"), "q 1", ""])), draw(st.text(max_size=8)),
            kind=draw(st.sampled_from(["factual", "odd"])),
            minutes=draw(st.one_of(st.none(), st.integers(-2, 2000))),
            answer_lines=draw(st.integers(-1, 100)),
        ))
    if choice == 2:
        label = draw(st.text(max_size=8))
        return AddCategory(Category(new_category_id(guide, label), label or "L",
                                    draw(st.sampled_from(["#123456", "red"])),
                                    draw(st.sampled_from(["box", "zigzag"]))))
    if choice == 3:
        return RemoveQuestion(qid)
    if choice == 4:
        return RemoveHighlight(hid, keep_questions=draw(st.booleans()))
    if choice == 5:
        return MoveQuestion(qid, draw(st.integers(-2, 5)))
    target = draw(st.sampled_from(_TARGETS))
    name = draw(st.sampled_from(sorted(EDITABLE[target])))
    target_id = {"question": qid, "highlight": hid, "category": "claim"}.get(target)
    return SetField(target, target_id, name, draw(_VALUES))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_sequence_of_edits_makes_a_guide_that_fails_to_load(data: st.DataObject) -> None:
    guide = new_guide("An essay", ESSAY)
    applied = 0
    for _ in range(data.draw(st.integers(1, 12))):
        try:
            edit = data.draw(_edit(guide))
            edit.apply(guide)
            applied += 1
        except (ValueError, KeyError):
            continue  # refused: the guide is unchanged
        if data.draw(st.booleans()):
            edit.revert(guide)
            edit.apply(guide)
    try:
        loaded = loads_guide(dumps_guide(guide), "edited.guide.yaml")
    except InputError as error:  # the message says which rule of the table was missed
        raise AssertionError(f"after {applied} edits the guide does not open: {error}") from None
    assert [q.id for q in loaded.questions] == [q.id for q in guide.questions]
    assert [h.id for h in loaded.highlights] == [h.id for h in guide.highlights]
