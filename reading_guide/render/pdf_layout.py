"""PDF pages -> body lines in reading order: page furniture out, columns one after the other.

Two steps, each on the segments pdf_import.py reads (no PDF library here, so each rule is tested
on small made-up pages):

1. `remove_furniture` drops what a printer puts on every page and nobody reads aloud: running
   heads and feet (text in the top or bottom margin that recurs on many pages once its digits
   are ignored, and their fragments in a first page's masthead), page numbers, printer's slug
   lines (the Government Publishing Office's "VerDate ... Jkt ... Frm ...", InDesign's
   "file.indd 12"), figure codes, line or paragraph numbers in the margins, and
   table-of-contents lines (dot leaders ending in a page number, or without leaders a column of
   entries beside a right-aligned column of page numbers that never go down, as LaTeX and Word
   set a book's top-level entries). A page number is a number alone in the margin band, or alone
   on the lowest (highest) line of the page within its outer fifth. Counts go to the repairs.
2. `reading_order` groups a page's lines into blocks (consecutive lines, one under the other),
   then orders the blocks by recursive X-Y cuts: split at a vertical gutter running through the
   whole region first (columns, left to right), else at horizontal gaps (top to bottom). This
   keeps three Federal Register columns apart even where their lines share baselines, where
   reading line by line across the page would interleave them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reading_guide.render.pdf_import import SUP_END, SUP_START, Page, Segment

MARGIN_BAND = 0.10  # top and bottom tenth of the page: where running heads and feet live
MASTHEAD_BAND = 0.16
# A number alone at the very foot or head of the page is its page number within this band:
# LaTeX's default A4 page sets it at 11-15% of the height, outside MARGIN_BAND.
PAGE_NUMBER_BAND = 0.20
MIN_CONTENTS_LINES = 3
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?(?:\d{1,5}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,5})?|[-–—]\s*\d{1,5}\s*[-–—]",
    re.I)
_SLUG = re.compile(r"^VerDate\b|\bJkt\s+\d+\s+PO\s+\d+\s+Frm\b|\.(?:indd|qxd|qxp)\b\s+\d"
                   r"|\bSfmt\s+\d+\b", re.I)
_FIGURE_CODE = re.compile(r"</?GPH>|^[A-Z]{2}\d{2}[A-Z]{2}\d{2}\.\d{3}\b")
_TOC_LINE = re.compile(r"(?:\.\s*){4,}\s*(?:\d{1,4}|[ivxlc]{1,7})\s*$|…{2,}\s*\d{1,4}\s*$"
                       r"|(?:\.\s){6,}\.?\s*$", re.I)
_MARGIN_NUMBER = re.compile(r"\d{1,4}")
# The title of a table of contents, in the languages essays come in; removed only above at least
# two contents lines on its page, so a section named "Contents" elsewhere stays.
_TOC_TITLE = re.compile(r"(?:table of )?contents|inhalt(?:sverzeichnis)?|sommaire|"
                        r"table des matières|[íi]ndice|contenidos?|sumário|inhoud|spis treści|"
                        r"содержание|оглавление|المحتويات|תוכן העניינים|目次|目录", re.I)


@dataclass
class Removed:
    """What `remove_furniture` took out, counted by kind (for the repair report)."""

    heads: set[int] = field(default_factory=set)  # page numbers with a running head or foot
    head_example: str = ""
    page_numbers: int = 0
    slugs: int = 0
    slug_example: str = ""
    figure_codes: int = 0
    margin_numbers: int = 0
    toc_lines: int = 0
    rotated: int = 0
    rotated_pages: int = 0


def plain(text: str) -> str:
    """Segment text without the superscript marks."""
    return text.replace(SUP_START, "").replace(SUP_END, "")


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(plain(text).casefold().split()))


def _in_band(segment: Segment, page: Page, band: float) -> bool:
    return segment.y0 > page.height * (1 - band) or segment.y1 < page.height * band


def remove_furniture(pages: list[Page]) -> Removed:
    """Drop page furniture from every page's segments, in place; say what went."""
    removed = Removed()
    for page in pages:
        if page.rotated:
            removed.rotated += page.rotated
            removed.rotated_pages += 1
    recurring = _recurring_margin_text(pages)
    heads = [plain(s.text).casefold() for p in pages for s in p.segments
             if _key(s.text) in recurring]
    for page in pages:
        text_left, text_right = _text_area(page)
        kept: list[Segment] = []
        contents = _contents_column(page)
        edge_numbers = _edge_numbers(page)
        toc_lines = [s for s in page.segments
                     if _TOC_LINE.search(plain(s.text)) or contents.get(id(s)) == "entry"]
        for segment in page.segments:
            text = " ".join(plain(segment.text).split())
            low = text.casefold()
            if _in_band(segment, page, MARGIN_BAND) and _key(segment.text) in recurring:
                removed.heads.add(page.number)
                removed.head_example = removed.head_example or text
            elif (_in_band(segment, page, MARGIN_BAND) and _PAGE_NUMBER.fullmatch(text)) \
                    or id(segment) in edge_numbers:
                removed.page_numbers += 1
            elif id(segment) in contents:
                removed.toc_lines += contents[id(segment)] == "entry"
            elif _SLUG.search(text):
                removed.slugs += 1
                removed.slug_example = removed.slug_example or text
            elif _FIGURE_CODE.search(text):
                removed.figure_codes += 1
            elif (_MARGIN_NUMBER.fullmatch(text)
                  and (segment.x1 < text_left + 1 or segment.x0 > text_right - 1)):
                removed.margin_numbers += 1
            elif _TOC_LINE.search(text):
                removed.toc_lines += 1
            elif (len(toc_lines) >= 2 and _TOC_TITLE.fullmatch(text.rstrip(" :"))
                  and segment.y0 > max(t.y0 for t in toc_lines)):  # PDF y grows upwards
                removed.toc_lines += 1  # the contents' own title, above its lines
            elif _MARGIN_NUMBER.fullmatch(text) and any(
                    -0.5 * t.size < t.y0 - segment.y0 < 1.6 * t.size for t in toc_lines):
                pass  # the page number of a table-of-contents line (or of the line above)
            elif (len(low) >= 4 and _in_band(segment, page, MASTHEAD_BAND)
                  and any(low in head for head in heads)):
                removed.heads.add(page.number)  # the running head's parts on a first page
            else:
                kept.append(segment)
        page.segments = kept
    return removed


