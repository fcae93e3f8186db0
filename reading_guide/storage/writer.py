"""Writing a guide: a YAML node tree with fixed key order and styles, emitted by libyaml.

Why nodes and not `yaml.dump(dict)`: the file must look the same every time (diff-friendly, and
load-then-save gives identical bytes), so this module decides each key's place and each value's
style; libyaml (`CSafeDumper`) then only quotes what YAML needs quoted. Every node is a fresh
object, so the serializer never invents anchors. Style rules are in docs/FORMAT.md ("Writing").
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reading_guide.errors import printable
from reading_guide.model import FORMAT_ID, Guide, Highlight, Question, Quote

_T = TypeVar("_T")

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

# A literal block would turn these into plain line feeds on reading: such text is double-quoted.
_UNSAFE_IN_BLOCK = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")


def _literal_ok(value: str) -> bool:
    return "\n" in value and not any(c in value for c in _UNSAFE_IN_BLOCK)


def _text(value: str, *, flow: bool = False) -> ScalarNode:
    """Multi-line text as a literal block in block context; libyaml quotes when `|` cannot hold it
    (trailing spaces on a line, control characters); in flow context, double-quoted."""
    style: str | None = None
    if "\n" in value or any(c in value for c in _UNSAFE_IN_BLOCK):
        style = '"' if flow or not _literal_ok(value) else "|"
    return ScalarNode(STR, value, style=style)


def _int(value: int) -> ScalarNode:
    return ScalarNode(INT, str(value))


def _mapping(pairs: list[tuple[str, Node]], *, flow: bool = False) -> MappingNode:
    return MappingNode(MAP, [(ScalarNode(STR, k), v) for k, v in pairs], flow_style=flow)


def _texts(pairs: list[tuple[str, str]], *, flow: bool, keep: tuple[str, ...] = ()) -> MappingNode:
    """A mapping of text values, leaving out empty ones (unless named in `keep`)."""
    return _mapping(
        [(k, _text(v, flow=flow)) for k, v in pairs if v or k in keep], flow=flow
    )


def _quote(quote: Quote) -> MappingNode:
    return _texts([("prefix", quote.prefix), ("exact", quote.exact), ("suffix", quote.suffix)],
                  flow=True, keep=("exact",))


def _highlight(h: Highlight) -> MappingNode:
    pairs: list[tuple[str, Node]] = [
        ("id", _text(h.id)),
        ("category", _text(h.category)),
        ("quote", _quote(h.quote)),
    ]
    if h.position is not None:
        pairs.append(
            ("position", _mapping(
                [("start", _int(h.position.start)), ("end", _int(h.position.end))], flow=True
            ))
        )
    if h.status and h.status != "exact":
        pairs.append(("status", _text(h.status)))
    if h.placed is not None and h.placed.exact:  # an empty one could not be read back
        pairs.append(("placed", _quote(h.placed)))
    if h.note:
        pairs.append(("note", _text(h.note)))
    return _mapping(pairs)


def _question(q: Question) -> MappingNode:
    pairs: list[tuple[str, Node]] = [("id", _text(q.id))]
    if q.highlight is not None:
        pairs.append(("highlight", _text(q.highlight)))
    pairs += [("text", _text(q.text)), ("kind", _text(q.kind)), ("stage", _text(q.stage))]
    if q.minutes is not None:
        pairs.append(("minutes", _int(q.minutes)))
    if q.follow_ups:
        pairs.append(("follow_ups", SequenceNode(SEQ, [_text(f) for f in q.follow_ups])))
    if q.answer_lines:
        pairs.append(("answer_lines", _int(q.answer_lines)))
    if q.facilitator_note:
        pairs.append(("facilitator_note", _text(q.facilitator_note)))
    return _mapping(pairs)


def guide_node(guide: Guide) -> MappingNode:
    """The whole guide as a node tree, keys in the order of DESIGN.md and docs/FORMAT.md."""
    essay = guide.essay
    pairs: list[tuple[str, Node]] = [("format", _text(FORMAT_ID))]
    if guide.title:
        pairs.append(("title", _text(guide.title)))
    essay_pairs: list[tuple[str, Node]] = [
        (k, _text(v))
        for k, v in (
            ("title", essay.title), ("author", essay.author), ("source", essay.source),
            ("edition", essay.edition),
        )
        if v
    ]
    if essay.origin is not None:
        o = essay.origin
        essay_pairs.append(("origin", _texts(
            [("file", o.file), ("format", o.format), ("pages", o.pages), ("chapter", o.chapter)],
            flow=True)))
    essay_pairs += [
        ("language", _text(essay.language)),
        *([("direction", _text(essay.direction))] if essay.direction != "ltr" else []),
        ("sha256", _text(essay.sha256)),
        ("text", _text(essay.text)),
    ]
    pairs.append(("essay", _mapping(essay_pairs)))
    s = guide.session
    session: list[tuple[str, Node]] = [
        (k, _text(v, flow=True)) for k, v in (("group", s.group), ("date", s.date)) if v
    ]
    if s.minutes is not None:
        session.append(("minutes", _int(s.minutes)))
    if s.facilitator:
        session.append(("facilitator", _text(s.facilitator, flow=True)))
    if session:
        pairs.append(("session", _mapping(session, flow=True)))
    if guide.introduction:
        pairs.append(("introduction", _text(guide.introduction)))
    if guide.categories:
        pairs.append(("categories", SequenceNode(SEQ, [
            _texts([("id", c.id), ("label", c.label), ("color", c.color), ("mark", c.mark)],
                   flow=True)
            for c in guide.categories
        ])))
    if guide.highlights:
        pairs.append(("highlights", SequenceNode(SEQ, [_highlight(h) for h in guide.highlights])))
    if guide.questions:
        pairs.append(("questions", SequenceNode(SEQ, [_question(q) for q in guide.questions])))
    if guide.glossary:
        pairs.append(("glossary", SequenceNode(SEQ, [
            _texts([("term", g.term), ("definition", g.definition)], flow=True)
            for g in guide.glossary
        ])))
    if guide.handout.writing_space != "lines":
        pairs.append(("handout", _texts([("writing_space", guide.handout.writing_space)],
                                        flow=True)))
    return _mapping(pairs)


def dumps_guide(guide: Guide) -> str:
    """The guide file's text (UTF-8 when written); `loads_guide` of it gives back an equal guide.

    Text that cannot be UTF-8 (lone surrogates: the name of an essay file that was not UTF-8,
    taken as its title or source) is written with U+FFFD in their place: the guide saves, and
    shows the name as every other program shows it."""
    try:
        return _serialize(guide)
    except UnicodeEncodeError:
        return _serialize(_without_surrogates(guide))


def _without_surrogates(value: _T) -> _T:
    """A copy of a guide (or part of one) with every text made encodable (errors.printable).
    Recursion follows the model's fixed shape (guide, lists, records), never the file's."""
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]  # str in, str out
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _without_surrogates(getattr(value, f.name)) for f in fields(value)
                   if f.init}
        return replace(value, **changes)
    return value


def _serialize(guide: Guide) -> str:
    return yaml.serialize(
        guide_node(guide),
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        width=-1,  # never fold long lines: one value per line keeps diffs readable
        indent=2,
        explicit_start=False,
        line_break="\n",
    )
