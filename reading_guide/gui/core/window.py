"""The main window: the essay in the middle, the guide and the editor beside it.

It arranges the parts and routes signals between them; the work lives elsewhere: the session owns
the guide and its undo stack, FileController the open/save rules, GuideOperations the edits,
actions.py the menus. `app.py` builds one of these with its collaborators.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core import actions as A
from reading_guide.gui.core.files import FileController
from reading_guide.gui.core.guide_locks import GuideLocks
from reading_guide.gui.core.plain_text import make_plain, menu_text, shown, tip, title_text
from reading_guide.gui.core.prompts import Prompts
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.settings import Settings
from reading_guide.gui.guide.editor_stack import EditorStack
from reading_guide.gui.guide.operations import GuideOperations, paints_for, tooltip_for
from reading_guide.gui.guide.panel import GuidePanel
from reading_guide.gui.reader.repair_panel import RepairPanel
from reading_guide.gui.reader.view import ReaderView
from reading_guide.storage.opening import is_openable

if TYPE_CHECKING:
    # Annotations only: naming a Qt class makes PySide build it and its enums (start-up).
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QDialog

    from reading_guide.model.edits import Change

APP_TITLE = "Reading Guide"
WELCOME = (
    "<h2>Reading Guide</h2><p>Open a guide or an essay to start: <b>File ▸ Open</b> "
    "(Ctrl+O), a file from <b>File ▸ Open Recent</b>, or drop a file here.</p>"
    "<p>Essays can be Markdown, plain text or HTML.</p>"
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: Settings,
        prompts: Prompts | None = None,
        opener: Callable[[str], object] | None = None,
        locks: GuideLocks | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.prompts = prompts or Prompts(self)
        self.opener = opener  # opens a finished PDF; None: QDesktopServices (set by app.py)
        self.session = GuideSession(self)
        self.files = FileController(self.session, self.prompts, settings, self, locks=locks,
                                    bring_forward=self.bring_forward)
        self.reader = ReaderView()
        self.reader.setObjectName("reader")
        self.ops = GuideOperations(
            self.session, self.prompts, self.reader.selection_range, self.select_item,
            lambda text: self.statusBar().showMessage(text, 4000),
            lambda offset: self.reader.select_range(offset, offset),
        )
        self.ops.last_category = settings.get("highlight/last_category")
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_status()
        self.setAcceptDrops(True)
        self.session.reset.connect(self._on_reset)
        self.session.changed.connect(self._on_changed)
        self.session.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.files.opened.connect(self._on_opened)
        self.files.saved.connect(self._on_saved)
        self.files.handedOver.connect(lambda path: self.statusBar().showMessage(
            shown(f"“{Path(path).name}” is open in another window: it was brought forward."),
            8000))
        available = self.screen().availableGeometry()
        self.resize(min(1200, int(available.width() * 0.9)),
                    min(800, int(available.height() * 0.9)))
        self._words = (self.session.document, 0)
        self._on_reset()

    # Building ---------------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.welcome = QLabel()
        self.welcome.setTextFormat(Qt.TextFormat.RichText)  # our own text, no guide text
        self.welcome.setText(WELCOME)
        self.welcome.setObjectName("welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.welcome.setMargin(40)
        self.repairs = RepairPanel()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.repairs)
        layout.addWidget(self.reader, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(page)
        self.reader_page = page
        self.setCentralWidget(self.pages)
        self.reader.highlightClicked.connect(lambda hid: self.select_item("highlight", hid, False))
        self.reader.selectionChanged.connect(self._update_status)
        self.reader.cursorMoved.connect(lambda _offset: self._update_status())
        self.reader.contextMenuAboutToShow.connect(self._extend_context_menu)
        self.reader.set_tooltip_provider(self._tooltip_for)

    def _build_docks(self) -> None:
        self.panel = GuidePanel(self.session)
        self.editors = EditorStack(self.session)
        self.panel.itemSelected.connect(lambda kind, iid: self.select_item(kind, iid, True))
        self.panel.deleteRequested.connect(lambda: self.ops.delete(self.panel.current()))
        self.panel.editRequested.connect(self._edit_current)
        self.editors.doneEditing.connect(self.reader.setFocus)
        self.editors.deleteQuestion.connect(self.ops.delete_question)
        self.editors.moveQuestion.connect(self.ops.move_question)
        self.editors.deleteHighlight.connect(self.ops.delete_highlight)
        self.editors.askAbout.connect(lambda hid: self._ask_about(("highlight", hid)))
        self.guide_dock = QDockWidget("Guide", self)
        self.guide_dock.setObjectName("guideDock")
        self.guide_dock.setWidget(self.panel)
        self.editor_dock = QDockWidget("Edit", self)
        self.editor_dock.setObjectName("editorDock")
        scroller = QScrollArea()  # small screens: the editor scrolls instead of forcing the size
        scroller.setObjectName("editorScroller")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(self.editors)
        self.editor_dock.setWidget(scroller)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guide_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor_dock)
        self.resizeDocks([self.guide_dock], [420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.guide_dock, self.editor_dock], [330, 470], Qt.Orientation.Vertical)

    def _build_actions(self) -> None:
        sk, icon = A.SK, A.action_icon
        mk = A.make_action
        self.act_new = mk(self, "&New Guide from Essay…", self.files.new_from_essay_dialog,
                          shortcut=sk.New, tip="Start a guide from an essay", name="actNew")
        self.act_open = mk(self, "&Open…", self.files.open_dialog, shortcut=sk.Open,
                           tip="Open a guide or an essay", icon=icon("open", "document-open"),
                           name="actOpen")
        self.act_save = mk(self, "&Save", self.files.save, shortcut=sk.Save, tip="Save the guide",
                           icon=icon("save", "document-save"), name="actSave")
        self.act_save_as = mk(self, "Save &As…", self.files.save_as, shortcut=sk.SaveAs,
                              tip="Save the guide under another name", name="actSaveAs")
        self.act_export = mk(self, "&Export Handout…", self.show_export, shortcut=sk.Print,
                             tip="Print a handout as PDF", icon=icon("export", "document-print"),
                             name="actExport")
        self.act_close = mk(self, "&Close Guide", self.files.close_guide, shortcut=sk.Close,
                            name="actClose")
        self.act_quit = mk(self, "&Quit", self.close, shortcut=sk.Quit, name="actQuit")
        stack = self.session.undo_stack
        self.act_undo = stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(sk.Undo)
        self.act_undo.setIcon(icon("undo", "edit-undo"))
        self.act_undo.setObjectName("actUndo")
        self.act_redo = stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts(sk.Redo)
        self.act_redo.setIcon(icon("redo", "edit-redo"))
        self.act_redo.setObjectName("actRedo")
        for action in (self.act_undo, self.act_redo):  # icon only: their text grows long
            action.setPriority(QAction.Priority.LowPriority)
        # The window owns Ctrl+F (the reader has no shortcut of its own: one owner, never an
        # ambiguous shortcut); it works from anywhere in the window.
        self.act_find = mk(self, "&Find in Essay…", self.reader.show_find, shortcut=sk.Find,
                           tip="Find text in the essay", name="actFind")
        self.act_ask = mk(self, "&Ask About This Passage", self._ask_about,
                          shortcut=A.ASK_SHORTCUT, name="actAsk",
                          tip="Highlight the selection and write a question about it")
        self.act_delete = mk(self, "&Delete Selected Item", lambda: self.ops.delete(
            self.panel.current()), name="actDelete")
        self.act_categories = mk(self, "&Categories…", self.show_categories, name="actCategories")
        self.act_details = mk(self, "Guide &Details…", self.show_details, name="actDetails",
                              tip="Title, introduction, session and essay details")
        self.act_about = mk(self, "&About Reading Guide", self._about, name="actAbout")
        for action in (self.act_ask, self.act_undo, self.act_redo):
            self.addAction(action)  # shortcuts work whichever part has focus
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._update_recent_menu)  # a failed open drops one
        A.fill_menu(self.file_menu, [self.act_new, self.act_open])
        self.file_menu.addMenu(self.recent_menu)
        A.fill_menu(self.file_menu, [None, self.act_save, self.act_save_as, None,
                                     self.act_export, None, self.act_close, self.act_quit])
        edit_menu = bar.addMenu("&Edit")
        A.fill_menu(edit_menu, [self.act_undo, self.act_redo, None, self.act_find])
        self.guide_menu = bar.addMenu("&Guide")
        self.highlight_menu = QMenu("&Highlight As", self)
        A.fill_menu(self.guide_menu, [self.act_ask])
        self.guide_menu.addMenu(self.highlight_menu)
        A.fill_menu(self.guide_menu, [self.act_delete, None, self.act_categories,
                                      self.act_details])
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.guide_dock.toggleViewAction())
        view_menu.addAction(self.editor_dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)
        self.toolbar = self.addToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        A.fill_toolbar(self.toolbar, [self.act_open, self.act_save, None, self.act_undo,
                                      self.act_redo, None, self.act_export, None])
        self.category_bar = self.addToolBar("Categories")
        self.category_bar.setObjectName("categoryToolbar")
        self.category_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.category_actions: list[QAction] = []
        self._update_recent_menu()

    def _build_status(self) -> None:
        self.para_label = make_plain(QLabel())
        self.para_label.setObjectName("paragraphLabel")
        self.words_label = make_plain(QLabel())
        self.words_label.setObjectName("wordsLabel")
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.para_label)

    # Reacting -------------------------------------------------------------------------------

    def _on_reset(self) -> None:
        s = self.session
        self.pages.setCurrentWidget(self.reader_page if s.is_open else self.welcome)
        self.reader.set_document(s.document)
        self._paint_highlights()
        self._rebuild_categories()
        self.repairs.show_repairs(s.repairs)
        self.editors.show_item("", "")  # the panel rebuilds itself on the same signal
        self._words = (s.document, s.document.words)  # counting 1 MB of words takes 15 ms
        for action in (self.act_save, self.act_save_as, self.act_export, self.act_close,
                       self.act_ask, self.act_categories, self.act_delete, self.act_details):
            action.setEnabled(s.is_open)
        self._update_title()
        self._update_status()

    def _on_changed(self, change: Change) -> None:
        if change.aspects & {"highlights", "categories"}:
            self._paint_highlights()
        if "categories" in change.aspects:
            self._rebuild_categories()
        current = self.panel.current()
        if current is not None and not self._exists(*current):
            self.select_item("", "")
        self._update_status()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _on_opened(self, _path: str) -> None:
        self._update_recent_menu()
        self.reader.setFocus()  # ready to read and select

    def _on_saved(self, _path: str) -> None:
        self._update_title()
        self._update_recent_menu()
        self.statusBar().showMessage("Saved.", 3000)

    def _exists(self, kind: str, item_id: str) -> bool:
        guide = self.session.guide
        if kind == "highlight":
            return guide.highlight(item_id) is not None
        return any(q.id == item_id for q in guide.questions)

    def _paint_highlights(self) -> None:
        self.reader.set_highlights(paints_for(self.session.guide))

    def _rebuild_categories(self) -> None:
        for action in self.category_actions:
            self.category_bar.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.highlight_menu.clear()
        self.category_actions = A.category_actions(
            self, self.session.guide.categories, self.ops.highlight
        )
        for action in self.category_actions:
            action.setEnabled(self.session.is_open)
            self.addAction(action)
            self.category_bar.addAction(action)
            self.highlight_menu.addAction(action)
        self.category_bar.setVisible(bool(self.category_actions))

    def _update_title(self) -> None:
        name = self.session.display_name() if self.session.is_open else ""
        if name and self.session.path is None:
            name += " (not saved yet)"
        self.setWindowTitle(f"{title_text(name)}[*] — {APP_TITLE}" if name else APP_TITLE)
        self.setWindowModified(self.session.is_modified)

    def _update_status(self) -> None:
        doc = self.session.document
        if not self.session.is_open:
            self.para_label.setText("")
            self.words_label.setText("")
            return
        para = self.reader.paragraph_at_cursor()
        self.para_label.setText(f"¶ {para}" if para is not None else "¶ –")
        span = self.reader.selection_range()
        if self._words[0] is not doc:
            self._words = (doc, doc.words)
        total = f"{self._words[1]:,} words"
        if span is not None and span[0] < span[1]:
            chosen = len(doc.text[span[0]:span[1]].split())
            self.words_label.setText(f"{chosen:,} of {total} selected")
        else:
            self.words_label.setText(total)

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for i, path in enumerate(files):
            name = menu_text(Path(path).name)
            action = self.recent_menu.addAction(f"&{i + 1} {name}" if i < 9 else name)
            action.setToolTip(tip(path))
            action.setStatusTip(shown(path))
            action.triggered.connect(lambda _c=False, p=path: self.files.open_path(p))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # Selection ------------------------------------------------------------------------------

    def select_item(self, kind: str, item_id: str, scroll: bool = True) -> None:
        """Show `item_id` everywhere: the panel, the editor and the reader's outline."""
        self.panel.select(kind, item_id)
        self.editors.show_item(kind, item_id)
        guide = self.session.guide
        highlight_id = None
        if kind == "highlight":
            highlight_id = item_id
        elif kind == "question":
            q = next((q for q in guide.questions if q.id == item_id), None)
            highlight_id = q.highlight if q else None
        self.reader.set_current_highlight(highlight_id)
        h = guide.highlight(highlight_id) if highlight_id else None
        if scroll and h is not None and h.position is not None:
            self.reader.scroll_to(h.position.start)

    def _edit_current(self) -> None:
        self.editors.focus_current()

    def _ask_about(self, current: tuple[str, str] | None = None) -> None:
        question_id = self.ops.ask(current if current is not None else self.panel.current())
        if question_id:
            self.editors.question.focus_text()

    def _tooltip_for(self, highlight_id: str) -> str:
        return tooltip_for(self.session.guide, highlight_id)

    def _extend_context_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.act_ask)
        sub = menu.addMenu("Highlight As")
        for action in self.category_actions:
            sub.addAction(action)
        current = self.panel.current()
        if current is not None and current[0] == "highlight":
            menu.addAction(self.act_delete)

    # Dialogs --------------------------------------------------------------------------------

    def show_categories(self) -> None:
        from reading_guide.gui.guide.categories_dialog import CategoriesDialog

        self._run_dialog(CategoriesDialog(self.session, self))

    def show_details(self) -> None:
        from reading_guide.gui.guide.details_dialog import DetailsDialog

        self._run_dialog(DetailsDialog(self.session, self))

    def show_export(self) -> None:
        from reading_guide.gui.export.dialog import ExportDialog

        self._run_dialog(
            ExportDialog(self.session, self.settings, self.prompts, self, opener=self.opener)
        )

    def _run_dialog(self, dialog: QDialog) -> None:
        """Modal, and gone afterwards: dialogs are made fresh each time, never collected."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    def _about(self) -> None:
        from reading_guide.gui.core.about import show_about

        show_about(self)

    # Window events --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and is_openable(urls[0].toLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.files.open_path(urls[0].toLocalFile())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.set("highlight/last_category", self.ops.last_category)
        self.settings.sync()
        self.files.release()
        event.accept()

    def bring_forward(self) -> None:
        """Show this window above the others (another window asked to open its guide)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def restore_layout(self) -> None:
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get("window/state")
        if not state.isEmpty():
            self._layout_restored = self.restoreState(state)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not getattr(self, "_layout_restored", False) and not getattr(self, "_sized", False):
            # First start: the guide gets about a third of the window, the essay the rest.
            self._sized = True
            side = max(360, min(640, int(self.width() * 0.34)))
            self.resizeDocks([self.guide_dock], [side], Qt.Orientation.Horizontal)
