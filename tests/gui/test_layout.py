"""The dock layout a facilitator arranged comes back on the next start, every feature's docks
included (the shell restores it once, after all features are in); the session plan is a tab
beside the essay; a panel opening beside the essay never squeezes it below a reading width;
wide windows give the side panels more room (issue 17.2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from reading_guide.gui.core.reading_room import READING_WIDTH
from tests.gui.app_support import ESSAY, make_window


def _start(qtbot, tmp_path: Path):  # noqa: ANN001, ANN202
    """The window as `app.run` builds it."""
    return make_window(qtbot, tmp_path)


def test_a_moved_panel_comes_back_where_it_was_put(qtbot, tmp_path: Path) -> None:
    first = _start(qtbot, tmp_path)
    shell = first.shell
    shell.resize(1920, 1080)
    assert shell.files.open_path(ESSAY)
    review = shell.dock("review")
    shell.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, review)
    review.show()
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    qtbot.waitUntil(lambda: shell.dockWidgetArea(review) == bottom)
    shell.prompts.save_answer = "discard"
    assert shell.close()

    second_window = _start(qtbot, tmp_path)
    second = second_window.shell
    assert second.files.open_path(ESSAY)
    review = second.dock("review")
    qtbot.waitUntil(review.isVisible)
    assert second.dockWidgetArea(review) == bottom
    assert review.widget() is not None  # made on first show


def test_the_session_plan_is_a_tab_beside_the_essay(qtbot, tmp_path: Path) -> None:
    window = _start(qtbot, tmp_path)
    shell = window.shell
    shell.resize(1366, 768)
    assert window.plan.act_show.shortcut().toString() == "Alt+2"
    assert not window.plan.act_show.isEnabled()  # no guide: nothing to plan
    assert shell.files.open_path(Path(__file__).parents[2] / "guides" / "sample.guide.yaml")
    window.plan.act_show.trigger()
    plan = window.plan.plan
    qtbot.waitUntil(plan.isVisible)
    assert not window.reader.view.isVisible()
    assert plan.width() > 1.8 * shell.dock("guide").width()  # the middle, not a side panel
    header = plan.tree.header()
    assert header.sectionResizeMode(2) == header.ResizeMode.Interactive  # resizable columns
    # The whole question fits: the column is wider than its longest text.
    longest = max(plan.tree.fontMetrics().horizontalAdvance(q.text)
                  for q in shell.session.guide.questions)
    assert plan.tree.columnWidth(1) > min(longest, 700)
    tabs = [[bar.tabText(i).replace("&", "") for i in range(bar.count())]
            for bar in shell.findChildren(QTabBar) if bar.isVisible()]
    assert ["Essay", "Session Plan"] in tabs
    # Another guide starts on its essay.
    shell.files.close_guide()
    assert shell.files.open_path(ESSAY)
    assert window.reader.view.isVisible()


def test_review_and_preview_never_squeeze_the_essay(qtbot, tmp_path: Path) -> None:
    for size in ((1366, 768), (1024, 700)):
        window = _start(qtbot, tmp_path / f"{size[0]}")
        shell = window.shell
        shell.resize(*size)
        assert shell.files.open_path(ESSAY)
        for name in ("review", "preview"):
            shell.show_dock(name)
            qtbot.waitUntil(lambda n=name, s=shell: s.dock(n).isVisible())
            dock, view = shell.dock(name), window.reader.view
            # Beside the essay if it leaves a comfortable line, else in the Guide panel's place
            # (a narrow preview fits beside it at 1366 px; the review queue never does).
            qtbot.waitUntil(lambda v=view: v.width() >= READING_WIDTH)  # once laid out again
            assert dock.isVisible() and not dock.visibleRegion().isEmpty()
        shell.prompts.save_answer = "discard"
        shell.close()


def test_wide_windows_give_the_side_panel_more_room(qtbot, tmp_path: Path) -> None:
    window = _start(qtbot, tmp_path)
    shell = window.shell
    shell.resize(1200, 800)
    assert shell.files.open_path(ESSAY)
    qtbot.wait(20)
    narrow = shell.dock("guide").width()
    shell.resize(2400, 1300)
    qtbot.waitUntil(lambda: shell.dock("guide").width() > narrow + 200)
    assert shell.dock("guide").width() >= 700
