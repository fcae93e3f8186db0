"""Import clean-up: repair damage from copying out of PDFs and web pages, never the wording.

Repairs are made on the Markdown source itself (located with markdown-it's token line maps), so
the text stored in the guide stays the facilitator's Markdown, only mended. Each repair is checked
by parsing the source it touches before and after: a repair that would change a single word of
the reading text, or the block structure beyond what it means to change, is not made. Each
repair keeps its exact changes as offsets in the mended Markdown (`repairs.Change`), so the app
can put it back (`repair_changes.py`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reading_guide.render.document import Block, Document
from reading_guide.render.markdown import blocks_with_lines, make_markdown_it, parse_blocks
from reading_guide.render.markdown_blocks import Inline, inline_text
from reading_guide.render.nesting import FLATTENED
from reading_guide.render.repairs import Change, Repair, excerpt, head, tail
from reading_guide.render.source_edits import Found, dead_link_edits, heading_bold_edits

# A paragraph ending in one of these ends a sentence (or a quotation); one ending otherwise and
# followed by a paragraph starting in lower case was split mid-sentence.
CLOSING_PUNCTUATION = frozenset(".!?:;\"'”’»)]}…。！？‼⁇⁈⁉")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")


_PARAGRAPH_REF = re.compile(r"¶(\d+)")


@dataclass
class Cleaned:
    """The mended Markdown, the document it gives, and what was repaired.

    `paragraph_numbers[n - 1]` is the number that paragraph n of the Markdown as it came in
    has in the document (joining split paragraphs renumbers those after them), so a repair
    found before clean-up (HTML import) can name the paragraph the facilitator sees.
    """

    markdown: str
    document: Document
    repairs: list[Repair]
    paragraph_numbers: tuple[int, ...] = ()

    def renumber(self, where: str) -> str:
        """`where` ("¶7", "after ¶7") with paragraph numbers of the input made final."""
        def final(match: re.Match[str]) -> str:
            n = int(match.group(1))
            known = 0 < n <= len(self.paragraph_numbers)
            return f"¶{self.paragraph_numbers[n - 1] if known else n}"

        return _PARAGRAPH_REF.sub(final, where)


class NotRoundTrip(ValueError):
    """Markdown written from HTML did not parse back to the block texts it was written from."""


def clean_markdown(markdown: str, expected: Sequence[str] | None = None) -> Cleaned:
    """Repair `markdown` (line endings already "\\n"); see the module docstring.

    The whole essay is parsed once; each repair is checked by parsing only the source it
    touches, and the document is patched with that result, so a 1 MB essay costs about one parse.
    `expected`: the block texts Markdown converted from HTML must give (html_import's
    `convert_html`); when the parse gives others, `NotRoundTrip` is raised before any repair.
    """
    # Blank-line runs mean nothing in Markdown; one blank line keeps the stored text tidy.
    text = _BLANK_RUNS.sub("\n\n", _LEADING_BLANK_LINES.sub("", markdown)).rstrip() + "\n"
    nfc = unicodedata.normalize("NFC", text)
    lines = nfc.split("\n")
    md = make_markdown_it()
    tokens = md.parse(nfc)
    parsed, block_lines = blocks_with_lines(tokens)
    if expected is not None and not _same_texts(parsed, expected):
        raise NotRoundTrip("the Markdown does not give the blocks it was written from")
    blocks: list[Block | None] = list(parsed)
    found: list[Found] = []
    if nfc != text:
        found.append(_unicode_repair(text, nfc))
    found += _flattened_nesting(tokens, lines)

    for make_edits in (heading_bold_edits, dead_link_edits):  # links see the heading fix
        for edit in make_edits(tokens, lines):
            first = bisect.bisect_left(block_lines, edit.start)
            last = bisect.bisect_left(block_lines, edit.end)
            after: Sequence[Block | Inline]
            if edit.inline is not None and last - first == 1:
                after = [inline_of(edit.inline, md)]
            else:
                after = parse_blocks("\n".join(edit.lines), md)
            if [b.text for b in after] != [b.text for b in parsed[first:last]]:
                continue  # out of context the block reads differently (reference links): leave it
            lines[edit.start:edit.end] = edit.lines  # same number of lines
            for index, new in zip(range(first, last), after, strict=True):
                blocks[index] = dataclasses.replace(parsed[index], spans=new.spans)
            found += edit.found

    deleted: list[tuple[int, int]] = []
    for group in _split_paragraph_groups(tokens, lines, parsed, block_lines):
        indexes = [index for index, _, _ in group]
        chunk = [line for _, start, end in group for line in lines[start:end]]
        # The lines after the blank ones start in lower case: they continue the paragraph
        # (nothing starting so can start or interrupt a block), so only the inline content
        # needs parsing to check the join.
        joined = inline_of("\n".join(chunk), md)
        expected = " ".join(parsed[i].text for i in indexes)
        if joined.breaks or joined.text != expected:
            continue
        blocks[indexes[0]] = joined.block("paragraph")
        for (index, start, _), (_, _, prev_end) in zip(group[1:], group, strict=False):
            blocks[index] = None
            deleted.append((prev_end, start))
            # Exactly: the line break ending the paragraph before was followed by blank lines.
            blank = "".join(line + "\n" for line in lines[prev_end:start])
            found.append(Found(
                block_lines[index],
                "joined-paragraph",
                tail(parsed[index - 1].text) + "\n\n" + head(parsed[index].text),
                tail(parsed[index - 1].text) + " " + head(parsed[index].text),
                [(prev_end - 1, len(lines[prev_end - 1]), "\n", "\n" + blank)],
            ))

    final: list[Block] = []
    final_index: list[int] = []  # parsed block index -> final block index
    for block in blocks:
        if block is not None:
            final.append(block)
        final_index.append(len(final) - 1)
    document = Document.from_blocks(final)
    kept = _kept_lines(lines, deleted)
    for start, end in sorted(deleted, reverse=True):
        del lines[start:end]
    markdown = "\n".join(lines)
    repairs = []
    for f in sorted(found, key=lambda f: f.line):
        index = max(0, bisect.bisect_right(block_lines, f.line) - 1)
        where = _where(document, final_index[index]) if final_index else "document"
        repairs.append(Repair(f.kind, where, f.before, f.after,
                              changes=_changes(markdown, kept, f)))
    return Cleaned(markdown, document, repairs, _paragraph_numbers(parsed, final_index, document))


def _kept_lines(lines: list[str], deleted: list[tuple[int, int]]) -> dict[int, int]:
    """Source line -> its offset in the Markdown once the `deleted` line ranges are gone."""
    gone = {i for start, end in deleted for i in range(start, end)}
    offsets: dict[int, int] = {}
    at = 0
    for i, line in enumerate(lines):
        if i not in gone:
            offsets[i] = at
            at += len(line) + 1
    return offsets


def _changes(markdown: str, kept: dict[int, int], found: Found) -> tuple[Change, ...]:
    """`found`'s changes as offsets in the finished Markdown; none when one of them does not
    stand there as recorded (a later edit of the same line moved it): never a wrong place."""
    changes = []
    for line, column, new, old in found.changes:
        at = kept.get(line, -1) + column
        if line not in kept or markdown[at:at + len(new)] != new:
            return ()
        changes.append(Change(at, old, new))
    return tuple(changes)


def inline_of(source: str, md: MarkdownIt) -> Inline:
    """The text and spans of `source` read as one paragraph's inline content."""
    tokens = md.parseInline(unicodedata.normalize("NFC", source).strip())
    return inline_text(tokens[0].children or [] if tokens else [])


