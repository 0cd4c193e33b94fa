"""The gradient-descent state, without Qt: which parameters matter, each problem's step
size, the window that frames every path, the surface and the loss-curve decimation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from visualizers.core.frames import History
from visualizers.core.learner import LearnerResult, walk
from visualizers.gradient_descent.algorithm import Rosenbrock
from visualizers.gradient_descent.narration import explain_step
from visualizers.gradient_descent.spec import SPEC
from visualizers.gradient_descent.state import (
    GradientDescentState,
    follow_problem,
    inactive_parameters,
    loss_peaks,
    plot_window,
    stepper_for,
    surface,
)


def _params(**values: object) -> dict[str, int | float | str | bool]:
    return SPEC.resolve(values)


def test_synthetic_sliders_only_matter_for_the_synthetic_line() -> None:
    synthetic = ("n_points", "slope", "noise", "outliers")
    assert not set(synthetic) & set(inactive_parameters(_params(problem="synthetic line")))
    for problem in ("diabetes (BMI)", "Rosenbrock", "saddle"):
        assert set(synthetic) <= set(inactive_parameters(_params(problem=problem)))


def test_surfaces_have_no_batches_or_scaling() -> None:
    off = inactive_parameters(_params(problem="elongated bowl", batch_mode="mini-batch"))
    assert {"scaling", "batch_mode", "batch_size"} <= set(off)
    on = inactive_parameters(_params(problem="synthetic line", batch_mode="mini-batch"))
    assert not {"scaling", "batch_mode", "batch_size"} & set(on)
    assert "batch_size" in inactive_parameters(_params(batch_mode="stochastic"))


def test_momentum_is_inactive_only_for_plain_and_optimizer_only_in_the_optimizer_race() -> None:
    assert "momentum" in inactive_parameters(_params(optimizer="plain"))
    assert "momentum" not in inactive_parameters(_params(optimizer="momentum"))
    assert "momentum" not in inactive_parameters(_params(optimizer="adam"))  # β is Adam's β₁
    race = inactive_parameters(_params(optimizer="plain", compare="optimizers"))
    assert "optimizer" in race and "momentum" not in race
    assert "optimizer" not in inactive_parameters(_params(compare="learning rates"))


def test_switching_to_rosenbrock_brings_a_stable_learning_rate() -> None:
    before = _params(problem="synthetic line", learning_rate=0.1)
    after = follow_problem(before, {**before, "problem": "Rosenbrock"})
    lr = float(after["learning_rate"])
    # Independent check: the largest Hessian eigenvalue of (1−x)² + 100(y−x²)² at the
    # start, by finite differences, must allow plain steps of this size.
    start = Rosenbrock().start_from(float(after["start_u"]), float(after["start_v"]))
    assert start == pytest.approx([-1.2, 1.0])  # the classic start

    def f(p: np.ndarray) -> float:
        return float((1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2)

    h = 1e-4
    hess = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            e_i, e_j = np.eye(2)[i] * h, np.eye(2)[j] * h
            hess[i, j] = (
                f(start + e_i + e_j)
                - f(start + e_i - e_j)
                - f(start - e_i + e_j)
                + f(start - e_i - e_j)
            ) / (4 * h * h)
    assert lr < 2.0 / float(np.max(np.abs(np.linalg.eigvalsh(hess))))
    # ... and the plain and momentum runs with it no longer diverge at step 2.
    for optimizer in ("plain", "momentum"):
        state = GradientDescentState()
        history = History(state.stepper(_params(**{**after, "optimizer": optimizer}), 0))
        history.extend_to(3000)
        assert history.last.status != ("diverged",)


def test_a_learning_rate_set_in_the_same_edit_wins() -> None:
    before = _params(problem="synthetic line")
    after = follow_problem(before, {**before, "problem": "Rosenbrock", "learning_rate": 0.0042})
    assert after["learning_rate"] == 0.0042
    same = follow_problem(before, {**before, "learning_rate": 0.5})
    assert same["learning_rate"] == 0.5 and same["max_steps"] == before["max_steps"]


def test_plot_window_holds_every_point_of_the_path() -> None:
    window = (-1.0, 1.0, -2.0, 2.0)
    assert plot_window(window, np.array([[0.5, 0.5], [-0.9, 1.9]])) == window
    path = np.array([[0.0, 0.0], [3.0, -5.0], [-4.0, 1.0]])
    x0, x1, y0, y1 = plot_window(window, path)
    assert x0 < -4.0 and x1 > 3.0 and y0 < -5.0 and y1 >= 2.0
    far = plot_window(window, np.array([[1e9, 0.0]]))
    assert far[1] < 100.0  # a path heading to infinity doesn't zoom the surface away


def test_surface_shade_is_lowest_at_the_known_minimum() -> None:
    shade, segments = surface(Rosenbrock(), (-2.0, 2.0, -1.0, 3.0), 81, 10)
    row, col = np.unravel_index(np.argmin(shade), shade.shape)
    xs, ys = np.linspace(-2.0, 2.0, 81), np.linspace(-1.0, 3.0, 81)
    assert xs[col] == pytest.approx(1.0, abs=0.06) and ys[row] == pytest.approx(1.0, abs=0.06)
    assert segments.shape[1] == 2 and len(segments) > 0
    assert segments[:, 0].min() >= -2.0 - 1e-9 and segments[:, 1].max() <= 3.0 + 1e-9


def test_loss_peaks_keep_each_buckets_extremes() -> None:
    rng = np.random.default_rng(4)
    values = rng.normal(size=403)
    points = np.column_stack([np.arange(403.0), values])
    out = loss_peaks(points, 10)
    for start in range(0, 400, 10):
        bucket = values[start : start + 10]
        kept = out[out[:, 0] == start, 1]
        assert sorted(kept) == sorted([bucket.min(), bucket.max()])
    assert np.array_equal(out[-3:], points[-3:])  # the unfinished bucket as it is
    assert loss_peaks(points[:20], 10) is not None and len(loss_peaks(points[:20], 10)) == 20


def test_start_handle_round_trips_and_clamps() -> None:
    state = GradientDescentState()
    state.stepper(_params(problem="saddle"), 0)  # window (-2, 2) × (-2, 2)
    assert state.start_values(1.0, -1.0) == pytest.approx({"start_u": 0.5, "start_v": -0.5})
    assert state.start_values(10.0, 0.0)["start_u"] == 1.0
    state.stepper(_params(problem="saddle", start_u=0.98, start_v=0.0), 0)
    assert state.nudged_start(1, 0) == pytest.approx({"start_u": 1.0, "start_v": 0.0})
    assert state.nudged_start(0, -1, big=True) == pytest.approx({"start_u": 0.98, "start_v": -0.2})


def test_csv_swap_and_axis_names(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("height,weight\n1,2\n2,4.5\n3,5.5\n", encoding="utf-8")
    state = GradientDescentState()
    data = state.read_csv(path)
    assert state.swap_csv(data) is None and state.csv is data
    state.stepper(_params(problem="CSV file"), 0)
    assert state.axis_names() == ("height", "weight")
    state.stepper(_params(problem="CSV file", scaling="standardize"), 0)
    assert state.axis_names() == ("height (scaled)", "weight (scaled)")
    assert state.swap_csv(None) is data
    with pytest.raises(ValueError, match="CSV"):
        state.stepper(_params(problem="CSV file"), 0)


def test_explain_writes_the_step_with_its_numbers() -> None:
    state = GradientDescentState()
    stepper = state.stepper(_params(problem="elongated bowl", learning_rate=0.1), 0)
    first = stepper.first()
    frame = stepper.advance(first)
    x = float(first.thetas[0][0])
    new_x = x - 0.1 * x  # ∂L/∂x = x for ½(x² + κy²)
    assert f"<b>{new_x:.4g}".replace("-", "−") in state.explain(frame)
    assert "Start" in state.explain(first)


def test_summary_names_each_runners_position_and_loss() -> None:
    state = GradientDescentState()
    stepper = state.stepper(_params(problem="saddle", compare="optimizers"), 0)
    frame = stepper.advance(stepper.first())
    text = state.summary(frame)
    assert text.startswith("Step 1.")
    for i, label in enumerate(("Plain GD", "Momentum", "Adam")):
        x, y = frame.thetas[i]
        assert f"{label}: x = {x:.4g}, y = {y:.4g}, loss {frame.losses[i]:.4g}" in text


def test_loss_axis_floors_zero_and_spans_start_to_floor() -> None:
    from visualizers.gradient_descent.state import loss_axis

    floor, span = loss_axis(100.0, 0.0)
    assert floor == pytest.approx(1e-12) and span == pytest.approx((-4.0, 2.0))
    floor, span = loss_axis(100.0, 0.5)
    assert floor == pytest.approx(1e-12) and span == pytest.approx((np.log10(0.5), 2.0))
    floor, span = loss_axis(1e-290, 0.0)
    assert floor == 1e-300 and span[0] == pytest.approx(-296.0)


def test_data_ranges_pad_the_points() -> None:
    from visualizers.gradient_descent.state import data_ranges

    x_range, y_range = data_ranges(np.array([0.0, 10.0]), np.array([-5.0, 5.0]))
    assert x_range == pytest.approx((-0.5, 10.5))
    assert y_range == pytest.approx((-5.8, 5.8))


# -- adopt_run: a run built by the CSV load's worker (`stepper_for`) made the current one ---


def _plain_descent(x: Any, y: Any, lr: float, epochs: int) -> tuple[Any, float]:
    """A correct full-batch descent on squared error, written here as a learner would."""
    xs, ys = np.asarray(x, float), np.asarray(y, float)
    w, b = np.zeros(xs.shape[1]), 0.0
    for _ in range(epochs):
        r = xs @ w + b - ys
        w, b = w - lr * 2.0 * xs.T @ r / len(ys), b - lr * 2.0 * float(r.sum()) / len(ys)
    return w, b


def test_adopt_run_makes_a_run_built_elsewhere_current(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("height,weight\n1,2\n2,4.5\n3,5.5\n4,8\n", encoding="utf-8")
    state = GradientDescentState()
    state.stepper(_params(problem="saddle"), 0)
    data = state.read_csv(path)
    state.swap_csv(data)
    params = _params(problem="CSV file", learning_rate=0.05)
    built = stepper_for(params, 0, data)  # what the view's loading worker builds
    state.adopt_run(built, params)
    assert state.current() is built
    assert state.params == params and state.params is not params
    params["learning_rate"] = 0.5  # the caller's dict changing later changes nothing here
    assert state.params["learning_rate"] == 0.05
    assert state.axis_names() == ("height", "weight")  # read from the adopted parameters
    first = built.first()
    assert state.explain(first) == explain_step(built, first)


def test_adopt_run_drops_the_previous_runs_learner_comparison() -> None:
    state = GradientDescentState()
    params = _params(problem="synthetic line")
    state.stepper(params, 0)
    params = _params(**{**params, **state.learner_values()})
    frames = walk(state.stepper(params, 0), 40)
    plan = state.learner_plan(frames)
    results: list[LearnerResult | None] = [
        LearnerResult(_plain_descent(*call.args)) for call in plan.calls
    ]
    state.load_learner(plan, results, frames)
    assert state.learner is not None
    # While it is loaded, its comparison leads the narration.
    assert state.explain(frames[1]) != explain_step(state.current(), frames[1])
    other = _params(**{**params, "learning_rate": 0.01})
    built = stepper_for(other, 0)
    state.adopt_run(built, other)
    assert state.learner is None  # it compared the old run's steps, not this one's
    first = built.first()
    assert state.explain(first) == explain_step(built, first)


def test_adopt_run_keeps_the_runs_seed_for_the_learners_parameters() -> None:
    params = _params(problem="synthetic line", n_points=30, outliers=2)
    expected = []
    for seed in (0, 5):
        ordinary = GradientDescentState()
        ordinary.stepper(params, seed)
        expected.append(ordinary.learner_values())
    assert expected[0] != expected[1]  # the seed moves the data, so the start's (0, 0)
    state = GradientDescentState()
    state.stepper(params, 0)
    state.adopt_run(stepper_for(params, 5), params)
    assert state.learner_values() == expected[1]
