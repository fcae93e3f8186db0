"""A file name that is not UTF-8 (an essay `essai-\\xe9.md` from an old archive) opens, saves,
autosaves and is shown with a replacement character; nothing typed is ever lost on the way.

Such names reach Python as lone surrogates (os.fsdecode). Qt cannot hold them: PySide drops
the undecodable byte silently, so a name shown or stored through Qt must go through
errors.printable, and a path kept for later (recent files) must be kept whole.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reading_guide.model.edits import SetField
from reading_guide.storage import load_guide, save_guide
from reading_guide.storage.recovery import load_recovery
from tests.gui.app_support import RecordingPrompts
from tests.gui.app_support import quiet_window as make_window

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="only Linux file systems take names that are not UTF-8 (macOS and Windows refuse them)")

ESSAY = "A lighthouse keeper writes.\n\nThe sea is patient, and so is the light.\n"


def _name(raw: bytes) -> str:
    return os.fsdecode(raw)


@pytest.fixture
def essay(tmp_path: Path) -> Path:
    path = tmp_path / _name(b"essai-\xe9.md")
    try:
        path.write_text(ESSAY, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return path


def test_an_essay_named_in_latin_1_opens_saves_and_autosaves(
    qtbot, tmp_path: Path, essay: Path
) -> None:
    prompts = RecordingPrompts()
    window = make_window(qtbot, tmp_path, autosave_ms=60_000, prompts=prompts)
    assert window.shell.files.open_path(essay), prompts.errors
    assert "essai-\ufffd" in window.shell.windowTitle()
    # The recent list keeps the real name (it opens again), the menu shows it readably.
    assert window.shell.settings.recent_files()[0] == str(essay.resolve())
    window.shell._update_recent_menu()
    assert "essai-\ufffd.md" in window.shell.recent_menu.actions()[0].text()
    window.shell.session.push(SetField("guide", None, "title", "Kept through everything"))
    # Autosave writes the work somewhere it can be recovered from.
    written = window.recovery.controller.autosave()
    assert written is not None and written.is_file()
    assert load_recovery(written)[1].title == "Kept through everything"
    # Save: the guide goes beside the essay under the same kind of name.
    target = tmp_path / _name(b"essai-\xe9.guide.yaml")
    prompts.next_save = str(target)
    assert window.shell.files.save(), prompts.errors
    assert load_guide(target).title == "Kept through everything"
    assert not window.shell.session.is_modified and "essai-\ufffd" in window.shell.windowTitle()
    # Autosave of a guide saved under such a name (the recovery file names its original).
    window.shell.session.push(SetField("guide", None, "title", "Changed after saving"))
    again = window.recovery.controller.autosave()
    assert again is not None and load_recovery(again)[1].title == "Changed after saving"
    window.shell.session.undo_stack.undo()
    # The handout goes beside it, under the real name (not the one shown).
    dialog = window.export.make_dialog()
    qtbot.addWidget(dialog)
    assert dialog.output_path() == str(tmp_path / _name(b"essai-\xe9-participant.pdf"))
    assert "essai-\ufffd-participant.pdf" in dialog.output.text()


def test_a_guide_named_in_latin_1_reopens_from_the_recent_list(
    qtbot, tmp_path: Path, essay: Path
) -> None:
    from reading_guide.model.guide import Essay, Guide

    guide = tmp_path / _name(b"f\xeate.guide.yaml")
    save_guide(Guide(title="Fête", essay=Essay(title="Fête", text=ESSAY)), guide)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(guide)
    assert window.shell.files.close_guide()
    window.shell._update_recent_menu()
    window.shell.recent_menu.actions()[0].trigger()
    assert window.shell.session.path == guide.resolve()
