"""The walk over a parsed HTML tree that `html_import` runs: elements in, Markdown blocks out.

One loop with an explicit position (first child, next sibling, parent), never recursion, so a
page's nesting depth costs nothing on the stack. Text goes into the current paragraph, a table
cell or a code block; block elements end a paragraph; dropped elements are skipped whole and
listed as repairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reading_guide.links import safe_href
from reading_guide.render.document import LINE_BREAK
from reading_guide.render.html_left_out import (
    boilerplate_summary,
    dropped_summary,
    footnote_marker,
    node_text,
    parse_fragment,
    picture_summary,
    unclosed_raw_text,
)
from reading_guide.render.html_markdown import (
    Emitted,
    Piece,
    checked_markdown,
    code_block,
    inline_block,
    table_block,
    unchecked_markdown,
)
from reading_guide.render.html_rules import (
    BLOCKS,
    BLOCKS_IN_BUTTON,
    DROPPED,
    HEADINGS,
    MARKS,
    MAX_CONTAINERS,
    NOSCRIPT_TEXT,
    PAGE_CLASS,
    PAGE_TEXT,
    PICTURES,
    SILENT,
    hidden,
    is_data_table,
    is_gutenberg_boilerplate,
    is_poem,
)
from reading_guide.render.markdown_blocks import plain_piece
from reading_guide.render.repairs import Repair, head

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode


@dataclass
class _Table:
    rows: list[list[list[Piece]]] = field(default_factory=list)
    header: bool = False
    caption: list[Piece] = field(default_factory=list)


class Walker:
    """Turns the elements under one node into Markdown blocks (see the module docstring)."""

    def __init__(self) -> None:
        self.out: list[tuple[str, str, Emitted]] = []  # (first prefix, other prefix, block)
        self.repairs: list[Repair] = []
        self.pieces: list[Piece] = []
        self.target: list[Piece] = self.pieces  # the paragraph, or the open table cell
        self.open_marks: list[tuple[str, str, str]] = []
        self.link_starts: list[tuple[list[Piece], int]] = []  # where each dropped link began
        self.kind_depth: dict[str, int] = {}  # open marks of each kind
        self.open_kinds: dict[str, tuple[str, str, str]] = {}  # the outermost of each kind
        self.heading = 0
        self.containers: list[list] = []  # ["quote"] or ["li", marker, used, list depth]
        self.lists: list[list] = []  # [ordered, next number]
        self.tables: list[_Table | None] = []  # None: a layout table
        self.pre: list[str] | None = None
        self.pre_depth = 0
        self.paragraphs = 0
        self.flattened = False
        self.stanza = 0  # inside a poem's or a stanza's element

    # -- the walk ------------------------------------------------------------------------
    def walk(self, root: LexborNode) -> None:
        root_id = root.mem_id
        node: LexborNode | None = root
        while node is not None:
            entered = self.enter(node)
            child = node.child if entered else None
            if child is not None:
                node = child
                continue
            if entered:
                self.leave(node)
            while node is not None and node.mem_id != root_id:
                sibling = node.next
                if sibling is not None:
                    node = sibling
                    break
                node = node.parent
                if node is not None:
                    self.leave(node)
            else:
                return

    def enter(self, node: LexborNode) -> bool:
        """Handle the start of `node`; True to walk its children (and `leave` it after)."""
        tag = node.tag or ""
        if tag == "-text":
            self.text(node.text_content or "")
            return False
        if tag.startswith(("-", "!")) or tag in SILENT:
            return False
        attrs = node.attributes
        if tag in DROPPED or hidden(attrs):
            if tag != "head":
                self._drop(node, tag, attrs)
            return False
        if is_gutenberg_boilerplate(attrs):
            self.report("gutenberg", boilerplate_summary(node), "left out")
            return False
        if tag == "button":
            if node.css_first(BLOCKS_IN_BUTTON) is None:
                self._drop(node, tag, attrs)
                return False
            self.report("dropped-html", "<button>…", "kept the text inside an unclosed button")
            return True
        if tag == "math":
            self.text(" ".join(node.text(deep=True).split()))
            self.report("dropped-html", "<math>…</math>", "formula kept as its text")
            return False
        if PAGE_CLASS.search(attrs.get("class") or "") and PAGE_TEXT.match(
                node.text(deep=True).strip() or "0"):
            self.report("page-number", head(node.text(deep=True).strip(), 20), "")
            return False
        if tag == "sup" and self._footnote_marker(node, attrs):
            return False
        if self.pre is not None:
            if tag == "br":
                self.pre.append("\n")
            self.pre_depth += tag == "pre"
            return True
        table = self.tables[-1] if self.tables else None
        if table is not None:
            return self._enter_in_table(node, tag, table)
        if tag == "br":
            self.target.append(LINE_BREAK)
            return False
        if tag in MARKS or tag in ("a", "q"):
            self._open_inline(tag, attrs)
            return True
        if tag in BLOCKS and is_poem(attrs):
            self.flush()  # a poem or a stanza: its lines make one verse block
            self.stanza += 1
            return True
        if self.stanza and tag in BLOCKS:
            self._line_break()  # one line of the stanza
            return True
        if tag in HEADINGS or tag in BLOCKS or tag in ("blockquote", "ul", "ol", "li", "pre",
                                                       "table", "tr", "td", "th", "tbody",
                                                       "thead", "tfoot"):
            self.flush()
            self._open_block(node, tag, attrs)
        return True

    def _line_break(self) -> None:
        last = next((p for p in reversed(self.target) if isinstance(p, str) and p.strip(" ")),
                    None)
        if last is not None and last != LINE_BREAK:
            self.target.append(LINE_BREAK)

    def leave(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag == "pre" and self.pre is not None:
            self.pre_depth -= 1
            if self.pre_depth == 0:
                self._emit(code_block("".join(self.pre)))
                self.pre = None
            return
        if self.pre is not None:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and self.tables:
            self.tables.pop()
            if table is not None:
                if table.caption:
                    self._emit(inline_block(table.caption))
                self._emit(table_block(table.rows, table.header))
                self.target = self.pieces
            else:
                self.flush()
            return
        if table is not None:
            if tag in ("td", "th", "caption"):
                self.target = self.pieces
            elif tag in MARKS or tag in ("a", "q"):
                self._close_inline(tag)
            return
        if tag in MARKS or tag in ("a", "q"):
            self._close_inline(tag)
        elif self.stanza and tag in BLOCKS:
            if is_poem(node.attributes):
                self.stanza -= 1
                self.flush()
        elif tag in HEADINGS or tag in BLOCKS or tag in ("blockquote", "ul", "ol", "li"):
            self.flush()
            self._close_block(tag)
        elif tag in ("tr", "td", "th", "tbody", "thead", "tfoot", "button"):
            self.flush()

    # -- text and inline marks -----------------------------------------------------------
    def text(self, data: str) -> None:
        if self.pre is not None:
            self.pre.append(plain_piece(data.replace("\r", "")))
        else:
            self.target.append(plain_piece(data))

    def _open_inline(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "q":
            self.target.append("“")
            return
        if tag == "a":
            raw = attrs.get("href")
            href = safe_href(raw or "")
            if href and not any(m[1] == "link" for m in self.open_marks):
                mark = ("open", "link", href)
            else:
                # Reported when it closes, with its text, unless it was only a named anchor.
                mark = ("open", "dropped-link" if raw is not None and not href else "none",
                        (raw or "").strip())
        else:
            mark = ("open", MARKS[tag], "")
        self.open_marks.append(mark)
        self.target.append(mark)
        self.kind_depth[mark[1]] = self.kind_depth.get(mark[1], 0) + 1
        self.open_kinds.setdefault(mark[1], mark)
        if mark[1] == "dropped-link":
            self.link_starts.append((self.target, len(self.target)))

    def _close_inline(self, tag: str) -> None:
        if tag == "q":
            self.target.append("”")
            return
        if self.open_marks:
            mark = self.open_marks.pop()
            self.kind_depth[mark[1]] -= 1
            if not self.kind_depth[mark[1]]:
                self.open_kinds.pop(mark[1], None)
            if mark[1] == "dropped-link":
                pieces, at = self.link_starts.pop() if self.link_starts else ([], 0)
                text = " ".join("".join(p for p in pieces[at:] if isinstance(p, str)).split())
                self.report("dropped-link", f"[{head(text, 30)}]({head(mark[2], 20)})", text)
            self.target.append(("close", mark[1], ""))

    def _footnote_marker(self, node: LexborNode, attrs: dict[str, str | None]) -> bool:
        """A footnote reference in superscript ("alerts,²²"): written "[22]", set apart."""
        before = "".join(p for p in self.target[-3:] if isinstance(p, str)).rstrip()
        marker = footnote_marker(node, attrs, before)
        if marker is None:
            return False
        self.target.append(marker)
        if marker != node_text(node):  # "[1]" already: the text reads the same, nothing to say
            self.report("footnote-marker", f"{before[-12:]}{node_text(node)}",
                        f"{before[-12:]}{marker}")
        return True

    # -- blocks --------------------------------------------------------------------------
    def _open_block(self, node: LexborNode, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in HEADINGS:
            self.heading = HEADINGS[tag]
        elif tag == "blockquote":
            self.containers.append(["quote"])
        elif tag in ("ul", "ol", "menu"):
            start = (attrs.get("start") or "1").strip()
            number = min(int(start), 999_999_999) if start.isdigit() else 1
            self.lists.append([tag == "ol", number])
        elif tag == "li":
            while (self.containers and self.containers[-1][0] == "li"
                   and self.containers[-1][3] == len(self.lists)):
                self.containers.pop()
            if self.lists and self.lists[-1][0]:
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            else:
                marker = "- "
            self.containers.append(["li", marker, False, len(self.lists)])
        elif tag == "pre":
            self.pre = []
            self.pre_depth = 1
        elif tag == "table":
            self.tables.append(_Table() if is_data_table(node) else None)
            if self.tables[-1] is not None:
                self.target = []

    def _enter_in_table(self, node: LexborNode, tag: str, table: _Table) -> bool:
        if tag == "tr":
            table.rows.append([])
        elif tag in ("td", "th"):
            if not table.rows:
                table.rows.append([])
            row = table.rows[-1]
            if tag == "th" and len(table.rows) == 1:
                table.header = True
            cell: list[Piece] = []
            row.append(cell)
            span = (node.attributes.get("colspan") or "1").strip()
            row += [[] for _ in range(min(int(span), 50) - 1 if span.isdigit() else 0)]
            self.target = cell
        elif tag == "caption":
            self.target = table.caption
        elif tag == "br" or tag in BLOCKS or tag in HEADINGS or tag == "li":
            self.target.append(" ")
        elif tag in MARKS or tag in ("a", "q"):
            self._open_inline(tag, node.attributes)
        return True

    def _close_block(self, tag: str) -> None:
        if tag in HEADINGS:
            self.heading = 0
        elif tag == "blockquote":
            self._pop_container("quote")
        elif tag in ("ul", "ol", "menu"):
            while (self.containers and self.containers[-1][0] == "li"
                   and self.containers[-1][3] >= len(self.lists)):
                self.containers.pop()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._pop_container("li")

    def _pop_container(self, kind: str) -> None:
        for i in range(len(self.containers) - 1, -1, -1):
            if self.containers[i][0] == kind:
                del self.containers[i:]
                return

    def flush(self) -> None:
        """End the current paragraph (or heading); marks still open carry on into the next."""
        pieces = self.pieces
        # One mark of each kind still open carries on (nested ones add nothing to the text,
        # and 30,000 unclosed <em> must not be copied into every paragraph).
        self.pieces = list(self.open_kinds.values())
        if self.target is pieces:
            self.target = self.pieces
        self._emit(inline_block(pieces, self.heading))

    def _emit(self, block: Emitted | None) -> None:
        if block is None:
            return
        first = ""
        other = ""
        if len(self.containers) > MAX_CONTAINERS and not self.flattened:
            self.flattened = True
            self.report("flattened-nesting", f"{len(self.containers)} nested quotes and lists",
                        f"kept {MAX_CONTAINERS} levels; the words inside are all kept")
        for container in self.containers[:MAX_CONTAINERS]:
            if container[0] == "quote":
                first += "> "
                other += "> "
            else:
                first += " " * len(container[1]) if container[2] else container[1]
                other += " " * len(container[1])
                container[2] = True
        if not block.heading:
            self.paragraphs += 1
        self.out.append((first, other, block))

    # -- repairs -------------------------------------------------------------------------
    def report(self, kind: str, before: str, after: str = "") -> None:
        if any(isinstance(p, str) and p.strip() for p in self.pieces):
            where = f"¶{self.paragraphs + 1}"
        else:
            where = f"after ¶{self.paragraphs}" if self.paragraphs else "before ¶1"
        self.repairs.append(Repair(kind, where, head(before, 60), head(after, 60)))

    def _drop(self, node: LexborNode, tag: str, attrs: dict[str, str | None]) -> None:
        if unclosed_raw_text(node, tag):
            # An unclosed <textarea> or <iframe>: HTML5 reads the rest of the page as its
            # text, where a reader sees an essay. Keep it, read as HTML.
            self.report("dropped-html", f"<{tag}> never closed", "kept the text after it")
            fragment = parse_fragment(node)
            if fragment is not None:
                self.walk(fragment)
            return
        if tag in PICTURES:  # said in words: the reader of a Word file never saw markup
            self.report("dropped-image", picture_summary(attrs), "left out")
            return
        self.report("dropped-html", dropped_summary(node, tag, attrs))

    # -- result --------------------------------------------------------------------------
    def unchecked(self) -> tuple[str, list[str]]:
        """The Markdown with its inline markup, and the block texts it must parse to: the caller
        parses it anyway (import clean-up) and checks there, which saves a whole parse."""
        return unchecked_markdown(self.out)

    def markdown(self) -> str:
        """The Markdown, checked (html_markdown.checked_markdown)."""
        return checked_markdown(self.out)


__all__ = ["NOSCRIPT_TEXT", "Walker", "is_data_table"]
