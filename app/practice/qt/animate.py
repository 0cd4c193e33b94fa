""" "Animate my code": the learner's function, step by step, beside the reference's.

The steps are ordinary calls (k-means with max_iter = 1, 2, …; gradient descent with
epochs = 1, 2, …) run in the same limited child process as the tests; the reference's steps
are computed here from the app's own oracle. Both sides are drawn from plain arrays, so a
wrong update step shows up as a different picture.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from app.practice.cases import as_array, as_float
from app.practice.problems import Animation
from app.practice.runner import RunOutcome, run_solution
from visualizers.core.plotting import SERIES_COLORS, themed_plot


class _Relay(QObject):
    finished = Signal(object)


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


def _draw_kmeans(
    plot: pg.PlotWidget, animation: Animation, steps: list[Any], index: int, error: str
) -> str:
    step = steps[index]
    plot.clear()
    X = animation.data["X"]
    colours = [pg.mkBrush(c) for c in SERIES_COLORS]
    if step is None or not isinstance(step, tuple | list) or len(step) != 2:
        plot.addItem(pg.ScatterPlotItem(X[:, 0], X[:, 1], size=6, brush=pg.mkBrush("#888888")))
        return f"<span style='color:#d0473f;'>{error or 'no (centroids, labels)'}</span>"
    centroids = as_array(step[0])
    labels = as_array(step[1])
    if labels is not None and labels.shape == (len(X),) and np.all(np.isfinite(labels)):
        brushes = [colours[int(v) % len(colours)] for v in labels]
    else:
        brushes = [pg.mkBrush("#888888")] * len(X)
    plot.addItem(pg.ScatterPlotItem(X[:, 0], X[:, 1], size=6, brush=brushes, pen=None))
    if centroids is None or centroids.ndim != 2 or centroids.shape[1] != 2:
        return "centroids of the wrong shape"
    finite = np.isfinite(centroids).all(axis=1)
    plot.addItem(
        pg.ScatterPlotItem(
            centroids[finite, 0],
            centroids[finite, 1],
            size=18,
            symbol="x",
            brush=[colours[i % len(colours)] for i in np.flatnonzero(finite)],
            pen=pg.mkPen("k", width=1),
        )
    )
    text = ", ".join(f"({c[0]:.2f}, {c[1]:.2f})" for c in centroids)
    return f"centroids {text}" + (
        "" if finite.all() else " <span style='color:#d0473f;'>(nan!)</span>"
    )


def _draw_line(
    plot: pg.PlotWidget, animation: Animation, steps: list[Any], index: int, error: str
) -> str:
    step = steps[index]
    plot.clear()
    X, y = animation.data["X"], animation.data["y"]
    plot.addItem(
        pg.ScatterPlotItem(X[:, 0], y, size=7, brush=pg.mkBrush(SERIES_COLORS[1]), pen=None)
    )
    if step is None or not isinstance(step, tuple | list) or len(step) != 2:
        return f"<span style='color:#d0473f;'>{error or 'no (w, b)'}</span>"
    w, b = as_array(step[0]), as_float(step[1])
    if w is None or w.size != 1 or b is None or not np.isfinite(w).all():
        return "<span style='color:#d0473f;'>weights of the wrong shape or not finite</span>"
    xs = np.array([X[:, 0].min(), X[:, 0].max()])
    plot.addItem(
        pg.PlotCurveItem(
            xs, float(w.reshape(-1)[0]) * xs + b, pen=pg.mkPen(SERIES_COLORS[0], width=3)
        )
    )
    plot.setYRange(float(y.min()) - 1, float(y.max()) + 1)
    return f"w = {float(w.reshape(-1)[0]):.3f}, b = {b:.3f}"


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
        return f"<span style='color:#d0473f;'>{error or 'no (w, b)'}</span>"
    w, b = as_array(step[0]), as_float(step[1])
    if w is None or w.size != 1 or b is None or not np.isfinite(w).all():
        return "<span style='color:#d0473f;'>weights of the wrong shape or not finite</span>"
    slope = float(w.reshape(-1)[0])
    xs = np.linspace(float(X[:, 0].min()) - 1, float(X[:, 0].max()) + 1, 80)
    with np.errstate(over="ignore"):
        curve = 1 / (1 + np.exp(-(slope * xs + b)))
    plot.addItem(pg.PlotCurveItem(xs, curve, pen=pg.mkPen(SERIES_COLORS[0], width=3)))
    return f"w = {slope:.3f}, b = {b:.3f}"


def _draw_curve(
    plot: pg.PlotWidget, animation: Animation, steps: list[Any], index: int, error: str
) -> str:
    """A metric of every step so far (training RMSE per epoch, say), as a curve."""
    plot.clear()
    metric = animation.data["metric"]
    xs = animation.data["x"]
    values = [metric(step) for step in steps[: index + 1]]
    points = [(x, v) for x, v in zip(xs, values, strict=False) if v is not None and np.isfinite(v)]
    if points:
        plot.addItem(
            pg.PlotDataItem(
                [p[0] for p in points],
                [p[1] for p in points],
                pen=pg.mkPen(SERIES_COLORS[0], width=3),
                symbol="o",
                symbolSize=6,
                symbolBrush=SERIES_COLORS[0],
            )
        )
    plot.setXRange(0, max(xs))
    plot.setYRange(0, animation.data["y_max"])
    current = values[-1] if values else None
    if current is None or not np.isfinite(current):
        return f"<span style='color:#d0473f;'>{error or 'no usable result'}</span>"
    return f"{animation.data['metric_name']} = {current:.3f}"


DRAWERS = {
    "kmeans": _draw_kmeans,
    "line": _draw_line,
    "sigmoid": _draw_sigmoid,
    "curve": _draw_curve,
}
