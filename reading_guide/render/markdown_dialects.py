"""Markdown as blogs and docs sites write it, made into the Markdown the app stores.

- Front matter (YAML between `---` lines, TOML between `+++` lines) is read as the essay's title,
  author, date and language and taken out of the text; front matter that does not parse is kept
  as a code block, so nothing is lost, and reported. So are MultiMarkdown's metadata lines
  (Pelican posts, MkDocs pages: "Title: ..." lines at the top, no fences, up to a blank line),
  when the first key is one such files use (title, author, date...), so a first paragraph
  beginning "Note: ..." stays.
- Raw HTML at the top level (blocks, and paragraphs with inline HTML) goes through the safe HTML
  importer: it is never stored as tags. HTML comments are dropped.
- Liquid/Jinja statements (`{% ... %}`) outside code are dropped; `{{ ... }}` is kept and reported.
  Jekyll's code block (`{% highlight lang %}` ... `{% endhighlight %}`, its `{% raw %}` escapes
  taken out) becomes a fenced code block; a link whose destination is a template tag
  (`[the docs]({{ "/docs/" | relative_url }})`, `{% link %}`, `{% post_url %}`) keeps its words
  as text, since the address only exists once the site is built. Hugo's shortcodes
  (`{{< figure >}}`, `{{% note %}}` ... `{{% /note %}}`) are treated as statements: alone on
  their line they are left out (their content stays), inside a sentence kept and reported.
- Docs sites' boxed notes (admonitions: Python-Markdown's `!!! note "Title"` and `??? tip`
  with an indented body, pymdownx's `/// warning | Title` ... `///`) become a quotation whose
  first line is the title (or the kind: "Note"): CommonMark would print the `!!!` line as text
  and read the indented body as code.
- A paragraph made only of pictures is left out and reported (`markdown_pictures.py`).
- A footnote definition nothing refers to would vanish in markdown-it: it is kept as text.
Every change is a repair. YAML is read with PyYAML's safe C loader; tags and aliases are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reading_guide.render.markdown_in_html import markdown_in_html
from reading_guide.render.markdown_pictures import drop_picture_paragraphs
from reading_guide.render.repairs import Repair, head

_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n(\1|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_STATEMENT = re.compile(r"\{%-?.*?-?%\}", re.S)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)  # Hugo's {{< figure >}}, {{% note %}}
_PICTURES = frozenset({"figure", "img", "image", "gallery", "youtube", "vimeo", "video"})
_EXPRESSION = re.compile(r"\{\{.*?\}\}")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+"([^"\n]*)")?[ \t]*$')
_BLOCK_START = re.compile(r"^(/{3,})[ \t]+([\w-]+)(?:[ \t]*\|[ \t]*(.*?))?[ \t]*$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_META_LINE = re.compile(r"^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$")
_META_FIRST_KEYS = frozenset({"title", "author", "authors", "date", "summary", "description",
                              "lang", "language", "slug", "category", "tags", "template"})
_HIGHLIGHT = re.compile(r"^[ \t]*\{%-?\s*highlight\s+([\w+#.-]*)[^%]*-?%\}[ \t]*\n(.*?)\n"
                        r"[ \t]*\{%-?\s*endhighlight\s*-?%\}[ \t]*$", re.S | re.M)
_RAW_LINE = re.compile(r"^[ \t]*\{%-?\s*(?:end)?raw\s*-?%\}[ \t]*\n?", re.M)
_TEMPLATE_DESTINATION = re.compile(
    r"(!?)\[((?:\\.|[^\[\]\\\n])*)\]\(\s*(\{\{.*?\}\}|\{%.*?%\})\s*\)")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
_ATX = re.compile(r"^#{1,6}\s+\S")
_TAG_LIKE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|/[A-Za-z]|!--|\?|!\[CDATA\[)",
                       re.M)
_COMMENT_ONLY = re.compile(r"\A\s*(?:<!--.*?-->\s*)+\Z", re.S)
MAX_FRONT_MATTER = 64 * 1024
# Front matter holds "key: value" (YAML) or "key = value" (TOML) lines.
_KEY_LINE = {False: re.compile(r"^[A-Za-z_][\w -]*:(?:\s|$)", re.M),
             True: re.compile(r"^[A-Za-z_][\w.-]*\s*=", re.M)}


@dataclass
class Dialect:
    markdown: str
    title: str = ""
    author: str = ""
    date: str = ""
    language: str = ""
    direction: str = ""
    repairs: list[Repair] = field(default_factory=list)


def normalise_markdown(text: str) -> Dialect:
    result = Dialect(text)
    text = _front_matter(text, result)
    text = _templates(text, result)
    if "!!!" in text or "???" in text or "///" in text or "![" in text:
        text = "\n".join(chunk if code else drop_picture_paragraphs(
            _admonitions(chunk, result), result.repairs) for code, chunk in _outside_code(text))
    text = _orphan_footnotes(text, result)
    result.markdown = _raw_html(text, result)
    return result


def _front_matter(text: str, result: Dialect) -> str:
    match = _FRONT.match(text)
    if match is None:
        return _metadata_lines(text, result)
    if len(match.group(2)) > MAX_FRONT_MATTER:
        return text
    toml = match.group(1) == "+++"
    if not _KEY_LINE[toml].search(match.group(2)):
        return text  # a rule, a heading, a rule: Markdown, not front matter
    try:
        data = _load(match.group(2), toml)
    except ValueError as error:
        block = "```\n" + match.group(0).rstrip("\n").replace("```", "` ` `") + "\n```\n"
        result.repairs.append(Repair("front-matter", "before ¶1",
                                     f"front matter that is not valid {'TOML' if toml else 'YAML'}"
                                     f" ({head(str(error), 50)})", "kept as text (a code block)"))
        return block + text[match.end():]
    read = []
    for key, attr in (("title", "title"), ("author", "author"), ("authors", "author"),
                      ("date", "date"), ("lang", "language"), ("language", "language"),
                      ("locale", "language"), ("dir", "direction"), ("direction", "direction")):
        value = _text(data.get(key))
        if value and not getattr(result, attr):
            setattr(result, attr, value)
            read.append(key)
    result.language = result.language.replace("_", "-")
    result.repairs.append(Repair("front-matter", "before ¶1",
                                 head(" ".join(match.group(2).split()), 60),
                                 f"read as metadata ({', '.join(read) or 'nothing used'}), "
                                 "not printed"))
    return text[match.end():]


def _metadata_lines(text: str, result: Dialect) -> str:
    """MultiMarkdown metadata: "Key: value" lines (a value may go on in indented lines) up to
    the first blank line, the first key one that such files use; else the text as it is."""
    block = text[:MAX_FRONT_MATTER].split("\n\n", 1)[0]
    lines = block.split("\n")
    first = _META_LINE.match(lines[0])
    if first is None or first.group(1).lower() not in _META_FIRST_KEYS or len(lines) > 60:
        return text
    data: dict[str, str] = {}
    key = ""
    for line in lines:
        entry = _META_LINE.match(line)
        if entry is not None:
            key = entry.group(1).lower()
            data[key] = entry.group(2).strip()
        elif key and line[:1] in (" ", "\t"):  # the value goes on
            data[key] = f"{data[key]} {line.strip()}".strip()
        else:
            return text  # a sentence, not metadata
    read = []
    for name, attr in (("title", "title"), ("author", "author"), ("authors", "author"),
                       ("date", "date"), ("lang", "language"), ("language", "language")):
        if data.get(name) and not getattr(result, attr):
            setattr(result, attr, " ".join(data[name].split()))
            read.append(name)
    result.repairs.append(Repair("front-matter", "before ¶1", head(" ".join(block.split()), 60),
                                 f"read as metadata ({', '.join(read) or 'nothing used'}), "
                                 "not printed"))
    return text[len(block):].lstrip("\n")


def _load(raw: str, toml: bool) -> dict:
    if toml:
        import tomllib

        try:
            return tomllib.loads(raw)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(str(error)) from None
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(raw, Loader=loader):
            if getattr(event, "anchor", None) or isinstance(event, yaml.AliasEvent):
                raise ValueError("anchors and aliases are not read")
            tag = getattr(event, "tag", None)
            if tag and getattr(event, "implicit", True) not in (True, (True, True)):
                raise ValueError(f"tag {tag} is not read")
        data = yaml.load(raw, Loader=loader)  # noqa: S506 - the safe loader, checked above
    except yaml.YAMLError as error:
        raise ValueError(" ".join(str(error).split())) from None
    if not isinstance(data, dict):
        raise ValueError("not a mapping of keys")
    return data


def _text(value: object) -> str:
    if isinstance(value, list):
        value = ", ".join(_text(v) for v in value[:5] if _text(v))
    if isinstance(value, dict):
        value = value.get("name", "")
    if isinstance(value, str | int | float) or hasattr(value, "isoformat"):
        return " ".join(str(value).split())[:200]
    return ""


def _outside_code(text: str) -> list[tuple[bool, str]]:
    """The text cut into (is code, chunk) by fenced code blocks."""
    parts: list[tuple[bool, str]] = []
    current: list[str] = []
    fence = ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence:
            current.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                parts.append((True, "\n".join(current)))
                current, fence = [], ""
        elif match:
            parts.append((False, "\n".join(current)))
            current, fence = [line], match.group(1)
        else:
            current.append(line)
    parts.append((bool(fence), "\n".join(current)))
    return parts


def _templates(text: str, result: Dialect) -> str:
    if "{%" not in text and "{{" not in text:
        return text
    text = _HIGHLIGHT.sub(lambda m: _highlight(m, result), text)
    out = []
    for code, chunk in _outside_code(text):
        if not code:
            chunk = _TEMPLATE_DESTINATION.sub(lambda m: _destination(m, result), chunk)
            chunk = _SHORTCODE.sub(lambda m: _statement(m, result, _SHORTCODE), chunk)
            chunk = _STATEMENT.sub(lambda m: _statement(m, result), chunk)
            for match in _EXPRESSION.finditer(chunk):
                if _SHORTCODE.match(match.group()):
                    continue  # a shortcode kept in its sentence: reported as a statement
                result.repairs.append(Repair("template-tag", "document", head(match.group(), 50),
                                             "kept as text: replace it by hand"))
        out.append(chunk)
    return "\n".join(out)


def _admonitions(text: str, result: Dialect) -> str:
    """Each admonition as a quotation: its title (or kind) in bold, then its body."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        start, block = _ADMONITION.match(line), _BLOCK_START.match(line)
        if start is None and (block is None or block.group(2).lower() == "html"):
            out.append(line)
            i += 1
            continue
        body: list[str] = []
        i += 1
        if start is not None:
            kind, title = start.group(1), start.group(2)
            while i < len(lines) and (not lines[i].strip() or _INDENTED.match(lines[i])):
                body.append(_INDENTED.sub("", lines[i], count=1))
                i += 1
        else:
            assert block is not None
            kind, title, slashes = block.group(2), block.group(3), block.group(1)
            while i < len(lines) and lines[i].strip() != slashes:
                body.append(lines[i])
                i += 1
            i += 1  # the closing ///
        while body and not body[-1].strip():
            body.pop()
        heading = kind.replace("-", " ").capitalize() if title is None else title.strip()
        inner = _admonitions("\n".join(body), result).split("\n") if body else []
        quoted = ([f"> **{heading}**", ">"] if heading else []) + [
            f"> {b}" if b.strip() else ">" for b in inner]
        out.extend([*quoted, ""])
        result.repairs.append(Repair("admonition", "document", head(line.strip(), 50),
                                     "read as a quotation"))
    return "\n".join(out)


