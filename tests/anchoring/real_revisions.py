"""The real revisions of ../shared/anchoring/real-revisions, moved the way a user moves a guide.

Each case is a document its author revised in public (`old.md`, `new.md`, sometimes `third.md`)
and a `spec.yaml` saying where every highlighted passage went, decided by reading both editions.
This module turns a case into guide files and runs the real command (`reading-guide reanchor`,
in-process) on them, then scores the result the way the shared README describes:

- a highlight is stored either as the app stores a selection (prefix/exact/suffix and position)
  or as a bare quote (only `exact`, as written by hand);
- placed (`exact`/`fuzzy`) on the truth span is right; anywhere else it is WRONG; `review` on the
  truth span is right and flagged; `orphan` for a deleted passage is right; `orphan` or `review`
  elsewhere when the passage survives is a miss;
- a second move of the result onto the same edition must change nothing (the file's bytes), and
  what `reanchor --json` reports must be what the written file stores (`info --json`).

Used by tests/anchoring/test_real_revisions.py (through the `shared_dir` fixture) and by
bench/bench_anchoring.py. Nothing here knows any case: the engine is never tuned per file.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reading_guide.anchoring import describe_selection
from reading_guide.cli import main
from reading_guide.model import Highlight, Position, Question, Quote
from reading_guide.render import import_essay
from reading_guide.storage import load_guide, save_guide

STORED = ("selector", "bare")


@dataclass(frozen=True)
class Passage:
    id: str
    exact: str
    near: str | None
    truth: tuple[str, str | None] | None  # (text, near) in the new edition; None: deleted
    why: str
    # Where it is in the third edition when that differs from `truth` (the project's own cases
    # give a `third:` key when the passage changed again); None: as `truth`.
    third: tuple[str, str | None] | None = None
    third_gone: bool = False


@dataclass
class RealCase:
    name: str
    folder: Path
    passages: list[Passage]
    editions: list[Path]  # old.md, new.md, third.md (when there is one)
    texts: list[str] = field(default_factory=list)  # their reading texts, as the app makes them
    # Passages in the old file's front matter: the import reads front matter as metadata and
    # never shows it (issue 13), so no one can highlight them; left out of the scores.
    in_front_matter: list[str] = field(default_factory=list)


def locate(text: str, exact: str, near: str | None) -> tuple[int, int] | None:
    """Where the README puts a passage: first `near`, then `exact` inside it; else first `exact`."""
    base = 0
    if near:
        at = text.find(near)
        if at < 0:
            return None
        inside = text.find(exact, at, at + len(near))
        return None if inside < 0 else (inside, inside + len(exact))
    at = text.find(exact, base)
    return None if at < 0 else (at, at + len(exact))


def load_case(folder: Path) -> RealCase:
    spec = yaml.safe_load((folder / "spec.yaml").read_text(encoding="utf-8"))
    passages = []
    for item in spec["highlights"]:
        truth = item["truth"]
        moved = None if truth == "gone" else (truth["text"], truth.get("near"))
        third = item.get("third")
        again = None if third in (None, "gone") else (third["text"], third.get("near"))
        passages.append(Passage(str(item["id"]), item["exact"], item.get("near"), moved,
                                item.get("why", ""), again, third == "gone"))
    editions = [folder / "old.md", folder / "new.md"]
    if (folder / "third.md").is_file():
        editions.append(folder / "third.md")
    case = RealCase(folder.name, folder, passages, editions)
    case.texts = [import_essay(path).document.text for path in editions]
    front = _front_matter(editions[0].read_text(encoding="utf-8"))
    for p in list(case.passages):
        if p.exact in front and locate(case.texts[0], p.exact, p.near) is None:
            case.passages.remove(p)
            case.in_front_matter.append(p.id)
    return case


def _front_matter(source: str) -> str:
    """The YAML (`---`) or TOML (`+++`) block a Markdown file opens with, or ""."""
    for fence in ("---", "+++"):
        if source.startswith(fence + "\n"):
            end = source.find("\n" + fence, len(fence))
            return source[: end if end > 0 else 0]
    return ""


def cases(shared: Path) -> list[RealCase]:
    """The shared sample (../shared/anchoring/real-revisions)."""
    return cases_in(shared / "anchoring" / "real-revisions")


def cases_in(root: Path) -> list[RealCase]:
    """Every case folder (one with a spec.yaml) under `root`: the shared sample, or the project's
    own in tests/data/anchoring/real-revisions (which a clean clone has)."""
    return [load_case(f) for f in sorted(root.iterdir()) if (f / "spec.yaml").is_file()]


def write_guide(case: RealCase, stored: str, path: Path) -> None:
    """A guide on the old edition with one highlight (and one question) per passage."""
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["new", str(case.editions[0]), "-o", str(path), "--force"]) == 0
    guide = load_guide(path)
    text = case.texts[0]
    for p in case.passages:
        span = locate(text, p.exact, p.near)
        assert span is not None, f"{case.name} {p.id}: not in the old reading text"
        if stored == "selector":
            quote = describe_selection(text, *span)
            h = Highlight(p.id, "claim", quote, Position(*span))
        else:
            h = Highlight(p.id, "claim", Quote(p.exact))
        guide.highlights.append(h)
        guide.questions.append(Question(f"q-{p.id}", f"About {p.id}?", highlight=p.id))
    save_guide(guide, path)


def run_json(*argv: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*argv, "--json"])
    assert code == 0, f"{argv}: exit {code}"
    return json.loads(out.getvalue())


def move(guide: Path, essay: Path, output: Path) -> tuple[dict[str, dict], list[str]]:
    """`reanchor GUIDE --essay ESSAY -o OUTPUT --json`, and where the report differs from what
    the written file stores (`info --json` of it). Rows by highlight id."""
    report = run_json("reanchor", str(guide), "--essay", str(essay), "-o", str(output))
    info = run_json("info", str(output))
    rows = {r["id"]: r for r in report["highlights"]}
    stored = {r["id"]: r for r in info["highlights"]}
    differ = []
    for hid, row in rows.items():
        mine = stored[hid]
        if (row["status"], row["start"], row["end"]) != (
                mine["status"], mine["start"], mine["end"]):
            differ.append(f"{output.name} {hid}: reported {row['status']} {row['start']}-"
                          f"{row['end']}, stored {mine['status']} {mine['start']}-{mine['end']}")
    return rows, differ


def judge(truth: tuple[int, int] | None, status: str, start: int | None, end: int | None) -> str:
    """right | flagged (review at the truth) | miss | wrong, by the README's rules (strictly:
    an overlap must be half of both spans)."""
    if truth is None:
        if status in ("exact", "fuzzy"):
            return "wrong"
        return "right" if status == "orphan" else "miss"
    if status == "orphan" or start is None or end is None:
        return "miss"
    a, b = truth
    overlap = max(0, min(b, end) - max(a, start))
    inside = a <= start and end <= b and end > start
    covering = start <= a and b <= end and (end - start) <= 2 * (b - a)
    half = overlap * 2 >= (b - a) and overlap * 2 >= (end - start)
    on_truth = inside or covering or half
    if status == "review":
        return "flagged" if on_truth else "miss"
    return "right" if on_truth else "wrong"


@dataclass
class Outcome:
    verdicts: Counter = field(default_factory=Counter)  # (surviving: bool, verdict) -> n
    wrong: list[str] = field(default_factory=list)  # "case/id stored: status text" lines
    missed: list[str] = field(default_factory=list)
    changes_on_second_move: list[str] = field(default_factory=list)
    report_not_stored: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.verdicts.update(other.verdicts)
        self.wrong += other.wrong
        self.missed += other.missed
        self.changes_on_second_move += other.changes_on_second_move
        self.report_not_stored += other.report_not_stored

    @property
    def surviving(self) -> int:
        return sum(n for (alive, _), n in self.verdicts.items() if alive)

    @property
    def found(self) -> int:
        return self.verdicts[(True, "right")] + self.verdicts[(True, "flagged")]

    @property
    def confidently_wrong(self) -> int:
        return sum(n for (_, v), n in self.verdicts.items() if v == "wrong")

    def line(self) -> str:
        pct = 100 * self.found / self.surviving if self.surviving else 100.0
        return (f"found {self.found}/{self.surviving} surviving passages ({pct:.1f}%), "
                f"confidently wrong {self.confidently_wrong}, "
                f"changes on a second move {len(self.changes_on_second_move)}, "
                f"reports unlike the file {len(self.report_not_stored)}")


def _score(case: RealCase, edition: int, rows: dict[str, dict], stored: str,
           truths: dict[str, tuple[int, int] | None]) -> Outcome:
    out = Outcome()
    for p in case.passages:
        row = rows[p.id]
        truth = truths[p.id]
        verdict = judge(truth, row["status"], row["start"], row["end"])
        out.verdicts[(truth is not None, verdict)] += 1
        line = (f"{case.name}/{p.id} ({stored}, edition {edition + 1}): {row['status']} "
                f"{row['text'][:60]!r} ({p.why or 'unchanged'})")
        if verdict == "wrong":
            out.wrong.append(line)
        elif verdict == "miss" and truth is not None:
            out.missed.append(line)
    return out


def truth_spans(case: RealCase, edition: int) -> dict[str, tuple[int, int] | None]:
    """Where each passage is in edition `edition` (1 = new, 2 = third: the new edition's truth
    found again in the third, unless the passage's `third` says where it went then)."""
    text = case.texts[edition]
    spans: dict[str, tuple[int, int] | None] = {}
    for p in case.passages:
        truth = p.third if edition == 2 and p.third is not None else p.truth
        if truth is None or (edition == 2 and p.third_gone):
            spans[p.id] = None
            continue
        span = locate(text, truth[0], truth[1])
        assert span is not None, f"{case.name} {p.id}: truth not in edition {edition + 1}"
        spans[p.id] = span
    return spans


def run_case(case: RealCase, stored: str, folder: Path) -> Outcome:
    """Move the guide along every edition, scoring each move, then move it again onto the last
    edition it reached: that second move must give a byte-identical file."""
    outcome = Outcome()
    current = folder / f"{case.name}-{stored}-1.guide.yaml"
    write_guide(case, stored, current)
    for edition in range(1, len(case.editions)):
        target = folder / f"{case.name}-{stored}-{edition + 1}.guide.yaml"
        rows, differ = move(current, case.editions[edition], target)
        outcome.report_not_stored += differ
        outcome.add(_score(case, edition, rows, stored, truth_spans(case, edition)))
        again = folder / f"{case.name}-{stored}-{edition + 1}-again.guide.yaml"
        rows_again, differ = move(target, case.editions[edition], again)
        outcome.report_not_stored += differ
        for hid, row in rows.items():
            other = rows_again[hid]
            if (row["status"], row["start"], row["end"]) != (
                    other["status"], other["start"], other["end"]):
                outcome.changes_on_second_move.append(
                    f"{case.name}/{hid} ({stored}): {row['status']} {row['start']}-{row['end']}"
                    f" -> {other['status']} {other['start']}-{other['end']}")
        if again.read_bytes() != target.read_bytes():
            outcome.changes_on_second_move.append(f"{case.name} ({stored}): file bytes differ")
        current = target
    return outcome
