"""The handout HTML (build_html is pure): editions, numbering, marks, privacy, references."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reading_guide.export import ExportOptions, build_html
from reading_guide.export.handout import font_face_css
from reading_guide.model import Category
from reading_guide.resources import resource_path
from tests.export.guides import SECRET, fixture_guide

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "export"
# Regenerate the reference files after an intended change:
#   REGENERATE_EXPORT_REFERENCES=1 .venv/bin/python -m pytest tests/export/test_html.py
REGENERATE = os.environ.get("REGENERATE_EXPORT_REFERENCES") == "1"


def _normalised(html: str) -> str:
    """Machine-independent (the fonts folder's file URL becomes FONTS/), and without the
    stylesheet's text, which is its own checked-in file (resources/css/handout.css)."""
    html = re.sub(r'(<style id="handout">\n).*?(</style>)', r"\1HANDOUT_CSS\2", html, flags=re.S)
    return html.replace(resource_path("fonts").resolve().as_uri() + "/", "FONTS/")


@pytest.mark.parametrize(
    "variant,paper,large,fillable",
    [
        ("participant", "a4", False, False),
        ("facilitator", "letter", False, False),
        ("questions", "a4", False, False),
        ("participant", "letter", True, True),
    ],
)
def test_html_matches_reference_file(variant: str, paper: str, large: bool, fillable: bool):
    options = ExportOptions(variant, paper, large, fillable)
    html = _normalised(build_html(fixture_guide(), options))
    name = f"fixture-{variant}-{paper}" + ("-large" if large else "") + (
        "-fillable" if fillable else "")
    ref = REFERENCE_DIR / f"{name}.html"
    if REGENERATE or not ref.exists():
        ref.parent.mkdir(parents=True, exist_ok=True)
        ref.write_text(html, encoding="utf-8")
        if not REGENERATE:
            pytest.fail(f"reference {ref.name} was missing and has been written; check it in")
    assert html == ref.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", ["participant", "questions"])
def test_nothing_private_in_participant_editions(variant: str):
    html = build_html(fixture_guide(), ExportOptions(variant))
    assert SECRET not in html
    assert "Follow-ups" not in html and " min<" not in html
    assert "What would a map say instead?" not in html  # a follow-up without the marker
    assert "Agenda" not in html


def test_facilitator_edition_has_every_private_text():
    html = build_html(fixture_guide(), ExportOptions("facilitator"))
    for text in (f"{SECRET} h1", f"{SECRET} follow-up", f"{SECRET} facilitator",
                 f"{SECRET} closing", "What would a map say instead?", "15 min"):
        assert text in html
    # 5+10+15+10+5+15+5+5 = 70 minutes planned for a 60-minute session
    assert "Planned 70 min for a 60-minute session: 10 min over." in html


def test_questions_are_numbered_in_running_order_and_grouped_by_stage():
    guide = fixture_guide()
    html = build_html(guide, ExportOptions("participant"))
    numbers = [int(n) for n in re.findall(r'<span class="qn">(\d+)</span>', html)]
    # The fixture lists q8 (core) after the closing questions: printed numbers still run 1..N
    # down the page, so "question 6" on paper is the sixth one a reader meets.
    assert numbers == list(range(1, 9))
    core = html[html.index("stage-core"):html.index("stage-closing")]
    assert 'id="q-q8"' in core
    assert html.index('stage-opening') < html.index('stage-core') < html.index('stage-closing')


def test_each_question_has_its_paragraph_and_page_reference():
    html = build_html(fixture_guide(), ExportOptions("participant"))
    q2 = html[html.index('id="q-q2"'):html.index('id="q-q3"')]
    assert "¶5–6" in q2  # the highlight spans two list items
    assert 'class="pageref" href="#hl-h9"' in q2
    assert 'id="hl-h9"' in html  # the target exists
    q5 = html[html.index('id="q-q5"'):html.index('id="q-q8"')]
    assert "passage not found" in q5 and "pageref" not in q5


def test_multi_paragraph_highlight_is_marked_in_each_paragraph():
    html = build_html(fixture_guide(), ExportOptions("participant"))
    for n in (5, 6):
        block = re.search(rf'<p class="[^"]*" id="p{n}"[^>]*>.*?</p>', html).group(0)
        assert 'class="hl c-0 m-underline' in block


def test_overlapping_highlights_nest_with_the_inner_mark_moved():
    html = build_html(fixture_guide(), ExportOptions("participant"))
    inner = ('<span class="hl c-2 m-dotted"><span class="hl c-1 m-double-underline d2 bl">'
             "reader</span></span>")
    assert inner in html
    assert '<span class="callout" dir="ltr">Q 3, 6</span>' in html  # two callouts merged


def test_orphans_are_listed_and_their_questions_kept():
    html = build_html(fixture_guide(), ExportOptions("questions"))
    assert "Passages not found" in html
    assert "a sentence that was edited away" in html
    assert "(question 5)" in html
    assert "Where did the edited sentence go?" in html


def test_essay_html_is_escaped_and_links_are_filtered():
    guide = fixture_guide()
    guide.essay.text = (
        "Text with <b>bold</b> & <script>alert(1)</script>.\n\n"
        "[safe](https://example.org/) and [unsafe](javascript:alert(1)) and [file](file:///etc)\n"
    )
    guide.highlights = []
    html = build_html(guide, ExportOptions("participant"))
    essay = html[html.index('id="essay"'):html.index('id="questions"')]
    assert "<script" not in essay and "<b>" not in essay
    assert 'href="https://example.org/"' in essay
    assert "javascript:" not in essay.replace("&", "") or 'href="javascript' not in essay
    assert 'href="file:' not in essay


def test_category_colour_and_mark_cannot_inject_css():
    guide = fixture_guide()
    guide.categories[0] = Category(
        "k0", "Evil", "red; } @import url(http://127.0.0.1:9/); .x {", 'underline" onload="x'
    )
    html = build_html(guide, ExportOptions("participant"))
    assert "@import" not in html
    assert 'onload="x' not in html
    assert ".c-0 { background-color: rgba(187, 187, 187, 0.42); }" in html


def test_language_and_metadata_in_the_head():
    guide = fixture_guide()
    guide.essay.language = "de-CH"
    html = build_html(guide, ExportOptions("participant"))
    assert '<html lang="de-CH"' in html
    assert "<title>On Walking — Discussion guide</title>" in html
    assert '<meta name="author" content="A. Walker">' in html
    guide.essay.language = 'en" onload="x'
    assert '<html lang="en"' in build_html(guide, ExportOptions("participant"))


def test_a_missing_font_file_is_left_out_of_the_font_faces(tmp_path: Path):
    assert "GenBkBasR.ttf" in font_face_css()
    (tmp_path / "GenBkBasR.ttf").write_bytes(b"")  # only one file present (empty stands in)
    css = font_face_css(tmp_path)
    assert css.count("@font-face") == 1
    assert font_face_css(tmp_path / "nowhere") == ""


def test_fillable_uses_form_fields_instead_of_rules():
    guide = fixture_guide()
    fill = build_html(guide, ExportOptions("participant", fillable=True))
    plain = build_html(guide, ExportOptions("participant"))
    answered = sum(1 for q in guide.questions if q.answer_lines)
    assert fill.count("<textarea") == answered
    assert plain.count("<textarea") == 0 and plain.count('class="writing lines"') == answered


def test_empty_essay_and_empty_guide_still_build():
    guide = fixture_guide()
    guide.essay.text = ""
    html = build_html(guide, ExportOptions("participant"))
    assert "This guide has no essay text" in html
    assert "Passages not found" in html  # every highlight is now an orphan
    guide.questions = []
    assert "no questions yet" in build_html(guide, ExportOptions("questions"))
