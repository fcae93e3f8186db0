"""Generators for the big and deep members of the hostile corpus (tests/data/hostile/MANIFEST.yaml
names them with `generate:`): written at test time into a temporary folder, never committed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reading_guide.storage import dumps_guide
from tests.reliability.guides import big_guide

MB = 1024 * 1024
_HEADER = "format: reading-guide/1\ntitle: padded\nessay:\n  text: |\n"


def big_guide_21mb(path: Path) -> None:
    line = "    " + "word " * 200 + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(_HEADER)
        for _ in range(21 * MB // len(line) + 1):
            f.write(line)


def big_essay_21mb(path: Path) -> None:
    para = ("A paragraph of ordinary words that goes on for a while. " * 20) + "\n\n"
    path.write_text(para * (21 * MB // len(para) + 1), encoding="utf-8")


def big_essay_15mb(path: Path) -> None:
    """Under the limit: a whole shelf of books in one file must import, not hang."""
    paras = [f"Paragraph {i}. " + "Ordinary words in an ordinary sentence. " * 20 + "\n\n"
             for i in range(15 * MB // 830)]
    path.write_text("".join(paras), encoding="utf-8")


def deep_yaml_flow(path: Path) -> None:
    path.write_text("format: reading-guide/1\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n")


def deep_yaml_block(path: Path) -> None:
    lines = ["format: reading-guide/1", "glossary:"]
    lines += [" " * (2 * i) + "- " for i in range(1, 1500)]
    path.write_text("\n".join(lines) + "x\n")


def deep_quotes(path: Path) -> None:
    path.write_text("Before the quotes.\n\n" + "> " * 5000 + "deepest words\n\nAfter the quotes.\n")


def deep_quote_lines(path: Path) -> None:
    lines = ["Before the quotes.", ""]
    lines += [">" * i + f" level{i}" for i in range(1, 3001)]
    lines += ["", "After the quotes."]
    path.write_text("\n".join(lines) + "\n")


def deep_lists(path: Path) -> None:
    lines = ["Before the list.", ""]
    lines += ["  " * i + f"- item{i}" for i in range(3000)]
    lines += ["", "After the list."]
    path.write_text("\n".join(lines) + "\n")


def deep_lists_shallow(path: Path) -> None:
    """As deep as the CommonMark preset's old limit kept (9 list, 19 quote levels), 40 times."""
    lines = ["Before the list.", ""]
    for block in range(40):
        lines += ["  " * i + f"- item{block}x{i} " + "words " * 20 for i in range(9)]
        lines += [""] + ["> " * i + f"quote{block}x{i}" for i in range(1, 20)] + [""]
    lines += ["After the list."]
    path.write_text("\n".join(lines) + "\n")


def ten_level_list(path: Path) -> None:
    """An outline ten levels deep: the smallest list whose innermost item markdown-it drops."""
    lines = ["An outline:", ""] + ["  " * i + f"- level{i + 1}" for i in range(10)]
    path.write_text("\n".join(lines) + "\n\nAfter the outline.\n")


def deep_html(path: Path) -> None:
    path.write_text("<html><body><p>Before.</p>" + "<blockquote>" * 5000 + "<p>deepest words</p>"
                    + "</blockquote>" * 5000 + "<p>After.</p></body></html>")


def deep_divs(path: Path) -> None:
    path.write_text("<p>Before.</p>" + "<div><span><em>" * 30_000 + "deepest words"
                    + "</em></span></div>" * 30_000 + "<p>After.</p>")


def unclosed_tags(path: Path) -> None:
    path.write_text("<p>Start." + "<b><i><blockquote><ul><li>" * 20_000 + "deepest words")


def megabyte_line_md(path: Path) -> None:
    path.write_text("# One line\n\n" + " ".join(f"w{i}" for i in range(200_000)) + " last\n")


def megabyte_line_guide(path: Path) -> None:
    title = "x" * MB
    path.write_text(f"format: reading-guide/1\ntitle: {title}\nessay:\n  text: |\n    Hello.\n")


def emphasis_bomb(path: Path) -> None:
    path.write_text("*" * 50_000 + "word" + "_" * 50_000 + "\n\n" + "[" * 50_000 + "x"
                    + "](y)" * 1000 + "\n\n" + "`" * 30_000 + "\n\nLast words.\n")


def commonmark_pathological(path: Path) -> None:
    """The shapes of CommonMark's own pathological tests (quadratic in naive parsers), 10,000
    each, one paragraph per shape, then a last paragraph that must survive them all."""
    n = 10_000
    shapes = ["[" * n + "a" + "](b)" * n, "[" * n + "a" + "]" * n, "a* " * n, "*a " * n,
              "*a_ " * n, "[a" * n, "a_*" * n + "_a*_" * n, "`a``" * n, "[a](<b" * n,
              "[a](b" * n, "&#" * n, "\\" * n + "a", "<a" * n, "![" * n + "a"]
    path.write_text("\n\n".join(shapes) + "\n\nThe last words survive.\n")


def many_highlights(path: Path) -> None:
    guide = big_guide(paragraphs=2500, highlights=10_000, describe=False)
    path.write_text(dumps_guide(guide), encoding="utf-8")


def many_highlights_few_questions(path: Path) -> None:
    """10,000 highlights (many overlapping) but only 100 questions: the essay pages do the work."""
    guide = big_guide(paragraphs=2500, highlights=10_000, describe=False)
    guide.questions = guide.questions[:100]
    path.write_text(dumps_guide(guide), encoding="utf-8")


def many_quote_only_highlights(path: Path) -> None:
    """5,000 hand-written highlights with only `quote.exact`: every one must be placed."""
    guide = big_guide(paragraphs=2500, highlights=5000, describe=False)
    for h in guide.highlights:
        h.position = None
        h.quote.prefix = h.quote.suffix = ""
    text = dumps_guide(guide)
    path.write_text(text, encoding="utf-8")


def long_language_value(path: Path) -> None:
    path.write_text("format: reading-guide/1\nessay:\n  language: " + "x" * MB
                    + "\n  text: |\n    Hello.\n")


GENERATORS: dict[str, Callable[[Path], None]] = {
    f.__name__: f
    for f in (
        big_guide_21mb, big_essay_21mb, big_essay_15mb, deep_yaml_flow, deep_yaml_block,
        deep_quotes, deep_quote_lines, deep_lists, deep_lists_shallow, ten_level_list, deep_html,
        deep_divs, unclosed_tags, megabyte_line_md, megabyte_line_guide, emphasis_bomb,
        commonmark_pathological,
        many_highlights, many_highlights_few_questions, many_quote_only_highlights,
        long_language_value,
    )
}
