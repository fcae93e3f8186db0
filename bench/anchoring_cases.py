"""Guides that stress anchoring where texts repeat themselves (issue 12), written as real files.

- `repetitive_guide`: the shared seed essay repeated N times (an anthology or course pack that
  reprints a piece, a book with refrains), with quote-only highlights (only `quote.exact`, as a
  person writes them by hand): sentences, clauses and short phrases of the reading text, and some
  copied from the Markdown source with its markup ("# Building Class Power", "**Balance**"),
  which the reading text does not contain verbatim; some typed with straight quotes where the
  essay has curly ones. Every quote occurs N times or more: none can
  honestly be `exact`.
- `revised_repetitive_essay`: the same book with about 2% of the words changed, so a move has
  real work to do.
- `lorem_guide`: 100,000 words of "lorem" (600 KB) and near-miss quotes ("lorem lorem lorem lorem
  lorem z") with no exact copy and an approximate match at every word.

Deterministic for a given seed. Used by bench/bench_anchoring.py (the figures of the issue) and,
in small sizes, by tests that check behaviour, never time.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from reading_guide.model import Category, Essay, Guide, Highlight, Quote
from reading_guide.render import parse
from reading_guide.storage import save_guide

SEED_ESSAY = Path(__file__).resolve().parent.parent.parent / "shared" / "essays" / (
    "000_ed50c717535195b8.txt")
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def repeated_markdown(seed: str, times: int) -> str:
    """The seed essay `times` times, each copy under its own part heading."""
    return "\n\n".join(f"# Part {n}\n\n{seed.strip()}" for n in range(1, times + 1)) + "\n"


def _quotes(seed: str, count: int, rng: random.Random) -> list[str]:
    """`count` hand-written quotes from one copy of the seed essay (repeats allowed)."""
    text = parse(seed).text
    sentences = [s.strip() for s in _SENTENCE.findall(text) if len(s.split()) >= 4]
    markup_lines = [line.strip() for line in seed.splitlines()
                    if line.strip().startswith("#") or "**" in line]
    quotes: list[str] = []
    while len(quotes) < count:
        roll = rng.random()
        sentence = rng.choice(sentences)
        words = sentence.split()
        if roll < 0.4:
            quotes.append(sentence)
        elif roll < 0.9:
            n = rng.randint(2, min(12, len(words)))
            i = rng.randint(0, len(words) - n)
            quotes.append(" ".join(words[i : i + n]))
        elif markup_lines:
            quotes.append(rng.choice(markup_lines)[:120])
        if rng.random() < 0.3:  # typed on a keyboard: straight quotes and apostrophes
            quotes[-1] = quotes[-1].translate(_STRAIGHT)
    return quotes


def repetitive_guide(path: Path, times: int = 20, highlights: int = 3000, seed: int = 12) -> Guide:
    """Write (and return) a guide on the seed essay repeated `times` times with quote-only
    highlights."""
    source = SEED_ESSAY.read_text(encoding="utf-8")
    rng = random.Random(seed)
    guide = Guide(
        title="Repetitive book",
        essay=Essay(title="Refrains", text=repeated_markdown(source, times)),
        categories=[Category("claim", "Key claim")],
        highlights=[Highlight(f"h{n}", "claim", Quote(q))
                    for n, q in enumerate(_quotes(source, highlights, rng), 1)],
    )
    save_guide(guide, path)
    return guide


def revised_repetitive_essay(path: Path, times: int = 20, rate: float = 0.02,
                             seed: int = 12) -> str:
    """The repeated essay with about `rate` of its words changed (a revised edition)."""
    rng = random.Random(seed + 1)
    markdown = repeated_markdown(SEED_ESSAY.read_text(encoding="utf-8"), times)
    words = markdown.split(" ")
    for i in range(len(words)):
        if rng.random() < rate and words[i].isalpha():
            words[i] = rng.choice(("revised", "changed", "altered", words[i].upper()))
    text = " ".join(words)
    path.write_text(text, encoding="utf-8")
    return text


def lorem_guide(path: Path, words: int = 100_000, quotes: int = 20) -> Guide:
    """Write (and return) a guide on `words` words of "lorem" with near-miss quote-only
    highlights: no exact copy, an approximate one at every word."""
    paragraphs = [" ".join(["lorem"] * 100) for _ in range(words // 100)]
    near_misses = [" ".join(["lorem"] * (3 + n % 5)) + " " + "zqxjkvbwy"[n % 9]
                   for n in range(quotes)]
    guide = Guide(
        title="Lorem",
        essay=Essay(title="Lorem", text="\n\n".join(paragraphs) + "\n"),
        categories=[Category("claim", "Key claim")],
        highlights=[Highlight(f"h{n}", "claim", Quote(q)) for n, q in enumerate(near_misses, 1)],
    )
    save_guide(guide, path)
    return guide
