"""A highlight's lifecycle over years of moves (docs/FORMAT.md, "Highlight lifecycle").

The original quote is never overwritten; an orphan stays an orphan unless its own passage, with
its context, reappears; a review stays a review until a person confirms; a quote with several
equally good places is a review; moving onto the same edition again changes nothing.
"""

from __future__ import annotations

import copy
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import describe_selection, place_highlights, reanchor_guide
from reading_guide.model import STATUS_RANK, Essay, Guide, Highlight, Position, Quote
from reading_guide.model.edits import SetField
from reading_guide.model.session import PlaceHighlight

# Three editions of a policy page, after the example: a sentence deleted in the second
# edition has a look-alike that survives, and the third edition only renames a heading.
ED1 = (
    "Our moderation\n"
    "We do not actively seek out content to moderate. Reports from users drive our work.\n"
    "What we remove\n"
    "We do not actively monitor the site for offensive content. Users flag it for us."
)
ED2 = (
    "Our moderation\n"
    "Reports from users drive our work.\n"
    "What we remove\n"
    "We do not actively monitor the site for offensive content. Users flag it for us."
)
ED3 = ED2.replace("What we remove", "What we take down")


def _selected(text: str, exact: str, hid: str = "h1") -> Highlight:
    start = text.index(exact)
    return Highlight(hid, "claim", describe_selection(text, start, start + len(exact)),
                     Position(start, start + len(exact)))


def _move(guide: Guide, old: str, new: str) -> dict[str, str]:
    results = reanchor_guide(guide, Essay(text=new), old, new)
    return {r.id: r.status for r in results}


def _state(guide: Guide) -> list[tuple]:
    return [(h.id, h.status, h.position, h.quote, h.placed) for h in guide.highlights]


def test_an_orphan_is_not_resurrected_on_a_look_alike_by_a_later_move() -> None:
    h = _selected(ED1, "We do not actively seek out content to moderate.")
    original = copy.deepcopy(h.quote)
    guide = Guide(essay=Essay(text=ED1), highlights=[h])
    assert _move(guide, ED1, ED2) == {"h1": "orphan"}
    assert _move(guide, ED2, ED3) == {"h1": "orphan"}
    assert h.position is None and h.quote == original  # the original passage is recoverable


def test_a_quote_only_orphan_stays_an_orphan_when_opened() -> None:
    h = Highlight("h1", "claim", Quote("We do not actively"), status="orphan")
    place_highlights(Guide(highlights=[h]), ED2)
    assert (h.status, h.position) == ("orphan", None)


def test_an_orphan_comes_back_for_review_when_its_passage_reappears_with_its_context() -> None:
    h = _selected(ED1, "seek out content")
    guide = Guide(essay=Essay(text=ED1), highlights=[h])
    assert _move(guide, ED1, ED2) == {"h1": "orphan"}
    assert _move(guide, ED2, ED1) == {"h1": "review"}  # the sentence is back, words and all
    assert ED1[h.position.start : h.position.end] == "seek out content"


def test_a_review_stays_a_review_through_moves_even_where_it_lands_exactly() -> None:
    h = _selected(ED1, "Users flag it for us.")
    h.status = "review"
    guide = Guide(essay=Essay(text=ED1), highlights=[h])
    assert _move(guide, ED1, ED2) == {"h1": "review"}
    assert _move(guide, ED2, ED3.replace("Users flag", "People flag")) == {"h1": "review"}
    assert h.quote.exact == "Users flag it for us."  # the original words
    assert h.placed is not None and h.placed.exact == "People flag it for us."


def test_an_ambiguous_bare_quote_is_never_confident_after_a_move() -> None:
    text = "The mill rang the bell.\nThe town heard the bell.\nThe mill closed."
    h = Highlight("h1", "claim", Quote("the bell"))
    guide = Guide(essay=Essay(text=text), highlights=[h])
    place_highlights(guide, text)
    assert h.status == "review"
    revised = text.replace("The town heard", "Everyone in town heard")
    assert _move(guide, text, revised) == {"h1": "review"}


def test_a_second_move_onto_the_same_edition_changes_nothing() -> None:
    guide = Guide(essay=Essay(text=ED1), highlights=[
        _selected(ED1, "We do not actively seek out content to moderate.", "h1"),
        _selected(ED1, "Reports from users drive our work.", "h2"),
        _selected(ED1, "monitor the site for offensive content", "h3"),
        Highlight("h4", "claim", Quote("drive our work")),
    ])
    place_highlights(guide, ED1)
    revised = ED2.replace("offensive content", "abusive content")
    _move(guide, ED1, revised)
    before = _state(guide)
    _move(guide, revised, revised)
    assert _state(guide) == before


