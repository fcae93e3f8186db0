"""What to print: the edition, the paper, large print, fillable writing space.

One frozen value shared by the command line, the GUI's export dialog and the child process, so the
three always mean the same thing by "facilitator, Letter, large print".
"""

from __future__ import annotations

from dataclasses import dataclass

VARIANTS: tuple[str, ...] = ("participant", "facilitator", "questions")
PAPERS: tuple[str, ...] = ("a4", "letter")
FORMATS: tuple[str, ...] = ("pdf", "html")


@dataclass(frozen=True)
class ExportOptions:
    variant: str = "participant"
    paper: str = "a4"
    large_print: bool = False
    fillable: bool = False

    def __post_init__(self) -> None:
        # A wrong value here is a programming error in a caller (argparse already restricts users).
        if self.variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {self.variant!r}")
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")

    @property
    def private(self) -> bool:
        """Whether facilitator-only text (notes, follow-ups, minutes) may be printed."""
        return self.variant == "facilitator"
