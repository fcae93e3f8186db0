"""The session plan as a feature: a dock that shares the Guide dock's place on a first start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reading_guide.gui.core.shell import WindowShell

if TYPE_CHECKING:  # built on first show: start-up does not import it
    from reading_guide.gui.plan.session_plan import SessionPlan


class PlanFeature:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self._plan: SessionPlan | None = None
        # Made the first time the dock shows: start-up builds no plan (bench_startup.py).
        self.dock = shell.add_dock("plan", "Session Plan", self._make,
                                   Qt.DockWidgetArea.RightDockWidgetArea, visible=True,
                                   tab_with="guide")

    def _make(self) -> SessionPlan:
        from reading_guide.gui.plan.session_plan import SessionPlan

        self._plan = SessionPlan(self.shell.session, self.shell.selection)
        self._plan.setObjectName("sessionPlan")
        return self._plan

    @property
    def plan(self) -> SessionPlan:
        """The plan widget, made now if its dock never showed."""
        if self._plan is None:
            self.shell.dock_widget("plan")
        assert self._plan is not None
        return self._plan

    def show(self) -> None:
        self.shell.show_dock("plan")
