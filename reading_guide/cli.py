"""The command line (DESIGN.md "Command line"): argparse, no Qt.

Exit status: 0 success; 1 bad input, with one line on stderr naming the file and the problem;
2 wrong usage. `--json` prints one JSON object on stdout. Each sub-command lives in
`reading_guide.commands.<name>` and is imported only when it runs, so `--help` stays fast and
WeasyPrint or Qt load only for the commands that need them.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reading_guide import __version__
from reading_guide.errors import InputError

if TYPE_CHECKING:
    import argparse

COMMANDS = ("new", "validate", "info", "export", "reanchor", "screenshot")


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not for `reading-guide [FILE]`: start-up skips it (and gettext, locale)

    parser = argparse.ArgumentParser(
        prog="reading-guide",
        description="Prepare reading-group discussions: run with no command (or a FILE) to open "
        "the app, or use one of the commands below.",
    )
    parser.add_argument("--version", action="version", version=f"reading-guide {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="import an essay, repair it, write a new guide")
    p.add_argument("essay", metavar="ESSAY", help="essay file: .md, .markdown, .txt or .html")
    p.add_argument("-o", "--output", required=True, metavar="GUIDE", help="guide file to write")
    p.add_argument("--title", help="essay title (default: its first heading)")
    p.add_argument("--force", action="store_true", help="overwrite GUIDE if it exists")
    p.add_argument("--json", action="store_true", help="print the clean-up report as JSON")

    p = sub.add_parser("validate", help="check guides; exit 1 on the first problem")
    p.add_argument("guides", nargs="+", metavar="GUIDE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("info", help="counts and every highlight's anchoring status")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="print a handout as PDF or HTML")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument(
        "--variant", choices=("participant", "facilitator", "questions"), default="participant"
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p.add_argument("--large-print", action="store_true", help="16 pt body text")
    p.add_argument("--fillable", action="store_true", help="writing space as PDF form fields")
    p.add_argument("--format", choices=("pdf", "html"), default=None,
                   help="default: from OUT's extension, else pdf")
    p.add_argument("--time-limit", type=_seconds, default=300.0, metavar="SECONDS",
                   help="stop an export that takes longer (default 300; 0 for no limit)")
    p.add_argument("--memory-limit", type=_megabytes, default=2048, metavar="MB",
                   help="stop an export that needs more memory (default 2048; 0 for no cap)")

    p = sub.add_parser("reanchor", help="move a guide onto a revised essay")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("--essay", required=True, metavar="NEW", help="the revised essay")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("screenshot", help="render the main window to a picture and exit")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("-o", "--output", required=True, metavar="PNG")
    p.add_argument("--size", default="1280x800", metavar="WxH")
    return parser


def _seconds(text: str) -> float:
    """A time limit: a number of seconds, 0 for none (argparse turns the error into usage)."""
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more seconds, not {text!r}")
    return value


def _megabytes(text: str) -> int:
    """A memory cap in MB: a whole number, 0 for none; under 100 MB WeasyPrint cannot start."""
    import argparse

    if not (text.isascii() and text.isdigit()) or len(text) > 7:
        raise argparse.ArgumentTypeError(f"expected a whole number of MB, not {text!r}")
    value = int(text)
    if 0 < value < 100:
        raise argparse.ArgumentTypeError(f"{value} MB is too little to print (at least 100)")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _open_app(argv)
    args = build_parser().parse_args(argv)  # exits 2 on wrong usage
    if args.command is None:
        return _open_app([])
    try:
        # Inside the try: Ctrl-C while the command's modules load is "interrupted", not a
        # traceback.
        module = importlib.import_module(f"reading_guide.commands.{args.command}")
        return int(module.run(args) or 0)
    except InputError as error:
        print(f"reading-guide: {error.one_line()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reading-guide: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug of ours: still one line, never a traceback
        print(f"reading-guide: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


def _open_app(argv: list[str]) -> int:
    if len(argv) > 1:
        build_parser().print_usage(sys.stderr)
        print("reading-guide: error: give at most one FILE to open", file=sys.stderr)
        return 2
    if argv and not os.path.exists(argv[0]):
        # Most likely a mistyped command: say so here rather than in a dialog (or not at all).
        print(f"reading-guide: {argv[0]}: no such file (commands: {', '.join(COMMANDS)}; "
              "see reading-guide --help)", file=sys.stderr)
        return 1
    from reading_guide.commands import gui_launch

    try:
        return gui_launch.run(argv[0] if argv else None)
    except InputError as error:
        print(f"reading-guide: {error.one_line()}", file=sys.stderr)
        return 1
