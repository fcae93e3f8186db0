"""Every clean-up repair keeps its exact changes, so Put Back can restore each one (issue 17.4).

A repair made on the Markdown (a dead link made text, bold taken off a heading, a paragraph split
mid-sentence joined) records where each change stands in the guide's essay text and what was
there; a grouped repair keeps all of its members' changes. Putting every change back gives the
Markdown as it came in.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.render import import_essay_text
from reading_guide.render.cleanup import clean_markdown
from reading_guide.render.repair_changes import (
    is_put_back,
    locate_all,
    place_changes,
    put_back_text,
)
from reading_guide.render.repairs import Change, Repair, group_repairs

SPLIT = ("The keeper climbed the stairs every night and\n\nlit the lamp before the ships came "
         "in.\n\n")


def put_back(text: str, original: str, repair: Repair, report: list[Repair]) -> str:
    spans = locate_all(repair, place_changes(text, original, report))
    assert spans is not None, repair
    return put_back_text(text, spans)


def put_back_everything(markdown: str, repairs: list[Repair]) -> str:
    text = markdown
    for repair in repairs:
        text = put_back(text, markdown, repair, repairs)
    return text


def test_each_markdown_repair_records_where_it_is_in_the_essay_text() -> None:
    source = ("# **The Keeper**\n\nHe wrote [a letter](#) and [another]() that\n\n"
              "nobody answered.\n")
    cleaned = clean_markdown(source)
    assert [r.kind for r in cleaned.repairs] == [
        "heading-bold", "dropped-link", "dropped-link", "joined-paragraph"]
    for repair in cleaned.repairs:
        assert repair.changes, repair.kind
        for change in repair.changes:
            assert cleaned.markdown[change.at:change.at + len(change.after)] == change.after
    assert put_back_everything(cleaned.markdown, cleaned.repairs) == source


def test_a_group_keeps_every_member_and_puts_them_all_back() -> None:
    source = "# Lamps\n\n" + SPLIT * 12 + "See [the log](#), [the bell](#), [the map](#), " \
        "[the chart](#) and [the key](#).\n"
    essay = import_essay_text(source, "markdown", "lamps.md")
    report = essay.report
    joined = next(r for r in report if r.kind == "joined-paragraph")
    links = next(r for r in report if r.kind == "dropped-link")
    assert (joined.count, len(joined.changes)) == (12, 12)
    assert (links.count, len(links.changes)) == (5, 5)
    after = put_back(essay.markdown, essay.markdown, links, report)
    assert after.count("](#)") == 5 and after.count("and\n\nlit") == 0  # links only
    assert put_back_everything(essay.markdown, report) == source


def test_a_group_with_a_member_that_kept_nothing_cannot_be_put_back() -> None:
    kept = Repair("dropped-link", "¶1", "[a](#)", "a", changes=(Change(0, "[a](#)", "a"),))
    lost = Repair("dropped-link", "¶2", "<a>b</a>", "b")
    [group] = group_repairs([kept, lost, kept, kept])
    assert group.count == 4 and group.changes == ()


def test_changes_are_found_again_after_the_text_before_them_changed() -> None:
    essay = import_essay_text("A [first](#) link.\n\nThen [second](#) one.\n", "markdown", "x.md")
    first, second = report = essay.repairs
    original = essay.markdown
    moved = put_back(original, original, first, report)
    assert put_back(moved, original, second, report) == (
        "A [first](#) link.\n\nThen [second](#) one.\n")
    placed = place_changes(moved, original, report)
    assert locate_all(first, placed) is None  # already put back: nothing to find
    assert is_put_back(first, placed) and not is_put_back(second, placed)


def test_nothing_is_placed_once_the_essay_is_another_one() -> None:
    essay = import_essay_text("A [first](#) link.\n\nThen [second](#) one.\n", "markdown", "x.md")
    for other in ("A first link, rewritten.\n\nThen second one.\n",
                  "A first link.\n\nThen second one, longer.\n"):
        assert place_changes(other, essay.markdown, essay.repairs) == {}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "", "", "# Title", "## **Bold heading**", "**Setext bold**", "===", "Sentence ends.",
    "a sentence without an end", "lower case continues", "see [the link](#) here",
    "[empty]() and [web](https://x.org)", "> quoted without stop", "- item [dead](#)",
    "lower [x](#) continues", "[a [nested] bracket](#)", "two [a](#) [b]() links",
]), min_size=1, max_size=20))
def test_putting_every_change_back_gives_the_markdown_as_it_came(lines: list[str]) -> None:
    source = "\n".join(lines).strip("\n")
    if not source.strip() or "\n\n\n" in source:
        return  # blank-line runs are tidied, not repaired
    source += "\n"
    cleaned = clean_markdown(source)
    if not cleaned.document.blocks:
        return
    assert put_back_everything(cleaned.markdown, cleaned.repairs) == source


def test_a_pdfs_rejoined_words_are_each_found_in_the_essay(data_dir) -> None:
    from reading_guide.render.documents import import_document

    essay = import_document(data_dir / "documents" / "two-column-paper.pdf")
    [rejoined] = [r for r in essay.repairs if r.kind == "rejoined-hyphenation"]
    assert rejoined.before.startswith("21 words") and len(rejoined.changes) == 21
    for change in rejoined.changes:
        assert essay.markdown[change.at:change.at + len(change.after)] == change.after
        assert change.before.replace("-", "") == change.after
    back = put_back(essay.markdown, essay.markdown, rejoined, essay.repairs)
    assert "es-says" in back and "essays" not in back.replace("es-says", "")
    assert "a well-known author" in back  # a kept hyphen stays as it was
    assert len(back) == len(essay.markdown) + 21


def _pdf_lines(lines: list[tuple[int, str]]) -> bytes:
    """A one-page PDF with each (gap above, text) line in Helvetica 11."""
    from tests.render.documents_gen import pdf

    ops = [b"BT /F1 11 Tf 72 760 Td"]
    for gap, text in lines:
        ops.append(b"0 -%d Td (%s) Tj" % (gap, text.encode("latin-1")))
    return pdf(b"\n".join(ops + [b"ET"]))


def test_a_rejoined_word_used_elsewhere_is_put_back_where_it_was_split(tmp_path) -> None:
    from reading_guide.render.documents import import_document
    from tests.render.documents_gen import write

    path = write(tmp_path / "essays.pdf", _pdf_lines([
        (0, "Good essays reward a second reading, and good essays ask for one."),
        (14, "We read essays slowly when the group meets on Tuesday evenings."),
        (30, "Short essays and long essays both arrive in awkward forms: es-"),
        (14, "says from journals, and essays copied from web pages by hand."),
    ]))
    essay = import_document(path)
    [rejoined] = [r for r in essay.repairs if r.kind == "rejoined-hyphenation"]
    [change] = rejoined.changes
    back = put_back(essay.markdown, essay.markdown, rejoined, essay.repairs)
    assert "awkward forms: es-says from journals" in back
    assert back.count("essays") == essay.markdown.count("essays") - 1
