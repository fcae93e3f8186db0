"""Load and save a ~1 MB guide (1,000 highlights, 1,000 questions) against PyYAML alone.

Run by hand: `.venv/bin/python bench/bench_storage.py`. Budget (DESIGN.md): load or save of a
1 MB guide under 0.2 s. The baseline is PyYAML's C loader and dumper on the same file in the same
process, so the ratio is the figure that counts; load is also split into its stages so that it is
clear where the time goes (YAML events, validation, Markdown parse, highlight placement).
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import median_seconds  # noqa: E402

from reading_guide.anchoring import place_highlights  # noqa: E402
from reading_guide.model import (  # noqa: E402
    QUESTION_KINDS,
    QUESTION_STAGES,
    Category,
    Essay,
    Guide,
    Highlight,
    Question,
    Quote,
    Session,
)
from reading_guide.render import parse  # noqa: E402
from reading_guide.storage import dumps_guide, load_guide, save_guide  # noqa: E402
from reading_guide.storage.schema import GuideReader  # noqa: E402
from reading_guide.storage.yamlnodes import compose, read_guide_text  # noqa: E402

WORDS = (
    "reading walking thinking group essay passage question claim evidence river mountain city "
    "language memory promise road author reader teacher student garden window morning evening "
    "history future silence music argument reason doubt faith labour craft letter story"
).split()


def make_guide(target_bytes: int = 1_000_000, n: int = 1000, seed: int = 1) -> Guide:
    rng = random.Random(seed)
    paragraphs = []
    size = 0
    while size < target_bytes * 0.62:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
            sentences.append(" ".join(words).capitalize() + ".")
        text = " ".join(sentences)
        if rng.random() < 0.05:
            text = f"## {rng.choice(WORDS).title()} {len(paragraphs)}"
        paragraphs.append(text)
        size += len(text) + 2
    essay_text = "# A generated book\n\n" + "\n\n".join(paragraphs) + "\n"
    reading = parse(essay_text).text
    categories = [Category("claim", "Key claim"), Category("evidence", "Evidence", "#6fcf97")]
    highlights = []
    step = len(reading) // n
    for i in range(n):
        start = i * step + rng.randint(0, step // 2)
        end = start + rng.randint(20, 80)
        highlights.append(Highlight(
            f"h{i + 1}", rng.choice(categories).id,
            Quote(reading[start:end], reading[max(0, start - 20) : start],
                  reading[end : end + 20]),
            note="A note about this passage.\nIt has two lines." if i % 3 == 0 else "",
        ))
    questions = [
        Question(
            f"q{i + 1}", f"What does passage {i + 1} tell us about {rng.choice(WORDS)}?",
            highlight=f"h{i + 1}" if i % 4 else None,
            kind=QUESTION_KINDS[i % 3], stage=QUESTION_STAGES[i % 3], minutes=rng.randint(2, 10),
            follow_ups=["And why?", "Who disagrees?"] if i % 2 else [],
            answer_lines=i % 5,
            facilitator_note="Wait for a second voice." if i % 7 == 0 else "",
        )
        for i in range(n)
    ]
    guide = Guide(
        title="Benchmark guide", essay=Essay("A generated book", "Bench", text=essay_text),
        session=Session("Bench group", "2026-12-01", 90, "Sam"),
        introduction="Generated.\nTwo lines.\n", categories=categories,
        highlights=highlights, questions=questions,
    )
    place_highlights(guide, reading)
    return guide


def best(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median of `repeat` runs after one warm-up (bench/_common.py: no GC inside a run)."""
    return median_seconds(fn, repeat=repeat)


def measure() -> dict[str, float]:
    """Every figure in seconds (and the file size in MB), for this script or `bench/run`."""
    guide = make_guide()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.guide.yaml"
        save_guide(guide, path)
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        assert load_guide(path) == guide

        base_load = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        base_dump = best(lambda: yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True,
                                           sort_keys=False))
        ours_load = best(lambda: load_guide(path))
        ours_dumps = best(lambda: dumps_guide(guide))
        ours_save = best(lambda: save_guide(guide, path))

        loaded = load_guide(path)
        t_read = best(lambda: read_guide_text(path))
        t_compose = best(lambda: compose(text, "b"))
        root = compose(text, "b")
        t_validate = best(lambda: GuideReader("b").guide(root))
        t_parse = best(lambda: parse(loaded.essay.text))
        reading = parse(loaded.essay.text).text
        t_place = best(lambda: place_highlights(loaded, reading))
        size_mb = path.stat().st_size / 1e6
        # The essay edited by hand (a word added at the top): every position must be re-found.
        edited = path.with_name("edited.guide.yaml")
        edited.write_text(text.replace("# A generated book", "# A generated book, revised", 1),
                          encoding="utf-8")
        t_edited = best(lambda: load_guide(edited), repeat=3)
    return {
        "size_mb": size_mb, "pyyaml_load": base_load, "pyyaml_dump": base_dump,
        "load_guide": ours_load, "dumps_guide": ours_dumps, "save_guide": ours_save,
        "read": t_read, "compose": t_compose, "validate": t_validate, "parse": t_parse,
        "place": t_place, "load_edited": t_edited,
    }


def main() -> None:
    f = measure()

    def row(name: str, ours: float, base: float | None = None) -> None:
        ratio = f"{ours / base:5.2f}x PyYAML" if base else ""
        print(f"  {name:<34} {ours * 1000:8.1f} ms  {ratio}")

    print(f"guide: {f['size_mb']:.2f} MB, 1000 highlights, 1000 questions")
    print("baseline (same file, same process):")
    row("yaml.load  CSafeLoader", f["pyyaml_load"])
    row("yaml.dump  CSafeDumper", f["pyyaml_dump"])
    print("ours:")
    row("load_guide (budget 200 ms)", f["load_guide"], f["pyyaml_load"])
    row("dumps_guide", f["dumps_guide"], f["pyyaml_dump"])
    row("save_guide (budget 200 ms)", f["save_guide"], f["pyyaml_dump"])
    print("load_guide by stage:")
    row("read + decode", f["read"])
    row("YAML events -> nodes (tag check)", f["compose"], f["pyyaml_load"])
    row("validate -> Guide", f["validate"])
    row("render.parse (reading text)", f["parse"])
    row("place_highlights", f["place"])
    row("load_guide, essay edited by hand", f["load_edited"], f["pyyaml_load"])
    share = (f["parse"] + f["place"]) / f["load_guide"]
    print(f"  reading text + placement: {share:.0%} of load_guide")
    for name in ("load_guide", "save_guide"):
        verdict = "within" if f[name] <= 0.2 else "OVER"
        print(f"  {name}: {verdict} the 0.2 s budget")


if __name__ == "__main__":
    main()
