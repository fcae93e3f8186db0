"""Planning a session and reusing guides: running order, clock, balance, duplicate, copy, update.

Qt-free, so the session plan, the library and the review queue in the GUI are thin views over
these functions and edits, and each rule is testable on its own:

- The *running order* is the order of `guide.questions` (the numbering in every handout). A
  session runs stage by stage, so the plan shows questions grouped by stage (opening, core,
  closing), each group in list order; `ReorderQuestions` writes a new order (and stages) in one
  undoable step, which makes the numbering follow the plan.
- `duplicate_guide` copies a guide for another group; `copy_questions` brings chosen questions
  (with their highlights) over from another guide, re-anchored when the essay was revised.
- `ReplaceEssay`, `PlaceHighlight` are the edits behind "Update essay…" and its review queue.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reading_guide.model.edits import Change, Edit, check_count, check_value
from reading_guide.model.fields import ESSAY_BUDGET
from reading_guide.model.guide import (
    QUESTION_KINDS,
    QUESTION_STAGES,
    Category,
    Essay,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)

# -- running order -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One question in the plan: its handout number and when it starts and ends on the clock."""

    question_id: str
    number: int  # 1-based position in the running order: the number printed on handouts
    stage: str
    kind: str
    minutes: int  # 0 when not planned
    start: int  # minutes from the start of the session
    end: int


def _stage_rank(stage: str) -> int:
    return QUESTION_STAGES.index(stage) if stage in QUESTION_STAGES else len(QUESTION_STAGES)


def plan_rows(guide: Guide) -> list[PlanRow]:
    """Questions as the session runs them: by stage, then list order; with a running clock."""
    rows, clock = [], 0
    for number, q in enumerate(guide.running_order(), start=1):
        minutes = q.minutes or 0
        rows.append(PlanRow(q.id, number, q.stage, q.kind, minutes, clock, clock + minutes))
        clock += minutes
    return rows


def plan_order(guide: Guide) -> list[str]:
    """The question ids in plan order (what the list becomes after any reorder in the plan)."""
    return [row.question_id for row in plan_rows(guide)]


@dataclass(frozen=True)
class PlanSummary:
    total: int  # planned minutes
    session: int | None  # the session length, when set
    unplanned: int  # questions without minutes
    kinds: dict[str, int]  # question count per kind
    kind_minutes: dict[str, int]
    stages: dict[str, int]  # planned minutes per stage

    @property
    def over_by(self) -> int:
        """Minutes over the session length (0 when within it or when no length is set)."""
        return max(0, self.total - self.session) if self.session else 0


def plan_summary(guide: Guide) -> PlanSummary:
    kinds = {k: 0 for k in QUESTION_KINDS}
    kind_minutes = {k: 0 for k in QUESTION_KINDS}
    stages = {s: 0 for s in QUESTION_STAGES}
    for q in guide.questions:
        kinds[q.kind] = kinds.get(q.kind, 0) + 1
        kind_minutes[q.kind] = kind_minutes.get(q.kind, 0) + (q.minutes or 0)
        stages[q.stage] = stages.get(q.stage, 0) + (q.minutes or 0)
    return PlanSummary(
        total=guide.planned_minutes(),
        session=guide.session.minutes,
        unplanned=sum(1 for q in guide.questions if q.minutes is None),
        kinds=kinds,
        kind_minutes=kind_minutes,
        stages=stages,
    )


def moved_in_plan(guide: Guide, question_id: str, step: int) -> tuple[list[str], dict[str, str]]:
    """Order and stage changes for moving one question `step` places in the plan (Alt+Up/Down).

    Moving past the first or last question of a stage moves it into the neighbouring stage (at
    its end or its start) before it moves past any question there, so every stage is reachable.
    """
    rows = plan_rows(guide)
    ids = [r.question_id for r in rows]
    i = ids.index(question_id)
    stage = rows[i].stage
    stages: dict[str, str] = {}
    target = i + step
    rank = _stage_rank(stage)
    if 0 <= target < len(rows) and rows[target].stage == stage:
        ids.insert(target, ids.pop(i))
    elif step < 0 and rank > 0 and stage in QUESTION_STAGES:
        stages[question_id] = QUESTION_STAGES[rank - 1]
    elif step > 0 and rank < len(QUESTION_STAGES) - 1:
        stages[question_id] = QUESTION_STAGES[rank + 1]
    return ids, stages


