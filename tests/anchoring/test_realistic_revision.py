"""A book-length essay revised realistically: highlights whose passage survives land on it.

The simulator (tests/anchoring/simulate.py) knows where every passage went, so this measures what
issue 3 asks: at least 99% of surviving passages found, and none placed wrongly as exact or fuzzy.
"""

from __future__ import annotations

from collections import Counter

import pytest

from reading_guide.anchoring import reanchor
from tests.anchoring.simulate import judge, make_case


@pytest.mark.parametrize("seed", [21, 22])
def test_a_revised_book_keeps_its_highlights_on_their_passages(seed: int) -> None:
    case = make_case(seed, size=400_000, highlights=500)
    results = reanchor(case.old_text, case.new_text, case.highlights)
    assert [r.id for r in results] == [h.id for h in case.highlights]  # nothing lost
    outcome = Counter()
    for r in results:
        if r.start is not None:
            assert case.new_text[r.start : r.end] == r.text
        verdict = judge(case.truth[r.id], r.status, r.start, r.end)
        outcome[(case.truth[r.id] is not None, verdict)] += 1
    surviving = sum(n for (exists, _), n in outcome.items() if exists)
    found = outcome[(True, "landed")] + outcome[(True, "review-right")]
    assert outcome[(True, "wrong")] + outcome[(False, "wrong")] == 0, outcome
    assert found >= 0.99 * surviving, outcome
    assert outcome[(True, "landed")] >= 0.95 * surviving, outcome  # most need no review at all
    assert surviving > 400  # the edits leave most passages in place, as real revisions do
