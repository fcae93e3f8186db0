"""The shared real essay (through `shared_dir`), revised: typography flipped, paragraphs moved and
deleted. Real prose, real import: every surviving highlight must come back on its sentence."""

from __future__ import annotations

from pathlib import Path

from reading_guide.anchoring import describe_selection, normalize_quote, reanchor
from reading_guide.model import Highlight, Position
from reading_guide.render import import_essay, parse

STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})


def test_the_shared_essay_revised_keeps_its_highlights(shared_dir: Path) -> None:
    essay = import_essay(shared_dir / "essays" / "000_ed50c717535195b8.txt")
    old = parse(essay.markdown)
    highlights: list[Highlight] = []
    doomed: set[str] = set()
    paragraphs = [b for b in old.blocks if b.kind == "paragraph"]
    deleted = paragraphs[2].text
    for n, block in enumerate(paragraphs):
        sentence = block.text.split(". ")[0]
        if len(sentence) < 20:
            continue
        start = block.start
        hid = f"h{n}"
        highlights.append(Highlight(hid, "claim", describe_selection(old.text, start,
                          start + len(sentence)), Position(start, start + len(sentence))))
        if block.text == deleted:
            doomed.add(hid)
    assert len(highlights) >= 10 and doomed

    parts = essay.markdown.split("\n\n")
    idx = [i for i, p in enumerate(parts) if " ".join(p.split()) == deleted]
    assert idx
    del parts[idx[0]]
    parts[5], parts[6] = parts[6], parts[5]  # two paragraphs swapped
    revised = "\n\n".join(parts).translate(STRAIGHTEN)
    new_text = parse(revised).text

    results = reanchor(old.text, new_text, highlights)
    by_id = {h.id: h for h in highlights}
    for r in results:
        if r.id in doomed:
            assert r.status in ("orphan", "review"), r
            continue
        assert r.status in ("exact", "fuzzy"), r
        assert normalize_quote(r.text) == normalize_quote(by_id[r.id].quote.exact).translate(
            STRAIGHTEN
        )
