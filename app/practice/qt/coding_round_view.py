"""The coding round window: two problems against the clock in the practice editor."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.content import Library
from app.practice.coding_round import (
    HISTORY_KEY,
    ROUND_MINUTES,
    ProblemOutcome,
    RoundSummary,
    append_history,
    pick_problems,
)
from app.practice.grader import Report
from app.practice.problems import all_problems
from app.practice.qt.pane import PracticePane
from app.rendering import escape
from app.store import Store


class CodingRoundDialog(QDialog):
    """Sets the problems one after the other; the countdown ends the round by itself."""

    finished_round = Signal(object)  # RoundSummary

    def __init__(
        self,
        library: Library,
        store: Store,
        parent: QWidget | None = None,
        *,
        seed: int | None = None,
        minutes: float = ROUND_MINUTES,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("codingRound")
        self.setWindowTitle("Coding round")
        self._library = library
        self._store = store
        available = [n for n in all_problems() if library.question(n) is not None]
        self.numbers = pick_problems(available, seed if seed is not None else time.time_ns())
        self._limit = minutes * 60
        self._started = time.monotonic()
        self._started_wall = time.time()
        self._index = -1
        self._problem_started = self._started
        self._best: dict[int, Report] = {}
        self._revealed: set[int] = set()
        self._outcomes: list[ProblemOutcome] = []
        self.summary: RoundSummary | None = None

        self.header = QLabel(self)
        self.clock = QLabel(self)
        self.clock.setObjectName("codingRoundClock")
        self.next_button = QPushButton("Next problem", self)
        self.next_button.clicked.connect(self.next_problem)
        self.finish_button = QPushButton("Finish round", self)
        self.finish_button.clicked.connect(self.finish)
        self.pane = PracticePane(store, self)
        self.pane.round_button.hide()  # already in a round
        self.pane.run_finished.connect(self._on_report)
        self.pane.reference_shown.connect(lambda _qid: self._revealed.add(self.current))
        self.summary_view = QTextBrowser(self)
        self.summary_view.hide()

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.clock)
        top.addWidget(self.next_button)
        top.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pane, 1)
        layout.addWidget(self.summary_view, 1)
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1200, 760
        if screen is not None:  # fit small screens (1280×720 laptops)
            width, height = (
                min(width, int(screen.width() * 0.95)),
                min(height, int(screen.height() * 0.9)),
            )
        self.resize(width, height)
        self.next_problem()
        self._tick()

    @property
    def current(self) -> int:
        return self.numbers[self._index]

    def remaining(self) -> float:
        return max(0.0, self._limit - (time.monotonic() - self._started))

    def _tick(self) -> None:
        left = self.remaining()
        self.clock.setText(f"<b>{int(left // 60):02d}:{int(left % 60):02d}</b> left")
        if left <= 0 and self.summary is None:
            self.finish()

    def _on_report(self, report: Report) -> None:
        best = self._best.get(report.number)
        if best is None or report.passed > best.passed:
            self._best[report.number] = report

    def _close_current(self) -> None:
        if self._index < 0:
            return
        number = self.current
        question = self._library.question(number)
        report = self._best.get(number)
        self._outcomes.append(
            ProblemOutcome(
                number,
                all_problems()[number].title,
                report.passed if report else 0,
                len(report.cases) if report else 0,
                time.monotonic() - self._problem_started,
                self.pane._hints_shown,
                number in self._revealed,
            )
        )
        self.pane.save_draft()
        del question

    def next_problem(self) -> None:
        self._close_current()
        self._index += 1
        if self._index >= len(self.numbers):
            self.finish(already_closed=True)
            return
        question = self._library.question(self.current)
        self.pane.set_question(question)
        self._problem_started = time.monotonic()
        last = self._index == len(self.numbers) - 1
        self.next_button.setEnabled(not last)
        self.header.setText(
            f"<b>Coding round</b> — problem {self._index + 1} of {len(self.numbers)}: Q{self.current}"
        )

    def finish(self, already_closed: bool = False) -> None:
        if self.summary is not None:
            return
        if not already_closed:
            self._close_current()
        self._timer.stop()
        self.summary = RoundSummary(
            self._started_wall,
            min(self._limit, time.monotonic() - self._started),
            self._limit,
            tuple(self._outcomes),
        )
        self._store.set_value(
            HISTORY_KEY, append_history(self._store.get_value(HISTORY_KEY), self.summary)
        )
        self.pane.hide()
        self.next_button.setEnabled(False)
        self.finish_button.setEnabled(False)
        self.summary_view.setHtml(
            "<h2>Round over</h2><ul>"
            + "".join(f"<li>{escape(line)}</li>" for line in self.summary.lines())
            + "</ul><p>Every test run is kept in the question's history.</p>"
        )
        self.summary_view.show()
        self.finished_round.emit(self.summary)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        # Escape must not throw away a round in progress by accident.
        from PySide6.QtGui import QKeyEvent

        if (
            isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.summary is None
        ):
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
