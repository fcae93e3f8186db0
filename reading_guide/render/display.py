"""A block as it is shown (reader and handout): its reading text with the author's lines back.

The reading text folds every block the same way (render/document.py); the line structure lives
beside it in `Block.breaks`, `Block.gaps` and `Block.pads`. Showing a block puts it back:

- each space in `breaks` is shown as LINE_BREAK (U+2028): one code point for one, so a position
  in the reading text is the same position in what is shown;
- after a space in `gaps` one more LINE_BREAK is inserted (a blank line between code
  paragraphs), and a `pads` entry inserts spaces (code indentation and alignment). These are
  display-only characters, listed in `Shown.inserted`, which the reader's position map
  (gui/reader/textmap.py) and the handout step over.

Plain arithmetic, no Qt: the reader and the handout share it and tests can hammer it directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reading_guide.render.document import LINE_BREAK, Block


@dataclass(frozen=True)
class Shown:
    """What to show for one block, and where characters that are not reading text went in."""

    text: str
    # (offset in the block's text, count): `count` display-only characters stand before the
    # block text's character at `offset`; ascending, one entry per offset.
    inserted: tuple[tuple[int, int], ...] = ()


def shown(block: Block, pad: str = " ") -> Shown:
    """`block`'s text as shown; `pad` is the character that shows a display-only space (the
    handout passes a no-break space, which HTML does not fold)."""
    text = block.text
    if not block.breaks and not block.pads:
        return Shown(text)
    inserts: dict[int, str] = {}
    for gap in block.gaps:
        inserts[gap + 1] = LINE_BREAK
    for offset, count in block.pads:
        inserts[offset] = inserts.get(offset, "") + pad * count
    breaks = set(block.breaks)
    out: list[str] = []
    last = 0
    for point in sorted(breaks | inserts.keys()):
        added = inserts.get(point)
        if added:
            out.append(text[last:point])
            out.append(added)
            last = point
        if point in breaks and point < len(text):
            out.append(text[last:point])
            out.append(LINE_BREAK)
            last = point + 1
    out.append(text[last:])
    inserted = tuple((offset, len(added)) for offset, added in sorted(inserts.items()) if added)
    return Shown("".join(out), inserted)


def document_inserted(blocks: Iterable[Block]) -> list[tuple[int, int]]:
    """Every block's display-only characters as (reading-text offset, count), ascending."""
    out: list[tuple[int, int]] = []
    for block in blocks:
        if block.gaps or block.pads:
            out.extend((block.start + offset, count) for offset, count in shown(block).inserted)
    return out


def shown_offset(inserted: tuple[tuple[int, int], ...], offset: int, after: bool) -> int:
    """Where `offset` of the block's text is in the shown text: past the characters inserted
    at it when `after` (where a passage starts), before them otherwise (where one ends)."""
    extra = 0
    for at, count in inserted:
        if at > offset or (at == offset and not after):
            break
        extra += count
    return offset + extra
