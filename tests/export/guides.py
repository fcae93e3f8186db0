"""Fixture guides built in code (positions set from the parsed essay), so export tests depend on
neither storage nor ../shared. Private text carries the marker SECRET so tests can prove it never
reaches a participant's or the questions-only handout."""

from __future__ import annotations

from pathlib import Path

from reading_guide.model import (
    Category,
    Essay,
    GlossaryEntry,
    Guide,
    Highlight,
    Position,
    Question,
    Quote,
    Session,
)
from reading_guide.render import parse

SECRET = "SECRETNOTE"

ESSAY = """# On Walking

Walking is the *oldest* form of thinking. Before there were libraries, there were paths, and \
the philosophers who walked them knew that the legs set the pace of the mind.

## The city

In the city the walker is a reader of signs. Every corner offers a sentence; every street is \
a paragraph that nobody wrote on purpose.

> The street is a text we read with our feet, and it rewrites itself every morning.

The walker notices three things:

- the width of the pavement,
- the speed of strangers,
- the places where nobody stops.

## The country

In the country the path is older than the map. It remembers **every** traveller who chose the \
easier slope, and it teaches patience to anyone who follows it long enough.

Some readers will find this romantic. See [the essay's source](https://example.org/walking) for \
the longer argument, which concedes that the romance of walking is a luxury of those who need not \
walk.
"""

MARKS = ("underline", "double-underline", "dotted", "dashed", "wavy", "side-bar", "box")
COLORS = ("#f2c94c", "#6fcf97", "#56ccf2", "#eb8fd8", "#f2994a", "#bb6bd9", "#9b9b9b")


def _highlight(text: str, hid: str, category: str, exact: str, note: str = "") -> Highlight:
    start = text.index(exact)
    return Highlight(hid, category, Quote(exact), Position(start, start + len(exact)), note=note)


def _span(text: str, hid: str, category: str, first: str, last: str) -> Highlight:
    start = text.index(first)
    end = text.index(last) + len(last)
    return Highlight(hid, category, Quote(text[start:end]), Position(start, end))


def fixture_guide() -> Guide:
    """Every feature once: all seven marks, overlap, a multi-paragraph highlight, an orphan."""
    doc = parse(ESSAY)
    t = doc.text
    categories = [Category(f"k{i}", f"Kind {m}", COLORS[i], m) for i, m in enumerate(MARKS)]
    highlights = [
        _highlight(t, "h1", "k0", "Walking is the oldest form of thinking", note=f"{SECRET} h1"),
        _highlight(t, "h2", "k1", "the legs set the pace of the mind"),
        _highlight(t, "h3", "k2", "the walker is a reader of signs"),
        _highlight(t, "h4", "k3", "every street is a paragraph"),
        _highlight(t, "h5", "k4", "rewrites itself every morning"),
        _highlight(t, "h6", "k5", "the path is older than the map"),
        _highlight(t, "h7", "k6", "a luxury of those who need not walk"),
        # overlaps h3 (starts inside it)
        _highlight(t, "h8", "k1", "reader of signs. Every corner"),
        # spans three paragraphs (list items)
        _span(t, "h9", "k0", "the width of the pavement", "the speed of strangers"),
        Highlight("h10", "k2", Quote("a sentence that was edited away"), None, "orphan",
                  note=f"{SECRET} orphan"),
    ]
    questions = [
        Question("q1", "What does the author mean by calling walking a form of thinking?",
                 "h1", "interpretive", "opening", 5, [f"{SECRET} follow-up"], 3,
                 f"{SECRET} facilitator"),
        Question("q2", "Which details of the city does the walker notice?", "h9", "factual",
                 "core", 10, [], 2),
        Question("q3", "Is the street really a text? Give an example from your own town.", "h4",
                 "evaluative", "core", 15, ["What would a map say instead?"], 4),
        Question("q4", "How is the country path different from the city street?", "h6",
                 "interpretive", "core", 10, [], 3),
        Question("q5", "Where did the edited sentence go?", "h10", "factual", "core", 5, [], 1),
        Question("q6", "Is walking a luxury? Who can afford it?", "h7", "evaluative", "closing",
                 15, [], 4, f"{SECRET} closing"),
        Question("q7", "What will you notice on your walk home?", None, "evaluative", "closing",
                 5, [], 2),
        Question("q8", "Why signs and corners?", "h8", "interpretive", "core", 5, [], 0),
    ]
    return Guide(
        title="Discussion guide for On Walking",
        essay=Essay("On Walking", "A. Walker", "The Walking Review, 2024", "en", ESSAY),
        session=Session("Tuesday readers", "2026-12-01", 60, f"{SECRET} Fran"),
        introduction="We read this short essay **before** the walk.\n\n"
        "Bring a [map](https://example.org/map) if you like.\n",
        categories=categories,
        highlights=highlights,
        questions=questions,
        glossary=[GlossaryEntry("flâneur", "A person who walks the city to observe it."),
                  GlossaryEntry("desire path", "A path made by people choosing the short cut.")],
    )


