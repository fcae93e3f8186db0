"""`reading-guide reanchor GUIDE --essay NEW -o OUT [--json]`: move a guide onto a revised essay.

Educators reuse guides for years while essays get revised. This writes a new guide on the revised
essay (the guide's own essay title, author and source are kept) with every highlight re-anchored,
and reports each one: `exact` (same words, same surroundings), `fuzzy` (placed with confidence
although the text changed), `review` (placed tentatively: a person must confirm) or `orphan` (not
placed; kept with its quote, note and questions). The report is what the new guide stores, so
`info` and the app show the same; a move never confirms anything (a review stays a review, an
orphan stays one unless its passage reappears with its context) and never rewrites a highlight's
quote (docs/FORMAT.md, "Highlight lifecycle").
"""

from __future__ import annotations

import argparse
from typing import Any

from reading_guide.anchoring import AnchorResult, reanchor_guide
from reading_guide.commands.output import check_output
from reading_guide.commands.terminal import say, say_json
from reading_guide.errors import InputError
from reading_guide.model import ANCHOR_STATUSES, Essay
from reading_guide.render import Document, import_essay
from reading_guide.storage import open_guide, save_guide


def report(
    results: list[AnchorResult], document: Document, guide: str, essay: str, output: str,
    quotes: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON object `reanchor --json` prints: every highlight, and counts by status.

    Each status is the one the written guide stores (docs/FORMAT.md, "Highlight lifecycle"):
    `info --json` of the output reports the same statuses and places.
    """
    summary = {s: 0 for s in ANCHOR_STATUSES}
    rows = []
    quotes = quotes or {}
    for r in results:
        summary[r.status] += 1
        rows.append({
            "id": r.id,
            "status": r.status,
            "confidence": round(r.confidence, 3),
            "start": r.start,
            "end": r.end,
            "paragraph": document.paragraph_at(r.start) if r.start is not None else None,
            "text": r.text,
            "quote": quotes.get(r.id, r.text),  # as a person chose it; never rewritten by a move
            "reason": r.reason,
        })
    return {"guide": guide, "essay": essay, "output": output, "highlights": rows,
            "summary": summary}


def _excerpt(text: str, width: int = 48) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _table(info: dict[str, Any]) -> str:
    lines = [f"Re-anchored {info['guide']} onto {info['essay']}; wrote {info['output']}"]
    if info["highlights"]:
        lines.append(f"  {'id':<8} {'status':<7} {'conf':>5}  {'where':<7} text")
    for h in info["highlights"]:
        where = f"¶{h['paragraph']}" if h["paragraph"] else ("-" if h["start"] is None else "head")
        line = f"  {h['id']:<8} {h['status']:<7} {h['confidence']:5.2f}  {where:<7} "
        line += f"“{_excerpt(h['text'])}”"
        if h["reason"]:
            line += f"  ({h['reason']})"
        lines.append(line)
    counts = ", ".join(f"{n} {s}" for s, n in info["summary"].items())
    lines.append(f"  {len(info['highlights'])} highlights: {counts}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    output = check_output(
        args.output, [(args.guide, "the guide"), (args.essay, "the revised essay")],
        force=args.force, what="the new guide",
    )
    opened = open_guide(args.guide)  # the guide, and its essay parsed once
    guide = opened.guide
    imported = import_essay(args.essay)
    old_text = opened.document.text
    document = imported.document
    if not document.text.strip():
        raise InputError("the revised essay has no text", file=args.essay)
    essay = Essay(title=imported.title, source=imported.source_name, text=imported.markdown)
    results = reanchor_guide(guide, essay, old_text, document.text)
    save_guide(guide, output)
    quotes = {h.id: h.quote.exact for h in guide.highlights}
    info = report(results, document, args.guide, args.essay, str(output), quotes)
    if args.json:
        say_json(info)
    else:
        say(_table(info))
    return 0
