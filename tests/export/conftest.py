"""Rendered handouts shared by the export tests: each edition of the fixture guide is printed
once per test session (WeasyPrint takes about a second a handout)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from reading_guide.export import ExportOptions, export_guide
from tests.export.guides import fixture_guide


def pdf_text(path: Path) -> list[str]:
    """The text of every page, in order."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("handouts")
    paths = {}
    for variant in ("participant", "facilitator", "questions"):
        path = out / f"{variant}.pdf"
        export_guide(fixture_guide(), path, ExportOptions(variant=variant))
        paths[variant] = path
    return paths
