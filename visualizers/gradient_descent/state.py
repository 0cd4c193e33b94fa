"""The gradient-descent visualizer's state (pure, no Qt).

Parameters → data → problem → stepper (`stepper_for`, also used by tests and the
benchmark), the user's CSV, which parameters do nothing for the current choice, each
problem's sensible learning rate, the plotting window that keeps every path in view,
axis names, and the narration of every frame. The view draws what this computes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
from numpy.typing import NDArray

from visualizers.core.contours import contour_segments
from visualizers.core.text import escape
from visualizers.gradient_descent.algorithm import (
    SURFACES,
    BatchMode,
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
    OptimizerName,
    Problem,
    make_runners,
)
from visualizers.gradient_descent.data import (
    Array,
    load_diabetes_bmi,
    read_xy_csv,
    scale,
    synthetic_line,
)
from visualizers.gradient_descent.narration import explain_step
from visualizers.gradient_descent.spec import CSV_PROBLEM, SURFACE_NAMES, SYNTHETIC

if TYPE_CHECKING:
    from visualizers.core.learner import LearnerPlan, LearnerResult, LearnerRun


Params = Mapping[str, int | float | str | bool]


@dataclass(frozen=True)
class Dataset:
    """Named (x, y) columns for a regression problem."""

    x: Array
    y: Array
    x_name: str
    y_name: str
    source: str


def dataset_for(params: Params, seed: int, csv: Dataset | None) -> Dataset:
    """The (scaled) data a regression problem fits; ValueError if it can't be had."""
    problem = str(params["problem"])
    if problem == SYNTHETIC:
        x, y = synthetic_line(
            int(params["n_points"]),
            float(params["slope"]),
            float(params["noise"]),
            int(params["outliers"]),
            seed,
        )
        data = Dataset(x, y, "x", "y", "synthetic: y = slope·x + 1 + noise")
    elif problem == "diabetes (BMI)":
        x, y = load_diabetes_bmi()
        data = Dataset(x, y, "BMI (kg/m²)", "progression", "diabetes (Efron et al. 2004)")
    elif problem == CSV_PROBLEM:
        if csv is None:
            raise ValueError("no CSV loaded yet: use “Load CSV…” to choose a two-column file")
        data = csv
    else:
        raise ValueError(f"{problem!r} is not a data problem")
    how = str(params.get("scaling", "none"))
    if how == "none":
        return data
    return Dataset(
        scale(data.x, how),
        scale(data.y, how),
        f"{data.x_name} ({how})",
        f"{data.y_name} ({how})",
        data.source,
    )


def problem_for(params: Params, seed: int, csv: Dataset | None = None) -> Problem:
    name = str(params["problem"])
    if name in SURFACES:
        return SURFACES[name]()
    data = dataset_for(params, seed, csv)
    return LinearRegressionProblem(data.x, data.y, title=data.source)


def stepper_for(params: Params, seed: int, csv: Dataset | None = None) -> GradientDescentStepper:
    """The stepper the view animates for these parameter values (ValueError when impossible)."""
    problem = problem_for(params, seed, csv)
    runners = make_runners(
        cast(OptimizerName, params["optimizer"]),
        float(params["learning_rate"]),
        str(params["compare"]),
    )
    hint = ""
    # Raw features far from 0 make the bowl steep and narrow: scaling is the real fix.
    if (
        isinstance(problem, LinearRegressionProblem)
        and params.get("scaling") == "none"
        and (
            abs(float(np.mean(problem.x))) > 3.0 * float(np.std(problem.x))
            or float(np.max(np.abs(problem.x))) > 10.0
        )
    ):
        hint = "; or set feature scaling to standardize"
    start = problem.start_from(float(params["start_u"]), float(params["start_v"]))
    return GradientDescentStepper(
        problem,
        runners,
        start,
        batch_mode=cast(BatchMode, params["batch_mode"]),
        batch_size=int(params["batch_size"]),
        beta=float(params["momentum"]),
        max_steps=int(params["max_steps"]),
        seed=seed,
        divergence_hint=hint,
    )


