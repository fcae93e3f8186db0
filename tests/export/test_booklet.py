"""The booklet: half-size pages two to a side, in folding order."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from reading_guide.export import ExportOptions, export_guide
from reading_guide.export.booklet import imposition
from tests.export.guides import fixture_guide


def test_folding_order() -> None:
    assert imposition(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert imposition(5) == [(None, 0), (1, None), (None, 2), (3, 4)]
    assert imposition(1) == [(None, 0), (None, None)]


def test_booklet_pdf_is_landscape_sheets(tmp_path: Path) -> None:
    out = tmp_path / "booklet.pdf"
    sides = export_guide(fixture_guide(), out, ExportOptions("participant", "letter",
                                                             booklet=True))
    reader = PdfReader(out)
    assert sides == len(reader.pages) and sides % 2 == 0
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 792 and round(float(box.height)) == 612
    assert "On Walking" in (reader.pages[0].extract_text() or "")
