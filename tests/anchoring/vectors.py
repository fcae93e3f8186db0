"""Loading the shared anchoring vectors (through the `shared_dir` fixture only).

Each case is its own test, parametrised by section and index; `test_every_case_is_collected`
fails if the shared file gains or loses cases, so a new vector cannot go silently untested.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

PEER_COUNTS = {
    "quote_matching": 21,
    "approx_search": 13,
    "exact_quote": 19,
    "describe_quote": 7,
    "position": 4,
}
EDIT_CASES = 7


@cache
def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def peer(shared_dir: Path) -> dict:
    return load(shared_dir / "anchoring" / "peer-vectors.yaml")


def edit_cases(shared_dir: Path) -> list[dict]:
    return load(shared_dir / "anchoring" / "edit-cases.yaml")["cases"]


def text_of(data: dict, case: dict, key: str = "text") -> str:
    """A case's text: named in `texts`, given literally, or built from repeats."""
    if f"{key}_literal" in case:
        return case[f"{key}_literal"]
    if f"{key}_repeat" in case:
        return "".join(part * n for part, n in case[f"{key}_repeat"])
    return data["texts"][case[key]] if case.get(key) in data["texts"] else case[key]


def params(section: str) -> list[tuple[str, int]]:
    return [(section, i) for i in range(PEER_COUNTS[section])]