# Parameters of the synthetic line: they mean nothing for any other problem.
SYNTHETIC_PARAMETERS = ("n_points", "slope", "noise", "outliers")
# A problem's own sensible settings, applied when the learner switches to it. Rosenbrock
# starts at the classic (−1.2, 1), where the largest curvature is ≈ 1500 (≈ 1000 on the
# valley floor), so plain steps are stable only below η ≈ 0.0013; and it takes thousands.
PROBLEM_SETTINGS: dict[str, dict[str, int | float | str | bool]] = {
    "Rosenbrock": {"learning_rate": 0.001, "max_steps": 3000, "start_u": -0.6, "start_v": 0.0},
    "elongated bowl": {"learning_rate": 0.1, "max_steps": 300},
    "saddle": {"learning_rate": 0.1, "max_steps": 300},
}
WINDOW_PAD = 0.06  # share of the span added around the path
WINDOW_GROWTH_CAP = 40.0  # the view never zooms out more than this many windows


def inactive_parameters(params: Params) -> dict[str, str]:
    """Parameters that have no effect with these values, each with the reason."""
    problem = str(params["problem"])
    out: dict[str, str] = {}
    if problem != SYNTHETIC:
        for name in SYNTHETIC_PARAMETERS:
            out[name] = "Only for the synthetic line"
    if problem in SURFACE_NAMES:
        out["scaling"] = "Test surfaces have no data to scale"
        out["batch_mode"] = "Test surfaces use the exact gradient"
        out["batch_size"] = "Test surfaces use the exact gradient"
    elif str(params["batch_mode"]) != "mini-batch":
        out["batch_size"] = "Only for mini-batch gradients"
    compare = str(params["compare"])
    if compare == "optimizers":
        out["optimizer"] = "The race runs all three optimizers"
    elif str(params["optimizer"]) == "plain":
        out["momentum"] = "Plain gradient descent has no momentum"
    return out


def follow_problem(previous: Params, edited: Params) -> dict[str, int | float | str | bool]:
    """`edited`, plus the new problem's own settings when the problem was just switched
    (unless the same edit also set those parameters itself)."""
    values = dict(edited)
    problem = str(values.get("problem", previous.get("problem")))
    if problem == previous.get("problem"):
        return values
    for name, value in PROBLEM_SETTINGS.get(problem, {}).items():
        if values.get(name, previous.get(name)) == previous.get(name):
            values[name] = value
    return values


def plot_window(
    window: tuple[float, float, float, float], path: Array
) -> tuple[float, float, float, float]:
    """The problem's window grown to hold every point of `path` (rows of θ), with a margin.

    A diverging path can head for infinity: growth is capped at WINDOW_GROWTH_CAP windows
    around the problem's window, so the surface stays visible.
    """
    x0, x1, y0, y1 = window
    finite = path[np.all(np.isfinite(path), axis=1)] if path.size else path
    if finite.size:
        lo, hi = finite.min(axis=0), finite.max(axis=0)
        x0, x1 = min(x0, float(lo[0])), max(x1, float(hi[0]))
        y0, y1 = min(y0, float(lo[1])), max(y1, float(hi[1]))
    wx, wy = window[1] - window[0], window[3] - window[2]
    cx, cy = (window[0] + window[1]) / 2, (window[2] + window[3]) / 2
    half_x, half_y = WINDOW_GROWTH_CAP * wx / 2, WINDOW_GROWTH_CAP * wy / 2
    x0, x1 = max(x0, cx - half_x), min(x1, cx + half_x)
    y0, y1 = max(y0, cy - half_y), min(y1, cy + half_y)
    if (x0, x1, y0, y1) == window:
        return window
    px, py = WINDOW_PAD * (x1 - x0), WINDOW_PAD * (y1 - y0)
    return (x0 - px, x1 + px, y0 - py, y1 + py)


def surface(
    problem: Problem, window: tuple[float, float, float, float], grid: int, levels: int
) -> tuple[Array, Array]:
    """The loss over `window` as (shade, contour segments).

    Shade is log10 of the loss above its minimum on the grid (rows are y), so both the
    valley floor and the walls show; contour levels are log-spaced above the minimum.
    """
    x0, x1, y0, y1 = window
    xs, ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    z = problem.loss_grid(xs, ys)
    low = float(z.min())
    span = max(float(z.max()) - low, 1e-12)
    heights = low + np.geomspace(span * 1e-4, span, levels)
    return np.log10(z - low + span * 1e-4), contour_segments(xs, ys, z, heights)


