"""Cross-validation splitters, the answer to question 4, and the experiments the visualizer runs.

Each splitter yields `(train_idx, test_idx)` pairs of sorted integer arrays:

- `kfold_splits`: contiguous folds, the first n mod k one sample larger (scikit-learn's
  `KFold` without shuffling);
- `stratified_kfold_splits`: each class dealt round-robin over the folds, so every fold
  holds each class's share to within one sample;
- `group_kfold_splits`: whole groups (users) assigned to folds, largest first into the
  lightest fold, so no group is ever on both sides;
- `time_series_splits`: an expanding window, always training on the past and testing on
  the block that follows (scikit-learn's `TimeSeriesSplit`).

Around them: a k-nearest-neighbour classifier to score each fold, target encoding (the
leakage demo fits it on all rows or inside each fold) and nested cross-validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
Index = NDArray[np.intp]
Split = tuple[Index, Index]


def _check_splits(n_samples: int, n_splits: int) -> None:
    if n_splits < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    if n_splits > n_samples:
        raise ValueError(f"{n_splits} folds need at least {n_splits} samples, got {n_samples}")


def _complement(n_samples: int, test: Index) -> Index:
    mask = np.ones(n_samples, dtype=bool)
    mask[test] = False
    return np.flatnonzero(mask)


def kfold_splits(n_samples: int, n_splits: int) -> Iterator[Split]:
    """k contiguous folds; the first n_samples mod k folds get one extra sample."""
    _check_splits(n_samples, n_splits)
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    start = 0
    for size in sizes:
        test = np.arange(start, start + size)
        yield _complement(n_samples, test), test
        start += size


def stratified_kfold_splits(y: ArrayLike, n_splits: int) -> Iterator[Split]:
    """Folds that keep every class's proportion: each class's samples dealt round-robin.

    The dealing carries on from class to class (the fold after the last one used), so the
    fold sizes also differ by at most one.
    """
    labels = np.asarray(y)
    n = len(labels)
    _check_splits(n, n_splits)
    fold_of = np.empty(n, dtype=np.intp)
    position = 0
    for value in np.unique(labels):
        members = np.flatnonzero(labels == value)
        fold_of[members] = (position + np.arange(len(members))) % n_splits
        position = (position + len(members)) % n_splits
    for fold in range(n_splits):
        test = np.flatnonzero(fold_of == fold)
        yield _complement(n, test), test


def group_kfold_splits(groups: ArrayLike, n_splits: int) -> Iterator[Split]:
    """Folds made of whole groups: largest group first, always into the lightest fold."""
    labels = np.asarray(groups)
    n = len(labels)
    values, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    if n_splits < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    if len(values) < n_splits:
        raise ValueError(f"{n_splits} folds need at least {n_splits} groups, got {len(values)}")
    load = np.zeros(n_splits, dtype=np.intp)
    fold_of_group = np.empty(len(values), dtype=np.intp)
    for g in np.argsort(-counts, kind="stable"):
        lightest = int(np.argmin(load))
        fold_of_group[g] = lightest
        load[lightest] += counts[g]
    fold_of = fold_of_group[inverse]
    for fold in range(n_splits):
        test = np.flatnonzero(fold_of == fold)
        yield _complement(n, test), test


def time_series_splits(n_samples: int, n_splits: int) -> Iterator[Split]:
    """Train on everything before a block, test on the block: n // (k + 1) samples per block."""
    _check_splits(n_samples, n_splits + 1)
    size = n_samples // (n_splits + 1)
    for start in range(n_samples - n_splits * size, n_samples, size):
        yield np.arange(start), np.arange(start, start + size)


# -- scoring -------------------------------------------------------------------------------


def knn_predict(
    X_train: Array, y_train: NDArray[np.int_], X_test: Array, k: int
) -> NDArray[np.int_]:
    """Majority label of the k nearest training points (Euclidean; a tied vote goes to the
    smaller label)."""
    k = max(1, min(int(k), len(y_train)))
    d2 = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    # The k smallest distances in any order: a vote doesn't need them sorted.
    nearest = np.argpartition(d2, k - 1, axis=1)[:, :k]
    votes = y_train[nearest]
    labels = np.unique(y_train)
    counts = (votes[:, :, None] == labels[None, None, :]).sum(axis=1)
    return labels[np.argmax(counts, axis=1)]


