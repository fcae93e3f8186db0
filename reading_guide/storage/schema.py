"""Format 1 validation: the composed node tree -> a `Guide`, or the first problem with its place.

Every check works on nodes that still know their line and column, so each error names file, line,
column and the path inside the guide (`questions[2].kind`, 0-based indexes) and, for a bad value,
what is allowed. The rules are documented key by key in docs/FORMAT.md; keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from reading_guide.errors import InputError
from reading_guide.model import (
    FORMAT_ID,
    MARKS,
    QUESTION_KINDS,
    QUESTION_STAGES,
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.storage.yamlnodes import Node

T = TypeVar("T")

TOP_KEYS = (
    "format", "title", "essay", "session", "introduction", "categories", "highlights",
    "questions", "glossary",
)
ESSAY_KEYS = ("title", "author", "source", "edition", "language", "direction", "sha256", "text")
DIRECTIONS = ("ltr", "rtl")
SESSION_KEYS = ("group", "date", "minutes", "facilitator")
CATEGORY_KEYS = ("id", "label", "color", "mark")
HIGHLIGHT_KEYS = ("id", "category", "quote", "position", "status", "note")
QUOTE_KEYS = ("prefix", "exact", "suffix")
POSITION_KEYS = ("start", "end")
QUESTION_KEYS = (
    "id", "highlight", "text", "kind", "stage", "minutes", "follow_ups", "answer_lines",
    "facilitator_note",
)
GLOSSARY_KEYS = ("term", "definition")
# In a file, a highlight's status is one of these; `exact` means the same as leaving it out.
FILE_STATUSES = ("exact", "fuzzy", "review", "orphan")

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
COLOR_RE = re.compile(r"#[0-9A-Fa-f]{6}\Z")
SHA_RE = re.compile(r"[0-9a-f]{64}\Z")
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
INT_RE = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")  # no leading zeros: YAML 1.1 reads 010 as 8
FORMAT_RE = re.compile(r"reading-guide/([0-9]+)\Z")
_NULLS = ("", "~", "null", "Null", "NULL")
MAX_ANSWER_LINES = 60


def _join(where: str, name: str) -> str:
    """`questions[1]` + `kind` -> `questions[1].kind`; either part may be empty."""
    return f"{where}.{name}" if where and name else where or name


def _shown(value: str) -> str:
    """A value quoted back in an error, cut to 60 characters: the line must stay readable."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _describe(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.plain and node.value in _NULLS:
        return "nothing"
    return f"{'text ' if not node.plain else ''}{_shown(node.value)}"  # type: ignore[arg-type]


