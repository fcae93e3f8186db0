"""Tables, verse, code and footnotes in the reader: one QTextBlock each, positions exact.

A table's rows and a poem's lines are U+2028 inside one block and a table's cells are tabs
(render/document.py), so the Qt document's text is still the reading text character for
character; these properties prove it with those separators anywhere inside a block, and an
offscreen grab checks that the new kinds are drawn as themselves.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402

from reading_guide.gui.reader.view import ReaderView  # noqa: E402
from reading_guide.render import Document, Span, parse  # noqa: E402

WORD = st.sampled_from(["word", "é", "😀", "人", "a b", "x", "—", "שלום", "مرحبا"])
SEPARATOR = st.sampled_from(["\u2028", "\t", " "])


@st.composite
def block_text(draw) -> str:
    parts = draw(st.lists(WORD, min_size=1, max_size=8))
    out = parts[0]
    for part in parts[1:]:
        out += draw(SEPARATOR) + part
    return out


@st.composite
def documents(draw) -> Document:
    from reading_guide.render import Block

    kinds = st.sampled_from(["paragraph", "verse", "code", "table", "footnote", "item"])
    blocks = draw(st.lists(st.tuples(kinds, block_text()), min_size=1, max_size=6))
    return Document.from_blocks([Block(kind, text, (Span(0, 1, "note"),) if kind == "footnote"
                                       else (), label="1" if kind in ("item", "footnote") else "")
                                 for kind, text in blocks])


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    return view


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents(), data=st.data())
def test_line_and_cell_separators_keep_positions_exact(reader: ReaderView, document,
                                                       data) -> None:
    reader.set_document(document)
    text = document.text
    qt_document = reader.editor.document()
    assert qt_document.blockCount() == len(document.blocks)
    assert qt_document.characterCount() - 1 == utf16_len(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    reader.select_range(a, b)
    if a < b:
        assert reader.selection_range(snap=False) == (a, b)
        selected = reader.editor.textCursor().selectedText().replace("\u2029", "\n")
        assert selected == text[a:b]


def test_new_kinds_are_drawn_as_themselves(reader: ReaderView, data_dir, tmp_path) -> None:
    from reading_guide.render import import_essay

    essay = import_essay(data_dir / "essays" / "structures.md")
    reader.set_document(essay.document)
    qt_document = reader.editor.document()
    kinds = [b.kind for b in essay.document.blocks]
    table = qt_document.findBlockByNumber(kinds.index("table"))
    assert len(table.blockFormat().tabPositions()) == 1  # two columns lined up by one tab stop
    assert table.layout().lineCount() == 3  # one line per row
    code = qt_document.findBlockByNumber(kinds.index("code"))
    assert QFont(code.charFormat().font()).fixedPitch()
    verse = qt_document.findBlockByNumber(kinds.index("verse"))
    assert verse.layout().lineCount() == 4
    assert reader.grab().save(str(tmp_path / "structures.png"))


def test_a_right_to_left_essay_is_laid_out_right_to_left(reader: ReaderView) -> None:
    from PySide6.QtCore import Qt

    reader.set_document(parse("# עברית\n\nזה טקסט בעברית, עם מילה English אחת.\n\n"
                              "```\nls -l\n```\n"))
    qt_document = reader.editor.document()
    assert qt_document.findBlockByNumber(1).blockFormat().layoutDirection() == \
        Qt.LayoutDirection.RightToLeft
    assert qt_document.findBlockByNumber(2).blockFormat().layoutDirection() != \
        Qt.LayoutDirection.RightToLeft  # code stays left to right
