"""One paragraph of text with overlapping marks -> handout HTML that prints in the right order.

The essay's blocks and every user field go through `render_inline`: the text is cut at every
mark boundary and at every change of bidi level (see bidi.py), each piece is wrapped in the
marks that cover it, and consecutive pieces of one level are nested in `dir` elements. Marks may
overlap (two highlights, a link across a highlight), so they are never nested across pieces:
each piece carries its own copy, flat, and the output never nests deeper than a fixed bound
(at most two highlight marks and one of each format per piece, level elements capped), however
many highlights share a passage: no recursion over user-controlled depth reaches WeasyPrint.

Cuts never split a character from its combining marks; a cut between two Arabic letters that
join keeps them joined with a zero-width joiner on both sides (each piece is shaped on its own).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from reading_guide.export import bidi

FORMAT_ORDER = {"a": 0, "em": 2, "strong": 3, "code": 4, "s": 5, "sup": 6}
MAX_HIGHLIGHT_MARKS = 2  # per piece: the outermost and the innermost highlight
MAX_EXPLICIT_DEPTH = 8  # deeper explicit embeddings are ignored rather than nested
# WeasyPrint lays out each line from the rest of its text box: a box of 1 MB of text costs
# time in the square of its length. Pieces are cut at a space at least this often (one line
# flows on across them), so a paragraph of any length lays out in time in proportion to it.
CHUNK = 2000
ZWJ = "\u200d"


@dataclass(frozen=True)
class Mark:
    """An element around [start, end) of the text.

    kind: "format" (em, strong, code, a: one of each per piece), "hl" (a highlight: `order`
    says which started first; the inner one gets class d2), or "lead" (outermost in its piece,
    kept on one line with `prefix`, the HTML of anchors and a margin callout, at its start).
    `attrs` is escaped HTML attributes; "hl" marks get edge classes (bl/br: the piece that
    starts or ends the mark, on the physical side for its direction).
    """

    start: int
    end: int
    tag: str
    attrs: str = ""
    kind: str = "format"
    order: int = 0
    css: str = ""  # classes of an "hl" mark (edge classes are added per piece)
    prefix: str = ""


def render_inline(text: str, marks: list[Mark], *, rtl: bool, bidi_levels: bool = True) -> str:
    """The HTML of one paragraph whose base direction is `rtl` or not (the caller's element
    carries that `dir`). Text is escaped; explicit direction controls are left out."""
    n = len(text)
    levels = bidi.embedding_levels(text, rtl) if bidi_levels and bidi.needs_levels(text, rtl) \
        else None
    if levels is not None and max(levels) > MAX_EXPLICIT_DEPTH + 1:
        levels = bidi.embedding_levels(bidi.printable(text), rtl)  # hostile nesting: ignore it
        if levels is not None:
            levels = _spread(text, levels)
    base = 1 if rtl else 0
    cuts = {0, n}
    for m in marks:
        cuts.add(_snap(text, min(max(m.start, 0), n)))
        cuts.add(_snap(text, min(max(m.end, 0), n)))
    if levels is not None:
        cuts.update(_snap(text, a) for a, _, _ in bidi.level_runs(levels))
    if n > CHUNK:
        cuts.update(_chunks(text))
    edges = sorted(cuts)
    starts = {m: _snap(text, min(max(m.start, 0), n)) for m in marks}
    ends = {m: _snap(text, min(max(m.end, 0), n)) for m in marks}
    pending = sorted(marks, key=lambda m: (starts[m], -ends[m]))
    active: list[Mark] = []
    out: list[str] = []
    open_levels = 0  # level elements now open (levels base+1 .. base+open_levels)
    k = 0
    for a, b in zip(edges, edges[1:], strict=False):
        if a >= b:
            continue
        active = [m for m in active if ends[m] > a]
        while k < len(pending) and starts[pending[k]] <= a:
            if ends[pending[k]] > a:
                active.append(pending[k])
            k += 1
        level = max(levels[a] if levels is not None else base, base)
        want = level - base
        while open_levels > want:
            out.append("</span>")
            open_levels -= 1
        while open_levels < want:
            open_levels += 1
            out.append(f'<span dir="{"rtl" if (base + open_levels) % 2 else "ltr"}">')
        piece_rtl = level % 2 == 1
        covering = [m for m in active if starts[m] <= a and ends[m] >= b]
        piece = _piece(text, a, b, covering, starts, ends, piece_rtl)
        out.append(f"<span>{piece}</span>" if n > CHUNK else piece)  # a text box of its own
    out.append("</span>" * open_levels)
    return "".join(out)


def _piece(
    text: str, a: int, b: int, covering: list[Mark], starts: dict[Mark, int],
    ends: dict[Mark, int], rtl: bool,
) -> str:
    body = escape(bidi.printable(text[a:b]), quote=False)
    if a > 0 and _joined(text, a):
        body = ZWJ + body
    if b < len(text) and _joined(text, b):
        body += ZWJ
    chosen: dict[str, Mark] = {}
    highlights: list[Mark] = []
    lead: Mark | None = None
    for m in covering:
        if m.kind == "hl":
            highlights.append(m)
        elif m.kind == "lead":
            if lead is None or starts[m] >= starts[lead]:
                lead = m
        elif m.tag in FORMAT_ORDER and m.tag not in chosen:
            chosen[m.tag] = m
    highlights.sort(key=lambda m: m.order)
    if len(highlights) > MAX_HIGHLIGHT_MARKS:
        highlights = [highlights[0], highlights[-1]]
    for tag in ("sup", "s", "code", "strong", "em"):
        if tag in chosen:
            body = f"<{tag}{chosen[tag].attrs}>{body}</{tag}>"
    for depth in range(len(highlights) - 1, -1, -1):
        m = highlights[depth]
        classes = [m.css] if m.css else []
        if depth:
            classes.append("d2")
        if starts[m] == a and m.start >= 0:  # the mark starts here (not in a block before)
            classes.append("br" if rtl else "bl")
        if ends[m] == b and m.end <= len(text):  # and ends here (not in a block after)
            classes.append("bl" if rtl else "br")
        body = f'<span class="{" ".join(classes)}"{m.attrs}>{body}</span>'
    if "a" in chosen:
        body = f"<a{chosen['a'].attrs}>{body}</a>"
    if lead is not None:  # outside the marks: a callout must not take their underlines
        prefix = lead.prefix if starts[lead] == a else ""
        body = f'<span class="lead">{prefix}{body}</span>'
    return body


def _chunks(text: str) -> list[int]:
    """Cuts after a space about every CHUNK characters (anywhere, if there is no space)."""
    cuts = []
    at = CHUNK
    while at < len(text):
        space = text.rfind(" ", at - CHUNK // 2, at)
        cut = space + 1 if space >= 0 else at
        cuts.append(_snap(text, cut))
        at = cut + CHUNK
    return cuts


def _snap(text: str, cut: int) -> int:
    """Move a cut forward past combining marks, so no piece starts with one."""
    while 0 < cut < len(text) and unicodedata.category(text[cut]).startswith("M"):
        cut += 1
    return cut


def _spread(text: str, levels: Sequence[int]) -> list[int]:
    """Levels computed on `text` without its direction controls, back on `text`'s indexes."""
    out: list[int] = []
    i = 0
    for ch in text:
        if ch in bidi.CONTROLS:
            out.append(levels[i] if i < len(levels) else (levels[-1] if levels else 0))
        else:
            out.append(levels[i] if i < len(levels) else 0)
            i += 1
    return out


