"""The clean-up report speaks the facilitator's language for every kind of repair import makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reading_guide.gui.reader.repair_panel import place_of, put_back_note
from reading_guide.gui.reader.repair_undo import CHANGED, DONE, NOT_KEPT, READY, Placement
from reading_guide.render import import_essay_text
from reading_guide.render.repair_words import KIND_NAMES, sentence, summary
from reading_guide.render.repairs import REPAIR_KINDS, Repair
from tests.gui.app_support import quiet_window

SHOTS = Path(os.environ.get("GUI_SHOTS", "/tmp"))


@pytest.mark.parametrize("kind", REPAIR_KINDS)
def test_every_repair_kind_has_a_sentence(kind: str) -> None:
    assert kind in KIND_NAMES
    one = summary([Repair(kind, "¶1", "a", "b")])
    assert kind not in one  # a sentence, not the file-format name
    assert KIND_NAMES[kind][0] in one


@pytest.mark.parametrize("kind", sorted(KIND_NAMES))
def test_every_repair_kind_says_in_words_why_it_cannot_be_put_back(kind: str) -> None:
    note = put_back_note(Repair(kind, "document", "a", "b"), NOT_KEPT)
    assert note.startswith("Cannot be put back: ") and note.endswith(".")
    assert kind not in note  # words, not the file-format name


def test_after_update_essay_a_kept_repair_says_the_essay_changed() -> None:
    essay = import_essay_text("A [first](#) link.\n\nThen [second](#) one.\n", "markdown", "x.md")
    first = essay.repairs[0]
    now = Placement(essay.markdown, essay.markdown, essay.repairs)
    assert now.state(first) == READY
    spans = now.spans(first)
    assert spans == [(2, 7, "[first](#)")]
    put = Placement(essay.markdown[:2] + "[first](#)" + essay.markdown[7:], essay.markdown,
                    essay.repairs)
    assert put.state(first) == DONE and put.state(essay.repairs[1]) == READY
    updated = Placement("A first link, revised.\n\nThen second one.\n", essay.markdown,
                        essay.repairs)
    assert updated.state(first) == CHANGED
    assert put_back_note(first, CHANGED) == (
        "Cannot be put back now: the essay has changed there since it was imported.")


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


def test_one_repair_is_put_back_and_undone(qtbot, tmp_path: Path) -> None:
    from reading_guide.model.edits import AddHighlight
    from reading_guide.model.guide import Highlight, Position, Quote

    essay = tmp_path / "keeper.md"
    essay.write_text("# The Keeper\n\nThe keeper wrote [a letter](#) that nobody answered.\n\n"
                     "Nobody climbed the stairs [that winter]() to the lamp.\n", encoding="utf-8")
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(essay)
    session, panel = window.shell.session, window.reader.repairs
    repaired = session.guide.essay.text
    assert "[a letter](#)" not in repaired and len(panel.repairs) == 2
    text = session.document.text
    start = text.index("climbed the stairs")
    session.push(AddHighlight(Highlight("h1", session.guide.categories[0].id,
                                        Quote("climbed the stairs"),
                                        Position(start, start + len("climbed the stairs")))))
    panel.toggle.setChecked(True)
    panel.details.setCurrentRow(0)
    assert panel.put_back.isVisibleTo(panel)
    panel.resize(640, 110)
    assert panel.grab().save(str(SHOTS / "repair-panel-put-back.png"))
    panel.put_back.click()
    assert "The keeper wrote [a letter](#) that nobody answered." in session.guide.essay.text
    assert "[that winter]()" not in session.guide.essay.text  # only that one repair
    assert session.undo_stack.undoText().startswith("Put back: Removed a link")
    h = session.guide.highlight("h1")
    assert session.document.text[h.position.start:h.position.end] == "climbed the stairs"
    assert panel.details.item(0).font().strikeOut() and not panel.put_back.isVisibleTo(panel)
    session.undo_stack.undo()
    assert session.guide.essay.text == repaired
    assert not panel.details.item(0).font().strikeOut()
    session.undo_stack.redo()
    assert "[a letter](#)" in session.guide.essay.text


LINKED = " ".join(f"[the {n}](#)" for n in ("log", "bell", "map", "chart", "key"))
GROUPED_ESSAY = ("# The Keeper\n\n" + "The keeper climbed the stairs every night and\n\nlit the "
                 "lamp before the ships came in.\n\n" * 4 + f"He kept {LINKED} in a drawer.\n\n"
                 "Nobody climbed the stairs that winter.\n")


def _keeper_window(qtbot, tmp_path: Path):
    from reading_guide.model.edits import AddHighlight
    from reading_guide.model.guide import Highlight, Position, Quote

    essay = tmp_path / "keeper.md"
    essay.write_text(GROUPED_ESSAY, encoding="utf-8")
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(essay)
    session = window.shell.session
    text = session.document.text
    quote = "Nobody climbed the stairs that winter"
    start = text.index(quote)
    session.push(AddHighlight(Highlight("h1", session.guide.categories[0].id, Quote(quote),
                                        Position(start, start + len(quote)))))
    return window, quote


def _highlighted(window) -> str:
    session = window.shell.session
    h = session.guide.highlight("h1")
    return session.document.text[h.position.start:h.position.end]


def test_a_group_of_repairs_is_put_back_whole_as_one_undoable_edit(qtbot, tmp_path) -> None:
    window, quote = _keeper_window(qtbot, tmp_path)
    session, panel = window.shell.session, window.reader.repairs
    repaired = session.guide.essay.text
    links = panel.sentences().index("Removed links that went nowhere (5) — ¶5")
    joins = next(i for i, s in enumerate(panel.sentences()) if s.startswith("Joined paragraphs"))
    panel.toggle.setChecked(True)
    panel.details.setCurrentRow(links)
    assert panel.put_back.isVisibleTo(panel)
    window.shell.resize(900, 600)
    window.shell.show()
    assert panel.grab().save(str(SHOTS / "repair-panel-group.png"))
    panel.put_back.click()
    assert f"He kept {LINKED} in a drawer." in session.guide.essay.text  # all five
    assert session.guide.essay.text.count("and\n\nlit") == 0  # the joins stay
    assert session.undo_stack.undoText() == "Put back: Removed links that went nowhere (5)"
    assert _highlighted(window) == quote
    assert panel.details.item(links).font().strikeOut() and not panel.put_back.isVisibleTo(panel)
    assert panel.note.text() == "Put back. Edit ▸ Undo brings the repair back."
    assert panel.grab().save(str(SHOTS / "repair-panel-group-done.png"))
    panel.details.setCurrentRow(joins)  # the other group moved: still found exactly
    panel.put_back.click()
    assert session.guide.essay.text == GROUPED_ESSAY  # every repair put back
    assert _highlighted(window) == quote
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.guide.essay.text == repaired and _highlighted(window) == quote
    assert not panel.details.item(links).font().strikeOut()
    panel.details.setCurrentRow(links)
    assert panel.put_back.isVisibleTo(panel)
    session.undo_stack.redo()
    assert f"He kept {LINKED}" in session.guide.essay.text and _highlighted(window) == quote


def test_a_repair_that_kept_nothing_says_why_it_cannot_be_put_back(qtbot, tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>The Keeper</title></head><body><article><h1>The Keeper"
                    "</h1><p>The keeper climbed the stairs every night and lit the lamp.</p>"
                    "<script>track()</script><p>Nobody climbed the stairs that winter, and the "
                    "ships went by in the dark.</p><img src='lamp.png' alt='a lamp'></article>"
                    "</body></html>", encoding="utf-8")
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(page)
    panel = window.reader.repairs
    kinds = [r.kind for r in panel.repairs]
    assert "dropped-html" in kinds, kinds
    panel.toggle.setChecked(True)
    panel.details.setCurrentRow(kinds.index("dropped-html"))
    assert not panel.put_back.isVisibleTo(panel)
    assert panel.note.isVisibleTo(panel)
    assert panel.note.text() == "Cannot be put back: the removed text was not kept."
    window.shell.resize(900, 600)
    window.shell.show()
    assert panel.grab().save(str(SHOTS / "repair-panel-not-kept.png"))


def test_a_pdfs_rejoined_words_are_put_back_in_every_place(qtbot, tmp_path) -> None:
    paper = Path(__file__).resolve().parent.parent / "data" / "documents" / "two-column-paper.pdf"
    window = quiet_window(qtbot, tmp_path)
    window.shell.files.open_path(paper)
    qtbot.waitUntil(lambda: not window.documents.busy, timeout=30_000)
    session, panel = window.shell.session, window.reader.repairs
    repaired = session.guide.essay.text
    row = next(i for i, s in enumerate(panel.sentences()) if "hyphenated" in s and "rejoined" in s)
    heads = next(i for i, s in enumerate(panel.sentences()) if s.startswith("Running heads"))
    panel.toggle.setChecked(True)
    panel.details.setCurrentRow(heads)  # their text was not kept: said in words
    assert panel.note.text() == "Cannot be put back: the removed text was not kept."
    panel.details.setCurrentRow(row)
    assert panel.put_back.isVisibleTo(panel) and not panel.note.isVisibleTo(panel)
    panel.put_back.click()
    text = session.guide.essay.text
    assert "es-says" in text and len(text) == len(repaired) + 21  # 21 hyphens, nothing else
    assert "es-says" in session.document.text  # the reader shows it
    session.undo_stack.undo()
    assert session.guide.essay.text == repaired
