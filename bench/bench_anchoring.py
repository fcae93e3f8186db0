"""Benchmark: placing and re-anchoring 1,000 highlights in a 1 MB essay (run by hand).

    .venv/bin/python bench/bench_anchoring.py [--size BYTES] [--highlights N] [--seed S]

Prints times against DESIGN.md's budgets (place < 0.3 s, re-anchor < 2 s) and, on a revised
edition with about 2% of the words changed (plus moved, merged, split and new paragraphs, renamed
headings, curly quotes), the share of highlights that land correctly, go to review, go orphan or
land wrongly, for our engine and for a naive baseline run on the same data in the same process:
first exact match of the quote anywhere, else the best fuzzy score (Hypothesis-style matchQuote).
"""

from __future__ import annotations

import argparse
import copy
import gc
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reading_guide.anchoring import find_exact, match_quote, place_highlights, reanchor  # noqa: E402
from reading_guide.model import Guide, Quote  # noqa: E402
from tests.anchoring.simulate import Case, judge, make_case  # noqa: E402

CPU: dict[str, float] = {}  # CPU seconds of the last timed call (the machine may be shared)


def timed(fn, *args):
    gc.collect()
    c = time.process_time()
    t = time.perf_counter()
    out = fn(*args)
    CPU["last"] = time.process_time() - c
    return out, time.perf_counter() - t


def naive(case: Case) -> list[tuple[str, str, int | None, int | None]]:
    """First exact match wins; else the best fuzzy score; else orphan."""
    out = []
    for h in case.highlights:
        hits = find_exact(case.new_text, h.quote.exact)
        if hits:
            out.append((h.id, "exact", *hits[0]))
            continue
        m = match_quote(case.new_text, h.quote.exact, h.quote.prefix, h.quote.suffix)
        if m is None:
            out.append((h.id, "orphan", None, None))
        else:
            out.append((h.id, "fuzzy", m.start, m.end))
    return out


def tally(case: Case, rows) -> Counter:
    c: Counter = Counter()
    for hid, status, start, end in rows:
        verdict = judge(case.truth[hid], status, start, end)
        exists = case.truth[hid] is not None
        c[verdict] += 1
        c["exists"] += exists
        if exists and verdict in ("landed", "review-right"):
            c["found"] += 1
    return c


def report(name: str, seconds: float, c: Counter, total: int) -> None:
    def pct(n: int, of: int = total) -> str:
        return f"{100 * n / of:5.1f}%" if of else "  -  "

    review = c["review-right"] + c["review-wrong"]
    print(
        f"{name:<9} {seconds:7.3f} s (cpu {CPU['last']:.3f})  landed {pct(c['landed'])}"
        f"  review {pct(review)}"
        f" (right place {c['review-right']}, other {c['review-wrong']})"
        f"  orphan {pct(c['orphan'])}  WRONG {c['wrong']:4d} ({pct(c['wrong'])})"
        f"  surviving passages found {pct(c['found'], c['exists'])}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--highlights", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rate", type=float, default=0.02, help="share of words changed")
    args = ap.parse_args()

    case, gen = timed(make_case, args.seed, args.size, args.highlights, args.rate)
    n = len(case.highlights)
    gone = sum(1 for v in case.truth.values() if v is None)
    print(f"essay {len(case.old_text):,} -> {len(case.new_text):,} characters, {n} highlights "
          f"({gone} passages deleted or rewritten beyond half), generated in {gen:.1f} s")

    # Placing on open: with stored positions (the usual case) and from quotes alone.
    with_pos = Guide(highlights=copy.deepcopy(case.highlights))
    _, t_pos = timed(place_highlights, with_pos, case.old_text)
    cpu_pos = CPU["last"]
    quote_only = Guide(highlights=copy.deepcopy(case.highlights))
    for h in quote_only.highlights:
        h.position = None
    _, t_quote = timed(place_highlights, quote_only, case.old_text)
    cpu_quote = CPU["last"]
    right = sum(
        1 for h, o in zip(quote_only.highlights, case.highlights, strict=True)
        if h.position == o.position
    )
    bare = Guide(highlights=copy.deepcopy(case.highlights))
    for h in bare.highlights:
        h.position, h.quote = None, Quote(h.quote.exact)
    _, t_bare = timed(place_highlights, bare, case.old_text)
    cpu_bare = CPU["last"]
    print(f"place     {t_pos:7.3f} s (cpu {cpu_pos:.3f})  with stored positions (budget 0.3 s)")
    print(f"place     {t_quote:7.3f} s (cpu {cpu_quote:.3f})  from quote + context alone: "
          f"{right}/{n} at their position")
    print(f"place     {t_bare:7.3f} s (cpu {cpu_bare:.3f})  from bare quotes (no context): "
          f"{sum(h.status == 'review' for h in bare.highlights)} ambiguous -> review")

    ours, t_ours = timed(reanchor, case.old_text, case.new_text, case.highlights)
    print("re-anchor onto the revised edition (budget 2 s):")
    report("ours", t_ours, tally(case, [(r.id, r.status, r.start, r.end) for r in ours]), n)
    base, t_base = timed(naive, case)
    report("naive", t_base, tally(case, base), n)
    print(f"time ours / naive: {t_ours / t_base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
