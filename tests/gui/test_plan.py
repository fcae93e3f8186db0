"""The session plan: stages, clock, total against the session, reordering by drag and keyboard."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from reading_guide.export import ExportOptions, build_html
from reading_guide.gui.plan.session_plan import ID_ROLE, MIN_COLUMN
from reading_guide.storage import dumps_guide
from tests.gui.app_support import quiet_window as make_window


@pytest.fixture
def window(qtbot, tmp_path: Path, sample_guide_path: Path):
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(guide_path)
    return window


def _rows(plan) -> dict[str, list[str]]:
    out = {}
    for i in range(plan.tree.topLevelItemCount()):
        group = plan.tree.topLevelItem(i)
        stage = group.data(0, ID_ROLE)[6:]
        out[stage] = [group.child(j).data(0, ID_ROLE) for j in range(group.childCount())]
    return out


def _item(plan, qid: str):
    for i in range(plan.tree.topLevelItemCount()):
        group = plan.tree.topLevelItem(i)
        for j in range(group.childCount()):
            if group.child(j).data(0, ID_ROLE) == qid:
                return group.child(j)
    raise AssertionError(qid)


def test_plan_shows_stages_clock_and_total(window) -> None:
    plan = window.plan.plan
    guide = window.shell.session.guide
    rows = _rows(plan)
    for stage, ids in rows.items():
        assert ids == [q.id for q in guide.questions if q.stage == stage]
    total = sum(q.minutes or 0 for q in guide.questions)
    assert plan.total.text() == f"{total} of 75 min planned"
    first = _item(plan, rows["opening"][0])
    minutes = guide.questions[0].minutes
    assert first.text(4) == f"0:00–0:{minutes:02d}"
    assert "factual" in plan.balance.text() and "evaluative" in plan.balance.text()


def test_keyboard_reorder_is_one_undoable_step_and_renumbers_handouts(qtbot, window) -> None:
    plan, session = window.plan.plan, window.shell.session
    before = [q.id for q in session.guide.questions]
    core = _rows(plan)["core"]
    plan.tree.setCurrentItem(_item(plan, core[1]))
    qtbot.keyClick(plan.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    after = [q.id for q in session.guide.questions]
    assert after.index(core[1]) < after.index(core[0])
    assert plan.tree.current_question() == core[1]  # the moved row stays selected
    assert _item(plan, core[1]).text(0) == f"Q{after.index(core[1]) + 1}"
    html = build_html(session.guide, ExportOptions())
    text = {q.id: q.text for q in session.guide.questions}
    assert html.index(_escape(text[core[1]])) < html.index(_escape(text[core[0]]))
    # The first core question moves up into the opening stage.
    plan.tree.setCurrentItem(_item(plan, core[1]))
    qtbot.keyClick(plan.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert core[1] in _rows(plan)["opening"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert [q.id for q in session.guide.questions] == before
    assert _rows(plan)["core"] == core


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False).split("'")[0]


def test_drag_and_drop_moves_a_question_across_stages(qtbot, window) -> None:
    plan, session = window.plan.plan, window.shell.session
    window.shell.resize(1300, 900)
    window.shell.show()
    plan.resize(500, 600)
    rows = _rows(plan)
    dragged, target = rows["closing"][-1], rows["core"][0]
    plan.tree.setCurrentItem(_item(plan, dragged))
    rect = plan.tree.visualItemRect(_item(plan, target))
    point = QPointF(rect.center().x(), rect.top() + 2)  # upper half: drop before the target
    mime = plan.tree.mimeData([_item(plan, dragged)])
    event = QDropEvent(point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    plan.tree.dropEvent(event)
    new_rows = _rows(plan)
    assert new_rows["core"][:2] == [dragged, target]
    moved = next(q for q in session.guide.questions if q.id == dragged)
    assert moved.stage == "core"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert _rows(plan) == rows


def test_minutes_and_session_length_warn_when_over(qtbot, window) -> None:
    plan, session = window.plan.plan, window.shell.session
    before = dumps_guide(session.guide)
    qid = _rows(plan)["core"][0]
    _item(plan, qid).setText(MIN_COLUMN, "40")
    assert next(q for q in session.guide.questions if q.id == qid).minutes == 40
    total = session.guide.planned_minutes()
    assert total > 75
    assert "over" in plan.total.text() and f"{total - 75} min over" in plan.total.text()
    _item(plan, qid).setText(MIN_COLUMN, "ten")  # not a number: refused, value shown again
    qtbot.waitUntil(lambda: _item(plan, qid).text(MIN_COLUMN) == "40")
    assert next(q for q in session.guide.questions if q.id == qid).minutes == 40
    plan.length.setValue(200)
    assert session.guide.session.minutes == 200 and "over" not in plan.total.text()
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert dumps_guide(session.guide) == before


def test_plan_picture(qtbot, window, tmp_path: Path) -> None:
    from reading_guide.gui.plan.session_plan import SessionPlan

    plan = SessionPlan(window.shell.session, window.shell.selection)
    qtbot.addWidget(plan)
    plan.resize(620, 460)
    plan.show()
    out = Path(os.environ.get("GUI_SHOTS", tmp_path)) / "plan.png"
    assert plan.grab().save(str(out))


def test_the_plan_shows_a_question_as_printed_not_its_markdown(qtbot, window) -> None:
    from reading_guide.model.edits import SetField

    plan = window.plan.plan
    qid = window.shell.session.guide.questions[0].id
    window.shell.session.push(SetField("question", qid, "text", "Why *slowly*, and **who** says?"))
    item = _item(plan, qid)
    assert item.text(1) == "Why slowly, and who says?"
    assert "*" not in item.toolTip(1)
