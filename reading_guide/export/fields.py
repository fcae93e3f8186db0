"""User text in the handout: the Markdown subset of user_text.py, laid out in its own direction
and tagged with its language when its script says it is not the essay's.

Every field is isolated in its own `<bdi>` (or paragraph) with an explicit `dir` from its first
strong letter, as `dir="auto"` does in a browser: an Arabic question in an English guide is
right-aligned with its question mark on the left, and a direction control in it stays inside it.
The language of a field is a guess from its script (Hebrew, Arabic or Greek letters in a guide
whose essay is in another script); it gives screen readers and hyphenation the right language.
Text in the essay's own script inherits the essay's language.
"""

from __future__ import annotations

from html import escape

from reading_guide.export import bidi
from reading_guide.export.inline import Mark, render_inline
from reading_guide.export.user_text import runs_text, user_text_paragraphs

# Script -> the language its text most likely is, for a `lang` attribute.
SCRIPT_LANGUAGE = {"hebr": "he", "arab": "ar", "grek": "el"}
_LANGUAGE_SCRIPT = {
    "he": "hebr", "iw": "hebr", "yi": "hebr", "ar": "arab", "fa": "arab", "ur": "arab",
    "ps": "arab", "ckb": "arab", "sd": "arab", "ug": "arab", "ks": "arab", "prs": "arab",
    "el": "grek",
}
_RANGES = (
    ("hebr", 0x0590, 0x05FF), ("hebr", 0xFB1D, 0xFB4F), ("arab", 0x0600, 0x06FF),
    ("arab", 0x0750, 0x077F), ("arab", 0x08A0, 0x08FF), ("arab", 0xFB50, 0xFDFF),
    ("arab", 0xFE70, 0xFEFF), ("grek", 0x0370, 0x03FF), ("grek", 0x1F00, 0x1FFF),
)


def script_of(text: str) -> str:
    """The script most of the letters of `text` are in ("latn" for anything else)."""
    counts: dict[str, int] = {}
    for ch in text[:2000]:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        script = next((s for s, lo, hi in _RANGES if lo <= cp <= hi), "latn")
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else "latn"


def field_language(text: str, essay_language: str) -> str:
    """The `lang` a field needs, or "" when it is in the essay's language (inherited)."""
    script = script_of(text)
    primary = (essay_language or "en").split("-")[0].lower()
    if script == _LANGUAGE_SCRIPT.get(primary, "latn"):
        return ""
    return SCRIPT_LANGUAGE.get(script, "")


def inline_field(text: str, essay_language: str, *, markdown: bool = True) -> str:
    """A field printed inside a line (a question, a glossary term): `<bdi>` per paragraph,
    paragraphs separated by line breaks."""
    return "<br>".join(_paragraph(t, spans, essay_language, "bdi")
                       for t, spans in _parts(text, markdown))


def block_field(text: str, essay_language: str, *, cls: str = "", markdown: bool = True) -> str:
    """A field printed as paragraphs of its own (notes, definitions)."""
    return "".join(_paragraph(t, spans, essay_language, "p", cls)
                   for t, spans in _parts(text, markdown))


def plain_field(text: str, essay_language: str) -> str:
    """A field that is not Markdown (titles, names, dates): isolated, never styled."""
    return inline_field(text, essay_language, markdown=False)


def _parts(text: str, markdown: bool) -> list[tuple[str, list[tuple[int, int, str]]]]:
    if not markdown:
        flat = " ".join(text.split())
        return [(flat, [])] if flat else []
    return [runs_text(runs) for runs in user_text_paragraphs(text)]


def _paragraph(text: str, spans: list[tuple[int, int, str]], essay_language: str, tag: str,
               cls: str = "") -> str:
    direction = bidi.text_direction(text)
    lang = field_language(text, essay_language)
    marks = [Mark(start, end, kind) for start, end, kind in spans]
    attrs = f' dir="{direction}"'
    if lang:
        attrs += f' lang="{escape(lang)}"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<{tag}{attrs}>{render_inline(text, marks, rtl=direction == 'rtl')}</{tag}>"


def ui(text: str, essay_language: str) -> str:
    """The app's own English words inside the handout: isolated left to right (a period stays
    at the end of an English phrase in a Hebrew handout) and tagged English when the essay is
    in another language."""
    return f'<bdi dir="ltr"{ui_lang(essay_language)}>{escape(text)}</bdi>'


def ui_lang(essay_language: str) -> str:
    """` lang="en"` for an element of the app's English words, unless the handout is English."""
    primary = (essay_language or "en").split("-")[0].lower()
    return "" if primary == "en" else ' lang="en"'