def _edge_numbers(page: Page) -> set[int]:
    """The segments (by id) that are a page number alone on the page's lowest or highest line
    in its outer fifth: where a page number stands when it is not in the outer tenth. Nothing
    may share its line (a table's last row, a line of text ending in a year)."""
    found: set[int] = set()
    segments = page.segments
    if len(segments) < 2:
        return found
    low = min(segments, key=lambda s: s.y0)
    high = max(segments, key=lambda s: s.y1)
    for edge, alone in ((low, not any(s is not low and s.y0 < low.y1 for s in segments)),
                        (high, not any(s is not high and s.y1 > high.y0 for s in segments))):
        if alone and _in_band(edge, page, PAGE_NUMBER_BAND) \
                and _PAGE_NUMBER.fullmatch(" ".join(plain(edge.text).split())):
            found.add(id(edge))
    return found


def _contents_column(page: Page) -> dict[int, str]:
    """A contents page without dot leaders: segments (by id) that are an entry or its page
    number. Lines whose last segment is a number standing apart from the text before it on the
    same line; at least MIN_CONTENTS_LINES of them, the numbers right-aligned (within 3 points)
    and never going down from one line to the next (a table's column of figures does)."""
    lines: dict[int, list[Segment]] = {}
    for segment in page.segments:  # by baseline, so each number meets only its line's text
        lines.setdefault(round(segment.y0 / 2), []).append(segment)
    rows: list[tuple[Segment, Segment, int]] = []
    for number in page.segments:
        text = plain(number.text).strip()
        if not _MARGIN_NUMBER.fullmatch(text):
            continue
        key = round(number.y0 / 2)
        near = [s for k in (key - 1, key, key + 1) for s in lines.get(k, ())]
        entries = [s for s in near if s is not number and s.x1 < number.x0 - 10
                   and abs(s.y0 - number.y0) < 0.3 * number.size and plain(s.text).strip()]
        if entries:
            rows.append((max(entries, key=lambda s: s.x1), number, int(text)))
    if len(rows) < MIN_CONTENTS_LINES:
        return {}
    rows.sort(key=lambda row: -row[1].y0)  # top to bottom (PDF y grows upwards)
    right = sorted(row[1].x1 for row in rows)[len(rows) // 2]
    aligned = [row for row in rows if abs(row[1].x1 - right) <= 3]
    values = [row[2] for row in aligned]
    if len(aligned) < MIN_CONTENTS_LINES or values != sorted(values):
        return {}
    found = {id(number): "number" for _, number, _ in aligned}
    found.update({id(entry): "entry" for entry, _, _ in aligned})
    return found


def _recurring_margin_text(pages: list[Page]) -> set[str]:
    """Keys of margin texts found on enough pages to be running heads or feet."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(s.text) for s in page.segments if _in_band(s, page, MARGIN_BAND)})
    needed = max(3, int(0.3 * len(pages)))
    return {key for key, n in counts.items() if n >= needed and key.strip("# ")}


def _text_area(page: Page) -> tuple[float, float]:
    """Left and right edges of the page's running text (lines of 20 characters or more)."""
    lines = [s for s in page.segments if len(s.text) >= 20]
    if not lines:
        return 0.0, page.width
    return min(s.x0 for s in lines), max(s.x1 for s in lines)


# -- reading order --------------------------------------------------------------------------


@dataclass
class Block:
    lines: list[Segment]
    x0: float
    y0: float
    x1: float
    y1: float
    order: int  # position of its first line in the page's drawing order

    def add(self, line: Segment) -> None:
        self.lines.append(line)
        self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)
        self.y0, self.y1 = min(self.y0, line.y0), max(self.y1, line.y1)


