"""Guides for the question bank's tests: the sample guide over several years, and another essay."""

from __future__ import annotations

import copy
from pathlib import Path

from reading_guide.model import Guide, Question
from reading_guide.storage import dumps_guide, load_guide

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = Path(__file__).resolve().parent.parent.parent / "guides" / "sample.guide.yaml"


def write(guide: Guide, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_guide(guide), encoding="utf-8")
    return path


def variant(sample: Guide, date: str, group: str, keep: int | None = None) -> Guide:
    """The sample guide for another session: its first `keep` questions (all by default)."""
    guide = copy.deepcopy(sample)
    guide.session.date, guide.session.group = date, group
    if keep is not None:
        guide.questions = guide.questions[:keep]
    return guide


def make_library(folder: Path) -> dict[str, Path]:
    """A library folder as a facilitator keeps one:

    - 2025/monday: last year's guide on the sample essay, its first 3 questions;
    - 2026/thursday: this year's, all 9;
    - walking: a guide on another essay (On Walking) with 3 questions of its own, one of them
      also asked (in other words' case and punctuation) in a fourth guide, 2024/sitting.
    """
    sample = load_guide(SAMPLE)
    paths = {
        "monday": write(variant(sample, "2025-11-03", "Monday Circle", 3),
                        folder / "2025" / "monday.guide.yaml"),
        "thursday": write(variant(sample, "2026-12-03", "Thursday Evening Readers"),
                          folder / "2026" / "thursday.guide.yaml"),
        "walking": write(load_guide(DATA / "guides" / "walking.guide.yaml"),
                         folder / "walking.guide.yaml"),
    }
    sitting = load_guide(DATA / "guides" / "walking.guide.yaml")
    sitting.session.date = "2024-03-01"
    sitting.title = "Sitting still"
    sitting.highlights, sitting.questions = [], [
        Question("q1", "would you rather SIT, or walk -- why", kind="evaluative", stage="closing"),
    ]
    paths["sitting"] = write(sitting, folder / "2024" / "sitting.guide.yaml")
    return paths
