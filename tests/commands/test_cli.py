"""The command-line contract shared by every command: exit codes and one-line errors."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from reading_guide import logs
from reading_guide.cli import main
from reading_guide.model import fields


def test_a_mistyped_command_is_reported_not_opened(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exprot", "guide.yaml"]) == 2  # two FILEs: usage error
    assert main(["exprot"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("reading-guide: exprot: no such file (commands: new, validate")


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["export", "guide.yaml"])  # -o is required
    assert stop.value.code == 2
    assert "-o" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("reading-guide ")


@pytest.fixture
def guide(tmp_path: Path, data_dir: Path) -> Path:
    target = tmp_path / "g.guide.yaml"
    target.write_bytes((data_dir / "guides" / "walking.guide.yaml").read_bytes())
    return target


@pytest.fixture
def fresh_logging() -> Iterator[None]:
    """Handlers a test's `--debug` adds (a copy on the captured stderr) go when it ends."""
    package = logging.getLogger(logs.ROOT)
    before = list(package.handlers)
    yield
    for handler in package.handlers[:]:
        if handler not in before:
            package.removeHandler(handler)


def _boom(*_args: object) -> None:
    raise TypeError("boom")


def test_an_internal_error_names_the_command_and_the_file_and_logs_the_traceback(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    fresh_logging: None,
) -> None:
    monkeypatch.setattr("reading_guide.commands.info.guide_info", _boom)
    assert main(["info", str(guide)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"reading-guide: {guide}: internal error in `info` (TypeError: boom)")
    log = logs.setup_logging()  # already set up by main: its file
    assert log is not None
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "TypeError: boom" in text and str(guide) in text


def test_debug_prints_the_traceback_for_the_developer(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    fresh_logging: None,
) -> None:
    monkeypatch.setattr("reading_guide.commands.info.guide_info", _boom)
    assert main(["info", str(guide), "--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "TypeError: boom" in err
    assert main(["--debug", "validate", str(guide)]) == 0  # also before the command
    assert "validate" in capsys.readouterr().err  # the log's lines, copied to stderr


def test_commands_print_nothing_on_stderr_when_all_is_well(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(guide)]) == 0
    assert main(["info", str(guide), "--json"]) == 0
    assert main(["export", str(guide), "-o", str(tmp_path / "h.html")]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") <= 1 and "warning" not in err.lower()  # export's one summary line


def test_new_never_writes_a_guide_that_validate_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new` once wrote a 21 MB guide it then refused to open."""
    essay = tmp_path / "essay.md"
    essay.write_text("# Title\n\n" + "A line of the essay.\n" * 50, encoding="utf-8")
    monkeypatch.setattr(fields, "ESSAY_BUDGET", fields.EssayBudget(limit=20))
    target = tmp_path / "g.guide.yaml"
    assert main(["new", str(essay), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reading-guide: {essay}: cannot make a guide that opens: essay.text: "
                          "the essay is too complex to open")
    assert not target.exists()
