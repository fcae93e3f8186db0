"""HTML essay -> Markdown with the same blocks, keeping only a small safe list of tags.

A web page saved as HTML carries scripts, trackers, forms and pictures from anywhere. Only what a
reader needs survives: paragraphs, headings, block quotes, lists, emphasis, strong, code and
http(s)/mailto links. Content of active or embedded elements (script, style, iframe, form, ...) is
dropped, and each drop is reported; other tags vanish but keep their text. Text is escaped so that
nothing in it can turn into Markdown markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reading_guide.render.markdown import parse_blocks, safe_href
from reading_guide.render.repairs import Repair, head

# Elements whose whole content is dropped (and reported), not only their tags.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "form", "svg", "math",
    "canvas", "video", "audio", "select", "textarea", "button", "head", "frameset", "applet",
    "picture", "map", "dialog",
})
# Void elements that are dropped and reported (they have no content or end tag).
DROPPED_VOID = frozenset({"img", "embed", "input", "image"})
_SILENT_DROPS = frozenset({"head"})
_HEAD_CONTENT = frozenset({
    "title", "meta", "link", "style", "script", "base", "noscript", "template", "object"
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "image", "input", "link", "meta",
    "param", "source", "track", "wbr",
})
# Tags that end a paragraph (the safe block tags and harmless containers whose text is kept).
BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "div", "section",
    "article", "main", "header", "footer", "aside", "nav", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd", "pre", "address",
    "hr", "center", "details", "summary", "body", "html", "fieldset", "legend",
})
INLINE_MARKS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code"}

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_ALWAYS_ESCAPE = re.compile(r"([\\`*_\[\]<])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_LINE_START_SPECIAL = frozenset("#>-+=~|")


@dataclass
class ConvertedHtml:
    markdown: str
    title: str
    repairs: list[Repair] = field(default_factory=list)


def html_to_markdown(html: str) -> ConvertedHtml:
    """Convert an HTML essay to Markdown; see the module docstring for what survives."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    converter.flush()
    return ConvertedHtml(converter.markdown(), converter.title.strip(), converter.repairs)


@dataclass
class _Node:
    kind: str  # "root", "em", "strong", "code", "link"
    href: str = ""
    children: list[_Node | str] = field(default_factory=list)


@dataclass
class _Out:
    """One emitted block: its line prefix, heading level (0: not a heading), two renderings."""

    prefix: str
    level: int
    rich: str
    plain: str  # same text, no inline markup: used if the rich form would not parse back
    expected: str  # the reading text it must give


def _escape(text: str) -> str:
    return _ENTITY_LIKE.sub(r"\\&", _ALWAYS_ESCAPE.sub(r"\\\1", text))


def _fold(text: str) -> str:
    return _HTML_SPACE.sub(" ", text)


def _plain(node: _Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_plain(c) for c in node.children)


def _render(node: _Node | str, rich: bool) -> str:
    if isinstance(node, str):
        return _escape(node)
    if node.kind == "code" and rich:
        content = _fold(_plain(node))
        if not content.strip():
            return content
        runs = [len(r) for r in re.findall(r"`+", content)]
        fence = "`" * (max(runs, default=0) + 1)
        pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
        return f"{fence}{pad}{content}{pad}{fence}"
    inner = "".join(_render(c, rich) for c in node.children)
    if not rich or node.kind in ("root", "code"):
        return inner
    core = inner.strip(" ")
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(" "))]
    trail = inner[len(inner.rstrip(" ")):]
    if node.kind == "link":
        dest = node.href.replace("\\", "%5C").replace(" ", "%20")
        dest = re.sub(r"([()<>])", r"\\\1", dest)
        return f"{lead}[{core}]({dest}){trail}"
    mark = "*" if node.kind == "em" else "**"
    return f"{lead}{mark}{core}{mark}{trail}"


