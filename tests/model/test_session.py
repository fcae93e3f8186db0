"""Session planning and reuse: running order, clock, balance, duplicate, copy, essay update."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from reading_guide.anchoring import reanchor
from reading_guide.model.guide import Essay, Guide, Position, Question, Quote
from reading_guide.model.session import (
    EssaysDiffer,
    PlaceHighlight,
    ReorderQuestions,
    ReplaceEssay,
    copy_questions,
    duplicate_guide,
    moved_in_plan,
    needs_review,
    plan_order,
    plan_rows,
    plan_summary,
    shared_fraction,
)
from reading_guide.render import parse
from reading_guide.storage import dumps_guide, load_guide, loads_guide


@pytest.fixture
def sample(sample_guide_path: Path) -> Guide:
    return load_guide(sample_guide_path)


def _check_undo(edit, guide: Guide) -> Guide:
    before = copy.deepcopy(guide)
    edit.apply(guide)
    after = copy.deepcopy(guide)
    edit.revert(guide)
    assert guide == before
    edit.apply(guide)
    assert guide == after
    return after


def test_plan_runs_stage_by_stage_with_a_running_clock() -> None:
    guide = Guide(questions=[
        Question("a", "core one", stage="core", minutes=10),
        Question("b", "opening", stage="opening", minutes=5),
        Question("c", "closing", stage="closing"),
        Question("d", "core two", stage="core", minutes=7),
    ])
    rows = plan_rows(guide)
    assert [r.question_id for r in rows] == ["b", "a", "d", "c"]
    assert [r.number for r in rows] == [1, 2, 3, 4]  # the handout numbers: down the plan
    assert [(r.start, r.end) for r in rows] == [(0, 5), (5, 15), (15, 22), (22, 22)]


def test_summary_warns_when_over_the_session_and_counts_kinds(sample: Guide) -> None:
    summary = plan_summary(sample)
    assert summary.total == sum(q.minutes or 0 for q in sample.questions)
    assert summary.session == 75
    assert summary.over_by == max(0, summary.total - 75)
    assert sum(summary.kinds.values()) == len(sample.questions)
    sample.session.minutes = 30
    assert plan_summary(sample).over_by == summary.total - 30
    sample.session.minutes = None
    assert plan_summary(sample).over_by == 0


def test_reorder_is_one_undoable_step_that_decides_numbering(sample: Guide) -> None:
    order = [q.id for q in sample.questions]
    order.insert(0, order.pop(3))
    after = _check_undo(ReorderQuestions(order, {order[0]: "opening"}), sample)
    assert [q.id for q in after.questions] == order
    assert after.questions[0].stage == "opening"
    # The numbering in the handout is the list order: the saved file has the new order.
    assert [q.id for q in loads_guide(dumps_guide(sample)).questions] == order


def test_reorder_refuses_a_partial_order(sample: Guide) -> None:
    before = copy.deepcopy(sample)
    with pytest.raises(ValueError):
        ReorderQuestions([q.id for q in sample.questions][1:]).apply(sample)
    assert sample == before


def test_keyboard_moves_cross_stage_boundaries() -> None:
    guide = Guide(questions=[
        Question("o1", "o", stage="opening"), Question("c1", "c", stage="core"),
        Question("c2", "c", stage="core"), Question("z1", "z", stage="closing"),
    ])
    assert moved_in_plan(guide, "c2", -1) == (["o1", "c2", "c1", "z1"], {})
    # The first core question moving up joins the opening stage (at its end).
    assert moved_in_plan(guide, "c1", -1) == (["o1", "c1", "c2", "z1"], {"c1": "opening"})
    assert moved_in_plan(guide, "z1", 1) == (["o1", "c1", "c2", "z1"], {})  # nowhere to go
    order, stages = moved_in_plan(guide, "c2", 1)
    ReorderQuestions(order, stages).apply(guide)
    assert [(q.id, q.stage) for q in guide.questions][2:] == [("c2", "closing"), ("z1", "closing")]
    assert plan_order(guide) == [q.id for q in guide.questions]


def test_duplicate_keeps_content_and_changes_only_the_session(sample: Guide) -> None:
    sample.highlights[0].status = "review"
    twin = duplicate_guide(sample, "Monday group", "2027-01-11", "Ada")
    assert (twin.session.group, twin.session.date, twin.session.facilitator) == (
        "Monday group", "2027-01-11", "Ada")
    assert twin.session.minutes == sample.session.minutes
    assert twin.questions == sample.questions and twin.highlights == sample.highlights
    assert twin.highlights[0].status == "review"
    twin.questions[0].text = "changed"
    assert sample.questions[0].text != "changed"  # a real copy, not shared objects


def test_copy_questions_on_the_same_essay(sample: Guide) -> None:
    target = Guide(essay=copy.deepcopy(sample.essay), questions=[Question("q1", "Mine")])
    text = parse(sample.essay.text).text
    edit, report = copy_questions(target, sample, ["q3", "q9"], text, text, reanchor)
    after = _check_undo(edit, target)
    assert [q.text for q in after.questions] == ["Mine"] + [
        q.text for q in sample.questions if q.id in ("q3", "q9")]
    copied = after.questions[1]
    h = after.highlight(copied.highlight or "")
    assert h is not None and h.position is not None
    assert text[h.position.start:h.position.end] == sample.highlight("h2").quote.exact
    assert after.category(h.category) is not None  # its category came along
    assert report.questions == 2 and report.highlights == 1 and not report.not_exact
    assert len({q.id for q in after.questions}) == 3
    # It saves and loads back with the same highlight in place.
    assert loads_guide(dumps_guide(after)).highlight(h.id).position == h.position


def test_copy_questions_onto_a_revised_essay_reanchors(sample: Guide) -> None:
    revised = sample.essay.text.replace("When we read quickly,", "Whenever we read in haste,")
    target = Guide(essay=Essay(text=revised))
    new_text, old_text = parse(revised).text, parse(sample.essay.text).text
    edit, _ = copy_questions(target, sample, ["q4", "q5"], new_text, old_text, reanchor)
    edit.apply(target)
    for h in target.highlights:
        assert h.position is not None
        assert new_text[h.position.start:h.position.end] == h.quote.exact


def test_copy_questions_from_a_different_essay_is_refused(sample: Guide) -> None:
    target = Guide(essay=Essay(text="Bananas grow in bunches on large herbaceous plants."))
    before = copy.deepcopy(target)
    with pytest.raises(EssaysDiffer):
        copy_questions(target, sample, ["q3"], parse(target.essay.text).text,
                       parse(sample.essay.text).text, reanchor)
    assert target == before
    assert shared_fraction("a b c d", "a b c d") == 1.0


def test_general_questions_copy_across_essays_and_passages_only_when_found(
        sample: Guide) -> None:
    """Educators reuse questions across essays: a general question always comes; a question on
    a passage comes when that passage is in this essay too, and is otherwise left out (listed)."""
    target = Guide(essay=Essay(text=(
        "# Bananas\n\nBananas grow in bunches on large herbaceous plants. An essay on reading "
        "compares it to a catcher in baseball: receiving a text is an activity, not a rest. "
        "The comparison holds. A grower would agree.\n")))
    text = parse(target.essay.text).text
    edit, report = copy_questions(target, sample, ["q1", "q3", "q5", "q9"], text,
                                  parse(sample.essay.text).text, reanchor)
    after = _check_undo(edit, target)
    assert [q.text for q in after.questions] == [
        q.text for q in sample.questions if q.id in ("q1", "q5", "q9")]
    assert report.left_out == ("q3",) and report.questions == 3
    on_passage = after.questions[1]
    h = after.highlight(on_passage.highlight or "")
    assert h is not None and h.position is not None
    assert text[h.position.start:h.position.end] == "receiving a text is an activity, not a rest"
    assert after.category(h.category) is not None


def test_replace_essay_swaps_and_restores_everything(sample: Guide) -> None:
    new_highlights = copy.deepcopy(sample.highlights)
    for h in new_highlights:
        h.position, h.status = None, "orphan"
    edit = ReplaceEssay(Essay(text="Other", edition="2nd"), new_highlights)
    after = _check_undo(edit, sample)
    assert after.essay.edition == "2nd"
    assert [h.id for h in needs_review(after)] == [h.id for h in sample.highlights]
    with pytest.raises(ValueError):
        ReplaceEssay(Essay(text="x"), new_highlights[1:]).apply(sample)


def test_place_highlight_confirms_a_chosen_passage(sample: Guide) -> None:
    sample.highlights[0].status = "review"
    text = parse(sample.essay.text).text
    edit = PlaceHighlight("h1", Position(0, 4), Quote(text[0:4]))
    after = _check_undo(edit, sample)
    assert after.highlights[0].position == Position(0, 4)
    assert after.highlights[0].anchor_status == "exact"
    with pytest.raises(ValueError):
        PlaceHighlight("h1", Position(3, 3), Quote("")).apply(sample)


def test_numbers_follow_the_running_order_grouped_by_stage() -> None:
    from reading_guide.model import Guide, Question

    guide = Guide(questions=[
        Question("a", "closing first in the list", stage="closing"),
        Question("b", "core", stage="core"),
        Question("c", "opening", stage="opening"),
        Question("d", "second core", stage="core"),
    ])
    assert [q.id for q in guide.running_order()] == ["c", "b", "d", "a"]
    assert guide.question_numbers() == {"c": 1, "b": 2, "d": 3, "a": 4}
    assert [(row.question_id, row.number) for row in plan_rows(guide)] == [
        ("c", 1), ("b", 2), ("d", 3), ("a", 4)]
