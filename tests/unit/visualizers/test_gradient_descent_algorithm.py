"""Gradient descent (question 25) and its stepper, checked against NumPy's least squares."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from visualizers.core.contours import contour_segments
from visualizers.core.frames import History
from visualizers.gradient_descent.algorithm import (
    OPTIMIZERS,
    DivergenceError,
    ElongatedBowl,
    GradientDescentStepper,
    LinearRegressionProblem,
    OptimizerName,
    Problem,
    Rosenbrock,
    Runner,
    Saddle,
    gradient_descent,
    make_runners,
)
from visualizers.gradient_descent.data import load_diabetes_bmi, parse_xy_csv, read_xy_csv, scale
from visualizers.gradient_descent.narration import explain_step
from visualizers.gradient_descent.spec import SPEC
from visualizers.gradient_descent.state import stepper_for


def _lstsq(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    design = np.hstack([X, np.ones((X.shape[0], 1))])
    return np.linalg.lstsq(design, y, rcond=None)[0]


def _run(stepper: GradientDescentStepper, limit: int = 10_000) -> list:
    history = History(stepper, limit=limit)
    history.extend_to(limit)
    return list(history.frames())


# -- the interview answer ------------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_descent_matches_lstsq_on_well_conditioned_data(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(200, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 3.0 + rng.normal(scale=0.3, size=200)
    fit = gradient_descent(X, y, lr=0.1, epochs=10_000)
    expected = _lstsq(X, y)
    assert fit.converged
    np.testing.assert_allclose(fit.weights, expected[:3], atol=1e-8)
    assert fit.bias == pytest.approx(expected[3], abs=1e-8)
    # The loss it reports is the mean squared error at the fitted parameters.
    residual = X @ fit.weights + fit.bias - y
    assert fit.losses[-1] == pytest.approx(float(residual @ residual) / 200, rel=1e-9)
    assert np.all(np.diff(fit.losses) <= 1e-12)  # a stable step size never increases the loss


def test_gradient_descent_accepts_one_feature_as_1d() -> None:
    x = np.linspace(-1, 1, 30)
    fit = gradient_descent(x, 2 * x - 1, lr=0.3, epochs=5000)
    assert fit.weights.shape == (1,)
    assert fit.weights[0] == pytest.approx(2.0, abs=1e-8)
    assert fit.bias == pytest.approx(-1.0, abs=1e-8)


def test_gradient_descent_reports_divergence_with_the_stable_rate() -> None:
    x = np.linspace(0, 4, 20)
    with pytest.raises(DivergenceError, match=r"too large for this curvature.*lr < 2/λ_max"):
        gradient_descent(x, 3 * x, lr=1.0, epochs=500)


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "message"),
    [
        ([[1.0], [2.0]], [1.0], {}, "rows"),
        ([], [], {}, "no data"),
        ([1.0, math.nan], [1.0, 2.0], {}, "NaN"),
        ([1.0, 2.0], [1.0, 2.0], {"lr": 0.0}, "learning rate"),
        ([1.0, 2.0], [1.0, 2.0], {"lr": math.inf}, "learning rate"),
        ([1.0, 2.0], [1.0, 2.0], {"epochs": 0}, "epochs"),
        ([1e200, 2.0], [1.0, 2.0], {}, "rescale"),
        ([["a"], ["b"]], [1.0, 2.0], {}, "numeric"),
    ],
)
def test_gradient_descent_rejects_bad_input_clearly(
    X: object, y: object, kwargs: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        gradient_descent(X, y, **kwargs)  # type: ignore[arg-type]


finite = st.floats(min_value=-1e120, max_value=1e120, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(
    data=arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 3)), elements=finite),
    lr=st.floats(min_value=1e-6, max_value=1e3),
    epochs=st.integers(1, 200),
)
def test_gradient_descent_never_returns_nan_silently(
    data: np.ndarray, lr: float, epochs: int
) -> None:
    X, y = data[:, :-1] if data.shape[1] > 1 else data, data[:, -1]
    try:
        fit = gradient_descent(X, y, lr=lr, epochs=epochs)
    except DivergenceError as exc:
        assert "too large for this curvature" in str(exc)
        return
    except ValueError as exc:
        assert str(exc)  # a clear message, never an empty one
        return
    assert np.all(np.isfinite(fit.weights))
    assert math.isfinite(fit.bias)
    assert np.all(np.isfinite(fit.losses))


# -- the stepper ---------------------------------------------------------------------
@pytest.fixture
def line() -> LinearRegressionProblem:
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 4, 50)
    return LinearRegressionProblem(x, 2 * x + 1 + rng.normal(size=50))


def test_problem_minimum_is_least_squares(line: LinearRegressionProblem) -> None:
    w, b = _lstsq(line.x[:, None], line.y)
    assert line.minimum == pytest.approx((w, b), abs=1e-10)
    assert line.loss(np.array([w, b])) == pytest.approx(line.loss_floor, rel=1e-9)


def test_grid_loss_is_the_loss_the_stepper_minimises(line: LinearRegressionProblem) -> None:
    xs = np.linspace(-3, 5, 7)
    ys = np.linspace(-2, 4, 5)
    grid = line.loss_grid(xs, ys)
    for i, b in enumerate(ys):
        for j, w in enumerate(xs):
            assert grid[i, j] == pytest.approx(line.loss(np.array([w, b])), rel=1e-9)


@pytest.mark.parametrize("problem", [ElongatedBowl(), Saddle(), Rosenbrock()])
def test_surface_gradients_match_finite_differences(problem: Problem) -> None:
    rng = np.random.default_rng(0)
    for _ in range(5):
        theta = rng.uniform(-1.5, 1.5, 2)
        g = problem.gradient(theta)
        h = 1e-6
        numeric = [
            (problem.loss(theta + h * e) - problem.loss(theta - h * e)) / (2 * h) for e in np.eye(2)
        ]
        np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-6)


def test_batch_stepper_reproduces_gradient_descent(line: LinearRegressionProblem) -> None:
    """The animation and question 25's function take the very same steps from (0, 0)."""
    stepper = GradientDescentStepper(
        line, (Runner("plain", "plain", 0.05),), start=(0.0, 0.0), max_steps=40, tol=0.0
    )
    frames = _run(stepper)
    fit = gradient_descent(line.x, line.y, lr=0.05, epochs=40, tol=0.0)
    np.testing.assert_allclose([f.losses[0] for f in frames], fit.losses, rtol=1e-12)
    assert frames[-1].thetas[0] == pytest.approx([fit.weights[0], fit.bias], rel=1e-12)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_each_optimizer_reaches_the_least_squares_fit(
    line: LinearRegressionProblem, optimizer: OptimizerName
) -> None:
    lr = {"plain": 0.1, "momentum": 0.02, "adam": 0.05}[optimizer]
    stepper = GradientDescentStepper(
        line,
        make_runners(optimizer, lr, "off"),
        start=(0.0, 0.0),
        max_steps=5000,
    )
    last = _run(stepper)[-1]
    assert last.thetas[0] == pytest.approx(line.minimum, abs=1e-2)


