"""Tables, verse, code and footnotes in the reader: one QTextBlock each, positions exact.

The reading text folds every block (render/document.py); the reader shows each space listed
in `Block.breaks` as U+2028 (one for one) and inserts code's blank lines and indentation
(`gaps`, `pads`), which its position map steps over. These properties prove positions stay
exact with breaks, gaps, pads and table tabs anywhere in a block, and an offscreen grab checks
that the kinds are drawn as themselves.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402

from reading_guide.gui.reader.view import ReaderView  # noqa: E402
from reading_guide.render import Block, Document, Span, parse  # noqa: E402
from reading_guide.render.display import shown  # noqa: E402

WORD = st.sampled_from(["word", "é", "😀", "人", "x", "—", "שלום", "مرحبا"])
# Between words: a plain space, a space that is a line break, a blank line, a table's tab.
SEPARATOR = st.sampled_from(["space", "break", "gap", "tab"])


@st.composite
def blocks(draw, kind: str) -> Block:
    parts = draw(st.lists(WORD, min_size=1, max_size=8))
    text = parts[0]
    breaks: list[int] = []
    gaps: list[int] = []
    pads: list[tuple[int, int]] = []
    for part in parts[1:]:
        separator = draw(SEPARATOR)
        if separator == "tab":
            text += "\t"
        else:
            if separator != "space":
                breaks.append(len(text))
            if separator == "gap":
                gaps.append(len(text))
            text += " "
            if kind == "code" and draw(st.booleans()):
                pads.append((len(text), draw(st.integers(1, 8))))
        text += part
    spans = (Span(0, 1, "note"),) if kind == "footnote" else ()
    return Block(kind, text, spans, label="1" if kind in ("item", "footnote") else "",
                 breaks=tuple(breaks), gaps=tuple(gaps), pads=tuple(pads))


@st.composite
def documents(draw) -> Document:
    kinds = draw(st.lists(st.sampled_from(["paragraph", "verse", "code", "table", "footnote",
                                           "item"]), min_size=1, max_size=6))
    return Document.from_blocks([draw(blocks(kind)) for kind in kinds])


def shown_range(document: Document, a: int, b: int) -> str:
    """What the reader shows for [a, b): each block's part as shown (render.display), blank
    lines and indents inside the range only, block separators as Qt's U+2029."""
    out = []
    for blk in document.blocks:
        if blk.start >= b or blk.end < a:
            continue
        lo, hi = max(a - blk.start, 0), min(b - blk.start, len(blk.text))
        part = Block(blk.kind, blk.text[lo:hi],
                     breaks=tuple(x - lo for x in blk.breaks if lo <= x < hi),
                     gaps=tuple(x - lo for x in blk.gaps if lo <= x < hi - 1),
                     pads=tuple((x - lo, n) for x, n in blk.pads if lo < x < hi))
        out.append(shown(part).text)
        if a <= blk.end < b:
            out.append("\u2029")
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    return view


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents(), data=st.data())
def test_line_breaks_blank_lines_indents_and_cells_keep_positions_exact(
        reader: ReaderView, document, data) -> None:
    reader.set_document(document)
    text = document.text
    qt_document = reader.editor.document()
    assert qt_document.blockCount() == len(document.blocks)
    # What Qt holds is each block as shown: breaks as U+2028, gaps and pads inserted.
    assert qt_document.toRawText() == "\u2029".join(shown(b).text for b in document.blocks)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    reader.select_range(a, b)
    if a < b:
        assert reader.selection_range(snap=False) == (a, b)
        # The selection shows exactly the passage: its own characters, with its breaks as
        # line breaks and code's blank lines and indentation inside it.
        selected = reader.editor.textCursor().selectedText()
        assert selected == shown_range(document, a, b)


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
