"""`reading-guide export GUIDE -o OUT [--variant ...] [--paper ...] [--large-print] [--fillable]
[--writing-space lines|boxes|none] [--hide-kinds] [--booklet] [--format pdf|html]`: print a
handout.

The handout is printed by an export worker process (export/warm.py) under the same limits as the
app's exports: a time limit (`--time-limit SECONDS`, default 300) and a memory cap
(`--memory-limit MB`, default 2048; 0 for none), so a guide whose handout would run to
20,000 pages ends in one line instead of eating the machine. The worker starts first and imports
WeasyPrint while this process reads the guide. SIGINT, SIGTERM and SIGHUP stop the worker and
remove its half-written file before the command exits (128 + the signal's number); nothing is
left beside OUT. On a terminal a progress line ("laying out… 40%") is redrawn on stderr;
otherwise stderr stays quiet until one final line, so scripts and logs are not flooded with
carriage returns.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TextIO

from reading_guide.commands.output import check_output
from reading_guide.commands.stop_signals import StopSignals
from reading_guide.errors import InputError
from reading_guide.export import ExportOptions, format_for
from reading_guide.storage import load_guide

if TYPE_CHECKING:
    from reading_guide.export.warm import WarmExporter
    from reading_guide.export.warm_job import ExportEvent, WarmJob

POLL_INTERVAL = 0.05  # seconds between two looks at the export worker


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

    def clear(self) -> None:
        """Take the progress line off the terminal (before any other message)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    def finish(self, message: str) -> None:
        self.clear()
        self.stream.write(message + "\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from reading_guide.export.warm import WarmExporter

    check_output(args.output, [(args.guide, "the guide")], force=args.force, what="the handout")
    started = time.monotonic()
    with StopSignals() as stop:
        # The worker imports WeasyPrint on the other core while this process reads the guide.
        exporter = WarmExporter(time_limit=args.time_limit or None,
                                memory_mb=args.memory_limit or None, idle_timeout=None,
                                max_jobs=1, warm=False)
        exporter.start()
        try:
            guide = load_guide(args.guide)
            options = ExportOptions(
                variant=args.variant, paper=args.paper, large_print=args.large_print,
                fillable=args.fillable, writing_space=args.writing_space,
                hide_kinds=args.hide_kinds, booklet=args.booklet,
            )
            fmt = format_for(args.output, args.format)
            line = ProgressLine(sys.stderr)
            last = follow(exporter, exporter.submit(guide, args.output, options, fmt), line,
                          stop) if not stop.received else None
        finally:
            exporter.close()  # after a stop: the worker is gone and its file removed
    if last is None or last.kind != "done":
        # A stop signal explains any end but "done" (with SIGTERM sent to the whole group, the
        # worker may have ended before this process noticed the signal).
        return _stopped_or_failed(args, None if stop.received else last, stop)
    took = time.monotonic() - started
    what = f"{last.pages} page{'s' if last.pages != 1 else ''}" if fmt == "pdf" else "HTML"
    line.finish(f"{args.output}: {options.variant} handout, {what}, {took:.1f} s")
    if last.warning:  # letters no font had: written, but a reader must be told
        _say(f"reading-guide: warning: {args.output}: {last.warning}")
    return 0


def follow(exporter: WarmExporter, job: WarmJob, line: ProgressLine,
           stop: StopSignals) -> ExportEvent | None:
    """Poll the job to its end, drawing progress; on a stop signal, stop the worker and return
    None (or the job's end, should it have finished meanwhile)."""
    final: ExportEvent | None = None
    try:
        while final is None:
            for event in job.poll():
                if event.kind == "progress":
                    line(event.fraction, event.label)
                elif event.final:
                    final = event
            if stop.received and (final is None or final.kind != "done"):
                job.cancel()
                exporter.close()  # waits until the worker is gone and its file removed
                return next((e for e in job.poll() if e.kind == "done"), None)
            if final is None:
                exporter.sleep(POLL_INTERVAL)  # wakes at once when the worker says something
    finally:
        line.clear()
    return final


def _stopped_or_failed(args: argparse.Namespace, last: ExportEvent | None,
                       stop: StopSignals) -> int:
    """The one line for an export that did not finish; raises InputError (exit 1) for a
    failure, returns 128 + the signal's number after a stop signal."""
    if last is None:
        what = "interrupted" if stop.name == "SIGINT" else f"stopped by {stop.name}"
        _say("reading-guide: " + InputError(f"export {what}; nothing written",
                                            file=args.output).one_line())
        return 128 + (stop.received or 2)
    hint = ""
    if last.reason == "time-limit":
        hint = " (raise the limit with --time-limit SECONDS; 0 for none)"
    elif last.reason in ("memory", "crashed") and args.memory_limit:
        hint = " (raise the cap with --memory-limit MB; 0 for none)"
    raise InputError(last.message + hint)


def _say(text: str) -> None:
    """A last line on stderr, which may be gone (SIGHUP: the terminal was closed)."""
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
