"""The main window: navigation pane, study pane, visualizer tabs, menus and shortcuts."""

from __future__ import annotations

import contextlib
import gc
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.content import Library, load_pack
from app.navigator import Navigator
from app.shortcuts import SCREEN_KEYS, SHORTCUTS, literal_label
from app.store import QuestionState, Store
from app.studio import Studio
from app.study.core.status import QuestionStatus
from app.study.ui import menu as study_menu
from app.study.ui.menu import install_study_menu
from app.study.ui.today import TodayPage
from app.theme import ThemeChoice, apply_theme

if TYPE_CHECKING:
    from app.question_view import QuestionView
    from visualizers.core.registry import VisualizerSpec

LAST_POSITION_KEY = "last_position"  # "question:<number>" or "guide:<id>"
# Actions that stay usable during a mock interview (nothing in them shows an answer).
_ALWAYS_AVAILABLE = frozenset({"quit", "shortcuts", "licences", "about", "fullscreen"})


def key_sequence(keys: str) -> QKeySequence:
    """A shortcut table entry ("Ctrl+R", or "std:Find" for a platform key) as a QKeySequence."""
    if keys.startswith("std:"):
        return QKeySequence(getattr(QKeySequence.StandardKey, keys[4:]))
    return QKeySequence(keys)


def _is_visualizer(widget: QWidget | None) -> bool:
    """A visualizer tab, without importing the visualizer base (pyqtgraph, NumPy) at start-up:
    until a visualizer was opened, its module isn't loaded and no tab can be one."""
    base = sys.modules.get("visualizers.core.base")
    return base is not None and isinstance(widget, base.VisualizerView)


