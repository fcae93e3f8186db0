"""What reading a PDF mended, and the repairs the report lists for it (`pdf_text.py` reads).

Kept apart from the reading itself: the counts of each kind of mend, the text the HTML holds in
order (so each rejoined hyphenated word is recorded as the nth occurrence of the joined word,
which is how the import finds it again in the Markdown to put it back), and the grouped repairs,
worded with their counts ("21 words hyphenated at line ends rejoined").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from reading_guide.render.converted import grouped_repair
from reading_guide.render.pdf_layout import Removed
from reading_guide.render.repair_changes import word_counts
from reading_guide.render.repairs import Change, Repair, head


@dataclass
class Counts:
    ligatures: int = 0
    soft_hyphens: int = 0
    quotes: int = 0
    rejoined: list[str] = field(default_factory=list)
    # For each rejoined word, how often it occurs in its paragraph before it (to put it back).
    rejoined_nth: list[int] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    markers: int = 0
    # The character the typesetter hyphenates with; a line ending in another hyphen character
    # (WeasyPrint and InDesign hyphenate with U+2010, a compound keeps its U+002D) keeps it.
    auto_hyphen: str = "-"


class EmittedText:
    """The text the HTML holds, in order, and where each paragraph's rejoined words start: a
    rejoined word is the nth of its occurrences in the whole text (as letters), which is how
    the import finds it again in the Markdown (render.repair_changes.place_words)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.length = 0
        self.starts: list[tuple[int, int]] = []  # (rejoins so far, the paragraph's offset)

    def add(self, text: str, rejoins: int = -1) -> None:
        if rejoins >= 0:
            self.starts.append((rejoins, self.length))
        self.texts.append(text)
        self.length += len(text) + 1

    def add_notes(self, notes: Iterable[tuple[str, str]]) -> None:
        """Notes as `pdf_text` writes them: "Note N: text"."""
        for number, text in notes:
            self.add(f"Note {number}: {text}")

    def rejoined_changes(self, counts: Counts) -> list[Change]:
        whole = "\n".join(self.texts)
        words = [w.replace("-", "") for w in counts.rejoined]
        places = word_counts(whole, set(words))
        rejoins = [count for count, _ in self.starts]
        changes = []
        for index, (word, nth) in enumerate(zip(words, counts.rejoined_nth, strict=True)):
            # Its paragraph: the first one by whose end more than `index` words were rejoined.
            paragraph = bisect.bisect_right(rejoins, index)
            start = self.starts[paragraph][1] if paragraph < len(self.starts) else self.length
            before = bisect.bisect_left(places[word], start)
            changes.append(Change(-1, counts.rejoined[index], word, nth=before + nth,
                                  of=len(places[word])))
        return changes


def pdf_repairs(removed: Removed, counts: Counts, notes: int,
                rejoined: list[Change]) -> list[Repair]:
    """The grouped repairs of one PDF, worded with their counts and one example each."""
    repairs: list[Repair] = []

    def add(kind: str, what: str, before: str = "", after: str = "",
            changes: list[Change] | None = None) -> None:
        repairs.append(grouped_repair(kind, what, before, after, changes))

    def pages(n: int) -> str:
        return f"{n} page{'s' if n != 1 else ''}"

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    if removed.heads:
        add("removed-furniture", f"running heads and feet removed on {pages(len(removed.heads))}",
            f"“{head(removed.head_example, 50)}”")
    if removed.page_numbers:
        add("removed-furniture", count(removed.page_numbers, "page number", "page numbers")
            + " removed")
    if removed.slugs:
        add("removed-furniture",
            count(removed.slugs, "printer's slug line", "printer's slug lines") + " removed",
            f"“{head(removed.slug_example, 50)}”")
    if removed.figure_codes:
        add("removed-furniture",
            count(removed.figure_codes, "figure code", "figure codes") + " removed")
    if removed.margin_numbers:
        add("removed-furniture", count(removed.margin_numbers, "line or paragraph number",
                                   "line or paragraph numbers") + " in the margins removed")
    if removed.toc_lines:
        add("removed-furniture", count(removed.toc_lines, "table-of-contents line",
                                   "table-of-contents lines") + " removed")
    if removed.rotated:
        add("removed-furniture", f"text set sideways in the margin removed on "
            f"{pages(removed.rotated_pages)}")
    if counts.rejoined:
        add("rejoined-hyphenation", f"{len(counts.rejoined)} words hyphenated at line ends "
            "rejoined", counts.rejoined[0], counts.rejoined[0].replace("-", ""), rejoined)
    if counts.kept:
        add("kept-hyphen", f"{len(counts.kept)} hyphens at line ends kept (the document uses "
            "these words with a hyphen)", counts.kept[0], counts.kept[0])
    if counts.ligatures:
        add("normalised-unicode", f"{counts.ligatures} ligature characters written as letters",
            "ﬁ", "fi")
    if counts.soft_hyphens:
        add("normalised-unicode", f"{counts.soft_hyphens} soft hyphens removed")
    if counts.quotes:
        add("normalised-unicode", f"{counts.quotes} pairs of single quotes made double quotes",
            "‘‘", "“")
    if notes:
        add("moved-footnotes", f"{notes} footnotes set apart from the text, each after the "
            "paragraph citing it"
            + (f", {counts.markers} note markers taken out of the text" if counts.markers
               else ""))
    return repairs
