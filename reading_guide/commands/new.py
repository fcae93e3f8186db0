"""`reading-guide new ESSAY -o GUIDE [--title T] [--force] [--json]`: start a guide from an essay.

The essay is imported and repaired (`reading_guide.render.import_essay`), and every repair is
listed, so the facilitator can check that the clean-up did what they would have done by hand.
An existing GUIDE is never overwritten without --force: it may hold hours of preparation.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.render import ImportedEssay, import_essay
from reading_guide.render.repairs import describe
from reading_guide.storage import save_guide


def guide_from_essay(essay: ImportedEssay) -> Guide:
    """A new guide holding the cleaned essay, its metadata and the default categories."""
    return essay.new_guide()


def report(essay: ImportedEssay, guide_path: str) -> dict[str, Any]:
    """The JSON object `new --json` prints; repeated repairs are grouped (with a count)."""
    doc = essay.document
    return {
        "guide": guide_path,
        "title": essay.title,
        "author": essay.author,
        "language": essay.language,
        "direction": essay.direction,
        "paragraphs": doc.paragraphs,
        "headings": doc.headings,
        "words": doc.words,
        "repairs": [r.to_dict() for r in essay.report],
    }


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎")


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.is_dir():
        raise InputError("is a folder; give the guide file to write", file=output)
    if output.exists() and Path(args.essay).exists() and output.samefile(args.essay):
        raise InputError("is the essay itself; write the guide to another file", file=output)
    if output.exists() and not args.force:
        raise InputError("already exists; use --force to overwrite it", file=output)
    essay = import_essay(args.essay, title=args.title)
    save_guide(guide_from_essay(essay), output)
    figures = report(essay, str(output))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    print(f"Wrote {output}: “{essay.title}”")
    repairs = essay.report
    print(f"{figures['paragraphs']} paragraphs, {figures['headings']} headings, "
          f"{figures['words']} words; {len(repairs)} repair{'s' if len(repairs) != 1 else ''}"
          f"{':' if repairs else ''}")
    for r in repairs:  # a grouped one: "joined-paragraph (12 paragraphs split ... joined)"
        kind = f"{r.kind} ({describe(r)}, first:)" if r.count > 1 else r.kind
        print(f"  {kind} {r.where}: “{_one_line(r.before)}” → “{_one_line(r.after)}”")
    return 0