@dataclass
class ReorderQuestions(Edit):
    """Set the running order (and move questions between stages) as one step."""

    order: list[str]
    stages: dict[str, str] = field(default_factory=dict)
    label: str = "Reorder questions"
    _old_order: list[str] = field(default_factory=list, init=False, repr=False)
    _old_stages: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def apply(self, guide: Guide) -> Change:
        by_id = {q.id: q for q in guide.questions}
        if sorted(self.order) != sorted(by_id) or len(set(self.order)) != len(self.order):
            raise ValueError("a reorder must name every question exactly once")
        for qid, stage in self.stages.items():
            if stage not in QUESTION_STAGES or qid not in by_id:
                raise ValueError(f"cannot move question {qid!r} to stage {stage!r}")
        self._old_order = [q.id for q in guide.questions]
        self._old_stages = {qid: by_id[qid].stage for qid in self.stages}
        for qid, stage in self.stages.items():
            by_id[qid].stage = stage
        guide.questions[:] = [by_id[qid] for qid in self.order]
        return Change(frozenset({"questions"}), tuple(self.order))

    def revert(self, guide: Guide) -> Change:
        by_id = {q.id: q for q in guide.questions}
        for qid, stage in self._old_stages.items():
            by_id[qid].stage = stage
        guide.questions[:] = [by_id[qid] for qid in self._old_order]
        return Change(frozenset({"questions"}), tuple(self._old_order))


# -- reuse ---------------------------------------------------------------------------------------


def duplicate_guide(
    guide: Guide, group: str, date: str, facilitator: str, minutes: int | None = None
) -> Guide:
    """A copy of `guide` for another session: questions, highlights, notes and statuses kept."""
    length = guide.session.minutes if minutes is None else minutes
    for name, value in (("group", group), ("date", date), ("facilitator", facilitator),
                        ("minutes", length)):
        check_value("session", name, value)  # the table's rules: the copy must open
    twin = copy.deepcopy(guide)
    twin.session = Session(group=group, date=date, minutes=length, facilitator=facilitator)
    return twin


_WORD = re.compile(r"\w+")


def shared_fraction(text_a: str, text_b: str) -> float:
    """How much of `text_a`'s wording (three-word runs) also appears in `text_b`, 0..1.

    A revised edition shares most of them; a different essay on the same subject almost none.
    """
    def runs(text: str) -> set[tuple[str, ...]]:
        words = _WORD.findall(text.lower())
        return {tuple(words[i : i + 3]) for i in range(max(0, len(words) - 2))}

    a = runs(text_a)
    return len(a & runs(text_b)) / len(a) if a else 0.0


SAME_ESSAY_THRESHOLD = 0.2  # below this share of wording, two texts are different essays


# (old reading text, new reading text, highlights) -> results with .status, .start, .end
Reanchor = Callable[[str, str, Sequence[Highlight]], Sequence[Any]]


class EssaysDiffer(ValueError):
    """The other guide is about a different essay and none of the chosen questions can come:
    each is about a passage that is not in this essay."""


@dataclass(frozen=True)
class CopyReport:
    questions: int
    highlights: int
    categories: int
    not_exact: tuple[str, ...]  # ids (new) of copied highlights that need review
    # ids (in the other guide) of questions not copied: the other guide is about a different
    # essay, and their passage is not in this one
    left_out: tuple[str, ...] = ()


