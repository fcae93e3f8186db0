"""Open a 1 MB essay with 1,000 highlights in the reader, scroll through it, find in it.

Run by hand: `.venv/bin/python bench/bench_reader.py`. Budget (DESIGN.md / issue 5): open in
under 1 s, and scroll smoothly (each step's paint well under a 16 ms frame). Baselines from the
same process: a bare QPlainTextEdit and a bare QTextEdit given the same reading text with
setPlainText, opened, painted and scrolled the same way; the ratios are the figures that count.
"""

from __future__ import annotations

import bisect
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractScrollArea,
    QApplication,
    QPlainTextEdit,
    QTextEdit,
)

from reading_guide.gui.reader.view import HighlightPaint, ReaderView  # noqa: E402
from reading_guide.render import Document  # noqa: E402

WORDS = (
    "reading walking thinking group essay passage question claim evidence river mountain city "
    "language memory promise road author reader teacher student garden window morning evening "
    "history future silence music argument reason doubt faith labour craft letter story café "
    "naïve 人 😀"
).split()
COLORS = ["#f2c94c", "#56ccf2", "#6fcf97", "#eb5757", "#bb6bd9", "#f2994a"]
MARKS = ["underline", "double-underline", "dotted", "dashed", "wavy", "side-bar", "box"]
SIZE = (1000, 800)


def make_markdown(target: int = 1_000_000, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    chapter = 0
    while size < target:
        if rng.random() < 0.04:
            chapter += 1
            piece = f"## Chapter {chapter}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}"
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(40, 160))]
            for _ in range(rng.randint(0, 3)):
                i = rng.randrange(len(words))
                words[i] = rng.choice(["*", "**"]).join(["", words[i], ""])
            body = " ".join(words).capitalize() + "."
            r = rng.random()
            piece = f"> {body}" if r < 0.06 else (f"- {body}" if r < 0.12 else body)
        out.append(piece)
        size += len(piece) + 2
    return "\n\n".join(out) + "\n"


def make_document(markdown: str) -> tuple[Document, str]:
    try:
        from reading_guide.render import parse
    except ImportError:  # before the Markdown parser landed: paragraphs only
        from reading_guide.render import Block

        blocks = [Block("paragraph", p) for p in markdown.split("\n\n") if p.strip()]
        return Document.from_blocks(blocks), "Document.from_blocks"
    return parse(markdown), "render.parse"


def make_highlights(doc: Document, n: int = 1000, seed: int = 3) -> list[HighlightPaint]:
    rng = random.Random(seed)
    text = doc.text
    items = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 400)
        if i % 10 == 9 and items:  # some overlap an earlier highlight
            prev = items[-1]
            start = rng.randrange(prev.start, prev.end)
        end = start + rng.randint(20, 350)
        items.append(HighlightPaint(f"h{i}", start, end, rng.choice(COLORS), rng.choice(MARKS)))
    return items


class _FormatHighlighter(QSyntaxHighlighter):
    """Highlights as character formats, block by block, from a sorted index (ASCII-safe only:
    the comparison essay's offsets are used as Qt positions, close enough for timing)."""

    def __init__(self, document, items: list[HighlightPaint]) -> None:
        self._items = sorted(items, key=lambda it: it.start)
        self._starts = [it.start for it in self._items]
        self._formats = {}
        for it in self._items:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(it.color))
            self._formats[it.id] = fmt
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        pos = self.currentBlock().position()
        end = pos + len(text)
        stop = bisect.bisect_left(self._starts, end)
        for it in self._items[max(0, stop - 60):stop]:
            if it.end > pos:
                a, b = max(it.start, pos), min(it.end, end)
                self.setFormat(a - pos, b - a, self._formats[it.id])


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    finally:
        gc.enable()


def scroll_steps(area: QAbstractScrollArea) -> list[float]:
    """Page through the whole document; the time of each step's paint of the viewport."""
    bar = area.verticalScrollBar()
    viewport = area.viewport()
    times = []
    bar.setValue(0)
    while True:
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        viewport.grab()
        times.append(time.perf_counter() - t0)
        QApplication.processEvents()
        if bar.value() >= bar.maximum():
            break
    return times


