"""Imputation against scikit-learn's `SimpleImputer` and `KNNImputer`, and the missingness mechanisms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.impute import KNNImputer, MissingIndicator, SimpleImputer

from visualizers.missing_data.algorithm import (
    impute,
    iterative_impute,
    make_missing,
    missing_indicator,
    nan_euclidean,
)


def _holes(
    seed: int, n: int = 60, p: int = 4, rate: float = 0.2, rounded: bool = False
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * [1, 5, 0.3, 2][:p] + [0, 10, -1, 3][:p]
    if rounded:
        X = np.round(X)  # repeated values, so most_frequent has something to find
    X[rng.random((n, p)) < rate] = np.nan
    return X


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("strategy", ["mean", "median", "most_frequent"])
def test_simple_strategies_equal_sklearn(seed: int, strategy: str) -> None:
    X = _holes(seed, rounded=strategy == "most_frequent")
    np.testing.assert_allclose(
        impute(X, strategy), SimpleImputer(strategy=strategy).fit_transform(X)
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("rate", [0.1, 0.35])
def test_knn_equals_sklearn_knn_imputer(seed: int, rate: float) -> None:
    X = _holes(seed, n=80, rate=rate)
    np.testing.assert_allclose(impute(X, "knn"), KNNImputer().fit_transform(X), atol=1e-10)


def test_knn_falls_back_to_the_mean_with_nothing_in_common() -> None:
    # Row 0 shares no observed coordinate with rows 1 and 2, its only possible donors.
    X = np.array([[np.nan, 1.0], [2.0, np.nan], [4.0, np.nan], [6.0, 3.0], [8.0, 5.0]])
    np.testing.assert_allclose(impute(X, "knn"), KNNImputer().fit_transform(X))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), rate=st.floats(0.05, 0.5))
def test_knn_property_against_sklearn(seed: int, rate: float) -> None:
    X = _holes(seed, n=30, p=3, rate=rate)
    if np.isnan(X).all(axis=0).any():
        return
    np.testing.assert_allclose(impute(X, "knn"), KNNImputer().fit_transform(X), atol=1e-10)


def test_nan_euclidean_by_hand() -> None:
    a = np.array([[1.0, np.nan, 3.0]])
    b = np.array([[4.0, 5.0, np.nan], [np.nan, 0.0, np.nan]])
    d = nan_euclidean(a, b)
    assert d[0, 0] == pytest.approx(np.sqrt(3 / 1 * 9.0))
    assert np.isnan(d[0, 1])


def test_input_is_not_modified_and_bad_input_is_a_message() -> None:
    X = _holes(1)
    before = X.copy()
    impute(X, "knn")
    np.testing.assert_array_equal(np.isnan(X), np.isnan(before))
    with pytest.raises(ValueError, match="no observed value"):
        impute(np.array([[np.nan, 1.0], [np.nan, 2.0]]), "mean")
    with pytest.raises(ValueError, match="strategy"):
        impute(X, "mode")


def test_iterative_recovers_an_exact_linear_relation() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(size=100)
    b = rng.normal(size=100)
    X = np.column_stack([2 * a - b + 3, a, b])
    holes = X.copy()
    holes[rng.random(100) < 0.3, 0] = np.nan
    np.testing.assert_allclose(iterative_impute(holes), X, atol=1e-8)


def test_missing_indicator_equals_sklearn() -> None:
    X = _holes(3)
    np.testing.assert_array_equal(missing_indicator(X), MissingIndicator().fit_transform(X))


@pytest.mark.parametrize("mechanism", ["MCAR", "MAR", "MNAR"])
def test_mechanisms_hit_the_rate_and_depend_on_the_right_column(mechanism: str) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20_000, 2))
    mask = make_missing(X, 0, mechanism, 0.3, seed=1, driver=1)
    assert mask.mean() == pytest.approx(0.3, abs=0.02)
    own = X[mask, 0].mean() - X[~mask, 0].mean()
    other = X[mask, 1].mean() - X[~mask, 1].mean()
    if mechanism == "MCAR":
        assert abs(own) < 0.05 and abs(other) < 0.05
    elif mechanism == "MAR":
        assert other > 0.5 and abs(own) < 0.05
    else:
        assert own > 0.5 and abs(other) < 0.05
