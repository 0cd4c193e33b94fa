"""Active recall under a question: type an answer, tick the key points, grade 1–4.

Before the reveal: a box to type the answer, and for questions with a visualizer a
"predict, then watch" prompt. After the reveal: the key points as a checklist, a grade
suggested from the share ticked, and the four FSRS grades (keys 1–4) with the interval each
would give. Grading records a review through the shared `StudyService`.

What the learner typed or picked is kept as a draft in the service when they leave the
question, and given back when they return. Locking in a prediction stores a prediction
(not a review) and asks for the visualizer in the prompt's scenario; the verdict is shown
there, once the run has shown the answer.
"""

from __future__ import annotations

import contextlib
import time
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.content import Question
from app.study.core import scheduler
from app.study.core.predictions import Prompt, prompts_for
from app.study.core.service import Draft, StudyService
from app.theme import tone
from visualizers.core.flow_layout import FlowLayout

GRADE_TONES = {1: "bad", 2: "warn", 3: "good", 4: "info"}  # app.theme.tone, per theme
MAX_DURATION_MS = 10 * 60 * 1000  # a card left open over lunch is not 2 h of study


def describe_due(card_due: datetime, now: datetime) -> str:
    """'in 10 min (Sun 29 Nov, 14:20)': `now` is the moment of the review, so the interval
    is the one the grade button showed."""
    local = card_due.astimezone()
    if card_due <= now:
        return f"now (since {local:%a %d %b, %H:%M})"
    interval = scheduler.format_interval(card_due - now)
    return f"in {interval} ({local:%a %d %b, %H:%M})"