def _fresh_ids(taken: set[str], prefix: str, count: int) -> list[str]:
    out: list[str] = []
    n = 1
    while len(out) < count:
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            out.append(candidate)
            taken.add(candidate)
        n += 1
    return out


def _ids_in(guide: Guide) -> set[str]:
    return {h.id for h in guide.highlights} | {q.id for q in guide.questions}


@dataclass
class AddItems(Edit):
    """Add categories, highlights and questions at once (copying from another guide)."""

    categories: list[Category] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    label: str = "Copy questions"

    def _ids(self) -> list[str]:
        return ([c.id for c in self.categories] + [h.id for h in self.highlights]
                + [q.id for q in self.questions])

    def _change(self) -> Change:
        return Change(frozenset({"categories", "highlights", "questions"}), tuple(self._ids()))

    def apply(self, guide: Guide) -> Change:
        taken = _ids_in(guide)
        if any(i in taken for i in self._ids()[len(self.categories):]) or any(
            guide.category(c.id) for c in self.categories
        ):
            raise ValueError("copied items clash with ids already in the guide")
        for name, items in (("categories", self.categories), ("highlights", self.highlights),
                            ("questions", self.questions)):
            check_count(guide, name, len(items))
        guide.categories.extend(self.categories)
        guide.highlights.extend(self.highlights)
        guide.questions.extend(self.questions)
        return self._change()

    def revert(self, guide: Guide) -> Change:
        # One set per list: a category may share its id with a highlight that stays.
        gone = {c.id for c in self.categories}
        guide.categories[:] = [c for c in guide.categories if c.id not in gone]
        gone = {h.id for h in self.highlights}
        guide.highlights[:] = [h for h in guide.highlights if h.id not in gone]
        gone = {q.id for q in self.questions}
        guide.questions[:] = [q for q in guide.questions if q.id not in gone]
        return self._change()


def copy_questions(
    target: Guide, source: Guide, question_ids: Sequence[str],
    target_text: str, source_text: str, reanchor: Reanchor,
) -> tuple[AddItems, CopyReport]:
    """The edit that copies `question_ids` (with their highlights) from `source` into `target`.

    `target_text` and `source_text` are the two reading texts. On the same essay the highlights
    keep their places; on a revised one they are re-anchored (statuses say what to review). On a
    different essay (little shared wording) general questions are copied, and a question about
    a passage only when the passage is found in this essay (`exact` or `fuzzy`); the others are
    listed in the report's `left_out`, and when nothing is left EssaysDiffer is raised.
    `reanchor` is `reading_guide.anchoring.reanchor` (passed in: anchoring sits above the model).
    """
    chosen = [copy.deepcopy(q) for q in source.questions if q.id in set(question_ids)]
    used = dict.fromkeys(q.highlight for q in chosen if q.highlight)
    highlights = [copy.deepcopy(h) for h in source.highlights if h.id in used]
    same = source.essay.sha256 == target.essay.sha256
    different = not same and shared_fraction(source_text, target_text) < SAME_ESSAY_THRESHOLD
    left_out: tuple[str, ...] = ()
    if highlights and not same:
        results = list(reanchor(source_text, target_text, highlights))
        if different:
            found = {h.id for h, r in zip(highlights, results, strict=True)
                     if r.status in ("exact", "fuzzy") and r.start is not None}
            left_out = tuple(q.id for q in chosen if q.highlight and q.highlight not in found)
            chosen = [q for q in chosen if q.id not in left_out]
            kept = [(h, r) for h, r in zip(highlights, results, strict=True) if h.id in found]
            highlights, results = [h for h, _ in kept], [r for _, r in kept]
        for h, r in zip(highlights, results, strict=True):
            # The highlight's lifecycle (model/guide.py `Highlight.settle`): its quote stays
            # what a person chose; an exact landing keeps what a person decided.
            position = None if r.start is None or r.end is None else Position(r.start, r.end)
            h.settle(r.status, position, r.placed, r.reason)
    taken = _ids_in(target)
    h_ids = dict(zip([h.id for h in highlights], _fresh_ids(taken, "h", len(highlights)),
                     strict=True))
    for h in highlights:
        h.id = h_ids[h.id]
    for q, qid in zip(chosen, _fresh_ids(taken, "q", len(chosen)), strict=True):
        q.id = qid
        q.highlight = h_ids.get(q.highlight) if q.highlight else None
    categories = []
    for cid in dict.fromkeys(h.category for h in highlights):
        if target.category(cid) is None:
            known = source.category(cid)
            categories.append(copy.deepcopy(known) if known else Category(cid, cid))
    if different and not chosen:
        raise EssaysDiffer("the other guide is about a different essay, and the passages of "
                           "these questions are not in this one; nothing was copied")
    report = CopyReport(len(chosen), len(highlights), len(categories),
                        tuple(h.id for h in highlights if h.anchor_status != "exact"), left_out)
    return AddItems(categories, highlights, chosen), report


