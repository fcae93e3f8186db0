"""Helpers for the hostile-text tests (no tests here): a guide whose every field carries markup
that would make Qt read a local file if a widget rendered it as rich text, and a watch that
tells whether any file of the probe folder was ever opened.

The probe files are ordinary files in a folder of their own; on Linux an inotify watch on that
folder sees every open or read of them (IN_OPEN, IN_ACCESS), whoever does it: a QLabel loading an
`<img>`, a tool tip loading a style sheet, a QTextBrowser following a `background=`.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from pathlib import Path

from reading_guide.model.guide import (
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    Highlight,
    Question,
    Quote,
    Session,
)

IN_ACCESS = 0x00000001
IN_OPEN = 0x00000020
IN_NONBLOCK = os.O_NONBLOCK
PNG = bytes.fromhex(  # a valid 1x1 image: were it ever loaded, Qt would decode it whole
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c"
    "6360000200000500017a5eab3f0000000049454e44ae426082")
RELATIVE = "probe.png"  # resolved against the working directory, which the test sets to the probe


def payloads(probe: Path) -> list[str]:
    """Markup that loads a file when rendered as Qt rich text (each variant Qt understands)."""
    p = probe.as_posix()
    return [
        f"<img src={RELATIVE}>",
        f'<img src="file://{p}/two.png">',
        f"<img src={p}/three.png width=1>",
        f'<link rel="stylesheet" href="{p}/style.css">',
        f"<style>@import url({p}/import.css);</style>",
        f'<table background="{p}/table.png"><tr><td>t</td></tr></table>',
        f'<a href="file://{p}/link.html">link</a>',
    ]


def make_probe(folder: Path) -> Path:
    """The probe folder with a file behind every payload."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (RELATIVE, "two.png", "three.png", "table.png"):
        (folder / name).write_bytes(PNG)
    for name in ("style.css", "import.css"):
        (folder / name).write_text("body { color: red }", encoding="utf-8")
    (folder / "link.html").write_text("<p>x</p>", encoding="utf-8")
    return folder


def hostile_guide(probe: Path) -> Guide:
    """A valid guide with the payloads in every text field a user or a received file can fill."""
    marks = payloads(probe)
    all_of_them = " ".join(marks)
    short = marks[0]
    passages = [f"Passage {i} says {m} plainly." for i, m in enumerate(marks)]
    text = "# Heading " + all_of_them + "\n\n" + "\n\n".join(
        f"Paragraph {i}: {passage} And then more words follow here." for i, passage in
        enumerate(passages))
    highlights = []
    for i, passage in enumerate(passages):
        status = {1: "fuzzy", 2: "review"}.get(i)
        highlights.append(Highlight(
            f"h{i + 1}", f"c{i % 3 + 1}", Quote(passage), None, status,
            note=f"Note {i} {marks[i]}"))
    highlights.append(Highlight("h99", "c1", Quote("zebra quagga xylophone"),
                                note=f"Orphan note {all_of_them}", status="orphan"))
    questions = []
    for i in range(len(passages)):
        questions.append(Question(
            f"q{i + 1}", f"Question {i} {all_of_them}", highlight=f"h{i + 1}",
            stage=("opening", "core", "closing")[i % 3], minutes=5,
            follow_ups=[f"Follow-up {m}" for m in marks],
            facilitator_note=f"Private {all_of_them}"))
    questions.append(Question("q50", f"General {all_of_them}", None, minutes=3,
                              facilitator_note=f"General note {all_of_them}"))
    questions.append(Question("q51", f"About the orphan {all_of_them}", highlight="h99"))
    return Guide(
        title=f"Guide {all_of_them}",
        essay=Essay(title=f"Essay {all_of_them}", author=f"Author {short}",
                    source=f"Source {all_of_them}", language="en", text=text,
                    edition=f"Edition {short}"),
        session=Session(group=f"Group {all_of_them}", date="2026-12-01", minutes=60,
                        facilitator=f"Facilitator {all_of_them}"),
        introduction=f"Introduction {all_of_them}",
        categories=[Category("c1", f"Claim {short}", "#f2c94c", "underline"),
                    Category("c2", f"Image {short}", "#56ccf2", "dotted"),
                    Category("c3", f"Q {short}", "#bb6bd9", "box")],
        highlights=highlights,
        questions=questions,
        glossary=[GlossaryEntry(f"Term {short}", f"Definition {all_of_them}")],
    )


def hostile_name(probe: Path) -> str:
    """A file name that is itself markup (no slash: the relative payload)."""
    return f"{payloads(probe)[0]} guide.guide.yaml"


class OpenWatch:
    """Every open or read of a file in `folder` since the watch started (Linux inotify)."""

    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(IN_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        wd = libc.inotify_add_watch(self._fd, os.fsencode(folder), IN_OPEN | IN_ACCESS)
        if wd < 0:
            os.close(self._fd)
            raise OSError(ctypes.get_errno(), "inotify_add_watch failed")

    def events(self) -> list[str]:
        """(mask, name) of each event read so far, as text."""
        found: list[str] = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return found
            offset = 0
            while offset < len(data):
                _wd, mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16: offset + 16 + length].rstrip(b"\0").decode()
                found.append(f"{mask:#x} {name or '(the folder)'}")
                offset += 16 + length

    def close(self) -> None:
        os.close(self._fd)


def can_watch() -> bool:
    return sys.platform.startswith("linux")
