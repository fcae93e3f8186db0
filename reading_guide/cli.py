"""The command line (DESIGN.md "Command line"): argparse, no Qt.

Exit status: 0 success; 1 bad input, with one line on stderr naming the file and the problem;
2 wrong usage; 130 interrupted (Ctrl-C); 141 when the program reading our output went away
(`reading-guide info g.guide.yaml --json | head`): 128 + SIGPIPE, what a shell reports for a
command a closed pipe ended, so `set -o pipefail` scripts can tell it from bad input, and nothing
is printed. `--json` prints one JSON object on stdout. Each sub-command lives in
`reading_guide.commands.<name>` and is imported only when it runs, so `--help` stays fast and
WeasyPrint or Qt load only for the commands that need them.

Each command logs to the rotating log file (reading_guide/logs.py). A failure that is not bad
input (a bug of ours) is still one line, naming the command and its file, and the log keeps the
traceback; `--debug` also prints the log, tracebacks included, on stderr.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reading_guide import __version__
from reading_guide.errors import InputError, printable

if TYPE_CHECKING:
    import argparse

COMMANDS = ("new", "validate", "info", "export", "reanchor", "screenshot")
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not for `reading-guide [FILE]`: start-up skips it (and gettext, locale)

    parser = argparse.ArgumentParser(
        prog="reading-guide",
        description="Prepare reading-group discussions: run with no command (or a FILE) to open "
        "the app, or use one of the commands below.",
    )
    parser.add_argument("--version", action="version", version=f"reading-guide {__version__}")
    debug_help = "log details and print tracebacks on stderr (for developers)"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    # `--debug` also after the command; SUPPRESS: the command's parser must not reset a
    # `--debug` given before the command to False.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help=debug_help)
    force_help = "overwrite the output file if it exists (never the input)"
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    p = command("new", "import an essay, repair it, write a new guide")
    p.add_argument("essay", metavar="ESSAY", help="essay file: .md, .markdown, .txt, .html, "
                   ".docx, .odt, .epub or .pdf")
    p.add_argument("-o", "--output", required=True, metavar="GUIDE", help="guide file to write")
    p.add_argument("--title", help="essay title (default: its first heading)")
    p.add_argument("--chapter", metavar="N|N-M|all|list",
                   help="EPUB only: the chapter or range of chapters to import (default: all); "
                   "'list' prints the chapters and writes nothing")
    p.add_argument("--force", action="store_true", help=force_help)
    p.add_argument("--json", action="store_true", help="print the clean-up report as JSON")

    p = command("validate", "check guides; exit 1 on the first problem")
    p.add_argument("guides", nargs="+", metavar="GUIDE")
    p.add_argument("--json", action="store_true")

    p = command("info", "counts and every highlight's anchoring status")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("--json", action="store_true")

    p = command("export", "print a handout as PDF or HTML")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--force", action="store_true", help=force_help)
    p.add_argument(
        "--variant", choices=("participant", "facilitator", "questions"), default="participant"
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p.add_argument("--large-print", action="store_true",
                   help="16 pt body text, nothing under 14 pt, ragged right")
    p.add_argument("--fillable", action="store_true", help="writing space as PDF form fields")
    p.add_argument("--writing-space", choices=("lines", "boxes", "none"), default=None,
                   help="under each question (default: the guide's handout.writing_space, "
                   "else lines)")
    p.add_argument("--hide-kinds", action="store_true",
                   help="leave the question kinds off participant copies")
    p.add_argument("--booklet", action="store_true",
                   help="two half-size pages a side, in folding order (PDF)")
    p.add_argument("--format", choices=("pdf", "html"), default=None,
                   help="default: from OUT's extension, else pdf")
    p.add_argument("--time-limit", type=_seconds, default=300.0, metavar="SECONDS",
                   help="stop an export that takes longer (default 300; 0 for no limit)")
    p.add_argument("--memory-limit", type=_megabytes, default=2048, metavar="MB",
                   help="stop an export that needs more memory (default 2048; 0 for no cap)")

    p = command("reanchor", "move a guide onto a revised essay")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("--essay", required=True, metavar="NEW", help="the revised essay")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--force", action="store_true", help=force_help)
    p.add_argument("--json", action="store_true")

    p = command("screenshot", "render the main window to a picture and exit")
    p.add_argument("guide", metavar="GUIDE")
    p.add_argument("-o", "--output", required=True, metavar="PNG")
    p.add_argument("--force", action="store_true", help=force_help)
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
    if argv[0] == "--debug" and (len(argv) == 1 or (argv[1] not in COMMANDS
                                                     and not argv[1].startswith("-"))):
        from reading_guide.logs import setup_logging

        setup_logging(debug=True)  # `reading-guide --debug [FILE]`: the app, logging details
        return _open_app(argv[1:])
    args = build_parser().parse_args(argv)  # exits 2 on wrong usage
    if args.command is None:
        return _open_app([])
    from reading_guide.logs import logger, setup_logging

    setup_logging(debug=args.debug)
    log = logger(__name__)
    log.info("%s", printable(" ".join(["reading-guide", *argv])))
    try:
        # Inside the try: Ctrl-C while the command's modules load is "interrupted", not a
        # traceback.
        module = importlib.import_module(f"reading_guide.commands.{args.command}")
        status = int(module.run(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
    except InputError as error:
        log.info("bad input: %s", error.one_line())
        _say_error(error.one_line())
        return 1
    except BrokenPipeError:
        return _pipe_closed()
    except KeyboardInterrupt:
        _say_error("interrupted")
        return 130
    except Exception as error:  # a bug of ours: one line naming the command and the file
        subject = _subject(args)
        log.exception("internal error in %s on %s", args.command, subject)
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        where = f"{subject}: " if subject else ""
        _say_error(f"{where}internal error in `{args.command}` ({detail}); the log has the "
                   "details" + ("" if args.debug else " (or run again with --debug)"))
        return 1
    log.info("%s: exit %d", args.command, status)
    return status


def _subject(args: argparse.Namespace) -> str:
    """The file a command was working on, for a message about a failure."""
    for name in ("guide", "essay"):
        value = getattr(args, name, None)
        if isinstance(value, str):
            return value
    guides = getattr(args, "guides", None)
    return ", ".join(guides) if guides else ""


def _say_error(message: str) -> None:
    """One line on stderr (a file name that is not UTF-8, or holds control characters, made
    printable: InputError.one_line already did so for its parts)."""
    from reading_guide.commands.terminal import clean

    try:
        print(f"reading-guide: {clean(message)}", file=sys.stderr)
    except (BrokenPipeError, ValueError):  # stderr closed too: nobody to tell
        pass


def _pipe_closed() -> int:
    """The reader of our output is gone: stop quietly. Python would flush stdout again at exit
    and print "Exception ignored ... BrokenPipeError", so stdout now points at the null device
    (the recipe in Python's documentation on SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def _open_app(argv: list[str]) -> int:
    if len(argv) > 1:
        build_parser().print_usage(sys.stderr)
        print("reading-guide: error: give at most one FILE to open", file=sys.stderr)
        return 2
    if argv and not os.path.exists(argv[0]):
        # Most likely a mistyped command: say so here rather than in a dialog (or not at all).
        _say_error(f"{argv[0]}: no such file (commands: {', '.join(COMMANDS)}; "
                   "see reading-guide --help)")
        return 1
    from reading_guide.commands import gui_launch

    try:
        return gui_launch.run(argv[0] if argv else None)
    except InputError as error:
        _say_error(error.one_line())
        return 1
