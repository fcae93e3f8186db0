"""The export worker's parsed stylesheets (export/styles.py): reused while nothing that changes
them changed, parsed again when something did, bounded, and free of anything from the guide."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from reading_guide.export import ExportOptions, export_guide
from reading_guide.export.handout import build_pdf_parts
from reading_guide.export.pdf import lay_out
from reading_guide.export.styles import HandoutStyles, StyleCache
from reading_guide.resources import resource_path
from tests.export.conftest import pdf_text
from tests.export.guides import fixture_guide, hebrew_guide, long_guide

A4 = (595, 842)
LETTER = (612, 792)


def _fonts(path: Path) -> list[Any]:
    """The font dictionaries of every page."""
    fonts: list[Any] = []
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        fonts.extend(f.get_object() for f in resources.get("/Font", {}).values())
    return fonts


def _size(path: Path) -> tuple[int, int]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_second_build_reuses_the_sheets_and_a_new_paper_does_not(tmp_path: Path):
    cache = StyleCache()
    guide = fixture_guide()
    builds = [("a4", A4), ("a4", A4), ("letter", LETTER), ("a4", A4), ("letter", LETTER)]
    misses = []
    for n, (paper, size) in enumerate(builds):
        out = tmp_path / f"{n}.pdf"
        export_guide(guide, out, ExportOptions("questions", paper), styles=cache)
        # A handout on the other paper's sheet would be a silent bug: read each one's size.
        assert _size(out) == size, (n, paper)
        misses.append(cache.misses)
    # First build: handout.css and the @page rule parsed; the same again: nothing parsed;
    # letter: only its @page rule; both kept, so going back and forth parses nothing.
    assert misses == [2, 2, 3, 3, 3]
    assert cache.hits > 0


@pytest.mark.parametrize("options,size", [
    (ExportOptions("questions", large_print=True), A4),
    (ExportOptions("participant"), A4),
    (ExportOptions("questions", booklet=True), (842, 595)),  # A5 pages, two to an A4 side
])
def test_an_option_that_changes_the_page_rule_misses(
        tmp_path: Path, options: ExportOptions, size: tuple[int, int]):
    cache = StyleCache()
    export_guide(fixture_guide(), tmp_path / "first.pdf", ExportOptions("questions"),
                 styles=cache)
    before = cache.misses
    out = tmp_path / "second.pdf"
    export_guide(fixture_guide(), out, options, styles=cache)
    assert cache.misses == before + 1
    assert _size(out) == size


def test_a_right_to_left_essay_gets_its_own_fonts_and_page_rule(tmp_path: Path):
    cache = StyleCache()
    export_guide(fixture_guide(), tmp_path / "latin.pdf", ExportOptions("participant"),
                 styles=cache)
    out = tmp_path / "hebrew.pdf"
    export_guide(hebrew_guide(), out, ExportOptions("participant"), styles=cache)
    # The Hebrew faces make another font set (Latin handouts never fall back on them).
    assert cache.font_sets == 2
    assert any("RG-Hebrew" in str(f["/BaseFont"]) for f in _fonts(out))


def test_the_cache_stays_within_its_bounds(tmp_path: Path):
    cache = StyleCache(max_font_sets=1, max_sheets=3)
    guide = fixture_guide()
    for paper in ("a4", "letter"):
        for large in (False, True):
            out = tmp_path / f"{paper}-{large}.pdf"
            export_guide(guide, out, ExportOptions("questions", paper, large_print=large),
                         styles=cache)
            assert _size(out) == (A4 if paper == "a4" else LETTER)
            assert len(cache) <= 3
    export_guide(hebrew_guide(), tmp_path / "hebrew.pdf", ExportOptions("questions"),
                 styles=cache)
    assert cache.font_sets == 1 and len(cache) <= 3


def test_cached_sheets_hold_nothing_from_the_guide():
    mark = "zqxmark"
    guide = fixture_guide()
    guide.title = f"Title {mark}"
    guide.introduction = f"Intro {mark}"
    guide.essay.title, guide.essay.author = f"Essay {mark}", f"Author {mark}"
    guide.essay.text += f"\n\nA last paragraph about {mark}.\n"
    for category in guide.categories:
        category.label += f" {mark}"
    for question in guide.questions:
        question.text += f" {mark}"
        question.facilitator_note += f" {mark}"
    for options in (ExportOptions("facilitator"), ExportOptions("questions", "letter")):
        html, styles = build_pdf_parts(guide, options)
        assert mark in html
        assert "<style" not in html  # every rule comes through the sheets
        for text in (styles.fonts, *styles.cached):
            assert mark not in text.lower()


def test_a_changed_stylesheet_in_the_same_process_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = StyleCache()
    guide = fixture_guide()
    export_guide(guide, tmp_path / "before.pdf", ExportOptions("participant"), styles=cache)
    assert "The essay" in "\n".join(pdf_text(tmp_path / "before.pdf"))
    # The app's resources change (an update installed under a running app): a copy of them
    # whose stylesheet hides the essay.
    resources = tmp_path / "resources"
    shutil.copytree(resource_path("css"), resources / "css")
    css = resources / "css" / "handout.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.essay { display: none; }\n",
                   encoding="utf-8")
    monkeypatch.setattr("reading_guide.export.handout.resource_path",
                        lambda *parts: resources.joinpath(*parts) if parts[0] == "css"
                        else resource_path(*parts))
    export_guide(guide, tmp_path / "after.pdf", ExportOptions("participant"), styles=cache)
    assert "The essay" not in "\n".join(pdf_text(tmp_path / "after.pdf"))


def test_a_replaced_font_file_in_the_same_process_is_read_again(tmp_path: Path):
    from weasyprint.urls import URLFetcher

    font = tmp_path / "face.ttf"
    fonts = resource_path("fonts")
    shutil.copyfile(fonts / "GenBkBasR.ttf", font)
    face = (f'@font-face {{ font-family: "T"; src: url("{font.as_uri()}"); }}')
    styles = HandoutStyles(fonts=face, handout="p { font-family: T; }", page="", guide="")
    html = "<!DOCTYPE html><html><body><p>Sample text</p></body></html>"
    cache = StyleCache()
    fetcher = URLFetcher()  # this test's font is outside the app's resources on purpose

    def embedded() -> list[tuple[str, bytes]]:
        """Each embedded font's name (the CSS family's) and font program."""
        document = lay_out(html, styles=styles, style_cache=cache, fetcher=fetcher)
        out = tmp_path / "out.pdf"
        document.write_pdf(out)
        return [(str(f["/BaseFont"]),
                 f["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"]
                 .get_data()) for f in _fonts(out)]

    first = embedded()
    assert [name.split("+")[-1] for name, _ in first] == ["T"]  # the face, not a system font
    assert cache.font_sets == 1  # the same file: the same font set
    shutil.copyfile(fonts / "Lato-Regular.ttf", font)
    second = embedded()
    assert cache.font_sets == 2
    assert second != first


def test_a_handout_from_a_busy_cache_is_the_one_a_fresh_process_makes(tmp_path: Path):
    fresh = tmp_path / "fresh.pdf"
    export_guide(fixture_guide(), fresh, ExportOptions("participant", fillable=True))
    cache = StyleCache()
    for n, (guide, options) in enumerate([
        (hebrew_guide(), ExportOptions("participant", "letter")),
        (fixture_guide(), ExportOptions("questions", large_print=True)),
        (fixture_guide(), ExportOptions("participant", fillable=True)),
    ]):
        export_guide(guide, tmp_path / f"{n}.pdf", options, styles=cache)
    again = tmp_path / "again.pdf"
    export_guide(fixture_guide(), again, ExportOptions("participant", fillable=True),
                 styles=cache)
    assert cache.hits > 0
    assert again.read_bytes() == fresh.read_bytes()


def test_the_worker_reuses_its_sheets_from_job_to_job(tmp_path: Path):
    from reading_guide.export.worker import run_export

    cache = StyleCache()
    finals = [run_export(fixture_guide(), str(tmp_path / f"{n}.pdf"), ExportOptions(), None,
                         lambda *_: None, lambda: False, None, cache) for n in range(2)]
    assert [f[0] for f in finals] == ["done", "done"]
    assert cache.misses == 2 and cache.hits >= 2


def test_closing_removes_the_font_copies(tmp_path: Path):
    cache = StyleCache()
    export_guide(fixture_guide(), tmp_path / "a.pdf", ExportOptions(), styles=cache)
    folders = [s.font_config._folder for s in cache._sets.values()]
    assert folders and all(f.is_dir() for f in folders)
    cache.close()
    assert not any(f.exists() for f in folders) and len(cache) == 0


@pytest.mark.parametrize("busy", [False, True])
def test_a_worker_that_ends_leaves_no_font_copies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy: bool):
    from reading_guide.export import WarmExporter

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # the worker's temporary folder (a fresh process)
    exporter = WarmExporter(time_limit=60.0, warm=True)
    try:
        job = exporter.submit(fixture_guide(), tmp_path / "a.pdf", ExportOptions())
        assert job.wait(timeout=120)[-1].kind == "done"
        if busy:  # stopped in the middle of a job (SIGTERM): the same clean-up
            exporter.submit(fixture_guide(), tmp_path / "b.pdf", ExportOptions("facilitator"))
            time.sleep(0.3)
    finally:
        exporter.close(timeout=20.0)
    assert not list(temp.glob("weasyprint-*"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"),
                    reason="SIGKILL is POSIX; the parent's clean-up is the same for any death")
def test_the_parent_removes_a_killed_workers_font_copies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from reading_guide.export import WarmExporter
    from reading_guide.export.styles import font_folder_prefix

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # the worker's temporary folder
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # and this process's
    exporter = WarmExporter(time_limit=60.0, warm=True)
    try:
        job = exporter.submit(long_guide(paragraphs=150, questions=30), tmp_path / "k.pdf",
                              ExportOptions("participant"))
        deadline = time.monotonic() + 120
        while not any(e.kind == "progress" and e.fraction >= 0.2 for e in job.poll()):
            assert time.monotonic() < deadline, "the job never reached its layout"
            time.sleep(0.05)
        pid = exporter.worker_pid
        assert pid is not None
        assert list(temp.glob(f"{font_folder_prefix(pid)}*"))  # kept for its next job
        os.kill(pid, signal.SIGKILL)  # no clean-up of its own can run
        last = job.wait(timeout=30)[-1]
        assert last.kind == "error" and last.reason == "crashed"
        assert not list(temp.glob(f"{font_folder_prefix(pid)}*"))
    finally:
        exporter.close(timeout=20.0)
