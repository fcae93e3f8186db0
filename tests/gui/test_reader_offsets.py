"""Reader positions map exactly to reading-text offsets, whatever the characters.

Qt counts UTF-16 units, guides count code points: a one-off error here would put every highlight
after the first emoji in the wrong place. These properties run over random documents mixing
ASCII, accented and combining letters, CJK, emoji and other astral characters.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from reading_guide.gui.reader.textmap import TextMap  # noqa: E402
from reading_guide.gui.reader.view import ReaderView, snap_to_words  # noqa: E402
from reading_guide.render import Block, Document  # noqa: E402

SAMPLES = list("abc xyz") + [
    "é", "e\u0301", "n\u0303", "\u00a0", "人", "読", "한", "😀", "🎉", "👩\u200d👩\u200d👧",
    "𝔘", "𠜎", "’", "—", ".", "!", "ß", "İ",
]
# Any printable character Qt stores verbatim: letters, marks, numbers, punctuation, symbols,
# plain spaces (controls, separators, surrogates and Qt's object/frame markers are not text).
OTHER = st.characters(
    categories=("Lu", "Ll", "Lo", "Mn", "Mc", "Nd", "Po", "Ps", "Pe", "Sm", "So", "Zs"),
    exclude_characters="\ufffc\u2028\u2029",
)
CHARS = st.one_of(st.sampled_from(SAMPLES), OTHER)
BLOCK_TEXT = st.lists(CHARS, min_size=0, max_size=40).map("".join)
KINDS = st.sampled_from(["heading", "paragraph", "quote", "item"])


@st.composite
def documents(draw) -> Document:
    blocks = draw(st.lists(st.tuples(KINDS, BLOCK_TEXT), min_size=1, max_size=8))
    return Document.from_blocks([
        Block(kind, text, label="1." if kind == "item" else "") for kind, text in blocks
    ])


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(text=st.lists(CHARS, max_size=200).map("".join), data=st.data())
def test_textmap_round_trips(text: str, data) -> None:
    tm = TextMap(text)
    assert tm.qt_length == utf16_len(text)
    cp = data.draw(st.integers(0, len(text)))
    assert tm.to_qt(cp) == utf16_len(text[:cp])
    assert tm.to_cp(tm.to_qt(cp)) == cp


@given(text=st.lists(CHARS, min_size=1, max_size=100).map("".join), data=st.data())
def test_textmap_rounds_down_inside_a_surrogate_pair(text: str, data) -> None:
    tm = TextMap(text)
    qt = data.draw(st.integers(0, tm.qt_length))
    cp = tm.to_cp(qt)
    assert tm.to_qt(cp) <= qt < tm.to_qt(cp) + 2
    assert tm.to_qt(cp) == qt or ord(text[cp]) > 0xFFFF


@given(text=st.lists(CHARS, max_size=80).map("".join), data=st.data())
def test_textmap_steps_over_inserted_display_characters(text: str, data) -> None:
    """Code's blank lines and indentation are shown but are not reading text: a range maps
    from after what is inserted at its start to before what is inserted at its end, and any
    Qt position among inserted characters maps to the character they stand before."""
    offsets = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    inserted = [(o, data.draw(st.integers(1, 5))) for o in offsets]
    tm = TextMap(text, inserted)
    added = dict(inserted)
    shown = "".join("·" * added.get(i, 0) + ch for i, ch in enumerate(text))
    shown += "·" * added.get(len(text), 0)
    assert tm.qt_length == utf16_len(shown)
    assert tm.identity == (not inserted and tm.to_qt(len(text)) == len(text))
    for cp in range(len(text) + 1):
        before = utf16_len(text[:cp]) + sum(n for o, n in inserted if o < cp)
        after = before + added.get(cp, 0)
        assert tm.to_qt(cp, after=False) == before and tm.to_qt(cp) == after
        assert tm.to_cp(before) == cp and tm.to_cp(after) == cp
        for qt in range(before, after + 1):
            assert tm.to_cp(qt) == cp
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    qa, qb = tm.range_to_qt(a, b)
    assert qa <= qb and tm.range_to_cp(qa, qb) == (a, b)


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    return view


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents(), data=st.data())
def test_selection_made_in_qt_maps_to_the_same_reading_text(reader: ReaderView, document,
                                                            data) -> None:
    reader.set_document(document)
    text = document.text
    assert reader.editor.document().characterCount() - 1 == utf16_len(text)
    a = data.draw(st.integers(0, len(text)), label="a")
    b = data.draw(st.integers(0, len(text)), label="b")
    start, end = min(a, b), max(a, b)
    # Select the way a user would: a Qt cursor at Qt positions, anchor at either end.
    anchor, pos = (start, end) if a <= b else (end, start)
    cursor = QTextCursor(reader.editor.document())
    cursor.setPosition(utf16_len(text[:anchor]))
    cursor.setPosition(utf16_len(text[:pos]), QTextCursor.MoveMode.KeepAnchor)
    reader.editor.setTextCursor(cursor)
    if start == end:
        assert reader.selection_range() is None
        assert reader.cursor_offset() == start
        return
    assert reader.selection_range(snap=False) == (start, end)
    selected = reader.editor.textCursor().selectedText().replace("\u2029", "\n")
    assert selected == text[start:end]
    assert reader.cursor_offset() == pos
    # Snapping only trims white space and widens to whole words: it never loses a word.
    snapped = reader.selection_range()
    core = text[start:end].strip()
    if not core:
        assert snapped is None
    else:
        assert snapped is not None
        s, e = snapped
        assert s <= start + (len(text[start:end]) - len(text[start:end].lstrip()))
        assert core in text[s:e]
        assert text[s:e] == text[s:e].strip()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents(), data=st.data())
def test_select_range_round_trips(reader: ReaderView, document, data) -> None:
    reader.set_document(document)
    text = document.text
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    reader.select_range(a, b)
    if a == b:
        assert reader.selection_range(snap=False) is None
    else:
        assert reader.selection_range(snap=False) == (a, b)
        selected = reader.editor.textCursor().selectedText().replace("\u2029", "\n")
        assert selected == text[a:b]


@given(text=st.lists(CHARS, max_size=60).map("".join), data=st.data())
def test_snapping_is_idempotent(text: str, data) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    snapped = snap_to_words(text, a, b)
    if snapped is not None:
        assert snap_to_words(text, *snapped) == snapped
