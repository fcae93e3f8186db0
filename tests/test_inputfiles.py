"""Files a user names are read only when regular, and never past a limit (issue 18)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reading_guide.errors import InputError, printable
from reading_guide.inputfiles import read_input_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev exist on POSIX only")


@posix_only
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "essay.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a pipe"):
        read_input_file(fifo, limit=1000, what="an essay")


@posix_only
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "essay.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not an essay") as caught:
        read_input_file(link, limit=1000, what="an essay")
    assert str(link) in str(caught.value)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc on this system")
def test_a_proc_file_is_refused() -> None:
    with pytest.raises(InputError, match="system file"):
        read_input_file("/proc/self/status", limit=1000, what="a guide")


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_input_file(tmp_path, limit=1000, what="a guide")
    with pytest.raises(InputError, match="no such file"):
        read_input_file(tmp_path / "gone.yaml", limit=1000, what="a guide")


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_bytes(b"x" * 2048)
    assert read_input_file(path, limit=2048, what="a guide")[0] == b"x" * 2048
    with pytest.raises(InputError, match="over the 0 MB limit for a guide"):
        read_input_file(path, limit=2047, what="a guide")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="Windows and macOS file systems only take valid Unicode names")
def test_a_name_that_is_not_utf8_prints_with_replacement_characters(tmp_path: Path) -> None:
    name = os.fsdecode(b"essai-\xe9.md")  # an old Latin-1 archive's name on a UTF-8 system
    path = tmp_path / name
    path.write_text("# Essai\n", encoding="utf-8")
    assert read_input_file(path, limit=100, what="an essay")[0] == b"# Essai\n"
    with pytest.raises(InputError) as caught:
        read_input_file(tmp_path / os.fsdecode(b"gone-\xe9.md"), limit=100, what="an essay")
    line = str(caught.value)
    line.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogates left
    assert "gone-\ufffd.md: no such file" in line


def test_printable_keeps_good_text_and_replaces_lone_surrogates() -> None:
    assert printable("Café ☕") == "Café ☕"
    assert printable("a\udce9b") == "a\ufffdb"
    assert "\ufffd" in printable("x\ud800y")
