"""The daily review queue as a tab: due questions, then new ones, graded 1–4 one by one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.question_view import QuestionView
from app.studio import Studio
from app.study.core import scheduler
from app.study.core.review_queue import DailyQueue, next_due
from app.theme import secondary_text
from visualizers.core.flow_layout import FlowLayout


class ReviewView(QWidget):
    """Shows the head of today's queue in a `QuestionView`; a grade moves on to the next."""

    visualizer_requested = Signal(str)
    prediction_requested = Signal(str, str, int)
    related_requested = Signal(int)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.studio = studio
        self.service = studio.study
        self.queue: DailyQueue | None = None
        self._done_in_session = 0

        self.title = QLabel("<b>Today's review</b>", self)
        self.counts = QLabel(self)
        self.counts.setObjectName("queueCounts")
        # The count sits beside the bar, not on it: text painted over the fill was unreadable.
        self.progress = QProgressBar(self)
        self.progress.setFixedWidth(160)
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel(self)
        self.progress_text.setObjectName("sessionProgress")
        self.last_result = QLabel(self)
        self.last_result.setObjectName("lastResult")
        header = FlowLayout()  # wraps at large text instead of widening the window
        header.addWidget(self.title)
        header.add_spacing(12)
        header.addWidget(self.counts)
        header.add_stretch()
        header.addWidget(self.last_result)
        header.add_spacing(12)
        header.addWidget(self.progress_text)
        header.addWidget(self.progress)

        self.question_view = QuestionView(studio.library, studio.store, self, study=self.service)
        self.question_view.notes_enabled = False
        self.question_view.recall.graded.connect(self._on_graded)
        self.question_view.state_changed.connect(studio.notify)
        self.question_view.visualizer_requested.connect(self.visualizer_requested)
        self.question_view.prediction_requested.connect(self.prediction_requested)
        self.question_view.related_requested.connect(self.related_requested)
        self.done = QLabel(self)
        self.done.setObjectName("queueDone")
        self.done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.question_view)
        self.stack.addWidget(self.done)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        reveal = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        reveal.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reveal.activated.connect(self.question_view.reveal)
        studio.progress_changed.connect(self._on_progress_changed)
        self.refresh()

    def front_question_view(self) -> QuestionView | None:
        """The card in front of the user (None on the all-done page)."""
        return self.question_view if self.stack.currentWidget() is self.question_view else None

    def _on_progress_changed(self, _question_id: str) -> None:
        self.question_view.refresh_marks()

    @property
    def current_question_id(self) -> str | None:
        q = self.question_view.question
        return q.id if q is not None and self.stack.currentWidget() is self.question_view else None

    def refresh(self) -> None:
        """Rebuild today's queue and show its first question (or the all-done page)."""
        self.queue = self.service.queue()
        total = self._done_in_session + len(self.queue)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(self._done_in_session)
        self.progress_text.setText(f"{self._done_in_session} / {total} this session")
        self.counts.setText(
            f"{self.queue.due_count} due · {self.queue.new_count} new · "
            f"{self.queue.reviewed_today} reviewed today"
        )
        if not self.queue.items:
            self._show_done()
            return
        head = self.queue.items[0]
        question = self.studio.library.by_id(head.question_id)
        if question is None:  # a card for a question this version doesn't have
            self._show_done()
            return
        current = self.question_view.question
        if (
            current is None
            or current.id != question.id
            or self.stack.currentWidget() is self.done
            or self.question_view.recall.graded_already
        ):
            self.question_view.show_question(question)
        self.stack.setCurrentWidget(self.question_view)
        self.question_view.setFocus()

    def _show_done(self) -> None:
        upcoming = next_due(self.service.cards(), datetime.now().astimezone())
        when = (
            f"The next question is due {upcoming.astimezone():%A %d %B at %H:%M}."
            if upcoming
            else "Nothing is scheduled yet: grade a question to start."
        )
        self.done.setText(
            "<h2>All done for today</h2>"
            f"<p>{self._done_in_session} question(s) reviewed in this session. {when}</p>"
            f"<p style='color:{secondary_text().name()};'>Study → Dashboard shows your progress; Study → Mock "
            "interview puts it under time pressure.</p>"
        )
        self.stack.setCurrentWidget(self.done)

    def _on_graded(self, question_id: str, rating: int) -> None:
        self._done_in_session += 1
        card = self.service.card(question_id)
        q = self.studio.library.by_id(question_id)
        number = f"Q{q.number}" if q else question_id
        reviewed_at = card.last_review or datetime.now().astimezone()
        interval = scheduler.format_interval(card.due - reviewed_at)
        self.last_result.setText(f"{number}: {scheduler.RATING_LABELS[rating]} → due in {interval}")
        self.studio.notify(question_id)
        self.refresh()

    def undo_done(self) -> None:
        """After Ctrl+Z: one fewer done this session; the undone card heads the queue again."""
        self._done_in_session = max(0, self._done_in_session - 1)
        self.last_result.setText("Last grade undone")
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()  # a grade given in the Study tab may have changed the queue

    def shutdown(self) -> None:
        self.question_view.save_note()
