"""The main window: navigation pane, study pane, visualizer tabs, menus and shortcuts."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.content import Library, load_pack
from app.navigator import Navigator
from app.question_view import QuestionView, literal_label
from app.store import Store
from app.study.menu import install_study_menu
from app.theme import ThemeChoice, apply_theme
from visualizers.core import registry
from visualizers.core.registry import VisualizerSpec

LAST_POSITION_KEY = "last_position"  # "question:<number>" or "guide:<id>"


class MainWindow(QMainWindow):
    """Owns the library, the progress store and every open visualizer tab."""

    def __init__(self, library: Library, store: Store, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")

        self.navigator = Navigator(library, self)
        self.question_view = QuestionView(library, store, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.addTab(self.question_view, "Study")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)

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
        self.question_view.related_requested.connect(self.show_question)
        self.question_view.visualizer_requested.connect(self.open_visualizer)
        self.question_view.state_changed.connect(self._on_state_changed)
        self.question_view.note_save_failed.connect(self.show_banner)

        self._build_menus()
        self.navigator.set_states(store.all_states())
        self._update_status()
        self._restore_settings()

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

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: object,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_pack_action = self._action(
            "Open content &pack…",
            None,
            self._ask_content_pack,
            "Add questions from a folder laid out like content/ (validated before anything is shown)",
        )
        file_menu.addAction(self.open_pack_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Quit", QKeySequence.StandardKey.Quit, self.close, "Quit the app")
        )

        go = bar.addMenu("&Go")
        self.next_action = self._action(
            "&Next question", "Ctrl+Down", self.next_question, "Next question in the list"
        )
        self.previous_action = self._action(
            "&Previous question", "Ctrl+Up", self.previous_question, "Previous question in the list"
        )
        self.random_action = self._action(
            "&Random question",
            "Ctrl+Shift+R",
            self.random_question,
            "Jump to a random question you haven't marked as known",
        )
        self.search_action = self._action(
            "&Find…", QKeySequence.StandardKey.Find, self.focus_search, "Focus the search box"
        )
        for a in (self.next_action, self.previous_action, self.random_action):
            go.addAction(a)
        go.addSeparator()
        go.addAction(self.search_action)

        question = bar.addMenu("&Question")
        self.reveal_action = self._action(
            "&Reveal answer", "Ctrl+R", self.question_view.reveal, "Show the answer"
        )
        self.bookmark_action = self._action(
            "&Bookmark", "Ctrl+D", self.question_view.toggle_bookmark, "Bookmark or un-bookmark"
        )
        self.studied_action = self._action(
            "Mark &studied", "Ctrl+E", self.question_view.toggle_studied, "Toggle the studied mark"
        )
        self.known_action = self._action(
            "Mark &known", "Ctrl+K", self.question_view.toggle_known, "Toggle the known mark"
        )
        self.open_viz_action = self._action(
            "Open &visualizer",
            "Ctrl+Shift+V",
            self.question_view.open_visualizer,
            "Open this question's visualizer",
        )
        for a in (self.reveal_action, self.bookmark_action, self.studied_action, self.known_action):
            question.addAction(a)
        question.addSeparator()
        question.addAction(self.open_viz_action)

        view = bar.addMenu("&View")
        self.reading_action = self._action(
            "&Reading mode (answers always shown)",
            "Ctrl+M",
            self._toggle_reading_mode,
            "Study mode hides answers until revealed; reading mode shows them",
        )
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
        self.navigation_action = self._action(
            "&Navigation",
            "Ctrl+\\",
            self._toggle_navigation,
            "Show or hide the question list (remembered)",
        )
        self.navigation_action.setCheckable(True)
        self.navigation_action.setChecked(True)
        view.addAction(self.navigation_action)
        self.beside_action = self._action(
            "Visualizer &beside the answer",
            "Ctrl+Shift+B",
            self._toggle_beside,
            "Open a question's visualizer in a pane beside the answer instead of in a tab",
        )
        self.beside_action.setCheckable(True)
        view.addAction(self.beside_action)
        view.addSeparator()
        self.close_tab_action = self._action(
            "&Close tab",
            QKeySequence.StandardKey.Close,
            self._close_current_tab,
            "Close the current visualizer tab",
        )
        view.addAction(self.close_tab_action)
        self.fullscreen_action = self._action(
            "&Full screen",
            QKeySequence.StandardKey.FullScreen,
            self._toggle_fullscreen,
            "Full screen",
        )
        view.addAction(self.fullscreen_action)

        self.visualizers_menu = bar.addMenu("Visuali&zers")
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

        self.study_menu = install_study_menu(self)  # app/study/menu.py

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(
            self._action(
                "&Keyboard shortcuts",
                QKeySequence.StandardKey.HelpContents,
                self.show_shortcuts,
                "List every shortcut",
            )
        )
        help_menu.addAction(
            self._action(
                "&Licences…", None, self.show_licenses, "Licence texts of the bundled components"
            )
        )
        help_menu.addAction(self._action("&About", None, self.show_about, "About this app"))

    # -- content packs ------------------------------------------------------------------

    def _ask_content_pack(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open content pack")
        if folder:
            self.open_content_pack(Path(folder))

    def open_content_pack(self, folder: Path) -> bool:
        """Validate the pack at `folder` in full; show it only if every file passed."""
        library, errors = load_pack(folder, self.library)
        if library is None:
            listed = "\n".join(f"• {e}" for e in errors[:15])
            more = f"\n… and {len(errors) - 15} more" if len(errors) > 15 else ""
            QMessageBox.warning(
                self,
                "Content pack not loaded",
                f"Nothing from {folder} was loaded: {len(errors)} problem(s) must be fixed first.\n\n{listed}{more}",
            )
            self.show_banner(f"Content pack {folder.name} was refused: {errors[0]}")
            return False
        added = len(library.questions) - len(self.library.questions)
        self.library = library
        self.navigator.set_library(library)
        self.question_view.set_library(library)
        self._update_status()
        self.statusBar().showMessage(f"Loaded {added} question(s) from {folder.name}", 8000)
        return True

    # -- navigation -----------------------------------------------------------------------

    def show_question(self, number: int) -> None:
        question = self.library.question(number)
        if question is None:
            return
        self.navigator.select_question(number)
        self.question_view.show_question(question)
        self.tabs.setCurrentWidget(self.question_view)
        self.store.set_value(LAST_POSITION_KEY, f"question:{number}")
        self._update_actions()

    def show_guide(self, guide_id: str) -> None:
        guide = next((g for g in self.library.guides if g.id == guide_id), None)
        if guide is None:
            return
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

    def _update_actions(self) -> None:
        has_question = self.question_view.question is not None
        for a in (self.reveal_action, self.bookmark_action, self.studied_action, self.known_action):
            a.setEnabled(has_question)
        self.open_viz_action.setEnabled(
            has_question and self.question_view.visualizer_button.isEnabled()
        )

    def _on_state_changed(self, _question_id: str) -> None:
        self.navigator.set_states(self.store.all_states())
        self._update_status()

    def _update_status(self) -> None:
        states = self.store.all_states()
        ids = {q.id for q in self.library.questions}
        studied = sum(1 for s in states.values() if s.studied and s.question_id in ids)
        known = sum(1 for s in states.values() if s.known and s.question_id in ids)
        marked = sum(1 for s in states.values() if s.bookmarked and s.question_id in ids)
        self.statusBar().showMessage(
            f"{len(ids)} questions · {studied} studied · {known} known · {marked} bookmarked"
        )

    # -- visualizers ----------------------------------------------------------------------

    def open_visualizer(self, visualizer_id: str) -> QWidget | None:
        """Show the visualizer: focus it if it is open already, else open it (tab or beside)."""
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
        tabs = [w for w in widgets if w is not None and w is not self.question_view]
        return [*tabs, self.beside_view] if self.beside_view is not None else tabs

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is None or widget is self.question_view:
            return
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
        rows = []
        for action in self.actions():
            if not action.shortcut().isEmpty():
                name = action.text().replace("&", "")
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                rows.append(f"<tr><td>{name}</td><td><b>{key}</b></td></tr>")
        rows.append("<tr><td colspan=2><br><i>In a visualizer:</i></td></tr>")
        for name, key in (
            ("Play / pause", "Space"),
            ("Step forward / back", "→ / ←"),
            ("Reset", "Home"),
        ):
            rows.append(f"<tr><td>{name}</td><td><b>{key}</b></td></tr>")
        QMessageBox.information(
            self, "Keyboard shortcuts", "<table cellpadding=4>" + "".join(rows) + "</table>"
        )

    def show_about(self) -> None:
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
        self.question_view.set_reading_mode(self.reading_action.isChecked())
        try:
            theme = ThemeChoice(str(self.settings.value("theme", ThemeChoice.SYSTEM.value)))
        except ValueError:
            theme = ThemeChoice.SYSTEM
        self.theme_actions[theme].setChecked(True)
        self.restore_position()

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
        self.question_view.save_note()
        for i in reversed(range(self.tabs.count())):
            self.close_tab(i)
        self.close_beside()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
