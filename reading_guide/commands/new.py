"""`reading-guide new ESSAY -o GUIDE [--title T] [--chapter N|N-M|all|list] [--force] [--json]`.

The essay is imported and repaired (`reading_guide.render.import_essay`; Word, OpenDocument, EPUB
and PDF files through `render.documents`), and every repair is listed, so the facilitator can
check that the clean-up did what they would have done by hand. A document's author, language and
origin (file, format, pages or chapter) go into the guide. An existing GUIDE is never overwritten
without --force: it may hold hours of preparation.
"""

from __future__ import annotations

import argparse
from typing import Any

from reading_guide.commands.output import check_output
from reading_guide.commands.terminal import say, say_json
from reading_guide.errors import InputError
from reading_guide.model import Guide
from reading_guide.plurals import counted
from reading_guide.render import ImportedEssay
from reading_guide.render.documents import ImportedDocument, import_document, list_chapters
from reading_guide.render.repair_words import sentence, worded
from reading_guide.render.repairs import Repair
from reading_guide.storage import save_guide


def guide_from_essay(essay: ImportedEssay) -> Guide:
    """A new guide holding the cleaned essay, its metadata and the default categories."""
    return essay.new_guide()


def _print_chapters(path: str, as_json: bool) -> int:
    chapters = list_chapters(path)
    if as_json:
        say_json({"chapters": [
            {"number": c.number, "title": c.title, "depth": c.depth} for c in chapters
        ]})
    else:
        say("\n".join(f"{c.number:>4}  {'  ' * c.depth}{c.title}" for c in chapters))
    return 0


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


# Repairs whose `before` and `after` are the essay's own words, then and now.
EXCERPT_KINDS = {"joined-paragraph", "dropped-link", "heading-bold", "footnote-marker"}
SAID_ALREADY = {"", "left out"}  # an `after` that adds nothing to the sentence


def _repair_line(r: Repair) -> str:
    """One repair as the app's report says it, then where and what: "Removed bold around a
    heading (heading 1): “**Intro**” → “Intro”"; "Left out a picture (before ¶1): “Cover”".
    Text with no words (a page number kept only in markup) shows no empty quotes."""
    line = sentence(r)
    if r.where != "document":
        line += f" ({r.where})"
    if worded(r) or not (r.before.strip() or r.after.strip()):
        return line
    first = "first " if r.count > 1 else ""
    if r.kind in EXCERPT_KINDS:
        return f"{line}: {first}“{_one_line(r.before)}” → “{_one_line(r.after)}”"
    line += f": {first}{_one_line(r.before)}" if r.before.strip() else ""
    return line + ("" if r.after.strip() in SAID_ALREADY else f" → {_one_line(r.after)}")


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
    if (args.chapter or "").strip().lower() == "list":
        return _print_chapters(args.essay, args.json)
    output = check_output(args.output, [(args.essay, "the essay")], force=args.force,
                          what="the guide")
    essay = import_document(args.essay, title=args.title, chapter=args.chapter)
    guide = guide_from_essay(essay)
    check_opens(guide, args.essay)
    save_guide(guide, output)
    figures = report(essay, str(output))
    if args.json:
        say_json(figures)
        return 0
    repairs = essay.report
    lines = [
        f"Wrote {output}: “{essay.title}”",
        f"{counted(figures['paragraphs'], 'paragraph')}, "
        f"{counted(figures['headings'], 'heading')}, {counted(figures['words'], 'word')}; "
        f"{counted(len(repairs), 'repair')}"
        f"{':' if repairs else ''}",
    ]
    lines += [f"  {_repair_line(r)}" for r in repairs]
    say("\n".join(lines))
    return 0
