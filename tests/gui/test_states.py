"""Issue 17.2 and 17.5: what the window shows when there is nothing to show, and the keys that
used to do nothing silently."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gui.app_support import make_window
from tests.gui.test_review import _edited_essay, _update


def test_an_emptied_review_queue_says_all_done_and_closes(qtbot, tmp_path: Path,
                                                          sample_guide_path: Path) -> None:
    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    assert shell.files.open_path(guide_path)
    _update(qtbot, window, _edited_essay(tmp_path), "2nd")
    dock, queue = shell.dock("review"), window.review.queue
    assert dock.isVisible() and queue.pending()
    while len(queue.pending()) > 1:
        queue.keep_general()
        assert dock.isVisible()  # not done yet
    queue.keep_general()
    assert not dock.isVisible()
    assert shell.statusBar().currentMessage() == "All done: every passage is reviewed."
