"""PDF lines in reading order -> paragraphs, headings and notes (HTML), and what was mended.

What a PDF loses and we rebuild (pdf_layout.py has already dropped page furniture and ordered
the columns):

- Paragraphs, from line spacing and indents: a new paragraph starts where the gap to the line
  above is clearly larger than the document's usual line pitch, where a line is indented, or
  after a short line that ends a sentence; a paragraph continues across a column or page break.
- Headings, from font size (larger than the body text, one level per size) or a short bold line
  standing on its own.
- Hyphenated line ends, rejoined only where the joined word is a word: the document's own
  vocabulary decides (no dictionary ships with the app). "certifi-" + "cation" is joined when
  "certification" occurs elsewhere, or when either half is not a word the document uses;
  "FAA-" + "approved" keeps its hyphen because "FAA-approved" (or both halves) occurs.
- Ligature characters (ﬁ, ﬂ, ﬀ, ...) become letters, soft hyphens go, a pair of single quotes set
  as a double quote (‘‘...’’, the Government Publishing Office's habit) becomes one.
- Footnotes: small text at the foot of a column starting with a number that also appears as a
  superscript in the body. Each note is set apart as a quoted "Note N:" block after the
  paragraph that cites it (else after the last paragraph of its page), so it stays near its
  reference but never inside a sentence; the superscript markers leave the sentences (a quoted
  sentence reads as the author wrote it). Notes never cited go to a "Notes" section at the end.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from reading_guide.render.converted import ConvertedDocument, escape
from reading_guide.render.pdf_import import SUP_END, SUP_START, Page, Segment
from reading_guide.render.pdf_layout import Block, plain, reading_order, remove_furniture
from reading_guide.render.pdf_mended import Counts, EmittedText, pdf_repairs
from reading_guide.render.repair_changes import LETTERS

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_SENTENCE_END = tuple(".!?:;\"”’)]»…")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LAST_WORD = re.compile(r"([^\W\d_]+)[-\x02\xad\u2010]$")  # U+2010: HYPHEN
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")
_SUPERSCRIPT = re.compile(SUP_START + "([^" + SUP_END + "]*)" + SUP_END)
_NOTE_MARK = re.compile(r"^\s*(?:" + SUP_START + r"\s*(\d{1,3}|[*†‡§])\s*[.)]?" + SUP_END
                        + r"|(\d{1,3})[.)]?\s)")
_BAD_TITLES = re.compile(r"^(?:microsoft word|untitled|document\d*$)|\.(?:docx?|pdf|indd|tex)$",
                         re.I)


@dataclass
class _Line:
    text: str
    segment: Segment
    block: Block
    left: float  # the block's left and right edges
    right: float


def rebuild(pages: list[Page], metadata_title: str) -> ConvertedDocument:
    counts = Counts()
    for page in pages:
        for segment in page.segments:
            segment.text = _mend_characters(segment.text, counts)
    removed = remove_furniture(pages)
    body = _body_size(pages)
    lines: list[_Line] = []
    for page in pages:
        for block in reading_order(page):
            left, right = min(s.x0 for s in block.lines), max(s.x1 for s in block.lines)
            lines += [_Line(s.text, s, block, left, right) for s in block.lines]
    markers = {m.strip() for line in lines for m in _SUPERSCRIPT.findall(line.text)}
    ends = Counter(line.text.rstrip()[-1:] for line in lines)
    counts.auto_hyphen = "\u2010" if ends["\u2010"] > ends["-"] else "-"
    notes, lines = _split_notes(lines, body, markers)
    vocabulary, compounds = _vocabulary(lines)
    pitch = _line_pitch(lines, body)
    heading_sizes = sorted({round(line.segment.size) for line in lines
                            if line.segment.size >= 1.18 * body}, reverse=True)
    html: list[str] = []
    emitted = EmittedText()  # the text of `html` in order, to place the rejoined words
    headings: list[tuple[float, int, str]] = []
    cited = {m.strip() for line in lines for m in _SUPERSCRIPT.findall(line.text)}
    waiting = list(notes)
    for kind, text, first, last in _paragraphs(lines, body, pitch, vocabulary, compounds,
                                               counts):
        refs = {m.strip() for m in _SUPERSCRIPT.findall(text)}
        text = _SUPERSCRIPT.sub(lambda m: _drop_marker(m, counts), text)
        text = " ".join(text.split())
        if not text:
            continue
        emitted.add(text, len(counts.rejoined))
        if kind == "h":
            size = first.segment.size
            level = (heading_sizes.index(round(size)) + 1 if round(size) in heading_sizes
                     else len(heading_sizes) + 1)
            level = min(level, 4)
            html.append(f"<h{level}>{escape(text)}</h{level}>")
            if first.segment.page == pages[0].number or not headings:
                headings.append((size, len(text.split()), text))
        else:
            html.append(f"<p>{escape(text)}</p>")
        pages_here = range(first.segment.page, last.segment.page + 2)
        due = [n for n in waiting if (n.number in refs and n.page in pages_here)
               or (n.number not in cited and n.page <= last.segment.page)]
        html += [_note_html(n) for n in due]
        emitted.add_notes((n.number, n.text) for n in due)
        waiting = [n for n in waiting if n not in due]
    if waiting:
        html.append("<h2>Notes</h2>")
        html += [_note_html(n) for n in waiting]
        emitted.add("Notes")
        emitted.add_notes((n.number, n.text) for n in waiting)
    title = metadata_title if _good_title(metadata_title) else ""
    if not title and headings:
        title = max(headings, key=lambda h: (round(h[0]), h[1]))[2]
    count = len(pages)
    return ConvertedDocument(
        html="\n".join(html),
        title=title,
        pages=f"1-{count}" if count > 1 else "1",
        repairs=pdf_repairs(removed, counts, len(notes), emitted.rejoined_changes(counts)),
    )


@dataclass
class _Note:
    number: str
    text: str
    page: int


def _note_html(note: _Note) -> str:
    return f"<blockquote><p>Note {escape(note.number)}: {escape(note.text)}</p></blockquote>"


def _good_title(title: str) -> bool:
    return len(title) >= 4 and any(c.isalpha() for c in title) and not _BAD_TITLES.search(title)


def _mend_characters(text: str, counts: Counts) -> str:
    if _LIGATURE.search(text):
        counts.ligatures += len(_LIGATURE.findall(text))
        text = _LIGATURE.sub(lambda m: LIGATURES[m.group()], text)
    if "‘‘" in text or "’’" in text:
        counts.quotes += text.count("‘‘") + text.count("’’")
        text = text.replace("‘‘", "“").replace("’’", "”")
    text = text.replace("\x02", "-")
    if "\xad" in text[:-1]:
        counts.soft_hyphens += text[:-1].count("\xad")
        text = text[:-1].replace("\xad", "") + text[-1]
    return text


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for segment in page.segments:
            sizes[round(segment.size * 2) / 2] += len(segment.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _line_pitch(lines: list[_Line], body: float) -> float:
    """The usual distance between the baselines of two lines of running text."""
    steps = [a.segment.y0 - b.segment.y0 for a, b in zip(lines, lines[1:], strict=False)
             if a.block is b.block and abs(a.segment.size - body) < 0.5
             and 0.5 * body < a.segment.y0 - b.segment.y0 < 3 * body]
    steps.sort()
    return steps[len(steps) // 2] if steps else 1.2 * body


def _split_notes(lines: list[_Line], body: float,
                 markers: set[str]) -> tuple[list[_Note], list[_Line]]:
    """Footnote blocks (small type, starting with a marker the body uses) out of the body."""
    notes: list[_Note] = []
    kept: list[_Line] = []
    note_blocks: set[int] = set()
    for line in lines:
        block = line.block
        first = block.lines[0]
        if id(block) not in note_blocks and line.segment is first:
            match = _NOTE_MARK.match(first.text)
            small = all(s.size <= 0.88 * body for s in block.lines)
            number = (match.group(1) or match.group(2)) if match else None
            if small and number and number in markers:
                note_blocks.add(id(block))
        if id(block) not in note_blocks:
            kept.append(line)
            continue
        match = _NOTE_MARK.match(line.text)
        number = (match.group(1) or match.group(2)) if match else None
        if match and number and number in markers:
            notes.append(_Note(number, plain(line.text[match.end():]), line.segment.page))
        elif notes:
            notes[-1].text = _join(notes[-1].text, plain(line.text), Counter(), Counter(),
                                   Counts())
    for note in notes:
        note.text = " ".join(note.text.split())
    return notes, kept


def _vocabulary(lines: list[_Line]) -> tuple[Counter[str], Counter[str]]:
    """Words of the document (not the halves at hyphenated line ends), and hyphenated ones."""
    words: Counter[str] = Counter()
    compounds: Counter[str] = Counter()
    broken_before = False
    for line in lines:
        tokens = _WORD.findall(plain(line.text).casefold())
        if broken_before and tokens:
            tokens = tokens[1:]
        broken_before = bool(_LAST_WORD.search(line.text.rstrip()))
        if broken_before and tokens:
            tokens = tokens[:-1]
        for token in tokens:
            if "-" in token:
                compounds[token] += 1
                words.update(token.split("-"))
            else:
                words[token] += 1
    return words, compounds


def _join(text: str, line: str, words: Counter[str], compounds: Counter[str],
          counts: Counts) -> str:
    """`text` + the next line `line`: a hyphen at the line end is kept or removed."""
    text = text.rstrip()
    line = line.lstrip()
    if not text:
        return line
    end = _LAST_WORD.search(text)
    start = _FIRST_WORD.match(plain(line))
    if end and start:
        first, second = end.group(1), start.group(1)
        if text.endswith("\xad") or (
                text[-1] in (counts.auto_hyphen, "\x02")
                and _is_split_word(first, second, words, compounds)):
            counts.rejoined.append(f"{first}-{second}")
            counts.rejoined_nth.append(sum(1 for m in LETTERS.finditer(text, 0, end.start())
                                           if m.group() == first + second))
            return text[:-1] + line
        counts.kept.append(f"{first}-{second}")
        return text[:-1] + "-" + line
    if text.endswith(("–", "—", "/")) and not text.endswith((" –", " —")):
        return text + line  # 737–⏎9, a broken URL
    return text + " " + line


def _is_split_word(first: str, second: str, words: Counter[str],
                   compounds: Counter[str]) -> bool:
    joined, hyphenated = (first + second).casefold(), f"{first}-{second}".casefold()
    if compounds[hyphenated]:
        return False
    if words[joined]:
        return True
    if second[:1].isupper():
        return False  # "non-" + "Boeing"
    return not (words[first.casefold()] and words[second.casefold()])


def _is_heading(line: _Line, body: float) -> bool:
    segment = line.segment
    text = plain(line.text).strip()
    words = len(text.split())
    if not text or words > 20 or not any(c.isalpha() for c in text):
        return False
    if segment.size >= 1.18 * body:
        return True
    return segment.bold and segment.size >= 0.95 * body and words <= 14 and not text.endswith(".")


def _paragraphs(lines: list[_Line], body: float, pitch: float, words: Counter[str],
                compounds: Counter[str], counts: Counts,
                ) -> Iterator[tuple[str, str, _Line, _Line]]:
    """(kind, text, first line, last line) for each heading ("h") and paragraph ("p"), in
    reading order."""
    kind, text, first = "", "", None
    previous: _Line | None = None
    for line in lines:
        heading = _is_heading(line, body)
        if previous is None or first is None or _starts_new(previous, line, heading, kind, body,
                                                           pitch):
            if first is not None and previous is not None and text.strip():
                yield kind, text, first, previous
            kind, text, first = ("h" if heading else "p"), line.text, line
        else:
            text = _join(text, line.text, words, compounds, counts)
        previous = line
    if first is not None and previous is not None and text.strip():
        yield kind, text, first, previous


def _starts_new(previous: _Line, line: _Line, heading: bool, kind: str, body: float,
                pitch: float) -> bool:
    before, now = previous.segment, line.segment
    if heading != (kind == "h") or abs(now.size - before.size) > 0.15 * max(now.size, body):
        return True
    scale = now.size
    indented = now.x0 > line.left + 0.7 * scale
    ended = plain(previous.text).rstrip().endswith(_SENTENCE_END)
    short = before.x1 < previous.right - 4 * scale
    if heading:  # a heading over two lines continues only right under itself
        return previous.block is not line.block or before.y0 - now.y0 > 1.6 * pitch
    if previous.block is line.block:
        gap = before.y0 - now.y0
        return gap > 1.35 * pitch or gap < -0.5 * scale or indented or (short and ended)
    moved_up = now.page != before.page or line.block.y1 > previous.block.y0
    if indented or (short and ended):
        return True
    if moved_up:  # the next column or page: the paragraph goes on unless something says not
        return False
    return ended or not plain(line.text).lstrip()[:1].islower()


def _drop_marker(match: re.Match[str], counts: Counts) -> str:
    marker = match.group(1).strip()
    if re.fullmatch(r"\d{1,3}|[*†‡§]+|[a-z]", marker):
        counts.markers += 1
        return ""
    return marker  # a raised letter or word (1st, Mme) stays as text
