"""`reading-guide screenshot GUIDE -o PNG [--size WxH]`: the main window, as a picture.

Renders offscreen (no display needed: QT_QPA_PLATFORM=offscreen unless the caller chose a
platform), with the guide open and its first passage with a question selected, so the README
shows what a user sees. The user's own settings are neither read nor written.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from reading_guide.commands.output import check_output
from reading_guide.commands.terminal import say
from reading_guide.errors import InputError

_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*$")


def parse_size(text: str) -> tuple[int, int]:
    match = _SIZE.match(text)
    if not match:
        raise InputError(f"--size: expected WIDTHxHEIGHT like 1280x800, got {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise InputError(f"--size: {width}x{height} is outside 320x240 .. 8000x8000")
    return width, height


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    out = check_output(args.output, [(args.guide, "the guide")], force=args.force,
                       what="the picture")
    from reading_guide.storage import load_guide

    load_guide(args.guide)  # bad input fails here, as one line, before any window exists
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reading_guide.app import render_screenshot

    dark = os.environ.get("READING_GUIDE_DARK") == "1"  # for checking the dark palette
    width, height = render_screenshot(Path(args.guide), out, size, dark=dark)
    note = "" if (width, height) == size else (
        f" (the window's smallest size; {size[0]}x{size[1]} was asked)")
    say(f"{out}: {width}x{height}{note}")
    return 0