def _highlight(match: re.Match[str], result: Dialect) -> str:
    """Jekyll's `{% highlight %}` pair as a fenced code block (a fence longer than any run of
    backticks inside), its `{% raw %}` lines taken out: they only stop Liquid reading it."""
    body = _RAW_LINE.sub("", match.group(2))
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", body)), default=0))
    result.repairs.append(Repair("template-tag", "document", head(match.group().split("\n")[0]
                                                                  .strip(), 50), "read as code"))
    return f"{fence}{match.group(1)}\n{body}\n{fence}"


def _destination(match: re.Match[str], result: Dialect) -> str:
    """A link to a template tag: the address only exists once the site is built, so the link's
    words stay as text; a picture there is left out (it cannot be shown)."""
    picture = bool(match.group(1))
    result.repairs.append(Repair("template-tag", "document", head(match.group(), 50),
                                 "picture left out" if picture else "link kept as its words"))
    return "" if picture else match.group(2)


def _statement(match: re.Match[str], result: Dialect,
               pattern: re.Pattern[str] = _STATEMENT) -> str:
    """A template statement alone on its lines (`{% include x %}`, `{% if %}`) is dropped; one
    inside a sentence stands for words the site fills in ("contact us to {% data
    variables.report_abuse %}"), so it is kept as text, as an expression is, and reported:
    dropping it would leave a broken sentence and move every passage after it."""
    chunk = match.string
    line_start = chunk.rfind("\n", 0, match.start()) + 1
    line_end = chunk.find("\n", match.end())
    before = pattern.sub("", chunk[line_start:match.start()])
    after = pattern.sub("", chunk[match.end():line_end if line_end >= 0 else len(chunk)])
    shown = head(" ".join(match.group().split()), 50)
    if before.strip() or after.strip():
        result.repairs.append(Repair("template-tag", "document", shown,
                                     "kept as text: replace it by hand"))
        return match.group()
    name = re.match(r"\{[{%][<%]?-?\s*/?([\w-]*)", match.group())
    picture = pattern is _SHORTCODE and name is not None and name.group(1).lower() in _PICTURES
    result.repairs.append(Repair("template-tag", "document", shown,
                                 "picture left out" if picture else "dropped"))
    return ""