def _same_texts(blocks: Sequence[Block], expected: Sequence[str]) -> bool:
    return len(blocks) == len(expected) and all(
        b.text == text for b, text in zip(blocks, expected, strict=True))


def _paragraph_numbers(
    parsed: list[Block], final_index: list[int], document: Document
) -> tuple[int, ...]:
    """For each paragraph of the input (non-heading block), its number in `document`: a block
    joined onto the one before takes that one's number."""
    numbers: list[int] = []
    for index, block in enumerate(parsed):
        if block.kind == "heading":
            continue
        at = final_index[index]
        number = document.blocks[at].number if at >= 0 else None
        numbers.append(number if number is not None else (numbers[-1] if numbers else 1))
    return tuple(numbers)


def _where(document: Document, index: int) -> str:
    """"¶3" or "heading 2": how the facilitator finds the block in the finished document."""
    block = document.blocks[max(index, 0)]
    if block.number is not None:
        return f"¶{block.number}"
    ordinal = sum(1 for b in document.blocks[: index + 1] if b.kind == "heading")
    return f"heading {ordinal}"


def _unicode_repair(text: str, nfc: str) -> Found:
    """Where NFC first changed the text, as one repair (a decomposed essay changes everywhere)."""
    i = 0
    limit = min(len(text), len(nfc))
    while i < limit and text[i] == nfc[i]:
        i += 1
    i = max(0, i - 1)  # the base letter before a combining mark belongs to the change
    line = nfc.count("\n", 0, i)
    old_line = text.split("\n")[line]
    new_line = nfc.split("\n")[line]
    col = i - (nfc.rfind("\n", 0, i) + 1)
    return Found(
        line,
        "normalised-unicode",
        excerpt(old_line, col, col + 2),
        excerpt(new_line, col, col + 1),
    )


