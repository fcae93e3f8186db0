"""Which way text runs in the handout, and the Unicode bidi levels that order mixed text.

WeasyPrint shapes every inline element's text on its own and orders the elements of a line
only by reversing them inside a right-to-left box; it has no bidi algorithm across elements.
A marked passage in the middle of a Hebrew sentence used to print as three left-to-right runs.
So the handout runs the Unicode Bidirectional Algorithm (UAX #9) over each *whole* paragraph,
marks included, and nests every run of one embedding level in an element whose `dir` says its
direction (`inline.render_inline` builds them): WeasyPrint's reversal of right-to-left boxes then
gives exactly the visual order the algorithm asks for (rule L2), and browsers, which run the
algorithm themselves, read the same elements the same way.

The levels come from FriBidi through Pango (`pango_log2vis_get_embedding_levels`), the library
WeasyPrint already lays text out with: the full algorithm (isolates, brackets), in C, at no new
dependency. When Pango cannot be loaded (an HTML-only export on a machine without it) there are
no level elements and browsers order the text themselves.

Direction controls in user text are honoured as structure and never printed: an override
(U+202D, U+202E), which would print letters backwards, counts as the embedding it starts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

# Primary language subtags written right to left (BCP 47 / CLDR), and scripts that are.
RTL_LANGUAGES = frozenset({
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "nqo", "prs", "ps", "sd", "syr", "ug",
    "ur", "yi",
})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr", "mand"})
LTR_SCRIPTS = frozenset({"latn", "cyrl", "grek", "deva", "hans", "hant", "jpan", "kore", "armn",
                         "geor", "thai"})

# A superset of the characters whose bidi class is R, AL or AN, and of the explicit
# direction controls: text without any of them (and not in a right-to-left paragraph) is one
# left-to-right run, and the algorithm need not run. tests/export/test_bidi_levels.py checks
# the superset over every code point.
_MAY_NEED_BIDI = re.compile(
    "[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                         "\U0001e800-\U0001efff]")
# Explicit embeddings, overrides and isolates: structure, never printed.
CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_OVERRIDE_AS_EMBEDDING = str.maketrans({"\u202d": "\u202a", "\u202e": "\u202b"})
_STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}
_ISOLATE_OPEN = frozenset("\u2066\u2067\u2068")


def language_direction(tag: str) -> str | None:
    """"rtl" or "ltr" when a language tag says so (`he`, `ar-EG`, `ku-Arab`, `az-Latn`), else
    None."""
    parts = [p.lower() for p in (tag or "").replace("_", "-").split("-") if p]
    if not parts:
        return None
    for part in parts[1:]:
        if len(part) == 4:
            if part in RTL_SCRIPTS:
                return "rtl"
            if part in LTR_SCRIPTS:
                return "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else None


def first_strong(text: str) -> str | None:
    """The direction of the first strong character outside isolates (UAX #9 rules P2, P3): what
    `dir="auto"` gives in a browser. None when the text has no strong character."""
    depth = 0
    for ch in text:
        if ch in _ISOLATE_OPEN:
            depth += 1
        elif ch == "\u2069":
            depth = max(depth - 1, 0)
        elif depth == 0:
            found = _STRONG.get(unicodedata.bidirectional(ch))
            if found:
                return found
    return None


def text_direction(text: str, default: str = "ltr") -> str:
    """A field's own direction (`dir="auto"`), falling back to `default` for neutral text."""
    return first_strong(text) or default


def has_rtl_letter(text: str) -> bool:
    return _RTL_LETTER.search(text) is not None


def mostly_rtl(text: str) -> bool:
    """Whether most letters of `text` are from right-to-left scripts (an essay whose language
    tag was left at the default but whose words are Hebrew or Arabic)."""
    sample = text[:200_000]
    rtl = len(_RTL_LETTER.findall(sample))
    if not rtl:
        return False
    letters = sum(1 for ch in sample if ch.isalpha())
    return rtl * 2 > letters


def essay_direction(language: str, text: str, declared: str = "") -> str:
    """The essay's direction: as declared (an importer's `direction`), else from its language
    tag when that is a right-to-left language, else from its letters."""
    if declared in ("ltr", "rtl"):
        return declared
    if language_direction(language) == "rtl":
        return "rtl"
    return "rtl" if mostly_rtl(text) else "ltr"


def needs_levels(text: str, base_rtl: bool) -> bool:
    """Whether `text` can hold more than one direction run."""
    if base_rtl:
        return any(not ch.isspace() for ch in text)
    return _MAY_NEED_BIDI.search(text) is not None


def printable(text: str) -> str:
    """`text` without the explicit direction controls (they become structure, never glyphs)."""
    if not any(ch in CONTROLS for ch in text):
        return text
    return "".join(ch for ch in text if ch not in CONTROLS)


def embedding_levels(text: str, base_rtl: bool) -> Sequence[int] | None:
    """The resolved embedding level of every code point of `text` in a paragraph of the given
    base direction, or None when Pango is not available. Overrides count as embeddings."""
    pango = _pango()
    if pango is None or not text:
        return None
    ffi, lib = pango
    data = text.translate(_OVERRIDE_AS_EMBEDDING).encode("utf-8", "surrogatepass")
    direction = ffi.new("int *", 1 if base_rtl else 0)  # PANGO_DIRECTION_RTL / _LTR
    levels = lib.pango_log2vis_get_embedding_levels(data, len(data), direction)
    if levels == ffi.NULL:
        return None
    try:
        return bytes(ffi.buffer(levels, len(text)))
    finally:
        lib.g_free(levels)


def level_runs(levels: Sequence[int]) -> list[tuple[int, int, int]]:
    """[(start, end, level)] for each run of equal levels."""
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(levels) + 1):
        if i == len(levels) or levels[i] != levels[start]:
            runs.append((start, i, levels[start]))
            start = i
    return runs