def _orphan_footnotes(text: str, result: Dialect) -> str:
    labels = set(_FOOTNOTE_DEF.findall(text))
    if not labels:
        return text
    orphans = {label for label in labels
               if not re.search(rf"\[\^{re.escape(label)}\](?!:)", text)}
    for label in sorted(orphans):
        result.repairs.append(Repair("footnote-marker", "document", f"[^{head(label, 20)}]: …",
                                     "a footnote nothing refers to, kept as text"))
    if not orphans:
        return text
    return _FOOTNOTE_DEF.sub(lambda m: m.group(0).replace("[", "\\[", 1)
                             if m.group(1) in orphans else m.group(0), text)


def _raw_html(text: str, result: Dialect) -> str:
    """HTML blocks and paragraphs with inline HTML, at any depth, through the safe importer."""
    if not _TAG_LIKE.search(text):
        return text  # "a < b" is not HTML: no second parse of a long essay for it
    from reading_guide.render.html_import import html_to_markdown
    from reading_guide.render.markdown import make_markdown_it

    md = make_markdown_it()
    md.options["html"] = True
    md.enable(["html_block", "html_inline"])
    tokens = md.parse(text)
    lines = text.split("\n")
    edits: list[tuple[int, int, list[str]]] = []
    taken_to = 0
    for i, tok in enumerate(tokens):
        if tok.map is None or tok.map[0] < taken_to:
            continue
        start, end = tok.map
        if tok.type == "html_block":
            source = tok.content
            # markdown-it runs an HTML block inside a list item on over an unindented heading
            # that CommonMark (and GitHub) would start after closing the item: stop there.
            cut = next((k for k in range(start + 1, end) if _ATX.match(lines[k])), end)
            if cut < end:
                source = "\n".join(source.split("\n")[: cut - start])
                end = cut
        elif tok.type == "paragraph_open" and any(
                c.type == "html_inline" for c in tokens[i + 1].children or []):
            source = md.render(tokens[i + 1].content)
        else:
            continue
        first = lines[start]
        body = source.lstrip().split("\n", 1)[0][:20] if tok.type == "html_block" else \
            tokens[i + 1].content.split("\n", 1)[0][:20]
        at = first.find(body) if body else -1
        prefix = first[:at] if at > 0 else ""
        if prefix.strip(" >-*+0123456789.)"):
            continue  # the content does not start where expected: leave the block as it is
        other = re.sub(r"[^>]", " ", prefix)
        taken_to = end
        if _COMMENT_ONLY.match(source):
            result.repairs.append(Repair("dropped-comment", "document",
                                         head(" ".join(source.split()), 50), ""))
            edits.append((start, end, [prefix.rstrip()] if prefix.strip() else [""]))
            continue
        # kramdown's markdown="1" (render/markdown_in_html.py)
        converted = html_to_markdown(markdown_in_html(source, md) if "markdown" in source
                                     else source)
        result.repairs.append(Repair("raw-html", "document", head(" ".join(source.split()), 50),
                                     head(" ".join(converted.markdown.split()), 50)))
        # The converter numbers paragraphs within this fragment, not the essay: its "¶1" would
        # send a click in the report to the essay's first paragraph.
        result.repairs += [replace(r, where="document") if r.where.startswith(("¶", "after ¶"))
                           else r for r in converted.repairs]
        new = converted.markdown.strip("\n").split("\n")
        if not converted.markdown.strip():
            edits.append((start, end, [prefix.rstrip()] if prefix.strip() else [""]))
            continue
        out = [prefix + new[0]] + [(other + line) if line else other.rstrip() for line in new[1:]]
        if not prefix:
            out = ["", *out, ""]
        edits.append((start, end, out))
    for start, end, replacement in reversed(edits):
        lines[start:end] = replacement
    return "\n".join(lines)