# -- moving onto a revised essay -----------------------------------------------------------------


@dataclass
class ReplaceEssay(Edit):
    """Swap in a revised essay and the re-anchored highlights as one step ("Update essay…").

    The new highlights are computed beforehand (in a worker); this edit only swaps the objects,
    so undo gives back exactly the old essay and highlights, whatever the review did since.
    """

    essay: Essay
    highlights: list[Highlight]
    label: str = "Update essay"
    _old_essay: Essay | None = field(default=None, init=False, repr=False)
    _old_highlights: list[Highlight] = field(default_factory=list, init=False, repr=False)

    def _change(self) -> Change:
        return Change(frozenset({"essay", "meta", "highlights", "questions"}))

    def apply(self, guide: Guide) -> Change:
        if sorted(h.id for h in self.highlights) != sorted(h.id for h in guide.highlights):
            raise ValueError("the updated highlights do not match the guide's")
        problem = ESSAY_BUDGET.check(self.essay.text)
        if problem:
            raise ValueError(problem)
        self._old_essay, self._old_highlights = guide.essay, guide.highlights
        guide.essay, guide.highlights = self.essay, self.highlights
        return self._change()

    def revert(self, guide: Guide) -> Change:
        assert self._old_essay is not None, "revert before apply"
        guide.essay, guide.highlights = self._old_essay, self._old_highlights
        return self._change()


@dataclass
class PlaceHighlight(Edit):
    """Put a highlight on a passage a person chose (or confirm it), clearing its status."""

    highlight_id: str
    position: Position
    quote: Quote
    label: str = "Choose passage"
    _old: tuple[Position | None, Quote, str | None, Quote | None, str] | None = field(
        default=None, init=False, repr=False)

    def apply(self, guide: Guide) -> Change:
        h = guide.highlight(self.highlight_id)
        if h is None:
            raise ValueError(f"no highlight with id {self.highlight_id!r}")
        if self.position.end <= self.position.start:
            raise ValueError("choose a passage of at least one character")
        self._old = (h.position, h.quote, h.status, h.placed, h.reason)
        h.position, h.quote, h.placed = copy.copy(self.position), copy.copy(self.quote), None
        h.confirm()
        return Change(frozenset({"highlights"}), (self.highlight_id,), structure=False)

    def revert(self, guide: Guide) -> Change:
        assert self._old is not None, "revert before apply"
        h = guide.highlight(self.highlight_id)
        assert h is not None
        h.position, h.quote, h.status, h.placed, h.reason = self._old
        return Change(frozenset({"highlights"}), (self.highlight_id,), structure=False)


def needs_review(guide: Guide) -> list[Highlight]:
    """Highlights a person must look at: every one that is not `exact`, in essay order."""
    waiting = [h for h in guide.highlights if h.anchor_status != "exact"]
    return sorted(waiting, key=lambda h: (h.position is None, h.position.start if h.position
                                          else 0))