def test_same_seed_same_run_and_batches_cover_each_epoch(line: LinearRegressionProblem) -> None:
    def make(seed: int) -> GradientDescentStepper:
        return GradientDescentStepper(
            line,
            make_runners("momentum", 0.01, "off"),
            (0.0, 0.0),
            "mini-batch",
            8,
            max_steps=30,
            seed=seed,
        )

    a, b, c = _run(make(7)), _run(make(7)), _run(make(8))
    assert all(np.array_equal(f.thetas, g.thetas) for f, g in zip(a, b, strict=True))
    assert not np.array_equal(a[-1].thetas, c[-1].thetas)
    stepper = make(7)
    batches = [stepper.batch_for_step(s) for s in range(1, 8)]
    epoch = np.concatenate([b for b in batches if b is not None])
    assert sorted(epoch.tolist()) == list(range(50))  # 7 batches of ≤ 8 = one pass, no repeats


def test_frames_are_read_only(line: LinearRegressionProblem) -> None:
    frames = _run(
        GradientDescentStepper(line, make_runners("adam", 0.1, "off"), (0, 0), max_steps=3)
    )
    with pytest.raises(ValueError):
        frames[1].thetas[0, 0] = 1.0


def test_divergence_stops_the_run_with_a_reason_and_no_nan() -> None:
    bowl = ElongatedBowl()
    stepper = GradientDescentStepper(bowl, make_runners("plain", 0.2, "off"), (-3.0, 2.0))
    frames = _run(stepper)
    last = frames[-1]
    assert last.finished and last.status == ("diverged",)
    assert last.error is not None and "too large for this curvature" in last.error
    assert "η < 2/λ_max ≈ 0.133" in last.error
    assert all(np.all(np.isfinite(f.thetas)) and np.all(np.isfinite(f.losses)) for f in frames)
    assert "&lt;" in explain_step(stepper, last)  # the note is escaped, not eaten as an HTML tag


def test_race_keeps_going_when_one_runner_diverges() -> None:
    stepper = GradientDescentStepper(
        ElongatedBowl(), make_runners("plain", 0.1, "learning rates"), (-3.0, 2.0), max_steps=400
    )
    frames = _run(stepper)
    last = frames[-1]
    assert last.status[2] == "diverged"  # 3η = 0.3 > 2/15
    assert last.status[1] == "converged"
    assert last.error is not None and "η = 0.3" in last.error


def test_explanation_shows_the_update_with_live_numbers(line: LinearRegressionProblem) -> None:
    stepper = GradientDescentStepper(line, make_runners("plain", 0.1, "off"), (0.5, 0.25))
    frame = stepper.advance(stepper.first())
    g = line.gradient(np.array([0.5, 0.25]))
    new_w = 0.5 - 0.1 * g[0]
    assert f"w ← w − η·∂L/∂w = 0.5 − 0.1 × {_signed(g[0])} = <b>{new_w:.4g}</b>" in (
        explain_step(stepper, frame)
    )


def _signed(value: float) -> str:
    text = f"{value:.4g}"
    return f"(−{text[1:]})" if text.startswith("-") else text


