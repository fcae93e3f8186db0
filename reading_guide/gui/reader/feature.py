"""The reader as a feature of the window: the essay page, its status, find, and the outline of
the selected item.

It draws what the session holds and follows the selection; it edits nothing. Another guide
(`reset`) or another essay (Changed.ESSAY) gives it a new document; a change to highlights or
categories repaints the highlights (an index rebuild, not a re-layout); anything else is not its
business. The guide's actions for the context menu come from the shell's essay menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from reading_guide.errors import InputError
from reading_guide.gui.core.actions import SK, make_action
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.plain_text import make_plain
from reading_guide.gui.core.selection import Selected
from reading_guide.gui.core.shell import Menu, WindowShell
from reading_guide.gui.reader.view import HighlightPaint, ReaderView
from reading_guide.model.guide import Guide
from reading_guide.render.document import Document

if TYPE_CHECKING:
    from reading_guide.gui.reader.repair_panel import RepairPanel
    from reading_guide.gui.reader.repair_undo import Placement
    from reading_guide.render.repairs import Repair

REPAINT = Changed.HIGHLIGHTS | Changed.CATEGORIES | Changed.ITEMS


def paints_for(guide: Guide) -> list[HighlightPaint]:
    """What the reader draws: every placed highlight in its category's colour and mark."""
    paints = []
    for h in guide.highlights:
        if h.position is None:
            continue
        c = guide.category(h.category)
        paints.append(HighlightPaint(h.id, h.position.start, h.position.end,
                                     c.color if c else "#cccccc", c.mark if c else "underline"))
    return paints


def tooltip_for(guide: Guide, highlight_id: str) -> str:
    """Hovering a highlight shows its category and its questions, numbered as printed."""
    h = guide.highlight(highlight_id)
    if h is None:
        return ""
    c = guide.category(h.category)
    lines = [c.label if c else h.category]
    numbers = guide.question_numbers()
    about = sorted(guide.questions_for(h.id), key=lambda q: numbers[q.id])
    lines += [f"Q{numbers[q.id]}. {q.text or '(new question)'}" for q in about]
    return "\n".join(lines)


