"""The app's cache (storage/cache.py, parse_cache.py, guide_cache.py) may make opening faster,
never different: same guide, same essay, same stamp; damaged entries are ignored and replaced."""

from __future__ import annotations

import hashlib
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.errors import InputError
from reading_guide.render import parse
from reading_guide.storage import cache, guide_cache, parse_cache
from reading_guide.storage.loader import open_guide

ROOT = Path(__file__).resolve().parents[2]
ESSAY = (
    "# The *Slow* Reader\n\nA paragraph with **bold**, `code` and a [link](https://example.org).\n"
    "\n> A quote\n\n1. first item\n2. second item\n\n- nested\n  - deeper\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    base = tmp_path / "cache"
    monkeypatch.setenv("READING_GUIDE_CACHE_DIR", str(base))
    return base


def _counting(calls: list[str]):
    def counted(markdown: str):
        calls.append(markdown)
        return parse(markdown)
    return counted


def _entries(base: Path, kind: str) -> list[Path]:
    return sorted((base / kind).glob("*.cache"))


# --- parsed essays ---------------------------------------------------------------------------

def test_a_second_parse_comes_from_the_cache_and_equals_a_fresh_parse(folder: Path) -> None:
    calls: list[str] = []
    first = parse_cache.parse_cached(ESSAY, _counting(calls))
    second = parse_cache.parse_cached(ESSAY, _counting(calls))
    assert calls == [ESSAY]  # parsed once, then read back
    assert first == second == parse(ESSAY)
    end = len(second.text) - 1
    assert second.paragraph_at(end) == parse(ESSAY).paragraph_at(end)
    assert len(_entries(folder, "parsed")) == 1


def test_another_essay_or_another_parser_misses(folder: Path, monkeypatch) -> None:
    calls: list[str] = []
    parse_cache.parse_cached(ESSAY, _counting(calls))
    parse_cache.parse_cached(ESSAY + "\nOne more line.", _counting(calls))
    monkeypatch.setitem(cache._fingerprints, parse_cache.SOURCES, "an upgraded markdown-it")
    parse_cache.parse_cached(ESSAY, _counting(calls))
    assert len(calls) == 3


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flip":
        path.write_bytes(data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(os.urandom(300))
    else:  # well-formed and checksummed, but not what this kind holds
        payload = marshal.dumps((cache.CACHE_FORMAT, ("not", ["a", "document"], 3)))
        path.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage", "forged"])
def test_a_damaged_parse_entry_is_ignored_and_replaced(folder: Path, damage: str) -> None:
    calls: list[str] = []
    parse_cache.parse_cached(ESSAY, _counting(calls))
    [path] = _entries(folder, "parsed")
    _damage(path, damage)
    assert parse_cache.parse_cached(ESSAY, _counting(calls)) == parse(ESSAY)
    assert len(calls) == 2
    assert parse_cache.parse_cached(ESSAY, _counting(calls)) == parse(ESSAY)
    assert len(calls) == 2  # rewritten whole, then used


def test_a_document_whose_blocks_do_not_make_its_text_is_not_trusted() -> None:
    blocks, _text = parse_cache.document_to_plain(parse(ESSAY))
    assert parse_cache.document_from_plain((blocks, "another text")) is None
    assert parse_cache.document_from_plain((blocks, _text)) == parse(ESSAY)


def test_no_writable_cache_folder_still_parses(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("READING_GUIDE_CACHE_DIR", str(blocker / "cache"))
    assert parse_cache.parse_cached(ESSAY) == parse(ESSAY)


def test_old_entries_are_pruned_beyond_the_limit(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "MAX_FILES", 3)
    for n in range(6):
        parse_cache.parse_cached(f"Essay number {n}.")
    assert len(_entries(folder, "parsed")) == 3
    assert not list((folder / "parsed").glob("*.tmp")) and not list(
        (folder / "parsed").glob(".*"))


def test_the_cache_is_bounded_in_bytes_not_only_in_files(folder: Path, monkeypatch) -> None:
    """Found by the outside attack: one 15 MB guide wrote 74 MB of cache."""
    monkeypatch.setattr(cache, "MAX_BYTES", 30_000)
    essays = [f"Essay {n}: " + "word " * 2000 for n in range(6)]  # ~10 KB entries
    for essay in essays:
        parse_cache.parse_cached(essay)
    sizes = [p.stat().st_size for p in _entries(folder, "parsed")]
    assert 0 < sum(sizes) <= 30_000 and len(sizes) < 6
    # the newest entry is the one kept
    calls: list[str] = []
    parse_cache.parse_cached(essays[-1], _counting(calls))
    assert calls == []


def test_an_entry_over_the_entry_limit_is_not_written(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 5_000)
    big = "A long essay. " * 2000
    assert parse_cache.parse_cached(big) == parse(big)  # opens all the same
    assert _entries(folder, "parsed") == []
    parse_cache.parse_cached("Short.")
    assert len(_entries(folder, "parsed")) == 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab *_`#>-1.\n[]()é👍\u0301"), max_size=80))
def test_cached_equals_parsed_for_any_markdown(markdown: str) -> None:
    # The folder comes from the environment set by conftest (one per test session).
    assert parse_cache.parse_cached(markdown) == parse(markdown)
    assert parse_cache.parse_cached(markdown) == parse(markdown)


# --- opened guides ---------------------------------------------------------------------------

def test_reopening_a_guide_gives_the_same_guide_essay_and_stamp(
    folder: Path, sample_guide_path: Path
) -> None:
    plain = open_guide(sample_guide_path)
    cold = open_guide(sample_guide_path, use_cache=True)
    warm = open_guide(sample_guide_path, use_cache=True)
    assert len(_entries(folder, "opened")) == 1 and len(_entries(folder, "parsed")) == 1
    assert plain.guide == cold.guide == warm.guide
    assert plain.document == cold.document == warm.document
    assert plain.stamp == cold.stamp == warm.stamp
    assert warm.guide is not cold.guide  # each opening gets its own objects to edit
    warm.guide.questions[0].text = "Edited in the window"
    assert open_guide(sample_guide_path, use_cache=True).guide == plain.guide


def test_an_edited_guide_file_misses_and_is_read_again(folder: Path, sample_guide_path, tmp_path):
    path = tmp_path / "copy.guide.yaml"
    path.write_bytes(sample_guide_path.read_bytes())
    open_guide(path, use_cache=True)
    text = path.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1)
    path.write_text(text, encoding="utf-8")
    reopened = open_guide(path, use_cache=True)
    assert reopened.guide.title.startswith("Revised ")
    assert reopened.guide == open_guide(path).guide


def test_a_guide_that_fails_is_not_cached_and_fails_again(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.guide.yaml"
    path.write_bytes(b"format: reading-guide/1\ntitle: [unclosed\n")
    for _ in range(2):
        with pytest.raises(InputError, match="broken.guide.yaml"):
            open_guide(path, use_cache=True)
    assert not (folder / "opened").exists()


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "forged"])
def test_a_damaged_guide_entry_is_ignored(folder: Path, sample_guide_path, damage: str) -> None:
    first = open_guide(sample_guide_path, use_cache=True)
    [path] = _entries(folder, "opened")
    _damage(path, damage)
    assert guide_cache.lookup(sample_guide_path.read_bytes()) is None
    assert open_guide(sample_guide_path, use_cache=True).guide == first.guide


def test_only_guide_classes_are_rebuilt_from_an_entry() -> None:
    with pytest.raises(ValueError):
        guide_cache._from_plain(("Path", "/etc/passwd"), 0)
    with pytest.raises(ValueError):
        guide_cache._from_plain(("Quote", "too", "many", "fields", "here"), 0)


def test_the_command_line_leaves_no_cache_behind(folder: Path, sample_guide_path: Path) -> None:
    open_guide(sample_guide_path)
    assert not folder.exists()


def test_reopening_a_cached_guide_imports_neither_pyyaml_nor_markdown_it(
    folder: Path, sample_guide_path: Path
) -> None:
    probe = (
        "import sys\n"
        "from reading_guide.storage.opening import read_openable\n"
        "read = read_openable(sys.argv[1])\n"
        "print(len(read.guide.highlights), 'yaml' in sys.modules, 'markdown_it' in sys.modules)\n"
    )
    env = dict(os.environ, READING_GUIDE_CACHE_DIR=str(folder))
    runs = [subprocess.run([sys.executable, "-c", probe, str(sample_guide_path)], env=env,
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
            for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["7", "True", "True"], ["7", "False", "False"]]


def test_a_guide_the_cache_cannot_keep_still_opens(folder, sample_guide_path, monkeypatch):
    """The cache can only make opening faster: a record it does not know how to keep (say the
    model grew a new class and nobody told guide_cache) skips the cache, not the guide."""
    from reading_guide.model.guide import Session

    monkeypatch.delitem(guide_cache._FIELDS, Session)
    opened = open_guide(sample_guide_path, use_cache=True)
    assert opened.guide == open_guide(sample_guide_path).guide
    assert _entries(folder, "opened") == []


def test_an_entry_nested_deeper_than_a_guide_is_refused_without_deep_recursion() -> None:
    deep: object = "x"
    for _ in range(5000):  # deeper than Python's recursion limit
        deep = [deep]
    with pytest.raises(ValueError):
        guide_cache._from_plain(deep, 0)
