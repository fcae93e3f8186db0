"""The question bank: index 200 guides holding 5,000 questions, then search them.

Run by hand: `.venv/bin/python bench/bench_bank.py` (or as a row of `bench/run`). Budgets (issue
17): the 200 guides indexed in under 5 s from an empty bank; a search answers in under 50 ms.

The guides are made from real material: the seed essay facilitators receive (../shared/essays,
imported and repaired as `reading-guide new` does) and the sample guide's essay, each guide a
session of a reading group between 2019 and 2026 with 25 questions: some reused from guide to
guide as facilitators do (the sample guide's nine, a pool of general questions), the rest about
passages of its essay, quoted with their context as the app stores them.

Baselines, measured in the same process on the same files:
- indexing: reading and validating the same 200 guides without indexing them (`scan_library`,
  what the guide library did for every listing before the bank);
- searching: a plain `LIKE '%word%'` scan of the same questions in the same database, and the
  same search in a bank without FTS5 (the fallback some platforms get).
"""

from __future__ import annotations

import copy
import gc
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reading_guide.anchoring import describe_selection  # noqa: E402
from reading_guide.commands.new import guide_from_essay  # noqa: E402
from reading_guide.model import (  # noqa: E402
    QUESTION_KINDS,
    QUESTION_STAGES,
    Guide,
    Highlight,
    Position,
    Question,
)
from reading_guide.render import import_essay, parse  # noqa: E402
from reading_guide.storage import dumps_guide, load_guide  # noqa: E402
from reading_guide.storage.bank_search import BankQuery  # noqa: E402
from reading_guide.storage.library import scan_library  # noqa: E402
from reading_guide.storage.question_bank import QuestionBank  # noqa: E402

SAMPLE = ROOT / "guides" / "sample.guide.yaml"
SHARED_ESSAYS = ROOT.parent / "shared" / "essays"
GUIDES, QUESTIONS = 200, 5000
INDEX_BUDGET, SEARCH_BUDGET = 5.0, 0.050
GENERAL = [
    "What was the most surprising claim in the essay?",
    "Which sentence would you underline first, and why?",
    "Who is the essay written for, and how can you tell?",
    "What does the author want us to do after reading it?",
    "Where do you disagree with the author most strongly?",
    "How would you summarise the argument in two sentences?",
    "What question would you ask the author if you could?",
    "Has the essay changed your mind about anything?",
]
TEMPLATES = [
    ("What does the author mean by “{p}”?", "interpretive"),
    ("Is it convincing that {p}?", "evaluative"),
    ("Why does the essay say “{p}” here?", "interpretive"),
    ("What evidence supports “{p}”?", "factual"),
    ("How does “{p}” connect to the essay's main claim?", "interpretive"),
    ("Do you agree: “{p}”?", "evaluative"),
]
QUERIES = [  # (what a facilitator types, filters)
    ("author", {}),
    ("convincing", {"kind": "evaluative"}),
    ("disagree strongly", {}),
    ('"main claim"', {}),
    ("reading slow", {"year": 2024}),
    ("movement", {"essay": "class power"}),
    ("", {"stage": "closing"}),
    ("wh", {}),  # nearly every question (what, why, who...): the slowest kind of search
]
LIKE_WORDS = ["author", "convincing", "disagree", "main claim", "slow", "movement", "closing",
              "wh"]


def essays() -> list[Guide]:
    """A new guide on each real essay: the seed essay(s) from ../shared and the sample's."""
    out = [load_guide(SAMPLE)]
    if SHARED_ESSAYS.is_dir():
        for path in sorted(SHARED_ESSAYS.iterdir()):
            out.append(guide_from_essay(import_essay(path)))
    else:
        print("note: ../shared is not beside this clone: the sample essay only", file=sys.stderr)
    return out


def _phrases(text: str) -> list[tuple[int, int]]:
    """Passages a facilitator would mark: clauses of 4 to 25 words, as (start, end)."""
    found = []
    for match in re.finditer(r"[^.;:!?\n]+", text):
        words = match.group().split()
        if 4 <= len(words) <= 25:
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            found.append((start, match.end()))
    return found


def make_guides(folder: Path, seed: int = 17) -> int:
    """Write GUIDES guides with QUESTIONS questions in all under `folder`; returns the count."""
    rng = random.Random(seed)
    bases = essays()
    texts = [parse(b.essay.text).text for b in bases]
    spans = [_phrases(t) for t in texts]
    sample_questions = load_guide(SAMPLE).questions
    per_guide = QUESTIONS // GUIDES
    total = 0
    for n in range(GUIDES):
        which = n % len(bases)
        guide = copy.deepcopy(bases[which])
        text = texts[which]
        year = 2019 + n % 8
        guide.session.date = f"{year}-{1 + n % 12:02}-{1 + n % 28:02}"
        guide.session.group = f"Group {n % 13}"
        guide.title = f"{guide.essay.title} with group {n % 13}, {year}"
        keep = {h.id for h in guide.highlights}
        questions = [copy.deepcopy(q) for q in (sample_questions if which == 0 else [])
                     if q.highlight is None or q.highlight in keep][:9]
        general = rng.sample(GENERAL, 3)
        questions += [Question("", t, None, "evaluative", "closing") for t in general]
        category = guide.categories[0].id
        wanted = per_guide - len(questions)
        pool = spans[which]
        chosen = rng.sample(pool, wanted) if len(pool) >= wanted else rng.choices(pool, k=wanted)
        for start, end in chosen:
            hid = guide.new_id("h")
            guide.highlights.append(Highlight(hid, category, describe_selection(text, start, end),
                                              Position(start, end)))
            template, kind = rng.choice(TEMPLATES)
            phrase = text[start:end].strip().rstrip(",").lower()
            questions.append(Question("", template.format(p=phrase), hid, kind,
                                      rng.choice(QUESTION_STAGES), rng.randint(3, 12),
                                      ["And why?"] if rng.random() < 0.3 else []))
        for i, q in enumerate(questions, start=1):
            q.id = f"q{i}"
            assert q.kind in QUESTION_KINDS
        guide.questions = questions
        total += len(questions)
        (folder / f"{year}").mkdir(parents=True, exist_ok=True)
        (folder / f"{year}" / f"guide-{n:03}.guide.yaml").write_text(dumps_guide(guide),
                                                                     encoding="utf-8")
    return total


