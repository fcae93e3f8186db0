"""How long the preview waits after an edit before it builds: a little longer than the person's
own gap between keystrokes, between `shortest_ms` and `longest_ms`.

Why: a build takes most of the preview's 1 s budget (about 0.6 s for the sample guide on the
project's shared 2-core machine), so every millisecond of waiting after the last keystroke
counts. A fixed pause long enough for slow typists (300 ms) spent a third of the budget on a
fast typist, whose keys come 100 ms apart: a burst's last keystroke reached the screen in just
over a second. Waiting FACTOR times the longest of the last few gaps instead (at least
`shortest_ms`, at most `longest_ms`) still lets a burst of typing make one build, not one per
key, and starts it 150 ms after a fast typist's last key. An edit after a quiet moment (longer
than `longest_ms`) builds at once: 0.

Qt-free and with an injectable clock, so the tests check it without waiting.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

FACTOR = 1.5  # a gap this much longer than the person's own means they stopped typing
SHORTEST_MS = 120  # below this, key auto-repeat (30/s) and a build per key would compete
REMEMBERED = 4  # the last few gaps: one slow key among them lengthens the pause at once


class TypingPause:
    """`after_edit()` on every edit returns the pause, in milliseconds, before a build."""

    def __init__(self, longest_ms: int, shortest_ms: int = SHORTEST_MS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.longest_ms = longest_ms
        self.shortest_ms = min(shortest_ms, longest_ms)
        self._clock = clock
        self._last: float | None = None
        self._gaps: deque[float] = deque(maxlen=REMEMBERED)

    def after_edit(self) -> int:
        now = self._clock()
        gap_ms = None if self._last is None else (now - self._last) * 1000
        self._last = now
        if gap_ms is None or gap_ms > self.longest_ms:
            self._gaps.clear()  # a quiet moment: a new burst starts
            return 0
        self._gaps.append(gap_ms)
        wanted = round(FACTOR * max(self._gaps))
        return max(self.shortest_ms, min(self.longest_ms, wanted))
