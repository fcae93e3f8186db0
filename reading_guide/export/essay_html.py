"""The essay as handout HTML: paragraph numbers, category marks and question callouts.

Built from the rendered Document (blocks and spans), never from the essay's Markdown, so no raw
HTML, image or stylesheet written by the essay's author can reach WeasyPrint: every character of
essay text is escaped (inline.render_inline), and only http(s)/mailto links survive.

Each highlight's anchor (the target of "see page N") and its margin callout sit inside the
passage's first word, on one unbreakable piece of line, so both are on the page where the marked
words really start. Each block is laid out by `render_inline`, which runs the bidi algorithm over
the whole paragraph, marks included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from reading_guide.export import bidi
from reading_guide.export.inline import Mark, render_inline
from reading_guide.links import safe_href
from reading_guide.model import MARKS, Guide, Highlight
from reading_guide.render import Block, Document, Span
from reading_guide.render.display import shown, shown_offset
from reading_guide.render.document import LINE_BREAK

LEAD_MAX = 40  # characters kept on one line with a callout: the passage's first word
# How a display-only space of code (indentation, alignment) prints: HTML folds plain spaces.
NBSP = "\u00a0"
# Inline span kinds of the reader (render/document.py) -> the element that prints them.
_FORMATS = {"em": "em", "strong": "strong", "code": "code", "strike": "s", "note": "sup"}


@dataclass(frozen=True)
class Placed:
    """A highlight with a usable position, and what the handout prints for it."""

    highlight: Highlight
    start: int
    end: int
    css: str  # class names: "hl c-2 m-dotted"
    mark: str
    questions: tuple[int, ...]  # printed question numbers


def place(guide: Guide, doc: Document, numbers: dict[str, list[int]]) -> tuple[
    list[Placed], list[Highlight]
]:
    """Split highlights into those printable in the essay and the orphans ("passages not found")."""
    cat_index = {c.id: i for i, c in enumerate(guide.categories)}
    placed: list[Placed] = []
    orphans: list[Highlight] = []
    size = len(doc.text)
    for h in guide.highlights:
        pos = h.position
        if pos is None or not (0 <= pos.start < pos.end <= size):
            orphans.append(h)
            continue
        cat = guide.category(h.category)
        mark = cat.mark if cat is not None and cat.mark in MARKS else "underline"
        idx = cat_index.get(h.category)
        css = f"hl c-{idx if idx is not None else 'x'} m-{mark}"
        placed.append(Placed(h, pos.start, pos.end, css, mark, tuple(numbers.get(h.id, ()))))
    placed.sort(key=lambda p: (p.start, -p.end))
    return placed, orphans


def paragraph_range(doc: Document, start: int, end: int) -> str:
    """"¶4" or "¶4–6" for a passage; headings count as the paragraph that follows them."""
    first = doc.paragraph_at(start)
    last = doc.paragraph_at(max(start, end - 1))
    if first is None:
        return ""
    if last is None or last == first:
        return f"¶{first}"
    return f"¶{first}–{last}"


def block_direction(text: str, essay_dir: str) -> str:
    """A block's base direction: the essay's, unless the block is plainly in the other one (an
    English quotation in a Hebrew essay, an Arabic paragraph in an English one)."""
    if essay_dir == "rtl":
        plainly_ltr = bidi.first_strong(text) == "ltr" and not bidi.has_rtl_letter(text)
        return "ltr" if plainly_ltr else "rtl"
    return "rtl" if bidi.first_strong(text) == "rtl" and bidi.mostly_rtl(text) else "ltr"


def essay_html(
    doc: Document, placed: list[Placed], *, private: bool, merge_within: int = 90,
    lead: str = "", essay_dir: str = "ltr", skip_title: str = "",
) -> str:
    """All blocks as HTML; each highlight marked in every block it touches. Callouts that start
    within `merge_within` characters (about a printed line) are merged into one.

    Headings (and `lead`, the section's own heading) are wrapped with the block after them in
    an unbreakable group: WeasyPrint does not always honour `break-after: avoid` when the next
    paragraph is pushed to a new page, and a heading alone at a page bottom looks broken.
    Heading levels never skip one (an essay going from # to ### prints h2 then h3), and a
    first heading that repeats `skip_title` (the title block above says it) is left out.
    """
    if not doc.blocks:
        return lead + '<p class="empty">(This guide has no essay text.)</p>\n'
    out: list[str] = []
    group: list[str] = [lead] if lead else []
    anchored: set[str] = set()
    levels: list[int] = []  # Markdown levels of the open headings
    i = 0  # first highlight that may still touch the current block (placed is sorted by start)
    for index, block in enumerate(doc.blocks):
        while i < len(placed) and placed[i].end <= block.start:
            i += 1
        touching: list[Placed] = []
        for p in placed[i:]:
            if p.start >= block.end:
                break
            if p.end > block.start:
                touching.append(p)
        if block.kind == "heading":
            if index == 0 and not touching and _same(block.text, skip_title):
                continue
            while levels and levels[-1] >= block.level:
                levels.pop()
            levels.append(block.level)
            html = _heading(block, touching, anchored, private, merge_within, essay_dir,
                            min(len(levels) + 1, 6))
            group.append(html)
            continue
        html = _block_html(block, touching, anchored, private, merge_within, essay_dir)
        if group:
            out.append('<div class="keep">\n' + "".join(group) + html + "</div>\n")
            group = []
        else:
            out.append(html)
    if group:
        out.append('<div class="keep">\n' + "".join(group) + "</div>\n")
    return "".join(out)


def _same(a: str, b: str) -> bool:
    return bool(b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def bdi(text: str, direction: str | None = None) -> str:
    """User text, escaped and isolated, so that direction controls in it stay inside it:
    `<bdi>` isolates it in a browser, and its own `dir` (from its first strong letter, as
    `dir="auto"` would) sets its direction in WeasyPrint, which ignores `unicode-bidi`."""
    d = direction or bidi.text_direction(text)
    return f'<bdi dir="{d}">{render_inline(text, [], rtl=d == "rtl")}</bdi>'


def _heading(
    block: Block, placed: list[Placed], anchored: set[str], private: bool, merge_within: int,
    essay_dir: str, level: int,
) -> str:
    d = block_direction(block.text, essay_dir)
    inner = _inline_html(block, placed, anchored, private, merge_within, d)
    return f'<h{level} class="essay-h" dir="{d}">{inner}</h{level}>\n'


def _block_html(
    block: Block, placed: list[Placed], anchored: set[str], private: bool, merge_within: int,
    essay_dir: str,
) -> str:
    d = block_direction(block.text, essay_dir)
    if block.kind == "table":
        return _table_html(block, placed, anchored, private, merge_within, d)
    inner = _inline_html(block, placed, anchored, private, merge_within, d)
    inner = f'<bdi dir="{d}">{inner}</bdi>'  # the essay's words apart from number and callouts
    bar = any(p.mark == "side-bar" for p in placed)
    classes = ["para", block.kind]
    if bar:
        classes.append("bar")
    if block.kind in ("quote", "item"):
        classes.append(f"lvl-{min(max(block.level, 1), 6)}")
    label = f'<span class="label">{bdi(block.label)}</span> ' if block.label else ""
    number = f'<span class="pn" aria-hidden="true">{block.number}</span>'
    tag = "blockquote" if block.kind == "quote" else "p"
    pid = f' id="p{block.number}"' if block.number is not None else ""
    if tag == "blockquote":
        return (f'<blockquote class="{" ".join(classes)}"{pid} dir="{d}"><p>{number}{label}'
                f"{inner}</p></blockquote>\n")
    return f'<p class="{" ".join(classes)}"{pid} dir="{d}">{number}{label}{inner}</p>\n'


def _table_html(
    block: Block, placed: list[Placed], anchored: set[str], private: bool, merge_within: int,
    direction: str,
) -> str:
    """A table block as a table: each cell printed as a piece of the block's text, so marks and
    callouts land in the cell where their passage is; a header row when the table has one
    (level 1). Rows and cells are where `Block.cells` says (rows end at the block's breaks,
    cells at tabs)."""
    rows: list[str] = []
    for r, row in enumerate(block.cells()):
        cells = []
        for at, stop in row:
            cell = block.text[at:stop]
            begin, end = block.start + at, block.start + stop
            spans = tuple(Span(max(s.start - at, 0), min(s.end - at, len(cell)), s.kind, s.href)
                          for s in block.spans if s.start < stop and s.end > at)
            part = Block("cell", cell, spans, start=begin)
            here = [p for p in placed if p.start < end and p.end > begin]
            tag = "th" if r == 0 and block.level else "td"
            inner = _inline_html(part, here, anchored, private, merge_within, direction)
            cells.append(f'<{tag}><bdi dir="{direction}">{inner}</bdi></{tag}>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    number = f'<span class="pn" aria-hidden="true">{block.number}</span>'
    return (f'<div class="para table" id="p{block.number}" dir="{direction}">{number}'
            f'<table class="essay-table">{"".join(rows)}</table></div>\n')


def _inline_html(
    block: Block, placed: list[Placed], anchored: set[str], private: bool, merge_within: int,
    direction: str,
) -> str:
    text = block.text
    marks: list[Mark] = []
    for s in block.spans:
        if s.kind in _FORMATS:
            marks.append(Mark(s.start, s.end, _FORMATS[s.kind]))
        elif s.kind == "link":
            href = safe_href(s.href)
            if href:
                marks.append(Mark(s.start, s.end, "a", f' href="{escape(href)}"'))
    for order, p in enumerate(placed):
        marks.append(Mark(p.start - block.start, p.end - block.start, "span", kind="hl",
                          order=order, css=p.css))
    marks.extend(_leads(text, block.start, placed, anchored, private, merge_within))
    # Verse, code, hard breaks and table rows keep their lines: the spaces that are line
    # breaks print as <br> (render/display.py), code its indentation and blank lines.
    show = shown(block, pad=NBSP)
    if show.inserted:
        inserted = show.inserted
        marks = [replace(m, start=shown_offset(inserted, m.start, after=True),
                         end=max(shown_offset(inserted, m.start, after=True),
                                 shown_offset(inserted, m.end, after=False)))
                 for m in marks]
    html = render_inline(show.text, marks, rtl=direction == "rtl")
    return html.replace(LINE_BREAK, "<br>") if block.breaks else html


def _leads(
    text: str, offset: int, placed: list[Placed], anchored: set[str], private: bool,
    merge_within: int,
) -> list[Mark]:
    """Where each highlight is first printed: its anchor, and the margin callout of the
    questions about it, glued to its first word. Callouts starting within `merge_within`
    characters of the previous one are merged into it, so they never overprint."""
    starts: dict[int, list[Placed]] = {}
    for p in placed:
        if p.highlight.id in anchored:
            continue
        anchored.add(p.highlight.id)
        starts.setdefault(max(p.start - offset, 0), []).append(p)
    heads: list[tuple[int, list[int], bool]] = []  # (position, question numbers, has a note)
    for at in sorted(starts):
        numbers = [n for p in starts[at] for n in p.questions]
        note = private and any(p.highlight.note.strip() for p in starts[at])
        if not (numbers or note):
            continue
        if heads and at - heads[-1][0] < merge_within:
            pos, prev, had = heads[-1]
            heads[-1] = (pos, prev + numbers, had or note)
        else:
            heads.append((at, numbers, note))
    callouts = {at: _callout(numbers, note) for at, numbers, note in heads}
    marks = []
    for at, group in starts.items():
        end = at + 1
        while end < len(text) and end - at < LEAD_MAX and not text[end].isspace():
            end += 1
        anchors = "".join(f'<span class="anchor" id="hl-{escape(p.highlight.id)}"></span>'
                          for p in group)
        marks.append(Mark(at, end, "span", kind="lead", prefix=anchors + callouts.get(at, "")))
    return marks


def _callout(numbers: list[int], note: bool) -> str:
    """The margin callout: "Q 3, 8" (and "note" in the facilitator's edition)."""
    label = ", ".join(str(n) for n in sorted(set(numbers)))
    text = f"Q {label}" if label else ""
    if note:
        text = f"{text} · note" if text else "note"
    # The zero-size wrapper keeps WeasyPrint from counting the callout's width when it breaks
    # the line (an absolutely positioned box inline otherwise pushed words to the next line).
    return (f'<span class="co"><span class="callout" dir="ltr">{escape(text)}</span>'
            "</span>")
