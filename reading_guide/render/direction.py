"""Which way an essay reads: from its language tag, else from the letters it is written in.

Recorded as the essay's `direction` (docs/FORMAT.md); the reader lays an `rtl` essay out right to
left. Counting letters, not trusting the first one, keeps an Arabic essay that opens with a
Latin name right to left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ji", "ps", "sd", "ug", "dv",
                           "ckb", "syr", "arc", "nqo", "ku-arab", "pa-arab"})
# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic presentation forms.
_RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LETTERS = re.compile(r"[^\W\d_]")
_HEBREW = re.compile("[\u0590-\u05ff]")


def direction_of(language: str, text: str = "") -> str:
    """"rtl" or "ltr" for an essay in `language` (a BCP 47 tag, may be empty) reading `text`."""
    tag = language.strip().lower().replace("_", "-")
    if tag:
        primary = tag.split("-")[0]
        if tag in RTL_LANGUAGES or primary in RTL_LANGUAGES or "-arab" in tag or "-hebr" in tag:
            return "rtl"
    return "rtl" if rtl_share(text) > 0.5 else "ltr"


def rtl_share(text: str) -> float:
    """The share of letters in `text` that belong to right-to-left scripts."""
    sample = text[:50_000]
    letters = len(_LETTERS.findall(sample))
    return len(_RTL_LETTERS.findall(sample)) / letters if letters else 0.0


def language_from_script(text: str) -> str:
    """"ar" or "he" when the text is written mostly in that script, else ""."""
    if rtl_share(text) <= 0.5:
        return ""
    sample = text[:50_000]
    return "he" if len(_HEBREW.findall(sample)) * 2 > len(_RTL_LETTERS.findall(sample)) else "ar"


_LATIN_WORDS = re.compile(r"[\W\d_]+|\b[A-Za-z]\w*\b")


def prose_letters(blocks: Iterable[tuple[str, str]]) -> str:
    """The letters of an essay's prose, for `direction_of`: (kind, text) of its blocks, code and
    tables left out, and Latin words (names, commands in a README) too."""
    prose = "\n".join(text for kind, text in blocks if kind not in ("code", "table"))
    return _LATIN_WORDS.sub(" ", prose[:200_000])
