"""The silhouette and the elbow curve at their edges, against scikit-learn.

Cluster sizes of one and two (where a = own distance / (size − 1) and the singleton rule
meet), labels given as a column, duplicate points (0/0 silhouettes), the limits on the
number of clusters, and the elbow's subsample (drawn without replacement with the run's
seed), its last-step inertia and its skipped silhouettes.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import silhouette_samples
from sklearn.metrics import silhouette_score as sklearn_silhouette

from visualizers.kmeans.algorithm import elbow_curve, kmeans, silhouette_score


def _points(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, 2))


def test_clusters_of_one_and_two_points_score_as_scikit_learn_says() -> None:
    X = _points(12, 1)
    labels = np.array([0, 0, 1, 2, 2, 2, 3, 3, 3, 3, 1, 4])  # sizes 2, 2, 3, 4, 1
    expected = sklearn_silhouette(X, labels)
    assert silhouette_score(X, labels) == pytest.approx(expected, abs=1e-12)
    # the two-point clusters' own scores are not zero (only singletons are)
    assert np.count_nonzero(silhouette_samples(X, labels)[[0, 1, 2, 10]]) == 4


def test_labels_as_a_column_or_strings_are_the_same_clustering() -> None:
    X = _points(30, 2)
    labels = np.random.default_rng(2).integers(3, size=30)
    expected = sklearn_silhouette(X, labels)
    assert silhouette_score(X, labels.reshape(-1, 1)) == pytest.approx(expected, abs=1e-12)
    names = np.array(["a", "b", "c"])[labels]
    assert silhouette_score(X, names) == pytest.approx(expected, abs=1e-12)


def test_duplicate_points_give_zero_not_a_warning() -> None:
    """Two clusters of the same point: a = b = 0, so each silhouette is 0/0 (scored 0)."""
    X = np.zeros((4, 2))
    assert silhouette_score(X, [0, 0, 1, 1]) == 0.0
    X = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [5.0, 5.0], [5.0, 6.0]])
    assert silhouette_score(X, [0, 0, 1, 2, 2]) == pytest.approx(
        sklearn_silhouette(X, [0, 0, 1, 2, 2]), abs=1e-12
    )


def test_the_number_of_clusters_must_be_two_to_n_minus_one() -> None:
    X = _points(6, 3)
    assert silhouette_score(X, [0, 1, 2, 3, 4, 4]) == pytest.approx(
        sklearn_silhouette(X, [0, 1, 2, 3, 4, 4]), abs=1e-12
    )
    for labels in ([0, 1, 2, 3, 4, 5], [7] * 6):
        with pytest.raises(ValueError, match="2 to n − 1 clusters"):
            silhouette_score(X, labels)
    with pytest.raises(ValueError, match="2 to n − 1 clusters"):
        silhouette_score(np.empty((0, 2)), np.empty(0, dtype=int))


def test_integer_points_are_measured_as_floats() -> None:
    X = np.array([[0, 0], [0, 1], [10, 10], [10, 12], [20, 0], [21, 0]])
    labels = [0, 0, 1, 1, 2, 2]
    assert silhouette_score(X, labels) == pytest.approx(
        sklearn_silhouette(X.astype(float), labels), abs=1e-12
    )


def _blob_data(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]])
    return centres[rng.integers(3, size=n)] + rng.normal(scale=0.8, size=(n, 2))


@pytest.mark.parametrize("n, sampled", [(60, False), (61, True)])
def test_the_elbow_subsamples_only_above_the_limit_without_replacement(
    n: int, sampled: bool
) -> None:
    X = _blob_data(n, 4)
    result = elbow_curve(X, ks=(3,), seed=5, max_silhouette_points=60)
    assert result is not None
    full = kmeans(X, 3, seed=5)
    assert result.inertias == pytest.approx((full.inertia,), rel=1e-12)
    if sampled:
        rows = np.random.default_rng(5).choice(n, size=60, replace=False)
        expected = sklearn_silhouette(X[rows], full.labels[rows])
        assert result.silhouette_sample == 60
    else:
        expected = sklearn_silhouette(X, full.labels)
        assert result.silhouette_sample == n
    assert result.silhouettes[0] == pytest.approx(expected, abs=1e-12)


def test_the_elbow_defaults_are_seed_zero_and_two_thousand_points() -> None:
    X = _blob_data(2001, 6)
    result = elbow_curve(X, ks=(2,))
    assert result is not None and result.silhouette_sample == 2000
    full = kmeans(X, 2, seed=0)
    assert result.inertias == pytest.approx((full.inertia,), rel=1e-12)
    rows = np.random.default_rng(0).choice(2001, size=2000, replace=False)
    assert result.silhouettes[0] == pytest.approx(
        sklearn_silhouette(X[rows], full.labels[rows]), abs=1e-12
    )
    small = elbow_curve(X[:2000], ks=(2,))
    assert small is not None and small.silhouette_sample == 2000


def test_the_elbow_skips_the_silhouette_where_it_is_undefined() -> None:
    X = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0], [6.0, 5.0], [9.0, 0.0]])
    result = elbow_curve(X, ks=(1, 2, 3, 4, 5))
    assert result is not None and result.ks == (1, 2, 3, 4, 5)
    assert np.isnan(result.silhouettes[0])  # one cluster
    assert not np.isnan(result.silhouettes[3])  # four clusters of five points: defined
    assert np.isnan(result.silhouettes[4])  # every point its own cluster
    for k, inertia in zip(result.ks, result.inertias, strict=True):
        assert inertia == pytest.approx(kmeans(X, k, seed=0).inertia, abs=1e-12)


def test_an_elbow_over_no_k_is_empty() -> None:
    result = elbow_curve(_blob_data(20, 7), ks=())
    assert result is not None
    assert result.ks == () and result.inertias == () and result.silhouettes == ()
