"""The rendered essay: blocks, inline spans, the reading text and paragraph numbers.

The *reading text* is the single string every position in a guide counts in (docs/FORMAT.md):
the blocks' plain texts (no markup, NFC, each run of white space folded to one space, trimmed),
joined by one line feed "\\n". Positions are code points in it. Paragraph numbers (¶1..¶N) count
every block but headings (paragraphs, quotes, list items, verse, code, tables, footnotes), so
"¶12" means the same paragraph on screen and on paper.

Every block kind folds the same way, so a quote or a position written against the reading text
stays valid whatever the block turns out to be. The lines an author meant (verse, a hard break,
a line of code, a table row) are carried *beside* the text: `Block.breaks` lists the offsets of
the spaces that show as line breaks, `Block.gaps` those of them that also leave a blank line
(between paragraphs of code), and `Block.pads` the display-only spaces of code (indentation,
aligned columns), which are never reading text. A table's cells are separated by one tab (a
table has no folded form to stay compatible with: tables were never parsed before; a tab says
where a cell ends, copies into a spreadsheet as cells, and lines cells up at tab stops in the
reader, while anchoring reads it as a space). `render.display` makes the shown text from these.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\n"
# How the reader and the handout show a line break inside a block (verse, hard breaks, code
# lines, table rows): never reading text (where the break is a space listed in Block.breaks),
# and never a line feed, which separates blocks. The parser also uses it inside a block's raw
# pieces, before folding, to mark where the author broke a line.
LINE_BREAK = "\u2028"
# The separator of a table row's cells, in the reading text itself.
CELL_SEPARATOR = "\t"
# Which form of the reading text this code makes; caches of parsed essays (storage/parse_cache,
# storage/guide_cache) key on it. 1: folded (until issue 13); 2: U+2028 line breaks inside
# blocks (a few days, never released); 3: folded again, line structure beside the text.
READING_TEXT_FORM = 3
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
    # Offsets (in `text`) of the spaces shown as line breaks, ascending; `gaps` holds those
    # of them after which a blank line is shown too. `pads`: (offset, n) shows n spaces before
    # text[offset] that are not reading text (code indentation and alignment). Display only.
    breaks: tuple[int, ...] = ()
    gaps: tuple[int, ...] = ()
    pads: tuple[tuple[int, int], ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def lines(self) -> list[tuple[int, int]]:
        """The [start, end) of each line the author meant (the whole text when it has none)."""
        bounds = [-1, *self.breaks, len(self.text)]
        return [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]

    def cells(self) -> list[list[tuple[int, int]]]:
        """A table's rows, each a list of its cells' [start, end) in `text`."""
        rows = []
        for a, b in self.lines():
            cells = []
            for cell in self.text[a:b].split(CELL_SEPARATOR):
                cells.append((a, a + len(cell)))
                a += len(cell) + 1
            rows.append(cells)
        return rows


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
                    breaks=block.breaks,
                    gaps=block.gaps,
                    pads=block.pads,
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
