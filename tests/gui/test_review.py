"""Update essay…: re-anchor the sample guide onto an edited essay and review what moved."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reading_guide.gui.core.new_or_this import NEW_GUIDE, THIS_GUIDE
from reading_guide.resources import resource_path
from reading_guide.storage import dumps_guide, load_guide
from tests.gui.app_support import quiet_window as make_window


@pytest.fixture
def opened(qtbot, tmp_path: Path, sample_guide_path: Path):
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(guide_path)
    return window


def _edited_essay(tmp_path: Path) -> Path:
    """The sample essay, revised: one highlighted sentence reworded, one cut, a new opening."""
    text = resource_path("sample", "the-slow-reader.md").read_text(encoding="utf-8")
    replacements = [
        # h2: reworded a little -> fuzzy or review
        ("A fast reader can usually say what an essay claims; a slow reader can say how it "
         "claims it", "A quick reader can often say what an essay claims; a slow reader can "
         "say how it claims it"),
        # h7: gone from the new edition -> orphan
        ("A group that only dissects will tire quickly. ", ""),
        # new text before everything: positions shift, exact highlights stay exact
        ("Most of what we read today", "A new first sentence for the second edition. Most of "
         "what we read today"),
    ]
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "the-slow-reader-2nd.md"
    path.write_text(text, encoding="utf-8")
    return path


def _update(qtbot, window, path: Path, edition: str) -> None:
    review = window.review
    with qtbot.waitSignal(review.updater.finished, timeout=30000) as blocker:
        assert review.update_essay(str(path), edition, THIS_GUIDE)
        assert review.updater.busy  # the work runs in a thread; the window is not blocked
    assert blocker.args == [""]


def test_review_queue_after_updating_the_sample_essay(qtbot, opened, tmp_path: Path) -> None:
    window = opened
    session, review = window.shell.session, window.review
    before = dumps_guide(session.guide)
    old_text = session.document.text
    _update(qtbot, window, _edited_essay(tmp_path), "2nd edition")
    guide = session.guide
    assert guide.essay.edition == "2nd edition" and "second edition" in guide.essay.text
    assert "second edition" in session.document.text  # the reader shows the new essay
    assert window.reader.view.document() is session.document
    assert [h.id for h in guide.highlights] == [f"h{i}" for i in range(1, 8)]  # nothing lost
    queue = review.queue
    pending = {h.id: h.anchor_status for h in queue.pending()}
    assert pending.get("h7") == "orphan"
    assert pending.get("h2") in ("fuzzy", "review")
    assert "h1" not in pending and "h5" not in pending  # untouched passages are exact
    assert window.shell.dock("review").isVisible() or not window.shell.isVisible()
    assert f"{len(pending)} highlight" in queue.count_label.text()
    text = session.document.text
    for h in guide.highlights:  # every placed highlight shows its passage in the new text:
        if h.position is not None:  # its quote, or the placement awaiting review beside it
            assert text[h.position.start:h.position.end] == (h.placed or h.quote).exact

    # Accept the proposal for h2.
    queue.list.setCurrentRow([h.id for h in queue.pending()].index("h2"))
    queue.accept_current()
    assert guide.highlight("h2").anchor_status == "exact"
    h2 = guide.highlight("h2")  # confirmed: the placed text is now the highlight's quote
    assert text[h2.position.start:h2.position.end] == h2.quote.exact and h2.placed is None
    assert "h2" not in {h.id for h in queue.pending()}

    # Choose a passage for the orphan h7 by selecting it in the reader.
    queue.list.setCurrentRow([h.id for h in queue.pending()].index("h7"))
    assert not queue.accept_button.isEnabled()  # nothing proposed for an orphan
    start = text.index("A group that only shares feelings")
    end = start + len("A group that only shares feelings")
    window.reader.view.select_range(start, end)
    queue.begin_choose()
    assert queue.use_selection()
    h7 = guide.highlight("h7")
    assert (h7.position.start, h7.position.end) == (start, end) and h7.anchor_status == "exact"
    assert queue.pending() == [] or "h7" not in {h.id for h in queue.pending()}
    remaining = len(queue.pending())
    assert (f"{remaining} highlight" in queue.count_label.text() if remaining
            else "Nothing to review" in queue.count_label.text())

    # Undo the decisions, then the whole update in one step: the guide is as it was.
    stack = session.undo_stack
    stack.undo()
    stack.undo()
    assert stack.undoText() == "Update essay"
    stack.undo()
    assert dumps_guide(session.guide) == before
    assert session.document.text == old_text and window.reader.view.document() is session.document
    stack.redo()
    assert session.guide.essay.edition == "2nd edition"


def test_keep_as_general_question(qtbot, opened, tmp_path: Path) -> None:
    window = opened
    _update(qtbot, window, _edited_essay(tmp_path), "2nd")
    queue, guide = window.review.queue, window.shell.session.guide
    queue.list.setCurrentRow([h.id for h in queue.pending()].index("h7"))
    asked = [q.id for q in guide.questions_for("h7")]
    queue.keep_general()
    assert guide.highlight("h7") is None
    assert all(q.highlight is None for q in guide.questions if q.id in asked) and asked
    window.shell.session.undo_stack.undo()
    assert [q.id for q in guide.questions_for("h7")] == asked


def test_an_essay_sharing_nothing_orphans_everything_and_undoes(
    qtbot, opened, tmp_path: Path
) -> None:
    window = opened
    session = window.shell.session
    before = dumps_guide(session.guide)
    other = tmp_path / "bananas.md"
    other.write_text("# Bananas\n\nBananas grow in bunches on large herbaceous plants.\n\n"
                     "They ripen after picking, in warm rooms.\n", encoding="utf-8")
    _update(qtbot, window, other, "wrong essay")
    guide = session.guide
    pending = window.review.queue.pending()
    assert {h.id for h in pending} == {h.id for h in load_guide(
        window.shell.session.path).highlights}
    assert all(h.anchor_status == "orphan" and h.position is None for h in pending)
    # Nothing lost: quotes, notes and questions are all still there.
    assert [q.id for q in guide.questions] == [f"q{i}" for i in range(1, 10)]
    assert guide.highlight("h1").note.startswith("The thesis")
    assert "7 highlights to review" in window.review.queue.count_label.text()
    session.undo_stack.undo()
    assert dumps_guide(session.guide) == before


def test_an_unreadable_essay_is_one_error_line_and_changes_nothing(
    qtbot, opened, tmp_path: Path
) -> None:
    window = opened
    before = dumps_guide(window.shell.session.guide)
    bad = tmp_path / "broken.md"
    bad.write_bytes(b"\x00\x01\x02binary")
    with qtbot.waitSignal(window.review.updater.finished, timeout=30000) as blocker:
        window.review.update_essay(str(bad), "x", THIS_GUIDE)
    assert blocker.args[0] and "\n" not in blocker.args[0]
    (title, message), = window.shell.prompts.errors
    assert "broken.md" in message
    session = window.shell.session
    assert dumps_guide(session.guide) == before and session.undo_stack.count() == 0


def test_review_panel_picture(qtbot, opened, tmp_path: Path) -> None:
    window = opened
    _update(qtbot, window, _edited_essay(tmp_path), "2nd edition")
    queue = window.review.queue
    queue.resize(520, 620)
    out = tmp_path / "review.png"
    window.shell.resize(1300, 850)
    window.shell.dock("review").show()
    import os
    if os.environ.get("GUI_SHOTS"):
        queue.grab().save(os.environ["GUI_SHOTS"] + "/review.png")
        window.shell.grab().save(os.environ["GUI_SHOTS"] + "/review-window.png")
    assert queue.grab().save(str(out))
    assert out.stat().st_size > 0


def test_edits_made_while_reanchoring_are_not_lost(qtbot, opened, tmp_path: Path) -> None:
    from reading_guide.model.edits import SetField

    window = opened
    review = window.review
    with qtbot.waitSignal(review.updater.finished, timeout=30000) as blocker:
        assert review.update_essay(str(_edited_essay(tmp_path)), "2nd", THIS_GUIDE)
        # The window stays usable: an edit while the worker runs is kept, and the update
        # is computed again from the edited guide.
        window.shell.session.push(SetField("highlight", "h3", "note", "Written during the update"))
    assert blocker.args == [""]
    guide = window.shell.session.guide
    assert guide.essay.edition == "2nd"
    assert guide.highlight("h3").note == "Written during the update"
    window.shell.session.undo_stack.undo()
    assert guide.highlight("h3").note == "Written during the update"
    assert window.shell.session.guide.essay.edition == ""


def test_a_guide_saved_mid_review_opens_with_the_queue(qtbot, tmp_path: Path,
                                                       sample_guide_path: Path) -> None:
    from reading_guide.model.edits import SetField
    from reading_guide.storage import save_guide

    guide = load_guide(sample_guide_path)
    guide.highlights[1].status = "review"
    path = tmp_path / "mid-review.guide.yaml"
    save_guide(guide, path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.dock("review").isHidden()
    assert window.shell.files.open_path(path)
    assert not window.shell.dock("review").isHidden()
    assert [h.id for h in window.review.queue.pending()] == ["h2"]
    # Editing elsewhere refreshes the queue but does not pull the selection to it.
    window.shell.selection.select("question", "q1", scroll=False)
    window.shell.session.push(SetField("question", "q1", "text", "Edited", typing=True))
    assert window.guide.panel.current() == ("question", "q1")


def test_update_essay_into_a_new_guide_leaves_last_years_file_untouched(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    guide_path = tmp_path / "slow.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    before = guide_path.read_bytes()
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(guide_path)
    asked: list[str] = []

    def answer(path: Path, edition: str) -> tuple[str, str]:
        asked.append(edition)
        return "2nd edition, 2026", NEW_GUIDE  # the dialog's default choice

    window.review.ask_update = answer
    revised = _edited_essay(tmp_path)
    with qtbot.waitSignal(window.review.updater.finished, timeout=30000) as blocker:
        assert window.review.update_essay(str(revised))
    assert blocker.args == [""] and asked == [revised.stem]
    session = window.shell.session
    assert session.path is None and session.is_modified  # a new guide, not yet saved
    assert session.suggested_path == tmp_path / "slow-2nd-edition-2026.guide.yaml"
    assert session.guide.essay.edition == "2nd edition, 2026"
    assert "A new first sentence" in session.document.text
    assert guide_path.read_bytes() == before  # last year's guide as it was
    assert load_guide(guide_path).essay.edition == ""


def test_update_essay_dialog_offers_a_new_guide_first(qtbot) -> None:
    from reading_guide.gui.review.update_dialog import UpdateEssayDialog

    dialog = UpdateEssayDialog("the-slow-reader-2nd.md", "the-slow-reader-2nd")
    qtbot.addWidget(dialog)
    assert dialog.values() == ("the-slow-reader-2nd", NEW_GUIDE)
    dialog.into.this.setChecked(True)
    assert dialog.values()[1] == THIS_GUIDE
    dialog.resize(520, 220)
    shots = os.environ.get("GUI_SHOTS", "/tmp")
    assert dialog.grab().save(f"{shots}/update-essay-dialog.png")


def test_the_queue_speaks_plain_words_and_shows_both_texts(qtbot, opened, tmp_path) -> None:
    window = opened
    _update(qtbot, window, _edited_essay(tmp_path), "2nd edition")
    queue, guide = window.review.queue, window.shell.session.guide
    rows = [queue.list.item(i).text() for i in range(queue.list.count())]
    assert rows and not any(w in " ".join(rows) for w in ("fuzzy", "orphan", "review "))
    pending = {h.id: h for h in queue.pending()}
    assert any(r.startswith("Not found: ") for r in rows)  # h7
    h2 = pending["h2"]
    word = "Changed slightly" if h2.anchor_status == "fuzzy" else "Needs a look"
    assert any(r.startswith(f"{word}: ") for r in rows)
    # The old context of a passage not found: its words as they were, around it.
    queue.list.setCurrentRow(list(pending).index("h7"))
    old = queue.old_view.toPlainText()
    assert " ".join(pending["h7"].quote.exact.split()) in " ".join(old.split())
    assert "Not found in this essay" in queue.new_view.toPlainText()
    # A passage placed on other words: the queue and the editor show the placed words and the
    # chosen ones beside them; Accept makes the placed words the highlight's.
    assert h2.placed is not None and h2.placed.exact != h2.quote.exact  # reworded: h2
    queue.list.setCurrentRow(list(pending).index("h2"))
    assert "its words changed" in queue.new_title.text()
    window.shell.selection.select("highlight", "h2")
    editor = window.guide.editors.highlight
    assert editor.quote.text().startswith("Now: “") and "Chosen: “" in editor.quote.text()
    assert word.lower() in editor.heading.text()
    shots = os.environ.get("GUI_SHOTS", "/tmp")
    queue.resize(520, 640)
    assert queue.grab().save(f"{shots}/review-queue-placed.png")
    editor.resize(420, 260)
    assert editor.grab().save(f"{shots}/highlight-editor-placed.png")
    placed = h2.placed.exact
    queue.accept_current()
    assert guide.highlight("h2").quote.exact == placed
    assert queue.grab().save(f"{shots}/review-queue-words.png")


def test_delete_in_the_queue_asks_about_questions_and_undoes(qtbot, opened, tmp_path) -> None:
    window = opened
    _update(qtbot, window, _edited_essay(tmp_path), "2nd edition")
    queue, session = window.review.queue, window.shell.session
    pending = [h.id for h in queue.pending()]
    queue.list.setCurrentRow(pending.index("h7"))
    questions = len(session.guide.questions)
    asked_for = len(session.guide.questions_for("h7"))
    window.shell.prompts.delete_answer = "keep"
    queue.list.setFocus()
    qtbot.keyClick(queue.list, Qt.Key.Key_Delete)  # the Delete key in the list
    assert session.guide.highlight("h7") is None
    assert len(session.guide.questions) == questions  # kept as general questions
    assert "h7" not in [h.id for h in queue.pending()]
    session.undo_stack.undo()
    assert session.guide.highlight("h7") is not None
    window.shell.prompts.delete_answer = "delete"
    queue.list.setCurrentRow([h.id for h in queue.pending()].index("h7"))
    assert queue.delete_button.isEnabled()
    queue.delete_button.click()
    assert len(session.guide.questions) == questions - asked_for


def test_the_queue_says_why_a_passage_needs_checking(qtbot, opened, tmp_path) -> None:
    """Beside "Placed where it most likely is…", the queue gives the reason the move found
    (the passage's words changed, two places fit, only part of it is left), so the facilitator
    knows what to look for; an orphan says why nothing was found."""
    window = opened
    _update(qtbot, window, _edited_essay(tmp_path), "2nd edition")
    queue, guide = window.review.queue, window.shell.session.guide
    for hid in ("h2", "h7"):
        h = guide.highlight(hid)
        assert h is not None and h.reason, hid  # the move recorded a reason
        queue.list.setCurrentRow([x.id for x in queue.pending()].index(hid))
        shown = queue.reason.text()
        why = h.reason.split(";")[0]
        assert f"Why: {why[:1].upper()}{why[1:]}." in shown, (hid, shown)