def timed(fn: Callable[[], object], repeat: int, setup: Callable[[], None] | None = None
          ) -> tuple[float, float]:
    """Median wall time and median CPU time of `fn()` over `repeat` runs after a warm-up
    (`setup` runs untimed before each). CPU time shows the work when the 2 cores are shared."""
    walls, cpus = [], []
    for n in range(repeat + 1):
        if setup is not None:
            setup()
        gc.collect()
        gc.disable()
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        finally:
            gc.enable()
        if n:
            walls.append(wall)
            cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(quick: bool = False) -> dict[str, float]:
    repeat = 3 if quick else 5
    work = Path(tempfile.mkdtemp(prefix="bench-bank-"))
    try:
        folder = work / "guides"
        questions = make_guides(folder)
        entries = scan_library([folder])
        assert len(entries) == GUIDES and all(e.ok for e in entries), "a generated guide is bad"
        read_all = timed(lambda: scan_library([folder]), repeat)

        banks: list[QuestionBank] = []

        def new_bank() -> None:
            if banks:
                banks.pop().close()
            banks.append(QuestionBank(work / f"data-{len(list(work.glob('data-*')))}"))

        def index_all() -> None:
            report = banks[-1].sync([], [folder])
            assert report.questions == questions and not report.problems, report

        index = timed(index_all, repeat, new_bank)
        bank = banks.pop()
        unchanged = timed(lambda: bank.sync([], [folder]), repeat)
        victim = sorted(folder.rglob("*.guide.yaml"))[7]
        original = victim.read_text(encoding="utf-8")

        def change_one() -> None:
            now = victim.read_text(encoding="utf-8")
            victim.write_text(original.replace("Group", "Groupe", 1) if now == original
                              else original, encoding="utf-8")

        one_changed = timed(lambda: bank.sync([], [folder]), repeat, change_one)
        queries = [BankQuery(words, **filters) for words, filters in QUERIES]  # type: ignore[arg-type]
        ours = [timed(lambda q=q: bank.search(q), 15) for q in queries]
        assert all(bank.search(q).results for q in queries[:4])
        assert bank.location is not None
        conn = sqlite3.connect(bank.location)
        like = [timed(lambda w=w: conn.execute("SELECT payload FROM texts WHERE fold LIKE ?",
                                               (f"%{w}%",)).fetchall(), 15)
                for w in LIKE_WORDS]
        conn.close()
        bank.close()
        with QuestionBank(work / "plain", full_text=False) as plain:
            plain.sync([], [folder])
            plain_times = [timed(lambda q=q: plain.search(q), 15) for q in queries]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def worst(pairs: list[tuple[float, float]], which: int) -> float:
        return max(p[which] for p in pairs)

    def middle(pairs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(p[which] for p in pairs)

    return {
        "guides": GUIDES, "questions": questions,
        "read_all": read_all[0], "read_all_cpu": read_all[1],
        "index": index[0], "index_cpu": index[1],
        "unchanged": unchanged[0], "one_changed": one_changed[0],
        "search_worst": worst(ours, 0), "search_median": middle(ours, 0),
        "search_worst_cpu": worst(ours, 1), "search_median_cpu": middle(ours, 1),
        "like_median": middle(like, 0), "like_median_cpu": middle(like, 1),
        "plain_worst": worst(plain_times, 0),
    }


def main() -> int:
    quick = "--quick" in sys.argv
    f = measure(quick)

    def row(name: str, key: str, base: str | None = None) -> None:
        line = f"  {name:<46} {f[key] * 1000:8.1f} ms"
        if f"{key}_cpu" in f:
            line += f"  (CPU {f[key + '_cpu'] * 1000:.1f} ms)"
        if base:
            line += f"  {f[key + '_cpu'] / f[base + '_cpu']:.2f}x {base} (CPU)"
        print(line)

    print(f"{f['guides']} guides, {f['questions']:,} questions (real essays, 2019-2026)")
    print("baseline (same files, same process):")
    row("read and validate every guide (scan_library)", "read_all")
    row("plain LIKE scan of the questions, median", "like_median")
    print("ours:")
    row("index from an empty bank (budget 5 s)", "index", "read_all")
    row("update, nothing changed", "unchanged")
    row("update, one guide changed", "one_changed")
    row(f"search, median of {len(QUERIES)} queries", "search_median", "like_median")
    row("search, slowest query (budget 50 ms)", "search_worst")
    row("search without FTS5, slowest query", "plain_worst")
    ok = f["index"] <= INDEX_BUDGET and f["search_worst"] <= SEARCH_BUDGET
    print("within budget" if ok else "OVER budget (wall time; see the CPU times on a busy machine)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
