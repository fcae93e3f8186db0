"""The "question bomb" (issue 18): a small guide whose handout is enormous.

The outside attack's file was 0.87 MB: 20,000 questions, each with 40 answer lines. Every
question prints its writing space, so the handout runs to about 20,000 pages; WeasyPrint keeps
every laid-out page in memory until it writes the PDF, and the command line (which had no limit)
passed 4 GB after 228 s and was still growing. The table of fields now holds a guide to 10,000
questions and 60 answer lines each, so the attack's file is refused as it is read; the full bomb
is the worst guide that still opens (10,000 x 60: about 15,000 pages). Tests use small versions
of it; the full one runs in the slow family and in bench/bench_export_process.py.

    python -m tests.reliability.question_bomb OUT.guide.yaml [QUESTIONS] [ANSWER_LINES]
"""

from __future__ import annotations

import sys
from pathlib import Path

from reading_guide.model.fields import FIELDS, LIST_LIMITS, IntField
from reading_guide.model.guide import Essay, Guide, Question

ATTACK_QUESTIONS = 20_000
ATTACK_ANSWER_LINES = 40
_LINES = FIELDS["question.answer_lines"]
assert isinstance(_LINES, IntField)
FULL_QUESTIONS = LIST_LIMITS["questions"]
FULL_ANSWER_LINES = _LINES.maximum


def question_bomb(questions: int = FULL_QUESTIONS,
                  answer_lines: int = FULL_ANSWER_LINES) -> Guide:
    """A valid guide: a one-paragraph essay and `questions` short general questions, each
    asking for `answer_lines` lines of writing space."""
    return Guide(
        title="Question bomb",
        essay=Essay(title="A short essay", language="en",
                    text="A short essay with very many questions about it.\n"),
        questions=[Question(f"q{i}", "Why?", answer_lines=answer_lines)
                   for i in range(1, questions + 1)],
    )


def question_bomb_text(questions: int = FULL_QUESTIONS,
                       answer_lines: int = FULL_ANSWER_LINES) -> str:
    """The same guide as a file written by hand, as the attack's was (kind and stage left to
    their defaults): the attack's 20,000 questions make 0.89 MB."""
    head = ("format: reading-guide/1\ntitle: Question bomb\nessay:\n  title: A short essay\n"
            "  language: en\n  text: |\n    A short essay with very many questions about it.\n"
            "questions:\n")
    return head + "".join(f"- id: q{i}\n  text: Why?\n"
                          f"  answer_lines: {answer_lines}\n"
                          for i in range(1, questions + 1))


def write_question_bomb(path: str | Path, questions: int = FULL_QUESTIONS,
                        answer_lines: int = FULL_ANSWER_LINES) -> Path:
    out = Path(path)
    out.write_text(question_bomb_text(questions, answer_lines), encoding="utf-8")
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    if not 1 <= len(args) <= 3:
        sys.exit(__doc__.splitlines()[-1].strip())
    written = write_question_bomb(args[0], *(int(a) for a in args[1:]))
    print(f"{written}: {written.stat().st_size / 1e6:.2f} MB")