def _escape_line_start(text: str) -> str:
    if text and text[0] in _LINE_START_SPECIAL:
        return "\\" + text
    match = _ORDERED_START.match(text)
    if match:
        return f"{match.group(1)}\\{text[match.end(1):]}"
    return text


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[_Out] = []
        self.repairs: list[Repair] = []
        self.title = ""
        self.in_title = False
        self.dropping: list[str] = []
        self.dropped_text: list[str] = []
        self.root = _Node("root")
        self.inline: list[_Node] = [self.root]
        self.heading = 0
        # Containers: ["quote", "> "] or ["li", marker, used, list depth]; lists: [ordered,
        # next number].
        self.containers: list[list] = []
        self.lists: list[list] = []
        self.paragraphs = 0

    # -- html.parser callbacks -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self.dropping in ([], ["head"]):
            self.in_title = not self.title  # the page's title, not an SVG's or a second one
            return
        self.in_title = False  # an unclosed <title> must not swallow the essay
        if self.dropping == ["head"] and tag not in _HEAD_CONTENT:
            self.dropping = []  # a body element ends an unclosed head, as in a browser
        if self.dropping:
            if tag in DROPPED_WITH_CONTENT and tag not in VOID:
                self.dropping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            self.dropping.append(tag)
            self.dropped_text = []
            return
        if tag in DROPPED_VOID:
            self._report_drop(tag, dict(attrs))
            return
        if tag in BLOCK_TAGS:
            self.flush()
            self._open_block(tag, dict(attrs))
        elif tag == "br":
            self._text(" ")
        elif tag in INLINE_MARKS:
            self._push(_Node(INLINE_MARKS[tag]))
        elif tag == "a":
            raw_href = dict(attrs).get("href")
            href = (raw_href or "").strip()
            if any(n.kind == "link" for n in self.inline):
                self._push(_Node("root"))  # a link inside a link keeps only its text
            elif safe_href(href):
                self._push(_Node("link", href=safe_href(href)))
            else:
                # Reported as a dropped link unless it was only a named anchor (no href).
                self._push(_Node("root", href=href or ("#" if raw_href is not None else "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title = False
            return
        if self.dropping:
            if tag in self.dropping:
                while self.dropping:
                    top = self.dropping.pop()
                    if top == tag:
                        break
                if not self.dropping and tag not in _SILENT_DROPS:
                    content = head(" ".join("".join(self.dropped_text).split()), 40)
                    self._add_repair(f"<{tag}>{content}</{tag}>")
            return
        if tag in BLOCK_TAGS:
            self.flush()
            self._close_block(tag)
        elif tag in INLINE_MARKS or tag == "a":
            self._pop(INLINE_MARKS.get(tag, "link"), tag == "a")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.dropping:
            self.dropped_text.append(data)
            return
        self._text(data)

    # -- inline tree ---------------------------------------------------------------------
    def _text(self, data: str) -> None:
        self.inline[-1].children.append(_fold(data))

    def _push(self, node: _Node) -> None:
        self.inline[-1].children.append(node)
        self.inline.append(node)

    def _pop(self, kind: str, is_anchor: bool) -> None:
        for depth in range(len(self.inline) - 1, 0, -1):
            node = self.inline[depth]
            if node.kind == kind or (is_anchor and node.kind == "root"):
                if is_anchor and node.kind == "root" and node.href:
                    text = " ".join(_plain(node).split())
                    self._add_repair(f"[{head(text, 30)}]({head(node.href, 20)})", text,
                                     kind="dropped-link")
                del self.inline[depth:]
                return

    # -- blocks --------------------------------------------------------------------------
    def _open_block(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = int(tag[1])
        elif tag == "blockquote":
            self.containers.append(["quote", "> "])
        elif tag in ("ul", "ol"):
            start = attrs.get("start") or "1"
            number = min(int(start), 999_999_999) if start.isdigit() else 1  # Markdown's limit
            self.lists.append([tag == "ol", number])
        elif tag == "li":
            # An unclosed <li> ends at the next <li> of the same list, as in a browser.
            while (self.containers and self.containers[-1][0] == "li"
                   and self.containers[-1][3] == len(self.lists)):
                self.containers.pop()
            if self.lists and self.lists[-1][0]:
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            else:
                marker = "- "
            self.containers.append(["li", marker, False, len(self.lists)])

    def _close_block(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = 0
        elif tag == "blockquote":
            self._pop_container("quote")
        elif tag in ("ul", "ol"):
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
        """End the current paragraph (or heading) and emit it with its container prefix."""
        root = self.root
        self.root = _Node("root")
        self.inline = [self.root]
        expected = unicodedata.normalize("NFC", " ".join(_plain(root).split()))
        if not expected:
            return
        rich = _fold(_render(root, True)).strip(" ")
        plain = _fold(_render(root, False)).strip(" ")
        if self.heading:
            rich, plain = rich.replace("#", "\\#"), plain.replace("#", "\\#")
            # "\\#" inside a code span would show the backslash: fall back to plain there.
        else:
            rich, plain = _escape_line_start(rich), _escape_line_start(plain)
            self.paragraphs += 1
        prefix = ""
        for container in self.containers:
            if container[0] == "quote":
                prefix += container[1]
            else:
                prefix += " " * len(container[1]) if container[2] else container[1]
                container[2] = True
        self.out.append(_Out(prefix, self.heading, rich, plain, expected))

    def _add_repair(self, before: str, after: str = "", kind: str = "dropped-html") -> None:
        if _plain(self.root).strip():
            where = f"¶{self.paragraphs + 1}"
        else:
            where = f"after ¶{self.paragraphs}" if self.paragraphs else "before ¶1"
        self.repairs.append(Repair(kind, where, head(before, 60), head(after, 60)))

    def _report_drop(self, tag: str, attrs: dict[str, str | None]) -> None:
        source = attrs.get("src") or attrs.get("href") or ""
        alt = attrs.get("alt") or ""
        described = f'<{tag} src="{head(source, 30)}"' + (f' alt="{head(alt, 20)}"' if alt else "")
        self._add_repair(described + ">")

    # -- result --------------------------------------------------------------------------
    def markdown(self) -> str:
        def line(block: _Out, text: str) -> str:
            marks = "#" * block.level + " " if block.level else ""
            return block.prefix + marks + text

        rich = [line(b, b.rich) for b in self.out]
        expected = [b.expected for b in self.out]
        if [b.text for b in parse_blocks("\n\n".join(rich))] == expected:
            return "\n\n".join(rich) + "\n"
        # Some inline markup did not parse back to the same text (odd emphasis next to
        # punctuation, say): write those blocks without inline markup, so no wording changes.
        lines = []
        for block, rich_line in zip(self.out, rich, strict=True):
            ok = [b.text for b in parse_blocks(rich_line)] == [block.expected]
            lines.append(rich_line if ok else line(block, block.plain))
        return "\n\n".join(lines) + "\n"
