"""Every loss surface checked against itself three independent ways, and the divergence messages.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/gradient_descent/algorithm.py`):
the plotted grid must be the loss, the gradient the loss's slope (finite differences), the
curvature that limits the step the Hessian's largest eigenvalue (finite differences of the
gradient), and the stability bound in a message 2/λ_max of the same curvature. No Qt.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from visualizers.gradient_descent.algorithm import (
    DivergenceError,
    ElongatedBowl,
    LinearRegressionProblem,
    Problem,
    Rosenbrock,
    Saddle,
    gradient_descent,
)

RNG = np.random.default_rng(11)
LINE_X = RNG.uniform(-2.0, 5.0, 30)
LINE_Y = 1.7 * LINE_X - 3.0 + RNG.normal(0, 0.4, 30)


def problems() -> list[Problem]:
    return [ElongatedBowl(), Saddle(), Rosenbrock(), LinearRegressionProblem(LINE_X, LINE_Y)]


def points(problem: Problem) -> list[np.ndarray]:
    rng = np.random.default_rng(3)
    return [problem.start_from(*rng.uniform(-1.0, 1.0, 2)) for _ in range(6)]


def numeric_gradient(problem: Problem, theta: np.ndarray, h: float = 1e-6) -> np.ndarray:
    return np.array(
        [(problem.loss(theta + e) - problem.loss(theta - e)) / (2 * h) for e in np.eye(2) * h]
    )


def numeric_hessian(problem: Problem, theta: np.ndarray, h: float = 1e-5) -> np.ndarray:
    columns = [
        (problem.gradient(theta + e) - problem.gradient(theta - e)) / (2 * h) for e in np.eye(2) * h
    ]
    hessian = np.column_stack(columns)
    return (hessian + hessian.T) / 2


@pytest.mark.parametrize("problem", problems(), ids=lambda p: p.title)
def test_the_plotted_grid_is_the_loss(problem: Problem) -> None:
    x0, x1, y0, y1 = problem.window
    xs, ys = np.linspace(x0, x1, 7), np.linspace(y0, y1, 5)
    grid = problem.loss_grid(xs, ys)
    assert grid.shape == (5, 7)
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            assert grid[i, j] == pytest.approx(problem.loss(np.array([x, y])), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("problem", problems(), ids=lambda p: p.title)
def test_the_gradient_is_the_slope_of_the_loss(problem: Problem) -> None:
    for theta in points(problem):
        np.testing.assert_allclose(
            problem.gradient(theta), numeric_gradient(problem, theta), rtol=1e-5, atol=1e-5
        )


@pytest.mark.parametrize("problem", problems(), ids=lambda p: p.title)
def test_max_curvature_is_the_largest_hessian_eigenvalue_in_size(problem: Problem) -> None:
    for theta in [*points(problem), np.array([0.0, 0.0]), np.array([0.3, 1.4])]:
        eigenvalues = np.linalg.eigvalsh(numeric_hessian(problem, theta))
        expected = float(np.max(np.abs(eigenvalues)))
        assert problem.max_curvature(theta) == pytest.approx(expected, rel=1e-4, abs=1e-6)


def test_the_saddle_is_flat_across_at_the_origin() -> None:
    # Hessian diag(1, 3y² − 1): at y = 0 the downhill direction has curvature −1, so the
    # step is limited by the x direction's +1, not by 3y² − 1.
    assert Saddle().max_curvature(np.array([0.0, 0.0])) == 1.0
    assert Saddle().max_curvature(np.array([0.0, 2.0])) == 11.0


@pytest.mark.parametrize("problem", problems(), ids=lambda p: p.title)
def test_start_from_and_relative_are_inverse_window_maps(problem: Problem) -> None:
    x0, x1, y0, y1 = problem.window
    np.testing.assert_allclose(problem.start_from(-1.0, -1.0), [x0, y0])
    np.testing.assert_allclose(problem.start_from(1.0, 1.0), [x1, y1])
    for u, v in [(-0.5, 0.25), (0.9, -0.7), (0.0, 0.0)]:
        assert problem.relative(problem.start_from(u, v)) == pytest.approx((u, v))


def test_the_regression_surface_centres_its_window_on_the_least_squares_line() -> None:
    problem = LinearRegressionProblem(LINE_X, LINE_Y)
    w, b = np.polyfit(LINE_X, LINE_Y, 1)
    assert problem.minimum == pytest.approx((w, b))
    x0, x1, y0, y1 = problem.window
    assert ((x0 + x1) / 2, (y0 + y1) / 2) == pytest.approx((w, b))
    # Wide enough to show the origin, where runs start by default.
    assert x0 < 0.0 < x1 and y0 < 0.0 < y1
    assert problem.loss_floor == pytest.approx(problem.loss(np.array([w, b])))
    assert problem.loss_floor > 0.1  # noisy points: the best line still misses


def test_a_perfect_line_has_a_zero_floor_and_a_window_at_least_two_wide() -> None:
    x = np.array([0.0, 0.1, 0.2])
    problem = LinearRegressionProblem(x, 0.2 * x + 0.1)
    assert problem.loss_floor == pytest.approx(0.0, abs=1e-15)
    x0, x1, y0, y1 = problem.window
    assert x1 - x0 == pytest.approx(2.0) and y1 - y0 == pytest.approx(2.0)


def test_regression_data_problems_are_whole_sentences() -> None:
    with pytest.raises(ValueError, match=r"^at least two data points are needed to fit a line$"):
        LinearRegressionProblem([1.0], [2.0])
    with pytest.raises(
        ValueError, match=r"^every x value is the same, so the slope is undefined; vary x$"
    ):
        LinearRegressionProblem([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(
        ValueError, match=r"^the visualizer fits one feature: x must be a single column$"
    ):
        LinearRegressionProblem(np.ones((3, 2)), [1.0, 2.0, 3.0])
    assert LinearRegressionProblem([0.0, 1.0], [0.0, 1.0]).minimum == pytest.approx((1.0, 0.0))


def test_a_diverging_fit_quotes_the_stable_learning_rate_of_its_own_curvature() -> None:
    x = np.linspace(0.0, 10.0, 20)
    y = 2.0 * x + 1.0
    limit = 2.0 / LinearRegressionProblem(x, y).max_curvature(np.zeros(2))
    with pytest.raises(DivergenceError) as caught:
        gradient_descent(x, y, lr=limit * 1.5, epochs=500)
    message = str(caught.value)
    quoted = re.search(r"lr < 2/λ_max = ([0-9.e+-]+)\)$", message)
    assert quoted is not None, message
    assert float(quoted.group(1)) == pytest.approx(limit, rel=1e-3)
    assert message.startswith("diverged at epoch ")
    assert f"learning rate {limit * 1.5:g} too large" in message
