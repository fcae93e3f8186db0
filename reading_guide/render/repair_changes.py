"""Finding a repair's changes in the essay text again, and putting them back.

Each `Change` (render/repairs.py) knows its offset in the Markdown the import produced, what
stands there since the repair (`after`) and what stood there before (`before`). The essay text
only changes by putting repairs back (and undoing that), so walking every change of the report
in order, each either still repaired or put back, gives where each one stands now: the offset
moves by what the put-back changes before it added. The text between the changes is checked
against the imported text; when it differs (Update Essay brought another text), nothing is
placed. A change that cannot be found for certain is never guessed, and a repair is put back
whole (every member of a group) or not at all.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reading_guide.render.repairs import Change, Repair

Span = tuple[int, int, str]  # replace text[start:end] with this
# A word as `place_words` counts it: a run of letters (Markdown escapes never add letters).
LETTERS = re.compile(r"[^\W\d_]+")
Placed = dict["Change", tuple[int, bool]]  # change -> (where it stands now, put back)


def place_changes(text: str, original: str, repairs: Sequence[Repair]) -> Placed:
    """Where every change of `repairs` stands in `text`, and whether it is put back; empty
    unless `text` is `original` (the imported Markdown the changes were made in) with some of
    them put back, to the character."""
    placed: Placed = {}
    shift = 0  # what the put-back changes before this one added to the text
    done = 0  # where the last change ended in `original`
    for change in sorted({c for r in repairs for c in r.changes}, key=lambda c: c.at):
        if change.at < done or not original.startswith(change.after, change.at):
            return {}  # not changes of this text
        at = change.at + shift
        if text[done + shift:at] != original[done:change.at]:
            return {}  # the text between changes is not the imported essay's
        # Try the longer form first when one starts with the other ("\n" and "\n\n").
        back_first = change.before.startswith(change.after)
        for back in (back_first, not back_first):
            if text.startswith(change.before if back else change.after, at):
                placed[change] = (at, back)
                shift += len(change.before) - len(change.after) if back else 0
                break
        else:
            return {}
        done = change.at + len(change.after)
    return placed if text[done + shift:] == original[done:] else {}


def word_counts(text: str, words: set[str]) -> dict[str, list[int]]:
    """Where each of `words` occurs in `text` as a whole run of letters, in order."""
    found: dict[str, list[int]] = {word: [] for word in words}
    for match in LETTERS.finditer(text):
        if match.group() in found:
            found[match.group()].append(match.start())
    return found


def place_words(markdown: str, repairs: Sequence[Repair]) -> list[Repair]:
    """`repairs` with the changes found before the Markdown existed (a PDF's rejoined words:
    `Change.nth` of `Change.of`) given their offsets in `markdown`. A repair one of whose words
    does not occur there exactly as often as in the text it was found in keeps no changes:
    it cannot be put back, rather than be put back in the wrong place."""
    pending = {c.after for r in repairs for c in r.changes if c.at < 0}
    if not pending:
        return list(repairs)
    where = word_counts(markdown, pending)
    out = []
    for repair in repairs:
        placed: list[Change] = []
        for change in repair.changes:
            places = where.get(change.after, []) if change.at < 0 else [change.at]
            nth = change.nth if change.at < 0 else 0
            if len(places) != (change.of if change.at < 0 else 1) or not 0 <= nth < len(places):
                placed = []
                break
            placed.append(dataclasses.replace(change, at=places[nth]))
        out.append(dataclasses.replace(repair, changes=tuple(placed)))
    return out


def locate_all(repair: Repair, placed: Placed) -> list[Span] | None:
    """The spans that put every change of `repair` back (`placed`: `place_changes` for the text
    and every repair shown), or None when it keeps no changes, or one of them is put back
    already or not found for certain."""
    if not repair.changes:
        return None
    spans: list[Span] = []
    for change in repair.changes:
        where = placed.get(change)
        if where is None or where[1]:
            return None
        spans.append((where[0], where[0] + len(change.after), change.before))
    return sorted(spans)


def is_put_back(repair: Repair, placed: Placed) -> bool:
    """Whether every change of `repair` reads as it did before the repair (it was put back)."""
    return bool(repair.changes) and all(placed.get(c, (0, False))[1] for c in repair.changes)


def put_back_text(text: str, spans: list[Span]) -> str:
    """`text` with every span replaced (spans sorted and apart, as `locate_all` gives them)."""
    pieces: list[str] = []
    last = 0
    for start, end, before in spans:
        pieces += [text[last:start], before]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
