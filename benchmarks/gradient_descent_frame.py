"""Benchmark: one animation frame of the gradient-descent visualizer vs matplotlib (Agg).

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.gradient_descent_frame`.

A frame is one player step (computing the next frame, `show_frame`, the explanation)
followed by `processEvents()`, in which Qt repaints whatever the step made dirty and
flushes the window — what the app does between two timer ticks — at the default size. The baseline, measured in
the same run, is matplotlib's Agg backend redrawing the same three plots (shaded loss
surface with contour lines, trajectory and head; data with fitted line; loss on a log
axis) at the same pixel size after `set_data` on the moving artists. Both scenarios are
timed for the default single optimizer and for the three-optimizer race.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from visualizers.core.contours import contour_segments
from visualizers.gradient_descent.algorithm import (
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
)

SIZE = (1200, 800)  # the size the app opens a visualizer tab at
FRAMES = 300
MPL_FRAMES = 60  # matplotlib is ~30x slower; fewer frames keep the run short
WARMUP = 30


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000.0


def _time_each(action: Callable[[], object], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def qt_frames(compare: str) -> tuple[list[float], GradientDescentStepper, tuple[int, int]]:
    from PySide6.QtWidgets import QApplication

    from visualizers.gradient_descent.spec import SPEC
    from visualizers.gradient_descent.view import GradientDescentView

    app = QApplication.instance() or QApplication([])
    view = GradientDescentView(SPEC)
    view.resize(*SIZE)
    view.show()
    # Mini-batches keep the run going for all timed frames (batch GD converges early).
    view.set_params(compare=compare, max_steps=5000, batch_mode="mini-batch")
    app.processEvents()

    def frame() -> None:
        view.player.step_forward()
        app.processEvents()

    _time_each(frame, WARMUP)
    samples = _time_each(frame, FRAMES)
    stepper = view.stepper
    assert isinstance(stepper, GradientDescentStepper)
    plots_size = (view.plots.width(), view.plots.height())
    view.shutdown()
    view.deleteLater()
    app.processEvents()
    return samples, stepper, plots_size


def matplotlib_frames(stepper: GradientDescentStepper, size: tuple[int, int]) -> list[float]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    problem = stepper.problem
    assert isinstance(problem, LinearRegressionProblem)
    dpi = 100
    fig = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 2, width_ratios=(5, 4))
    ax_surface = fig.add_subplot(grid[:, 0])
    ax_data = fig.add_subplot(grid[0, 1])
    ax_loss = fig.add_subplot(grid[1, 1])
    x0, x1, y0, y1 = problem.window
    xs, ys = np.linspace(x0, x1, 120), np.linspace(y0, y1, 120)
    z = problem.loss_grid(xs, ys)
    low, span = float(z.min()), float(np.ptp(z))
    ax_surface.imshow(
        np.log10(z - low + span * 1e-4),
        origin="lower",
        extent=(x0, x1, y0, y1),
        aspect="auto",
        cmap="Blues",
    )
    segments = contour_segments(xs, ys, z, low + np.geomspace(span * 1e-4, span, 14))
    # The same contour segments the Qt view draws, as one collection.
    ax_surface.add_collection(
        LineCollection(list(segments.reshape(-1, 2, 2)), colors="0.3", lw=0.5)
    )
    k = len(stepper.runners)
    paths = [ax_surface.plot([], [], lw=2)[0] for _ in range(k)]
    trail: list[np.ndarray] = []
    trail_loss: list[np.ndarray] = []
    heads = [ax_surface.plot([], [], "o")[0] for _ in range(k)]
    ax_data.scatter(problem.x, problem.y, s=8, color="0.6")
    span_x = np.array([problem.x.min(), problem.x.max()])
    lines = [ax_data.plot([], [], lw=2)[0] for _ in range(k)]
    curves = [ax_loss.semilogy([], [], lw=2)[0] for _ in range(k)]
    frames: list[GradientDescentFrame] = [stepper.first()]

    def frame() -> None:
        frames.append(stepper.advance(frames[-1]))
        trail.append(frames[-1].thetas)
        trail_loss.append(frames[-1].losses)
        thetas = np.asarray(trail)
        losses = np.asarray(trail_loss)
        steps = np.arange(len(trail))
        for i in range(k):
            paths[i].set_data(thetas[:, i, 0], thetas[:, i, 1])
            heads[i].set_data([thetas[-1, i, 0]], [thetas[-1, i, 1]])
            w, b = thetas[-1, i]
            lines[i].set_data(span_x, w * span_x + b)
            curves[i].set_data(steps, losses[:, i])
        ax_loss.relim()
        ax_loss.autoscale_view()
        canvas.draw()

    _time_each(frame, WARMUP)
    return _time_each(frame, MPL_FRAMES)


def main() -> None:
    print(f"Gradient-descent frame (step + full redraw), {SIZE[0]}×{SIZE[1]} view, offscreen")
    print(
        f"median of {FRAMES} Qt / {MPL_FRAMES} matplotlib frames after {WARMUP} warm-up "
        f"frames; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )
    header = f"{'scenario':<28}{'pyqtgraph ms':>14}{'matplotlib ms':>15}{'ratio':>9}"
    print(header)
    print("-" * len(header))
    for label, compare in (("one optimizer", "off"), ("race of three optimizers", "optimizers")):
        qt, stepper, plots_size = qt_frames(compare)
        # The matplotlib baseline replays the same run from a fresh copy of the stepper.
        fresh = GradientDescentStepper(
            stepper.problem,
            stepper.runners,
            stepper.start,
            stepper.batch_mode,
            stepper.batch_size,
            stepper.beta,
            stepper.max_steps,
            stepper.seed,
        )
        mpl = matplotlib_frames(fresh, plots_size)
        q, m = _median_ms(qt), _median_ms(mpl)
        print(f"{label:<28}{q:>14.2f}{m:>15.2f}{m / q:>8.1f}x")
    print("\nratio = matplotlib time / pyqtgraph time (higher is better; target: < 4 ms a frame)")


if __name__ == "__main__":
    main()
