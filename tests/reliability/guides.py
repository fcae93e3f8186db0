"""Guides built in code for the reliability families: big ones for killed saves and many
highlights, with every highlight placed on the parsed essay (as loading would leave it)."""

from __future__ import annotations

from reading_guide.anchoring import describe_selection
from reading_guide.model.guide import (
    DEFAULT_CATEGORIES,
    Essay,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.render import parse

_SENTENCES = (
    "The reader follows the argument from claim to evidence and back again.",
    "Each example is weighed against what the author promised at the start.",
    "A city street, like a paragraph, is read by people who did not write it.",
    "Nobody stops where the pavement narrows; everybody slows where it widens.",
    "The country path remembers every traveller who chose the easier slope.",
)


def essay_text(paragraphs: int, tag: str = "") -> str:
    """Markdown with numbered paragraphs (each one unique, so quotes place exactly)."""
    parts = []
    for i in range(paragraphs):
        if i % 25 == 0:
            parts.append(f"## Part {i // 25 + 1}")
        body = " ".join(
            f"{_SENTENCES[(i + k) % len(_SENTENCES)][:-1]} ({i + 1}.{k + 1})." for k in range(4)
        )
        parts.append(f"Paragraph {i + 1}{tag}. {body}")
    return "\n\n".join(parts) + "\n"


def big_guide(
    paragraphs: int = 2000, highlights: int = 1000, tag: str = "", describe: bool = True
) -> Guide:
    """A guide of about `paragraphs` * 330 bytes of essay plus `highlights` highlights, each with
    a question: 2000 paragraphs and 1000 highlights make a guide of about 1 MB."""
    text = essay_text(paragraphs, tag)
    doc = parse(text)
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    hs: list[Highlight] = []
    qs: list[Question] = []
    for i in range(highlights):
        block = paras[i % len(paras)]
        start = block.start + (i * 7) % max(1, len(block.text) - 60)
        end = start + 20 + i % 40
        # describe=False stores the bare quote (as a hand-written guide would): much faster.
        quote = describe_selection(doc.text, start, end) if describe else Quote(doc.text[start:end])
        hid = f"h{i + 1}"
        hs.append(Highlight(hid, DEFAULT_CATEGORIES[i % 4].id, quote, Position(start, end),
                            note=f"note {i + 1}{tag}"))
        qs.append(Question(f"q{i + 1}", f"What does passage {i + 1} claim{tag}?", hid,
                           minutes=5, follow_ups=["And why?"], answer_lines=2))
    return Guide(
        title=f"Big guide{tag}",
        essay=Essay(title="A Long Essay", author="B. Writer", language="en", text=text),
        session=Session(group="Group", date="2026-12-01", minutes=90, facilitator="Fran"),
        introduction="A long essay for reliability tests.\n",
        categories=[DEFAULT_CATEGORIES[k] for k in range(4)],
        highlights=hs,
        questions=qs,
    )
