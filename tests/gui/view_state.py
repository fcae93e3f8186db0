"""What the views show, read back, and the guide's true state to compare it with (no tests here).

`tree_matches`, `plan_matches` and `editor_shows_truth` derive what each view must show from the
guide alone (its highlights in essay order, questions in running order with their printed
numbers) and compare with what the widget holds, so a test can check them after any edit."""

from __future__ import annotations

from typing import Any

from reading_guide.gui.guide.panel import ROLE, excerpt
from reading_guide.model.guide import QUESTION_KINDS, QUESTION_STAGES, Guide


def _children(item: Any) -> list[Any]:
    return [item.child(i) for i in range(item.childCount())]


def tree_rows(window: Any) -> list[tuple[int, tuple[str, str] | None, str]]:
    """(depth, (kind, id) or None for a group, text) of every row, top to bottom."""
    tree = window.guide.panel.tree
    rows: list[tuple[int, tuple[str, str] | None, str]] = []

    def walk(item: Any, depth: int) -> None:
        data = item.data(0, ROLE)
        rows.append((depth, (str(data[0]), str(data[1])) if data else None, item.text(0)))
        for child in _children(item):
            walk(child, depth + 1)

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i), 0)
    return rows


def tree_labels(window: Any) -> list[str]:
    return [text for _depth, _data, text in tree_rows(window)]


def expected_tree(guide: Guide) -> list[tuple[int, tuple[str, str] | None]]:
    """The rows the tree must have: highlights in essay order (unplaced last, in file order),
    each with its questions in running order; then the general questions."""
    numbers = guide.question_numbers()

    def place(h: Any) -> tuple[bool, int, int]:
        return (True, 0, 0) if h.position is None else (False, h.position.start, h.position.end)

    rows: list[tuple[int, tuple[str, str] | None]] = [(0, None)]
    ids = {h.id for h in guide.highlights}
    for h in sorted(guide.highlights, key=place):
        rows.append((1, ("highlight", h.id)))
        about = sorted((q for q in guide.questions if q.highlight == h.id),
                       key=lambda q: numbers[q.id])
        rows += [(2, ("question", q.id)) for q in about]
    rows.append((0, None))
    general = sorted((q for q in guide.questions if q.highlight is None or
                      q.highlight not in ids), key=lambda q: numbers[q.id])
    rows += [(1, ("question", q.id)) for q in general]
    return rows


def tree_matches(window: Any) -> bool:
    """The tree has exactly the guide's items, in order, numbered as printed, with their text."""
    guide: Guide = window.shell.session.guide
    shown = tree_rows(window)
    if [(depth, data) for depth, data, _text in shown] != expected_tree(guide):
        return False
    numbers = guide.question_numbers()
    by_id = {q.id: q for q in guide.questions}
    for _depth, data, text in shown:
        if data is not None and data[0] == "question":
            q = by_id[data[1]]
            body = excerpt(q.text, 80) if q.text.strip() else "(new question)"
            if text != f"Q{numbers[q.id]}. {body}":
                return False
    return True


def plan_labels(window: Any) -> dict[str, str]:
    """The plan's "#" column: label -> question id."""
    tree = window.plan.plan.tree
    out = {}
    for i in range(tree.topLevelItemCount()):
        for row in _children(tree.topLevelItem(i)):
            out[row.text(0)] = str(row.data(0, ROLE))
    return out


def plan_matches(window: Any) -> bool:
    """The plan lists every question under its stage, in running order, with its text."""
    guide: Guide = window.shell.session.guide
    tree = window.plan.plan.tree
    shown = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        stage = QUESTION_STAGES[i]
        shown += [(stage, row.text(0), str(row.data(0, ROLE)), row.text(1))
                  for row in _children(group)]
    from reading_guide.gui.plan.session_plan import first_line, printed

    # The words as printed (user_text_plain), not the Markdown typed.
    expected = [(q.stage, f"Q{n}", q.id, first_line(printed(q.text)) or "(new question)")
                for n, q in enumerate(guide.running_order(), start=1)]
    return shown == expected


def editor_shows_truth(window: Any) -> bool:
    """The Edit panel shows the selected item with the guide's values, or nothing."""
    shell, editors = window.shell, window.guide.editors
    selected = shell.selection.current
    guide: Guide = shell.session.guide
    if selected.empty:
        return editors.currentWidget() is editors.empty
    if selected.kind == "question":
        q = next((q for q in guide.questions if q.id == selected.id), None)
        ed = editors.question
        if q is None or editors.currentWidget() is not ed or not ed.isEnabled():
            return False
        number = guide.question_numbers()[q.id]
        return (ed.text.toPlainText() == q.text
                and ed.kind.currentText() == q.kind and q.kind in QUESTION_KINDS
                and ed.stage.currentText() == q.stage
                and ed.minutes.value() == (q.minutes or 0)
                and ed.answer_lines.value() == q.answer_lines
                and ed.note.toPlainText() == q.facilitator_note
                and ed.heading.text().startswith(f"Question {number} "))
    h = guide.highlight(selected.id)
    ed = editors.highlight
    return (h is not None and editors.currentWidget() is ed and ed.isEnabled()
            and ed.note.toPlainText() == h.note
            and ed.category.currentData() == h.category)
