"""Letters a handout could not print, found in the PDF after it is written, so export says so.

The handout's own fonts cover Latin, Greek, Cyrillic, Hebrew and Arabic (export/fonts.py); text
in another script falls back to the fonts of the computer it is printed on. When no font there
has a letter either, it is drawn as the empty .notdef glyph: nothing shows on paper, and
WeasyPrint says nothing (it only logs when no font at all was chosen, which the handout's font
stacks prevent). A Korean quote in a handout printed where no Korean font is installed vanished
without a word. The PDF keeps the trace: WeasyPrint maps each glyph it draws to the text it
stands for, and glyph 0 (.notdef) maps to the first letter drawn with it (else to U+FFFF).
Reading those maps back costs a few milliseconds; the handout is written either way and the
warning says what to do.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

log = logging.getLogger(__name__)

# "<0000> <D55C>" in a font's ToUnicode map: glyph 0 stands for this text.
_NOTDEF = re.compile(rb"<0000>\s*<([0-9A-Fa-f]+)>")
MAX_FONTS = 200  # a handout embeds a dozen; a hostile PDF is never what is read here


def blank_letters(pdf: Path) -> list[str]:
    """The letters drawn blank in `pdf` (one example per font at most), in order found."""
    from pypdf import PdfReader

    found: list[str] = []
    seen: set[int] = set()
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            font = ref.get_object()
            if id(font) in seen or len(seen) >= MAX_FONTS:
                continue
            seen.add(id(font))
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None:
                continue
            for code in _NOTDEF.findall(to_unicode.get_object().get_data()):
                text = bytes.fromhex(code.decode()).decode("utf-16-be", "replace")
                if text and text != "\uffff" and text not in found:
                    found.append(text)
    return found


def script_of(letter: str) -> str:
    """"Hangul", "Thai", "Bengali", "Cjk": the first word of the letter's Unicode name."""
    name = unicodedata.name(letter[:1], "")
    return name.split()[0].title() if name else f"U+{ord(letter[:1]):04X}"


def blank_letters_warning(letters: list[str]) -> str:
    """One line for the user, or "" when every letter printed."""
    if not letters:
        return ""
    shown = ", ".join(f"{letter} ({script_of(letter)})" for letter in letters[:5])
    return (f"some letters could not be printed, for example {shown}: no font on this "
            "computer has them, so they are blank in the handout; install a font for that "
            "script and export again")


def blank_letters_note(pdf: str | Path) -> str:
    """The warning for the PDF just written, or "". The export process runs it once, beside the
    file it wrote; the check is advice, so a PDF it cannot read is no export error."""
    try:
        return blank_letters_warning(blank_letters(Path(pdf)))
    except Exception:  # noqa: BLE001 - advice only, never a failed export
        log.warning("could not check %s for blank letters", pdf, exc_info=True)
        return ""
