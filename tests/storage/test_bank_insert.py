"""Inserting a question from the bank into the open guide: where it goes, and one undo."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from reading_guide.model import Category, Essay, Guide, Question
from reading_guide.model.edits import Edit, new_category_id
from reading_guide.model.guide import new_guide
from reading_guide.render import parse
from reading_guide.storage import dumps_guide, load_guide, loads_guide
from reading_guide.storage.bank_insert import (
    already_asked,
    as_general,
    at_highlight,
    at_range,
    find_passage,
    insertion,
)
from reading_guide.storage.bank_records import BankPassage, BankQuestion, bank_questions
from reading_guide.storage.question_bank import QuestionBank
from tests.storage.bank_guides import DATA, SAMPLE, make_library


@pytest.fixture
def sample() -> Guide:
    return load_guide(SAMPLE)


def from_guide(path: Path, qid: str) -> BankQuestion:
    guide = load_guide(path)
    index = [q.id for q in guide.questions].index(qid)
    return bank_questions(guide, str(path))[index]


def undoable(edit: Edit, guide: Guide) -> Guide:
    """Apply `edit` to `guide`; check that reverting it gives back the very same file; return a
    copy of the guide as it was with the edit applied (and check that it saves and loads)."""
    before = dumps_guide(guide)
    edit.apply(guide)
    after = copy.deepcopy(guide)
    text = dumps_guide(after)
    assert dumps_guide(loads_guide(text)) == text  # the app can open what it saved
    edit.revert(guide)
    assert dumps_guide(guide) == before
    return after


def test_a_general_question_from_another_essay(sample: Guide) -> None:
    road = from_guide(DATA / "guides" / "walking.guide.yaml", "q2")
    done = as_general(sample, road)
    after = undoable(done.edit, sample)
    q = after.questions[-1]
    assert (q.id, q.highlight, q.text) == (done.question_id, None, road.text)
    assert (q.kind, q.stage, q.minutes, q.answer_lines) == ("interpretive", "core", 15, 4)
    assert q.follow_ups == ["Who went before?", "yes"]
    assert q.facilitator_note == "Let the quiet ones start."
    assert done.edit.label == "Insert question from the bank" and done.where == "general"


def test_a_passage_not_in_this_essay_makes_it_general_and_says_so(sample: Guide) -> None:
    road = from_guide(DATA / "guides" / "walking.guide.yaml", "q2")
    text = parse(sample.essay.text).text
    assert find_passage(road, text) is None
    done = insertion(sample, text, road)
    assert done.where == "general" and "not in this essay" in done.message
    after = undoable(done.edit, sample)
    assert after.questions[-1].highlight is None


def test_its_passage_found_in_this_essay_gets_a_highlight_and_its_category(sample: Guide
                                                                           ) -> None:
    catcher = from_guide(SAMPLE, "q5")  # on h4, category "puzzle" (Puzzling)
    target = Guide(title="New", essay=copy.deepcopy(sample.essay),
                   categories=[Category("claim", "Key claim")],
                   questions=[Question("q1", "Opening round")])
    text = parse(target.essay.text).text
    done = insertion(target, text, catcher)
    assert done.where == "passage" and done.message == (
        "Inserted on its passage, found in this essay.")
    after = undoable(done.edit, target)  # one undo takes out category, highlight and question
    h = after.highlight(done.highlight_id or "")
    assert h is not None and h.position is not None and h.status is None
    assert text[h.position.start:h.position.end] == "receiving a text is an activity, not a rest"
    assert h.note.startswith("Adler and Van Doren")  # the passage's note comes with it
    c = after.category(h.category)
    assert c is not None and (c.id, c.label, c.mark) == ("puzzle", "Puzzling", "dotted")
    q = after.questions[-1]
    assert (q.id, q.highlight, q.text) == (done.question_id, h.id, catcher.text)


def test_a_category_of_the_same_name_is_reused(sample: Guide) -> None:
    catcher = from_guide(SAMPLE, "q5")
    target = new_guide("The Case for Reading Slowly", sample.essay.text)  # "question": Puzzling
    text = parse(target.essay.text).text
    after = undoable(insertion(target, text, catcher).edit, target)
    assert [c.id for c in after.categories] == [c.id for c in target.categories]
    assert after.highlights[0].category == "question"


def test_a_passage_found_with_small_differences_is_marked_for_review(sample: Guide) -> None:
    catcher = from_guide(SAMPLE, "q5")
    revised = sample.essay.text.replace("receiving a text is an activity, not a rest",
                                        "receiving a text is an activity and not a rest")
    target = new_guide("Revised", revised)
    text = parse(revised).text
    placed = find_passage(catcher, text)
    assert placed is not None and placed.status == "fuzzy"
    done = insertion(target, text, catcher)
    assert "small differences" in done.message and "review" in done.message
    after = undoable(done.edit, target)
    h = after.highlights[0]
    assert h.status == "fuzzy" and h.position is not None and h.placed is not None
    # The passage as it was chosen stays the quote; the words found here wait beside it.
    assert "activity, not a rest" in h.quote.exact
    assert text[h.position.start:h.position.end] == h.placed.exact
    assert "activity and not a rest" in h.placed.exact


def test_a_passage_that_could_be_in_two_places_is_not_found() -> None:
    """The anchoring engine says `review` (a person must choose): not found, so general."""
    essay = "# Twice\n\nSay the same words again.\n\nAnd once more: the same words again.\n"
    target = new_guide("Twice", essay)
    text = parse(essay).text
    asks = BankQuestion("Why say it twice?", passage=BankPassage("the same words again"))
    assert find_passage(asks, text) is None
    assert insertion(target, text, asks).where == "general"


def test_on_the_selected_highlight_in_running_order(sample: Guide) -> None:
    road = from_guide(DATA / "guides" / "walking.guide.yaml", "q2")
    done = insertion(sample, parse(sample.essay.text).text, road, highlight_id="h3")
    assert done.where == "highlight" and done.highlight_id == "h3"
    after = undoable(done.edit, sample)
    ids = [q.id for q in after.questions]
    # after h3's own question (q4), before the questions on later passages
    assert ids.index(done.question_id) == ids.index("q4") + 1
    assert after.highlights == sample.highlights  # no new highlight
    with pytest.raises(ValueError):
        at_highlight(sample, road, "h99")


def test_on_selected_words_a_new_highlight_or_the_one_already_there(sample: Guide) -> None:
    road = from_guide(DATA / "guides" / "walking.guide.yaml", "q2")
    text = parse(sample.essay.text).text
    start = text.index("Headlines scroll past")
    done = insertion(sample, text, road, selection=(start, start + len("Headlines scroll past")))
    assert done.where == "selection" and done.message == "Inserted on the selected passage."
    after = undoable(done.edit, sample)
    h = after.highlight(done.highlight_id or "")
    assert h is not None and h.quote.exact == "Headlines scroll past" and h.note == ""
    assert h.category == "evidence"  # the question's passage was Evidence, which this guide has
    h1 = sample.highlight("h1")
    assert h1 is not None and h1.position is not None
    same = at_range(sample, road, text, h1.position.start, h1.position.end)
    assert same.highlight_id == "h1" and same.where == "highlight"
    with pytest.raises(ValueError):
        at_range(sample, road, text, 5, 5)


def test_a_general_question_on_selected_words_takes_the_first_category() -> None:
    target = Guide(essay=Essay(text="# T\n\nSome words to mark.\n"))
    text = parse(target.essay.text).text
    general = BankQuestion("What do you make of it?")
    after = undoable(at_range(target, general, text, 0, 1).edit, target)
    assert [c.id for c in after.categories] == ["claim"]  # none in the guide: the default one
    assert after.highlights[0].category == "claim"


def test_a_category_whose_id_cannot_be_used_gets_a_new_one(sample: Guide) -> None:
    odd = BankQuestion("Which words are striking?", passage=BankPassage(
        "Headlines scroll past", category_id="clé", category_label="Clé des champs",
        category_color="not a colour", category_mark="sparkles"))
    text = parse(sample.essay.text).text
    after = undoable(insertion(sample, text, odd).edit, sample)
    added = after.categories[-1]
    assert (added.id, added.label, added.color, added.mark) == (
        "cle-des-champs", "Clé des champs", "#f2c94c", "underline")
    assert new_category_id(Guide(), "要点") == "category"


def test_already_asked_matches_the_words_not_the_punctuation(sample: Guide) -> None:
    assert already_asked(sample, BankQuestion("what was the last thing you read slowly and "
                                              "why did you slow down"))
    assert not already_asked(sample, BankQuestion("Why did you slow down?"))


def test_from_a_search_result_into_a_guide(tmp_path: Path, sample: Guide) -> None:
    """The whole path the GUI takes: sync, search, insert, one undo."""
    make_library(tmp_path / "guides")
    with QuestionBank(tmp_path / "data") as bank:
        bank.sync([], [tmp_path / "guides"])
        (found,) = bank.search("rather sit").results
    text = parse(sample.essay.text).text
    done = insertion(sample, text, found.question)
    assert done.where == "general" and done.message == "Inserted as a general question."
    after = undoable(done.edit, sample)
    assert after.questions[-1].text == "Would you rather sit or walk: why?"