# Arabic joining (Unicode ArabicShaping.txt), for the letters of the Arabic blocks: letters
# that join only to the letter before them (type R); the others join on both sides (type D),
# except hamza and a few non-joining ones (type U). Marks are transparent.
_RIGHT_JOINING = frozenset(
    [0x622, 0x623, 0x624, 0x625, 0x627, 0x629, 0x62F, 0x630, 0x631, 0x632, 0x648, 0x671, 0x672,
     0x673, 0x675, 0x676, 0x677, 0x6C0, 0x6CD, 0x6CF, 0x6D2, 0x6D3, 0x6D5, 0x6EE, 0x6EF, 0x759,
     0x75A, 0x75B, 0x76B, 0x76C, 0x771, 0x773, 0x774, 0x778, 0x779]
    + list(range(0x688, 0x69A)) + list(range(0x6C3, 0x6CC))
)
_NON_JOINING = frozenset([0x621, 0x674, 0x6D4, 0x6DD])


def _joining(ch: str) -> str:
    """"D", "R", "C" (tatweel, joiner) or "" for a character that does not join."""
    cp = ord(ch)
    if cp in (0x640, 0x200D):
        return "C"
    if not (0x620 <= cp <= 0x6FF or 0x750 <= cp <= 0x77F or 0x8A0 <= cp <= 0x8FF):
        return ""
    if cp in _NON_JOINING or not unicodedata.category(ch).startswith("L"):
        return ""
    return "R" if cp in _RIGHT_JOINING else "D"


def _joined(text: str, cut: int) -> bool:
    """Whether the letters on both sides of `cut` join (marks skipped)."""
    i = cut - 1
    while i >= 0 and unicodedata.category(text[i]) == "Mn":
        i -= 1
    if i < 0 or cut >= len(text):
        return False
    before, after = _joining(text[i]), _joining(text[cut])
    return before in ("D", "C") and after in ("D", "R", "C")
