"""The mock interview's coding round on screen: the problems in practice panes, and the scores.

`CodingRoundPage` holds one practice pane per problem (statement, examples, constraints,
hints one at a time, the editor with its starter, Run tests on a worker thread) behind a tab
bar, with the round's countdown above them. In a round the pane cannot show the reference or
animate it, and it keeps its code in the round (`RoundStore`), not in the learner's practice
drafts: a round starts from the starter even when the question was solved in practice.
`build_score_page` is the end: per problem the tests, runs, hints and time, the learner's
code and the reference solution, revealed now. The clock and the saving belong to the mock
interview view (`app/study/ui/mock_interview_view.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.content import Library
from app.practice import coding_round as cr
from app.practice.problems import all_problems
from app.practice.qt.editor import CodeEditor
from app.practice.qt.pane import PracticePane
from app.rendering import escape
from app.store import PracticeAttempt, Store
from app.study.core.mock_interview import format_clock
from app.theme import font_pt, is_dark, tone


class RoundStore:
    """What a practice pane asks of the store, answered for one round.

    Drafts live in the round (the learner's practice drafts are neither read nor
    overwritten); each test run is still saved in the question's practice history and
    reported to `on_attempt`; the attempt list offers only this round's runs.
    """

    def __init__(self, store: Store, on_attempt: Callable[[PracticeAttempt], None]) -> None:
        self._store = store
        self._on_attempt = on_attempt
        self._drafts: dict[str, str] = {}
        self._attempts: dict[str, list[PracticeAttempt]] = {}

    def practice_draft(self, question_id: str) -> str | None:
        return self._drafts.get(question_id)

    def set_practice_draft(self, question_id: str, code: str | None) -> bool:
        if code is None:
            self._drafts.pop(question_id, None)
        else:
            self._drafts[question_id] = code
        return True

    def practice_attempts(self, question_id: str) -> list[PracticeAttempt]:
        return list(self._attempts.get(question_id, []))

    def add_practice_attempt(self, attempt: PracticeAttempt) -> PracticeAttempt:
        kept = self._attempts.setdefault(attempt.question_id, [])
        try:
            saved = self._store.add_practice_attempt(attempt)
        except (sqlite3.Error, OSError):  # a full disk must not end the round
            saved = replace(attempt, id=-1 - sum(len(v) for v in self._attempts.values()))
        kept.insert(0, saved)
        self._on_attempt(saved)
        return saved

    def record_reference_reveal(self, question_id: str) -> None:
        """Not offered during a round (the button is hidden); nothing to record."""

    def reference_reveals(self, question_id: str) -> list[float]:
        return []


class CodingRoundPage(QWidget):
    """The countdown, a tab per problem, and the problem's practice pane."""

    problem_selected = Signal(int)  # index of the problem brought to the front
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codingRound")
        self.panes: list[PracticePane] = []
        self._retired: list[PracticePane] = []  # still running a test when the round ended
        self.round_label = QLabel(self)
        self.round_label.setObjectName("codingRoundLabel")
        self.round_label.setWordWrap(True)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("codingRoundClock")
        font = self.countdown.font()
        font.setPointSize(24)
        font.setBold(True)
        self.countdown.setFont(font)
        self.time_bar = QProgressBar(self)
        self.time_bar.setTextVisible(False)
        self.time_bar.setMaximumHeight(8)
        self.time_bar.setAccessibleName("Time used in the coding round")
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("codingRoundProblems")
        self.tabs.setAccessibleName("Problems of the round")
        self.tabs.setExpanding(False)
        self.tabs.currentChanged.connect(self._on_tab)
        self.stack = QStackedWidget(self)
        self.next_button = QPushButton("Next problem →", self)
        self.next_button.setObjectName("codingRoundNext")
        self.next_button.setToolTip(
            "Switch to the next problem; Ctrl+PgUp goes back (the clock keeps running)"
        )
        self.next_button.clicked.connect(self.next_problem)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_problem(step))
        self.end_button = QPushButton("End the round and score", self)
        self.end_button.setObjectName("codingRoundEnd")
        self.end_button.setToolTip("Stop the clock and see the results with the reference")
        self.end_button.clicked.connect(self.end_requested)

        top = QHBoxLayout()
        top.addWidget(self.round_label, 1)
        top.addWidget(self.countdown)
        tabs_row = QHBoxLayout()
        tabs_row.addWidget(self.tabs, 1)
        tabs_row.addWidget(self.next_button)
        tabs_row.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.time_bar)
        layout.addLayout(tabs_row)
        layout.addWidget(self.stack, 1)

    # -- setting up a round ----------------------------------------------------------------------

    def load(self, session: cr.CodingSession, library: Library, store: Store) -> RoundStore:
        """One fresh pane per problem of `session`, each at its starter."""
        self.clear()
        numbers = {r.question_id: r.number for r in session.problems}

        def on_attempt(attempt: PracticeAttempt) -> None:
            number = numbers.get(attempt.question_id)
            if number is not None:
                session.record_run(number, attempt.passed, attempt.failed, attempt.code)

        round_store = RoundStore(store, on_attempt)
        self.tabs.blockSignals(True)
        for i, record in enumerate(session.problems):
            pane = PracticePane(cast(Store, round_store), self.stack)
            for hidden in (pane.reference_button, pane.animate_button, pane.round_button):
                hidden.hide()
            pane.set_question(library.question(record.number))
            pane.editor.setAccessibleName(f"Your solution to problem {i + 1}")
            pane.history.setAccessibleName("This round's test runs")
            pane.results.setAccessibleName(f"Test results of problem {i + 1}")
            # Connected after the pane's own slot, so the hint is shown before it is counted.
            pane.hint_button.clicked.connect(
                lambda _=False, n=record.number: session.record_hint(n)
            )
            self.panes.append(pane)
            self.stack.addWidget(pane)
            kind = "ML" if cr.is_ml(record.number) else "DS&A"
            # "&" would mark a mnemonic in a tab's text: doubled, it is shown as itself.
            self.tabs.addTab(f"{i + 1} · {record.title} ({kind})".replace("&", "&&"))
        self.tabs.setCurrentIndex(0)
        self.tabs.blockSignals(False)
        self.stack.setCurrentIndex(0)
        self.next_button.setVisible(len(self.panes) > 1)
        self.time_bar.setRange(0, int(session.limit_s))
        self._show_label(session)
        self.panes[0].editor.setFocus()
        return round_store

    def clear(self) -> None:
        while self.tabs.count():
            self.tabs.removeTab(0)
        for pane in self.panes:
            self.stack.removeWidget(pane)
            if pane.running:
                pane.hide()  # its worker still reports to it: keep it until the app ends
                self._retired.append(pane)
            else:
                pane.deleteLater()
        self.panes = []

    def _show_label(self, session: cr.CodingSession) -> None:
        record = session.current
        kind = "ML from scratch" if cr.is_ml(record.number) else "data structures and algorithms"
        self.round_label.setText(
            f"<b style='font-size: {font_pt(1.4)}pt;'>Coding round</b><br>Problem {session.index + 1} of "
            f"{len(session.problems)} ({kind}). Run the tests with Ctrl+Enter as often as you "
            "like; the tabs switch problems, the clock is shared."
        )

    # -- during the round ------------------------------------------------------------------------

    def _on_tab(self, index: int) -> None:
        if 0 <= index < len(self.panes):
            self.stack.setCurrentIndex(index)
            self.problem_selected.emit(index)
            self.panes[index].editor.setFocus()

    def show_session(self, session: cr.CodingSession) -> None:
        """Follow the session's current problem (after the view moved it)."""
        self._show_label(session)

    def next_problem(self) -> None:
        self.step_problem(1)

    def step_problem(self, step: int) -> None:
        """The next (step 1) or previous (step −1) problem, round and round."""
        if self.panes:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % len(self.panes))

    def update_clock(self, remaining: float, limit: float) -> None:
        self.countdown.setText(format_clock(remaining))
        colour = (
            tone("bad").name()
            if remaining <= 60
            else (tone("warn").name() if remaining <= 300 else "")
        )
        self.countdown.setStyleSheet(f"color: {colour};" if colour else "")
        self.countdown.setToolTip("Time left in the coding round")
        self.time_bar.setValue(int(max(0.0, min(limit, limit - remaining))))

    def keep_code(self, session: cr.CodingSession) -> None:
        """Copy each editor's text into the session (what the learner ends with)."""
        for pane, record in zip(self.panes, session.problems, strict=False):
            session.set_code(record.number, pane.code())

    def stop(self) -> None:
        for pane in self.panes:
            pane.save_draft()
            pane.setEnabled(False)


