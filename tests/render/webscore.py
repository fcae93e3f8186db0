"""Scoring an imported web page against its reference article, as ../shared/import/README.md says.

Words are lower-case `\\w+` runs counted as multisets; precision, recall and F1 of the imported
essay's reading text against the reference article's text. A title is right when its words are
the reference title's, or the reference title with the site's part cut off at a title separator
("Mozilla - Wikipedia" -> "Mozilla"; "Weekly Edition [LWN.net]" -> "Weekly Edition"), which is
what the import is asked to do. Used by tests/render/test_web_pages.py and bench/bench_import.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s+(?:[|\-–—\\/>»·:]|::)\s+|\s*\[[^\]]*\]\s*$")


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def f1(ours: str, reference: str) -> float:
    a, b = words(ours), words(reference)
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision = common / sum(a.values())
    recall = common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def reference_text(html: str) -> str:
    """The text of a reference article (expected.html), block elements apart."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    return tree.body.text(separator=" ") if tree.body is not None else ""


def title_right(ours: str, expected: str | None) -> bool:
    mine = WORD.findall(ours.lower())
    if not expected:
        return bool(mine)
    theirs = WORD.findall(expected.lower())
    if mine == theirs:
        return True
    for cut in _SEPARATOR.finditer(expected):
        for part in (expected[: cut.start()], expected[cut.end():]):
            if WORD.findall(part.lower()) == mine and len(mine) >= 1:
                return True
    return False


@dataclass
class Page:
    name: str
    source: str
    reference: str
    title: str | None


def pages(folder: Path) -> list[Page]:
    out = []
    for d in sorted(p for p in folder.iterdir() if (p / "source.html").is_file()):
        meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
        out.append(Page(d.name, (d / "source.html").read_text(encoding="utf-8"),
                        reference_text((d / "expected.html").read_text(encoding="utf-8")),
                        meta.get("title")))
    return out
