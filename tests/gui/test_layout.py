"""The dock layout a facilitator arranged comes back on the next start, every feature's docks
included (the shell restores it once, after all features are in)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from tests.gui.app_support import make_window


def _start(qtbot, tmp_path: Path):  # noqa: ANN001, ANN202
    """The window as `app.run` builds it."""
    return make_window(qtbot, tmp_path)


def test_a_moved_session_plan_comes_back_where_it_was_put(qtbot, tmp_path: Path) -> None:
    first = _start(qtbot, tmp_path)
    shell = first.shell
    plan = shell.dock("plan")
    shell.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, plan)  # out of the Guide tabs
    plan.show()
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    qtbot.waitUntil(lambda: shell.dockWidgetArea(plan) == left)
    shell.prompts.save_answer = "discard"
    assert shell.close()

    second = _start(qtbot, tmp_path).shell
    plan = second.dock("plan")
    qtbot.waitUntil(plan.isVisible)
    assert second.dockWidgetArea(plan) == left
    assert second.tabifiedDockWidgets(plan) == []
    assert plan.widget() is not None  # made on first show
    # No tab bar left over from the old Guide | Session Plan tabs.
    tabs = [[bar.tabText(i) for i in range(bar.count())]
            for bar in second.findChildren(QTabBar) if bar.isVisible()]
    assert not [names for names in tabs if "Session Plan" in names]


def test_on_first_start_the_plan_shares_the_guide_docks_place(qtbot, tmp_path: Path) -> None:
    shell = _start(qtbot, tmp_path).shell
    assert shell.tabifiedDockWidgets(shell.dock("plan")) == [shell.dock("guide")]