@functools.cache
def _pango() -> tuple[Any, Any] | None:
    """(ffi, library) with the one Pango function needed, loaded on first use; None if absent.

    WeasyPrint's own module is imported first when it is installed: on Windows it adds the
    folders of the GTK libraries to the DLL search path, so the same Pango is found here.
    """
    try:
        import cffi
    except ImportError:
        return None
    try:
        import weasyprint.text.ffi  # noqa: F401  (finds and loads Pango the way WeasyPrint does)
    except Exception:  # noqa: BLE001 - no WeasyPrint or no Pango: browsers order the text
        pass
    ffi = cffi.FFI()
    ffi.cdef(
        "unsigned char *pango_log2vis_get_embedding_levels(const char *text, int length, "
        "int *pbase_dir);\n"
        "void g_free(void *mem);"
    )
    pango = _open(ffi, "pango_log2vis_get_embedding_levels", (
        "libpango-1.0.so.0", "libpango-1.0-0.dll", "libpango-1.0.dylib", "libpango-1.0.0.dylib",
        "pango-1.0-0", "pango-1.0", "libpango-1.0-0"))
    glib = _open(ffi, "g_free", (
        "libglib-2.0.so.0", "libglib-2.0-0.dll", "libglib-2.0.0.dylib", "libglib-2.0.dylib",
        "glib-2.0-0", "glib-2.0", "libglib-2.0-0"))
    if pango is None or glib is None:
        return None
    return ffi, _Pango(pango, glib)


class _Pango:
    """The two functions, from their two libraries (Windows finds a symbol only in its DLL)."""

    def __init__(self, pango: Any, glib: Any) -> None:
        self.pango_log2vis_get_embedding_levels = pango.pango_log2vis_get_embedding_levels
        self.g_free = glib.g_free


def _open(ffi: Any, symbol: str, names: tuple[str, ...]) -> Any:
    for name in names:
        try:
            lib = ffi.dlopen(name)
            getattr(lib, symbol)
        except (OSError, AttributeError):
            continue
        return lib
    return None
