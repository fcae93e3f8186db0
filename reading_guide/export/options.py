"""What to print: the edition, the paper, large print, fillable fields, the writing space, the
question kinds, a folded booklet.

One frozen value shared by the command line, the GUI's export dialog and the child process, so the
three always mean the same thing by "facilitator, Letter, large print".
"""

from __future__ import annotations

from dataclasses import dataclass

from reading_guide.model import WRITING_SPACES

VARIANTS: tuple[str, ...] = ("participant", "facilitator", "questions")
PAPERS: tuple[str, ...] = ("a4", "letter")
FORMATS: tuple[str, ...] = ("pdf", "html")


@dataclass(frozen=True)
class ExportOptions:
    variant: str = "participant"
    paper: str = "a4"
    large_print: bool = False
    fillable: bool = False
    # lines | boxes | none; None: the guide's own default (`handout.writing_space`).
    writing_space: str | None = None
    # Leave "Interpretive", "Factual"... off the participant and questions editions.
    hide_kinds: bool = False
    # Print two pages side by side on each side of a sheet, in folding order (PDF only).
    booklet: bool = False

    def __post_init__(self) -> None:
        # A wrong value here is a programming error in a caller (argparse already restricts users).
        if self.variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {self.variant!r}")
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")
        if self.writing_space is not None and self.writing_space not in WRITING_SPACES:
            raise ValueError(f"writing_space must be one of {', '.join(WRITING_SPACES)}, "
                             f"not {self.writing_space!r}")

    @property
    def private(self) -> bool:
        """Whether facilitator-only text (notes, follow-ups, minutes) may be printed."""
        return self.variant == "facilitator"

    @property
    def show_kinds(self) -> bool:
        return self.private or not self.hide_kinds
