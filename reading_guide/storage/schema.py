"""Format 1 validation: the composed node tree -> a `Guide`, or the first problem with its place.

Every check works on nodes that still know their line and column, so each error names file, line,
column and the path inside the guide (`questions[2].kind`, 0-based indexes) and, for a bad value,
what is allowed. The rules are documented key by key in docs/FORMAT.md; keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from reading_guide.errors import InputError
from reading_guide.model import (
    FORMAT_ID,
    Category,
    Essay,
    EssayOrigin,
    GlossaryEntry,
    Guide,
    HandoutDefaults,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.model import fields as table
from reading_guide.storage.yamlnodes import Node

T = TypeVar("T")

TOP_KEYS = (
    "format", "title", "essay", "session", "introduction", "categories", "highlights",
    "questions", "glossary", "handout",
)
ESSAY_KEYS = ("title", "author", "source", "edition", "origin", "language", "direction", "sha256",
              "text")
ORIGIN_KEYS = ("file", "format", "pages", "chapter")
SESSION_KEYS = ("group", "date", "minutes", "facilitator")
CATEGORY_KEYS = ("id", "label", "color", "mark")
HIGHLIGHT_KEYS = ("id", "category", "quote", "position", "status", "placed", "note")
QUOTE_KEYS = ("prefix", "exact", "suffix")
POSITION_KEYS = ("start", "end")
QUESTION_KEYS = (
    "id", "highlight", "text", "kind", "stage", "minutes", "follow_ups", "answer_lines",
    "facilitator_note",
)
GLOSSARY_KEYS = ("term", "definition")
HANDOUT_KEYS = ("writing_space",)
INT_RE = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")  # no leading zeros: YAML 1.1 reads 010 as 8
FORMAT_RE = re.compile(r"reading-guide/([0-9]+)\Z")
_NULLS = ("", "~", "null", "Null", "NULL")


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
    return f"{'text ' if not node.plain else ''}{_shown(node.value)}"


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
        for key, value in node.value:
            if key.kind != "scalar":
                raise self.error(key, where, "a key must be a plain word")
            name: str = key.value
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

    def text(
        self, fields: dict[str, Node], name: str, where: str, default: str = "", rule: str = ""
    ) -> str:
        """A text value; a plain scalar is taken as typed (`1984` is the title "1984").

        `rule` names the value's entry in the table of fields (model/fields.py), whose bounds
        and form it must meet."""
        node = fields.get(name)
        if node is None:
            return default
        if node.kind != "scalar":  # (the place is joined only for an error: a million values)
            raise self.error(node, _join(where, name), f"expected text; got {_describe(node)}")
        if node.plain and node.value in _NULLS:
            return default
        value: str = node.value
        if rule:
            problem = table.FIELDS[rule].check(value)
            if problem:
                got = f"; got {_shown(value)}" if problem.startswith("expected") else ""
                raise self.error(node, _join(where, name), problem + got)
        return value

    def required_text(self, fields: dict[str, Node], name: str, where: str, rule: str = "") -> str:
        value = self.text(fields, name, where, rule=rule)
        if not value:
            path = _join(where, name)
            raise self.error(fields[name], path, "must not be empty")
        return value

    def ident(self, fields: dict[str, Node], name: str, where: str, rule: str) -> str:
        return self.required_text(fields, name, where, rule)

    def choice(self, fields: dict[str, Node], name: str, where: str, rule: str) -> str:
        field = table.FIELDS[rule]
        assert isinstance(field, table.ChoiceField)
        value = self.text(fields, name, where, field.default)
        if value not in field.choices:
            raise self.error(
                fields[name], _join(where, name),
                f"expected one of {', '.join(field.choices)}; got {_shown(value)}",
            )
        return value

    def integer(self, fields: dict[str, Node], name: str, where: str, rule: str) -> int | None:
        """A whole number within the table's bounds, refused by its length before conversion
        (a 5,000-digit number costs nothing)."""
        node = fields.get(name)
        if node is None or (node.plain and node.value in _NULLS):
            return None
        field = table.FIELDS[rule]
        assert isinstance(field, table.IntField)
        path = _join(where, name)
        text: str = node.value if node.kind == "scalar" else ""
        if not (node.plain and INT_RE.match(text)):
            raise self.error(node, path, f"expected a whole number; got {_describe(node)}")
        try:
            return field.parse(text)
        except ValueError as error:
            raise self.error(node, path, str(error)) from None

    def items(
        self, fields: dict[str, Node], name: str, build: Callable[[Node, str], T]
    ) -> list[T]:
        node = fields.get(name)
        if node is None or (node.plain and node.value in _NULLS):
            return []
        if node.kind != "seq":
            raise self.error(node, name, f"expected a list; got {_describe(node)}")
        children: list[Node] = node.value
        self.check_count(node, name, len(children), name)
        return [build(item, f"{name}[{i}]") for i, item in enumerate(children)]

    def check_count(self, node: Node, where: str, count: int, rule: str) -> None:
        limit = table.LIST_LIMITS[rule]
        if count > limit:
            raise self.error(node, where, f"too many items ({count:,}; at most {limit:,})")

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
            title=self.text(top, "title", "", rule="guide.title"),
            essay=self.essay(top["essay"], "essay"),
            session=self.session(top["session"], "session") if "session" in top else Session(),
            introduction=self.text(top, "introduction", "", rule="guide.introduction"),
            categories=self.items(top, "categories", self.category),
            highlights=self.items(top, "highlights", self.highlight),
            questions=self.items(top, "questions", self.question),
            glossary=self.items(top, "glossary", self.glossary_entry),
            handout=self.handout(top["handout"], "handout") if "handout" in top
            else HandoutDefaults(),
        )
        self.check_references(guide, top)
        return guide

    def check_format(self, root: Node) -> None:
        """Checked before anything else, so a newer file gets "newer version", not "unknown key"."""
        node = next((v for k, v in root.value if k.value == "format"), None)
        if node is None:
            raise self.error(root, "format", f"not a guide: missing 'format: {FORMAT_ID}'")
        value = node.value if node.kind == "scalar" else None
        if value == FORMAT_ID:
            return
        match = FORMAT_RE.match(value) if isinstance(value, str) else None
        # A version too long to be a number is newer all the same; int() is never asked (it
        # refuses over 4,300 digits), and the message shows the value cut short.
        if match and (len(match.group(1)) > 18 or int(match.group(1)) > 1):
            raise self.error(
                node, "format",
                f"made by a newer version of Reading Guide (format {_shown(str(value))[1:-1]}); "
                f"this version reads {FORMAT_ID}",
            )
        raise self.error(node, "format", f"expected {FORMAT_ID}; got {_describe(node)}")

    def essay(self, node: Node, where: str) -> Essay:
        f = self.fields(node, where, ESSAY_KEYS, ("text",))
        self.text(f, "sha256", where, rule="essay.sha256")
        text = self.text(f, "text", where)
        problem = table.ESSAY_BUDGET.check(text)
        if problem:
            raise self.error(f["text"], f"{where}.text", problem)
        return Essay(
            title=self.text(f, "title", where, rule="essay.title"),
            author=self.text(f, "author", where, rule="essay.author"),
            source=self.text(f, "source", where, rule="essay.source"),
            edition=self.text(f, "edition", where, rule="essay.edition"),
            origin=self.origin(f["origin"], f"{where}.origin") if "origin" in f else None,
            language=self.text(f, "language", where, "en", rule="essay.language"),
            direction=self.choice(f, "direction", where, "essay.direction"),
            text=text,
        )

    def origin(self, node: Node, where: str) -> EssayOrigin:
        f = self.fields(node, where, ORIGIN_KEYS, ("file", "format"))
        return EssayOrigin(
            file=self.required_text(f, "file", where, "origin.file"),
            format=self.choice(f, "format", where, "origin.format"),
            pages=self.text(f, "pages", where, rule="origin.pages"),
            chapter=self.text(f, "chapter", where, rule="origin.chapter"),
        )

    def session(self, node: Node, where: str) -> Session:
        f = self.fields(node, where, SESSION_KEYS)
        return Session(
            group=self.text(f, "group", where, rule="session.group"),
            date=self.text(f, "date", where, rule="session.date"),
            minutes=self.integer(f, "minutes", where, "session.minutes"),
            facilitator=self.text(f, "facilitator", where, rule="session.facilitator"),
        )

    def category(self, node: Node, where: str) -> Category:
        f = self.fields(node, where, CATEGORY_KEYS, ("id", "label"))
        return Category(
            id=self.ident(f, "id", where, "category.id"),
            label=self.required_text(f, "label", where, "category.label"),
            color=self.text(f, "color", where, "#f2c94c", rule="category.color"),
            mark=self.choice(f, "mark", where, "category.mark"),
        )

    def highlight(self, node: Node, where: str) -> Highlight:
        f = self.fields(node, where, HIGHLIGHT_KEYS, ("id", "category", "quote"))
        quote = self.quote(f["quote"], f"{where}.quote")
        # Whether `placed` fits the status and position is anchoring's business, not an error:
        # a contradictory highlight still opens, with a clear status (docs/FORMAT.md).
        placed = self.quote(f["placed"], f"{where}.placed") if "placed" in f else None
        position = None
        if "position" in f:
            pwhere = f"{where}.position"
            p = self.fields(f["position"], pwhere, POSITION_KEYS, POSITION_KEYS)
            start = self.integer(p, "start", pwhere, "position.start")
            end = self.integer(p, "end", pwhere, "position.end")
            if start is None or end is None:
                raise self.error(f["position"], pwhere, "expected start and end as whole numbers")
            if end < start:
                raise self.error(
                    p["end"], f"{pwhere}.end", f"end ({end}) is before start ({start})"
                )
            position = Position(start, end)
        status = self.choice(f, "status", where, "highlight.status")
        return Highlight(
            id=self.ident(f, "id", where, "highlight.id"),
            category=self.required_text(f, "category", where, "highlight.category"),
            quote=quote,
            position=position,
            status=None if status == "exact" else status,
            note=self.text(f, "note", where, rule="highlight.note"),
            placed=placed,
        )

    def quote(self, node: Node, where: str) -> Quote:
        """A TextQuoteSelector: `quote`, and `placed` (an automatic placement's own)."""
        q = self.fields(node, where, QUOTE_KEYS, ("exact",))
        return Quote(
            exact=self.required_text(q, "exact", where, "quote.exact"),
            prefix=self.text(q, "prefix", where, rule="quote.prefix"),
            suffix=self.text(q, "suffix", where, rule="quote.suffix"),
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
                items: list[Node] = seq.value
                self.check_count(seq, fwhere, len(items), "question.follow_ups")
                for i, item in enumerate(items):
                    follow_ups.append(
                        self.required_text({"": item}, "", f"{fwhere}[{i}]", "question.follow_up")
                    )
        return Question(
            id=self.ident(f, "id", where, "question.id"),
            text=self.text(f, "text", where, rule="question.text"),
            highlight=self.text(f, "highlight", where, rule="question.highlight") or None,
            kind=self.choice(f, "kind", where, "question.kind"),
            stage=self.choice(f, "stage", where, "question.stage"),
            minutes=self.integer(f, "minutes", where, "question.minutes"),
            follow_ups=follow_ups,
            answer_lines=self.integer(f, "answer_lines", where, "question.answer_lines") or 0,
            facilitator_note=self.text(f, "facilitator_note", where,
                                       rule="question.facilitator_note"),
        )

    def handout(self, node: Node, where: str) -> HandoutDefaults:
        f = self.fields(node, where, HANDOUT_KEYS)
        return HandoutDefaults(
            writing_space=self.choice(f, "writing_space", where, "handout.writing_space"),
        )

    def glossary_entry(self, node: Node, where: str) -> GlossaryEntry:
        f = self.fields(node, where, GLOSSARY_KEYS, GLOSSARY_KEYS)
        return GlossaryEntry(
            term=self.required_text(f, "term", where, "glossary.term"),
            definition=self.required_text(f, "definition", where, "glossary.definition"),
        )

    # -- across the guide --------------------------------------------------------------------

    def check_references(self, guide: Guide, top: dict[str, Node]) -> None:
        """Unique ids per list; every highlight's category and question's highlight exists."""

        def item_fields(name: str, i: int) -> dict[str, Node]:
            return dict((k.value, v) for k, v in top[name].value[i].value)

        for name, ids in (
            ("categories", [c.id for c in guide.categories]),
            ("highlights", [h.id for h in guide.highlights]),
            ("questions", [q.id for q in guide.questions]),
        ):
            seen: set[str] = set()
            for i, ident in enumerate(ids):
                if ident in seen:
                    raise self.error(
                        item_fields(name, i)["id"], f"{name}[{i}].id", f"duplicate id {ident!r}"
                    )
                seen.add(ident)
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