def loss_axis(start_loss: float, loss_floor: float) -> tuple[float, tuple[float, float]]:
    """(smallest loss drawn, initial log10 range) of the loss plot for a run.

    A loss of exactly 0 has no logarithm, so what the log axis shows is floored 14 decades
    below the start. The range spans the start down to the problem's floor (or 6 decades
    below the start when the floor is 0) and is widened only when a loss leaves it:
    auto-ranging every frame would regenerate and repaint both axes on every step.
    """
    floor_display = max(start_loss * 1e-14, 1e-300)
    bottom = loss_floor if loss_floor > 0 else start_loss * 1e-6
    return floor_display, (float(np.log10(max(bottom, floor_display))), float(np.log10(start_loss)))


def data_ranges(x: Array, y: Array) -> tuple[tuple[float, float], tuple[float, float]]:
    """The data plot's x and y ranges: the points with 5 % and 8 % of their spread around."""
    pad_x, pad_y = 0.05 * float(np.ptp(x)), 0.08 * float(np.ptp(y))
    return (
        (float(x.min()) - pad_x, float(x.max()) + pad_x),
        (float(y.min()) - pad_y, float(y.max()) + pad_y),
    )


def loss_peaks(points: Array, every: int) -> Array:
    """Down-sample (step, value) rows to each bucket of `every` steps' min and max.

    Thousands of steps on a few hundred pixels: drawing each bucket's extremes looks the
    same as drawing every step. Buckets are aligned to step 0, so a growing curve keeps
    its earlier buckets unchanged; the unfinished last bucket is drawn as is.
    """
    n = len(points)
    if every < 2 or n < 4 * every:
        return points
    whole = (n // every) * every
    values = points[:whole, 1].reshape(-1, every)
    out = np.empty((2 * len(values), 2))
    out[0::2, 0] = out[1::2, 0] = points[:whole:every, 0]
    # Each bucket enters at its first value's side: a falling curve draws max then min.
    falling = values[:, 0] >= values[:, -1]
    high, low = values.max(axis=1), values.min(axis=1)
    out[0::2, 1] = np.where(falling, high, low)
    out[1::2, 1] = np.where(falling, low, high)
    return np.concatenate([out, points[whole:]])


def surface_colors(background: tuple[int, int, int], dark: bool) -> NDArray[np.uint8]:
    """256 colours from the plot background (lowest loss) to a muted blue (highest loss)."""
    low = np.array(background, dtype=float)
    high = np.array([70.0, 110.0, 170.0]) if dark else np.array([150.0, 185.0, 225.0])
    t = np.linspace(0.0, 1.0, 256)[:, None]
    return (low + (high - low) * t).astype(np.uint8)


class GradientDescentState:
    """What the gradient-descent view shows: the run for the current parameters and its words."""

    def __init__(self) -> None:
        self.csv: Dataset | None = None
        self.stepper_now: GradientDescentStepper | None = None
        self.params: dict[str, int | float | str | bool] = {}
        # "Animate my code": the learner's own (w, b) path beside this run (cleared by a new run).
        self.learner: LearnerRun[Array] | None = None
        self._seed = 0

    def stepper(self, params: Params, seed: int) -> GradientDescentStepper:
        """The run for these values (ValueError, with what to do, when impossible)."""
        stepper = stepper_for(params, seed, self.csv)
        self.stepper_now, self.params = stepper, dict(params)
        self.learner, self._seed = None, seed
        return stepper

    def adopt_run(self, stepper: GradientDescentStepper, params: Params) -> None:
        """Make a run built elsewhere (by `stepper_for` on a loading worker) the current one.

        Like `stepper`, a new run drops the learner's run (it retraced the old one) and
        keeps the run's seed, which `learner_values` rebuilds the run with.
        """
        self.stepper_now, self.params = stepper, dict(params)
        self.learner, self._seed = None, stepper.seed

    def current(self) -> GradientDescentStepper:
        if self.stepper_now is None:
            raise RuntimeError("no run yet: call stepper() first")
        return self.stepper_now

    def explain(self, frame: GradientDescentFrame) -> str:
        text = explain_step(self.current(), frame)
        if self.learner is not None:
            text = f"<b>{escape(self.learner.comparison(frame.step))}</b><br><br>{text}"
        return text

    # -- the learner's run ("Animate my code") --------------------------------------------
    # (`learner` is imported when a run is first asked for: most opens never need it)
    def learner_values(self) -> dict[str, int | float | str | bool]:
        """Parameter values that make this run the contract's (plain full-batch, from 0)."""
        from visualizers.gradient_descent import learner

        values = learner.values(self.params)
        try:
            probe = stepper_for({**self.params, **values}, self._seed, self.csv)
        except ValueError:
            return values
        return {**values, **learner.start_values(probe)}

    def learner_plan(self, frames: list[GradientDescentFrame]) -> LearnerPlan:
        """The calls of the learner's gradient_descent that retrace this run."""
        from visualizers.gradient_descent import learner

        return learner.plan(self.current(), frames)

    def load_learner(
        self,
        plan: LearnerPlan,
        results: list[LearnerResult | None],
        frames: list[GradientDescentFrame],
    ) -> LearnerRun[Array]:
        """Keep the learner's path (the results of `plan`'s calls) beside this run."""
        from visualizers.gradient_descent import learner

        self.learner = learner.load(plan, results, frames, self.current().problem)
        return self.learner

    def summary(self, frame: GradientDescentFrame) -> str:
        """Each runner's position and loss in plain words (the plots' text alternative)."""
        run = self.current()
        p0, p1 = run.problem.param_names
        parts = [
            f"{runner.label}: {p0} = {t[0]:.4g}, {p1} = {t[1]:.4g}, loss {loss:.4g}"
            + ("" if status == "running" else f", {status}")
            for runner, t, loss, status in zip(
                run.runners, frame.thetas, frame.losses, frame.status, strict=True
            )
        ]
        return f"Step {frame.step}. " + "; ".join(parts) + "."

    def swap_csv(self, data: Dataset | None) -> Dataset | None:
        """Use `data` as the CSV problem's data; returns what it replaces."""
        previous, self.csv = self.csv, data
        return previous

    @staticmethod
    def read_csv(path: Path) -> Dataset:
        """A user's two-column CSV as a dataset (ValueError saying what is wrong)."""
        x, y, (x_name, y_name) = read_xy_csv(path)
        return Dataset(x, y, x_name, y_name, f"CSV: {path.name}")

    def axis_names(self) -> tuple[str, str]:
        """Names of the data plot's axes for the current regression problem."""
        problem = str(self.params.get("problem", ""))
        if problem == CSV_PROBLEM and self.csv is not None:
            x_name, y_name = self.csv.x_name, self.csv.y_name
        elif problem == "diabetes (BMI)":
            x_name, y_name = "BMI (kg/m²)", "progression"
        else:
            x_name, y_name = "x", "y"
        if self.params.get("scaling", "none") != "none":
            return f"{x_name} (scaled)", f"{y_name} (scaled)"
        return x_name, y_name

    def start_values(self, x: float, y: float) -> dict[str, float]:
        """The start parameters (u, v) that put the start at θ = (x, y), clamped to the window."""
        u, v = self.current().problem.relative((x, y))
        return {"start_u": min(1.0, max(-1.0, u)), "start_v": min(1.0, max(-1.0, v))}

    def nudged_start(self, dx: int, dy: int, big: bool = False) -> dict[str, float]:
        """The start moved by arrow keys: 2 % of the window per press (10 % with Shift)."""
        step = 0.2 if big else 0.04  # in (u, v) units: the window spans 2
        u = float(self.params.get("start_u", 0.0)) + dx * step
        v = float(self.params.get("start_v", 0.0)) + dy * step
        return {"start_u": min(1.0, max(-1.0, u)), "start_v": min(1.0, max(-1.0, v))}
