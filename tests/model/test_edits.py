"""Edits change a guide and put it back exactly: the promise behind "undo everything"."""

from __future__ import annotations

import copy

import pytest

from reading_guide.model.edits import (
    AddCategory,
    AddHighlight,
    AddQuestion,
    MoveQuestion,
    RemoveHighlight,
    RemoveQuestion,
    SetField,
    new_category_id,
    question_index_for,
)
from reading_guide.model.guide import (
    DEFAULT_CATEGORIES,
    Category,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
)


def make_guide() -> Guide:
    guide = Guide(title="T", categories=[copy.copy(c) for c in DEFAULT_CATEGORIES])
    guide.highlights = [
        Highlight("h1", "claim", Quote("alpha"), Position(0, 5)),
        Highlight("h2", "evidence", Quote("beta"), Position(10, 14)),
    ]
    guide.questions = [
        Question("q1", "About alpha?", highlight="h1"),
        Question("q2", "General?"),
        Question("q3", "More about alpha?", highlight="h1"),
        Question("q4", "About beta?", highlight="h2"),
    ]
    return guide


def roundtrip(edit, guide: Guide) -> Guide:
    """Apply then revert; return the guide after apply for further checks."""
    before = copy.deepcopy(guide)
    edit.apply(guide)
    after = copy.deepcopy(guide)
    edit.revert(guide)
    assert guide == before
    edit.apply(guide)  # redo gives the same result again
    assert guide == after
    return after


def test_add_highlight_with_question_is_one_step() -> None:
    guide = make_guide()
    h = Highlight("h3", "language", Quote("gamma"), Position(20, 25))
    q = Question("q5", "", highlight="h3")
    after = roundtrip(AddHighlight(h, [q]), guide)
    assert after.highlight("h3") is not None
    assert [x.id for x in after.questions_for("h3")] == ["q5"]


def test_add_highlight_refuses_unknown_category_and_duplicate_id() -> None:
    guide = make_guide()
    with pytest.raises(ValueError):
        AddHighlight(Highlight("h3", "nope", Quote("x"))).apply(guide)
    with pytest.raises(ValueError):
        AddHighlight(Highlight("h1", "claim", Quote("x"))).apply(guide)


def test_remove_highlight_deleting_questions_restores_running_order() -> None:
    guide = make_guide()
    after = roundtrip(RemoveHighlight("h1", keep_questions=False), guide)
    assert after.highlight("h1") is None
    assert [q.id for q in after.questions] == ["q2", "q4"]
    assert [q.id for q in guide.questions] == ["q2", "q4"]


def test_remove_highlight_keeping_questions_makes_them_general() -> None:
    guide = make_guide()
    after = roundtrip(RemoveHighlight("h1", keep_questions=True), guide)
    assert [q.id for q in after.general_questions()] == ["q1", "q2", "q3"]
    edit = RemoveHighlight("h2", keep_questions=True)
    edit.apply(guide)
    edit.revert(guide)
    assert guide.questions_for("h2")[0].id == "q4"


def test_question_add_remove_move() -> None:
    guide = make_guide()
    after = roundtrip(AddQuestion(Question("q9", "New", highlight="h2"), index=1), guide)
    assert [q.id for q in after.questions][:2] == ["q1", "q9"]
    after = roundtrip(RemoveQuestion("q3"), make_guide())
    assert [q.id for q in after.questions] == ["q1", "q2", "q4"]
    after = roundtrip(MoveQuestion("q4", 0), make_guide())
    assert [q.id for q in after.questions] == ["q4", "q1", "q2", "q3"]
    after = roundtrip(MoveQuestion("q1", 99), make_guide())
    assert [q.id for q in after.questions] == ["q2", "q3", "q4", "q1"]


def test_add_question_refuses_a_dangling_highlight() -> None:
    with pytest.raises(ValueError):
        AddQuestion(Question("q9", "x", highlight="h9")).apply(make_guide())


def test_set_field_on_every_target() -> None:
    guide = make_guide()
    roundtrip(SetField("question", "q1", "text", "Changed?"), guide)
    assert guide.questions[0].text == "Changed?"
    roundtrip(SetField("question", "q1", "follow_ups", ["a", "b"]), guide)
    assert guide.questions[0].follow_ups == ["a", "b"]
    roundtrip(SetField("highlight", "h1", "category", "language"), guide)
    assert guide.highlight("h1").category == "language"
    roundtrip(SetField("category", "claim", "color", "#112233"), guide)
    assert guide.category("claim").color == "#112233"
    roundtrip(SetField("session", None, "minutes", 90), guide)
    assert guide.session.minutes == 90
    roundtrip(SetField("guide", None, "title", "New title"), guide)
    assert guide.title == "New title"
    roundtrip(SetField("session", None, "date", "2026-12-01"), guide)
    roundtrip(SetField("session", None, "date", ""), guide)
    roundtrip(SetField("essay", None, "language", "pt-BR"), guide)
    assert (guide.session.date, guide.essay.language) == ("", "pt-BR")


def test_set_field_keeps_its_own_copy_of_lists() -> None:
    guide = make_guide()
    follow = ["one"]
    SetField("question", "q1", "follow_ups", follow).apply(guide)
    follow.append("two")
    assert guide.questions[0].follow_ups == ["one"]