def describe(times: list[float]) -> str:
    q = statistics.quantiles(times, n=100)
    return (f"{len(times)} steps, median {statistics.median(times) * 1000:.2f} ms, "
            f"p95 {q[94] * 1000:.2f} ms, max {max(times) * 1000:.2f} ms")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    markdown = make_markdown()
    t0 = time.perf_counter()
    doc, how = make_document(markdown)
    parse_s = time.perf_counter() - t0
    highlights = make_highlights(doc)
    print(f"essay: {len(markdown):,} bytes of Markdown -> {len(doc.blocks):,} blocks, "
          f"{len(doc.text):,} code points ({how}: {parse_s * 1000:.0f} ms); "
          f"{len(highlights)} highlights")

    # Warm Qt's font and glyph caches once, so neither side pays for them.
    warm = ReaderView()
    warm.resize(*SIZE)
    warm.set_document(Document.from_blocks(list(doc.blocks[:50])))
    warm.show()
    warm.grab()

    def open_plain() -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setReadOnly(True)
        edit.resize(*SIZE)
        edit.setPlainText(doc.text)
        edit.show()
        edit.grab()
        return edit

    def open_textedit() -> QTextEdit:
        edit = QTextEdit()
        edit.setReadOnly(True)
        edit.resize(*SIZE)
        edit.setPlainText(doc.text)
        edit.show()
        edit.grab()
        return edit

    def open_reader() -> ReaderView:
        view = ReaderView()
        view.resize(*SIZE)
        view.set_document(doc)
        view.set_highlights(highlights)
        view.show()
        view.grab()
        return view

    def open_textedit_highlighter() -> QTextEdit:
        """The road not taken: highlights as formats from a QSyntaxHighlighter on a QTextEdit."""
        edit = QTextEdit()
        edit.setReadOnly(True)
        edit.resize(*SIZE)
        edit.setPlainText(doc.text)
        # Its first pass is deferred to the event loop; run it now, as the user would wait.
        edit.highlighter = _FormatHighlighter(edit.document(), highlights)
        edit.highlighter.rehighlight()
        edit.show()
        edit.grab()
        return edit

    widgets = {}
    fmt_edit: list[QTextEdit] = []
    t_fmt = timed(lambda: fmt_edit.append(open_textedit_highlighter()))
    t_fmt_change = timed(lambda: (fmt_edit[0].highlighter.rehighlight(), fmt_edit[0].grab()))
    for name, fn in (("plain", open_plain), ("textedit", open_textedit),
                     ("reader", open_reader)):
        runs = []
        for _ in range(3):
            holder = {}
            runs.append(timed(lambda fn=fn, holder=holder: holder.setdefault("w", fn())))
            widgets[name] = holder["w"]
        widgets[name + "_s"] = statistics.median(runs)
    base, te, ours = widgets["plain_s"], widgets["textedit_s"], widgets["reader_s"]
    print("\nopen (construct, set text/document + highlights, first paint), median of 3:")
    print(f"  bare QPlainTextEdit.setPlainText   {base * 1000:8.1f} ms")
    print(f"  bare QTextEdit.setPlainText        {te * 1000:8.1f} ms")
    print(f"  QTextEdit + QSyntaxHighlighter     {t_fmt * 1000:8.1f} ms   (1,000 highlights as "
          "formats: not used, for comparison)")
    print(f"  ReaderView (formats, 1,000 hl.)    {ours * 1000:8.1f} ms   "
          f"{ours / base:.1f}x plain, {ours / te:.1f}x QTextEdit   budget < 1000 ms: "
          f"{'pass' if ours < 1.0 else 'FAIL'}")

    reader: ReaderView = widgets["reader"]
    t_hl = timed(lambda: (reader.set_highlights(highlights), reader.grab()))
    t_cur = timed(lambda: (reader.set_current_highlight("h500"), reader.grab()))
    print(f"  re-applying 1,000 highlights: QSyntaxHighlighter.rehighlight + repaint "
          f"{t_fmt_change * 1000:.1f} ms (comparison)")
    print(f"  set_highlights(1,000) + repaint: {t_hl * 1000:.1f} ms; "
          f"set_current_highlight + repaint: {t_cur * 1000:.1f} ms")

    print("\nscroll through the whole document a page at a time (paint time per step):")
    plain_steps = scroll_steps(widgets["plain"])
    te_steps = scroll_steps(widgets["textedit"])
    ours_first = scroll_steps(reader.editor)
    ours_again = scroll_steps(reader.editor)
    print(f"  bare QPlainTextEdit     {describe(plain_steps)}")
    print(f"  bare QTextEdit          {describe(te_steps)}")
    print(f"  ReaderView, first pass  {describe(ours_first)}")
    print(f"  ReaderView, again       {describe(ours_again)}")
    ratio = statistics.median(ours_again) / statistics.median(plain_steps)
    p95 = statistics.quantiles(ours_again, n=100)[94]
    print(f"  median step ratio vs QPlainTextEdit: {ratio:.1f}x; p95 {p95 * 1000:.2f} ms "
          f"(budget well under 16 ms: {'pass' if p95 < 0.008 else 'CHECK'})")

    jump = timed(lambda: (reader.scroll_to(len(doc.text) - 10), reader.grab()))
    fresh = open_reader()  # Qt has laid out only the first pages so far
    jump_fresh = timed(lambda: (fresh.scroll_to(len(doc.text) - 10), fresh.grab()))
    print(f"\njump to the end + paint: {jump * 1000:.1f} ms; right after opening "
          f"(lays out the rest first): {jump_fresh * 1000:.1f} ms")
    bar = reader.find_bar
    reader.show_find()
    for query in ("e", "the", "question", "zebra"):
        # flush(): a short query normally waits for a pause in typing; time the search itself.
        t = timed(lambda q=query: (bar.edit.setText(q), bar.flush(), reader.grab()))
        print(f"find '{query}' on 1 MB (search, count, select, paint): {t * 1000:.1f} ms, "
              f"{bar.count_label.text()}")
    t = timed(lambda: (bar.find_next(), reader.grab()))
    print(f"find next + paint: {t * 1000:.1f} ms")
    app.processEvents()


if __name__ == "__main__":
    main()
