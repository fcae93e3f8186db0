"""One import repair, as listed to the facilitator (`reading-guide new`, the import dialog).

Import never changes wording silently: each change it makes to an essay is one `Repair` saying
what kind of change, where, and a short excerpt before and after. A change made many times (912
table rows, 300 page numbers) is one grouped repair with its count and first example, so the
report stays something a person reads (`group_repairs`).

A repair made on the essay's Markdown also keeps its exact `changes`: where each one stands in
the text the guide stores and what stood there before, so it can be put back exactly, a grouped
one with every member (`repair_changes.py`). A repair made before the Markdown existed (a
script left out of a web page, a PDF's running heads) keeps none: what it removed was not kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXCERPT_WIDTH = 60
REPAIR_KINDS = (
    "joined-paragraph",
    "dropped-link",
    "heading-bold",
    "normalised-unicode",
    "dropped-html",
    "dropped-image",  # a picture left out (the essay is text), with its description
    "flattened-nesting",
    "page-furniture",  # web page: menus, footers... left out around the article
    "page-number",  # a printed page's number dropped from the running text
    "footnote-marker",  # a footnote number glued to a word set apart: "alerts,[22]"
    "front-matter",  # Markdown front matter read as title, author, date, language
    "dropped-comment",  # an HTML comment in Markdown
    "template-tag",  # a Liquid/Jinja tag ({% ... %}) in Markdown
    "admonition",  # a docs site's boxed note (!!! note) in Markdown read as a quotation
    "raw-html",  # raw HTML in Markdown converted by the safe HTML importer
    "gutenberg",  # Project Gutenberg's licence header or footer left out
    "decoded",  # the file was not UTF-8: the encoding used
    "verse-kept",  # short lines kept as lines (plain text)
    "code-kept",  # a fenced or indented block kept as code (plain text)
    "emphasis",  # _words_ in plain text read as italics
)
GROUP_AFTER = 3  # more repairs of one kind than this are listed as one


@dataclass(frozen=True)
class Change:
    """One change a repair made, as it can be put back: in the imported essay's Markdown (the
    text the guide stores), `after` stands at offset `at`; putting it back writes `before`
    there (`repair_changes.py` finds it again once other changes before it were put back)."""

    at: int  # -1 until placed, for a change found before the Markdown existed:
    before: str
    after: str
    # ... the `nth` (from 0) of the `of` occurrences of the word `after` in the reading text,
    # as letters (repair_changes.place_words finds its offset in the Markdown).
    nth: int = -1
    of: int = 0


@dataclass(frozen=True)
class Repair:
    kind: str  # one of REPAIR_KINDS
    where: str  # "¶3", "heading 2", "document"
    before: str
    after: str

    count: int = 1  # how many changes this one stands for (grouped), with its first example
    # Every change it made, in the stored Markdown (empty: it cannot be put back exactly). Not
    # compared or printed: two reports of the same repairs are equal however they were found.
    changes: tuple[Change, ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, str | int]:
        out: dict[str, str | int] = {"kind": self.kind, "where": self.where,
                                     "before": self.before, "after": self.after}
        if self.count != 1:
            out["count"] = self.count
        return out


def group_repairs(repairs: list[Repair], limit: int = GROUP_AFTER) -> list[Repair]:
    """Repairs with each kind listed at most `limit` times: beyond that, one repair per kind
    says how many and where ("¶3, ¶7, ¶9 … 12 places"), with the first one as its example."""
    by_kind: dict[str, list[Repair]] = {}
    for r in repairs:
        by_kind.setdefault(r.kind, []).append(r)
    out: list[Repair] = []
    done: set[str] = set()
    for r in repairs:
        group = by_kind[r.kind]
        if sum(g.count for g in group) <= limit:
            out.append(r)
            continue
        if r.kind in done:
            continue
        done.add(r.kind)
        count = sum(g.count for g in group)
        places = list(dict.fromkeys(g.where for g in group))
        shown = ", ".join(places[:3]) + (f" … ({len(places)} places)" if len(places) > 3 else "")
        # The group can be put back only if every member can: all of them, or none.
        changes = (tuple(c for g in group for c in g.changes)
                   if all(g.changes for g in group) else ())
        out.append(Repair(r.kind, shown, r.before, r.after, count=count, changes=changes))
    return out


def excerpt(text: str, start: int, end: int, width: int = EXCERPT_WIDTH) -> str:
    """`text[start:end]` with context on both sides, about `width` characters in all.

    A changed part longer than `width` keeps its two ends and elides its middle, so the excerpt
    still shows exactly where the change begins and ends.
    """
    core = text[start:end]
    if len(core) >= width:
        half = width // 2 - 1
        return core[:half] + "…" + core[-half:]
    room = (width - len(core)) // 2
    left_start = max(0, start - room)
    right_end = min(len(text), end + room)
    left = text[left_start:start]
    right = text[end:right_end]
    prefix = "…" if left_start > 0 else ""
    suffix = "…" if right_end < len(text) else ""
    return prefix + left + core + right + suffix


def head(text: str, width: int = EXCERPT_WIDTH // 2) -> str:
    """The first `width` characters, with an ellipsis if cut."""
    return text if len(text) <= width else text[:width] + "…"


def tail(text: str, width: int = EXCERPT_WIDTH // 2) -> str:
    """The last `width` characters, with an ellipsis if cut."""
    return text if len(text) <= width else "…" + text[-width:]