@pytest.mark.parametrize(
    ("target", "name", "value"),
    [
        ("question", "kind", "interpretative"),
        ("question", "stage", "middle"),
        ("question", "minutes", -1),
        ("question", "id", "q7"),
        ("category", "mark", "sparkles"),
        ("highlight", "quote", None),
        ("session", "date", "1 December"),
        ("session", "date", "2026-13-01"),
        ("session", "minutes", 0),
        ("essay", "language", "English"),
        ("essay", "language", ""),
    ],
)
def test_set_field_refuses_bad_values(target: str, name: str, value: object) -> None:
    with pytest.raises(ValueError):
        SetField(target, "x", name, value)


def test_highlight_category_must_exist() -> None:
    with pytest.raises(ValueError):
        SetField("highlight", "h1", "category", "nope").apply(make_guide())


def test_typing_merges_into_one_step_that_undoes_to_before_typing() -> None:
    guide = make_guide()
    first = SetField("question", "q2", "text", "G", typing=True)
    first.apply(guide)
    for text in ("Ge", "Gen"):
        nxt = SetField("question", "q2", "text", text, typing=True)
        nxt.apply(guide)
        assert first.merge(nxt)
    first.revert(guide)
    assert guide.questions[1].text == "General?"
    first.apply(guide)
    assert guide.questions[1].text == "Gen"


def test_different_fields_or_non_typing_edits_do_not_merge() -> None:
    a = SetField("question", "q2", "text", "A", typing=True)
    assert not a.merge(SetField("question", "q2", "facilitator_note", "B", typing=True))
    assert not a.merge(SetField("question", "q1", "text", "B", typing=True))
    assert not a.merge(SetField("question", "q2", "text", "B"))
    assert not a.merge(SetField("question", "q2", "text", "B", typing=True, burst=1))
    assert not SetField("question", "q2", "kind", "factual").merge(
        SetField("question", "q2", "kind", "evaluative")
    )


def test_add_category_and_ids() -> None:
    guide = make_guide()
    new_id = new_category_id(guide, "Key claim")
    assert new_id == "key-claim"
    guide.categories.append(Category("key-claim", "x"))
    assert new_category_id(guide, "Key claim!") == "key-claim-2"
    after = roundtrip(AddCategory(Category("theme", "Theme", "#000000", "box")), guide)
    assert after.category("theme").mark == "box"
    with pytest.raises(ValueError):
        AddCategory(Category("claim", "Dup")).apply(guide)


def test_changes_say_what_to_redraw() -> None:
    guide = make_guide()
    change = SetField("question", "q1", "text", "x").apply(guide)
    assert change.aspects == {"questions"} and not change.structure and change.ids == ("q1",)
    change = RemoveHighlight("h2").apply(guide)
    assert change.structure and {"highlights", "questions"} <= change.aspects


def test_new_questions_follow_the_essay_order() -> None:
    guide = make_guide()  # q1 (h1 at 0), q2 general, q3 (h1), q4 (h2 at 10)
    assert question_index_for(guide, 5) == 3  # after q3, the last question about h1
    assert question_index_for(guide, 50) == 4  # after q4
    guide.highlights[0].position = Position(30, 35)  # h1 now after h2 (at 10)
    assert question_index_for(guide, 20) == 4  # after q4, the last question about h2
    assert question_index_for(guide, 2) == 0  # before q1, the first about a later passage
    assert question_index_for(Guide(), 0) == 0


def test_add_highlight_puts_its_questions_at_the_given_place() -> None:
    guide = make_guide()
    h = Highlight("h3", "claim", Quote("x"), Position(6, 8))
    q = Question("q5", "", highlight="h3")
    after = roundtrip(AddHighlight(h, [q], question_index=3), guide)
    assert [x.id for x in after.questions] == ["q1", "q2", "q3", "q5", "q4"]


def test_questions_kept_as_general_keep_the_passage_and_its_note() -> None:
    guide = make_guide()
    guide.highlights[0].note = "Private: ask Sam first."
    guide.questions[2].facilitator_note = "Earlier note."
    after = roundtrip(RemoveHighlight("h1", keep_questions=True), guide)
    q1, q3 = after.questions[0], after.questions[2]
    assert q1.facilitator_note == "Was about “alpha”. Highlight note: Private: ask Sam first."
    assert q3.facilitator_note.startswith("Earlier note.\n\nWas about “alpha”.")


def test_a_category_named_in_any_language_gets_an_id_the_file_format_takes() -> None:
    """"Clé" gave the id "clé": saved, the guide could not be opened again."""
    from reading_guide.storage import dumps_guide, loads_guide

    guide = make_guide()
    guide.essay.text = "# T\n\nWords.\n"
    for label in ("Clé des champs", "要点", "Ключ", "Key claim"):
        AddCategory(Category(new_category_id(guide, label), label)).apply(guide)
    assert [c.id for c in guide.categories[-4:]] == [
        "cle-des-champs", "category", "category-2", "key-claim"]
    text = dumps_guide(guide)
    assert [c.label for c in loads_guide(text).categories[-4:]] == [
        "Clé des champs", "要点", "Ключ", "Key claim"]
