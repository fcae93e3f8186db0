"""Searching the bank: words, filters, ranking, the same question in several guides, any script,
and the same answers when this SQLite has no full-text search."""

from __future__ import annotations

from pathlib import Path

import pytest

from reading_guide.model import Question
from reading_guide.storage import load_guide
from reading_guide.storage.bank_records import fold, question_key
from reading_guide.storage.bank_search import BankQuery, parse_terms
from reading_guide.storage.question_bank import QuestionBank
from tests.storage.bank_guides import DATA, make_library, write

WORLD = [  # (text, kind, stage) of a guide in many scripts and with accents
    ("Qu'est-ce que le café dit de la société ?", "interpretive", "core"),
    ("Что автор думает о дороге?", "interpretive", "core"),
    ("Τι σημαίνει ο δρόμος για τον συγγραφέα;", "factual", "opening"),
    ("作者为什么说道路是一种承诺？", "interpretive", "core"),
    ("道を歩くことは考えることですか。", "evaluative", "closing"),
    ("ما معنى الطريق في هذا المقال؟", "factual", "core"),
    ("Warum ist die Straße ein Versprechen?", "evaluative", "closing"),
]


@pytest.fixture(scope="module", params=[True, False], ids=["fts5", "plain"])
def bank(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("bank")
    make_library(folder / "guides")
    world = load_guide(DATA / "guides" / "walking.guide.yaml")
    world.title, world.session.date = "Around the world", "2023-09-09"
    world.essay.title, world.essay.author = "Über das Gehen", "Zoë Ångström"
    world.highlights = []
    world.questions = [Question(f"q{i}", text, None, kind, stage)
                       for i, (text, kind, stage) in enumerate(WORLD, start=1)]
    write(world, folder / "guides" / "world.guide.yaml")
    with QuestionBank(folder / "data", full_text=request.param) as bank:
        bank.sync([], [folder / "guides"])
        yield bank


def texts(bank: QuestionBank, words: str = "", **filters: object) -> list[str]:
    return [r.question.text for r in bank.search(BankQuery(words, **filters)).results]


def test_words_find_questions_by_prefix_in_any_order(bank: QuestionBank) -> None:
    assert texts(bank, "SLOWLY") == [
        "What was the last thing you read slowly, and why did you slow down?"]
    # "slow" also finds two questions whose passage says "slow", after the one that asks it
    assert texts(bank, "slow")[0] == texts(bank, "SLOWLY")[0] and len(texts(bank, "slow")) == 3
    assert texts(bank, "claims how") == [
        "What is the difference between knowing what an essay claims and knowing how it claims "
        "it?"]
    assert texts(bank, "nothing like this") == []


def test_a_quoted_phrase_is_a_phrase(bank: QuestionBank) -> None:
    assert texts(bank, '"the catcher comparison"') == [
        "What does the catcher comparison say about the reader's job? Where does it break down?"]
    assert texts(bank, '"comparison the catcher"') == []


def test_accents_and_scripts(bank: QuestionBank) -> None:
    assert texts(bank, "cafe societe") == texts(bank, "CAFÉ Société") == [WORLD[0][0]]
    assert texts(bank, "дорог") == [WORLD[1][0]]  # Cyrillic, a prefix
    assert texts(bank, "δρομος") == [WORLD[2][0]]  # Greek without its accent
    assert texts(bank, "道路") == [WORLD[3][0]]  # Chinese: no spaces, found inside the sentence
    assert texts(bank, "歩く") == [WORLD[4][0]]
    assert texts(bank, "الطريق") == [WORLD[5][0]]
    assert texts(bank, "strasse") == texts(bank, "Straße") == [WORLD[6][0]]


def test_filters_kind_stage_essay_and_year(bank: QuestionBank) -> None:
    closing = texts(bank, stage="closing")
    assert "Would you rather sit or walk: why?" in closing and WORLD[6][0] in closing
    assert all(r.question.stage == "closing"
               for r in bank.search(BankQuery(stage="closing")).results)
    assert texts(bank, "walk", kind="evaluative", essay="on walking") == [
        "Would you rather sit or walk: why?"]
    # "walk" is in this one's passage ("Walking is the oldest way of thinking")
    assert texts(bank, "walk", kind="factual") == ["What does the author mean by *thinking*?"]
    assert texts(bank, "walk", kind="factual", stage="core") == []
    assert set(texts(bank, essay="angstrom")) == {t for t, _, _ in WORLD}  # the author
    assert set(texts(bank, essay="uber gehen")) == {t for t, _, _ in WORLD}
    assert texts(bank, "anything differently", year=2026) == [
        "Will you read anything differently this month because of this essay?"]
    assert texts(bank, "differently", year=2025) == []  # Monday's guide does not ask it
    by_year = texts(bank, year=2025)
    assert len(by_year) == 3  # Monday's three questions; the other guides are other years


def test_the_same_question_in_several_guides_is_one_result_with_every_guide(
        bank: QuestionBank) -> None:
    (result,) = bank.search("last thing you read slowly").results
    assert [(Path(u.path).name, u.year, u.question_id) for u in result.uses] == [
        ("thursday.guide.yaml", 2026, "q1"), ("monday.guide.yaml", 2025, "q1")]
    (sit,) = bank.search("rather sit").results
    assert [Path(u.path).name for u in sit.uses] == ["walking.guide.yaml", "sitting.guide.yaml"]
    assert question_key("Would you rather sit or walk: why?") == question_key(
        "would you rather SIT, or walk -- why")


def test_a_result_carries_the_whole_question_and_its_passage(bank: QuestionBank) -> None:
    (result,) = bank.search("promise").results
    q = result.question
    assert q.text == "Is a road a promise?\nWho makes the promise?"
    assert (q.kind, q.stage, q.minutes, q.answer_lines) == ("interpretive", "core", 15, 4)
    assert q.follow_ups == ("Who went before?", "yes")
    assert q.facilitator_note == "Let the quiet ones start."
    assert q.passage is not None and q.passage.exact == "every walker makes the road again"
    assert q.passage.note.startswith("Compare with Machado")
    assert (q.passage.category_id, q.passage.category_label) == ("evidence", "Evidence")


def test_words_in_the_question_rank_above_words_in_its_passage(bank: QuestionBank) -> None:
    """"thinking" is in one question's text and in another question's passage only."""
    found = texts(bank, "thinking")
    assert found[0] == "What does the author mean by *thinking*?"
    if bank.full_text:
        scores = [r.score for r in bank.search("thinking").results]
        assert scores == sorted(scores)


def test_follow_ups_notes_and_passages_are_searched_too(bank: QuestionBank) -> None:
    assert texts(bank, "quiet ones") == ["Is a road a promise?\nWho makes the promise?"]
    assert texts(bank, "farmer") == []  # in the essay, not in any question or its passage
    assert "What does the author mean by *thinking*?" in texts(bank, '"oldest way"')


def test_more_says_when_the_limit_cut_the_results(bank: QuestionBank) -> None:
    everything = bank.search(BankQuery(limit=1000))
    # the sample's 9 (Monday's 3 among them), On Walking's 3 (Sitting's one among them), 7
    assert not everything.more and len(everything.results) == 9 + 3 + 7
    few = bank.search(BankQuery(limit=5))
    assert few.more and len(few.results) == 5


@pytest.mark.parametrize("words", [
    '"', '""', '"unclosed phrase', "AND", "OR NOT", "NEAR(a b)", "a*", "*", "-", "col:umn",
    "^start", "(", ")", "'", "\\", "%", "_", "%_%", "{text}: x", "\x00", "a" * 5000,
    "\u202e\u2066", "🙂", "e\u0301", "Ǆ",
])
def test_any_typed_text_is_a_search_never_an_error(bank: QuestionBank, words: str) -> None:
    found = bank.search(words)
    assert isinstance(found.results, tuple)


def test_punctuation_alone_is_an_empty_search(bank: QuestionBank) -> None:
    assert texts(bank, "%") == texts(bank, "_") == texts(bank, '"?"') == texts(bank)
    assert texts(bank, "sit_or%walk") == texts(bank, "sit or walk") != []


def test_facets_list_years_and_essays(bank: QuestionBank) -> None:
    facets = bank.facets()
    assert facets.years == (2026, 2025, 2024, 2023)
    assert ("On Walking", "A. Walker", 2) in facets.essays
    assert (facets.guides, facets.questions) == (5, 9 + 3 + 3 + 1 + 7)


def test_parse_terms() -> None:
    terms = parse_terms('walk "the road again" 道路 café')
    assert [(t.words, t.phrase, t.unspaced) for t in terms] == [
        (("walk",), False, False), (("the", "road", "again"), True, False),
        (("道路",), False, True), (("café",), False, False)]
    assert [t.fts() for t in terms[:2]] == ['"walk"*', '"the road again"']
    assert fold("Ǆ Straße Ångström Δρόμος") == "dz strasse angstrom δρομοσ"


def test_an_empty_search_lists_recent_questions_first(bank: QuestionBank) -> None:
    results = bank.search(BankQuery(limit=100)).results
    years = [max(u.year for u in r.uses) for r in results]
    # the most used first (asked in two guides), then by year
    assert [len(r.uses) for r in results[:3]] == [2, 2, 2]
    rest = years[3:]
    assert rest == sorted(rest, reverse=True)


def test_guides_in_a_bank_are_their_library_entries(bank: QuestionBank) -> None:
    names = sorted(e.path.name for e in bank.entries())
    assert names == ["monday.guide.yaml", "sitting.guide.yaml", "thursday.guide.yaml",
                     "walking.guide.yaml", "world.guide.yaml"]


def test_question_key_ignores_case_accents_spacing_and_punctuation() -> None:
    assert question_key("  Is it FAIR?? ") == question_key("is it fair") == "is it fair"
    assert question_key("Était-ce juste ?") == question_key("etait ce juste")
    assert question_key("Is it fair?") != question_key("Is it fare?")
