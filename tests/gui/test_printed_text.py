"""Question text on screen reads as on paper (issue 15.6 / brief item 4): the tree, the plan and
tool tips show the printed words of a question's Markdown, never a literal `*thinking*`."""

from __future__ import annotations

from pathlib import Path

from reading_guide.gui.core.plain_text import printed
from reading_guide.model.edits import SetField
from tests.gui.app_support import quiet_window

MARKDOWN = "Is *slow* reading **always** better? <b>Why</b>"
PRINTED = "Is slow reading always better? <b>Why</b>"


def test_printed_words_of_markdown() -> None:
    assert printed(MARKDOWN) == PRINTED  # emphasis read, raw HTML kept as text
    assert printed("Two\n\nparagraphs") == "Two paragraphs"
    assert printed("") == ""


def test_tree_and_plan_show_questions_as_printed(
        qtbot, tmp_path: Path, sample_guide_path: Path) -> None:
    window = quiet_window(qtbot, tmp_path)
    assert window.shell.files.open_path(sample_guide_path)
    session = window.shell.session
    qid = session.guide.questions[0].id
    session.push(SetField("question", qid, "text", MARKDOWN))
    tree = window.guide.panel.tree
    items = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    texts = [item.text(0) for item in items] + [
        item.child(k).text(0) for item in items for k in range(item.childCount())]
    [mine] = [t for t in texts if "slow" in t and "better" in t]
    assert mine.endswith(PRINTED) and "*" not in mine
    plan = window.plan.plan
    rows = [plan.tree.topLevelItem(i).child(j) for i in range(plan.tree.topLevelItemCount())
            for j in range(plan.tree.topLevelItem(i).childCount())]
    [row] = [r for r in rows if "better" in r.text(1)]
    assert row.text(1) == PRINTED and "*" not in row.toolTip(1)


def test_text_without_markup_skips_the_parser_and_prints_the_same() -> None:
    import random

    from reading_guide.export.user_text import user_text_plain

    rng = random.Random(17)
    alphabet = "abc XYZ,.;:?'\"()-–—é\n\t 12#+=/|~^%$@{}"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert printed(text) == " ".join(user_text_plain(text).split()), repr(text)
