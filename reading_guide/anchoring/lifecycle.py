"""The rules every automatic placement passes through, on opening a guide and on moving it.

docs/FORMAT.md ("Highlight lifecycle") is the contract; this module and `Highlight.settle`
(model/guide.py) are where it is enforced, so the loader (place.py) and the move (reanchor.py)
cannot drift apart:

- `exact` only when the placed text is the quote (after the documented normalisation) and does
  not start or end inside a longer word the quote did not cut (`honest_status`);
- fuzzy and review spans start and end on word boundaries and do not take in a paragraph break the
  quote did not have (`clean_span`);
- the quote is never rewritten: what was placed is described beside it (`placed_selector`);
- an orphan comes back only when its own passage, with the words around it, reappears
  (`reappears`), and then only for review; statuses are capped by `capped_status`.
"""

from __future__ import annotations

from reading_guide.anchoring.exact import describe_selection
from reading_guide.anchoring.normalize import NormalText, normalize_quote
from reading_guide.anchoring.words import cut_ends, cuts_word, is_word_char, word_run_pattern
from reading_guide.model import Quote

__all__ = ["clean_span", "cut_ends", "cuts_word", "honest_status", "is_word_char",
           "placed_selector", "reappears", "same_words"]

def _words_of(text: str) -> set[str]:
    return {w.casefold() for w in word_run_pattern().findall(text)}


def same_words(a: str, b: str) -> bool:
    """Equal after the documented normalisation (NFC, quotes, dashes, white space)."""
    return a == b or normalize_quote(a).strip() == normalize_quote(b).strip()


def honest_status(
    status: str, text: str, start: int, end: int, target: str, target_cuts_word: bool = False
) -> str:
    """`status`, or `fuzzy` when an `exact` label would claim more than is true: the placed text
    differs from `target`, or it cuts a word where the target did not."""
    if status != "exact":
        return status
    if not same_words(text[start:end], target):
        return "fuzzy"
    if cuts_word(text, start, end) and not target_cuts_word:
        return "fuzzy"
    return status


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) between line feeds (paragraph breaks in a reading text)."""
    pieces = []
    a = start
    while True:
        nl = text.find("\n", a, end)
        if nl < 0:
            pieces.append((a, end))
            return pieces
        pieces.append((a, nl))
        a = nl + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _distance(a: str, b: str) -> int:
    import edlib  # only for a span that crosses a paragraph break

    return int(edlib.align(normalize_quote(a), normalize_quote(b), mode="NW",
                           task="distance")["editDistance"])


def _drop_stray_paragraphs(text: str, start: int, end: int, target: str) -> tuple[int, int]:
    """Leave out a paragraph at either end of the span that the match does not need: the tail
    of the previous paragraph, the head of the next. A paragraph the target's words run into (a
    paragraph split inside the passage) stays: leaving it out would cost more edits than half
    its length."""
    pieces = [p for p in _paragraphs(text, start, end) if p[1] > p[0]]
    wanted = _words_of(target)

    def stray(piece: tuple[int, int]) -> bool:  # not one of the target's words in it
        return not wanted & _words_of(text[piece[0] : piece[1]])

    while len(pieces) > 1 and (stray(pieces[0]) or stray(pieces[-1])):
        if stray(pieces[0]):
            pieces.pop(0)
        else:
            pieces.pop()
    while len(pieces) > 1:
        whole = _distance(target, text[pieces[0][0] : pieces[-1][1]])
        first, last = pieces[0], pieces[-1]
        without_first = _distance(target, text[pieces[1][0] : last[1]])
        without_last = _distance(target, text[first[0] : pieces[-2][1]])
        gain_first = whole + (first[1] - first[0]) / 2 - without_first
        gain_last = whole + (last[1] - last[0]) / 2 - without_last
        if max(gain_first, gain_last) < 0:
            break
        if gain_first >= gain_last:
            pieces.pop(0)
        else:
            pieces.pop()
    return (pieces[0][0], pieces[-1][1]) if pieces else (start, end)


def clean_span(
    text: str, start: int, end: int, target: str, keep_cut: tuple[bool, bool] = (False, False)
) -> tuple[int, int]:
    """A fuzzy or review span made presentable: without a paragraph at either end that the match
    does not need (unless the target itself crosses a paragraph break), trimmed of white space,
    and widened or narrowed to whole words, except at an end where the highlighted passage
    itself cut a word (`keep_cut`: start, end)."""
    if start >= end:
        return start, end
    if "\n" not in target.strip() and "\n" in text[start:end]:
        start, end = _drop_stray_paragraphs(text, start, end, target)
    start, end = _trim(text, start, end)
    if start >= end:
        return start, end
    if not keep_cut[0] and 0 < start < end:
        start = _snap_start(text, start, end)
    if not keep_cut[1] and start < end < len(text):
        end = _snap_end(text, start, end)
    return start, end


def _snap_start(text: str, start: int, end: int) -> int:
    """Move a start that falls inside a word to that word's start, or past it when less than
    half of the word is inside the span."""
    if not (is_word_char(text[start - 1]) and is_word_char(text[start])):
        return start
    word_start = start
    while word_start > 0 and is_word_char(text[word_start - 1]):
        word_start -= 1
    word_end = start
    while word_end < len(text) and is_word_char(text[word_end]):
        word_end += 1
    inside = min(word_end, end) - start
    if inside * 2 >= word_end - word_start or word_end >= end:
        return word_start
    nxt = word_end
    while nxt < end and not is_word_char(text[nxt]):
        nxt += 1
    return nxt if nxt < end else word_start


def _snap_end(text: str, start: int, end: int) -> int:
    """Move an end that falls inside a word to that word's end, or back before it when less
    than half of the word is inside the span."""
    if not (is_word_char(text[end - 1]) and is_word_char(text[end])):
        return end
    word_end = end
    while word_end < len(text) and is_word_char(text[word_end]):
        word_end += 1
    word_start = end
    while word_start > 0 and is_word_char(text[word_start - 1]):
        word_start -= 1
    inside = end - max(word_start, start)
    if inside * 2 >= word_end - word_start or word_start <= start:
        return word_end
    prev = word_start
    while prev > start and not is_word_char(text[prev - 1]):
        prev -= 1
    return prev if prev > start else word_end


def placed_selector(text: str, start: int, end: int, quote: Quote) -> Quote | None:
    """How an automatic placement is described beside the quote: None when the text at
    [start, end) is the quote's own (up to normalisation), else its text with context."""
    if start >= end or same_words(text[start:end], quote.exact):
        return None
    return describe_selection(text, start, end)


def reappears(norm: NormalText, quote: Quote, context: tuple[str, str]) -> tuple[int, int] | None:
    """Where an orphan's own passage is again, words and context, or None.

    An orphan may come back (for review) only when its exact words reappear once, with the
    words around them as they were on both sides (`context`: normalised, within the paragraph,
    long enough to pin a place); a look-alike with other surroundings is not its passage.
    Positions are in the normalised text.
    """
    prefix, suffix = context
    exact = normalize_quote(quote.exact)
    if not exact.strip() or min(len(prefix), len(suffix)) < 1 or max(len(prefix),
                                                                    len(suffix)) < 12:
        return None
    needle = prefix + exact + suffix
    first = norm.text.find(needle)
    if first < 0 or norm.text.find(needle, first + 1) >= 0:
        return None
    start = first + len(prefix)
    return start, start + len(exact)
