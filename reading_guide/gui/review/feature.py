"""Update essay… and the review queue, as a feature of the window.

"Update Essay…" asks for the revised essay and its edition name, re-anchors in a thread
(EssayUpdater) and pushes the result as one undoable step; the Review dock lists every highlight
that moved. A guide opened with passages still waiting (saved mid-review, or its essay edited by
hand) says so and shows the queue.

Where the queue goes: beside the essay when that leaves it a reading width, else a tab beside
the Edit panel (its BESIDE property; core/reading_room.py places it), so the guide's tree stays
in view and the question editor keeps its full height. A question chosen while the queue is in
front (in the tree, the plan, or a new one asked) brings the editor to the front: that is where
its words are typed. A highlight chosen in the essay does not (the queue may be waiting for a
passage to be chosen there).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reading_guide.gui.core.actions import make_action
from reading_guide.gui.core.reading_room import BESIDE
from reading_guide.gui.core.selection import QUESTION, Selected
from reading_guide.gui.core.shell import Menu, WindowShell

if TYPE_CHECKING:  # made on first use: start-up imports neither (bench_startup.py)
    from reading_guide.gui.core.changes import GuideChange
    from reading_guide.gui.review.review_queue import EssayUpdater, ReviewQueue


class ReviewFeature:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self._queue: ReviewQueue | None = None
        self._updater: EssayUpdater | None = None
        self._closed_when_done = False  # the queue closed itself: an undo opens it again
        self.dock = shell.add_dock("review", "Review Highlights", self._make,
                                   Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock.setProperty(BESIDE, "editor")
        self.act_update = make_action(
            shell.widget(), "&Update Essay…", lambda: self.update_essay(),
            name="actUpdateEssay",
            tip="Move this guide onto a revised edition of the essay and review what moved")
        shell.add_action(Menu.GUIDE, self.act_update, "essay")
        shell.session.reset.connect(self._on_reset)
        shell.session.changed.connect(self._on_changed)
        shell.selection.changed.connect(self._on_selected)
        self._on_reset()

    def _on_selected(self, selected: Selected) -> None:
        """A question chosen while the queue hides the editor brings the editor forward."""
        if selected.kind != QUESTION or (self._queue is not None and self._queue.choosing):
            return
        editor = self.shell.dock("editor")
        if (self.dock in self.shell.widget().tabifiedDockWidgets(editor)
                and editor.visibleRegion().isEmpty() and not self.dock.visibleRegion().isEmpty()):
            editor.raise_()

    def _on_changed(self, change: GuideChange) -> None:
        """The last passage reviewed: say so and close the queue (an empty queue of three
        blank boxes helps nobody); Undo brings the passage, and the queue, back."""
        if self._queue is None:
            return
        if self.dock.isVisible():
            if not self._queue.pending():
                self.dock.hide()
                self._closed_when_done = True
                self.shell.show_status("All done: every passage is reviewed.", 8000)
        elif self._closed_when_done and change.undoing and self._queue.pending():
            self._closed_when_done = False
            self.shell.show_dock("review")

    def _make(self) -> ReviewQueue:
        from reading_guide.gui.review.review_queue import ReviewQueue

        shell = self.shell
        self._queue = ReviewQueue(
            shell.session, lambda: shell.essay.selection_range(),
            lambda hid, _start, _end: shell.selection.select("highlight", hid, scroll=True,
                                                             initiator=self._queue),
            ask_delete=lambda count: shell.prompts.delete_highlight(count))
        self._queue.setObjectName("reviewQueue")
        return self._queue

    @property
    def queue(self) -> ReviewQueue:
        """The review queue, made now if its dock never showed."""
        if self._queue is None:
            self.shell.dock_widget("review")
        assert self._queue is not None
        return self._queue

    @property
    def updater(self) -> EssayUpdater:
        """The essay updater, made on first use: it only counts edits made while an update
        runs, so starting it late loses nothing."""
        if self._updater is None:
            from reading_guide.gui.review.review_queue import EssayUpdater

            self._updater = EssayUpdater(self.shell.session, self.shell.widget())
            self._updater.finished.connect(self._on_update_finished)
        return self._updater

    def _on_reset(self) -> None:
        self._closed_when_done = False
        session = self.shell.session
        self.act_update.setEnabled(session.is_open)
        if all(h.anchor_status == "exact" for h in session.guide.highlights):
            return  # nothing to review (ReviewQueue.pending): the queue need not be built
        waiting = len(self.queue.pending())
        if waiting:
            self.shell.show_status(
                f"{waiting} highlight{'s' if waiting != 1 else ''} to review.", 8000)
            self.shell.show_dock("review")

    def update_essay(self, path: str | None = None, edition: str | None = None,
                     into: str | None = None) -> bool:
        """Ask for the revised essay, its edition name and whether the result is a new guide
        (the default) or this one, then start the update."""
        from PySide6.QtWidgets import QFileDialog

        from reading_guide.gui.core.new_or_this import NEW_GUIDE
        from reading_guide.gui.core.plain_text import shown
        from reading_guide.gui.core.prompts import ESSAY_FILTER

        session, window = self.shell.session, self.shell.widget()
        if not session.is_open or self.updater.busy:
            return False
        if path is None:
            folder = shown(str(session.path.parent)) if session.path else ""
            path, _ = QFileDialog.getOpenFileName(window, "Revised essay", folder, ESSAY_FILTER)
            if not path:
                return False
        if edition is None or into is None:
            answer = self.ask_update(Path(path), edition or Path(path).stem)
            if answer is None:
                return False
            edition, into = answer
        if into == NEW_GUIDE and not self._into_new_guide(edition):
            return False
        self.shell.show_status("Re-anchoring highlights on the revised essay…", 0)
        return self.updater.start(path, edition)

    def ask_update(self, path: Path, edition: str) -> tuple[str, str] | None:
        """(edition, NEW_GUIDE or THIS_GUIDE), or None when cancelled. Replaceable in tests."""
        from reading_guide.gui.review.update_dialog import UpdateEssayDialog

        dialog = UpdateEssayDialog(path.name, edition, self.shell.widget())
        return dialog.values() if dialog.exec() else None

    def _into_new_guide(self, edition: str) -> bool:
        """Make the open guide a new, unsaved copy (its file left as it was) before the update
        changes it; False when the user keeps unsaved work rather than go on."""
        import copy
        import re

        shell = self.shell
        session = shell.session
        if not shell.files.maybe_save():
            return False
        old = session.path
        tag = re.sub(r"[^\w]+", "-", edition).strip("-").lower() or "updated"
        stem = (old.name.split(".")[0] if old else "guide") or "guide"
        folder = old.parent if old else (session.suggested_path.parent
                                         if session.suggested_path else Path.cwd())
        twin = copy.deepcopy(session.guide)
        shell.files.release()  # the old file is free again: the new guide is not it
        session.load(twin, session.document, None, suggested_path=folder / f"{stem}-{tag}"
                     ".guide.yaml", saved=False)
        return True

    def _on_update_finished(self, error: str) -> None:
        if error:
            self.shell.show_status("", 1)
            self.shell.prompts.error("Could not update the essay", error)
            return
        result = self.updater.last
        if result is not None:
            self.queue.set_origin(result)
        waiting = len(self.queue.pending())
        self.shell.show_status(
            f"Essay updated: {waiting} highlight{'s' if waiting != 1 else ''} to review "
            "(Undo puts the old essay back).", 8000)
        self.shell.show_dock("review")
