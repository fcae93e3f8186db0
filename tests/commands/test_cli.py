"""The command-line contract shared by every command: exit codes and one-line errors."""

from __future__ import annotations

import pytest

from reading_guide.cli import main


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