class _ScorePage(QWidget):
    """The results page; its code viewers follow a theme change like the editor does."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for editor in self.findChildren(CodeEditor):
                editor.set_dark(is_dark())


def build_score_page(
    session: cr.CodingSession,
    summary: dict[str, object],
    parent: QWidget,
    *,
    saved: bool,
    on_back: Callable[[], None],
) -> QWidget:
    """The results of a finished round: figures per problem, your code beside the reference."""
    page = _ScorePage(parent)
    page.setObjectName("codingRoundScore")
    layout = QVBoxLayout(page)
    used = float(cast(float, summary.get("time_used_s", 0.0)))
    over = " — the time ran out" if summary.get("timed_out") else ""
    overall = float(cast(float, summary.get("overall", 0.0)))
    stored = (
        "Saved to the history below the setup."
        if saved
        else "<b>It could not be saved</b> (the progress file refused the write)."
    )
    heading = QLabel(
        f"<h2>Coding round: {session.solved} of {len(session.problems)} solved · score "
        f"{overall:.0%}</h2><p>Time used {format_clock(used)} of "
        f"{format_clock(session.limit_s)}{over}. The score is each problem's share of tests "
        f"passed in its last run, averaged. {stored} Every test run is also kept in the "
        "question's practice history. The reference solutions are shown now.</p>",
        page,
    )
    heading.setObjectName("codingRoundSummary")
    heading.setWordWrap(True)
    layout.addWidget(heading)
    dark = is_dark()
    problems = all_problems()
    for i, record in enumerate(session.problems):
        title = f"Problem {i + 1} · Q{record.number}. {record.title}".replace("&", "&&")
        box = QGroupBox(title, page)
        box.setObjectName("codingRoundProblem")
        grid = QVBoxLayout(box)
        colour = tone("good" if record.solved else "bad").name()
        lines = [
            f"<b style='color:{colour};'>{escape(cr.verdict(record))}</b>",
            f"last run: {record.passed} passed, {record.failed} failed",
            f"{record.runs} run(s), best {record.best_passed} passed",
            f"hints used: {record.hints} of {record.hints_available}",
            f"time on it: {format_clock(record.seconds)}",
        ]
        notes = []
        if not record.reached:
            notes.append("You did not open this problem.")
        elif record.runs == 0:
            notes.append("The tests were never run, so it scores 0.")
        if record.changed_after_run:
            notes.append("You changed the code after the last run: the figures are for the run.")
        figures = QLabel(
            " · ".join(lines) + (f"<br><i>{escape(' '.join(notes))}</i>" if notes else ""),
            box,
        )
        figures.setObjectName("codingRoundFigures")
        figures.setWordWrap(True)
        grid.addWidget(figures)
        codes = QHBoxLayout()
        problem = problems.get(record.number)
        reference = cr.reference_source(problem.reference) if problem else "# (not available)"
        for title, text, name in (
            ("Your code", record.final_code, f"Your code for problem {i + 1}"),
            ("Reference solution", reference, f"Reference solution of problem {i + 1}"),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<i>{title}</i>", box))
            editor = CodeEditor(box, dark=dark)
            editor.setObjectName("codingRoundCode")
            editor.setReadOnly(True)
            # Two columns of code are narrow: wrap rather than hide the ends of long lines.
            editor.setLineWrapMode(CodeEditor.LineWrapMode.WidgetWidth)
            editor.setPlainText(text)
            editor.setAccessibleName(name)
            editor.setMinimumHeight(200)
            editor.setMaximumHeight(340)
            column.addWidget(editor)
            codes.addLayout(column, 1)
        grid.addLayout(codes)
        layout.addWidget(box)
    back = QPushButton("Back to the start", page)
    back.setObjectName("codingRoundBack")
    back.clicked.connect(on_back)
    layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addStretch(1)
    return page
