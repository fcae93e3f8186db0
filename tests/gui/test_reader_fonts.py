"""The reader's fonts: the bundled ones when shipped, a system serif when they are missing."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reading_guide.gui.core import fonts  # noqa: E402
from reading_guide.resources import resource_path  # noqa: E402


@pytest.fixture
def fresh_font_cache(qapp):
    """Forget which fonts this application loaded, before and after the test."""
    qapp.setProperty(fonts._LOADED_PROPERTY, None)
    yield qapp
    qapp.setProperty(fonts._LOADED_PROPERTY, None)


def test_bundled_fonts_are_registered(fresh_font_cache) -> None:
    assert any(resource_path("fonts").glob("GenBkBas*.ttf")), "the text font ships in resources"
    families = fonts.load_bundled_fonts()
    assert fonts.TEXT_FAMILY in families
    assert fonts.UI_FAMILY in families
    assert fonts.text_font(14).family() == fonts.TEXT_FAMILY
    assert fonts.text_font(14).pointSizeF() == 14


def test_missing_fonts_fall_back_to_a_serif(fresh_font_cache, monkeypatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    assert fonts.load_bundled_fonts() == set()
    assert fonts.load_bundled_fonts() == set()  # the cached answer too
    font = fonts.text_font(12)
    assert font.family() != fonts.TEXT_FAMILY
    assert font.styleHint() == QFont.StyleHint.Serif
    assert font.pointSizeF() == 12
    # A reader still opens and shows text with the fallback font.
    from reading_guide.gui.reader.view import ReaderView
    from reading_guide.render import Block, Document

    view = ReaderView()
    view.set_document(Document.from_blocks([Block("paragraph", "Still readable.")]))
    assert view.editor.toPlainText() == "Still readable."
    view.deleteLater()
    QApplication.processEvents()


def test_fonts_load_once_per_application(fresh_font_cache, monkeypatch) -> None:
    calls: list[str] = []
    real = fonts.QFontDatabase.addApplicationFont

    def counting(path: str) -> int:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(fonts.QFontDatabase, "addApplicationFont", staticmethod(counting))
    first = fonts.load_bundled_fonts()
    n = len(calls)
    assert fonts.load_bundled_fonts() == first
    assert len(calls) == n