def test_confirming_makes_the_placement_the_quote_and_undo_gives_the_original_back() -> None:
    h = _selected(ED1, "Users flag it for us.")
    guide = Guide(essay=Essay(text=ED1), highlights=[h])
    _move(guide, ED1, ED1.replace("Users flag", "People flag"))
    assert h.status == "fuzzy" and h.placed.exact == "People flag it for us."
    edit = SetField("highlight", "h1", "status", None)
    edit.apply(guide)
    assert (h.status, h.placed, h.quote.exact) == (None, None, "People flag it for us.")
    edit.revert(guide)
    assert (h.status, h.quote.exact, h.placed.exact) == (
        "fuzzy", "Users flag it for us.", "People flag it for us.")


def test_choosing_a_passage_confirms_it() -> None:
    h = _selected(ED1, "Users flag it for us.")
    h.status, h.placed = "review", Quote("flag it")
    guide = Guide(highlights=[h])
    edit = PlaceHighlight("h1", Position(0, 3), Quote("Our"))
    edit.apply(guide)
    assert (h.status, h.placed, h.quote.exact) == (None, None, "Our")
    edit.revert(guide)
    assert (h.status, h.placed) == ("review", Quote("flag it"))


# -- A -> B -> C -> B on random editions -------------------------------------------------------

VOCAB = "we do not the site content users flag report moderate remove offensive work".split()


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(rng.randint(3, 8))).capitalize() + "."


def _revise(rng: random.Random, text: str) -> str:
    """Delete, copy (a look-alike elsewhere), reword and insert sentences."""
    paragraphs = [p.split(". ") for p in text.split("\n")]
    for _ in range(rng.randint(1, 4)):
        p = rng.choice(paragraphs)
        op = rng.random()
        i = rng.randrange(len(p))
        if op < 0.3 and len(p) > 1:
            del p[i]
        elif op < 0.55:
            rng.choice(paragraphs).insert(0, p[i].rstrip("."))
        elif op < 0.8:
            words = p[i].split(" ")
            words[rng.randrange(len(words))] = rng.choice(VOCAB)
            p[i] = " ".join(words)
        else:
            p.insert(i, _sentence(rng).rstrip("."))
    return "\n".join(". ".join(s.rstrip(".") for s in p) + "." for p in paragraphs)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_moves_a_b_c_b_never_make_an_orphan_or_review_confident(seed: int) -> None:
    rng = random.Random(seed)
    a = "\n".join(" ".join(_sentence(rng) for _ in range(3)) for _ in range(4))
    b = _revise(rng, a)
    c = _revise(rng, b)
    highlights = []
    for n in range(8):
        start = rng.choice([i + 1 for i, ch in enumerate(a) if ch == " "] or [0])
        end = a.find(" ", start + rng.randint(5, 25))
        end = len(a) if end < 0 else end
        if n % 2:
            highlights.append(_selected(a, a[start:end], f"h{n}"))
        else:
            highlights.append(Highlight(f"h{n}", "claim", Quote(a[start:end].strip(". "))))
    guide = Guide(essay=Essay(text=a), highlights=highlights)
    place_highlights(guide, a)
    originals = {h.id: copy.deepcopy(h.quote) for h in guide.highlights}
    weakest = {h.id: STATUS_RANK[h.anchor_status] for h in guide.highlights}
    for old, new in ((a, b), (b, c), (c, b)):
        _move(guide, old, new)
        for h in guide.highlights:
            rank = STATUS_RANK[h.anchor_status]
            if weakest[h.id] <= STATUS_RANK["review"]:
                # once an orphan or a review, never placed with confidence again
                assert rank <= STATUS_RANK["review"], (h, seed)
            weakest[h.id] = min(weakest[h.id], rank)
            assert h.quote == originals[h.id]  # the original selector is never overwritten
            if h.position is not None and h.status is None:
                shown = new[h.position.start : h.position.end]
                assert " ".join(shown.split()) == " ".join(h.quote.exact.split())
    before = _state(guide)
    _move(guide, b, b)
    assert _state(guide) == before
