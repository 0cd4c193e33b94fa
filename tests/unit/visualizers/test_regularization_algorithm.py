"""Ridge and lasso against scikit-learn's `Ridge` and `Lasso` (same objective and parametrisation)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge, lasso_path

from visualizers.regularization.algorithm import (
    PENALTIES,
    coordinate_descent,
    lasso,
    lasso_alpha_max,
    regularization_path,
    ridge,
    soft_threshold,
)


def _problem(seed: int, n: int = 60, p: int = 6, rho: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    cov = rho ** np.abs(np.subtract.outer(np.arange(p), np.arange(p)))
    X = rng.multivariate_normal(np.zeros(p), cov, size=n) * rng.uniform(0.5, 3.0, p) + 2.0
    w = np.zeros(p)
    w[: p // 2] = rng.normal(0, 2, p // 2)
    y = X @ w + 4.0 + rng.normal(0, 1.0, n)
    return X, y


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("alpha", [0.0, 0.1, 3.0, 250.0])
def test_ridge_equals_sklearn(seed: int, alpha: float) -> None:
    X, y = _problem(seed)
    coef, intercept = ridge(X, y, alpha)
    oracle = Ridge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(coef, oracle.coef_, atol=1e-8)
    assert intercept == pytest.approx(oracle.intercept_, abs=1e-8)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("fraction", [0.01, 0.1, 0.4, 0.9])
def test_lasso_equals_sklearn_with_exact_zeros(seed: int, fraction: float) -> None:
    X, y = _problem(seed, rho=0.3 * (seed % 3))
    alpha = fraction * lasso_alpha_max(X, y)
    coef, intercept = lasso(X, y, alpha)
    oracle = Lasso(alpha=alpha, tol=1e-14, max_iter=1_000_000).fit(X, y)
    np.testing.assert_allclose(coef, oracle.coef_, atol=1e-6)
    assert intercept == pytest.approx(oracle.intercept_, abs=1e-6)
    # Zeros are exact: the soft-threshold returns 0.0, not a tiny number.
    np.testing.assert_array_equal(coef == 0.0, oracle.coef_ == 0.0)
    if fraction >= 0.4:
        assert (coef == 0.0).any()


def test_alpha_max_zeroes_every_slope_and_just_below_it_does_not() -> None:
    X, y = _problem(7)
    top = lasso_alpha_max(X, y)
    assert np.all(Lasso(alpha=top * 1.0001).fit(X, y).coef_ == 0.0)
    assert np.all(lasso(X, y, top * 1.0001)[0] == 0.0)
    assert np.any(lasso(X, y, top * 0.95)[0] != 0.0)


def test_path_matches_sklearn_lasso_path() -> None:
    X, y = _problem(3)
    alphas = lasso_alpha_max(X, y) * np.geomspace(1.0, 1e-3, 25)
    coefs, _ = regularization_path(X, y, alphas, PENALTIES[0], tol=1e-13, max_sweeps=100_000)
    Xc, yc = X - X.mean(0), y - y.mean()
    _, oracle, _ = lasso_path(Xc, yc, alphas=alphas, tol=1e-14, max_iter=1_000_000)
    np.testing.assert_allclose(coefs, oracle.T, atol=1e-6)


def test_ridge_coordinate_descent_converges_to_sklearn_ridge() -> None:
    X, y = _problem(4)
    sweeps = coordinate_descent(X, y, 5.0, PENALTIES[1])
    for sweep in sweeps:
        if sweep.change < 1e-13:
            break
    np.testing.assert_allclose(sweep.coef, Ridge(alpha=5.0).fit(X, y).coef_, atol=1e-8)


def test_a_sweep_records_each_coordinate_move() -> None:
    X, y = _problem(1, p=3)
    sweep = next(coordinate_descent(X, y, 0.1))
    # Row j differs from row j-1 only in coordinate j.
    assert np.count_nonzero(sweep.moves[0][1:]) == 0
    np.testing.assert_array_equal(sweep.moves[1][[0, 2]], [sweep.moves[0][0], 0.0])
    np.testing.assert_array_equal(sweep.moves[-1], sweep.coef)


def test_soft_threshold() -> None:
    assert soft_threshold(3.0, 1.0) == 2.0
    assert soft_threshold(-3.0, 1.0) == -2.0
    assert soft_threshold(0.5, 1.0) == 0.0


def test_bad_input_is_a_message() -> None:
    with pytest.raises(ValueError, match="NaN"):
        lasso(np.array([[np.nan], [1.0]]), np.array([1.0, 2.0]), 0.1)
    with pytest.raises(ValueError, match="α"):
        ridge(np.ones((3, 1)), np.ones(3), -1.0)
    with pytest.raises(ValueError, match="penalty"):
        next(coordinate_descent(np.ones((3, 1)), np.ones(3), 1.0, "elastic"))
