"""What every command does with its output file and its terminal (issue 18, items 2, 5 and 9).

- `-o` never names an input (the guide, the essay), under any name, even with --force: `export
  g.guide.yaml -o g.guide.yaml` once replaced the guide with a PDF, exit 0, no `.bak`;
- an existing output is overwritten only with --force;
- file names that are not UTF-8 work, and print with U+FFFD;
- text from an essay reaches the terminal without control characters;
- `--json | head` ends quietly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reading_guide.cli import EXIT_BROKEN_PIPE, main
from reading_guide.storage import load_guide, save_guide
from tests.reliability.guides import big_guide

ROOT = Path(__file__).resolve().parents[2]
ESSAY = "# On Walking\n\nWalking is the oldest way of thinking that we have.\n\nA second one.\n"
POSIX_BYTES_NAMES = pytest.mark.skipif(
    sys.platform != "linux",
    reason="file names that are not valid UTF-8 exist only on Linux and other Unix file "
    "systems: macOS (APFS) and Windows (UTF-16) refuse to create them",
)


@pytest.fixture
def guide(tmp_path: Path, data_dir: Path) -> Path:
    target = tmp_path / "g.guide.yaml"
    target.write_bytes((data_dir / "guides" / "walking.guide.yaml").read_bytes())
    return target


@pytest.fixture
def essay(tmp_path: Path) -> Path:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    return path


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reading-guide: "), err
    return err


def _names_of(path: Path) -> list[str]:
    """The same file under other names: as given, with `./`, by a symbolic and a hard link."""
    symlink = path.with_name("link-" + path.name)
    symlink.symlink_to(path.name)
    hardlink = path.with_name("hard-" + path.name)
    os.link(path, hardlink)
    return [str(path), str(path.parent / "." / path.name), str(symlink), str(hardlink)]


@pytest.mark.parametrize("force", [False, True])
def test_export_onto_its_own_guide_is_refused_under_any_name(
    guide: Path, capsys: pytest.CaptureFixture[str], force: bool
) -> None:
    before = guide.read_bytes()
    for name in _names_of(guide):
        assert main(["export", str(guide), "-o", name, *(["--force"] if force else [])]) == 1
        assert "is the guide itself; write the handout to another file" in _one_error_line(capsys)
    assert guide.read_bytes() == before
    assert sorted(p.name for p in guide.parent.iterdir()) == [
        "g.guide.yaml", "hard-g.guide.yaml", "link-g.guide.yaml"]


def test_every_command_refuses_its_inputs_as_output(
    guide: Path, essay: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [
        (["new", str(essay), "-o", str(essay), "--force"], "is the essay itself"),
        (["reanchor", str(guide), "--essay", str(essay), "-o", str(guide), "--force"],
         "is the guide itself"),
        (["reanchor", str(guide), "--essay", str(essay), "-o", str(essay), "--force"],
         "is the revised essay itself"),
        (["screenshot", str(guide), "-o", str(guide), "--force"], "is the guide itself"),
    ]
    before = guide.read_bytes(), essay.read_bytes()
    for argv, words in cases:
        assert main(argv) == 1, argv
        assert words in _one_error_line(capsys)
    assert (guide.read_bytes(), essay.read_bytes()) == before


def test_an_existing_output_is_overwritten_only_with_force(
    guide: Path, essay: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "out.file"
    commands = [
        ["new", str(essay), "-o", str(existing)],
        ["export", str(guide), "-o", str(existing), "--format", "html"],
        ["reanchor", str(guide), "--essay", str(essay), "-o", str(existing)],
        ["screenshot", str(guide), "-o", str(existing)],
    ]
    for argv in commands:
        existing.write_text("precious", encoding="utf-8")
        assert main(argv) == 1, argv
        assert "already exists; use --force to overwrite it" in _one_error_line(capsys)
        assert existing.read_text(encoding="utf-8") == "precious"
    for argv in commands[:3]:  # (screenshot needs a window: its check is the same helper)
        existing.write_text("precious", encoding="utf-8")
        assert main([*argv, "--force"]) == 0, argv
        assert existing.read_text(encoding="utf-8", errors="replace") != "precious"
    capsys.readouterr()


def test_a_dangling_symbolic_link_counts_as_an_existing_output(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "out.html"
    link.symlink_to(tmp_path / "nowhere" / "x.html")
    assert main(["export", str(guide), "-o", str(link)]) == 1
    assert "already exists" in _one_error_line(capsys)


@POSIX_BYTES_NAMES
def test_file_names_that_are_not_utf8_open_save_and_print(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`new` on essai-\\xe9.md said "internal error"; the app could not save such a guide."""
    folder = os.fsencode(tmp_path)
    essay = os.fsdecode(folder + b"/essai-\xe9.md")
    output = os.fsdecode(folder + b"/essai-\xe9.guide.yaml")
    Path(essay).write_text(ESSAY, encoding="utf-8")
    assert main(["new", essay, "-o", output]) == 0
    out = capfdbinary.readouterr().out.decode("utf-8")  # valid UTF-8: U+FFFD for the byte
    assert "essai-\ufffd.guide.yaml" in out
    guide = load_guide(output)
    assert main(["validate", output]) == 0
    save_guide(guide, output)  # a second save keeps a .bak beside the name
    assert os.path.exists(os.fsdecode(folder + b"/essai-\xe9.guide.yaml.bak"))
    assert main(["info", output, "--json"]) == 0
    assert b"essai-\xef\xbf\xbd.guide.yaml" in capfdbinary.readouterr().out


def test_essay_text_reaches_the_terminal_without_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    essay = tmp_path / "hostile.md"
    essay.write_text("# Title \x1b]2;owned\x07\x1b[2J\u202etxt.exe\x9b31m\n\nWords.\n",
                     encoding="utf-8")
    target = tmp_path / "hostile.guide.yaml"
    assert main(["new", str(essay), "-o", str(target)]) == 0
    assert main(["info", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Title" in out and "owned" in out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e\r")


def test_json_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`reading-guide info --json | head` printed "internal error: BrokenPipeError"."""
    guide = tmp_path / "big.guide.yaml"
    save_guide(big_guide(paragraphs=300, highlights=1500), guide)  # JSON > a pipe's buffer
    process = subprocess.Popen(
        [sys.executable, "-m", "reading_guide", "info", str(guide), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()  # `head` read what it wanted and left
    err = process.stderr.read()
    assert process.wait(timeout=120) == EXIT_BROKEN_PIPE
    assert err == b""
