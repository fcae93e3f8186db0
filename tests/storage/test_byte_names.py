"""File names in any encoding (issue 18 item 2): a guide or essay whose name is not UTF-8 (an
archive from an old system: `essai-\\xe9.md` in Latin-1) opens, saves with its `.bak`, gets a
recovery file, and its name prints with U+FFFD. Before, saving raised UnicodeEncodeError and
no recovery file was written: the window's work was lost."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.model.guide import new_guide
from reading_guide.storage import file_stamp, load_guide, save_guide
from reading_guide.storage.opening import read_openable
from reading_guide.storage.recovery import list_recoveries, load_recovery, write_recovery

pytestmark = pytest.mark.skipif(
    sys.platform != "linux",
    reason="file names that are not valid UTF-8 exist only on Linux and other Unix file "
    "systems: macOS (APFS) and Windows (UTF-16) refuse to create them",
)


def _name(folder: Path, raw: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))


def test_an_essay_named_in_latin1_opens_saves_and_recovers(tmp_path: Path) -> None:
    essay = _name(tmp_path, b"essai-\xe9.md")
    essay.write_text("Une phrase.\n\nUne autre.\n", encoding="utf-8")
    opened = read_openable(essay)
    assert opened.suggested_path is not None
    target = opened.suggested_path  # essai-\xe9.guide.yaml, beside the essay
    save_guide(opened.guide, target)
    assert os.fsencode(target).endswith(b"essai-\xe9.guide.yaml")
    again = load_guide(target)
    assert again.essay.text == opened.guide.essay.text
    save_guide(again, target, expected=file_stamp(target))
    assert os.path.exists(os.fsencode(target) + b".bak")
    recovery = write_recovery(tmp_path / "recovery", again, target, file_stamp(target), "k")
    info, restored = load_recovery(recovery)
    assert info.original == target and restored == again
    found, problems = list_recoveries(tmp_path / "recovery", include_live=True)
    assert [i.path for i in found] == [recovery] and problems == []
    assert "\ufffd" in recovery.name  # the stem, shown as every program shows it


def test_an_untitled_guide_whose_title_came_from_such_a_name_saves(tmp_path: Path) -> None:
    guide = new_guide("essai-\udce9", "Text.", "essai-\udce9.md")  # lone surrogates
    target = tmp_path / "g.guide.yaml"
    save_guide(guide, target)
    assert load_guide(target).essay.source == "essai-\ufffd.md"


def test_errors_about_such_a_file_are_one_printable_line(tmp_path: Path) -> None:
    broken = _name(tmp_path, b"guide-\xff.guide.yaml")
    broken.write_bytes(b"format: reading-guide/1\nessay: [\n")
    with pytest.raises(InputError) as caught:
        load_guide(broken)
    message = str(caught.value)
    message.encode("utf-8")  # printable: no lone surrogates
    assert "guide-\ufffd.guide.yaml" in message and "\n" not in message
