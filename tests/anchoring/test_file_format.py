"""The lifecycle in the guide file: `placed` beside the quote, old guides as before, and the same
bytes after a save and a load."""

from __future__ import annotations

import pytest

from reading_guide.anchoring import describe_selection, reanchor_guide
from reading_guide.model import Category, Essay, Guide, Highlight, Position
from reading_guide.model.edits import SetField
from reading_guide.render import parse
from reading_guide.storage import loads_guide
from reading_guide.storage.writer import dumps_guide

V1 = "# Mills\n\nThe mill gave work to three generations of weavers.\n\nThe bell rang at six.\n"
V2 = "# Mills\n\nThe mill gave work to four generations of weavers.\n\nThe bell rang at six.\n"


def _moved() -> Guide:
    text = parse(V1).text
    start = text.index("gave work")
    end = text.index(" of weavers")
    guide = Guide(title="Mills", essay=Essay(title="Mills", text=V1),
                  categories=[Category("claim", "Key claim")],
                  highlights=[Highlight("h1", "claim", describe_selection(text, start, end),
                                        Position(start, end), note="ask why")])
    reanchor_guide(guide, Essay(text=V2), text, parse(V2).text)
    return guide


def test_a_moved_guide_saves_the_placement_beside_the_quote_and_reads_it_back() -> None:
    guide = _moved()
    h = guide.highlight("h1")
    assert h.status == "fuzzy" and h.quote.exact == "gave work to three generations"
    written = dumps_guide(guide)
    assert "placed: {" in written and "exact: gave work to four generations" in written
    again = loads_guide(written)
    assert again == guide  # the placement, the status and the original quote all come back
    assert dumps_guide(again) == written  # and the same bytes


def test_an_older_guide_without_placed_opens_exactly_as_before() -> None:
    # What earlier versions wrote after a move: the quote refreshed to the placed text.
    text = parse(V2).text
    start, end = text.index("gave work"), text.index(" of weavers")
    quote = describe_selection(text, start, end)
    old_style = Guide(title="Mills", essay=Essay(title="Mills", text=V2),
                      categories=[Category("claim", "Key claim")],
                      highlights=[Highlight("h1", "claim", quote, Position(start, end),
                                            status="review")])
    written = dumps_guide(old_style)
    assert "placed" not in written and "format: reading-guide/1" in written
    opened = loads_guide(written)
    h = opened.highlight("h1")
    assert (h.status, h.position, h.quote, h.placed) == ("review", Position(start, end), quote,
                                                         None)
    assert dumps_guide(opened) == written


def test_confirming_then_saving_writes_the_placement_as_the_quote() -> None:
    guide = _moved()
    SetField("highlight", "h1", "status", None).apply(guide)
    written = dumps_guide(guide)
    assert "placed" not in written and "status" not in written
    h = loads_guide(written).highlight("h1")
    assert (h.status, h.quote.exact) == (None, "gave work to four generations")


@pytest.mark.parametrize("value", ["exact", "review", "orphan", "fuzzy"])
def test_a_person_can_only_confirm_a_status_not_set_one(value: str) -> None:
    with pytest.raises(ValueError, match="only be cleared"):
        SetField("highlight", "h1", "status", value)
