""" "Animate my code": the learner's function, step by step, beside the reference's.

Two ways, both with the learner's code run only in the limited child process (on a worker
thread, so the window stays responsive):

- `VisualizerRun`: for a problem with a visualizer (k-means, gradient descent, matrix
  factorization) the question's own visualizer plans the calls from the run on screen
  (`visualizers.core.learner`), the child runs them, and the visualizer draws the learner's
  run over or beside its reference at the same step, driven by the same player.
- `AnimationView`: for a problem without one (logistic regression) two small plots, yours
  and the reference's, from ordinary calls (epochs = 1, 2, …) and the app's own oracle.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from app.practice.cases import as_array, as_float, call
from app.practice.problems import Animation
from app.practice.runner import RunOutcome, run_solution
from app.theme import tone
from visualizers.core.learner import LearnerPlan, LearnerResult
from visualizers.core.plotting import SERIES_COLORS, themed_plot


class _Relay(QObject):
    finished = Signal(object)


class VisualizerRun(QObject):
    """Runs a visualizer's learner plan in the child, then loads the results into the view."""

    loaded = Signal(object)  # the view, now showing the learner's run
    failed = Signal(str)  # why there is no learner run

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.finished.connect(self._on_done)
        self._pending: tuple[Any, LearnerPlan, object] | None = None

    @property
    def running(self) -> bool:
        return self._pending is not None

    def start(self, view: Any, code: str, time_limit: float) -> bool:
        """Plan the calls on `view` (the GUI thread) and run them in a child (a worker thread)."""
        try:
            plan: LearnerPlan = view.prepare_learner_run()
        except ValueError as exc:
            self.failed.emit(str(exc))
            return False
        if not plan.calls:
            self.failed.emit("The visualizer's run has no steps to compare yet.")
            return False
        calls = [{**call(c.function, *c.args), "id": str(i)} for i, c in enumerate(plan.calls)]
        self._pending = (view, plan, view.history)
        relay = self._relay

        def work() -> None:
            relay.finished.emit(run_solution(code, calls, time_limit=time_limit))

        threading.Thread(target=work, name="practice-visualizer-run", daemon=True).start()
        return True

    def _on_done(self, outcome: RunOutcome) -> None:
        if self._pending is None:
            return
        view, plan, history = self._pending
        self._pending = None
        if not shiboken6.isValid(view):
            self.failed.emit("The visualizer was closed while your code ran.")
            return
        if outcome.load_error is not None:
            self.failed.emit(f"Your file could not be loaded: {outcome.load_error.error_message}")
            return
        if not outcome.results and outcome.problem:
            self.failed.emit(outcome.problem)
            return
        if view.history is not history:
            self.failed.emit(
                "The visualizer's run changed while your code ran: press Animate my code again."
            )
            return
        view.show_learner_run(plan, learner_results(outcome, len(plan.calls)))
        self.loaded.emit(view)


def learner_results(outcome: RunOutcome, count: int) -> list[LearnerResult | None]:
    """The child's results as plain `LearnerResult`s, one per planned call, in order."""
    if outcome.load_error is not None:
        why = f"your file could not be loaded: {outcome.load_error.error_message}"
        return [LearnerResult(error=why)] * count
    out: list[LearnerResult | None] = []
    for i in range(count):
        result = outcome.results.get(str(i))
        if result is None:
            out.append(LearnerResult(error=outcome.problem or "no result"))
        elif not result.ok:
            out.append(LearnerResult(error=f"{result.error_type}: {result.error_message}"))
        else:
            out.append(LearnerResult(result.value))
    return out


