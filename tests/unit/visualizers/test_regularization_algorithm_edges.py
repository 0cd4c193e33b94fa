"""Ridge and lasso at their edges: objectives by hand, path intercepts, sweep limits, odd columns.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/regularization/algorithm.py`).
Several survivors were equivalent (a centred column times a constant is zero, so y + ȳ and
y − ȳ give the same slopes); these tests pin the ones that were not. No Qt.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from visualizers.regularization.algorithm import (
    PENALTIES,
    coordinate_descent,
    lasso,
    mse,
    objective,
    regularization_path,
    ridge,
)

LASSO, RIDGE = PENALTIES


def _problem(seed: int = 0, n: int = 40, p: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * [1.0, 2.0, 0.5, 3.0][:p] + 3.0
    y = X @ np.array([1.5, 0.0, -2.0, 0.5][:p]) + 10.0 + rng.normal(0, 0.5, n)
    return X, y


def test_objectives_by_hand() -> None:
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([1.0, 2.0, 4.0])
    coef, intercept = np.array([1.0, -2.0]), 0.5
    residual = y - X @ coef - intercept  # [-0.5, 3.5, 4.5]
    assert mse(X, y, coef, intercept) == pytest.approx((0.25 + 12.25 + 20.25) / 3)
    # Lasso: 1/(2n)‖r‖² + α‖w‖₁ = 32.75 / 6 + 0.3 × 3.
    assert objective(X, y, coef, intercept, 0.3, LASSO) == pytest.approx(32.75 / 6 + 0.9)
    # Ridge: ‖r‖² + α‖w‖² = 32.75 + 0.3 × 5.
    assert objective(X, y, coef, intercept, 0.3, RIDGE) == pytest.approx(32.75 + 1.5)
    assert float(residual @ residual) == pytest.approx(32.75)


def test_each_fit_minimises_its_own_objective() -> None:
    X, y = _problem(1)
    for penalty, fit in ((LASSO, lasso), (RIDGE, ridge)):
        coef, intercept = fit(X, y, 0.2)
        best = objective(X, y, coef, intercept, 0.2, penalty)
        for nudge in np.eye(X.shape[1]) * 1e-3:
            assert objective(X, y, coef + nudge, intercept, 0.2, penalty) > best
            assert objective(X, y, coef - nudge, intercept, 0.2, penalty) > best
        assert objective(X, y, coef, intercept + 1e-3, 0.2, penalty) > best


@pytest.mark.parametrize("penalty", PENALTIES)
def test_path_intercepts_are_each_fits_intercept(penalty: str) -> None:
    X, y = _problem(2)
    alphas = np.array([2.0, 0.5, 0.05])
    coefs, intercepts = regularization_path(X, y, alphas, penalty, tol=1e-13, max_sweeps=100_000)
    for alpha, coef, intercept in zip(alphas, coefs, intercepts, strict=True):
        expected_coef, expected_intercept = (lasso if penalty == LASSO else ridge)(X, y, alpha)
        np.testing.assert_allclose(coef, expected_coef, atol=1e-8)
        assert intercept == pytest.approx(expected_intercept, abs=1e-7)


def test_max_sweeps_counts_sweeps_exactly() -> None:
    X, y = _problem(3)
    sweeps = coordinate_descent(X, y, 0.05, LASSO)
    after = [next(sweeps).coef for _ in range(3)]
    for limit in (1, 2, 3):
        coef, _ = lasso(X, y, 0.05, tol=0.0, max_sweeps=limit)
        np.testing.assert_array_equal(coef, after[limit - 1])
        path, _ = regularization_path(X, y, np.array([0.05]), LASSO, tol=0.0, max_sweeps=limit)
        np.testing.assert_array_equal(path[0], after[limit - 1])


def test_a_warm_start_at_the_answer_does_not_move() -> None:
    X, y = _problem(4)
    answer, _ = lasso(X, y, 0.1, tol=1e-14)
    sweep = next(coordinate_descent(X, y, 0.1, LASSO, start=answer))
    assert sweep.change < 1e-10
    np.testing.assert_allclose(sweep.coef, answer, atol=1e-10)
    cold = next(coordinate_descent(X, y, 0.1, LASSO))
    assert cold.change > 0.1


def test_a_constant_column_keeps_a_zero_slope_and_a_small_scale_one_is_fitted() -> None:
    rng = np.random.default_rng(5)
    tiny = rng.normal(size=30) * 0.05  # its squared norm is far below 1
    X = np.column_stack([np.full(30, 7.0), tiny, rng.normal(size=30)])
    y = 40.0 * tiny + X[:, 2] + rng.normal(0, 0.01, 30)
    coef, _ = lasso(X, y, 1e-4, tol=1e-14)
    assert coef[0] == 0.0
    oracle = Lasso(alpha=1e-4, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    np.testing.assert_allclose(coef, oracle, atol=1e-6)
    assert coef[1] > 30.0


def test_messages_name_the_problem() -> None:
    with pytest.raises(
        ValueError, match=re.escape("X must be (n, p) and y (n,); got (3,) and (3,)")
    ):
        lasso(np.ones(3), np.ones(3), 0.1)
    with pytest.raises(ValueError, match=re.escape("got (3, 1) and (2,)")):
        ridge(np.ones((3, 1)), np.ones(2), 0.1)
    with pytest.raises(ValueError, match=re.escape("got (3, 1) and (3, 1)")):
        ridge(np.ones((3, 1)), np.ones((3, 1)), 0.1)
    with pytest.raises(ValueError, match=r"^at least two samples are needed$"):
        lasso(np.ones((1, 2)), np.ones(1), 0.1)
    with pytest.raises(ValueError, match=r"^X and y must not contain NaN or infinity$"):
        ridge(np.ones((3, 1)), np.array([1.0, np.inf, 2.0]), 0.1)
    with pytest.raises(ValueError, match=r"^the penalty α must be zero or positive$"):
        lasso(np.ones((3, 1)), np.ones(3), -0.5)
