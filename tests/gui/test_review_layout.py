"""The review queue at laptop size (1024x700): it must not take the question editor's room;
and its marked passages readable in either theme.

It goes beside the essay when that leaves a reading width, else as a tab beside the Edit panel:
the guide's tree stays in view, and a question chosen there brings the editor forward with every
field and button on screen, no scrolling. A highlight clicked in the essay leaves the queue in
front (it may be waiting for a passage chosen there)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reading_guide.gui.core.reading_room import READING_WIDTH
from reading_guide.storage import load_guide, save_guide
from tests.gui.app_support import make_window

SAMPLE = Path(__file__).resolve().parents[2] / "guides" / "sample.guide.yaml"


def _guide_to_review(tmp_path: Path) -> Path:
    """The sample guide with three passages waiting for review: the queue opens with it."""
    guide = load_guide(SAMPLE)
    for h, status in zip(guide.highlights, ("review", "fuzzy", "orphan"), strict=False):
        h.status = status
    path = tmp_path / "review.guide.yaml"
    save_guide(guide, path)
    return path


def _whole(widget) -> bool:  # noqa: ANN001
    """Shown on screen in full (not clipped by a dock, a tab or a scroll area)."""
    region = widget.visibleRegion().boundingRect()
    return widget.isVisible() and region.size() == widget.size()


def _open(qtbot, tmp_path: Path, size: tuple[int, int]):  # noqa: ANN202
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    shell.resize(*size)
    assert shell.files.open_path(_guide_to_review(tmp_path))
    review = shell.dock("review")
    qtbot.waitUntil(review.isVisible)
    qtbot.waitUntil(lambda: window.reader.view.width() >= READING_WIDTH)
    return window


def test_the_question_editor_fits_at_1024x700_with_the_review_queue_open(
    qtbot, tmp_path: Path
) -> None:
    window = _open(qtbot, tmp_path, (1024, 700))
    shell = window.shell
    review, editor_dock = shell.dock("review"), shell.dock("editor")
    queue = window.review.queue
    qtbot.waitUntil(lambda: _whole(queue.accept_button) and _whole(queue.list))
    tree = window.guide.panel.tree
    # A question chosen in the tree: the editor comes forward, every field whole on screen.
    q = next(q for q in shell.session.guide.questions if q.highlight)
    tree.setCurrentItem(window.guide.panel._items[("question", q.id)])
    ed = window.guide.editors.question
    fields = (ed.heading, ed.text, ed.kind, ed.stage, ed.minutes, ed.answer_lines,
              ed.follow_ups, ed.note, ed.up, ed.down, ed.delete)
    qtbot.waitUntil(lambda: all(_whole(f) for f in fields))
    scroller = window.guide.scroller
    assert scroller.verticalScrollBar().maximum() == 0  # nothing below the fold
    assert not review.isHidden()  # the queue is still open, one tab away
    # A tab beside the Edit panel: the guide's tree stays in view too.
    assert review in shell.tabifiedDockWidgets(editor_dock)
    assert not tree.visibleRegion().isEmpty()
    assert ed.text.toPlainText() == q.text


def test_a_highlight_clicked_in_the_essay_leaves_the_queue_in_front(
    qtbot, tmp_path: Path
) -> None:
    window = _open(qtbot, tmp_path, (1024, 700))
    shell = window.shell
    queue = window.review.queue
    qtbot.waitUntil(lambda: _whole(queue.accept_button))
    queue.begin_choose()
    hid = shell.session.guide.highlights[-1].id
    window.reader.view.highlightClicked.emit(hid)
    assert shell.selection.current.id == hid
    qtbot.wait(20)
    assert _whole(queue.use_button)
    # Choosing a question from the queue's own passage does not hide the queue either.
    q = next(q for q in shell.session.guide.questions if q.highlight)
    shell.selection.select("question", q.id, initiator=window.guide.panel)
    qtbot.wait(20)
    assert _whole(queue.use_button)  # still choosing a passage
    queue.choosing = False
    shell.selection.select("question", q.id, initiator=window.guide.panel)
    qtbot.waitUntil(lambda: _whole(window.guide.editors.question.text))


def test_at_1366x768_the_queue_opens_beside_the_essay_and_the_editor_keeps_its_room(
    qtbot, tmp_path: Path
) -> None:
    window = _open(qtbot, tmp_path, (1366, 768))
    shell = window.shell
    review, editor_dock = shell.dock("review"), shell.dock("editor")
    assert review not in shell.tabifiedDockWidgets(editor_dock)
    assert review not in shell.tabifiedDockWidgets(shell.dock("guide"))
    q = next(q for q in shell.session.guide.questions if q.highlight)
    shell.selection.select("question", q.id)
    ed = window.guide.editors.question
    qtbot.waitUntil(lambda: all(_whole(f) for f in (ed.text, ed.note, ed.delete)))
    assert _whole(window.review.queue.accept_button)


def test_when_the_last_passage_is_reviewed_the_editor_has_the_place_again(
    qtbot, tmp_path: Path
) -> None:
    window = _open(qtbot, tmp_path, (1024, 700))
    shell = window.shell
    queue = window.review.queue
    qtbot.waitUntil(lambda: _whole(queue.accept_button))
    while queue.pending():
        if queue.accept_button.isEnabled():
            queue.accept_current()
        else:
            queue.keep_general()  # the passage not found: its questions stay
    assert shell.dock("review").isHidden()
    q = shell.session.guide.questions[0]
    shell.selection.select("question", q.id)
    ed = window.guide.editors.question
    qtbot.waitUntil(lambda: all(_whole(f) for f in (ed.text, ed.note, ed.delete)))
    shell.session.undo_stack.undo()  # the last decision undone: the queue comes back, a tab
    qtbot.waitUntil(lambda: not shell.dock("review").isHidden())
    assert shell.dock("review") in shell.tabifiedDockWidgets(shell.dock("editor"))


def test_a_queue_emptied_behind_the_editor_closes_too(qtbot, tmp_path: Path) -> None:
    """The last passages deleted from the tree while the editor is in front: the queue's tab
    does not stay behind with three empty boxes."""
    window = _open(qtbot, tmp_path, (1024, 700))
    shell = window.shell
    queue = window.review.queue
    q = next(q for q in shell.session.guide.questions if q.highlight)
    shell.selection.select("question", q.id, initiator=window.guide.panel)
    qtbot.waitUntil(lambda: _whole(window.guide.editors.question.text))
    assert shell.dock("review").visibleRegion().isEmpty()  # behind the editor's tab
    for h in list(queue.pending()):
        assert window.guide.ops.delete_highlight(h.id)
    assert shell.dock("review").isHidden()
    assert shell.statusBar().currentMessage() == "All done: every passage is reviewed."


def _luminance(color) -> float:  # noqa: ANN001
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def test_the_marked_passage_is_readable_in_the_dark_theme(qtbot, tmp_path: Path) -> None:
    """The passage in "As it was chosen" and "Where it is now" is marked on a pale yellow; in
    the dark theme its words were the theme's near-white on that yellow (contrast 1.2:1)."""
    from PySide6.QtGui import QPalette, QTextCharFormat

    window = _open(qtbot, tmp_path, (1366, 768))
    queue = window.review.queue
    for view in (queue.old_view, queue.new_view):
        palette = view.palette()
        palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.white)  # as the dark theme
        view.setPalette(palette)
        document = view.document()
        found = 0
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt: QTextCharFormat = fragment.charFormat()
                if fmt.background().style() != Qt.BrushStyle.NoBrush:
                    found += 1
                    text = (fmt.foreground().color() if fmt.hasProperty(
                        QTextCharFormat.Property.ForegroundBrush) else palette.text().color())
                    lighter, darker = sorted((_luminance(fmt.background().color()),
                                              _luminance(text)), reverse=True)
                    assert (lighter + 0.05) / (darker + 0.05) >= 4.5, fragment.text()
                it += 1
            block = block.next()
        assert found, "the passage is marked"
