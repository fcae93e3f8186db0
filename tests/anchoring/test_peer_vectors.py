"""Conformance: peer vectors ported from Hypothesis, approx-string-match, Apache Annotator."""

from __future__ import annotations

from pathlib import Path

import pytest

from reading_guide.anchoring import describe_selection, find_exact
from reading_guide.anchoring.approx import approx_search
from reading_guide.anchoring.exact import describe_quote
from reading_guide.anchoring.quote import match_quote
from tests.anchoring import vectors


def test_every_case_is_collected(shared_dir: Path) -> None:
    data = vectors.peer(shared_dir)
    assert {k: len(data[k]) for k in vectors.PEER_COUNTS} == vectors.PEER_COUNTS


def _case(shared_dir: Path, section: str, i: int) -> tuple[dict, dict]:
    data = vectors.peer(shared_dir)
    return data, data[section][i]


def _quote_match(data: dict, case: dict, **override: str):
    text = vectors.text_of(data, case)
    quote = data["texts"][case["quote_text"]] if "quote_text" in case else case.get("quote", "")
    kwargs = {"quote": quote, "prefix": case.get("prefix", ""), "suffix": case.get("suffix", "")}
    kwargs.update(override)
    hint = None
    if "hint_after" in case:
        hint = text.index(case["hint_after"]) + len(case["hint_after"])
    return text, match_quote(text, hint=hint, **kwargs)


@pytest.mark.parametrize(("section", "i"), vectors.params("quote_matching"))
def test_quote_matching(shared_dir: Path, section: str, i: int) -> None:
    data, case = _case(shared_dir, section, i)
    if "descending" in case:
        scores = []
        for variant in case["descending"]:
            _, m = _quote_match(data, case, **{case["vary"]: variant})
            assert m is not None
            scores.append(m.score)
        assert all(a > b for a, b in zip(scores, scores[1:], strict=False)), scores
        return
    text, m = _quote_match(data, case)
    if "expect" in case and case["expect"] is None:
        assert m is None
        return
    assert m is not None
    expect = case.get("expect") or {}
    if "slice" in expect:
        assert text[m.start : m.end] == expect["slice"]
    if "score" in expect:
        assert m.score == pytest.approx(expect["score"])
    if "score_between" in expect:
        low, high = expect["score_between"]
        assert low < m.score < high
    if "anchor_at" in case:
        assert text[m.start : m.end] == case["quote"]
        assert m.start == text.index(case["anchor_at"])
    if "expect_start_after" in case:
        assert m.start == text.index(case["expect_start_after"]) + len(case["expect_start_after"])


@pytest.mark.parametrize(("section", "i"), vectors.params("approx_search"))
def test_approx_search(shared_dir: Path, section: str, i: int) -> None:
    data, case = _case(shared_dir, section, i)
    text = vectors.text_of(data, case)
    pattern = vectors.text_of(data, case, "pattern")
    found = [list(m) for m in approx_search(text, pattern, case.get("max_errors"))]
    if "matches" in case:
        assert found == case["matches"]
    else:
        assert found and all(m in case["matches_any_of"] for m in found)


@pytest.mark.parametrize(("section", "i"), vectors.params("exact_quote"))
def test_exact_quote(shared_dir: Path, section: str, i: int) -> None:
    data, case = _case(shared_dir, section, i)
    text = vectors.text_of(data, case)
    found = find_exact(text, case["exact"], case.get("prefix", ""), case.get("suffix", ""))
    assert [list(m) for m in found] == case["expect"]


@pytest.mark.parametrize(("section", "i"), vectors.params("describe_quote"))
def test_describe_quote(shared_dir: Path, section: str, i: int) -> None:
    data, case = _case(shared_dir, section, i)
    q = describe_quote(case["text_literal"], *case["range"])
    assert {"exact": q.exact, "prefix": q.prefix, "suffix": q.suffix} == case["expect"]
    # and the description finds exactly its own range again
    assert find_exact(case["text_literal"], q.exact, q.prefix, q.suffix) == [tuple(case["range"])]


@pytest.mark.parametrize(("section", "i"), vectors.params("position"))
def test_position(shared_dir: Path, section: str, i: int) -> None:
    _, case = _case(shared_dir, section, i)
    text, start, end = case["text_literal"], case["start"], case["end"]
    q = describe_selection(text, start, end)
    assert q.exact == case["expect_slice"]
    assert (start, end) in find_exact(text, q.exact, q.prefix, q.suffix)