class ReaderFeature:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self.view = ReaderView()
        self.view.setObjectName("reader")
        self._repairs: RepairPanel | None = None
        # The Markdown the import produced, which the repairs' changes are recorded in, and
        # where they stand in the essay now (once per essay text).
        self._imported = ""
        self._placement: Placement | None = None
        self.page = QWidget()
        self._page_layout = layout = QVBoxLayout(self.page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        self.para_label = make_plain(QLabel())
        self.para_label.setObjectName("paragraphLabel")
        self.words_label = make_plain(QLabel())
        self.words_label.setObjectName("wordsLabel")
        shell.add_status_widget(self.words_label)
        shell.add_status_widget(self.para_label)
        # The window owns Ctrl+F (the reader has no shortcut of its own: one owner, never an
        # ambiguous shortcut); it works from anywhere in the window.
        self.act_find = make_action(self.view, "&Find in Essay…", self.view.show_find,
                                    shortcut=SK.Find, tip="Find text in the essay",
                                    name="actFind")
        shell.add_action(Menu.EDIT, self.act_find, "find")
        self._words: tuple[Document | None, int] = (None, 0)
        view = self.view
        view.highlightClicked.connect(
            lambda hid: shell.selection.select("highlight", hid, scroll=False, initiator=self))
        view.selectionChanged.connect(self._update_status)
        view.cursorMoved.connect(lambda _offset: self._update_status())
        view.contextMenuAboutToShow.connect(self._extend_context_menu)
        view.set_tooltip_provider(lambda hid: tooltip_for(shell.session.guide, hid))
        shell.session.reset.connect(self._on_reset)
        shell.session.changed.connect(self._on_changed)
        shell.selection.changed.connect(self._on_selected)
        shell.set_essay(self.page, view)
        self._on_reset()

    @property
    def repairs(self) -> RepairPanel:
        """The clean-up report above the essay, made the first time an imported essay has
        repairs to report (or a caller asks for it): a guide opens with none, so start-up
        neither imports nor builds it (bench/bench_startup.py)."""
        if self._repairs is None:
            from reading_guide.gui.reader.repair_panel import RepairPanel

            panel = RepairPanel()
            panel.located.connect(self.go_to_place)
            panel.putBackRequested.connect(self.put_back_repair)
            panel.can_put_back = self._can_put_back
            panel.put_back_state = self._put_back_state
            self._page_layout.insertWidget(0, panel)
            self._repairs = panel
        return self._repairs

    def _on_reset(self) -> None:
        session = self.shell.session
        self.view.set_document(session.document, session.guide.essay.direction)
        self.view.set_highlights(paints_for(session.guide))
        self._imported, self._placement = session.guide.essay.text, None
        if session.repairs or self._repairs is not None:
            self.repairs.show_repairs(session.repairs)
        self._update_status()

    def _on_changed(self, change: GuideChange) -> None:
        session = self.shell.session
        if change.what & Changed.ESSAY and self.view.document() is not session.document:
            self.view.set_document(session.document, session.guide.essay.direction)
        if change.what & Changed.ESSAY and self._repairs is not None:
            self._repairs.refresh_put_back()
        if change.what & (REPAINT | Changed.ESSAY):
            self.view.set_highlights(paints_for(session.guide))
            self._on_selected(self.shell.selection.current, scroll=False)
        self._update_status()

    def _on_selected(self, selected: Selected, scroll: bool = True) -> None:
        highlight_id = self.shell.selection.highlight_id()
        self.view.set_current_highlight(highlight_id)
        h = self.shell.session.guide.highlight(highlight_id) if highlight_id else None
        if scroll and selected.scroll and h is not None and h.position is not None:
            self.view.scroll_to(h.position.start)

    def _placed(self) -> Placement:
        from reading_guide.gui.reader.repair_undo import Placement

        text = self.shell.session.guide.essay.text
        if self._placement is None or self._placement.text is not text:
            self._placement = Placement(text, self._imported, self.repairs.repairs)
        return self._placement

    def _put_back_state(self, repair: Repair) -> str:
        return self._placed().state(repair)

    def _can_put_back(self, repair: Repair) -> bool:
        return self._placed().spans(repair) is not None

    def put_back_repair(self, index: int) -> bool:
        """Put one import repair back in the essay (a grouped one in every place it made): one
        undoable edit, highlights re-placed."""
        from reading_guide.gui.reader.repair_panel import put_back_note
        from reading_guide.gui.reader.repair_undo import put_back
        from reading_guide.render.repair_words import sentence

        session = self.shell.session
        if not 0 <= index < len(self.repairs.repairs):
            return False
        repair = self.repairs.repairs[index]
        label = f"Put back: {sentence(repair)}"
        placement = self._placed()
        spans = placement.spans(repair)
        if spans is None:
            self.shell.show_status(put_back_note(repair, placement.state(repair)), 6000)
            return False
        try:
            done = put_back(session.guide, session.document.text, spans, label)
            session.push(done.edit, initiator=self, document=done.document)
        except (ValueError, InputError) as error:
            self.shell.prompts.error("Could not put the repair back", str(error))
            return False
        self.shell.show_status(f"{label} (Undo takes it back).", 6000)
        return True

    def go_to_place(self, kind: str, number: int) -> bool:
        """Scroll to ¶`number` (kind "paragraph") or the `number`th heading: a repair's place."""
        headings = 0
        for block in self.shell.session.document.blocks:
            headings += block.kind == "heading"
            if (block.number == number) if kind == "paragraph" else (
                    block.kind == "heading" and headings == number):
                self.view.scroll_to(block.start)
                self.view.setFocus()
                return True
        self.shell.show_status(f"The essay has no {kind} {number} now.", 4000)
        return False

    def _extend_context_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        template = self.shell.menu(Menu.ESSAY)
        template.aboutToShow.emit()  # its owners bring the labels up to date (guide/feature.py)
        for action in template.actions():
            if action.isSeparator():
                menu.addSeparator()
            elif action.isVisible():
                menu.addAction(action)

    def _update_status(self) -> None:
        session = self.shell.session
        doc = session.document
        if not session.is_open:
            self.para_label.setText("")
            self.words_label.setText("")
            return
        para = self.view.paragraph_at_cursor()
        self.para_label.setText(f"¶ {para}" if para is not None else "¶ –")
        if self._words[0] is not doc:
            self._words = (doc, doc.words)  # counting 1 MB of words takes 15 ms: once per essay
        total = f"{self._words[1]:,} words"
        span = self.view.selection_range()
        if span is not None and span[0] < span[1]:
            chosen = len(doc.text[span[0]:span[1]].split())
            self.words_label.setText(f"{chosen:,} of {total} selected")
        else:
            self.words_label.setText(total)
