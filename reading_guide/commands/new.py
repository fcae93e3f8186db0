"""`reading-guide new ESSAY -o GUIDE [--title T] [--force] [--json]`: start a guide from an essay.

The essay is imported and repaired (`reading_guide.render.import_essay`), and every repair is
listed, so the facilitator can check that the clean-up did what they would have done by hand.
An existing GUIDE is never overwritten without --force: it may hold hours of preparation.
"""

from __future__ import annotations

import argparse
from typing import Any

from reading_guide.commands.output import check_output
from reading_guide.commands.terminal import say, say_json
from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.model.guide import new_guide
from reading_guide.render import ImportedEssay, import_essay
from reading_guide.storage import save_guide


def guide_from_essay(essay: ImportedEssay) -> Guide:
    """A new guide holding the cleaned essay and the default categories."""
    return new_guide(essay.title, essay.markdown, essay.source_name)


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
    }


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎")


def check_opens(guide: Guide, essay_file: str) -> None:
    """Refuse to write a guide that `validate` (and the app) would refuse: the text that would
    be written goes through the same loader first. An essay past the table's bounds (too many
    lines and marks to parse in bounded time, model/fields.py) is named here, not later."""
    from reading_guide.storage import dumps_guide, loads_guide

    try:
        loads_guide(dumps_guide(guide), essay_file)
    except InputError as error:
        where = f"{error.where}: " if error.where else ""
        raise InputError(f"cannot make a guide that opens: {where}{error.message}",
                         file=essay_file) from None


def run(args: argparse.Namespace) -> int:
    output = check_output(args.output, [(args.essay, "the essay")], force=args.force,
                          what="the guide")
    essay = import_essay(args.essay, title=args.title)
    guide = guide_from_essay(essay)
    check_opens(guide, args.essay)
    save_guide(guide, output)
    figures = report(essay, str(output))
    if args.json:
        say_json(figures)
        return 0
    repairs = essay.repairs
    lines = [
        f"Wrote {output}: “{essay.title}”",
        f"{figures['paragraphs']} paragraphs, {figures['headings']} headings, "
        f"{figures['words']} words; {len(repairs)} repair{'s' if len(repairs) != 1 else ''}"
        f"{':' if repairs else ''}",
    ]
    lines += [f"  {r.kind} {r.where}: “{_one_line(r.before)}” → “{_one_line(r.after)}”"
              for r in repairs]
    say("\n".join(lines))
    return 0