def long_guide(paragraphs: int, questions: int, seed_text: str = "") -> Guide:
    """A long guide for bad-input and benchmark runs: many paragraphs and questions."""
    sentence = seed_text or ("The reader follows the argument from claim to evidence and back "
                             "again, weighing each example against what the author promised. ")
    parts = []
    for i in range(paragraphs):
        if i % 12 == 0:
            parts.append(f"## Part {i // 12 + 1}")
        parts.append(f"Paragraph {i + 1}. " + sentence * 4)
    text = "\n\n".join(parts) + "\n"
    doc = parse(text)
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    cats = [Category(f"k{i}", f"Kind {m}", COLORS[i], m) for i, m in enumerate(MARKS)]
    highlights = []
    qs = []
    for i in range(questions):
        b = paras[(i * 7) % len(paras)] if paras else None
        hid = None
        if b is not None and i % 2 == 0:
            hid = f"h{i}"
            s = b.start + 14 + (i % 5) * 10
            highlights.append(Highlight(hid, f"k{i % 7}", Quote(t := doc.text[s:s + 40]),
                                        Position(s, s + len(t))))
        qs.append(Question(f"q{i}", f"Question {i + 1}: what does the author claim here, and "
                           "what evidence is offered?", hid, "interpretive",
                           ("opening", "core", "closing")[min(i * 3 // max(questions, 1), 2)],
                           5, [], 3))
    return Guide(
        title="Long guide",
        essay=Essay("A Long Essay", "B. Writer", "", "en", text),
        session=Session("Group", "2026-12-01", 90),
        introduction="A long essay for testing.",
        categories=cats,
        highlights=highlights,
        questions=qs,
    )


HEBREW_ESSAY = Path(__file__).resolve().parent.parent / "data" / "export" / "hebrew-essay.md"
# The passages the Hebrew tests check: one starts after a one-letter prefix (ש|קריאה), one
# holds English words inside a Hebrew sentence, one numbers.
HEBREW_MARKS = ("קריאה איטית איננה מותרות", "Mortimer Adler בספרו", "12 אנשים (ולפעמים 20)",
                "טקסט מסוגל לעשות")


def hebrew_guide() -> Guide:
    """The Hebrew essay (tests/data/export), with marks mid-sentence, mid-word and over English
    words, questions in Hebrew, English and Arabic."""
    text = HEBREW_ESSAY.read_text(encoding="utf-8")
    doc = parse(text)
    t = doc.text
    categories = [Category(f"k{i}", f"Kind {m}", COLORS[i], m) for i, m in enumerate(MARKS)]
    highlights = [_highlight(t, f"h{i}", f"k{i}", exact, note=f"{SECRET} {i}")
                  for i, exact in enumerate(HEBREW_MARKS)]
    questions = [
        Question("q1", "מה טוען המאמר על *קריאה איטית*?", "h0", "interpretive", "opening", 5,
                 [], 3),
        Question("q2", "Why does the author quote Mortimer Adler?", "h1", "factual", "core", 5,
                 [], 2),
        Question("q3", "ما الذي يضيفه «القارئ البطيء» إلى المجموعة؟", "h2", "evaluative", "core",
                 10, [], 3),
        Question("q4", "האם הטקסט באמת \"מסוגל לעשות\" משהו?", "h3", "evaluative", "closing", 5,
                 [], 2),
    ]
    return Guide(
        title="מדריך דיון: על קריאה איטית",
        essay=Essay("על קריאה איטית", "צוות מדריך הקריאה", "נכתב עבור הבדיקות", "he", text),
        session=Session("קבוצת יום חמישי", "2026-12-03", 60, "שרה"),
        introduction="קראו את המאמר פעם אחת, ואז שוב עם **עיפרון**.\n",
        categories=categories,
        highlights=highlights,
        questions=questions,
        glossary=[GlossaryEntry("קריאה איטית", "קריאה עם שאלות, ולא רק במהירות נמוכה.")],
    )


def stress_guide() -> Guide:
    """The 40-question stress guide: writing space from none to 40 lines, a 2,000-word
    question, a question in three scripts, long and short stages."""
    guide = long_guide(paragraphs=30, questions=40)
    for i, q in enumerate(guide.questions):
        q.answer_lines = (0, 2, 4, 6, 12, 3)[i % 6]
    guide.questions[5].answer_lines = 40
    guide.questions[11].text = " ".join(f"word{i}" for i in range(2000))
    guide.questions[11].answer_lines = 8
    guide.questions[17].text = ("Mixed scripts: is «القراءة البطيئة» the same as קריאה איטית, "
                                "and is *slow* the right word?")
    guide.glossary = [GlossaryEntry(f"term {i}", "A definition of some length for the "
                                    "glossary at the end of the guide.") for i in range(12)]
    return guide


def seed_guide(essay_file: Path) -> Guide:
    """The real essay of ../shared (through the app's importer) with 12 questions, one in
    Arabic, marks of every category."""
    from reading_guide.model.guide import DEFAULT_CATEGORIES
    from reading_guide.render import import_essay

    imported = import_essay(essay_file)
    doc = parse(imported.markdown)
    paras = [b for b in doc.blocks if b.kind != "heading"]
    highlights, questions = [], []
    step = max(len(paras) // 8, 1)
    for i, block in enumerate(paras[::step][:8]):
        start = block.start + min(20, len(block.text) // 3)
        end = min(start + 90, block.end)
        highlights.append(Highlight(f"h{i}", DEFAULT_CATEGORIES[i % 4].id,
                                    Quote(doc.text[start:end]), Position(start, end),
                                    note=f"{SECRET} note {i}"))
    stages = ("opening", "core", "core", "core", "closing")
    for i in range(12):
        text = (f"What does the passage claim, and what would the author need to believe for "
                f"it to be true? ({i + 1})")
        if i == 6:
            text = "ما الذي يقصده الكاتب بعبارة «السياسة الجماهيرية»؟"
        questions.append(Question(f"q{i}", text, f"h{i}" if i < 8 else None,
                                  ("factual", "interpretive", "evaluative")[i % 3],
                                  stages[i % 5], 5 + i % 3 * 5, [f"{SECRET} follow-up"],
                                  (3, 4, 6, 2)[i % 4], f"{SECRET} facilitator"))
    return Guide(
        title="Seed essay",
        essay=Essay(imported.title, "", essay_file.name, "en", imported.markdown),
        session=Session("Seed group", "2026-12-01", 90, "Sam"),
        introduction="Read the essay *twice*; bring one question of your own.",
        categories=[Category(c.id, c.label, c.color, c.mark) for c in DEFAULT_CATEGORIES],
        highlights=highlights,
        questions=questions,
        glossary=[GlossaryEntry("electoralism", "A strategy centred on winning elections.")],
    )