class AnimationView(QWidget):
    """Two plots (your code | reference), a step slider and play/pause."""

    steps_ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceAnimation")
        self.mine = themed_plot(self, "Your code")
        self.reference = themed_plot(self, "Reference")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.valueChanged.connect(self.show_step)
        self.play_button = QPushButton("▶ Play", self)
        self.play_button.clicked.connect(self.toggle_play)
        self.step_label = QLabel("Running your code…", self)
        self.step_label.setWordWrap(True)
        self._timer = QTimer(self, interval=450)
        self._timer.timeout.connect(self._advance)
        self._relay = _Relay()
        self._relay.finished.connect(self._on_ready)
        self._animation: Animation | None = None
        self._mine_steps: list[Any] = []
        self._ref_steps: list[Any] = []
        self._errors: list[str] = []

        plots = QHBoxLayout()
        plots.addWidget(self.mine)
        plots.addWidget(self.reference)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(plots, 1)
        layout.addLayout(controls)
        layout.addWidget(self.step_label)

    def start(self, animation: Animation, code: str) -> None:
        """Computes the learner's steps in the child (on a worker thread), then draws step 1."""
        self._timer.stop()
        self._animation = animation
        self._ref_steps = animation.reference_steps()
        self.slider.setEnabled(False)
        self.step_label.setText("Running your code step by step in a separate process…")
        calls = [{**c, "id": str(i)} for i, c in enumerate(animation.calls)]
        relay = self._relay

        def work() -> None:
            relay.finished.emit(run_solution(code, calls, time_limit=10.0))

        threading.Thread(target=work, name="practice-animate", daemon=True).start()

    def _on_ready(self, outcome: RunOutcome) -> None:
        assert self._animation is not None
        self._mine_steps, self._errors = [], []
        for i in range(len(self._animation.calls)):
            result = outcome.results.get(str(i))
            if result is None:
                self._mine_steps.append(None)
                self._errors.append(outcome.problem or "no result")
            elif not result.ok:
                self._mine_steps.append(None)
                self._errors.append(f"{result.error_type}: {result.error_message}")
            else:
                self._mine_steps.append(result.value)
                self._errors.append("")
        if outcome.load_error is not None:
            self._errors = [
                f"your file could not be loaded: {outcome.load_error.error_message}"
            ] * len(self._errors)
        self.slider.setRange(0, len(self._animation.calls) - 1)
        self.slider.setEnabled(True)
        self.slider.setValue(0)
        self.show_step(0)
        self.steps_ready.emit()
        self._timer.start()
        self.play_button.setText("Pause")

    def toggle_play(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.play_button.setText("▶ Play")
        elif self._mine_steps:
            if self.slider.value() == self.slider.maximum():
                self.slider.setValue(0)
            self._timer.start()
            self.play_button.setText("Pause")

    def _advance(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self._timer.stop()
            self.play_button.setText("▶ Play")
            return
        self.slider.setValue(self.slider.value() + 1)

    def show_step(self, index: int) -> None:
        animation = self._animation
        if animation is None or not self._mine_steps or index >= len(self._mine_steps):
            return
        draw = DRAWERS[animation.kind]
        mine_text = draw(self.mine, animation, self._mine_steps, index, self._errors[index])
        ref_text = draw(self.reference, animation, self._ref_steps, index, "")
        self.step_label.setText(
            f"<b>{animation.labels[index]}</b> — yours: {mine_text} · reference: {ref_text}"
        )

    def stop(self) -> None:
        self._timer.stop()


def _draw_sigmoid(
    plot: pg.PlotWidget, animation: Animation, steps: list[Any], index: int, error: str
) -> str:
    """Logistic regression on one feature: the labels at 0 and 1 and the curve σ(w·x + b)."""
    step = steps[index]
    plot.clear()
    X, y = animation.data["X"], animation.data["y"]
    plot.addItem(
        pg.ScatterPlotItem(X[:, 0], y, size=8, brush=pg.mkBrush(SERIES_COLORS[1]), pen=None)
    )
    plot.setYRange(-0.1, 1.1)
    if step is None or not isinstance(step, tuple | list) or len(step) != 2:
        return f"<span style='color:{tone('bad').name()};'>{error or 'no (w, b)'}</span>"
    w, b = as_array(step[0]), as_float(step[1])
    if w is None or w.size != 1 or b is None or not np.isfinite(w).all():
        bad = tone("bad").name()
        return f"<span style='color:{bad};'>weights of the wrong shape or not finite</span>"
    slope = float(w.reshape(-1)[0])
    xs = np.linspace(float(X[:, 0].min()) - 1, float(X[:, 0].max()) + 1, 80)
    with np.errstate(over="ignore"):
        curve = 1 / (1 + np.exp(-(slope * xs + b)))
    plot.addItem(pg.PlotCurveItem(xs, curve, pen=pg.mkPen(SERIES_COLORS[0], width=3)))
    return f"w = {slope:.3f}, b = {b:.3f}"


DRAWERS = {"sigmoid": _draw_sigmoid}
