"""The essay as handout HTML: paragraph numbers, category marks and question callouts.

Built from the rendered Document (blocks and spans), never from the essay's Markdown, so no raw
HTML, image or stylesheet written by the essay's author can reach WeasyPrint: every character of
essay text goes through `html.escape`, and only http(s)/mailto links survive.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from reading_guide.export.safe_markdown import safe_href
from reading_guide.model import MARKS, Guide, Highlight
from reading_guide.render import Block, Document, Span
from reading_guide.render.document import CELL_SEPARATOR, LINE_BREAK

_WRAP = {"em": "em", "strong": "strong", "code": "code", "strike": "s", "note": "sup"}


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


def essay_html(
    doc: Document, placed: list[Placed], *, private: bool, merge_within: int = 90,
    lead: str = "",
) -> str:
    """All blocks as HTML; each highlight marked in every block it touches. Callouts that start
    within `merge_within` characters (about a printed line) are merged into one.

    Headings (and `lead`, the section's own heading) are wrapped with the block after them in
    an unbreakable group: WeasyPrint does not always honour `break-after: avoid` when the next
    paragraph is pushed to a new page, and a heading alone at a page bottom looks broken.
    """
    if not doc.blocks:
        return lead + '<p class="empty">(This guide has no essay text.)</p>\n'
    out: list[str] = []
    group: list[str] = [lead] if lead else []
    anchored: set[str] = set()
    i = 0  # first highlight that may still touch the current block (placed is sorted by start)
    for block in doc.blocks:
        while i < len(placed) and placed[i].end <= block.start:
            i += 1
        touching: list[Placed] = []
        for p in placed[i:]:
            if p.start >= block.end:
                break
            if p.end > block.start:
                touching.append(p)
        html = _block_html(block, touching, anchored, private=private, merge_within=merge_within)
        if block.kind == "heading":
            group.append(html)
            continue
        if group:
            out.append('<div class="keep">\n' + "".join(group) + html + "</div>\n")
            group = []
        else:
            out.append(html)
    if group:
        out.append('<div class="keep">\n' + "".join(group) + "</div>\n")
    return "".join(out)


def bdi(text: str) -> str:
    """User text, escaped and isolated, so that a bidi override or embedding in it (U+202E with
    no terminator) stays inside it: `<bdi>` isolates it in a browser, and WeasyPrint, which
    ignores `unicode-bidi`, lays out each element's text as a run of its own."""
    return f"<bdi>{escape(text)}</bdi>"


def _block_html(
    block: Block, placed: list[Placed], anchored: set[str], *, private: bool, merge_within: int
) -> str:
    if block.kind == "table":
        return _table_html(block, placed, anchored, private=private, merge_within=merge_within)
    inner = _inline_html(block, placed, anchored, private=private, merge_within=merge_within)
    # Verse, code and hard breaks keep their lines (U+2028 in the reading text).
    inner = inner.replace(LINE_BREAK, "<br>")
    inner = f"<bdi>{inner}</bdi>"  # the essay's words apart from the number and callouts
    bar = any(p.mark == "side-bar" for p in placed)
    if block.kind == "heading":
        level = min(block.level + 1, 6)
        return f'<h{level} class="essay-h">{inner}</h{level}>\n'
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
        return f'<blockquote class="{" ".join(classes)}"{pid}><p>{number}{label}{inner}</p>' \
               "</blockquote>\n"
    return f'<p class="{" ".join(classes)}"{pid}>{number}{label}{inner}</p>\n'


def _table_html(
    block: Block, placed: list[Placed], anchored: set[str], *, private: bool, merge_within: int
) -> str:
    """A table block as a table: each cell printed as a piece of the block's text, so marks and
    callouts land in the right cell; a header row when the table has one (level 1)."""
    rows: list[str] = []
    at = 0
    for r, row in enumerate(block.text.split(LINE_BREAK)):
        cells = []
        for cell in row.split(CELL_SEPARATOR):
            spans = tuple(Span(max(s.start - at, 0), min(s.end - at, len(cell)), s.kind, s.href)
                          for s in block.spans if s.start < at + len(cell) and s.end > at)
            part = Block("cell", cell, spans, start=block.start + at)
            tag = "th" if r == 0 and block.level else "td"
            inner = _inline_html(part, placed, anchored, private=private,
                                 merge_within=merge_within)
            cells.append(f"<{tag}><bdi>{inner}</bdi></{tag}>")
            at += len(cell) + 1
        rows.append("<tr>" + "".join(cells) + "</tr>")
    number = f'<span class="pn" aria-hidden="true">{block.number}</span>'
    return (f'<div class="para table" id="p{block.number}">{number}'
            f'<table class="essay-table">{"".join(rows)}</table></div>\n')


def _inline_html(
    block: Block, placed: list[Placed], anchored: set[str], *, private: bool,
    merge_within: int = 90,
) -> str:
    text = block.text
    n = len(text)
    cuts = {0, n}
    for s in block.spans:
        cuts.update((min(max(s.start, 0), n), min(max(s.end, 0), n)))
    for p in placed:
        cuts.update((min(max(p.start - block.start, 0), n), min(max(p.end - block.start, 0), n)))
    edges = sorted(cuts)
    out: list[str] = []
    # Callouts starting on about the same line are merged into one, so they never overprint.
    callouts: list[tuple[int, list[int], bool]] = []  # (slot in out, numbers, has note)
    last_at = -10**9
    for a, b in zip(edges, edges[1:], strict=False):
        rel = [p for p in placed if p.start - block.start <= a and p.end - block.start >= b]
        for p in rel:  # the anchor and callout go where a highlight is first printed
            if p.highlight.id in anchored:
                continue
            anchored.add(p.highlight.id)
            out.append(f'<span class="anchor" id="hl-{escape(p.highlight.id)}"></span>')
            note = private and bool(p.highlight.note.strip())
            if not (p.questions or note):
                continue
            if callouts and a - last_at < merge_within:
                slot, numbers, had_note = callouts[-1]
                callouts[-1] = (slot, numbers + list(p.questions), had_note or note)
            else:
                out.append("")
                callouts.append((len(out) - 1, list(p.questions), note))
                last_at = a
        piece = escape(text[a:b])
        for s in block.spans:
            tag = _WRAP.get(s.kind)
            if tag and s.start <= a and s.end >= b:
                piece = f"<{tag}>{piece}</{tag}>"
        # Later (inner) highlights nest inside earlier ones; depth moves their line marks apart.
        for depth, p in reversed(list(enumerate(rel))):
            deep = " d2" if depth else ""
            piece = f'<span class="{p.css}{deep}">{piece}</span>'
        for s in block.spans:
            if s.kind == "link" and s.start <= a and s.end >= b:
                href = safe_href(s.href)
                if href:
                    piece = f'<a href="{escape(href)}">{piece}</a>'
        out.append(piece)
    for slot, numbers, note in callouts:
        out[slot] = _callout(numbers, note)
    return "".join(out)


def _callout(numbers: list[int], note: bool) -> str:
    """The margin callout: "Q 3, 8" (and "note" in the facilitator's edition)."""
    label = ", ".join(str(n) for n in sorted(set(numbers)))
    text = f"Q {label}" if label else ""
    if note:
        text = f"{text} · note" if text else "note"
    # The zero-size wrapper keeps WeasyPrint from counting the callout's width when it breaks
    # the line (an absolutely positioned box inline otherwise pushed words to the next line).
    return f'<span class="co"><span class="callout">{escape(text)}</span></span>'