def fold_scores(X: Array, y: NDArray[np.int_], splits: Sequence[Split], k: int) -> Array:
    """Accuracy of k-NN on each fold's test rows, trained on that fold's training rows."""
    return np.array(
        [float(np.mean(knn_predict(X[tr], y[tr], X[te], k) == y[te])) for tr, te in splits]
    )


def fold_scores_by_k(
    X: Array, y: NDArray[np.int_], splits: Sequence[Split], ks: Sequence[int]
) -> Array:
    """`fold_scores` for several k at once, shape (len(ks), folds): one neighbour search a fold.

    The nearest max(ks) training points are found and sorted once; the vote for each k
    counts the first k of them.
    """
    scores = np.empty((len(ks), len(splits)))
    for f, (train, test) in enumerate(splits):
        d2 = ((X[test][:, None, :] - X[train][None, :, :]) ** 2).sum(axis=2)
        k_max = min(max(ks), len(train))
        part = np.argpartition(d2, k_max - 1, axis=1)[:, :k_max]
        order = np.argsort(np.take_along_axis(d2, part, axis=1), axis=1, kind="stable")
        votes = y[train][np.take_along_axis(part, order, axis=1)]
        labels = np.unique(y[train])
        running = np.cumsum(votes[:, :, None] == labels[None, None, :], axis=1)
        for i, k in enumerate(ks):
            predicted = labels[np.argmax(running[:, min(k, k_max) - 1, :], axis=1)]
            scores[i, f] = float(np.mean(predicted == y[test]))
    return scores


def target_encode(
    categories_fit: ArrayLike,
    y_fit: ArrayLike,
    categories_apply: ArrayLike,
    smoothing: float = 1.0,
) -> Array:
    """Each category's mean target, shrunk towards the overall mean by `smoothing` pseudo-rows.

    Categories never seen in the fitting rows get the overall mean.
    """
    cats = np.asarray(categories_fit)
    target = np.asarray(y_fit, dtype=np.float64)
    prior = float(target.mean())
    values, inverse = np.unique(cats, return_inverse=True)
    sums = np.bincount(inverse, weights=target, minlength=len(values))
    counts = np.bincount(inverse, minlength=len(values))
    means = (sums + smoothing * prior) / (counts + smoothing)
    apply = np.asarray(categories_apply)
    where = np.searchsorted(values, apply)
    where = np.clip(where, 0, len(values) - 1)
    known = values[where] == apply
    return np.where(known, means[where], prior)


def encoded_threshold_accuracy(encoded_test: Array, y_test: ArrayLike, cut: float) -> float:
    """Accuracy of 'predict 1 when the encoded value is above `cut`'."""
    return float(np.mean((encoded_test > cut).astype(int) == np.asarray(y_test)))


def leakage_scores(
    categories: ArrayLike, y: ArrayLike, splits: Sequence[Split], smoothing: float = 1.0
) -> tuple[Array, Array]:
    """Per-fold accuracy with the target encoding fitted on ALL rows vs inside each fold."""
    cats, target = np.asarray(categories), np.asarray(y)
    leaked = target_encode(cats, target, cats, smoothing)
    outside, inside = [], []
    for train, test in splits:
        cut = float(target[train].mean())
        outside.append(encoded_threshold_accuracy(leaked[test], target[test], cut))
        fitted = target_encode(cats[train], target[train], cats[test], smoothing)
        inside.append(encoded_threshold_accuracy(fitted, target[test], cut))
    return np.array(outside), np.array(inside)


def nested_cv(
    X: Array,
    y: NDArray[np.int_],
    grid: Sequence[int],
    n_splits: int,
    splitter: Callable[[int, int], Iterator[Split]] = kfold_splits,
) -> tuple[Array, NDArray[np.intp], Array]:
    """(outer-fold accuracies, the k chosen in each outer fold, plain-CV mean accuracy per k).

    The inner loop picks k by cross-validation on the outer fold's training rows only; the
    outer test rows never influence the choice. The plain-CV means are what a search
    without nesting reports: their maximum is an optimistic estimate.
    """
    n = len(y)
    outer = list(splitter(n, n_splits))
    plain = fold_scores_by_k(X, y, outer, grid).mean(axis=1)
    scores, chosen = [], []
    for train, test in outer:
        inner = list(splitter(len(train), n_splits))
        inner_means = fold_scores_by_k(X[train], y[train], inner, grid).mean(axis=1)
        best = int(grid[int(np.argmax(inner_means))])
        chosen.append(best)
        scores.append(float(np.mean(knn_predict(X[train], y[train], X[test], best) == y[test])))
    return np.array(scores), np.array(chosen, dtype=np.intp), plain