def blocks_of(page: Page) -> list[Block]:
    """Consecutive segments that sit one under the other (or side by side on one line) with
    overlapping extents form a block; anything else starts a new one."""
    blocks: list[Block] = []
    for index, line in enumerate(page.segments):
        current = blocks[-1] if blocks else None
        if current is not None and _continues(current, line):
            current.add(line)
        else:
            blocks.append(Block([line], line.x0, line.y0, line.x1, line.y1, index))
    return blocks


def _continues(block: Block, line: Segment) -> bool:
    last = block.lines[-1]
    scale = max(line.size, last.size)
    # Same line: words of a justified heading in a narrow column can stand far apart.
    same_line = abs(line.y0 - last.y0) < 0.5 * scale and 0 <= line.x0 - last.x1 < 6 * scale
    below = 0 < last.y0 - line.y0 < 2.2 * scale
    overlaps = line.x0 < block.x1 and line.x1 > block.x0
    return same_line or (below and overlaps)


def reading_order(page: Page) -> list[Block]:
    """The page's blocks in reading order (recursive X-Y cut; drawing order where it cannot
    decide)."""
    return _order(blocks_of(page))


def _order(blocks: list[Block]) -> list[Block]:
    if len(blocks) <= 1:
        return blocks
    for parts in (_split(blocks, vertical=True), _split(blocks, vertical=False)):
        if len(parts) > 1:
            return [b for part in parts for b in _order(part)]
    return sorted(blocks, key=lambda b: b.order)


def _split(blocks: list[Block], vertical: bool) -> list[list[Block]]:
    """Groups of blocks separated by an empty band: a gutter (vertical) or a gap (horizontal)."""
    if vertical:
        spans = sorted(((b.x0, b.x1, b) for b in blocks), key=lambda t: t[0])
        min_gap = 0.5 * min(max(line.size for line in b.lines) for b in blocks)
    else:  # top to bottom: sort by descending top edge, in a flipped axis
        spans = sorted(((-b.y1, -b.y0, b) for b in blocks), key=lambda t: t[0])
        min_gap = 0.0
    groups: list[list[Block]] = [[spans[0][2]]]
    reach = spans[0][1]
    for start, end, block in spans[1:]:
        if start - reach > min_gap:
            groups.append([block])
        else:
            groups[-1].append(block)
        reach = max(reach, end)
    return groups
