"""`reading-guide export GUIDE -o OUT [--variant ...] [--paper ...] [--large-print] [--fillable]
[--writing-space lines|boxes|none] [--hide-kinds] [--booklet] [--format pdf|html]`: print a
handout.

Runs in this process (a command line has no event loop to keep alive). On a terminal a progress
line ("rendering… 40%") is redrawn on stderr; otherwise stderr stays quiet until one final line,
so scripts and logs are not flooded with carriage returns.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from reading_guide.commands.output import check_output
from reading_guide.export import ExportOptions, export_guide, format_for
from reading_guide.storage import load_guide


class ProgressLine:
    """A single redrawn stderr line on a terminal; nothing until `finish` elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.shown = False
        self.last = 0.0

    def __call__(self, fraction: float, label: str) -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if fraction < 1.0 and now - self.last < 0.1:
            return
        self.last = now
        self.stream.write(f"\r{label}… {round(fraction * 100):3d}%\033[K")
        self.stream.flush()
        self.shown = True

    def finish(self, message: str) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
        self.stream.write(message + "\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    check_output(args.output, [(args.guide, "the guide")], force=args.force, what="the handout")
    guide = load_guide(args.guide)
    options = ExportOptions(
        variant=args.variant, paper=args.paper, large_print=args.large_print,
        fillable=args.fillable, writing_space=args.writing_space, hide_kinds=args.hide_kinds,
        booklet=args.booklet,
    )
    fmt = format_for(args.output, args.format)
    line = ProgressLine(sys.stderr)
    started = time.monotonic()
    try:
        pages = export_guide(guide, args.output, options, fmt, progress=line)
    except BaseException:
        if line.shown:
            sys.stderr.write("\r\033[K")
        raise
    took = time.monotonic() - started
    what = f"{pages} page{'s' if pages != 1 else ''}" if fmt == "pdf" else "HTML"
    line.finish(f"{args.output}: {options.variant} handout, {what}, {took:.1f} s")
    return 0