def _flattened_nesting(tokens: Sequence[Token], lines: list[str]) -> list[Found]:
    """Where nesting past the parser's limit was flattened (the words are kept, not dropped)."""
    found: list[Found] = []
    for i, tok in enumerate(tokens):
        if not tok.meta.get(FLATTENED) or tok.map is None:
            continue
        inline = next((t for t in tokens[i:] if t.type == "inline"), None)
        after = " ".join(inline.content.split()) if inline is not None else ""
        found.append(Found(tok.map[0], FLATTENED, head(lines[tok.map[0]].strip(), 60),
                            head(after, 60)))
    return found


def _split_paragraph_groups(
    tokens: Sequence[Token], lines: list[str], blocks: Sequence[Block], block_lines: list[int]
) -> list[list[tuple[int, int, int]]]:
    """Runs of top-level paragraphs split mid-sentence: (block index, first line, end line).

    A paragraph ending without closing punctuation, followed after blank lines only by one
    starting in lower case, continues the same sentence. Such a line can never start another
    kind of block, so deleting the blank lines between them joins exactly those two paragraphs.
    """
    groups: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    for tok in tokens:
        if tok.nesting == -1 or tok.level or tok.type == "inline":
            continue
        if current and tok.type != "paragraph_open":
            current = []  # a heading, a quote...: the run ends
            continue
        if not current and tok.type != "paragraph_open":
            continue
        index = bisect.bisect_left(block_lines, tok.map[0]) if tok.map else len(blocks)
        if (
            tok.type != "paragraph_open"
            or tok.map is None
            or index >= len(blocks)
            or block_lines[index] != tok.map[0]
            or blocks[index].kind != "paragraph"
        ):
            current = []  # an empty paragraph, a heading, a quote...: the run ends
            continue
        start, end = tok.map
        text = blocks[index].text
        if current:
            prev_index, _, prev_end = current[-1]
            prev_text = blocks[prev_index].text
            if (
                prev_index == index - 1
                and prev_text[-1] not in CLOSING_PUNCTUATION
                and text[0].islower()
                and all(not line.strip() for line in lines[prev_end:start])
            ):
                current.append((index, start, end))
                continue
        current = [(index, start, end)]
        groups.append(current)
    return [g for g in groups if len(g) > 1]