class _FirstPaint(QObject):
    """Runs `callback` in the event-loop turn after the first paint of the watched window."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


class MainWindow(QMainWindow):
    """The window around the screens: navigation, tabs, menus. Progress lives in `studio`."""

    # The practice pane's "Coding round…" (forwarded from the Study tab, which is built late).
    coding_round_requested = Signal()

    def __init__(
        self,
        library: Library,
        store: Store,
        settings: QSettings,
        studio: Studio | None = None,
    ) -> None:
        super().__init__()
        # The composition root (app/main.py) builds the Studio; tests may let us build it.
        self.studio = studio or Studio(library, store, self)
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self._interview_running = False

        self.navigator = Navigator(library, self)
        # The Study tab is hidden behind Today at start-up: it is built right after the
        # window's first paint (`finish_startup`), or when something asks for it first.
        self._question_view: QuestionView | None = None
        self._study_placeholder = QWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.today = TodayPage(self.studio, self)
        self.tabs.addTab(self.today, "Today")
        self.tabs.addTab(self._study_placeholder, "Study")
        for fixed in (0, 1):  # Today and Study stay open
            self.tabs.tabBar().setTabButton(
                fixed, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self._visualizer_since: tuple[QWidget, float] | None = None

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self._make_beside_pane())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([360, 1000, 0])

        self.banner = self._make_banner()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.navigator.question_selected.connect(self.show_question)
        self.navigator.guide_selected.connect(self.show_guide)
        self.today.start_requested.connect(lambda: self._study_menu_open("open_review"))
        self.today.browse_requested.connect(lambda: self._study_menu_open("open_browser"))
        self.studio.store_message.connect(self.show_banner)
        self.studio.progress_changed.connect(self._on_progress_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self._build_menus()
        self._on_progress_changed("")
        self._restore_settings()

    @property
    def question_view(self) -> QuestionView:
        """The Study tab's question view, built on first use (see `finish_startup`)."""
        if self._question_view is None:
            self._question_view = self._build_question_view(restore=True)
        return self._question_view

    def finish_startup(self) -> None:
        """Build what the first paint didn't need: the Visualizers menu, the Study tab and the
        last position. Then set start-up's objects aside from the garbage collector."""
        self.fill_visualizers_menu()
        _ = self.question_view
        # Modules, classes and the window live as long as the app: frozen (after collecting
        # what is garbage already, which freezing would keep), they are left out of every
        # later collection, which then walks only what came after.
        gc.collect()
        gc.freeze()

    def fill_visualizers_menu(self) -> None:
        """One entry per registered visualizer, in the registry's order (once)."""
        if not self.visualizers_menu.isEmpty():
            return
        from visualizers.core import registry

        specs = registry.all_specs()
        for spec in specs:
            action = QAction(literal_label(spec.title), self)
            action.setStatusTip(spec.description)
            action.setToolTip(spec.description)
            action.triggered.connect(lambda _=False, s=spec.id: self.open_visualizer(s))
            self.visualizers_menu.addAction(action)
        if not specs:
            placeholder = self.visualizers_menu.addAction("No visualizers in this version")
            placeholder.setEnabled(False)

    def after_first_paint(self, callback: Callable[[], None], fallback_ms: int = 300) -> None:
        """Call `callback` once the window has painted, and again after `fallback_ms` in case
        it never does (a minimized start): `callback` must be safe to call twice."""
        self.installEventFilter(_FirstPaint(self, callback))
        QTimer.singleShot(fallback_ms, callback)

    def _build_question_view(self, restore: bool) -> QuestionView:
        """The Study tab's view in place of its placeholder; with `restore`, showing the last
        question or guide (a caller about to show another one passes False)."""
        from app.question_view import QuestionView  # with its imports, off the first paint

        view = QuestionView(self.library, self.store, self, study=self.studio.study)
        self._question_view = view
        view.related_requested.connect(self.show_question)
        view.visualizer_requested.connect(self.open_visualizer)
        view.prediction_requested.connect(self.open_prediction)
        view.state_changed.connect(self.studio.notify)
        view.note_save_failed.connect(self.show_banner)
        view.practice.coding_round_requested.connect(self.coding_round_requested)
        view.set_reading_mode(self.reading_action.isChecked())
        front = self.tabs.currentWidget()
        index = self.tabs.indexOf(self._study_placeholder)
        self.tabs.blockSignals(True)  # the tab in front stays the same: no tab change to report
        self.tabs.insertTab(index, view, "Study")
        self.tabs.removeTab(index + 1)
        self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide, None)
        try:
            if restore:
                self.restore_position()
        finally:  # showing the last question must not bring the Study tab forward
            self.tabs.setCurrentWidget(view if front is self._study_placeholder else front)
            self.tabs.blockSignals(False)
        self._study_placeholder.deleteLater()
        self._update_actions()
        return view

    @property
    def library(self) -> Library:
        return self.studio.library

    @property
    def store(self) -> Store:
        return self.studio.store

    # -- the pane beside the answer (View → Visualizer beside the answer) --------------------

    def _make_beside_pane(self) -> QWidget:
        self.beside_view: QWidget | None = None
        pane = QFrame(self)
        pane.setObjectName("besidePane")
        self.beside_title = QLabel(pane)
        to_tab = QToolButton(pane)
        to_tab.setText("Move to a tab")
        to_tab.setAccessibleName("Move the visualizer to a tab")
        to_tab.setToolTip("Move this visualizer from beside the answer to its own tab")
        to_tab.clicked.connect(self._move_beside_to_tab)
        close = QToolButton(pane)
        close.setText("✕")
        close.setAccessibleName("Close the visualizer beside the answer")
        close.setToolTip("Close this visualizer")
        close.clicked.connect(self.close_beside)
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 2, 2)
        header.addWidget(self.beside_title, 1)
        header.addWidget(to_tab)
        header.addWidget(close)
        self.beside_layout = QVBoxLayout(pane)
        self.beside_layout.setContentsMargins(0, 0, 0, 0)
        self.beside_layout.addLayout(header)
        self.beside_pane = pane
        pane.hide()
        return pane

    # -- banner for non-fatal problems (bad content files, a recovered database) -------------

    def _make_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("banner")
        banner.setStyleSheet(
            "#banner { background: #7a5a00; } #banner QLabel { color: white; padding: 6px; }"
        )
        self.banner_label = QLabel(banner)
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(banner)
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss this message")
        close.clicked.connect(banner.hide)
        row = QHBoxLayout(banner)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.banner_label, 1)
        row.addWidget(close)
        banner.hide()
        return banner

    def show_banner(self, message: str) -> None:
        existing = self.banner_label.text() if self.banner.isVisible() else ""
        self.banner_label.setText(f"{existing}\n{message}".strip())
        self.banner.show()

    # -- menus ----------------------------------------------------------------------------

    def add_action(self, action_id: str, slot: Callable[[], object]) -> QAction:
        """A window-wide action built from the shortcut table entry `action_id` (app/shortcuts.py)."""
        entry = SHORTCUTS[action_id]
        action = QAction(entry.label, self)
        action.setObjectName(f"action_{action_id}")
        if entry.keys is not None:
            action.setShortcut(key_sequence(entry.keys))
        action.setStatusTip(entry.tip)
        action.setToolTip(entry.tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def show_tab(self, widget: QWidget, title: str, tip: str = "") -> None:
        """Add `widget` as a tab unless it already is one, and bring it to the front."""
        index = self.tabs.indexOf(widget)
        if index < 0:
            index = self.tabs.addTab(widget, title)
            self.tabs.setTabToolTip(index, tip)
        self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def find_tab[W: QWidget](self, kind: type[W]) -> W | None:
        """The open tab of class `kind`, if there is one."""
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, kind):
                return widget
        return None

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_pack_action = self.add_action("open_pack", self._ask_content_pack)
        file_menu.addAction(self.open_pack_action)
        file_menu.addSeparator()
        file_menu.addAction(self.add_action("quit", self.close))

        go = bar.addMenu("&Go")
        self.today_action = self.add_action("today", self.show_today)
        self.next_action = self.add_action("next", self.next_question)
        self.previous_action = self.add_action("previous", self.previous_question)
        self.random_action = self.add_action("random", self.random_question)
        self.search_action = self.add_action("find", self.focus_search)
        go.addAction(self.today_action)
        go.addSeparator()
        for a in (self.next_action, self.previous_action, self.random_action):
            go.addAction(a)
        go.addSeparator()
        go.addAction(self.search_action)

        # Question actions act on the question in front of the user (Study or Review tab).
        question = bar.addMenu("&Question")
        self.reveal_action = self.add_action("reveal", lambda: self._on_front("reveal"))
        self.bookmark_action = self.add_action(
            "bookmark", lambda: self._on_front("toggle_bookmark")
        )
        self.studied_action = self.add_action("studied", lambda: self._on_front("toggle_studied"))
        self.known_action = self.add_action("known", lambda: self._on_front("toggle_known"))
        self.open_viz_action = self.add_action(
            "open_visualizer", lambda: self._on_front("open_visualizer")
        )
        self.undo_action = self.add_action("undo_grade", self.undo_last_grade)
        for a in (self.reveal_action, self.bookmark_action, self.studied_action, self.known_action):
            question.addAction(a)
        question.addSeparator()
        question.addAction(self.open_viz_action)
        question.addSeparator()
        question.addAction(self.undo_action)

        view = bar.addMenu("&View")
        self.reading_action = self.add_action("reading_mode", self._toggle_reading_mode)
        self.reading_action.setCheckable(True)
        view.addAction(self.reading_action)
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[ThemeChoice, QAction] = {}
        for choice, label in (
            (ThemeChoice.SYSTEM, "Follow &system"),
            (ThemeChoice.LIGHT, "&Light"),
            (ThemeChoice.DARK, "&Dark"),
        ):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[choice] = action
        view.addSeparator()
        self.navigation_action = self.add_action("navigation", self._toggle_navigation)
        self.navigation_action.setCheckable(True)
        self.navigation_action.setChecked(True)
        view.addAction(self.navigation_action)
        self.beside_action = self.add_action("beside", self._toggle_beside)
        self.beside_action.setCheckable(True)
        view.addAction(self.beside_action)
        view.addSeparator()
        self.close_tab_action = self.add_action("close_tab", self._close_current_tab)
        view.addAction(self.close_tab_action)
        self.fullscreen_action = self.add_action("fullscreen", self._toggle_fullscreen)
        view.addAction(self.fullscreen_action)

        self.visualizers_menu = bar.addMenu("Visuali&zers")
        # Filled after the first paint (or when opened first): reading the registry imports
        # every visualizer's spec module, and the menu's entries have no shortcuts.
        self.visualizers_menu.aboutToShow.connect(self.fill_visualizers_menu)

        self.study_menu = install_study_menu(self)  # app/study/ui/menu.py

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.add_action("shortcuts", self.show_shortcuts))
        help_menu.addAction(self.add_action("licences", self.show_licenses))
        help_menu.addAction(self.add_action("about", self.show_about))

    # -- content packs ------------------------------------------------------------------

    def _ask_content_pack(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs: not at start-up

        folder = QFileDialog.getExistingDirectory(self, "Open content pack")
        if folder:
            self.open_content_pack(Path(folder))

    def open_content_pack(self, folder: Path) -> bool:
        """Validate the pack at `folder` in full; show it only if every file passed."""
        library, errors = load_pack(folder, self.library)
        if library is None:
            listed = "\n".join(f"• {e}" for e in errors[:15])
            more = f"\n… and {len(errors) - 15} more" if len(errors) > 15 else ""
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self,
                "Content pack not loaded",
                f"Nothing from {folder} was loaded: {len(errors)} problem(s) must be fixed first.\n\n{listed}{more}",
            )
            self.show_banner(f"Content pack {folder.name} was refused: {errors[0]}")
            return False
        added = len(library.questions) - len(self.library.questions)
        self.navigator.set_library(library)
        self.question_view.set_library(library)
        self.studio.set_library(library)
        self.statusBar().showMessage(f"Loaded {added} question(s) from {folder.name}", 8000)
        return True

    # -- navigation -----------------------------------------------------------------------

    def show_question(self, number: int) -> None:
        question = self.library.question(number)
        if question is None:
            return
        if self._question_view is None:
            self._build_question_view(restore=False)
        self.navigator.select_question(number)
        self.question_view.highlight_query = self.navigator.search.text().strip()
        self.question_view.show_question(question)
        self.tabs.setCurrentWidget(self.question_view)
        self.store.set_value(LAST_POSITION_KEY, f"question:{number}")
        self._update_actions()

    def show_guide(self, guide_id: str) -> None:
        guide = next((g for g in self.library.guides if g.id == guide_id), None)
        if guide is None:
            return
        if self._question_view is None:
            self._build_question_view(restore=False)
        self.navigator.select_guide(guide_id)
        self.question_view.show_guide(guide)
        self.tabs.setCurrentWidget(self.question_view)
        self.store.set_value(LAST_POSITION_KEY, f"guide:{guide_id}")
        self._update_actions()

    def _step(self, delta: int) -> None:
        numbers = self.navigator.visible_question_numbers()
        if not numbers:
            return
        current = self.question_view.question
        if current is None or current.number not in numbers:
            self.show_question(numbers[0] if delta > 0 else numbers[-1])
            return
        index = numbers.index(current.number) + delta
        if 0 <= index < len(numbers):
            self.show_question(numbers[index])

    def next_question(self) -> None:
        self._step(+1)

    def previous_question(self) -> None:
        self._step(-1)

    def random_question(self) -> None:
        states = self.store.all_states()
        numbers = [
            n
            for n in self.navigator.visible_question_numbers()
            if not (q := self.library.question(n)) or not states.get(q.id) or not states[q.id].known
        ]
        if numbers:
            self.show_question(random.choice(numbers))

    def focus_search(self) -> None:
        self.navigator.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigator.search.selectAll()

    def front_question_view(self) -> QuestionView | None:
        """The question view the user is looking at: the Study tab's, or the Review tab's card.

        None when the tab in front shows no question (a visualizer, the dashboard, a mock
        interview), so a question shortcut never acts on a hidden question.
        """
        current = self.tabs.currentWidget()
        if current is not None and current is self._question_view:
            return self._question_view
        inner = getattr(current, "front_question_view", None)
        if callable(inner):
            from app.question_view import QuestionView  # loaded already: a tab holds one

            view = inner()
            return view if isinstance(view, QuestionView) else None
        return None

    def _on_front(self, method: str) -> None:
        view = self.front_question_view()
        if view is not None and view.question is not None and not self._interview_running:
            getattr(view, method)()

    def _update_actions(self) -> None:
        view = self.front_question_view()
        has_question = view is not None and view.question is not None
        has_question = has_question and not self._interview_running
        for a in (self.reveal_action, self.bookmark_action, self.studied_action, self.known_action):
            a.setEnabled(has_question)
        self.open_viz_action.setEnabled(
            has_question and view is not None and view.visualizer_button.isEnabled()
        )
        self.undo_action.setEnabled(
            not self._interview_running and self.studio.study.last_undoable() is not None
        )

    def undo_last_grade(self) -> None:
        """Take back the most recent grade (Ctrl+Z) and show that question again."""
        if self._interview_running:
            return
        undone = self.studio.study.undo_last()
        if undone is None:
            self.statusBar().showMessage("Nothing to undo.", 4000)
            return
        self.studio.notify(undone.question_id)
        question = self.library.by_id(undone.question_id)
        number = f"Q{question.number}" if question else undone.question_id
        self.statusBar().showMessage(f"Grade of {number} undone.", 6000)
        front = self.tabs.currentWidget()
        undo_done = getattr(front, "undo_done", None)
        if callable(undo_done):
            undo_done()  # the review tab shows the card again
        elif front is self._question_view and question is not None:
            self.question_view.show_question(question)
        self._update_actions()

    def set_interview_running(self, running: bool) -> None:
        """While a mock interview runs, answers must stay out of reach."""
        self._interview_running = running
        self.navigator.setEnabled(not running)
        self.navigator.setToolTip(
            "Locked while a mock interview runs: no peeking at answers." if running else ""
        )
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if widget is not None and widget is not self.tabs.currentWidget():
                self.tabs.setTabEnabled(i, not running)
        # Every way to another screen is shut too (menus and their shortcuts), not only the tree.
        for action in self.actions():
            if action.objectName().removeprefix("action_") not in _ALWAYS_AVAILABLE:
                action.setEnabled(not running)
        for menu_action in self.menuBar().actions():
            if menu_action.menu() is self.visualizers_menu:
                menu_action.setEnabled(not running)
        self._update_actions()

    def _on_progress_changed(self, _question_id: str) -> None:
        states = self.store.all_states()
        statuses = self.studio.study.statuses()
        self.navigator.set_states(states, statuses)
        if self._question_view is not None:
            self._question_view.refresh_marks()
        self._update_status(states, statuses)
        if hasattr(self, "undo_action"):
            self._update_actions()

    def _update_status(
        self, states: dict[str, QuestionState], statuses: dict[str, QuestionStatus]
    ) -> None:
        # The question count is in the navigation pane's summary line; not repeated here.
        # The same words as the tree's status dots: due, learning, known, new.
        ids = {q.id for q in self.library.questions}
        marked = sum(1 for s in states.values() if s.bookmarked and s.question_id in ids)
        counts = Counter(statuses.values())
        self.statusBar().showMessage(
            f"{counts['due']} due · {counts['learning']} learning · {counts['known']} known · "
            f"{counts['new']} new · {marked} bookmarked"
        )

    # -- visualizers ----------------------------------------------------------------------

    def open_visualizer(self, visualizer_id: str) -> QWidget | None:
        """Show the visualizer: focus it if it is open already, else open it (tab or beside)."""
        from visualizers.core import registry

        spec = registry.get(visualizer_id)
        if spec is None:
            self.show_banner(f"The visualizer '{visualizer_id}' is not part of this version.")
            return None
        existing = self.find_visualizer(visualizer_id)
        if existing is not None:
            if existing is self.beside_view:
                self.tabs.setCurrentWidget(self.question_view)
            else:
                self.tabs.setCurrentWidget(existing)
            existing.setFocus()
            return existing
        try:
            view = self._create_view(spec)
        except Exception as exc:  # a broken visualizer must not take the study session down
            self.show_banner(f"Could not open {spec.title}: {exc}")
            return None
        if self.beside_action.isChecked():
            self._dock_beside(view)
            self.tabs.setCurrentWidget(self.question_view)
        else:
            self._add_tab(view)
        view.setFocus()
        return view

    def open_prediction(self, question_id: str, prompt_id: str, chosen: int) -> QWidget | None:
        """Open the prompt's visualizer in the scenario it asks about; the verdict waits there."""
        question = self.library.by_id(question_id)
        if question is None:
            return None
        from app.study.core.predictions import find_prompt
        from app.study.ui.prediction_watch import PredictionWatch

        prompt = find_prompt(question.number, question.visualizer, prompt_id)
        if prompt is None:
            return None
        view = self.open_visualizer(prompt.visualizer)
        if view is None:
            return None
        set_params = getattr(view, "set_params", None)
        if callable(set_params) and prompt.values:
            set_params(**prompt.values)
        player = getattr(view, "player", None)
        watch = PredictionWatch(prompt, chosen, player, view)
        layout = view.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, watch)
        watch.show()
        self.prediction_watch = watch
        return view

    def _study_menu_open(self, name: str) -> None:
        getattr(study_menu, name)(self)

    def show_today(self) -> None:
        self.tabs.setCurrentWidget(self.today)
        self.today.setFocus()

    def _on_tab_changed(self, _index: int) -> None:
        """Time in front of a visualizer counts as study time (activity log)."""
        if self._visualizer_since is not None:
            since = self._visualizer_since[1]
            self._visualizer_since = None
            view = self._question_view  # not built yet: no question was on screen
            question = view.question if view is not None else None
            # Study time is a nicety: a failed write must never interrupt the learner.
            with contextlib.suppress(Exception):
                self.studio.study.record_activity(
                    "visualizer", question.id if question else "", since, time.time() - since
                )
        current = self.tabs.currentWidget()
        if current is not None and _is_visualizer(current):
            self._visualizer_since = (current, time.time())
        self._update_actions()

    def find_visualizer(self, visualizer_id: str) -> QWidget | None:
        """The open view of this visualizer (in a tab or beside the answer), if any."""
        for view in self.visualizer_tabs():
            spec = getattr(view, "spec", None)
            if getattr(spec, "id", None) == visualizer_id:
                return view
        return None

    def _add_tab(self, view: QWidget) -> None:
        spec = getattr(view, "spec", None)
        title = literal_label(getattr(spec, "title", "Visualizer"))
        index = self.tabs.addTab(view, title)
        self.tabs.setTabToolTip(index, getattr(spec, "description", ""))
        self.tabs.setCurrentIndex(index)
        self._settle(view)

    def _dock_beside(self, view: QWidget) -> None:
        """Put `view` in the pane beside the answer; one already there moves to a tab."""
        previous = self.beside_view
        if previous is not None:
            self.beside_view = None
            self._add_tab(previous)
        self.beside_view = view
        self.beside_layout.addWidget(view)
        spec = getattr(view, "spec", None)
        self.beside_title.setText(literal_label(getattr(spec, "title", "")).replace("&&", "&"))
        self.beside_pane.show()
        if self.splitter.sizes()[2] < 200:
            sizes = self.splitter.sizes()
            share = max(480, (sizes[1] + sizes[2]) // 2)
            self.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - share, share])
        self._settle(view)

    @staticmethod
    def _settle(view: QWidget) -> None:
        """The new view laid out before its first paint (see `settle_layout`)."""
        from visualizers.core.layout import settle_layout

        settle_layout(view)

    def close_beside(self) -> None:
        """Close the visualizer beside the answer (if any)."""
        view = self.beside_view
        if view is None:
            return
        self.beside_view = None
        shutdown = getattr(view, "shutdown", None)
        if callable(shutdown):
            shutdown()
        view.setParent(None)
        view.deleteLater()
        self.beside_pane.hide()

    def _move_beside_to_tab(self) -> None:
        view = self.beside_view
        if view is not None:
            self.beside_view = None
            self._add_tab(view)
            self.beside_pane.hide()
            view.setFocus()

    def _create_view(self, spec: VisualizerSpec) -> QWidget:
        view_class = spec.load_view_class()
        view = view_class(spec)
        assert isinstance(view, QWidget)
        return view

    def visualizer_tabs(self) -> list[QWidget]:
        """Every open visualizer view: the tabs, then the one beside the answer."""
        widgets = (self.tabs.widget(i) for i in range(self.tabs.count()))
        tabs = [w for w in widgets if w is not None and _is_visualizer(w)]
        return [*tabs, self.beside_view] if self.beside_view is not None else tabs

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is None or widget is self.today:
            return
        if widget is self._question_view or widget is self._study_placeholder:
            return
        if self._interview_running and getattr(widget, "running", False):
            return  # end the interview (or the coding round) first, with its own buttons
        shutdown = getattr(widget, "shutdown", None)
        if callable(shutdown):
            shutdown()
        self.tabs.removeTab(index)
        widget.deleteLater()

    def _close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    # -- view options ---------------------------------------------------------------------

    def _toggle_navigation(self) -> None:
        on = self.navigation_action.isChecked()
        self.navigator.setVisible(on)
        self.settings.setValue("navigation_visible", on)

    def _toggle_beside(self) -> None:
        self.settings.setValue("visualizer_beside", self.beside_action.isChecked())

    def _toggle_reading_mode(self) -> None:
        on = self.reading_action.isChecked()
        self.question_view.set_reading_mode(on)
        self.settings.setValue("reading_mode", on)

    def set_theme(self, choice: ThemeChoice) -> None:
        apply_theme(choice)
        self.theme_actions[choice].setChecked(True)
        self.settings.setValue("theme", choice.value)

    def _toggle_fullscreen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_shortcuts(self) -> None:
        """Every shortcut, read from the one table (app/shortcuts.py), in two columns so the
        dialog fits a 720-pixel-high screen."""
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        built = {a.objectName().removeprefix("action_") for a in self.actions()}
        for entry in SHORTCUTS.values():
            if entry.id not in built:
                continue  # in the table for a screen this build doesn't have
            key = (
                key_sequence(entry.keys).toString(QKeySequence.SequenceFormat.NativeText)
                if entry.keys
                else ""
            )
            if not key:
                continue
            if not sections or sections[-1][0] != entry.group:
                sections.append((entry.group, []))
            sections[-1][1].append((entry.label.replace("&", ""), key))
        for where, name, key in SCREEN_KEYS:
            title = f"In {where.lower()}"
            if sections[-1][0] != title:
                sections.append((title, []))
            sections[-1][1].append((name, key))

        def table(part: list[tuple[str, list[tuple[str, str]]]]) -> str:
            rows = []
            for title, entries in part:
                rows.append(f"<tr><td colspan=2><br><i>{title}</i></td></tr>")
                rows += [
                    f"<tr><td nowrap>{n}</td><td nowrap><b>{k}</b></td></tr>" for n, k in entries
                ]
            return "<table cellpadding=2>" + "".join(rows) + "</table>"

        from PySide6.QtWidgets import QMessageBox

        total = sum(len(entries) + 1 for _t, entries in sections)
        split, count = 0, 0
        while split < len(sections) and count + len(sections[split][1]) + 1 <= total / 2 + 2:
            count += len(sections[split][1]) + 1
            split += 1
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "<table><tr><td valign=top>"
            + table(sections[:split])
            + "</td><td width=24></td><td valign=top>"
            + table(sections[split:])
            + "</td></tr></table>",
        )

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>Offline study app for machine-learning interviews: "
            f"{len(self.library.questions)} questions in {len(self.library.categories)} categories, "
            "with live visualizers of the algorithms they ask about.</p>"
            "<p>Built with Qt for Python (PySide6, LGPLv3), pyqtgraph (MIT), NumPy (BSD), "
            "PyYAML (MIT), Pygments (BSD), Python-Markdown (BSD), Pillow (MIT-CMU) and "
            "fsrs (MIT). Their licence texts: Help → Licences….</p>",
        )

    def show_licenses(self) -> None:
        """The licence texts of the bundled components (non-modal, so it never blocks)."""
        from app.licenses_dialog import LicensesDialog

        dialog = LicensesDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # -- persistence ----------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        navigation = str(self.settings.value("navigation_visible", True)).lower()
        self.navigation_action.setChecked(navigation in ("true", "1"))
        self.navigator.setVisible(self.navigation_action.isChecked())
        beside = str(self.settings.value("visualizer_beside", False)).lower()
        self.beside_action.setChecked(beside in ("true", "1"))
        reading = self.settings.value("reading_mode", False)
        self.reading_action.setChecked(str(reading).lower() in ("true", "1"))
        try:
            theme = ThemeChoice(str(self.settings.value("theme", ThemeChoice.SYSTEM.value)))
        except ValueError:
            theme = ThemeChoice.SYSTEM
        self.theme_actions[theme].setChecked(True)
        self.show_today()  # the start page: what is due today; the Study tab comes after

    def restore_position(self) -> None:
        position = self.store.get_value(LAST_POSITION_KEY, "") or ""
        kind, _, key = position.partition(":")
        if kind == "guide" and any(g.id == key for g in self.library.guides):
            self.show_guide(key)
        elif kind == "question" and key.isdigit() and self.library.question(int(key)):
            self.show_question(int(key))
        elif self.library.questions:
            self.show_question(self.library.questions[0].number)
        else:
            self._update_actions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._question_view is not None:
            self._question_view.save_note()
            self._question_view.recall.leave()
        self.tabs.setCurrentWidget(self.today)  # closes the running visualizer-time stretch
        for i in reversed(range(self.tabs.count())):
            self.close_tab(i)
        self.close_beside()
        from app.study.ui.unsaved import offer_export_at_quit

        offer_export_at_quit(self)  # progress the disk would not take: never lost silently
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
