"""The clean-up report speaks the facilitator's language for every kind of repair import makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reading_guide.gui.reader.repair_panel import KIND_NAMES, place_of, sentence, summary
from reading_guide.render.repairs import REPAIR_KINDS, Repair
from tests.gui.app_support import quiet_window

SHOTS = Path(os.environ.get("GUI_SHOTS", "/tmp"))


@pytest.mark.parametrize("kind", REPAIR_KINDS)
def test_every_repair_kind_has_a_sentence(kind: str) -> None:
    assert kind in KIND_NAMES
    one = summary([Repair(kind, "¶1", "a", "b")])
    assert kind not in one  # a sentence, not the file-format name
    assert KIND_NAMES[kind][0] in one


def test_counts_are_given_for_repeated_repairs() -> None:
    repairs = [Repair("dropped-link", f"¶{i}", "a", "b") for i in range(5)]
    assert "removed links that went nowhere (5)" in summary(repairs)


def test_document_clean_ups_read_as_the_importer_worded_them() -> None:
    furniture = Repair("removed-furniture", "document",
                       "running heads and feet removed on 15 pages: “THE REVIEW”", "")
    assert sentence(furniture) == "Running heads and feet removed on 15 pages: “THE REVIEW”"
    grouped = Repair("dropped-link", "¶3, ¶7, ¶9 … (12 places)", "[a](#)", "a", count=12)
    assert sentence(grouped) == "Removed links that went nowhere (12)"
    assert sentence(Repair("dropped-link", "¶2", "[a](#)", "a")) == (
        "Removed a link that went nowhere")
    assert place_of("¶3, ¶7 … (12 places)") == ("paragraph", 3)
    assert place_of("heading 2") == ("heading", 2) and place_of("document") is None


def test_each_repair_is_a_sentence_that_leads_to_its_paragraph(qtbot, tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {n} talks about the harbour and its lights." for n in range(1, 60)]
    paragraphs[49] = "The keeper wrote [a letter](#) that nobody answered."
    essay = tmp_path / "keeper.md"
    essay.write_text("# The Keeper\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    window = quiet_window(qtbot, tmp_path)
    window.shell.resize(900, 600)
    assert window.shell.files.open_path(essay)
    panel = window.reader.repairs
    assert panel.isVisibleTo(window.shell)
    [link] = [s for s in panel.sentences() if s.startswith("Removed a link")]
    assert link.endswith("¶50")
    panel.toggle.setChecked(True)
    row = panel.sentences().index(link)
    view = window.reader.view
    bar = view.editor.verticalScrollBar()
    before = bar.value()
    panel.details.itemClicked.emit(panel.details.item(row))
    assert bar.value() > before  # the essay moved to ¶50
    target = window.shell.session.document.text.index("The keeper wrote")
    rect = view.offset_rect(target)
    assert 0 <= rect.top() < view.editor.viewport().height()
    window.shell.show()
    panel.grab().save(str(SHOTS / "repair-panel.png"))
