"""The guide library lists guides quickly, and lists broken ones with their error."""

from __future__ import annotations

import shutil
from pathlib import Path

from reading_guide.storage import dumps_guide, load_guide, loads_guide
from reading_guide.storage.library import scan_library


def test_lists_guides_with_their_summary(tmp_path: Path, sample_guide_path: Path) -> None:
    shutil.copy(sample_guide_path, tmp_path / "a.guide.yaml")
    sub = tmp_path / "2027"
    sub.mkdir()
    guide = load_guide(sample_guide_path)
    guide.session.group = "Monday group"
    guide.questions = guide.questions[:3]
    (sub / "b.guide.yaml").write_text(dumps_guide(guide), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a guide", encoding="utf-8")
    entries = scan_library([tmp_path, tmp_path / "missing"])
    assert [e.path.name for e in entries] == ["a.guide.yaml", "b.guide.yaml"]
    a, b = entries
    assert a.ok and a.title == guide.title and a.essay_title == guide.essay.title
    assert a.questions == 9 and b.questions == 3
    assert (b.group, b.date) == ("Monday group", guide.session.date)
    assert a.essay_sha256 == guide.essay.sha256
    assert b.matches("monday reading") and not a.matches("monday")


def test_the_same_folder_twice_lists_each_guide_once(tmp_path: Path, sample_guide_path: Path
                                                     ) -> None:
    shutil.copy(sample_guide_path, tmp_path / "a.guide.yaml")
    assert len(scan_library([tmp_path, tmp_path])) == 1


def test_broken_guides_are_listed_with_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "bad.guide.yaml").write_text("format: reading-guide/1\ntitle: [\n",
                                             encoding="utf-8")
    (tmp_path / "empty.guide.yaml").write_text("", encoding="utf-8")
    entries = scan_library([tmp_path])
    assert [e.path.name for e in entries] == ["bad.guide.yaml", "empty.guide.yaml"]
    for e in entries:
        assert not e.ok and "\n" not in e.error and e.path.name in e.error


def test_essay_edition_round_trips(sample_guide_path: Path, tmp_path: Path) -> None:
    guide = load_guide(sample_guide_path)
    guide.essay.edition = "2nd edition, 2026"
    text = dumps_guide(guide)
    assert "  edition: 2nd edition, 2026\n  language: en\n" in text  # after source, before language
    again = loads_guide(text)
    assert again.essay.edition == "2nd edition, 2026" and dumps_guide(again) == text
    (tmp_path / "e.guide.yaml").write_text(text, encoding="utf-8")
    assert scan_library([tmp_path])[0].edition == "2nd edition, 2026"
    # A guide without an edition writes no key for it (files stay as they were).
    assert "edition" not in dumps_guide(load_guide(sample_guide_path))
