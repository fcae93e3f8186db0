"""Several edits as one undo step: all applied or none, and reverted in reverse."""

from __future__ import annotations

import copy

import pytest

from reading_guide.model import Category, Essay, Guide, Highlight, Position, Question, Quote
from reading_guide.model.edit_group import EditGroup, merged
from reading_guide.model.edits import AddCategory, AddHighlight, AddQuestion, Change, SetField


def guide() -> Guide:
    return Guide(essay=Essay(text="Some words."), questions=[Question("q1", "First?")])


def test_a_group_applies_in_order_and_reverts_to_the_same_guide() -> None:
    g = guide()
    before = copy.deepcopy(g)
    group = EditGroup([
        AddCategory(Category("new", "New")),
        AddHighlight(Highlight("h1", "new", Quote("Some"), Position(0, 4)),
                     [Question("q2", "About it?", "h1")], 0),
    ], "Insert question from the bank")
    change = group.apply(g)
    assert [c.id for c in g.categories] == ["new"] and [q.id for q in g.questions] == ["q2", "q1"]
    assert change.aspects == {"categories", "highlights", "questions"} and change.structure
    assert change.ids == ("new", "h1", "q2")
    group.revert(g)
    assert g == before


def test_a_refused_edit_leaves_the_guide_as_it_was() -> None:
    g = guide()
    before = copy.deepcopy(g)
    group = EditGroup([AddCategory(Category("new", "New")),
                       AddQuestion(Question("q1", "Same id as one already there"))])
    with pytest.raises(ValueError):
        group.apply(g)
    assert g == before


def test_merged_changes_keep_a_shared_field_only() -> None:
    a = SetField("question", "q1", "text", "x").apply(guide())
    assert merged([a, a]).field == "text" and not merged([a, a]).structure
    b = Change(frozenset({"meta"}), (), False, "title")
    assert merged([a, b]).field == "" and merged([a, b]).aspects == {"questions", "meta"}
