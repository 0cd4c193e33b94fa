"""The study pane: one question (or guide page), its answer, progress marks and notes."""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.content import Guide, Library, Question
from app.implementation import load_helpers, load_implementation
from app.practice.qt.controller import PracticeController
from app.rendering import escape, highlight_code, render_markdown
from app.safe_browser import SafeTextBrowser, question_number
from app.search import highlight_terms
from app.shortcuts import literal_label
from app.store import MAX_NOTE_CHARS, NoteConflict, QuestionState, Store
from app.study.core.service import StudyService
from app.study.ui.recall_panel import RecallPanel
from app.theme import MARK_BACKGROUND, RULE, is_dark, tone
from visualizers.core import registry
from visualizers.core.flow_layout import FlowLayout

DIFFICULTY_TONES = {"easy": "good", "medium": "warn", "hard": "bad"}  # app.theme.tone


class QuestionView(QWidget):
    """Shows a question in study mode (answer hidden until revealed) or reading mode."""

    related_requested = Signal(int)
    visualizer_requested = Signal(str)
    prediction_requested = Signal(str, str, int)  # question id, prompt id, chosen
    state_changed = Signal(str)  # question id whose bookmark/studied/known/note changed
    note_save_failed = Signal(str)

    def __init__(
        self,
        library: Library,
        store: Store,
        parent: QWidget | None = None,
        study: StudyService | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._store = store
        # Active recall, predict-then-watch and the 1–4 grades (app/study/ui/recall_panel.py).
        self.study = study or StudyService(library, store)
        self.recall = RecallPanel(self.study, self, scope=self)
        self.recall.visualizer_requested.connect(self.visualizer_requested)
        self.recall.prediction_requested.connect(self.prediction_requested)
        self.recall.graded.connect(lambda qid, _rating: self.state_changed.emit(qid))
        self._question: Question | None = None
        self._guide: Guide | None = None
        self._open_helpers: set[str] = set()  # helper sections expanded under the answer
        self._revealed = False
        self._followups_shown: set[int] = set()
        self.reading_mode = False
        self.highlight_query = ""  # the navigator's search words, marked in the answer
        self.notes_enabled = True  # the review tab leaves notes to the Study tab (room for grades)

        self.reveal_button = QPushButton("Reveal answer", self)
        self.reveal_button.setToolTip("Show the answer (Ctrl+R). Try answering out loud first.")
        self.reveal_button.clicked.connect(self.reveal)
        self.bookmark_button = self._toggle("☆ Bookmark", "Bookmark this question (Ctrl+D)")
        self.studied_button = self._toggle("Studied", "Mark as studied (Ctrl+E)")
        self.known_button = self._toggle("Know it", "Mark as known cold (Ctrl+K)")
        self.visualizer_button = QPushButton("Open visualizer", self)
        self.visualizer_button.clicked.connect(self._open_visualizer)
        # Other visualizers whose spec lists this question (e.g. the bias–variance fan for
        # question 8, whose own link is the neural-network playground).
        self.more_visualizers_button = QToolButton(self)
        self.more_visualizers_button.setText("More visualizers")
        self.more_visualizers_button.setAccessibleName("More visualizers for this question")
        self.more_visualizers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_visualizers_menu = QMenu(self.more_visualizers_button)
        self.more_visualizers_button.setMenu(self.more_visualizers_menu)
        self.bookmark_button.toggled.connect(self._on_bookmark)
        self.studied_button.toggled.connect(self._on_studied)
        self.known_button.toggled.connect(self._on_known)

        # Wraps onto a second line at large text rather than widening the window.
        toolbar = FlowLayout()
        toolbar.addWidget(self.reveal_button)
        toolbar.add_spacing(12)
        toolbar.addWidget(self.bookmark_button)
        toolbar.addWidget(self.studied_button)
        toolbar.addWidget(self.known_button)
        toolbar.add_stretch()
        toolbar.addWidget(self.visualizer_button)
        toolbar.addWidget(self.more_visualizers_button)
        self._toolbar_widget = QWidget(self)
        self._toolbar_widget.setLayout(toolbar)

        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("questionBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)

        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Your notes on this question — saved automatically.")
        self.notes.setToolTip("Personal notes, saved as you type and kept across restarts")
        self._notes_label = QLabel("Notes", self)
        self._notes_label.setBuddy(self.notes)  # also the editor's accessible name
        # Two lines at least (its scroll bar alone asked for 138 px at 200 % text).
        self.notes.setMinimumHeight(2 * self.notes.fontMetrics().lineSpacing() + 12)
        self._note_timer = QTimer(self, singleShot=True, interval=700)
        self._note_timer.timeout.connect(self.save_note)
        # Notes that could not be written (disk full, ...): question id -> (text, the stored
        # note it was edited from). Kept until a retry succeeds; shown again on return.
        self._drafts: dict[str, tuple[str, str]] = {}
        self._loaded_note = ""  # the stored note the editor was loaded from
        self._retry_timer = QTimer(self, interval=15_000)
        self._retry_timer.timeout.connect(self.retry_unsaved_notes)
        # Notes written in a read-only session live in memory only: kept here for quitting.
        self._memory_notes: dict[str, str] = {}
        application = QApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.write_unsaved_notes)
        self.notes.textChanged.connect(self._note_timer.start)
        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 4, 0, 0)
        notes_layout.addWidget(self._notes_label)
        notes_layout.addWidget(self.notes)
        self._notes_box = notes_box

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.recall)
        self.splitter.addWidget(notes_box)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([460, 340, 80])  # room for the typed answer and the prediction
        # Coding practice (app/practice): a "Practice" toggle and its pane in the splitter.
        self.practice = PracticeController(store, self.splitter, (self.recall, notes_box), self)

        toolbar.insertWidget(toolbar.count() - 1, self.practice.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self._toolbar_widget)
        # The answer, the grades and the notes scroll together when the tab is shorter than
        # their minimums (200 % text on a 720 px screen) instead of overlapping.
        self._splitter_scroll = QScrollArea(self)
        self._splitter_scroll.setWidget(self.splitter)
        self._splitter_scroll.setWidgetResizable(True)
        self._splitter_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._splitter_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._splitter_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._splitter_scroll.setMinimumHeight(4 * self.fontMetrics().lineSpacing())
        layout.addWidget(self._splitter_scroll, 1)
        self._show_placeholder()

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # -- what is shown --------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self._library = library

    @property
    def question(self) -> Question | None:
        return self._question

    @property
    def revealed(self) -> bool:
        return self._revealed or self.reading_mode

    def show_question(self, question: Question) -> None:
        self.save_note()
        self._question = question
        self._guide = None
        self._revealed = False
        self._followups_shown = set()
        self._toolbar_widget.setVisible(True)
        self._notes_box.setVisible(self.notes_enabled)
        self._load_state()
        self._update_visualizer_button()
        self.recall.set_question(question, revealed=self.revealed)
        self.recall.setVisible(not self.reading_mode)  # reading mode: no grading widgets
        self.refresh()
        self.browser.verticalScrollBar().setValue(0)
        self.practice.set_question(question)

    def show_guide(self, guide: Guide) -> None:
        self.save_note()
        self._question = None
        self._guide = guide
        self._toolbar_widget.setVisible(False)
        self._notes_box.setVisible(False)
        self.recall.set_question(None)
        self.practice.set_question(None)
        self.refresh()
        self.browser.verticalScrollBar().setValue(0)

    def set_reading_mode(self, on: bool) -> None:
        self.reading_mode = on
        self.recall.set_revealed(self.revealed)
        self.recall.setVisible(not on and self._question is not None)
        self.refresh()

    def refresh_marks(self) -> None:
        """Re-read the bookmark/studied/known marks (another screen may have changed them)."""
        if self._question is not None:
            self._show_marks(self._store.state(self._question.id))

    def _show_marks(self, state: QuestionState) -> None:
        """Set the three mark buttons to `state` without firing their toggles."""
        for button, value in (
            (self.bookmark_button, state.bookmarked),
            (self.studied_button, state.studied),
            (self.known_button, state.known),
        ):
            button.blockSignals(True)
            button.setChecked(value)
            button.blockSignals(False)
        self._update_bookmark_text(state)

    def reveal(self) -> None:
        if self._question is None or self.revealed:
            return
        self._revealed = True
        position = self.browser.verticalScrollBar().value()
        self.refresh()
        self.browser.verticalScrollBar().setValue(position)
        self.recall.set_revealed(True)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.setFocus()  # so keys 1–4 grade right away

    def refresh(self) -> None:
        dark = is_dark()
        if self._guide is not None:
            g = self._guide
            html = f"<h1>{escape(g.title)}</h1><p><i>{escape(g.summary)}</i></p>{render_markdown(g.body, dark=dark)}"
            self.browser.setHtml(self._page(html))
            return
        if self._question is None:
            self._show_placeholder()
            return
        self.reveal_button.setEnabled(not self.revealed)
        self.reveal_button.setText("Answer shown" if self.revealed else "Reveal answer")
        html = self._question_html(self._question, dark)
        if self.highlight_query and self.revealed:
            html = highlight_terms(html, self.highlight_query, MARK_BACKGROUND[dark].name())
        self.browser.setHtml(self._page(html))

    def _page(self, body: str) -> str:
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link).name()
        grid = RULE[is_dark()].name()
        base = QApplication.font().pointSizeF()  # follows the system's font size

        def pt(scale: float) -> str:
            return f"{base * scale:.1f}"

        return (
            f"<html><head><style>a {{ color: {link}; text-decoration: none; }} "
            f"h1 {{ font-size: {pt(2.2)}pt; }} h2 {{ font-size: {pt(1.65)}pt; margin-top: 18px; }} "
            f"h3 {{ font-size: {pt(1.45)}pt; }} td {{ vertical-align: top; }}"
            # Captions: the palette's Mid (plain "gray" is below 4.5:1 on both themes).
            f".muted {{ color: {palette.color(QPalette.ColorRole.Mid).name()}; }}"
            # Tables in answers and guides: padded cells, so columns never run together.
            f"table {{ border-collapse: collapse; }} th, td {{ padding: 4px 10px; border: 1px solid {grid}; }}"
            "</style></head>"
            f"<body style='font-size: {pt(1.22)}pt;'>{body}</body></html>"
        )

    def _question_html(self, q: Question, dark: bool) -> str:
        category = self._library.category(q.category)
        difficulty = DIFFICULTY_TONES.get(q.difficulty)
        colour = (
            tone(difficulty) if difficulty else self.palette().color(QPalette.ColorRole.Mid)
        ).name()
        meta = (
            f"<span style='color:{colour};'><b>{q.difficulty.capitalize()}</b></span> · "
            f"{escape(category.title if category else q.category)} · "
            + ", ".join(f"<i>{escape(t)}</i>" for t in q.tags)
        )
        parts = [f"<p>{meta}</p>", f"<h1>Q{q.number}. {escape(q.question)}</h1>"]
        if not self.revealed:
            parts.append(
                "<p class='muted'>Think it through and say your answer out loud, the way you would "
                "in the interview: intuition, the math, an example, the trade-offs. Then reveal the "
                "answer (<b>Ctrl+R</b>) and compare.</p>"
                f"<p class='muted'>A strong answer covers {len(q.key_points)} key points.</p>"
            )
            return "".join(parts)
        parts.append("<h2>Answer</h2>" + render_markdown(q.answer, dark=dark))
        parts.append(
            "<h2>Key points</h2><ul>"
            + "".join(f"<li>{escape(k)}</li>" for k in q.key_points)
            + "</ul>"
        )
        parts.append("<h2>Worked example</h2>" + render_markdown(q.worked_example, dark=dark))
        if q.implementation:
            parts.append(self._implementation_html(q.implementation, dark))
        parts.append("<h2>What the interviewer asks next</h2>")
        for i, f in enumerate(q.follow_ups):
            parts.append(f"<p><b>→ {escape(f.question)}</b></p>")
            # Study mode: each follow-up is a new question to answer before reading it.
            if self.reading_mode or i in self._followups_shown:
                parts.append(render_markdown(f.answer, dark=dark))
            else:
                parts.append(
                    f"<p><a href='followup:{i}'>Answer it yourself, then show the answer</a></p>"
                )
        parts.append(
            "<h2>Pitfalls</h2><ul>" + "".join(f"<li>{escape(p)}</li>" for p in q.pitfalls) + "</ul>"
        )
        if q.related:
            links = []
            for n in q.related:
                other = self._library.question(n)
                if other is not None:
                    links.append(
                        f"<li><a href='question:{n}'>Q{n}. {escape(other.question)}</a></li>"
                    )
            parts.append("<h2>Related questions</h2><ul>" + "".join(links) + "</ul>")
        return "".join(parts)

    def _implementation_html(self, reference: str, dark: bool) -> str:
        impl = load_implementation(reference)
        heading = "<h2>Implementation</h2>"
        if impl.source is None:
            return heading + f"<p><i>{escape(impl.problem or 'not available')}.</i></p>"
        where = f"{reference.replace(':', '.')} — {impl.file}, line {impl.first_line}"
        return (
            heading
            + "<p>The function below is read from the app's own source at run time: it is the code "
            "the visualizer animates and the test suite checks against an independent oracle.</p>"
            + f"<p class='muted'><small>{escape(where)}</small></p>"
            + highlight_code(impl.source, "python", dark=dark)
            + self._helpers_html(reference, dark)
        )

    def _helpers_html(self, reference: str, dark: bool) -> str:
        """The helpers the answer calls, each a link that shows or hides its source."""
        helpers = load_helpers(reference)
        if not helpers:
            return ""
        parts = ["<h3>Helpers it calls</h3>"]
        for helper in helpers:
            name = helper.reference.partition(":")[2]
            shown = name in self._open_helpers
            parts.append(
                f"<p><a href='helper:{escape(name)}'>{'▾' if shown else '▸'} {escape(name)}</a>"
                f" <small class='muted'>line {helper.first_line}</small></p>"
            )
            if shown and helper.source:
                parts.append(highlight_code(helper.source, "python", dark=dark))
        return "".join(parts)

    def _show_placeholder(self) -> None:
        self._toolbar_widget.setVisible(False)
        self._notes_box.setVisible(False)
        self.recall.set_question(None)
        self.browser.setHtml(self._page("<h2>Pick a question on the left to start.</h2>"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and (self._question or self._guide):
            self.refresh()
        super().changeEvent(event)

    # -- progress and notes ---------------------------------------------------------------

    def _load_state(self) -> None:
        assert self._question is not None
        state = self._store.state(self._question.id)
        self._show_marks(state)
        draft = self._drafts.get(self._question.id)
        # An unsaved draft wins over the stored note: leaving and coming back never loses it.
        text, self._loaded_note = draft if draft is not None else (state.note, state.note)
        self.notes.blockSignals(True)
        self.notes.setPlainText(text)
        self.notes.blockSignals(False)

    def _sync_buttons(self, problem: Exception) -> None:
        """After a failed write, show what the database holds and say what went wrong."""
        if self._question is None:
            return
        state = self._store.state(self._question.id)
        for button, value in (
            (self.bookmark_button, state.bookmarked),
            (self.studied_button, state.studied),
            (self.known_button, state.known),
        ):
            button.blockSignals(True)
            button.setChecked(value)
            button.blockSignals(False)
        self._update_bookmark_text(state)
        self.note_save_failed.emit(f"Could not save the change: {problem}. Nothing was changed.")

    def _update_bookmark_text(self, state: QuestionState) -> None:
        self.bookmark_button.setText("★ Bookmarked" if state.bookmarked else "☆ Bookmark")

    def _on_bookmark(self, on: bool) -> None:
        if self._question is not None:
            try:
                state = self._store.set_bookmarked(self._question.id, on)
            except Exception as exc:  # a full disk: the button must show what is stored
                self._sync_buttons(exc)
                return
            self._update_bookmark_text(state)
            self.state_changed.emit(self._question.id)

    def _on_studied(self, on: bool) -> None:
        if self._question is not None:
            try:
                self._store.set_studied(self._question.id, on)
            except Exception as exc:
                self._sync_buttons(exc)
                return
            self.state_changed.emit(self._question.id)

    def _on_known(self, on: bool) -> None:
        if self._question is not None:
            try:
                self._store.set_known(self._question.id, on)
            except Exception as exc:
                self._sync_buttons(exc)
                return
            if on and not self.studied_button.isChecked():
                self.studied_button.setChecked(True)  # knowing it implies having studied it
            self.state_changed.emit(self._question.id)

    def toggle_bookmark(self) -> None:
        if self._question is not None:
            self.bookmark_button.toggle()

    def toggle_studied(self) -> None:
        if self._question is not None:
            self.studied_button.toggle()

    def toggle_known(self) -> None:
        if self._question is not None:
            self.known_button.toggle()

    def save_note(self, *, announce: bool = True) -> None:
        """Write the note now if it was edited (also called before switching question and on quit).

        Only text the user changed is written, and only over the note it was loaded from
        (compare-and-set): a note saved meanwhile by another window or an import is never
        overwritten by a stale editor. A failed write keeps the text as a draft and retries.
        """
        self._note_timer.stop()
        if self._question is None:
            return
        text = self.notes.toPlainText()[:MAX_NOTE_CHARS]
        if text == self._loaded_note:
            self._drafts.pop(self._question.id, None)
            return
        saved = self._write_note(self._question.id, text, self._loaded_note, announce)
        if saved is not None:
            self._loaded_note = saved
            if saved != text:  # merged with a version saved elsewhere: show what is stored
                self.notes.blockSignals(True)
                self.notes.setPlainText(saved)
                self.notes.blockSignals(False)

    def _write_note(
        self, question_id: str, text: str, expected: str, announce: bool = True
    ) -> str | None:
        """Store `text` over `expected`; the stored text, or None (kept as a draft) on failure."""
        try:
            try:
                self._store.set_note(question_id, text, expected=expected)
                stored = text
            except NoteConflict as conflict:
                # Both sides edited: keep both, this editor's text first.
                stored = (
                    f"{text}\n\n— also saved from another window —\n{conflict.stored}"
                    if conflict.stored.strip() and conflict.stored.strip() not in text
                    else text
                )[:MAX_NOTE_CHARS]
                self._store.set_note(question_id, stored, expected=conflict.stored)
                self.note_save_failed.emit(
                    "This note was also changed in another window or by an import; "
                    "both versions are kept in it."
                )
        except Exception as exc:  # the store is on disk: a full disk must not lose the text
            self._drafts[question_id] = (text, expected)
            if not self._retry_timer.isActive():
                self._retry_timer.start()
            if announce:
                self.note_save_failed.emit(
                    f"Could not save your note: {exc}. The text is kept (also when you move "
                    "to another question) and saving is retried every 15 s; if it still "
                    "fails when you quit, it is written to an unsaved-notes file."
                )
            return None
        self._drafts.pop(question_id, None)
        if getattr(self._store, "read_only", False):
            self._memory_notes[question_id] = stored
        self.state_changed.emit(question_id)
        return stored

    def write_unsaved_notes(self) -> Path | None:
        """Last resort when the app quits: notes not on disk go to a Markdown file.

        Drafts that a full disk kept from the database, and notes of a read-only session,
        are written to `unsaved-notes-<time>.md` in the first folder that takes it (the
        data folder, the home folder, the temporary folder); its path is returned.
        """
        self.save_note(announce=False)
        # Notes a full disk kept in the store's memory copy (retried until now) count too.
        held = {
            str(w.args[0]): str(w.args[1])
            for w in getattr(self._store, "pending", [])
            if w.name == "set_note" and len(w.args) >= 2
        }
        notes = {**self._memory_notes, **held, **self.unsaved_notes()}
        if not notes:
            return None
        text = "# Notes that could not be saved to the progress database\n\n" + "\n\n".join(
            f"## {qid}\n\n{note}" for qid, note in sorted(notes.items())
        )
        name = f"unsaved-notes-{time.strftime('%Y%m%d-%H%M%S')}.md"
        for folder in (self._store.path.parent, Path.home(), Path(tempfile.gettempdir())):
            try:
                (folder / name).write_text(text + "\n", encoding="utf-8")
            except OSError:
                continue
            logging.getLogger("ml_interview_studio").warning(
                "unsaved notes written to %s", folder / name
            )
            return folder / name
        return None

    def unsaved_notes(self) -> dict[str, str]:
        """Question id -> note text that is not on disk yet."""
        return {qid: text for qid, (text, _) in self._drafts.items()}

    def retry_unsaved_notes(self) -> None:
        """Try again to write every draft; stop retrying once all are saved."""
        current = self._question.id if self._question is not None else None
        for question_id, (text, expected) in list(self._drafts.items()):
            if question_id == current:
                self.save_note(announce=False)
            elif self._write_note(question_id, text, expected, announce=False) is None:
                break  # still failing: try again later
        if not self._drafts and self._retry_timer.isActive():
            self._retry_timer.stop()
            self.note_save_failed.emit("Your unsaved notes are now saved.")

    def visualizer_ids(self) -> list[str]:
        """The visualizers for the question on screen: its own link first, then every other
        visualizer whose spec lists the question."""
        q = self._question
        if q is None:
            return []
        ids = [q.visualizer] if q.visualizer else []
        ids += [s.id for s in registry.for_question(q.number) if s.id not in ids]
        return ids

    def _update_visualizer_button(self) -> None:
        ids = self.visualizer_ids()
        self.more_visualizers_menu.clear()
        self.visualizer_button.setVisible(bool(ids))
        for other in ids[1:]:
            other_spec = registry.get(other)
            if other_spec is not None:
                action = self.more_visualizers_menu.addAction(
                    f"▶ {literal_label(other_spec.title)}"
                )
                action.setToolTip(other_spec.description)
                action.triggered.connect(
                    lambda _=False, vid=other: self.visualizer_requested.emit(vid)
                )
        self.more_visualizers_button.setVisible(not self.more_visualizers_menu.isEmpty())
        self.more_visualizers_button.setToolTip(
            "Other visualizers for this question: "
            + ", ".join(a.text().removeprefix("▶ ") for a in self.more_visualizers_menu.actions())
        )
        if not ids:
            return
        spec = registry.get(ids[0])
        if spec is None:
            self.visualizer_button.setEnabled(False)
            self.visualizer_button.setText("Open visualizer")
            self.visualizer_button.setToolTip(
                f"The '{ids[0]}' visualizer is not in this version yet."
            )
        else:
            self.visualizer_button.setEnabled(True)
            self.visualizer_button.setText(f"▶ {literal_label(spec.title)}")
            self.visualizer_button.setToolTip(f"{spec.description} (Ctrl+Shift+V)")

    def _open_visualizer(self) -> None:
        ids = self.visualizer_ids()
        if ids and self.visualizer_button.isEnabled():
            self.visualizer_requested.emit(ids[0])

    def open_visualizer(self) -> None:
        self._open_visualizer()

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("helper:"):
            self._open_helpers ^= {text.split(":", 1)[1]}
            bar = self.browser.verticalScrollBar()
            where = bar.value()
            self.refresh()
            bar.setValue(where)
        elif text.startswith("followup:") and text[9:].isdigit():
            self._followups_shown.add(int(text[9:]))
            position = self.browser.verticalScrollBar().value()
            self.refresh()
            self.browser.verticalScrollBar().setValue(position)
        elif (number := question_number(text)) is not None:
            self.related_requested.emit(number)
