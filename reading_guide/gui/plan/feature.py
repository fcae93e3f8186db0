"""The session plan as a feature: a tab beside the essay, with its own add button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from reading_guide.gui.core.shell import WindowShell

if TYPE_CHECKING:  # built on first show: start-up does not import it
    from reading_guide.gui.plan.session_plan import SessionPlan


class PlanFeature:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self._plan: SessionPlan | None = None
        # A tab beside the essay (core/pages.py: a running order needs the window's width),
        # made the first time it shows: start-up builds no plan (bench_startup.py).
        self.act_show = shell.add_page("plan", "Session &Plan", self._make, shortcut="Alt+2")

    def _make(self) -> SessionPlan:
        from reading_guide.gui.plan.session_plan import SessionPlan

        self._plan = SessionPlan(self.shell.session, self.shell.selection)
        self._plan.setObjectName("sessionPlan")
        try:
            add = self.shell.action("actNewGeneral")  # the guide feature's, when installed
        except KeyError:
            add = None
        if add is not None:
            button = QToolButton()
            button.setObjectName("planAddQuestion")
            button.setDefaultAction(add)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._plan.add_below_rows(button)
        return self._plan

    @property
    def plan(self) -> SessionPlan:
        """The plan widget, made now if its dock never showed."""
        if self._plan is None:
            self.shell.page_widget("plan")
        assert self._plan is not None
        return self._plan

    def show(self) -> None:
        self.shell.show_page("plan")
