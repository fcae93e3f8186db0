"""`reading-guide new ESSAY -o GUIDE [--title T] [--chapter N|N-M|all|list] [--force] [--json]`.

The essay is imported and repaired (`reading_guide.render.import_essay`; Word, OpenDocument, EPUB
and PDF files through `render.documents`), and every repair is listed, so the facilitator can
check that the clean-up did what they would have done by hand. A document's author, language and
origin (file, format, pages or chapter) go into the guide. An existing GUIDE is never overwritten
without --force: it may hold hours of preparation.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.model.guide import new_guide
from reading_guide.render import ImportedEssay
from reading_guide.render.documents import ImportedDocument, import_document, list_chapters
from reading_guide.storage import save_guide


def guide_from_essay(essay: ImportedEssay) -> Guide:
    """A new guide holding the cleaned essay and the default categories."""
    if isinstance(essay, ImportedDocument):
        return new_guide(essay.title, essay.markdown, essay.source_name, author=essay.author,
                         language=essay.language, origin=essay.origin)
    return new_guide(essay.title, essay.markdown, essay.source_name)


def _print_chapters(path: str, as_json: bool) -> int:
    chapters = list_chapters(path)
    if as_json:
        print(json.dumps({"chapters": [
            {"number": c.number, "title": c.title, "depth": c.depth} for c in chapters
        ]}, ensure_ascii=False))
    else:
        for c in chapters:
            print(f"{c.number:>4}  {'  ' * c.depth}{c.title}")
    return 0


def report(essay: ImportedEssay, guide_path: str) -> dict[str, Any]:
    """The JSON object `new --json` prints."""
    doc = essay.document
    return {
        "guide": guide_path,
        "title": essay.title,
        "paragraphs": doc.paragraphs,
        "headings": doc.headings,
        "words": doc.words,
        "repairs": [r.to_dict() for r in essay.repairs],
        **_origin(essay),
    }


def _origin(essay: ImportedEssay) -> dict[str, Any]:
    """Author, language and origin of a document, for `new --json`."""
    if not isinstance(essay, ImportedDocument) or essay.origin is None:
        return {}
    origin = {k: v for k, v in vars(essay.origin).items() if v}
    return {"author": essay.author, "language": essay.language, "origin": origin}


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎")


def run(args: argparse.Namespace) -> int:
    if (args.chapter or "").strip().lower() == "list":
        return _print_chapters(args.essay, args.json)
    output = Path(args.output)
    if output.is_dir():
        raise InputError("is a folder; give the guide file to write", file=output)
    if output.exists() and Path(args.essay).exists() and output.samefile(args.essay):
        raise InputError("is the essay itself; write the guide to another file", file=output)
    if output.exists() and not args.force:
        raise InputError("already exists; use --force to overwrite it", file=output)
    essay = import_document(args.essay, title=args.title, chapter=args.chapter)
    save_guide(guide_from_essay(essay), output)
    figures = report(essay, str(output))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    print(f"Wrote {output}: “{essay.title}”")
    repairs = essay.repairs
    print(f"{figures['paragraphs']} paragraphs, {figures['headings']} headings, "
          f"{figures['words']} words; {len(repairs)} repair{'s' if len(repairs) != 1 else ''}"
          f"{':' if repairs else ''}")
    for r in repairs:
        print(f"  {r.kind} {r.where}: “{_one_line(r.before)}” → “{_one_line(r.after)}”")
    return 0
