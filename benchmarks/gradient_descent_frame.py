"""Benchmark: one animation frame of the gradient-descent visualizer vs matplotlib (Agg).

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.gradient_descent_frame`
(`--rounds N`, default 3).

A frame is one player step (computing the next frame, `show_frame`, the explanation and
the step counter: the player is paused, so the explanation is refreshed on every step,
its worst case) followed by `processEvents()`, in which Qt repaints whatever the step
made dirty and flushes the window — what the app does between two timer ticks — with the
view at the size the app opens a tab (1200×800).

The baseline is matplotlib's Agg backend drawing the same content at the pixel size of
the view's plot area, for the same run (a fresh copy of the stepper, so the same frames):
the shaded loss surface with the same contour segments, the start and minimum markers,
each runner's trajectory and head and a legend; the data, the least-squares line, the
mini-batch highlighted and each runner's fitted line; each runner's loss on a log axis
with the optimum as a dashed line, with titles and axis labels, and fixed axis ranges as
the Qt view keeps. Artists are updated in place (`set_data`) before `canvas.draw()`.

Both sides replay frames WARMUP…WARMUP+FRAMES; matplotlib (~15–30x slower) draws and
is timed on every MPL_EVERY-th of them, so both medians cover the same trail lengths.
Every round times both sides back to back and reports wall time (perf_counter) and CPU
time of this process (process_time), median and p95, and the matplotlib / Qt ratio of
the medians *within that round*: on a shared, loaded machine CPU time and same-round
ratios are the figures to trust, wall times vary with the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from visualizers.core.contours import contour_segments
from visualizers.gradient_descent.algorithm import (
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
)

SIZE = (1200, 800)  # the size the app opens a visualizer tab at
WARMUP = 30
FRAMES = 300
MPL_EVERY = 5  # matplotlib draws (and is timed on) every 5th frame: 61 draws a round
TARGET_MS = 4.0
SCENARIOS = (("one optimizer", "off"), ("race of three optimizers", "optimizers"))


@dataclass
class Timing:
    wall: list[float]
    cpu: list[float]

    def median_ms(self, cpu: bool) -> float:
        return statistics.median(self.cpu if cpu else self.wall) * 1000.0

    def p95_ms(self, cpu: bool) -> float:
        samples = sorted(self.cpu if cpu else self.wall)
        return samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))] * 1000.0


def _time(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def qt_frames(compare: str) -> tuple[Timing, GradientDescentStepper, tuple[int, int]]:
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

    for _ in range(WARMUP):
        frame()
    timing = Timing([], [])
    for _ in range(FRAMES):
        wall, cpu = _time(frame)
        timing.wall.append(wall)
        timing.cpu.append(cpu)
    stepper = view.stepper
    assert isinstance(stepper, GradientDescentStepper)
    plots_size = (view.plots.width(), view.plots.height())
    view.shutdown()
    view.deleteLater()
    app.processEvents()
    return timing, stepper, plots_size


def matplotlib_frames(stepper: GradientDescentStepper, size: tuple[int, int]) -> Timing:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    from visualizers.core.plotting import SERIES_COLORS

    problem = stepper.problem
    assert isinstance(problem, LinearRegressionProblem)
    assert problem.minimum is not None
    dpi = 100
    fig = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 2, width_ratios=(5, 4))
    ax_surface = fig.add_subplot(grid[:, 0])
    ax_data = fig.add_subplot(grid[0, 1])
    ax_loss = fig.add_subplot(grid[1, 1])
    fig.set_layout_engine("constrained")

    # Loss surface: the same grid, shading and contour segments as the Qt view.
    x0, x1, y0, y1 = problem.window
    xs, ys = np.linspace(x0, x1, 120), np.linspace(y0, y1, 120)
    z = problem.loss_grid(xs, ys)
    low, span = float(z.min()), max(float(np.ptp(z)), 1e-12)
    ax_surface.imshow(
        np.log10(z - low + span * 1e-4),
        origin="lower",
        extent=(x0, x1, y0, y1),
        aspect="auto",
        cmap="Blues",
    )
    segments = contour_segments(xs, ys, z, low + np.geomspace(span * 1e-4, span, 14))
    ax_surface.add_collection(
        LineCollection(list(segments.reshape(-1, 2, 2)), colors="0.3", lw=0.5)
    )
    ax_surface.plot(*problem.minimum, marker="*", ms=12, color="#f0e442", mec="k")
    ax_surface.plot(*stepper.start, marker="x", ms=10, mew=2, color="k")
    ax_surface.set(xlim=(x0, x1), ylim=(y0, y1), xlabel="w", ylabel="b")
    ax_surface.set_title(f"Loss surface L(w, b) — {problem.title}", fontsize=10)

    k = len(stepper.runners)
    colors = SERIES_COLORS[:k]
    paths = [
        ax_surface.plot([], [], lw=2, color=c, label=r.label)[0]
        for c, r in zip(colors, stepper.runners, strict=True)
    ]
    heads = [ax_surface.plot([], [], "o", ms=8, color=c, mec="k")[0] for c in colors]
    ax_surface.legend(loc="lower right")

    # Data, least-squares line, highlighted mini-batch, fitted lines.
    ax_data.scatter(problem.x, problem.y, s=8, color="0.6")
    span_x = np.array([problem.x.min(), problem.x.max()])
    w_opt, b_opt = problem.minimum
    ax_data.plot(span_x, w_opt * span_x + b_opt, "k--", lw=1)
    (batch,) = ax_data.plot([], [], "o", ms=7, mfc="none", mec="k")
    lines = [ax_data.plot([], [], lw=2, color=c)[0] for c in colors]
    pad_x, pad_y = 0.05 * float(np.ptp(problem.x)), 0.08 * float(np.ptp(problem.y))
    ax_data.set(
        xlim=(problem.x.min() - pad_x, problem.x.max() + pad_x),
        ylim=(problem.y.min() - pad_y, problem.y.max() + pad_y),
        xlabel="x",
        ylabel="y",
    )
    ax_data.set_title("Data and fitted line", fontsize=10)

    # Loss per step on a log axis, fixed range like the Qt view's.
    curves = [ax_loss.plot([], [], lw=2, color=c)[0] for c in colors]
    ax_loss.set_yscale("log")
    ax_loss.axhline(max(problem.loss_floor, 1e-300), color="k", ls="--", lw=1)
    first = stepper.first()
    top = float(first.losses.max())
    bottom = problem.loss_floor if problem.loss_floor > 0 else top * 1e-6
    ax_loss.set(xlim=(0, stepper.max_steps), ylim=(bottom * 0.8, top * 1.25))
    ax_loss.set(xlabel="step", ylabel="L")
    ax_loss.set_title("Full-data loss per step (log scale)", fontsize=10)
    canvas.draw()
    # The layout was computed once (as the Qt view lays out once); don't redo it per frame.
    fig.set_layout_engine("none")

    frames: list[GradientDescentFrame] = [first]
    trail = [first.thetas]
    trail_loss = [first.losses]

    def update() -> None:
        frame = stepper.advance(frames[-1])
        frames.append(frame)
        trail.append(frame.thetas)
        trail_loss.append(frame.losses)

    def draw() -> None:
        update()
        frame = frames[-1]
        thetas = np.asarray(trail)
        losses = np.asarray(trail_loss)
        steps = np.arange(len(trail))
        for i in range(k):
            paths[i].set_data(thetas[:, i, 0], thetas[:, i, 1])
            heads[i].set_data([thetas[-1, i, 0]], [thetas[-1, i, 1]])
            w, b = thetas[-1, i]
            lines[i].set_data(span_x, w * span_x + b)
            curves[i].set_data(steps, losses[:, i])
        batch.set_data(problem.x[frame.batch], problem.y[frame.batch])
        canvas.draw()

    for _ in range(WARMUP - 1):
        update()
    timing = Timing([], [])
    for index in range(FRAMES):
        if index % MPL_EVERY:
            update()
            continue
        wall, cpu = _time(draw)
        timing.wall.append(wall)
        timing.cpu.append(cpu)
    return timing


def run_round() -> list[tuple[str, Timing, Timing]]:
    results = []
    for label, compare in SCENARIOS:
        qt, stepper, plots_size = qt_frames(compare)
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
        results.append((label, qt, matplotlib_frames(fresh, plots_size)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"Gradient-descent frame (step + repaint), {SIZE[0]}×{SIZE[1]} view, offscreen")
    print(
        f"{FRAMES} Qt / {FRAMES // MPL_EVERY + 1} matplotlib frames a round after {WARMUP} "
        f"warm-up frames; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )
    header = (
        f"{'round':<6}{'scenario':<26}{'clock':<6}"
        f"{'Qt med':>8}{'p95':>7}{'mpl med':>9}{'p95':>7}{'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    medians: dict[tuple[str, bool], list[float]] = {}
    ratios: dict[tuple[str, bool], list[float]] = {}
    for number in range(1, args.rounds + 1):
        for label, qt, mpl in run_round():
            for cpu in (False, True):
                q, m = qt.median_ms(cpu), mpl.median_ms(cpu)
                medians.setdefault((label, cpu), []).append(q)
                ratios.setdefault((label, cpu), []).append(m / q)
                print(
                    f"{number:<6}{label:<26}{'cpu' if cpu else 'wall':<6}"
                    f"{q:>8.2f}{qt.p95_ms(cpu):>7.2f}{m:>9.2f}{mpl.p95_ms(cpu):>7.2f}"
                    f"{m / q:>7.1f}x"
                )
    print(f"\nmedian over {args.rounds} rounds (ms; ratio = matplotlib / Qt, same round):")
    for label, _ in SCENARIOS:
        for cpu in (False, True):
            q = statistics.median(medians[(label, cpu)])
            r = statistics.median(ratios[(label, cpu)])
            verdict = "meets" if q < TARGET_MS and r > 1 else "misses"
            print(
                f"  {label:<26}{'cpu' if cpu else 'wall':<6}{q:>6.2f} ms  {r:>5.1f}x  "
                f"({verdict} the target: < {TARGET_MS:g} ms and faster than matplotlib)"
            )


if __name__ == "__main__":
    main()
