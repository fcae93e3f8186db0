"""The clean-up report speaks the facilitator's language for every kind of repair import makes."""

from __future__ import annotations

import pytest

from reading_guide.gui.reader.repair_panel import KIND_NAMES, summary
from reading_guide.render.repairs import REPAIR_KINDS, Repair


@pytest.mark.parametrize("kind", REPAIR_KINDS)
def test_every_repair_kind_has_a_sentence(kind: str) -> None:
    assert kind in KIND_NAMES
    one = summary([Repair(kind, "¶1", "a", "b")])
    assert kind not in one  # a sentence, not the file-format name
    assert KIND_NAMES[kind][0] in one


def test_counts_are_given_for_repeated_repairs() -> None:
    repairs = [Repair("dropped-link", f"¶{i}", "a", "b") for i in range(5)]
    assert "removed links that went nowhere (5)" in summary(repairs)
