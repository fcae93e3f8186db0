"""Every edition renders for the sample guide that ships with the app and for the real essay in
../shared (through the app's own importer): conformance on inputs this package did not write."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from reading_guide.export import VARIANTS, ExportOptions, export_guide
from reading_guide.model import Essay, Guide, Highlight, Position, Question
from reading_guide.model import Quote as Q
from reading_guide.model.guide import DEFAULT_CATEGORIES
from reading_guide.render import import_essay, parse
from tests.export.conftest import pdf_text


def _check(guide: Guide, tmp_path: Path) -> None:
    for variant in VARIANTS:
        out = tmp_path / f"{variant}.pdf"
        pages = export_guide(guide, out, ExportOptions(variant))
        assert pages == len(PdfReader(out).pages) >= 1
        text = " ".join(" ".join(pdf_text(out)).split())
        assert f"Page 1 of {pages}" in text
        for n, q in enumerate(guide.questions[:20], start=1):
            assert q.text.split()[0] in text, (variant, n)
        if variant != "facilitator":
            for q in guide.questions:
                if q.facilitator_note.strip():
                    assert " ".join(q.facilitator_note.split()) not in text


def test_sample_guide_every_edition(sample_guide_path: Path, tmp_path: Path):
    from reading_guide.storage import load_guide

    _check(load_guide(sample_guide_path), tmp_path)


def test_shared_essay_every_edition(shared_dir: Path, tmp_path: Path):
    essay_file = sorted((shared_dir / "essays").glob("*.txt"))[0]
    imported = import_essay(essay_file)
    doc = parse(imported.markdown)
    assert doc.text == imported.document.text
    paras = [b for b in doc.blocks if b.kind != "heading"]
    highlights, questions = [], []
    for i, block in enumerate(paras[:: max(len(paras) // 5, 1)][:5]):
        end = block.start + min(len(block.text), 120)
        highlights.append(Highlight(f"h{i}", DEFAULT_CATEGORIES[i % 4].id,
                                    Q(doc.text[block.start:end]), Position(block.start, end)))
        questions.append(Question(f"q{i}", f"Passage {i}: what is claimed here?", f"h{i}",
                                  answer_lines=3, facilitator_note=f"private note {i}"))
    guide = Guide(
        title="Shared essay",
        essay=Essay(imported.title, "", essay_file.name, "en", imported.markdown),
        categories=list(DEFAULT_CATEGORIES),
        highlights=highlights,
        questions=questions,
    )
    _check(guide, tmp_path)
