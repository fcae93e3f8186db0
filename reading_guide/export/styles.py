"""The handout's stylesheets, parsed once per long-lived process and reused by every build.

Why: WeasyPrint parses every `<style>` of a document on every render, and the handout's own
stylesheet (~15 KB) plus its @font-face rules cost about 140 ms of each build (a quarter of a
preview's build; more when fit.py lays a handout out again). A `StyleCache` keeps, per process,
the parsed `weasyprint.CSS` objects and the `FontConfiguration` their @font-face rules were
registered in, as WeasyPrint's API intends (`CSS(string=..., font_config=fc)`, then
`HTML.render(stylesheets=[...], font_config=fc)`).

What is cached carries no user text: the @font-face rules (the app's font files), handout.css
(the app's file) and the @page rule (numbers from the options). The sheet that comes from the
guide (category colours, page breaks before named elements) is parsed on every build and never
kept. Keys are the sheets' own text, so a different paper, print size, direction, edition or
font set can never be served another's sheet; the font set's key also holds each font file's
size and modification time, so a font replaced in the same process is read again.

One font configuration per font set (not one for all): fonts registered for a Hebrew handout
must not become fallbacks of a Latin one, or its PDF would differ from a fresh process's.

Bounded: at most MAX_FONT_SETS font configurations (each holds the fonts it read, a few MB) and
MAX_SHEETS parsed sheets in all, least recently used dropped first. Never shared between
processes (nothing here is pickled or global): the export worker owns one for its life; a build
without one (the command line) makes its own, shared by that build's layouts only.

The sheets go to WeasyPrint as user stylesheets (`stylesheets=`), in the order the HTML handout
has them inline; no author stylesheet remains in the document, and none of ours uses
`!important`, so the cascade is the same (tests/export/test_style_cache.py compares the PDFs).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reading_guide.hashing import sha256_hex

MAX_FONT_SETS = 4
MAX_SHEETS = 24
FONT_FOLDER_PREFIX = "reading-guide-fonts-"
_FONT_URL = re.compile(r'url\("([^"]+)"\)')


@dataclass(frozen=True)
class HandoutStyles:
    """A PDF handout's stylesheets, in cascade order. `fonts`, `handout` and `page` come from
    the app and the options only (cacheable); `guide` comes from the guide (never cached)."""

    fonts: str
    handout: str
    page: str
    guide: str

    @property
    def cached(self) -> tuple[str, str]:
        return (self.handout, self.page)


@dataclass
class _FontSet:
    font_config: Any
    sheets: OrderedDict[str, Any]


class StyleCache:
    """Parsed stylesheets and their font configuration, for one process (see module doc)."""

    def __init__(self, max_font_sets: int = MAX_FONT_SETS, max_sheets: int = MAX_SHEETS) -> None:
        self.max_font_sets = max(1, max_font_sets)
        self.max_sheets = max(2, max_sheets)
        self._sets: OrderedDict[tuple[str, tuple[tuple[str, int, int], ...]], _FontSet] = \
            OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        """Parsed sheets held (the memory bound's measure)."""
        return sum(len(s.sheets) for s in self._sets.values())

    @property
    def font_sets(self) -> int:
        return len(self._sets)

    def close(self) -> None:
        """Drop everything and remove the font copies WeasyPrint keeps for each font set.

        A `FontConfiguration` copies every @font-face font into a temporary folder that its
        `__del__` removes; the export worker ends with `os._exit` (no destructors run), so the
        worker calls this first, or each worker would leave a few MB of fonts in the temporary
        folder. `_folder` is WeasyPrint's own attribute (70.0, pinned): read defensively."""
        import shutil

        sets, self._sets = list(self._sets.values()), OrderedDict()
        for font_set in sets:
            folder = getattr(font_set.font_config, "_folder", None)
            if isinstance(folder, Path):
                shutil.rmtree(folder, ignore_errors=True)

    def stylesheets(self, styles: HandoutStyles, base_url: str, fetcher: Any
                    ) -> tuple[Any, list[Any]]:
        """(font configuration, [CSS...]) for `styles`: the cached sheets, then the guide's
        sheet parsed now. `fetcher` is the handout's safe URL fetcher (fonts are read with it
        when a font set is first seen)."""
        from weasyprint import CSS

        font_set = self._font_set(styles.fonts, base_url, fetcher)
        sheets = [self._sheet(font_set, text, base_url, fetcher) for text in styles.cached]
        sheets.append(CSS(string=styles.guide, base_url=base_url, url_fetcher=fetcher,
                          font_config=font_set.font_config))
        return font_set.font_config, sheets

    def _font_set(self, fonts: str, base_url: str, fetcher: Any) -> _FontSet:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        key = (_digest(fonts), _stamps(fonts))
        found = self._sets.get(key)
        if found is not None:
            self._sets.move_to_end(key)
            return found
        font_config = FontConfiguration()
        # Where WeasyPrint copies this set's fonts: named after this process, so the parent of a
        # worker that was killed (no clean-up ran) can remove them (worker_files.py). WeasyPrint
        # 70 (pinned) makes that folder itself when `_folder` is None and removes it in __del__.
        font_config._folder = Path(tempfile.mkdtemp(prefix=font_folder_prefix(os.getpid())))
        font_set = _FontSet(font_config, OrderedDict())
        # The @font-face sheet only registers fonts: its CSS object is not needed afterwards.
        CSS(string=fonts, base_url=base_url, url_fetcher=fetcher, font_config=font_config)
        self._sets[key] = font_set
        while len(self._sets) > self.max_font_sets:
            # Its FontConfiguration's __del__ removes its font copies (nothing else holds it
            # once the build that used it is over).
            self._sets.popitem(last=False)
        return font_set

    def _sheet(self, font_set: _FontSet, text: str, base_url: str, fetcher: Any) -> Any:
        from weasyprint import CSS

        key = _digest(text)
        found = font_set.sheets.get(key)
        if found is not None:
            self.hits += 1
            font_set.sheets.move_to_end(key)
            return found
        self.misses += 1
        sheet = CSS(string=text, base_url=base_url, url_fetcher=fetcher,
                    font_config=font_set.font_config)
        font_set.sheets[key] = sheet
        while len(self) > self.max_sheets:
            # The least recently used sheet of the least recently used set that has one.
            oldest = next(s for s in self._sets.values() if s.sheets)
            oldest.sheets.popitem(last=False)
        return sheet


def font_folder_prefix(pid: int) -> str:
    """The name with which the font copies of process `pid` start, in the temporary folder."""
    return f"{FONT_FOLDER_PREFIX}{pid}-"


def _digest(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


def _stamps(fonts: str) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of each font file the @font-face rules name."""
    stamps = []
    for url in _FONT_URL.findall(fonts):
        parts = urlsplit(url)
        if parts.scheme != "file":
            continue
        path = Path(unquote(parts.path))
        try:
            info = path.stat()
        except OSError:
            stamps.append((str(path), -1, -1))
            continue
        stamps.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamps)
