"""Cross-validation splitters against scikit-learn and as properties (Hypothesis), plus the experiments."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.model_selection import KFold, TimeSeriesSplit
from sklearn.neighbors import KNeighborsClassifier

from visualizers.cross_validation.algorithm import (
    fold_scores,
    fold_scores_by_k,
    group_kfold_splits,
    kfold_splits,
    knn_predict,
    leakage_scores,
    nested_cv,
    stratified_kfold_splits,
    target_encode,
    time_series_splits,
)


@given(n=st.integers(2, 200), data=st.data())
def test_kfold_equals_sklearn(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(2, n))
    ours = list(kfold_splits(n, k))
    oracle = list(KFold(n_splits=k).split(np.zeros(n)))
    assert len(ours) == len(oracle)
    for (tr, te), (otr, ote) in zip(ours, oracle, strict=True):
        np.testing.assert_array_equal(tr, otr)
        np.testing.assert_array_equal(te, ote)


@given(n=st.integers(3, 200), data=st.data())
def test_time_series_equals_sklearn(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(2, n - 1))
    ours = list(time_series_splits(n, k))
    oracle = list(TimeSeriesSplit(n_splits=k).split(np.zeros(n)))
    assert len(ours) == len(oracle)
    for (tr, te), (otr, ote) in zip(ours, oracle, strict=True):
        np.testing.assert_array_equal(tr, otr)
        np.testing.assert_array_equal(te, ote)
        assert tr.max() < te.min()  # never trains on the future


@given(
    groups=st.lists(st.integers(0, 15), min_size=2, max_size=120),
    k=st.integers(2, 8),
)
def test_group_kfold_never_splits_a_group_and_tests_each_sample_once(
    groups: list[int], k: int
) -> None:
    g = np.array(groups)
    if len(np.unique(g)) < k:
        with pytest.raises(ValueError, match="groups"):
            list(group_kfold_splits(g, k))
        return
    splits = list(group_kfold_splits(g, k))
    assert len(splits) == k
    tested = np.concatenate([te for _, te in splits])
    np.testing.assert_array_equal(np.sort(tested), np.arange(len(g)))
    for tr, te in splits:
        assert not set(g[tr]) & set(g[te])
        np.testing.assert_array_equal(np.sort(np.concatenate([tr, te])), np.arange(len(g)))


@settings(max_examples=200)
@given(
    y=st.lists(st.integers(0, 3), min_size=2, max_size=150),
    data=st.data(),
)
def test_stratified_keeps_each_class_share_within_one_sample(
    y: list[int], data: st.DataObject
) -> None:
    labels = np.array(y)
    k = data.draw(st.integers(2, len(labels)))
    splits = list(stratified_kfold_splits(labels, k))
    assert len(splits) == k
    tested = np.concatenate([te for _, te in splits])
    np.testing.assert_array_equal(np.sort(tested), np.arange(len(labels)))
    sizes = [len(te) for _, te in splits]
    assert max(sizes) - min(sizes) <= 1
    for value in np.unique(labels):
        ideal = np.sum(labels == value) / k
        for tr, te in splits:
            assert abs(np.sum(labels[te] == value) - ideal) < 1.0
            assert len(np.intersect1d(tr, te)) == 0


def test_splitters_reject_impossible_requests() -> None:
    with pytest.raises(ValueError, match="at least 2 folds"):
        list(kfold_splits(10, 1))
    with pytest.raises(ValueError, match="samples"):
        list(kfold_splits(3, 5))
    with pytest.raises(ValueError):
        list(time_series_splits(4, 4))


@pytest.mark.parametrize("k", [1, 3, 7])
def test_knn_matches_sklearn(k: int) -> None:
    rng = np.random.default_rng(k)
    X = rng.normal(size=(80, 2))
    y = (X[:, 0] + rng.normal(0, 0.5, 80) > 0).astype(int)
    T = rng.normal(size=(40, 2))
    oracle = KNeighborsClassifier(n_neighbors=k).fit(X, y).predict(T)
    np.testing.assert_array_equal(knn_predict(X, y, T, k), oracle)


def test_target_encoding_by_hand() -> None:
    cats = np.array(["a", "a", "b", "b", "b"])
    y = np.array([1, 0, 1, 1, 1])
    prior = 0.8
    enc = target_encode(cats, y, np.array(["a", "b", "z"]), smoothing=2.0)
    np.testing.assert_allclose(enc, [(1 + 2 * prior) / (2 + 2), (3 + 2 * prior) / (3 + 2), prior])


def test_leakage_is_optimistic_on_a_noise_category() -> None:
    rng = np.random.default_rng(0)
    n = 300
    cats = rng.integers(0, 100, n)
    y = rng.integers(0, 2, n)  # independent of the category: no real signal
    outside, inside = leakage_scores(cats, y, list(kfold_splits(n, 5)))
    assert outside.mean() > inside.mean() + 0.1
    assert abs(inside.mean() - 0.5) < 0.1


def test_nested_cv_uses_only_training_rows_to_choose() -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, 2))
    y = (X[:, 0] > 0).astype(int)
    scores, chosen, plain = nested_cv(X, y, (1, 5, 15), 4)
    assert scores.shape == (4,) and set(chosen) <= {1, 5, 15}
    # With clean labels the nested estimate is high and close to the best plain mean.
    assert scores.mean() > 0.85 and plain.max() >= scores.mean() - 0.05


def test_scores_for_several_k_equal_one_k_at_a_time() -> None:
    rng = np.random.default_rng(5)
    X = rng.normal(size=(90, 2))
    y = (X[:, 0] + rng.normal(0, 0.7, 90) > 0).astype(int)
    splits = list(kfold_splits(90, 5))
    ks = (1, 3, 7, 25)
    together = fold_scores_by_k(X, y, splits, ks)
    for i, k in enumerate(ks):
        np.testing.assert_allclose(together[i], fold_scores(X, y, splits, k))
