"""The rendered essay: blocks, inline spans, the reading text and paragraph numbers.

The *reading text* is the single string every position in a guide counts in (docs/FORMAT.md):
the blocks' plain texts (no markup, NFC, each run of white space folded to one space, trimmed),
joined by one line feed "\\n". Positions are code points in it. Paragraph numbers (¶1..¶N) count
every block but headings (paragraphs, quotes, list items, verse, code, tables, footnotes), so
"¶12" means the same paragraph on screen and on paper.

Inside one block, a line break the author meant (verse, a hard break, a line of code, a table
row) is U+2028 LINE SEPARATOR, and a table's cells are separated by a tab: both are one code
point, and Qt shows U+2028 as a line break inside the same paragraph, so a block stays one
QTextBlock and positions stay exact.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\n"
# A line break inside a block (verse, hard breaks, code lines, table rows), and the separator of
# a table row's cells. Neither is ever a line feed, which separates blocks.
LINE_BREAK = "\u2028"
CELL_SEPARATOR = "\t"
BLOCK_KINDS = ("heading", "paragraph", "quote", "item", "verse", "code", "table", "footnote")
SPAN_KINDS = ("em", "strong", "code", "link", "strike", "note")


@dataclass(frozen=True)
class Span:
    """Inline formatting over [start, end) of one block's text (offsets inside the block)."""

    start: int
    end: int
    kind: str  # one of SPAN_KINDS ("note": a footnote reference such as "[2]")
    href: str = ""  # only for links; only http(s) and mailto survive import


@dataclass(frozen=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    text: str  # plain text; never contains a line feed
    spans: tuple[Span, ...] = ()
    # Heading level 1..6; nesting depth for quotes and list items; for a table, 1 when its
    # first row is a header row, else 0.
    level: int = 1
    number: int | None = None  # paragraph number; None for headings
    # What is printed before the text and is not reading text: a list marker ("1.", "•", "☐"
    # for an open task), a footnote's number ("2"); empty for other blocks.
    label: str = ""
    start: int = 0  # offset of this block's text in the reading text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Document:
    """Blocks plus the reading text they make; built by `reading_guide.render.parse`."""

    blocks: tuple[Block, ...]
    text: str
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(b.start for b in self.blocks))

    @classmethod
    def from_blocks(cls, blocks: list[Block]) -> Document:
        """Number paragraphs, compute offsets and join the reading text."""
        placed: list[Block] = []
        offset = 0
        number = 0
        for block in blocks:
            if block.kind != "heading":
                number += 1
            placed.append(
                Block(
                    kind=block.kind,
                    text=block.text,
                    spans=block.spans,
                    level=block.level,
                    number=None if block.kind == "heading" else number,
                    label=block.label,
                    start=offset,
                )
            )
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        text = BLOCK_SEPARATOR.join(b.text for b in placed)
        return cls(tuple(placed), text)

    def block_index_at(self, offset: int) -> int | None:
        """Index of the block containing `offset` (a separator belongs to the block before it)."""
        if not self.blocks:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        return max(i, 0)

    def paragraph_at(self, offset: int) -> int | None:
        """The ¶ number at `offset`; for a heading, the next paragraph's number (None if none)."""
        i = self.block_index_at(offset)
        if i is None:
            return None
        for block in self.blocks[i:]:
            if block.number is not None:
                return block.number
        return None

    @property
    def paragraphs(self) -> int:
        return sum(1 for b in self.blocks if b.kind != "heading")

    @property
    def headings(self) -> int:
        return sum(1 for b in self.blocks if b.kind == "heading")

    @property
    def words(self) -> int:
        return len(self.text.split())
