"""The Qt side of a learner's run: a strip above the plots and the three calls the app makes.

A view that can show a learner's run mixes in `LearnerRunHost` and draws
`self.state.learner` (a `visualizers.core.learner.LearnerRun`) in its `show_frame`; its
state provides `learner_values()`, `learner_plan(frames)` and `load_learner(plan,
results, frames)`. The app calls `prepare_learner_run()` (set the parameters the
learner's contract needs, return the calls to run in its sandbox), then
`show_learner_run(plan, results)`; "Clear my run" (here or in the practice pane) calls
`clear_learner_run()`. A new run (any parameter change) drops the learner's run: its
calls no longer match what is on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from visualizers.core.text import escape

if TYPE_CHECKING:
    from visualizers.core.learner import LearnerPlan, LearnerResult, LearnerRun


def show_overlay(items: Sequence[Any], shown: bool) -> bool:
    """Show or hide a learner overlay's plot items together; returns `shown`.

    Hiding is skipped when the first item is already hidden, so a view without a learner's
    run pays nothing per frame.
    """
    if shown or items[0].isVisible():
        for item in items:
            item.setVisible(shown)
    return shown


class LearnerRunStrip(QFrame):
    """ "Your code vs the reference": what differs first, Go to it, Clear my run."""

    clear_requested = Signal()
    go_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learnerRunStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setObjectName("learnerRunSummary")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.go_button = QPushButton("Go to first difference", self)
        self.go_button.setObjectName("learnerRunGo")
        self.go_button.setAccessibleName("Go to the first step where your run differs")
        self.go_button.clicked.connect(self.go_requested)
        self.clear_button = QPushButton("Clear my run", self)
        self.clear_button.setObjectName("learnerRunClear")
        self.clear_button.setAccessibleName("Clear my run: show the reference only")
        self.clear_button.setToolTip("Back to the visualizer's own run alone")
        self.clear_button.clicked.connect(self.clear_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.label, 1)
        row.addWidget(self.go_button)
        row.addWidget(self.clear_button)

    def show_run(self, run: LearnerRun[Any], legend: str) -> None:
        # One short line (the plots keep their height); the narration has the numbers.
        verdict = (
            "it agrees at every step"
            if run.difference is None
            else f"<b>first differs at step {run.difference}</b>"
        )
        self.label.setText(f"{legend}: {verdict}")
        self.label.setToolTip(escape(run.summary))
        self.label.setAccessibleName(run.summary)
        self.go_button.setVisible(run.difference is not None)
        self.show()


class LearnerRunHost:
    """Mixin for a `VisualizerView` whose state can hold a learner's run."""

    learner_legend = "<b>Your code</b> beside the reference"
    _learner_strip: LearnerRunStrip | None = None
    _learner_shown: object = None

    def prepare_learner_run(self) -> LearnerPlan:
        """Set the contract's parameters and return the calls retracing the run (ValueError)."""
        view = cast(Any, self)
        view.player.pause()
        values = view.state.learner_values()
        changed = any(view.params.get(name) != value for name, value in values.items())
        # The run compared is the one on screen now: built here, even for heavy data.
        if (changed or view.building) and not view.set_params_now(**values):
            raise ValueError(view.explanation.warning_text() or "the run was refused")
        history = view.history
        if history is None:
            raise ValueError("This visualizer has no run to compare with.")
        view.player.compute_ahead(history.limit - 1)  # through the player: the timeline grows
        return cast("LearnerPlan", view.state.learner_plan(list(history.frames())))

    def show_learner_run(
        self, plan: LearnerPlan, results: Sequence[LearnerResult | None]
    ) -> LearnerRun[Any]:
        """Keep the learner's run beside the reference and redraw the current step."""
        view = cast(Any, self)
        history = view.history
        run: LearnerRun[Any] = view.state.load_learner(plan, list(results), list(history.frames()))
        self.sync_learner_strip()
        view.player.seek(0)  # redraws the frame (and its narration) with the learner's run
        return run

    def clear_learner_run(self) -> None:
        """Back to the reference alone."""
        view = cast(Any, self)
        view.state.learner = None
        self.sync_learner_strip()
        view.player.seek(view.player.index)  # redraws the frame without it

    @property
    def learner_strip(self) -> LearnerRunStrip | None:
        """The strip above the plots, once a learner's run has been shown."""
        return self._learner_strip

    def learner_run(self) -> LearnerRun[Any] | None:
        return cast("LearnerRun[Any] | None", cast(Any, self).state.learner)

    def sync_learner_strip(self) -> None:
        """Show or hide the strip to match the state (cheap: call it from `show_frame`)."""
        run = self.learner_run()
        if run is self._learner_shown:
            return
        self._learner_shown = run
        if run is None:
            if self._learner_strip is not None:
                self._learner_strip.hide()
            return
        self._strip().show_run(run, self.learner_legend)

    def _strip(self) -> LearnerRunStrip:
        if self._learner_strip is None:
            view = cast(QWidget, self)
            strip = LearnerRunStrip(view)
            strip.clear_requested.connect(self.clear_learner_run)
            strip.go_requested.connect(self.go_to_difference)
            layout = view.layout()
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(0, strip)
            self._learner_strip = strip
        return self._learner_strip

    def go_to_difference(self) -> None:
        """Pause on the first step where the learner's run differs."""
        run = self.learner_run()
        if run is not None and run.difference is not None:
            view = cast(Any, self)
            view.player.pause()
            view.player.seek(run.difference)
