"""Export isolation seen from outside the process, and bidirectional overrides on paper.

The fetcher spy and the listening socket (test_hostile.py, and tests/export/test_safety.py in
process) show what WeasyPrint *asked for*. Here the kernel is the witness: one export of a hostile
web page runs under `strace -f -e trace=openat,connect`, and every file the process and its
children tried to open must lie in the app (resources, code), the Python installation, system
library and font folders, locale data, the case's own folder or a temporary file, or /proc, /sys,
/dev; no connect() may name an internet address.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import unicodedata
from pathlib import Path

import pytest

from reading_guide.export import ExportOptions, export_guide
from reading_guide.storage import load_guide

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
HOME = Path.home()

_OPENAT = re.compile(r'openat\((?:AT_FDCWD|\d+(?:<[^>]*>)?), "([^"]*)"')
_CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_\w+)")
# A temporary file: Python's tempfile names, gcc's (ctypes.util.find_library runs the compiler
# driver to look for Pango and friends), WeasyPrint's font folder, and the same folder as the
# export worker names it for its pid (export/styles.py), so its parent can remove it.
_TEMP_NAME = re.compile(
    r"^(tmp\w+|cc\w+(\.\w+)+|weasyprint-\w+|reading-guide-fonts-\d+-\w+|[a-z0-9_]{8})$")


def allowed_prefixes(case_folder: Path) -> list[str]:
    python = {sys.prefix, sys.base_prefix, sys.exec_prefix, sysconfig.get_paths()["stdlib"]}
    python |= {os.path.realpath(p) for p in python}
    app = [ROOT / "resources", ROOT / "reading_guide", ROOT / "tests" / "reliability",
           ROOT / "tests" / "__init__.py", ROOT / "tests" / "__pycache__"]
    system = [
        "/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/local/lib64",
        "/usr/x86_64-linux-gnu", "/usr/share/fonts", "/usr/local/share/fonts",
        "/usr/share/fontconfig", "/etc/fonts", "/var/cache/fontconfig", f"{HOME}/.cache/fontconfig",
        f"{HOME}/.fontconfig", "/usr/share/locale", "/etc/ld.so.cache", "/etc/localtime",
        "/etc/mime.types", "/usr/share/zoneinfo", "/proc", "/sys", "/dev",
    ]
    return sorted({*python, *map(str, app), *system, str(case_folder)})


def unexpected_opens(trace: str, case_folder: Path) -> list[str]:
    prefixes = allowed_prefixes(case_folder)
    temp = Path(tempfile.gettempdir())
    bad = []
    for path in set(_OPENAT.findall(trace)):
        if "/" not in path and ".so" in path:  # a library name the dynamic linker searches for
            continue
        absolute = os.path.normpath(path if path.startswith("/") else ROOT / path)
        if absolute in (str(ROOT), str(ROOT / "tests")):  # Python lists folders it imports from
            continue
        if any(absolute == p or absolute.startswith(p.rstrip("/") + "/") for p in prefixes):
            continue
        inside_temp = Path(absolute).parent == temp or temp in Path(absolute).parents
        first = Path(absolute).relative_to(temp).parts[0] if inside_temp else ""
        if inside_temp and _TEMP_NAME.match(first):
            continue
        bad.append(absolute)
    return sorted(bad)


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("strace") is None,
                    reason="needs Linux and strace (apt-get install -y strace)")
def test_one_hostile_export_opens_nothing_outside_its_folders_and_connects_nowhere(
    tmp_path: Path,
) -> None:
    page = tmp_path / "hostile_page.html"
    page.write_bytes((HOSTILE / "hostile_page.html").read_bytes().replace(b":PORT/", b":9/"))
    trace = tmp_path / "trace.txt"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=openat,connect", "-o", str(trace),
         sys.executable, "-m", "tests.reliability.run_case", "export", str(page), str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"outcome": "ok"' in done.stdout
    text = trace.read_text(errors="replace")
    opened = _OPENAT.findall(text)
    assert str(ROOT / "resources" / "fonts") in "\n".join(opened)  # the trace saw the export
    assert unexpected_opens(text, tmp_path) == []
    for secret in ("/etc/passwd", "/etc/hostname", "/etc/shadow"):
        assert secret not in opened
    families = set(_CONNECT.findall(text))
    assert not families & {"AF_INET", "AF_INET6"}, families


def test_unexpected_opens_catches_a_read_outside(tmp_path: Path) -> None:
    """The allow-list itself: a trace that reads /etc/passwd or a home file is caught."""
    trace = (f'12 openat(AT_FDCWD, "{ROOT}/resources/fonts/a.ttf", O_RDONLY) = 3\n'
             '12 openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 4\n'
             f'13 openat(AT_FDCWD, "{HOME}/notes.txt", O_RDONLY) = -1 ENOENT\n'
             f'13 openat(AT_FDCWD, "{tmp_path}/out.pdf", O_WRONLY) = 5\n')
    assert unexpected_opens(trace, tmp_path) == ["/etc/passwd", f"{HOME}/notes.txt"]


def _squashed(text: str) -> str:
    """Text without white space or format characters: pdftotext writes bidi marks and spaces
    where an (invisible) override character took a glyph's place."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf" and not c.isspace())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_a_bidi_override_stays_inside_its_own_text(tmp_path: Path) -> None:
    """Unterminated U+202E (and U+202B, U+2067) in the title, introduction, a category label,
    a question, the glossary and essay paragraphs: the handout prints, and every line that
    follows reads forwards (the override reverses at most the rest of its own text run)."""
    guide = load_guide(HOSTILE / "bidi_controls.guide.yaml")
    out = tmp_path / "bidi.pdf"
    assert export_guide(guide, out, ExportOptions("facilitator")) >= 1
    page = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    visible = _squashed(page)
    for forwards in ("The next paragraph must read forwards.", "(underlined)", "Introduction",
                     "How passages are marked", "The essay", "Questions", "Glossary",
                     "Right-to-left marks", "mixed with English.", "Page 1 of"):
        assert _squashed(forwards) in visible, forwards
