"""The parsed-essay cache (storage/parse_cache.py) may make opening faster, never different."""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.render import parse
from reading_guide.storage import parse_cache
from reading_guide.storage.loader import open_guide

ESSAY = (
    "# The *Slow* Reader\n\nA paragraph with **bold**, `code` and a [link](https://example.org).\n"
    "\n> A quote\n\n1. first item\n2. second item\n\n- nested\n  - deeper\n"
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("READING_GUIDE_CACHE_DIR", str(folder))
    return folder


def _counting_parse(calls: list[str]):
    def counted(markdown: str):
        calls.append(markdown)
        return parse(markdown)
    return counted


def test_a_second_parse_comes_from_the_cache_and_equals_a_fresh_parse(cache: Path) -> None:
    calls: list[str] = []
    first = parse_cache.parse_cached(ESSAY, _counting_parse(calls))
    second = parse_cache.parse_cached(ESSAY, _counting_parse(calls))
    assert calls == [ESSAY]  # parsed once, then read back
    assert first == second == parse(ESSAY)
    assert [b.number for b in second.blocks] == [b.number for b in parse(ESSAY).blocks]
    assert second.paragraph_at(len(second.text) - 1) == parse(ESSAY).paragraph_at(
        len(second.text) - 1)
    assert len(list(cache.glob("*.parsed"))) == 1


def test_another_essay_or_another_parser_misses(cache: Path, monkeypatch) -> None:
    calls: list[str] = []
    parse_cache.parse_cached(ESSAY, _counting_parse(calls))
    parse_cache.parse_cached(ESSAY + "\nOne more line.", _counting_parse(calls))
    monkeypatch.setattr(parse_cache, "_fingerprint", "an upgraded markdown-it")
    parse_cache.parse_cached(ESSAY, _counting_parse(calls))
    assert len(calls) == 3


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage", "other-text"])
def test_a_damaged_cache_file_is_ignored_and_replaced(cache: Path, damage: str) -> None:
    calls: list[str] = []
    parse_cache.parse_cached(ESSAY, _counting_parse(calls))
    [path] = cache.glob("*.parsed")
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(os.urandom(300))
    else:  # a well-formed file whose blocks do not make its text: not trusted either
        other = parse_cache._encode(parse("# Another essay\n\nEntirely."))
        _digest, _, payload = other.partition(b"\n")
        version, blocks, _text = marshal.loads(payload)
        forged = marshal.dumps((version, blocks, "not the blocks' text"))
        path.write_bytes(hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    again = parse_cache.parse_cached(ESSAY, _counting_parse(calls))
    assert again == parse(ESSAY) and len(calls) == 2
    assert parse_cache._read(path) == again  # rewritten whole


def test_no_writable_cache_folder_still_parses(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("READING_GUIDE_CACHE_DIR", str(blocker / "cache"))
    assert parse_cache.parse_cached(ESSAY) == parse(ESSAY)


def test_old_files_are_pruned_beyond_the_limit(cache: Path, monkeypatch) -> None:
    monkeypatch.setattr(parse_cache, "MAX_FILES", 3)
    for n in range(6):
        parse_cache.parse_cached(f"Essay number {n}.")
    assert len(list(cache.glob("*.parsed"))) == 3
    assert not list(cache.glob("*.tmp"))


def test_the_app_opens_a_guide_through_the_cache(cache: Path, sample_guide_path: Path) -> None:
    plain = open_guide(sample_guide_path)
    cold = open_guide(sample_guide_path, use_cache=True)
    warm = open_guide(sample_guide_path, use_cache=True)
    assert len(list(cache.glob("*.parsed"))) == 1
    assert plain.document == cold.document == warm.document
    assert [h.position for h in warm.guide.highlights] == \
        [h.position for h in plain.guide.highlights]


def test_the_command_line_leaves_no_cache_behind(cache: Path, sample_guide_path: Path) -> None:
    open_guide(sample_guide_path)
    assert not cache.exists()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab *_`#>-1.\n[]()é👍\u0301"), max_size=80))
def test_cached_equals_parsed_for_any_markdown(markdown: str) -> None:
    # The folder comes from the environment set by conftest (one per test session).
    assert parse_cache.parse_cached(markdown) == parse(markdown)
    assert parse_cache.parse_cached(markdown) == parse(markdown)
