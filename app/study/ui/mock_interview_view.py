"""The mock interview tab: pick a length, answer against the clock round by round, score
yourself on each round's rubric, and keep the summary in the history.

Or pick the coding round: problems in the practice editor against one clock, judged by the
grader (`app/practice/qt/coding_round_view.py` draws it); its summary joins the same history.

While answering, the rest of the app is locked (`running_changed`), so no answer can be
opened mid-interview; when a question's time runs out the interview moves on by itself.
The scoring page shows what you wrote on the scratchpad beside the reference answer.
"""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
import time
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.practice import coding_round as cr
from app.rendering import escape, render_markdown
from app.store import MockSessionRecord
from app.studio import Studio
from app.study.core import mock_interview as mi
from app.study.core.scheduler import retrievability
from app.study.ui.code_pad import CodePad
from app.theme import font_pt, is_dark, secondary_text, tone
from visualizers.core.flow_layout import FlowLayout

if TYPE_CHECKING:
    from app.practice.coding_round import CodingSession
    from app.practice.qt.coding_round_view import CodingRoundPage

PRESET_LABELS = {
    "quick": "Quick loop — 4 questions, about 30 min",
    "full": "Full loop — 7 questions, about 2 h",
}


class MockInterviewView(QWidget):
    """Setup → answering (countdown per question) → rubric → summary, as a stack."""

    session_saved = Signal(str)  # uid
    running_changed = Signal(bool)  # True while the questions are being answered

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mockInterview")
        self.studio = studio
        self.service = studio.study
        self.scratch_texts: dict[int, str] = {}
        self.session: mi.MockSession | None = None
        self.rng = random.Random()
        self.clock = time.monotonic  # replaced in tests
        self._score_groups: list[dict[str, QButtonGroup]] = []
        self.coding_session: CodingSession | None = None  # the running (or last) coding round
        self.coding_page: CodingRoundPage | None = None  # built with the first coding round

        self.stack = QStackedWidget(self)
        self.setup_page = self._build_setup()
        self.answer_page = self._build_answering()
        self.rubric_page = QScrollArea(self)
        self.rubric_page.setWidgetResizable(True)
        self.summary_page = self._build_summary()
        self.coding_score_page = QScrollArea(self)
        self.coding_score_page.setWidgetResizable(True)
        for page in (
            self.setup_page,
            self.answer_page,
            self.rubric_page,
            self.summary_page,
            self.coding_score_page,
        ):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.stack)
        self.timer = QTimer(self, interval=250)
        self.timer.timeout.connect(self._tick)
        self._migrate_old_coding_rounds()
        self._fill_history()
        app = QApplication.instance()
        if app is not None:  # quitting mid-round keeps the round (with the time it had)
            app.aboutToQuit.connect(self.save_unfinished_round)

    # -- setup ------------------------------------------------------------------------------

    def _build_setup(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            "<h2>Mock interview</h2><p>A timed run through the real loop: screening, coding, "
            "ML system design, theory. Answer each question out loud (or on the scratchpad) "
            "before its countdown runs out; at the end, score yourself on each round's rubric. "
            "Or take a coding round: write the solutions in the editor and run their tests "
            "against the clock. The summary is kept in the history below.</p>",
            page,
        )
        intro.setWordWrap(True)
        self.mode_questions = QRadioButton(mi.MODE_TITLES["questions"], page)
        self.mode_questions.setObjectName("mockModeQuestions")
        self.mode_questions.setToolTip("Questions from each round, scored on the round's rubric")
        self.mode_coding = QRadioButton(mi.MODE_TITLES["coding"], page)
        self.mode_coding.setObjectName("mockModeCoding")
        self.mode_coding.setToolTip(
            "Problems written in the editor and judged by the tests, against one clock"
        )
        self.mode_group = QButtonGroup(page)
        self.mode_group.addButton(self.mode_questions)
        self.mode_group.addButton(self.mode_coding)
        self.mode_questions.setChecked(True)
        self.mode_group.buttonToggled.connect(lambda *_: self._show_mode())
        self.preset = QComboBox(page)
        self.preset.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.preset.setMinimumContentsLength(12)  # shows what fits at large text
        for key, label in PRESET_LABELS.items():
            self.preset.addItem(label, key)
        self.round_boxes: dict[str, QCheckBox] = {}
        rounds_row = FlowLayout()  # wraps at large text
        rounds_row.addWidget(QLabel("Rounds:", page))
        for key in mi.ROUND_ORDER:
            box = QCheckBox(mi.ROUND_TITLES[key], page)
            box.setChecked(True)
            self.round_boxes[key] = box
            rounds_row.addWidget(box)
        rounds_row.addStretch(1)
        self.questions_options = QWidget(page)
        questions_layout = QVBoxLayout(self.questions_options)
        questions_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Length:", page))
        row.addWidget(self.preset)
        row.addStretch(1)
        questions_layout.addLayout(row)
        questions_layout.addLayout(rounds_row)
        self.coding_options = self._build_coding_options(page)
        self.start_button = QPushButton("Start the interview", page)
        self.start_button.setObjectName("startMock")
        self.start_button.clicked.connect(self.start)
        self.history = QTableWidget(0, 8, page)
        self.history.setAccessibleName("Past mock interviews")
        self.history.setHorizontalHeaderLabels(
            [
                "Date",
                "Kind",
                "Overall",
                "Screening",
                "Coding",
                "System design",
                "Theory",
                "Time used",
            ]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        modes = QHBoxLayout()
        modes.addWidget(QLabel("Mode:", page))
        modes.addWidget(self.mode_questions)
        modes.addWidget(self.mode_coding)
        modes.addStretch(1)
        layout.addLayout(modes)
        layout.addWidget(self.questions_options)
        layout.addWidget(self.coding_options)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(12)
        layout.addWidget(QLabel("<b>History</b>", page))
        layout.addWidget(self.history, 1)
        self._show_mode()
        return page

    def _build_coding_options(self, page: QWidget) -> QWidget:
        box = QWidget(page)
        self.problem_count = QSpinBox(box)
        self.problem_count.setObjectName("codingProblemCount")
        self.problem_count.setRange(cr.MIN_PROBLEMS, cr.MAX_PROBLEMS)
        self.problem_count.setValue(cr.ROUND_PROBLEMS)
        self.problem_count.setAccessibleName("Problems")
        self.problem_count.setToolTip("How many problems; ML from scratch and DS&A take turns")
        self.round_minutes = QSpinBox(box)
        self.round_minutes.setObjectName("codingMinutes")
        self.round_minutes.setRange(cr.MIN_MINUTES, cr.MAX_MINUTES)
        self.round_minutes.setSingleStep(5)
        self.round_minutes.setValue(cr.ROUND_MINUTES)
        self.round_minutes.setSuffix(" min")
        self.round_minutes.setAccessibleName("Minutes for the round")
        self.round_minutes.setToolTip("One clock for all the problems of the round")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for text, spin in (("Problems:", self.problem_count), ("Time:", self.round_minutes)):
            label = QLabel(text, box)
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin)
        note = QLabel(
            "One ML-from-scratch and one data-structures problem by default, sharing "
            "45 minutes. Hints cost nothing but are counted; the reference is shown at the end.",
            box,
        )
        note.setWordWrap(True)
        row.addWidget(note, 1)
        return box

    @property
    def running(self) -> bool:
        """Questions being answered, or a coding round on the clock (the app is locked)."""
        answering = self.session is not None and self.session.current is not None
        return answering or self.coding_running

    @property
    def busy(self) -> bool:
        """Answering, scoring by the rubric, or in a coding round: not to be interrupted."""
        current = self.stack.currentWidget()
        return current is not None and current in (
            self.answer_page,
            self.rubric_page,
            self.coding_page,
        )

    @property
    def mode(self) -> str:
        return "coding" if self.mode_coding.isChecked() else "questions"

    def set_mode(self, mode: str) -> None:
        """Pick the mode on the setup page ("questions" or "coding")."""
        (self.mode_coding if mode == "coding" else self.mode_questions).setChecked(True)
        self._show_mode()

    def _show_mode(self) -> None:
        coding = self.mode_coding.isChecked()
        self.questions_options.setVisible(not coding)
        self.coding_options.setVisible(coding)
        self.start_button.setText("Start the coding round" if coding else "Start the interview")

    def _migrate_old_coding_rounds(self) -> None:
        """Rounds of the old coding-round window join the history (once; uids are stable)."""
        store = self.service.store
        old = store.get_value(cr.LEGACY_HISTORY_KEY)
        if not old or old == "[]":
            return
        ids = {q.number: q.id for q in self.service.library.questions}
        try:
            for uid, started, finished, summary in cr.legacy_summaries(old, ids):
                store.add_mock_session(
                    MockSessionRecord(uid, started, finished, mi.summary_to_json(summary))
                )
        except (sqlite3.Error, OSError):
            return  # a read-only or full store: try again next time
        store.set_value(cr.LEGACY_HISTORY_KEY, "[]")

    def _fill_history(self) -> None:
        sessions = self.service.store.mock_sessions()
        self.history.setRowCount(len(sessions))
        for row, record in enumerate(sessions):
            try:
                summary = json.loads(record.summary_json)
            except ValueError:
                summary = {}
            rounds = summary.get("rounds", {}) if isinstance(summary, dict) else {}
            if not isinstance(rounds, dict):
                rounds = {}

            def pct(value: object) -> str:
                return f"{value:.0%}" if isinstance(value, int | float) else "—"

            used = summary.get("time_used_s", 0) if isinstance(summary, dict) else 0
            cells = (
                datetime.fromtimestamp(record.started_at).strftime("%Y-%m-%d %H:%M"),
                mi.MODE_TITLES[mi.summary_mode(summary)],
                pct(summary.get("overall") if isinstance(summary, dict) else None),
                pct(rounds.get("screening")),
                pct(rounds.get("coding")),
                pct(rounds.get("system-design")),
                pct(rounds.get("theory")),
                mi.format_clock(float(used)) if isinstance(used, int | float) else "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.history.setItem(row, column, item)
            if mi.summary_mode(summary) == "coding":
                kind = self.history.item(row, 1)
                if kind is not None:
                    kind.setToolTip(cr.describe_problems(summary, self._problem_title))

    def _problem_title(self, number: int) -> str | None:
        question = self.service.library.question(number)
        if question is None:
            return None
        from app.practice.problems import all_problems

        problem = all_problems().get(number)
        return problem.title if problem is not None else None

    def plan(self) -> list[mi.RoundPlan]:
        preset = mi.PRESETS[str(self.preset.currentData())]
        return [p for p in preset if self.round_boxes[p.round].isChecked()]

    def start(self) -> None:
        if self.mode == "coding":
            self.start_coding()
            return
        cards = self.service.cards()
        now = datetime.now().astimezone()
        weakness = {qid: 1.0 - retrievability(card, now) for qid, card in cards.items()}
        slots = mi.draw_questions(self.service.library.questions, self.plan(), self.rng, weakness)
        if not slots:
            self.start_button.setText("Pick at least one round")
            return
        self.session = mi.MockSession(slots, started_wall=time.time())
        self.session.start(self.clock())
        self.scratch_texts = {}
        self._show_slot()
        self.stack.setCurrentWidget(self.answer_page)
        self.timer.start()
        self.running_changed.emit(True)

    # -- the coding round -------------------------------------------------------------------

    def start_coding(self) -> None:
        """Draw the problems, open a pane for each, start the round's one clock."""
        from app.practice.problems import all_problems
        from app.practice.qt.coding_round_view import CodingRoundPage

        library = self.service.library
        table = all_problems()
        available = [
            n for n in table if (q := library.question(n)) is not None and q.practice is not None
        ]
        count, minutes = cr.clamp_plan(self.problem_count.value(), self.round_minutes.value())
        numbers = cr.pick_problems(available, self.rng, count)
        if not numbers:
            self.start_button.setText("No coding problem in the library")
            return
        records = []
        for n in numbers:
            question = library.question(n)
            assert question is not None and question.practice is not None
            records.append(
                cr.ProblemRecord(
                    n, question.id, table[n].title, hints_available=len(question.practice.hints)
                )
            )
        self.coding_session = session = cr.CodingSession(
            records, minutes * 60.0, started_wall=time.time()
        )
        if self.coding_page is None:
            self.coding_page = CodingRoundPage(self)
            self.coding_page.problem_selected.connect(self._show_problem)
            self.coding_page.end_requested.connect(self.end_coding)
            self.stack.addWidget(self.coding_page)
        self.coding_page.load(session, library, self.service.store)
        session.start(self.clock())
        self.stack.setCurrentWidget(self.coding_page)
        self.coding_page.panes[0].editor.setFocus()
        self._tick()
        self.timer.start()
        self.running_changed.emit(True)

    @property
    def coding_running(self) -> bool:
        return self.coding_session is not None and not self.coding_session.ended

    def _show_problem(self, index: int) -> None:
        if self.coding_session is not None and self.coding_page is not None:
            self.coding_session.show(index, self.clock())
            self.coding_page.show_session(self.coding_session)

    def _tick_coding(self) -> None:
        session, page = self.coding_session, self.coding_page
        if session is None or page is None or session.ended:
            return
        now = self.clock()
        page.update_clock(session.remaining(now), session.limit_s)
        if session.timed_out(now):
            self.end_coding()  # time is up: pens down

    def end_coding(self) -> None:
        """Stop the clock, save the summary, show the results with the references."""
        from app.practice.qt.coding_round_view import build_score_page

        session, page = self.coding_session, self.coding_page
        if session is None or page is None or session.ended:
            return
        page.keep_code(session)
        session.end(self.clock())
        self.timer.stop()
        page.stop()
        summary = session.summary(time.time())
        try:
            self.service.store.add_mock_session(
                MockSessionRecord(
                    uid=session.uid,
                    started_at=session.started_wall,
                    finished_at=session.finished_wall or time.time(),
                    summary_json=mi.summary_to_json(summary),
                )
            )
            saved = True
        except (sqlite3.Error, OSError):
            saved = False
        used = float(summary["time_used_s"])
        if saved and used >= 1:
            # The time studied is a convenience: the round itself is saved already.
            with contextlib.suppress(sqlite3.Error, OSError):
                self.service.record_activity("mock", "", session.started_wall, used)
        self.coding_score_page.setWidget(
            build_score_page(
                session,
                summary,
                self.coding_score_page,
                saved=saved,
                on_back=lambda: self.stack.setCurrentWidget(self.setup_page),
            )
        )
        self.stack.setCurrentWidget(self.coding_score_page)
        self.running_changed.emit(False)
        self._fill_history()
        if saved:
            self.session_saved.emit(session.uid)
            self.studio.notify()

    def save_unfinished_round(self) -> None:
        """The app is quitting: a coding round on the clock ends (and is saved) now."""
        if self.coding_running:
            self.end_coding()

    # -- answering --------------------------------------------------------------------------

    def _build_answering(self) -> QWidget:
        page = QWidget(self)
        self.round_label = QLabel(page)
        self.round_label.setObjectName("mockRound")
        self.countdown = QLabel(page)
        self.countdown.setObjectName("mockCountdown")
        font = self.countdown.font()
        font.setPointSizeF(font.pointSizeF() * 2.8)  # follows the system text size
        font.setBold(True)
        self.countdown.setFont(font)
        self.time_bar = QProgressBar(page)
        self.time_bar.setTextVisible(False)
        self.time_bar.setMaximumHeight(8)
        self.question_label = QLabel(page)
        self.question_label.setObjectName("mockQuestion")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.RichText)
        self.hint = QLabel(page)
        self.hint.setWordWrap(True)
        self.scratch = CodePad(page)
        self.scratch.setObjectName("mockScratch")
        self.scratch.setAccessibleName("Scratchpad for your answer")
        self.scratch.setPlaceholderText(
            "Scratchpad: outline, code, diagrams in words. Tab indents 4 spaces; shown again "
            "when you score yourself."
        )
        self.next_button = QPushButton("Next question →", page)
        self.next_button.setObjectName("mockNext")
        self.next_button.clicked.connect(self.next_question)
        self.end_button = QPushButton("End answers and score", page)
        self.end_button.clicked.connect(self.end_answers)
        top = QHBoxLayout()
        top.addWidget(self.round_label, 1)
        top.addWidget(self.countdown)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.time_bar)
        layout.addWidget(self.question_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.scratch, 1)
        layout.addLayout(buttons)
        return page

    def _show_slot(self) -> None:
        assert self.session is not None
        slot = self.session.current
        if slot is None:
            return
        question = self.service.library.by_id(slot.question_id)
        n, total = self.session.index + 1, len(self.session.slots)
        self.round_label.setText(
            f"<span style='color:{secondary_text().name()};'>Question {n} of {total}</span><br>"
            f"<b style='font-size: {font_pt(1.5)}pt;'>{mi.ROUND_TITLES[slot.round]}</b>"
        )
        title = f"Q{question.number}. {question.question}" if question else slot.question_id
        self.question_label.setText(f"<h2>{escape(title)}</h2>")
        steps = ", ".join(mi.RUBRICS[slot.round])
        self.hint.setText(
            f"<span style='color:{secondary_text().name()};'>You will score: {escape(steps)}. "
            f"Budget: {slot.seconds // 60} min.</span>"
        )
        self.scratch.setPlainText(self.scratch_texts.get(self.session.index, ""))
        self.scratch.setFocus()
        self.next_button.setText("Next question →" if n < total else "Finish and score →")
        self.time_bar.setRange(0, slot.seconds)
        self._tick()

    def _tick(self) -> None:
        if self.coding_running:
            self._tick_coding()
            return
        if self.session is None or self.session.current is None:
            return
        slot = self.session.current
        left = self.session.remaining(self.clock())
        self.countdown.setText(mi.format_clock(left))
        colour = tone("bad").name() if left < 0 else (tone("warn").name() if left < 60 else "")
        self.countdown.setStyleSheet(f"color: {colour};" if colour else "")
        self.countdown.setToolTip("Over time" if left < 0 else "Time left for this question")
        self.time_bar.setValue(int(max(0.0, min(slot.seconds, slot.seconds - left))))
        if left <= 0:
            self.next_question()  # time is up: the interviewer moves on

    def _keep_scratch(self) -> None:
        if self.session is not None and self.session.current is not None:
            self.scratch_texts[self.session.index] = self.scratch.toPlainText()

    def next_question(self) -> None:
        if self.session is None or self.session.current is None:
            return
        self._keep_scratch()
        if self.session.next_question(self.clock()) is None:
            self._to_rubric()
        else:
            self._show_slot()

    def end_answers(self) -> None:
        if self.session is not None:
            self._keep_scratch()
            self.session.end_answers(self.clock())
            self._to_rubric()

    # -- rubric -----------------------------------------------------------------------------

    def _to_rubric(self) -> None:
        self.timer.stop()
        self.running_changed.emit(False)  # answers may be read now: scoring needs them
        assert self.session is not None
        page = QWidget(self.rubric_page)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                "<h2>Score yourself</h2><p>For each answer, how well did you cover each step? "
                "Be as strict as the interviewer would be.</p>",
                page,
            )
        )
        self._score_groups = []
        for i in self.session.answered:
            slot = self.session.slots[i]
            question = self.service.library.by_id(slot.question_id)
            used = self.session.used_seconds[i]
            over = " — over time" if used > slot.seconds else ""
            box = QGroupBox(
                f"{mi.ROUND_TITLES[slot.round]} · Q{question.number if question else '?'} · "
                f"{mi.format_clock(used)} of {mi.format_clock(slot.seconds)}{over}",
                page,
            )
            grid = QGridLayout(box)
            if question is not None:
                label = QLabel(f"<b>{escape(question.question)}</b>", box)
                label.setWordWrap(True)
                grid.addWidget(label, 0, 0, 1, 4)
            written = self.scratch_texts.get(i, "").strip()
            yours = QLabel(
                "<i>Your scratchpad:</i><pre style='margin:2px 0;'>"
                + (escape(written) if written else "(empty)")
                + "</pre>",
                box,
            )
            yours.setObjectName("mockYourAnswer")
            yours.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            yours.setWordWrap(True)
            grid.addWidget(yours, 1, 0, 1, 4)
            if question is not None:
                # The reference answer scrolls in its own box, so the rubric stays close by.
                points = "".join(f"<li>{escape(k)}</li>" for k in question.key_points)
                reference = QTextBrowser(box)
                reference.setObjectName("mockReference")
                reference.setOpenLinks(False)
                reference.setHtml(
                    f"<p><i>Key points:</i></p><ul>{points}</ul><p><i>Reference answer:</i></p>"
                    + render_markdown(question.answer, dark=is_dark())
                )
                reference.setMinimumHeight(140)
                reference.setMaximumHeight(230)
                grid.addWidget(reference, 2, 0, 1, 4)
            groups: dict[str, QButtonGroup] = {}
            for row, item in enumerate(self.session.rubric(i), start=3):
                grid.addWidget(QLabel(item, box), row, 0)
                group = QButtonGroup(box)
                for score, text in enumerate(mi.SCORE_LABELS):
                    radio = QRadioButton(text, box)
                    group.addButton(radio, score)
                    grid.addWidget(radio, row, score + 1)
                group.idClicked.connect(
                    lambda score, index=i, name=item: self._set_score(index, name, score)
                )
                groups[item] = group
            grid.setColumnStretch(0, 1)
            self._score_groups.append(groups)
            layout.addWidget(box)
        if not self.session.answered:
            layout.addWidget(QLabel("No question was reached.", page))
        self.as_reviews = QCheckBox(
            "Also record each answer as a spaced-repetition review (grade from the rubric)", page
        )
        self.as_reviews.setChecked(True)
        layout.addWidget(self.as_reviews)
        save = QPushButton("Save the summary", page)
        save.setObjectName("saveMock")
        save.clicked.connect(self.save)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.rubric_page.setWidget(page)
        self.stack.setCurrentWidget(self.rubric_page)

    def _set_score(self, index: int, item: str, score: int) -> None:
        if self.session is not None:
            self.session.set_score(index, item, score)

    def save(self) -> None:
        session = self.session
        if session is None:
            return
        summary = session.finish(time.time())
        self.service.store.add_mock_session(
            MockSessionRecord(
                uid=session.uid,
                started_at=session.started_wall,
                finished_at=session.finished_wall or time.time(),
                summary_json=mi.summary_to_json(summary),
            )
        )
        if self.as_reviews.isChecked():
            for i in session.answered:
                self.service.record_review(
                    session.slots[i].question_id,
                    session.suggested_rating(i),
                    duration_ms=int(session.used_seconds[i] * 1000),
                    source="mock",
                )
        used = sum(session.used_seconds)
        if used >= 1:
            self.service.record_activity("mock", "", session.started_wall, used)
        self._show_summary(summary)
        self._fill_history()
        self.session = None
        self.session_saved.emit(session.uid)
        self.studio.notify()

    # -- summary ----------------------------------------------------------------------------

    def _build_summary(self) -> QWidget:
        page = QWidget(self)
        self.summary_label = QLabel(page)
        self.summary_label.setObjectName("mockSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        again = QPushButton("Back to the start", page)
        again.clicked.connect(lambda: self.stack.setCurrentWidget(self.setup_page))
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(again, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _show_summary(self, summary: dict[str, object]) -> None:
        rows = []
        questions = summary.get("questions", [])
        assert isinstance(questions, list)
        for q in questions:
            question = self.service.library.by_id(q["question_id"])
            title = f"Q{question.number}. {question.question}" if question else q["question_id"]
            score = f"{q['score']:.0%}" if q["answered"] else "not reached"
            rows.append(
                f"<tr><td>{mi.ROUND_TITLES[q['round']]}</td><td>{escape(title)}</td>"
                f"<td align=center>{mi.format_clock(q['used_s'])} / "
                f"{mi.format_clock(q['budget_s'])}</td><td align=center><b>{score}</b></td></tr>"
            )
        overall = summary.get("overall", 0.0)
        assert isinstance(overall, float | int)
        self.summary_label.setText(
            f"<h2>Mock interview: {overall:.0%}</h2>"
            f"<p>Time used {mi.format_clock(float(summary.get('time_used_s', 0.0)))}"  # type: ignore[arg-type]
            f" · {summary.get('over_time', 0)} question(s) over time. Saved to the history.</p>"
            "<table cellpadding=5><tr><th>Round</th><th align=left>Question</th>"
            "<th>Time</th><th>Score</th></tr>" + "".join(rows) + "</table>"
        )
        self.stack.setCurrentWidget(self.summary_page)

    def shutdown(self) -> None:
        self.timer.stop()
        if self.session is not None or self.coding_running:
            self.running_changed.emit(False)