class _ClickLabel(QLabel):
    """A word-wrapped label that toggles its checkbox when clicked (QCheckBox can't wrap)."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._box = box
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._box.toggle()
        event.accept()


class RecallPanel(QWidget):
    """The active-recall and grading strip of a `QuestionView`."""

    graded = Signal(str, int)  # question id, grade 1–4
    visualizer_requested = Signal(str)
    # question id, prompt id, chosen index: open the visualizer in the prompt's scenario
    prediction_requested = Signal(str, str, int)

    def __init__(self, service: StudyService, parent: QWidget, scope: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("recallPanel")
        self.service = service
        self._question: Question | None = None
        self._revealed = False
        self._graded = False
        self._shown_at = time.monotonic()
        self._prompts: tuple[Prompt, ...] = ()
        self._prompt_index = 0
        self._locked = False
        self._answer_started: float | None = None

        # -- before the reveal ----------------------------------------------------------------
        self.answer_box = QPlainTextEdit(self)
        self.answer_box.setObjectName("typedAnswer")
        self.answer_box.setAccessibleName("Your answer, typed before revealing")
        self.answer_box.setPlaceholderText(
            "Type your answer before revealing (optional) — then compare it with the key points."
        )
        self.answer_box.setMaximumHeight(110)

        self.predict_box = QGroupBox("Predict, then watch", self)
        self.predict_prompt = QLabel(self.predict_box)
        self.predict_prompt.setWordWrap(True)
        self.predict_next = QPushButton("Another prompt ▸", self.predict_box)
        self.predict_next.setToolTip("This question has more than one prediction to make")
        self.predict_next.clicked.connect(self._next_prompt)
        self.predict_group = QButtonGroup(self)
        self.predict_choices = QVBoxLayout()
        self.predict_button = QPushButton("Lock in and watch", self.predict_box)
        self.predict_button.setEnabled(False)
        self.predict_button.clicked.connect(self.lock_in_prediction)
        self.predict_group.idToggled.connect(
            lambda _id, _on: self.predict_button.setEnabled(
                self.predict_group.checkedId() >= 0 and not self._locked
            )
        )
        self.predict_result = QLabel(self.predict_box)
        self.predict_result.setWordWrap(True)
        self.predict_result.setTextFormat(Qt.TextFormat.RichText)
        predict_layout = QVBoxLayout(self.predict_box)
        predict_layout.addWidget(self.predict_prompt)
        predict_layout.addLayout(self.predict_choices)
        predict_buttons = QHBoxLayout()
        predict_buttons.addWidget(self.predict_button)
        predict_buttons.addStretch(1)
        predict_buttons.addWidget(self.predict_next)
        predict_layout.addLayout(predict_buttons)
        predict_layout.addWidget(self.predict_result)

        # -- after the reveal -------------------------------------------------------------------
        self.checklist_box = QGroupBox("Which key points did your answer cover?", self)
        self.checklist_layout = QGridLayout(self.checklist_box)
        self.checks: list[QCheckBox] = []
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("gradeSuggestion")

        self.grade_buttons: dict[int, QPushButton] = {}
        grade_row = FlowLayout()  # at large text the four grades wrap rather than clip
        grade_row.addWidget(QLabel("Grade:", self))
        for rating in (1, 2, 3, 4):
            button = QPushButton(self)
            button.setObjectName(f"grade{rating}")
            button.setMinimumWidth(110)
            button.setToolTip(
                f"{scheduler.RATING_LABELS[rating]} (key {rating}): record this review and "
                "schedule the question"
            )
            button.clicked.connect(lambda _=False, r=rating: self.grade(r))
            self.grade_buttons[rating] = button
            grade_row.addWidget(button)
            shortcut = QShortcut(QKeySequence(str(rating)), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda r=rating: self._grade_key(r))
        self.status = QLabel(self)
        self.status.setObjectName("nextDue")
        self.status.setWordWrap(True)

        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.answer_box)
        layout.addWidget(self.predict_box)
        layout.addWidget(self.checklist_box)
        layout.addWidget(self.suggestion)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        self.scroll_area = scroll
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Two lines at least, not the scroll bar's own minimum (138 px at 200 % text, which
        # with the notes and the answer made the window taller than a 720 px screen).
        scroll.setMinimumHeight(2 * scroll.fontMetrics().lineSpacing() + 8)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        # The grades and the confirmation stay in view below the scrolling part, so a long
        # checklist never pushes them out of a 720-pixel-high window.
        # Before the reveal there is nothing to grade: the row makes room for the answer box.
        self.grade_bar = QWidget(self)
        self.grade_bar.setObjectName("gradeBar")
        grade_row.setContentsMargins(0, 2, 0, 0)
        self.grade_bar.setLayout(grade_row)
        outer.addWidget(self.grade_bar)
        outer.addWidget(self.status)

    # -- what is shown ------------------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        return self._question

    @property
    def graded_already(self) -> bool:
        return self._graded

    @property
    def can_grade(self) -> bool:
        return self._question is not None and self._revealed and not self._graded

    def set_question(self, question: Question | None, revealed: bool = False) -> None:
        self.leave()
        self._question = question
        self._graded = False
        self._locked = False
        self._shown_at = time.monotonic()
        self._answer_started = time.time() if question is not None else None
        self.setVisible(question is not None)
        self.status.clear()
        self.predict_result.clear()
        draft = self.service.drafts.get(question.id) if question is not None else None
        self.answer_box.setReadOnly(False)
        self.answer_box.setPlainText(draft.answer if draft else "")
        self._build_checklist()
        self._prompts = prompts_for(question.number, question.visualizer) if question else ()
        self._prompt_index = 0
        if draft and draft.prompt_id:
            ids = [p.id for p in self._prompts]
            self._prompt_index = ids.index(draft.prompt_id) if draft.prompt_id in ids else 0
        self._build_prediction(draft.prediction_choice if draft else -1)
        self.set_revealed(revealed)
        self.scroll_area.verticalScrollBar().setValue(0)  # each question starts at the top

    def leave(self) -> None:
        """Keep what was typed or picked for the question being left; log the time spent."""
        q = self._question
        if q is None:
            return
        prompt = self.current_prompt
        choice = self.predict_group.checkedId()
        text = self.answer_box.toPlainText()
        if not self._graded and (text.strip() or (choice >= 0 and not self._locked)):
            self.service.drafts[q.id] = Draft(
                answer=text,
                prediction_choice=-1 if self._locked else choice,
                prompt_id=prompt.id if prompt else "",
            )
        elif not text.strip():
            self.service.drafts.pop(q.id, None)
        self._log_answer_time()

    def _log_answer_time(self) -> None:
        if self._question is None or self._answer_started is None:
            return
        started, self._answer_started = self._answer_started, None
        # Study time is a nicety: a failed write must never interrupt the learner.
        with contextlib.suppress(Exception):
            self.service.record_activity(
                "answer", self._question.id, started, time.time() - started
            )

    @property
    def current_prompt(self) -> Prompt | None:
        if not self._prompts:
            return None
        return self._prompts[self._prompt_index % len(self._prompts)]

    def set_revealed(self, revealed: bool) -> None:
        self._revealed = revealed and self._question is not None
        self.answer_box.setReadOnly(self._revealed)
        self.answer_box.setVisible(not self._revealed or bool(self.answer_box.toPlainText()))
        self.checklist_box.setVisible(self._revealed and bool(self.checks))
        self.predict_box.setVisible(
            bool(self._prompts) and (not self._revealed or bool(self.predict_result.text()))
        )
        self.suggestion.setVisible(self._revealed)
        self.grade_bar.setVisible(self._revealed)
        self._update_grades()

    def _build_checklist(self) -> None:
        while self.checklist_layout.count():
            item = self.checklist_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Hidden at once: deleteLater only acts when the event loop next runs, and
                # until then the old question's rows would paint over the new ones.
                widget.hide()
                widget.deleteLater()
        self.checks = []
        if self._question is None:
            return
        for i, point in enumerate(self._question.key_points):
            box = QCheckBox(self.checklist_box)
            box.setAccessibleName(point)
            box.toggled.connect(self._update_grades)
            label = _ClickLabel(point, box, self.checklist_box)
            self.checklist_layout.addWidget(box, i, 0, Qt.AlignmentFlag.AlignTop)
            self.checklist_layout.addWidget(label, i, 1)
            self.checks.append(box)
        self.checklist_layout.setColumnStretch(1, 1)

    def _build_prediction(self, chosen: int = -1) -> None:
        for button in self.predict_group.buttons():
            self.predict_group.removeButton(button)
            self.predict_choices.removeWidget(button)
            button.hide()
            button.deleteLater()
        prompt = self.current_prompt
        self.predict_box.setVisible(prompt is not None)
        self.predict_next.setVisible(len(self._prompts) > 1)
        if prompt is None:
            return
        count = len(self._prompts)
        number = f" ({self._prompt_index % count + 1} of {count})" if count > 1 else ""
        self.predict_box.setTitle(f"Predict, then watch{number}")
        self.predict_prompt.setText(prompt.prompt)
        for i, choice in enumerate(prompt.choices):
            radio = QRadioButton(choice, self.predict_box)
            self.predict_group.addButton(radio, i)
            self.predict_choices.addWidget(radio)
            if i == chosen:
                radio.setChecked(True)
        self.predict_button.setEnabled(chosen >= 0)

    def _next_prompt(self) -> None:
        self._prompt_index = (self._prompt_index + 1) % max(1, len(self._prompts))
        self._locked = False
        self.predict_result.clear()
        self._build_prediction()

    def suggested_grade(self) -> int:
        return scheduler.suggest_grade(sum(b.isChecked() for b in self.checks), len(self.checks))

    def _update_grades(self) -> None:
        q = self._question
        enabled = self.can_grade
        preview: dict[int, str] = {}
        if q is not None:
            now = datetime.now().astimezone()
            intervals = scheduler.preview(
                self.service.card(q.id), now, self.service.desired_retention
            )
            preview = {r: scheduler.format_interval(d) for r, d in intervals.items()}
        suggested = self.suggested_grade()
        for rating, button in self.grade_buttons.items():
            label = scheduler.RATING_LABELS[rating]
            button.setText(f"{rating}  {label}  ·  {preview.get(rating, '')}")
            button.setEnabled(enabled)
            bold = enabled and rating == suggested and bool(self.checks)
            colour = tone(GRADE_TONES[rating]).name()
            button.setStyleSheet(
                f"QPushButton {{ border-left: 4px solid {colour}; padding: 4px 8px;"
                f"{' font-weight: bold;' if bold else ''} }}"
            )
        if self.checks:
            ticked = sum(b.isChecked() for b in self.checks)
            self.suggestion.setText(
                f"You covered {ticked} of {len(self.checks)} key points — suggested grade: "
                f"<b>{scheduler.RATING_LABELS[suggested]}</b> (press {suggested})."
            )
        if q is not None and not self._graded and not self.status.text():
            card = self.service.card(q.id)
            if scheduler.is_new(card):
                self.status.setText("New question: not scheduled yet.")
            else:
                now = datetime.now().astimezone()
                self.status.setText(
                    f"Scheduled: due {describe_due(card.due, now)} · "
                    f"predicted recall now {scheduler.retrievability(card, now):.0%}."
                )

    # -- grading ------------------------------------------------------------------------------

    def _grade_key(self, rating: int) -> None:
        if self.can_grade:
            self.grade(rating)

    def grade(self, rating: int, source: str = "review") -> None:
        """Record a review of the shown question; shows when it is due next."""
        q = self._question
        if q is None or self._graded:
            return
        duration = min(MAX_DURATION_MS, int((time.monotonic() - self._shown_at) * 1000))
        # One moment for the review and its confirmation: the interval shown equals the one
        # the button showed (the card is due `interval` after the review, not after now).
        now = datetime.now().astimezone()
        try:
            card = self.service.record_review(
                q.id, rating, duration_ms=duration, source=source, at=now.timestamp()
            )
        except Exception as exc:  # a full disk must not end the session; say so
            self.status.setText(f"Could not save this review: {exc}")
            return
        self._graded = True
        self._log_answer_time()
        now = scheduler.to_datetime(round(now.timestamp(), 3))
        self.status.setText(
            f"Graded <b>{scheduler.RATING_LABELS[rating]}</b> — next due "
            f"{describe_due(card.due, now)}."
        )
        self._update_grades()
        self.graded.emit(q.id, rating)

    def lock_in_prediction(self) -> None:
        """Store the chosen prediction and ask for the visualizer in the prompt's scenario."""
        q, prompt = self._question, self.current_prompt
        chosen = self.predict_group.checkedId()
        if q is None or prompt is None or chosen < 0 or self._locked:
            return
        try:
            self.service.record_prediction(
                q.id, prompt.visualizer, prompt.id, chosen, chosen == prompt.correct
            )
        except Exception as exc:
            self.predict_result.setText(f"Could not save this prediction: {exc}")
            return
        self._locked = True
        for button in self.predict_group.buttons():
            button.setEnabled(False)
        self.predict_button.setEnabled(False)
        self.predict_result.setText(
            f"Locked in: <b>{prompt.choices[chosen]}</b>. Watch the run in the visualizer tab; "
            "the verdict appears there once the run has shown the answer."
        )
        self.prediction_requested.emit(q.id, prompt.id, chosen)