class GuideReader:
    """Turns the node tree of one file into a Guide; `file` names it in every error."""

    def __init__(self, file: str) -> None:
        self.file = file

    def error(self, node: Node, where: str, message: str) -> InputError:
        return InputError(message, file=self.file, line=node.line, column=node.column, where=where)

    # -- building blocks ---------------------------------------------------------------------

    def fields(
        self, node: Node, where: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        """The keys of a mapping: strings, each once, each allowed, the required ones present."""
        if node.kind != "map":
            raise self.error(node, where, f"expected a mapping; got {_describe(node)}")
        found: dict[str, Node] = {}
        for key, value in node.value:  # type: ignore[union-attr]
            if key.kind != "scalar":
                raise self.error(key, where, "a key must be a plain word")
            name = key.value
            inner = _join(where, name)
            if name not in allowed:
                raise self.error(
                    key, inner, f"unknown key; expected one of {', '.join(allowed)}"
                )
            if name in found:
                raise self.error(key, inner, "key appears twice")
            found[name] = value
        for name in required:
            if name not in found:
                raise self.error(node, where or "(top level)", f"missing required key '{name}'")
        return found

    def text(self, fields: dict[str, Node], name: str, where: str, default: str = "") -> str:
        """A text value; a plain scalar is taken as typed (`1984` is the title "1984")."""
        node = fields.get(name)
        if node is None:
            return default
        path = _join(where, name)
        if node.kind != "scalar":
            raise self.error(node, path, f"expected text; got {_describe(node)}")
        if node.plain and node.value in _NULLS:
            return default
        return node.value  # type: ignore[return-value]

    def required_text(self, fields: dict[str, Node], name: str, where: str) -> str:
        value = self.text(fields, name, where)
        if not value:
            path = _join(where, name)
            raise self.error(fields[name], path, "must not be empty")
        return value

    def ident(self, fields: dict[str, Node], name: str, where: str) -> str:
        value = self.required_text(fields, name, where)
        if not ID_RE.match(value):
            raise self.error(
                fields[name], _join(where, name),
                f"expected an id of letters, digits, '_', '.' or '-'; got {_shown(value)}",
            )
        return value

    def pattern(
        self, fields: dict[str, Node], name: str, where: str, regex: re.Pattern[str], what: str,
        default: str = "",
    ) -> str:
        value = self.text(fields, name, where, default)
        if value != default and not regex.match(value):
            raise self.error(
                fields[name], _join(where, name), f"expected {what}; got {_shown(value)}"
            )
        return value

    def choice(
        self, fields: dict[str, Node], name: str, where: str, allowed: Iterable[str], default: str
    ) -> str:
        allowed = tuple(allowed)
        value = self.text(fields, name, where, default)
        if value not in allowed:
            raise self.error(
                fields[name], _join(where, name),
                f"expected one of {', '.join(allowed)}; got {_shown(value)}",
            )
        return value

    def integer(
        self, fields: dict[str, Node], name: str, where: str, minimum: int = 0,
        maximum: int | None = None,
    ) -> int | None:
        node = fields.get(name)
        if node is None or (node.plain and node.value in _NULLS):
            return None
        path = _join(where, name)
        if not (node.plain and INT_RE.match(node.value)):  # type: ignore[arg-type]
            raise self.error(node, path, f"expected a whole number; got {_describe(node)}")
        value = int(node.value)  # type: ignore[arg-type]
        if value < minimum or (maximum is not None and value > maximum):
            limit = f"from {minimum} to {maximum}" if maximum is not None else f">= {minimum}"
            raise self.error(node, path, f"expected a whole number {limit}; got {value}")
        return value

    def items(
        self, fields: dict[str, Node], name: str, build: Callable[[Node, str], T]
    ) -> list[T]:
        node = fields.get(name)
        if node is None or (node.plain and node.value in _NULLS):
            return []
        if node.kind != "seq":
            raise self.error(node, name, f"expected a list; got {_describe(node)}")
        return [build(item, f"{name}[{i}]") for i, item in enumerate(node.value)]  # type: ignore

    # -- the guide ---------------------------------------------------------------------------

    def guide(self, root: Node | None) -> Guide:
        if root is None:
            raise InputError(f"empty file; expected a guide (format: {FORMAT_ID})", file=self.file)
        if root.kind != "map":
            raise self.error(
                root, "", f"not a guide: expected a mapping starting with 'format: {FORMAT_ID}'"
            )
        self.check_format(root)
        top = self.fields(root, "", TOP_KEYS, ("format", "essay"))
        guide = Guide(
            title=self.text(top, "title", ""),
            essay=self.essay(top["essay"], "essay"),
            session=self.session(top["session"], "session") if "session" in top else Session(),
            introduction=self.text(top, "introduction", ""),
            categories=self.items(top, "categories", self.category),
            highlights=self.items(top, "highlights", self.highlight),
            questions=self.items(top, "questions", self.question),
            glossary=self.items(top, "glossary", self.glossary_entry),
        )
        self.check_references(guide, top)
        return guide

    def check_format(self, root: Node) -> None:
        """Checked before anything else, so a newer file gets "newer version", not "unknown key"."""
        node = next((v for k, v in root.value if k.value == "format"), None)  # type: ignore
        if node is None:
            raise self.error(root, "format", f"not a guide: missing 'format: {FORMAT_ID}'")
        value = node.value if node.kind == "scalar" else None
        if value == FORMAT_ID:
            return
        match = FORMAT_RE.match(value) if isinstance(value, str) else None
        if match and int(match.group(1)) > 1:
            raise self.error(
                node, "format",
                f"made by a newer version of Reading Guide (format {value}); "
                f"this version reads {FORMAT_ID}",
            )
        raise self.error(node, "format", f"expected {FORMAT_ID}; got {_describe(node)}")

    def essay(self, node: Node, where: str) -> Essay:
        f = self.fields(node, where, ESSAY_KEYS, ("text",))
        self.pattern(f, "sha256", where, SHA_RE, "64 lower-case hex digits")
        return Essay(
            title=self.text(f, "title", where),
            author=self.text(f, "author", where),
            source=self.text(f, "source", where),
            edition=self.text(f, "edition", where),
            language=self.pattern(f, "language", where, LANGUAGE_RE, "a language tag like en or "
                                  "en-GB", default="en"),
            text=self.text(f, "text", where),
            direction=self._direction(f, where),
        )

    def _direction(self, f: dict[str, Node], where: str) -> str:
        """`essay.direction`: ltr (the default) or rtl."""
        value = self.text(f, "direction", where) or "ltr"
        if value not in DIRECTIONS:
            raise self.error(f["direction"], f"{where}.direction",
                             f"expected one of {', '.join(DIRECTIONS)}; got {_shown(value)}")
        return value

    def session(self, node: Node, where: str) -> Session:
        f = self.fields(node, where, SESSION_KEYS)
        day = self.text(f, "date", where)
        if day:
            try:
                ok = len(day) == 10 and date.fromisoformat(day) is not None
            except ValueError:
                ok = False
            if not ok:
                raise self.error(f["date"], f"{where}.date", f"expected a date like 2026-12-01; "
                                 f"got {_shown(day)}")
        return Session(
            group=self.text(f, "group", where),
            date=day,
            minutes=self.integer(f, "minutes", where, 1),
            facilitator=self.text(f, "facilitator", where),
        )

    def category(self, node: Node, where: str) -> Category:
        f = self.fields(node, where, CATEGORY_KEYS, ("id", "label"))
        return Category(
            id=self.ident(f, "id", where),
            label=self.required_text(f, "label", where),
            color=self.pattern(f, "color", where, COLOR_RE, "a colour like #f2c94c",
                               default="#f2c94c"),
            mark=self.choice(f, "mark", where, MARKS, "underline"),
        )

    def highlight(self, node: Node, where: str) -> Highlight:
        f = self.fields(node, where, HIGHLIGHT_KEYS, ("id", "category", "quote"))
        qwhere = f"{where}.quote"
        q = self.fields(f["quote"], qwhere, QUOTE_KEYS, ("exact",))
        quote = Quote(
            exact=self.required_text(q, "exact", qwhere),
            prefix=self.text(q, "prefix", qwhere),
            suffix=self.text(q, "suffix", qwhere),
        )
        position = None
        if "position" in f:
            pwhere = f"{where}.position"
            p = self.fields(f["position"], pwhere, POSITION_KEYS, POSITION_KEYS)
            start = self.integer(p, "start", pwhere)
            end = self.integer(p, "end", pwhere)
            if start is None or end is None:
                raise self.error(f["position"], pwhere, "expected start and end as whole numbers")
            if end < start:
                raise self.error(
                    p["end"], f"{pwhere}.end", f"end ({end}) is before start ({start})"
                )
            position = Position(start, end)
        status = self.choice(f, "status", where, FILE_STATUSES, "exact")
        return Highlight(
            id=self.ident(f, "id", where),
            category=self.required_text(f, "category", where),
            quote=quote,
            position=position,
            status=None if status == "exact" else status,
            note=self.text(f, "note", where),
        )

    def question(self, node: Node, where: str) -> Question:
        f = self.fields(node, where, QUESTION_KEYS, ("id", "text"))
        follow_ups: list[str] = []
        if "follow_ups" in f:
            seq = f["follow_ups"]
            fwhere = f"{where}.follow_ups"
            if seq.kind != "seq":
                if not (seq.plain and seq.value in _NULLS):
                    raise self.error(seq, fwhere, f"expected a list; got {_describe(seq)}")
            else:
                for i, item in enumerate(seq.value):  # type: ignore[arg-type]
                    follow_ups.append(self.required_text({"": item}, "", f"{fwhere}[{i}]"))
        return Question(
            id=self.ident(f, "id", where),
            text=self.required_text(f, "text", where),
            highlight=self.text(f, "highlight", where) or None,
            kind=self.choice(f, "kind", where, QUESTION_KINDS, "interpretive"),
            stage=self.choice(f, "stage", where, QUESTION_STAGES, "core"),
            minutes=self.integer(f, "minutes", where, 0, 24 * 60),
            follow_ups=follow_ups,
            answer_lines=self.integer(f, "answer_lines", where, 0, MAX_ANSWER_LINES) or 0,
            facilitator_note=self.text(f, "facilitator_note", where),
        )

    def glossary_entry(self, node: Node, where: str) -> GlossaryEntry:
        f = self.fields(node, where, GLOSSARY_KEYS, GLOSSARY_KEYS)
        return GlossaryEntry(
            term=self.required_text(f, "term", where),
            definition=self.required_text(f, "definition", where),
        )

    # -- across the guide --------------------------------------------------------------------

    def check_references(self, guide: Guide, top: dict[str, Node]) -> None:
        """Unique ids per list; every highlight's category and question's highlight exists."""

        def item_fields(name: str, i: int) -> dict[str, Node]:
            return dict((k.value, v) for k, v in top[name].value[i].value)  # type: ignore

        for name, objects in (
            ("categories", guide.categories), ("highlights", guide.highlights),
            ("questions", guide.questions),
        ):
            seen: set[str] = set()
            for i, obj in enumerate(objects):
                if obj.id in seen:  # type: ignore[attr-defined]
                    raise self.error(
                        item_fields(name, i)["id"], f"{name}[{i}].id",
                        f"duplicate id {obj.id!r}",  # type: ignore[attr-defined]
                    )
                seen.add(obj.id)  # type: ignore[attr-defined]
        categories = {c.id for c in guide.categories}
        for i, h in enumerate(guide.highlights):
            if h.category not in categories:
                known = ", ".join(sorted(categories)) or "none defined"
                known = known if len(known) <= 80 else known[:77] + "..."
                raise self.error(
                    item_fields("highlights", i)["category"], f"highlights[{i}].category",
                    f"unknown category {_shown(h.category)} (categories: {known})",
                )
        highlights = {h.id for h in guide.highlights}
        for i, q in enumerate(guide.questions):
            if q.highlight is not None and q.highlight not in highlights:
                raise self.error(
                    item_fields("questions", i)["highlight"], f"questions[{i}].highlight",
                    f"no highlight with id {_shown(q.highlight)}",
                )
