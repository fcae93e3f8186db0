"""The dock layout a facilitator arranged comes back on the next start, part 2's docks included."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTabBar

from reading_guide.app import build_window, create_application
from reading_guide.gui.core.settings import Settings
from reading_guide.gui.part2 import install_part2
from tests.gui.app_support import RecordingPrompts


def _start(qtbot, tmp_path: Path):  # noqa: ANN001, ANN202
    """The window as `app.run` builds it: part 2 installed before the one layout restore."""
    create_application()
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = build_window(settings, prompts=RecordingPrompts(), opener=lambda _p: None,
                          restore_layout=False)
    install_part2(window, data_dir=tmp_path / "data", offer_restore=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


def test_a_moved_session_plan_comes_back_where_it_was_put(qtbot, tmp_path: Path) -> None:
    first = _start(qtbot, tmp_path)
    plan = first.part2.docks["plan"]
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, plan)  # out of the Guide tabs
    plan.show()
    qtbot.waitUntil(lambda: first.dockWidgetArea(plan) == Qt.DockWidgetArea.LeftDockWidgetArea)
    first.prompts.save_answer = "discard"
    assert first.close()

    second = _start(qtbot, tmp_path)
    plan = second.part2.docks["plan"]
    qtbot.waitUntil(plan.isVisible)
    assert second.dockWidgetArea(plan) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.tabifiedDockWidgets(plan) == []
    assert plan.widget() is not None  # made on first show
    # No tab bar left over from the old Guide | Session Plan tabs.
    tabs = [[bar.tabText(i) for i in range(bar.count())]
            for bar in second.findChildren(QTabBar) if bar.isVisible()]
    assert not [names for names in tabs if "Session Plan" in names]


def test_on_first_start_the_plan_shares_the_guide_docks_place(qtbot, tmp_path: Path) -> None:
    window = _start(qtbot, tmp_path)
    assert window.tabifiedDockWidgets(window.part2.docks["plan"]) == [window.guide_dock]
