"""`reading-guide info GUIDE [--json]`: a guide's figures and every highlight's anchoring status.

The figures are the ones a facilitator plans with (paragraphs, words, questions per stage, planned
minutes against the session) and the ones a script checks after re-anchoring (status counts, each
highlight's place as ¶ number and code-point range in the reading text, docs/FORMAT.md).
"""

from __future__ import annotations

import argparse
from typing import Any

from reading_guide.commands.terminal import say, say_json
from reading_guide.model import ANCHOR_STATUSES, QUESTION_KINDS, QUESTION_STAGES, Guide
from reading_guide.plurals import counted
from reading_guide.render import parse
from reading_guide.storage import load_guide


def guide_info(guide: Guide, file: str) -> dict[str, Any]:
    """The JSON object `info --json` prints."""
    doc = parse(guide.essay.text)
    highlights: list[dict[str, Any]] = []
    for h in guide.highlights:
        pos = h.position
        highlights.append({
            "id": h.id,
            "category": h.category,
            "status": h.anchor_status,
            "start": pos.start if pos else None,
            "end": pos.end if pos else None,
            "paragraph": doc.paragraph_at(pos.start) if pos else None,
            "text": doc.text[pos.start : pos.end] if pos else h.quote.exact,
            "quote": h.quote.exact,  # as a person chose it; `text` is what is placed now
            "reason": h.reason,  # why opening gave this status, when the file left it open
        })
    statuses = {s: 0 for s in ANCHOR_STATUSES}
    for row in highlights:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    by_stage = {s: 0 for s in QUESTION_STAGES}
    by_kind = {k: 0 for k in QUESTION_KINDS}
    for q in guide.questions:
        by_stage[q.stage] += 1
        by_kind[q.kind] += 1
    return {
        "file": file,
        "title": guide.title,
        "essay": {
            "title": guide.essay.title,
            "author": guide.essay.author,
            "sha256": guide.essay.sha256,
        },
        "paragraphs": doc.paragraphs,
        "headings": doc.headings,
        "words": doc.words,
        "highlights": highlights,
        "questions": len(guide.questions),
        "questions_by_stage": by_stage,
        "questions_by_kind": by_kind,
        "planned_minutes": guide.planned_minutes(),
        "session_minutes": guide.session.minutes,
        "statuses": statuses,
    }


def _counts(info: dict[str, Any]) -> str:
    return "  " + ", ".join([
        counted(info["paragraphs"], "paragraph"), counted(info["headings"], "heading"),
        counted(info["words"], "word"),
    ])


def _listing(head: str, counts: dict[str, int]) -> str:
    parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    return f"  {head}: {parts}" if parts else f"  {head}"


def _summary(info: dict[str, Any]) -> str:
    essay = info["essay"]
    by = info["essay"]["author"]
    lines = [
        f"{info['file']}: {info['title'] or '(untitled guide)'}",
        f"  essay: {essay['title'] or '(untitled)'}" + (f" by {by}" if by else ""),
        _counts(info),
        _listing(counted(len(info["highlights"]), "highlight"), info["statuses"]),
        _listing(counted(info["questions"], "question"), info["questions_by_stage"]),
    ]
    session = info["session_minutes"]
    plan = f"  planned {info['planned_minutes']} min"
    lines.append(plan + (f" of a {session} min session" if session else ""))
    for h in info["highlights"]:
        if h["status"] != "exact":
            where = f"¶{h['paragraph']}" if h["paragraph"] else "not placed"
            line = f"  {h['id']}: {h['status']} ({where}): {h['text'][:60]!r}"
            lines.append(line + (f" ({h['reason']})" if h["reason"] else ""))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    info = guide_info(load_guide(args.guide), args.guide)
    if args.json:
        say_json(info)
    else:
        say(_summary(info))
    return 0
