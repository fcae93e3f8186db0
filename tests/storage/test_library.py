"""The guide library lists guides quickly, and lists broken ones with their error."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.storage import dumps_guide, library, load_guide, loads_guide
from reading_guide.storage.library import list_guide_files, scan_library


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


def test_a_huge_number_is_one_guides_error_not_the_listings(tmp_path: Path,
                                                            sample_guide_path: Path) -> None:
    """A 5,000-digit number made int() raise ValueError, and the whole listing failed."""
    text = sample_guide_path.read_text(encoding="utf-8")
    shutil.copy(sample_guide_path, tmp_path / "a.guide.yaml")
    (tmp_path / "b.guide.yaml").write_text(text.replace("minutes: 10", "minutes: " + "9" * 5000,
                                                        1), encoding="utf-8")
    (tmp_path / "c.guide.yaml").write_text(
        text.replace("format: reading-guide/1", "format: reading-guide/" + "9" * 5000),
        encoding="utf-8")
    a, b, c = scan_library([tmp_path])
    assert a.ok and a.questions == 9
    assert not b.ok and "b.guide.yaml" in b.error and "5000 digits" in b.error
    assert "questions[3].minutes" in b.error and "\n" not in b.error
    assert not c.ok and "newer version" in c.error and len(c.error) < 400
    with pytest.raises(InputError, match="whole number from 0"):
        load_guide(tmp_path / "b.guide.yaml")


def test_any_failure_reading_one_guide_is_that_entrys_error(
        tmp_path: Path, sample_guide_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b", "c"):
        shutil.copy(sample_guide_path, tmp_path / f"{name}.guide.yaml")
    real = library.parse_guide_summary

    def unlucky(data: bytes, path: str | Path) -> Guide:
        if Path(path).name == "b.guide.yaml":
            raise RecursionError("maximum recursion depth exceeded\nwhile reading")
        return real(data, path)

    monkeypatch.setattr(library, "parse_guide_summary", unlucky)
    a, b, c = scan_library([tmp_path])
    assert a.ok and c.ok
    assert not b.ok and b.error.startswith(str(tmp_path / "b.guide.yaml"))
    assert "RecursionError" in b.error and "\n" not in b.error


def test_year_is_the_sessions_else_the_files(tmp_path: Path, sample_guide_path: Path) -> None:
    guide = load_guide(sample_guide_path)
    (tmp_path / "dated.guide.yaml").write_text(dumps_guide(guide), encoding="utf-8")
    guide.session.date = ""
    undated = tmp_path / "undated.guide.yaml"
    undated.write_text(dumps_guide(guide), encoding="utf-8")
    when = datetime.datetime(2019, 6, 1, 12).timestamp()
    os.utime(undated, (when, when))
    dated, undated_entry = scan_library([tmp_path])
    assert dated.year == int(guide_date(sample_guide_path)[:4])
    assert undated_entry.year == 2019


def guide_date(path: Path) -> str:
    return load_guide(path).session.date


def test_guide_files_skips_hidden_and_deep_folders_and_names_a_missing_one(
        tmp_path: Path, sample_guide_path: Path) -> None:
    deep = tmp_path / "1" / "2" / "3" / "4"
    deep.mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for folder in (tmp_path, tmp_path / "1" / "2" / "3", deep, tmp_path / ".hidden"):
        shutil.copy(sample_guide_path, folder / "x.guide.yaml")
    (tmp_path / "x.guide.yaml.bak").write_text("old", encoding="utf-8")
    found = list_guide_files(tmp_path)
    assert found == [tmp_path / "x.guide.yaml", tmp_path / "1" / "2" / "3" / "x.guide.yaml"]
    with pytest.raises(OSError):
        list_guide_files(tmp_path / "missing")
    assert list_guide_files(tmp_path, cancelled=lambda: True) == []
