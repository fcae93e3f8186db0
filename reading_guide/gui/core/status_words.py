"""A highlight's placement status in the words a facilitator uses (issue 17.4).

The file format says fuzzy, review and orphan (docs/FORMAT.md, "Highlight lifecycle"); on screen
they are "changed slightly", "needs a look" and "not found", the same in the editor, the tree's
tool tips and the review queue.
"""

from __future__ import annotations

STATUS_WORDS = {
    "exact": "in place",
    "fuzzy": "changed slightly",
    "review": "needs a look",
    "orphan": "not found",
}
STATUS_SENTENCES = {
    "fuzzy": "Found with slightly different words: check them, then Accept.",
    "review": "Placed where it most likely is, but it could be elsewhere: please check.",
    "orphan": "Not found in this essay: choose its passage, or keep its questions as general "
              "questions.",
}


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def status_sentence(status: str, reason: str = "") -> str:
    """The status as a sentence, with the reason the placement recorded when there is one
    ("… please check. Why: The passage's words changed."): what to look for."""
    why = reason.split(";")[0].strip()
    sentence = STATUS_SENTENCES.get(status, "")
    return sentence + (f" Why: {why[:1].upper()}{why[1:]}." if why else "")
