"""The bias–variance decomposition against the empirical error, and the fits against scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from visualizers.bias_variance.algorithm import (
    decompose,
    fit_polynomials,
    knn_regress,
    legendre_features,
    training_targets,
    true_function,
)


def test_decompose_by_hand() -> None:
    bias2, variance, error = decompose(
        np.array([[1.0, 3.0], [3.0, 5.0]]), np.array([1.0, 1.0]), 0.5
    )
    # mean fit (2, 4): bias² = (1² + 3²) / 2; each point's spread across sets is 1.
    assert (bias2, variance, error) == (5.0, 1.0, 6.5)


@pytest.mark.parametrize("seed", range(4))
def test_expected_error_matches_the_empirical_mse_on_fresh_targets(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, 12)
    x_eval = np.linspace(0, 1, 40)
    sigma = 0.4
    Y = training_targets(x, 300, sigma, seed)
    for degree in (1, 4, 9):
        P = fit_polynomials(x, Y, degree, x_eval)
        f = true_function(x_eval)
        bias2, variance, expected = decompose(P, f, sigma**2)
        # The identity part is exact: bias² + variance is the mean squared distance to f.
        assert bias2 + variance == pytest.approx(float(np.mean((P - f) ** 2)), rel=1e-12)
        # The noise part is a statistical claim: compare with new noisy targets.
        fresh = f + rng.normal(0.0, sigma, (200, *P.shape))
        squared = (P[None] - fresh) ** 2
        empirical = float(squared.mean())
        standard_error = float(squared.std()) / np.sqrt(squared.size / P.shape[1])
        assert abs(empirical - expected) < 4 * standard_error


@pytest.mark.parametrize("degree", [0, 2, 5, 8, 12])
def test_polynomial_fit_equals_sklearn_and_numpy_polyfit(degree: int) -> None:
    rng = np.random.default_rng(degree)
    x = np.sort(rng.uniform(0, 1, 15))
    y = true_function(x) + rng.normal(0, 0.3, 15)
    x_eval = np.linspace(0, 1, 30)
    ours = fit_polynomials(x, y[:, None], degree, x_eval)[0]
    # NumPy's own scaled-domain fit is well conditioned at every degree here.
    oracle = np.polynomial.Polynomial.fit(x, y, degree)
    np.testing.assert_allclose(ours, oracle(x_eval), atol=1e-6)
    if degree <= 5:  # raw monomials (scikit-learn's) lose digits beyond that
        model = make_pipeline(PolynomialFeatures(degree), LinearRegression()).fit(x[:, None], y)
        np.testing.assert_allclose(ours, model.predict(x_eval[:, None]), atol=1e-6)


def test_past_the_threshold_the_fit_is_the_minimum_norm_interpolant() -> None:
    rng = np.random.default_rng(0)
    x = np.linspace(0, 1, 8)
    y = rng.normal(size=8)
    degree = 20
    V = legendre_features(x, degree)
    coef = np.linalg.lstsq(V, y, rcond=None)[0]
    np.testing.assert_allclose(fit_polynomials(x, y[:, None], degree, x)[0], y, atol=1e-8)
    # Any other interpolant differs by a null-space vector and has a larger norm.
    null = np.linalg.svd(V)[2][-1]
    assert np.allclose(V @ null, 0, atol=1e-10)
    assert np.linalg.norm(coef + 0.1 * null) > np.linalg.norm(coef)


@pytest.mark.parametrize("k", [1, 3, 10])
def test_knn_equals_sklearn(k: int) -> None:
    rng = np.random.default_rng(k)
    x = rng.uniform(0, 1, 25)
    y = rng.normal(size=25)
    x_eval = rng.uniform(0, 1, 50)
    oracle = KNeighborsRegressor(n_neighbors=k).fit(x[:, None], y).predict(x_eval[:, None])
    np.testing.assert_allclose(knn_regress(x, y[:, None], k, x_eval)[0], oracle)


def test_bad_shapes_are_messages() -> None:
    with pytest.raises(ValueError, match="sets, points"):
        decompose(np.zeros(3), np.zeros(3), 0.1)
    with pytest.raises(ValueError, match="negative"):
        decompose(np.zeros((2, 3)), np.zeros(3), -1.0)
    with pytest.raises(ValueError, match=r"^the noise variance can't be negative$"):
        decompose(np.zeros((2, 3)), np.zeros(3), -1e-12)


def test_noise_free_targets_are_allowed_and_add_nothing() -> None:
    predictions = np.array([[0.0, 2.0], [2.0, 2.0]])
    bias2, variance, error = decompose(predictions, np.array([0.0, 1.0]), 0.0)
    assert (bias2, variance) == (1.0, 0.5)  # mean fit [1, 2] vs [0, 1]; spreads 1 and 0
    assert error == bias2 + variance
