"""Markdown paragraphs that are only pictures (README badges, a figure on its own line).

CommonMark reads `![Imgur](images/x.png)` as an image whose alt text is its plain-text form, so
an essay would print "Imgur" as a paragraph of its own. The essay keeps text only: a paragraph
made of nothing but pictures (each perhaps wrapped in a link, inline or by reference) is left
out and each picture reported by its description, as the HTML importer does
(`html_left_out.picture_summary`). A picture inside a sentence keeps its alt text in place: the
sentence needs the words.
"""

from __future__ import annotations

import re

from reading_guide.render.html_left_out import picture_summary
from reading_guide.render.repairs import Repair

_DESTINATION = r"(?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\]\n]*\])"
_PICTURE = re.compile(r"!\[((?:\\.|[^\]\\\n])*)\]" + _DESTINATION)
_LINKED_PICTURE = re.compile(r"\[\s*" + _PICTURE.pattern + r"\s*\]" + _DESTINATION)
_ONLY_PICTURES = re.compile(r"\A(?:\s*(?:" + _LINKED_PICTURE.pattern + "|" + _PICTURE.pattern
                            + r"))+\s*\Z")


def drop_picture_paragraphs(chunk: str, repairs: list[Repair]) -> str:
    """The chunk (Markdown outside code) without its paragraphs made only of pictures."""
    if "![" not in chunk:
        return chunk
    paragraphs = re.split(r"(\n[ \t]*\n)", chunk)
    for i in range(0, len(paragraphs), 2):
        paragraph = paragraphs[i]
        if "![" not in paragraph or _ONLY_PICTURES.match(paragraph) is None:
            continue
        for match in _PICTURE.finditer(paragraph):
            repairs.append(Repair("dropped-image", "document",
                                  picture_summary({"alt": match.group(1)}), "left out"))
        paragraphs[i] = ""
    return "".join(paragraphs)
