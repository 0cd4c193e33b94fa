"""The daily review queue as a tab: due questions, then new ones, graded 1–4 one by one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.content import Library
from app.question_view import QuestionView
from app.store import Store
from app.study import scheduler
from app.study.review_queue import DailyQueue, next_due
from app.study.service import StudyService


class ReviewView(QWidget):
    """Shows the head of today's queue in a `QuestionView`; a grade moves on to the next."""

    visualizer_requested = Signal(str)
    related_requested = Signal(int)
    reviewed = Signal(str)  # question id

    def __init__(
        self, library: Library, store: Store, service: StudyService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.library = library
        self.service = service
        self.queue: DailyQueue | None = None
        self._done_in_session = 0

        self.title = QLabel("<b>Today's review</b>", self)
        self.counts = QLabel(self)
        self.counts.setObjectName("queueCounts")
        self.progress = QProgressBar(self)
        self.progress.setFixedWidth(230)
        self.progress.setTextVisible(True)
        self.last_result = QLabel(self)
        self.last_result.setObjectName("lastResult")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.counts)
        header.addStretch(1)
        header.addWidget(self.last_result)
        header.addSpacing(12)
        header.addWidget(self.progress)

        self.question_view = QuestionView(library, store, self, study=service)
        self.question_view.recall.graded.connect(self._on_graded)
        self.question_view.visualizer_requested.connect(self.visualizer_requested)
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
        self.refresh()

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
        self.progress.setFormat(f"{self._done_in_session} / {total} this session")
        self.counts.setText(
            f"{self.queue.due_count} due · {self.queue.new_count} new · "
            f"{self.queue.reviewed_today} reviewed today"
        )
        if not self.queue.items:
            self._show_done()
            return
        head = self.queue.items[0]
        question = self.library.by_id(head.question_id)
        if question is None:  # a card for a question this version doesn't have
            self._show_done()
            return
        current = self.question_view.question
        if current is None or current.id != question.id or self.stack.currentWidget() is self.done:
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
            "<p style='color:gray;'>Study → Dashboard shows your progress; Study → Mock "
            "interview puts it under time pressure.</p>"
        )
        self.stack.setCurrentWidget(self.done)

    def _on_graded(self, question_id: str, rating: int) -> None:
        self._done_in_session += 1
        card = self.service.card(question_id)
        q = self.library.by_id(question_id)
        number = f"Q{q.number}" if q else question_id
        interval = scheduler.format_interval(card.due - datetime.now().astimezone())
        self.last_result.setText(f"{number}: {scheduler.RATING_LABELS[rating]} → due in {interval}")
        self.reviewed.emit(question_id)
        self._advance()

    def _advance(self) -> None:
        # Re-showing the same question (an Again inside its learning step) starts it afresh.
        self.queue = self.service.queue()
        current = self.question_view.question
        if (
            self.queue.items
            and current is not None
            and self.queue.items[0].question_id == current.id
        ):
            self.question_view.show_question(current)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()  # a grade given in the Study tab may have changed the queue

    def shutdown(self) -> None:
        self.question_view.save_note()
