"""Texts that repeat themselves: anthologies, course packs, books with refrains (issue 12).

Behaviour only (bench/bench_anchoring.py measures time and memory on the full-size cases): a
quote that occurs several times is never `exact`, and the work per quote does not grow with how
often a phrase repeats.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from reading_guide.anchoring import place_highlights, reanchor
from reading_guide.model import Essay, Guide, Highlight, Quote
from reading_guide.render import parse

# the module, not the function the package exports under the same name
locate_module = importlib.import_module("reading_guide.anchoring.locate")


def _seed_quotes(text: str) -> list[str]:
    """Sentences and phrases of one copy, as a person would copy them by hand."""
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4]
    quotes = []
    for s in sentences[:40]:
        words = s.split()
        quotes += [s, " ".join(words[1:5])]
    return quotes


def test_quotes_from_a_repeated_essay_are_never_exact(shared_dir: Path) -> None:
    seed = (shared_dir / "essays" / "000_ed50c717535195b8.txt").read_text(encoding="utf-8")
    one = parse(seed).text
    book = parse("\n\n".join([seed] * 3)).text
    highlights = [Highlight(f"h{n}", "claim", Quote(q)) for n, q in enumerate(_seed_quotes(one))]
    guide = Guide(essay=Essay(text=book), highlights=highlights)
    place_highlights(guide, book)
    assert {h.anchor_status for h in guide.highlights} <= {"review", "orphan"}
    revised = book.replace(" the ", " a ", 5)
    results = reanchor(book, revised, guide.highlights)
    assert {r.status for r in results} <= {"review", "orphan"}


def _scored(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = locate_module._score

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(locate_module, "_score", counting)
    return calls


@pytest.mark.parametrize("quote", ["lorem lorem lorem lorem lorem z", "lorem ipsum"])
def test_candidates_scored_do_not_grow_with_repeats(
    monkeypatch: pytest.MonkeyPatch, quote: str
) -> None:
    """A near miss in "lorem" repeated matches approximately at every word; an exact phrase
    occurs at every word. Either way the scoring is capped, 2,000 words or 20,000."""
    calls = _scored(monkeypatch)
    counts = []
    for words in (2_000, 20_000):
        text = "\n".join(" ".join(["lorem"] * 100) for _ in range(words // 100))
        text = text.replace("lorem", "lorem ipsum", words // 100)  # some copies of "lorem ipsum"
        calls.clear()
        decision = locate_module.locate(text, quote)
        counts.append(len(calls))
        assert decision.status in ("review", "orphan")
    assert counts[1] <= max(counts[0], 2 * locate_module.MAX_CANDIDATES + 8), counts


def test_a_near_miss_in_a_long_repetitive_text_opens_for_review_or_as_an_orphan() -> None:
    text = "\n".join(" ".join(["lorem"] * 100) for _ in range(200))
    h = Highlight("h1", "claim", Quote("lorem lorem lorem lorem lorem z"))
    place_highlights(Guide(highlights=[h]), text)
    assert h.anchor_status in ("review", "orphan")
