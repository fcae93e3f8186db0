"""PDF/UA rules a screen reader depends on, checked on the structure tree with pypdf (veraPDF
is not installable here): page furniture as artifacts, real link text, heading levels without
skips, no paragraph inside a paragraph, margin callouts as notes after their sentence, /Lang on
text in another language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reading_guide.export import ExportOptions, export_guide
from reading_guide.model import Question
from tests.export.guides import fixture_guide

HEADING = re.compile(r"/H([1-6])$")


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = fixture_guide()
    guide.essay.text += "\n### A third-level heading\n\nA last paragraph under it.\n"
    guide.questions.append(Question("qa", "ما الذي يضيفه «القارئ البطيء» إلى المجموعة؟",
                                    answer_lines=2))
    out = tmp_path_factory.mktemp("a11y") / "tagged.pdf"
    export_guide(guide, out, ExportOptions("facilitator"))
    return out


def _tree(path: Path) -> list[tuple[dict, list[str]]]:
    """Every structure element with the roles of its ancestors, in reading order."""
    root = PdfReader(path).trailer["/Root"]["/StructTreeRoot"]
    out: list[tuple[dict, list[str]]] = []
    stack = [(root, [])]
    while stack:
        node, ancestors = stack.pop()
        node = node.get_object()
        if not hasattr(node, "get"):
            continue
        role = str(node.get("/S", ""))
        if role:
            out.append((node, ancestors))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in reversed(kids):
            stack.append((kid, ancestors + [role] if role else ancestors))
    return out


def test_page_furniture_is_artifact_and_all_marked_content_is_in_the_tree(tagged: Path):
    reader = PdfReader(tagged)
    reachable: set[tuple[int, int]] = set()
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    for node, _ in _tree(tagged):
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        page = node.get("/Pg")
        for kid in kids:
            if isinstance(kid, int) and page is not None:
                reachable.add((pages[page.idnum], kid))
    for i, page in enumerate(reader.pages):
        ops = ContentStream(page.get_contents(), reader).operations
        marked = {(i, int(args[1]["/MCID"])) for args, op in ops
                  if op == b"BDC" and "/MCID" in args[1]}
        artifacts = [args for args, op in ops if op == b"BMC" and str(args[0]) == "/Artifact"]
        assert marked <= reachable, f"page {i + 1}: marked content outside the tree"
        assert len(artifacts) >= 2  # at least the page number and the running head / rules


def test_links_say_where_they_go(tagged: Path):
    reader = PdfReader(tagged)
    texts = [str(a.get_object().get("/Contents", "")) for p in reader.pages
             for a in p.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    internal = [t for t in texts if not t.startswith(("http", "mailto"))]
    assert internal and all(re.fullmatch(r"see page \d+", t) for t in internal), internal


def test_heading_levels_never_skip_and_all_are_bookmarked(tagged: Path):
    levels = [int(HEADING.match(str(n["/S"])).group(1)) for n, _ in _tree(tagged)
              if HEADING.match(str(n["/S"]))]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels
    assert 3 in levels  # the essay's ### heading: h3 under h2 under the section's h1
    titles = []
    stack = list(PdfReader(tagged).outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            titles.append(str(item.title))
    assert "A third-level heading" in titles


def test_no_paragraph_inside_a_paragraph(tagged: Path):
    for node, ancestors in _tree(tagged):
        if str(node["/S"]) == "/P":
            assert "/P" not in ancestors


def test_callouts_are_notes_at_the_end_of_their_paragraph(tagged: Path):
    notes = [(n, a) for n, a in _tree(tagged) if str(n["/S"]) == "/Note"]
    assert notes
    for note, _ in notes:
        assert note.get("/ID")
        parent = note["/P"].get_object()
        assert str(parent["/S"]) == "/P"
        kids = parent["/K"] if isinstance(parent["/K"], list) else [parent["/K"]]
        assert kids[-1].get_object() == note  # read after the sentence, not in it


def test_text_in_another_language_has_lang(tagged: Path):
    langs = {str(n.get("/Lang")) for n, _ in _tree(tagged) if n.get("/Lang")}
    assert "ar" in langs
    assert PdfReader(tagged).trailer["/Root"]["/Lang"] == "en"
