"""The question view's hook into coding practice: a "Practice" toggle and, on demand, the pane.

Kept light on purpose: it imports only Qt and the content types, so the window opens without
NumPy or the problem table; the pane (editor, grader, problems) is built the first time the
learner opens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QSplitter, QWidget

from app.content import Question
from app.store import Store

if TYPE_CHECKING:
    from app.practice.qt.pane import PracticePane


class PracticeController(QObject):
    """A "Practice" button for questions that have a practice problem, and its pane.

    The pane's "Coding round…" button is forwarded as `coding_round_requested`: the window
    answers it by opening the mock interview in its coding mode (one coding round, there).
    """

    coding_round_requested = Signal()

    def __init__(
        self,
        store: Store,
        splitter: QSplitter,
        hide_when_on: Sequence[QWidget],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._splitter = splitter
        self._hide_when_on = tuple(hide_when_on)
        self._pane: PracticePane | None = None
        self._question: Question | None = None  # the shown question, if it has a problem
        self._shown: Question | None = None  # the shown question, whatever it is
        self.button = QPushButton("Practice", parent)
        self.button.setObjectName("practiceButton")
        self.button.setCheckable(True)
        self.button.setToolTip("Write this coding answer yourself and run its tests (Ctrl+Shift+C)")
        self.button.toggled.connect(self._apply)
        self.button.hide()
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+C"), parent)
        shortcut.activated.connect(self.toggle)

    @property
    def pane(self) -> PracticePane:
        """The practice pane, built (with the grader and the problem table) on first use."""
        if self._pane is None:
            from app.practice.qt.pane import PracticePane

            self._pane = PracticePane(self._store, self._splitter)
            self._splitter.addWidget(self._pane)
            self._pane.hide()
            self._pane.coding_round_requested.connect(self.coding_round_requested)
            # Offered only where something opens the round (the main window does).
            self._pane.round_button.setVisible(
                self.isSignalConnected(QMetaMethod.fromSignal(self.coding_round_requested))
            )
        return self._pane

    def toggle(self) -> None:
        if self.button.isVisible():
            self.button.toggle()

    def set_question(self, question: Question | None) -> None:
        # The content says which questions have a problem (a test keeps both in step).
        has = question is not None and question.practice is not None
        self._question = question if has else None
        self._shown = question
        self.button.setVisible(has)
        if self._pane is not None:
            self._pane.set_question(self._question)
        if not has:
            if self.button.isChecked():
                self.button.setChecked(False)  # toggled → _apply(False)
            else:
                self._apply(False)
            return
        self._apply(self.button.isChecked())

    def _apply(self, on: bool) -> None:
        question = self._question
        on = on and question is not None
        if on and question is not None:
            pane = self.pane
            if pane.problem is None or pane.problem.number != question.number:
                pane.set_question(question)
            pane.show()
        elif self._pane is not None:
            self._pane.hide()
        for widget in self._hide_when_on:
            if on:
                widget.hide()
            elif self._shown is not None:  # a guide page keeps them hidden
                widget.show()
        if on:
            total = max(sum(self._splitter.sizes()), 400)
            sizes = [0] * self._splitter.count()
            sizes[0] = total // 4
            sizes[self._splitter.indexOf(self.pane)] = total - total // 4
            self._splitter.setSizes(sizes)
            self.pane.editor.setFocus()
