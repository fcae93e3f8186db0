"""`reading-guide validate GUIDE... [--json]`: check guides, stop at the first problem.

Exit 0 when every guide loads; exit 1 with one line on stderr (the file and the problem) at the
first that does not. With --json, stdout gets one object either way, so a script can read it.
"""

from __future__ import annotations

import argparse
import sys

from reading_guide.commands.terminal import say, say_json
from reading_guide.errors import InputError
from reading_guide.storage import load_guide


def run(args: argparse.Namespace) -> int:
    results = []
    for path in args.guides:
        try:
            guide = load_guide(path)
        except InputError as error:
            if args.json:
                say_json({"ok": False, "error": error.one_line()})
            raise
        statuses = [h.anchor_status for h in guide.highlights]
        result = {
            "file": path,
            "highlights": len(guide.highlights),
            "questions": len(guide.questions),
            "orphans": statuses.count("orphan"),
            "review": statuses.count("review"),
        }
        results.append(result)
        if not args.json:
            say(f"{path}: ok ({result['highlights']} highlights, "
                f"{result['questions']} questions)")
            sys.stdout.flush()
    if args.json:
        say_json({"ok": True, "guides": results})
    return 0