def test_saddle_start_on_the_ridge_stalls_then_escapes_off_it() -> None:
    saddle = Saddle()
    on_ridge = _run(GradientDescentStepper(saddle, make_runners("plain", 0.1, "off"), (1.5, 0.0)))
    assert on_ridge[-1].thetas[0] == pytest.approx((0.0, 0.0), abs=1e-6)  # stuck at the saddle
    off_ridge = _run(GradientDescentStepper(saddle, make_runners("plain", 0.1, "off"), (1.5, 1e-3)))
    assert off_ridge[-1].thetas[0] == pytest.approx((0.0, 1.0), abs=1e-3)


# -- data and parameters --------------------------------------------------------------
def test_bundled_diabetes_data_matches_scikit_learn() -> None:
    sklearn_datasets = pytest.importorskip("sklearn.datasets")
    x, y = load_diabetes_bmi()
    raw = sklearn_datasets.load_diabetes(scaled=False)
    np.testing.assert_allclose(x, raw.data[:, 2])
    np.testing.assert_allclose(y, raw.target)


def test_csv_parsing_reports_the_bad_row(tmp_path: Path) -> None:
    x, _, names = parse_xy_csv("height,weight\n1.5,50\n1.7,65\n1.8,80\n")
    assert names == ("height", "weight") and x.tolist() == [1.5, 1.7, 1.8]
    assert parse_xy_csv("1;2\n3;4\n")[0].tolist() == [1.0, 3.0]
    for text, message in [
        ("", "empty"),
        ("x,y\n1,2\n", "at least two"),
        ("x,y\n1,2\n3,oops\n", "row 3 is not numeric"),
        ("x,y\n1,2,3\n4,5,6\n", "row 2 has 3 values"),
        ("x,y\n1,2\n1,3\n", "same"),
        ("x,y\n1,2\nnan,3\n", "row 3 contains NaN"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse_xy_csv(text)
    binary = tmp_path / "sheet.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(ValueError, match="not a UTF-8"):
        read_xy_csv(binary)
    with pytest.raises(ValueError, match="could not read"):
        read_xy_csv(tmp_path / "missing.csv")


def test_scaling() -> None:
    v = np.array([2.0, 4.0, 6.0])
    assert scale(v, "min-max").tolist() == [0.0, 0.5, 1.0]
    assert scale(v, "standardize").mean() == pytest.approx(0.0)
    with pytest.raises(ValueError):
        scale(v, "log")


@pytest.mark.parametrize("problem", SPEC.parameter("problem").choices)
def test_every_problem_builds_from_default_parameters(problem: str) -> None:
    params = SPEC.resolve({"problem": problem, "compare": "optimizers"})
    if problem == "CSV file":
        with pytest.raises(ValueError, match="Load CSV"):
            stepper_for(params, 0)
        return
    frames = _run(stepper_for(params, 0), limit=60)
    assert all(np.all(np.isfinite(f.thetas)) for f in frames)


def test_raw_diabetes_diverges_with_a_scaling_hint() -> None:
    params = SPEC.resolve({"problem": "diabetes (BMI)"})
    last = _run(stepper_for(params, 0), limit=50)[-1]
    assert last.error is not None and "feature scaling" in last.error
    scaled = _run(stepper_for({**params, "scaling": "standardize"}, 0), limit=400)[-1]
    assert scaled.error is None


def test_contour_segments_lie_on_their_level() -> None:
    xs = np.linspace(-2, 2, 81)
    ys = np.linspace(-2, 2, 81)
    z = xs[None, :] ** 2 + ys[:, None] ** 2
    segments = contour_segments(xs, ys, z, np.array([1.0]))
    radii = np.hypot(segments[:, 0], segments[:, 1])
    assert len(segments) > 100 and len(segments) % 2 == 0
    np.testing.assert_allclose(radii, 1.0, atol=2e-3)


def test_gradient_descent_pure_modules_import_no_qt() -> None:
    import subprocess
    import sys

    modules = "visualizers.gradient_descent.state, visualizers.gradient_descent.narration, "
    modules += "visualizers.core.contours"
    code = (
        f"import sys, {modules}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_spec_lists_every_surface() -> None:
    from visualizers.gradient_descent.algorithm import SURFACES
    from visualizers.gradient_descent.spec import SURFACE_NAMES

    assert set(SURFACE_NAMES) == set(SURFACES)


def test_the_stepper_walks_the_answers_loop(line: LinearRegressionProblem) -> None:
    """Every runner's frames are `descent_steps` on the problem's own loss and gradient."""
    from visualizers.gradient_descent.algorithm import descent_steps

    stepper = GradientDescentStepper(
        line, (Runner("m", "momentum", 0.02),), start=(1.0, -1.0), max_steps=25, beta=0.8
    )
    frames = _run(stepper)
    walk = list(
        descent_steps(
            line.loss, line.gradient, np.array([1.0, -1.0]), 0.02, 25, 1e-7, "momentum", 0.8
        )
    )
    assert [f.thetas[0].tolist() for f in frames] == [s.theta.tolist() for s in walk]
