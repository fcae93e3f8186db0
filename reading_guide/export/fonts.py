"""The fonts a handout is printed with: all bundled (resources/fonts), all under the SIL OFL.

Handouts name only these families, so a PDF looks the same on every machine and `pdffonts`
lists nothing else for the scripts they cover: Latin, Greek and Cyrillic (Gentium Book Basic for
text, Lato for labels and as the text fallback for Greek and Cyrillic, which Gentium Book Basic
lacks), Hebrew (Noto Serif Hebrew, Noto Sans Hebrew) and Arabic script (Noto Naskh Arabic); code
prints in Noto Sans Mono (one regular face; bold and italic code are drawn from it by Pango).
Text in any other script (Devanagari, CJK, Thai...) falls back to the fonts of the system the
handout is printed on, through fontconfig: it prints, but that PDF then embeds a system font
(README, "Printing"). Hebrew, Arabic and Lato have no italic here: emphasis in them is the
regular face slanted by Pango (fontconfig matches the family before the style, so emphasis
never pulls in a system font; tests/export/test_print_quality.py checks it).

The line-end hyphen is a plain hyphen-minus (`hyphenate-character` in handout.css): Gentium
Book Basic has no U+2010, which WeasyPrint uses by default, and that one glyph used to come from
a system font.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reading_guide.resources import resource_path


@dataclass(frozen=True)
class FontFile:
    family: str  # the CSS family the handout's stylesheet names
    file: str  # under resources/fonts
    weight: int
    styles: tuple[str, ...]  # CSS font-style values this file serves
    script: str = ""  # only loaded for text in this script (see SCRIPT_TEXT)


# Credits (name, designer, licence file) for the About box: one row per typeface.
TYPEFACES: tuple[tuple[str, str, str], ...] = (
    ("Gentium Book Basic", "SIL International (Victor Gaultney)", "fonts/OFL-GentiumBookBasic.txt"),
    ("Lato", "Łukasz Dziedzic", "fonts/OFL-Lato.txt"),
    ("Noto Serif Hebrew, Noto Sans Hebrew, Noto Naskh Arabic, Noto Sans Mono", "Google",
     "fonts/OFL-Noto.txt"),
)

FONT_FILES: tuple[FontFile, ...] = (
    FontFile("RG Serif", "GenBkBasR.ttf", 400, ("normal",)),
    FontFile("RG Serif", "GenBkBasI.ttf", 400, ("italic",)),
    FontFile("RG Serif", "GenBkBasB.ttf", 700, ("normal",)),
    FontFile("RG Serif", "GenBkBasBI.ttf", 700, ("italic",)),
    FontFile("RG Sans", "Lato-Regular.ttf", 400, ("normal",)),
    FontFile("RG Sans", "Lato-Bold.ttf", 700, ("normal",)),
    FontFile("RG Hebrew Serif", "NotoSerifHebrew-Regular.ttf", 400, ("normal",), "hebr"),
    FontFile("RG Hebrew Serif", "NotoSerifHebrew-Bold.ttf", 700, ("normal",), "hebr"),
    FontFile("RG Hebrew Sans", "NotoSansHebrew-Regular.ttf", 400, ("normal",), "hebr"),
    FontFile("RG Hebrew Sans", "NotoSansHebrew-Bold.ttf", 700, ("normal",), "hebr"),
    FontFile("RG Arabic", "NotoNaskhArabic-Regular.ttf", 400, ("normal",), "arab"),
    FontFile("RG Arabic", "NotoNaskhArabic-Bold.ttf", 700, ("normal",), "arab"),
    FontFile("RG Mono", "NotoSansMono-Regular.ttf", 400, ("normal",), "mono"),
)
# Letters that need the script fonts (a handout without any does not load them).
SCRIPT_TEXT = {
    "hebr": re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
    "arab": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
                       "\ufe70-\ufeff]"),
    # Not a script: the handout's HTML holds code (inline or a code block from an import).
    "mono": re.compile(r'<code\b|class="para code'),
}

# PostScript names of embedded fonts start with these (WeasyPrint names an @font-face font
# after its CSS family): how a test tells a bundled font from a system one in a PDF.
BUNDLED_PREFIXES: tuple[str, ...] = tuple(sorted({f.family.replace(" ", "-")
                                                  for f in FONT_FILES}))


def font_face_css(fonts_dir: Path | None = None, text: str | None = None) -> str:
    """@font-face rules for the bundled fonts that exist; a missing file is simply left out, so
    the families fall back to the generic serif/sans-serif in the stylesheet. With `text` (the
    handout's), the Hebrew and Arabic faces only when it has such letters: each face costs
    WeasyPrint a font to read and register on every export."""
    folder = fonts_dir if fonts_dir is not None else resource_path("fonts")
    rules = []
    for font in FONT_FILES:
        path = folder / font.file
        if not path.is_file():
            continue
        if font.script and text is not None and not SCRIPT_TEXT[font.script].search(text):
            continue
        for style in font.styles:
            rules.append(
                f'@font-face {{ font-family: "{font.family}"; '
                f'src: url("{path.resolve().as_uri()}"); '
                f"font-weight: {font.weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)
