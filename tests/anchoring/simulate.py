"""A book-length essay, revised the way editors revise, with the truth of where every passage went.

The essay is built from tokens that carry an identity, so after any edit we know exactly where a
highlighted passage is in the new edition (or that it is gone). Edits: typo fixes, British to
American spelling, rewording, words cut from a sentence (a quote shortened), words added, whole
sentences deleted, paragraphs reordered, merged and split, new paragraphs, headings renamed,
straight quotes made curly. Stock phrases recur through the book, as they do in real prose, so a
short or boilerplate quote has look-alikes elsewhere. Used by tests (a few hundred KB) and by the
benchmark (1 MB); deterministic for a given seed.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

from reading_guide.anchoring import describe_selection
from reading_guide.model import Highlight, Position

FUNCTION_WORDS = (
    "the of and to a in that is was he for it with as his on be at by I this had not are but "
    "from or have an they which one you were her all she there would their we him been has when "
    "who will more no if out so said what up its about into than them can only other new some "
    "could time these two may then do first any my now such like our over man me even most made"
).split()
BRITISH = {
    "colour": "color", "behaviour": "behavior", "organise": "organize", "realise": "realize",
    "centre": "center", "theatre": "theater", "analyse": "analyze", "honour": "honor",
    "favour": "favor", "labour": "labor", "neighbour": "neighbor", "travelled": "traveled",
    "programme": "program", "defence": "defense", "catalogue": "catalog", "grey": "gray",
}
STOCK = [
    "as we have seen",
    "in the words of the committee",
    "the matter is far from settled",
    "it is worth pausing here",
    "none of this was inevitable",
    "the evidence points the other way",
]
SYLLABLES = "ka lo mi ren tor va sel dun pra vik ol am est rin hal cor bed tum nis gal fer".split()


@dataclass
class Block:
    kind: str  # heading | paragraph
    tokens: list[list]  # [id, text]


@dataclass
class Book:
    blocks: list[Block]
    next_id: int = 0

    def text_and_spans(self) -> tuple[str, dict[int, tuple[int, int]]]:
        parts: list[str] = []
        spans: dict[int, tuple[int, int]] = {}
        offset = 0
        for bi, block in enumerate(self.blocks):
            if bi:
                parts.append("\n")
                offset += 1
            for ti, (tid, word) in enumerate(block.tokens):
                if ti:
                    parts.append(" ")
                    offset += 1
                spans[tid] = (offset, offset + len(word))
                parts.append(word)
                offset += len(word)
        return "".join(parts), spans


@dataclass
class Case:
    old_text: str
    new_text: str
    highlights: list[Highlight]
    truth: dict[str, tuple[int, int] | None]  # expected new range, None when the passage is gone
    kinds: dict[str, str] = field(default_factory=dict)


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next_id = 0
        self.vocab = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(6000)
        ] + list(BRITISH)
        self.cum_weights = list(
            itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(self.vocab)))
        )

    def tok(self, word: str) -> list:
        self.next_id += 1
        return [self.next_id, word]

    def word(self) -> str:
        if self.rng.random() < 0.45:
            return self.rng.choice(FUNCTION_WORDS)
        return self.rng.choices(self.vocab, cum_weights=self.cum_weights)[0]

    def sentence(self) -> list[list]:
        if self.rng.random() < 0.06:
            words = self.rng.choice(STOCK).split()
        else:
            words = [self.word() for _ in range(self.rng.randint(6, 22))]
            if self.rng.random() < 0.15:
                i = self.rng.randrange(len(words))
                words[i] = f'"{words[i]}"'
            if self.rng.random() < 0.1:
                words.insert(self.rng.randrange(1, len(words)), "--")
            if self.rng.random() < 0.1:
                words[-1] = words[-1] + "'s"
        words[0] = words[0][:1].upper() + words[0][1:]
        words[-1] += "."
        return [self.tok(w) for w in words]

    def paragraph(self) -> Block:
        tokens: list[list] = []
        for _ in range(self.rng.randint(2, 7)):
            tokens += self.sentence()
        return Block("paragraph", tokens)

    def heading(self, n: int) -> Block:
        count = self.rng.randint(2, 5)
        words = [f"Chapter {n}:"] + [self.word().capitalize() for _ in range(count)]
        return Block("heading", [self.tok(w) for w in words])


def make_book(rng: random.Random, size: int) -> tuple[Book, _Maker]:
    maker = _Maker(rng)
    blocks: list[Block] = []
    length = 0
    chapter = 0
    while length < size:
        if not blocks or rng.random() < 0.08:
            chapter += 1
            blocks.append(maker.heading(chapter))
        block = maker.paragraph()
        blocks.append(block)
        length += sum(len(t[1]) + 1 for t in block.tokens)
    return Book(blocks), maker


def _sentences(block: Block) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, (_, w) in enumerate(block.tokens):
        if w.endswith("."):
            out.append((start, i + 1))
            start = i + 1
    return out


def revise(book: Book, maker: _Maker, rate: float) -> Book:
    """A new edition: about `rate` of the words changed, plus structural edits."""
    rng = maker.rng
    blocks = [Block(b.kind, [list(t) for t in b.tokens]) for b in book.blocks]
    for block in blocks:
        if block.kind == "heading":
            if rng.random() < 0.2:  # heading renamed
                block.tokens = [maker.tok(w) for w in ["Part", maker.word().capitalize()]]
            continue
        if rng.random() < 0.3:  # curly quotes
            for t in block.tokens:
                t[1] = t[1].replace("'", "\u2019").replace("--", "\u2014")
                if t[1].startswith('"'):
                    t[1] = "\u201c" + t[1][1:]
                t[1] = t[1].replace('"', "\u201d")
        new_tokens: list[list] = []
        for t in block.tokens:
            r = rng.random()
            base = t[1].rstrip(".")
            if base in BRITISH:
                t[1] = t[1].replace(base, BRITISH[base])
            elif r < rate * 0.25 and len(base) > 3:  # typo fix
                i = rng.randrange(1, len(base) - 1)
                t[1] = base[:i] + base[i + 1] + base[i] + base[i + 2 :] + t[1][len(base) :]
            elif r < rate * 0.5:  # reworded: a different word, so a new token
                t = maker.tok(maker.word() + t[1][len(base) :])
            elif r < rate * 0.7:  # cut (a quote shortened)
                if not t[1].endswith("."):
                    continue
            elif r < rate:  # a word added
                new_tokens.append(maker.tok(maker.word()))
            new_tokens.append(t)
        block.tokens = new_tokens
        sents = _sentences(block)
        if len(sents) > 2 and rng.random() < 0.05:  # a sentence deleted
            a, b = rng.choice(sents)
            del block.tokens[a:b]
    out: list[Block] = []
    for block in blocks:
        sents = _sentences(block)
        paragraph = block.kind == "paragraph"
        if paragraph and len(sents) > 2 and rng.random() < 0.03:
            cut = sents[len(sents) // 2][0]  # split in two
            out += [Block("paragraph", block.tokens[:cut]), Block("paragraph", block.tokens[cut:])]
        elif paragraph and out and out[-1].kind == "paragraph" and rng.random() < 0.03:
            out[-1].tokens += block.tokens  # merged with the one before
        else:
            out.append(block)
        if rng.random() < 0.02:
            out.append(maker.paragraph())  # a new paragraph
    for _ in range(max(1, len(out) // 60)):  # paragraphs reordered
        i = rng.randrange(len(out))
        if out[i].kind == "paragraph":
            moved = out.pop(i)
            out.insert(rng.randrange(len(out)), moved)
    return Book([b for b in out if b.tokens])


def make_case(seed: int, size: int, highlights: int, rate: float = 0.02) -> Case:
    rng = random.Random(seed)
    book, maker = make_book(rng, size)
    old_text, old_spans = book.text_and_spans()
    chosen: list[Highlight] = []
    token_ids: dict[str, list[int]] = {}
    kinds: dict[str, str] = {}
    candidates = [b for b in book.blocks if len(b.tokens) >= 3]
    while len(chosen) < highlights:
        block = rng.choice(candidates)
        r = rng.random()
        low, high = (1, 3) if r < 0.25 else (4, 15) if r < 0.8 else (16, 40)
        n = rng.randint(low, high)
        n = min(n, len(block.tokens))
        i = rng.randrange(len(block.tokens) - n + 1)
        ids = [t[0] for t in block.tokens[i : i + n]]
        start, end = old_spans[ids[0]][0], old_spans[ids[-1]][1]
        hid = f"h{len(chosen) + 1}"
        quote = describe_selection(old_text, start, end)
        chosen.append(Highlight(hid, "claim", quote, Position(start, end)))
        token_ids[hid] = ids
        kinds[hid] = "short" if n <= 3 else "long" if n > 15 else "medium"
    new_book = revise(book, maker, rate)
    new_text, new_spans = new_book.text_and_spans()
    truth: dict[str, tuple[int, int] | None] = {}
    for hid, ids in token_ids.items():
        # The passage is where most of its words went (a split and a move can tear it apart);
        # it still exists when that place holds at least half of its words.
        alive = sorted(new_spans[i] for i in ids if i in new_spans)
        groups: list[list[tuple[int, int]]] = []
        for span in alive:
            if groups and span[0] - groups[-1][-1][1] <= 40:
                groups[-1].append(span)
            else:
                groups.append([span])
        biggest = max(groups, key=len, default=[])
        ok = len(biggest) * 2 >= len(ids)
        truth[hid] = (biggest[0][0], biggest[-1][1]) if ok else None
    return Case(old_text, new_text, chosen, truth, kinds)


def judge(truth: tuple[int, int] | None, status: str, start: int | None, end: int | None) -> str:
    """`landed`, `review`, `orphan`, `wrong` (exact/fuzzy on the wrong place), or `unplaced-ok`."""
    if status == "orphan" or start is None or end is None:
        return "orphan"
    right = False
    if truth is not None:
        # Most of the passage covered, and not much else: edges may differ by a word or so.
        length = truth[1] - truth[0]
        overlap = min(end, truth[1]) - max(start, truth[0])
        outside = (end - start) - max(0, overlap)
        right = overlap > 0 and overlap >= 0.5 * length and outside <= max(12, length // 2)
    if status == "review":
        return "review-right" if right else "review-wrong"
    return "landed" if right else "wrong"
