"""Normalisation: typography differences vanish, and positions map back to the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reading_guide.anchoring.normalize import normalize


def test_curly_quotes_dashes_and_spaces_become_plain() -> None:
    assert normalize("You don’t — ever — give up").text == normalize(
        "You don't -- ever -- give up"
    ).text
    assert normalize("“Yes,”  she said…\nthen\u00a0left").text == '"Yes," she said... then left'


def test_nfd_text_matches_nfc_text() -> None:
    assert normalize("Buendi\u0301a").text == "Buend\u00eda"


def test_a_match_in_the_normal_text_maps_onto_the_original_characters() -> None:
    original = "You don’t — ever — give up."
    n = normalize(original)
    start = n.text.index("don't")
    end = start + len("don't - ever - give up")
    assert original[n.to_original(start) : n.to_original(end, end=True)] == "don’t — ever — give up"


def test_a_collapsed_dash_is_covered_whole() -> None:
    original = "a -- b"
    n = normalize(original)
    dash = n.text.index("-")
    assert original[n.to_original(dash) : n.to_original(dash + 1, end=True)] == "--"


def test_plain_text_maps_to_itself() -> None:
    n = normalize("plain words only")
    assert n.text == "plain words only"
    assert n.to_original(6) == 6 and n.to_normal(6) == 6


@given(st.text(alphabet=st.sampled_from("ab -—–‘’“”\n\t…\u0301é"), max_size=40))
def test_maps_are_monotone_and_round_trip_on_copied_text(original: str) -> None:
    n = normalize(original)
    starts = [n.to_original(i) for i in range(len(n.text) + 1)]
    assert starts == sorted(starts)
    assert all(0 <= s <= len(original) for s in starts)
    for i, ch in enumerate(n.text):
        if ch in "ab":  # copied characters map to themselves
            assert original[n.to_original(i)] == ch
            assert n.to_normal(n.to_original(i)) == i
