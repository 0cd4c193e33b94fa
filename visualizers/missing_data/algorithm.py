"""Missing data, the answer to question 5: how values go missing, and ways to fill them in.

- `make_missing` hides values of one column: MCAR (every row equally likely), MAR (more
  likely when another, observed column is high) or MNAR (more likely when the hidden value
  itself is high).
- `impute(X, strategy)` fills NaNs: "mean", "median", "most_frequent" (as scikit-learn's
  `SimpleImputer`) or "knn" (as `KNNImputer()`: the mean of the 5 nearest rows that have
  the value, by Euclidean distance over the coordinates both rows have, scaled up for the
  ones missing).
- `iterative_impute` regresses each incomplete column on the others, round after round
  (the idea of MICE / `IterativeImputer`, with ordinary least squares).
- `missing_indicator` adds a 0/1 column per incomplete column, so a model can learn that
  "missing" itself carries information.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
MECHANISMS: tuple[str, ...] = ("MCAR", "MAR", "MNAR")
STRATEGIES: tuple[str, ...] = ("mean", "median", "most_frequent", "knn")
KNN_NEIGHBOURS = 5


def _as_matrix(X: ArrayLike) -> Array:
    A = np.array(X, dtype=np.float64)  # a copy: the caller's array is never filled in
    if A.ndim != 2 or A.shape[0] == 0:
        raise ValueError(f"X must be a non-empty 2-D array, got shape {A.shape}")
    if np.isinf(A).any():
        raise ValueError("X contains infinity; only NaN marks a missing value")
    empty = np.isnan(A).all(axis=0)
    if empty.any():
        raise ValueError(f"column {int(np.argmax(empty))} has no observed value to impute from")
    return A


def _most_frequent(values: Array) -> float:
    """The commonest value; among ties the smallest (as scikit-learn does)."""
    uniques, counts = np.unique(values, return_counts=True)
    return float(uniques[int(np.argmax(counts))])


def nan_euclidean(A: Array, B: Array) -> Array:
    """Distances between rows of A and B over the coordinates both have, scaled by p / present.

    NaN where two rows share no observed coordinate. Expanded as ‖a‖² − 2a·b + ‖b‖² over
    the shared coordinates, so the work is three matrix products.
    """
    p = A.shape[1]
    has_a, has_b = ~np.isnan(A), ~np.isnan(B)
    a, b = np.where(has_a, A, 0.0), np.where(has_b, B, 0.0)
    squared = (a * a) @ has_b.T - 2.0 * (a @ b.T) + has_a @ (b * b).T
    present = has_a.astype(np.float64) @ has_b.T
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.maximum(squared, 0.0) * p / present
    return np.where(present > 0, np.sqrt(scaled), np.nan)


def _knn_column(X: Array, column: int, k: int) -> Array:
    """Values for the NaNs of one column: the mean of the k nearest rows that have it."""
    missing = np.isnan(X[:, column])
    receivers, donors = np.flatnonzero(missing), np.flatnonzero(~missing)
    donor_values = X[donors, column]
    k = min(k, len(donors))
    values = np.empty(len(receivers))
    # A block of receivers at a time keeps the distance matrix small.
    block = max(1, 1_000_000 // max(1, len(donors)))
    for start in range(0, len(receivers), block):
        distance = nan_euclidean(X[receivers[start : start + block]], X[donors])
        distance = np.where(np.isnan(distance), np.inf, distance)  # no shared feature: last
        nearest = np.argsort(distance, axis=1, kind="stable")[:, :k]
        usable = np.isfinite(np.take_along_axis(distance, nearest, axis=1))
        count = usable.sum(axis=1)
        total = np.where(usable, donor_values[nearest], 0.0).sum(axis=1)
        # A row sharing no feature with any donor gets the column mean.
        values[start : start + block] = np.where(
            count > 0, total / np.maximum(count, 1), donor_values.mean()
        )
    return values


def impute(X: ArrayLike, strategy: str) -> Array:
    """A copy of X with every NaN filled by `strategy`: mean, median, most_frequent or knn."""
    A = _as_matrix(X)
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}; use one of {', '.join(STRATEGIES)}")
    original = A.copy()  # k-NN measures distances on the data before any filling
    for j in range(A.shape[1]):
        missing = np.isnan(original[:, j])
        if not missing.any():
            continue
        observed = original[~missing, j]
        if strategy == "mean":
            A[missing, j] = observed.mean()
        elif strategy == "median":
            A[missing, j] = np.median(observed)
        elif strategy == "most_frequent":
            A[missing, j] = _most_frequent(observed)
        else:
            A[missing, j] = _knn_column(original, j, KNN_NEIGHBOURS)
    return A


def iterative_impute(X: ArrayLike, rounds: int = 10) -> Array:
    """Start from the column means, then repeatedly regress each incomplete column on the rest.

    Each round fits, for every column with NaNs, least squares on the rows where that column
    was observed (the other columns as currently filled) and predicts its missing entries.
    """
    A = _as_matrix(X)
    mask = np.isnan(A)
    A = impute(A, "mean")
    columns = [j for j in range(A.shape[1]) if mask[:, j].any()]
    for _ in range(rounds):
        for j in columns:
            others = np.delete(A, j, axis=1)
            design = np.column_stack([np.ones(len(A)), others])
            seen = ~mask[:, j]
            coef = np.linalg.lstsq(design[seen], A[seen, j], rcond=None)[0]
            A[mask[:, j], j] = design[mask[:, j]] @ coef
    return A


def missing_indicator(X: ArrayLike) -> Array:
    """One 0/1 column per column of X that has a NaN: 1 where the value was missing."""
    A = np.asarray(X, dtype=np.float64)
    mask = np.isnan(A)
    return mask[:, mask.any(axis=0)].astype(np.float64)


def make_missing(
    X: ArrayLike, column: int, mechanism: str, rate: float, seed: int, driver: int | None = None
) -> NDArray[np.bool_]:
    """A mask of the rows whose `column` value goes missing, about `rate` of them.

    MCAR: every row with probability `rate`. MAR: probability rising with the observed
    `driver` column. MNAR: rising with the hidden value itself. The probabilities are
    exp(1.5·z) of the standardised column, scaled to average `rate` (capped at 0.95).
    """
    A = np.asarray(X, dtype=np.float64)
    if not 0.0 < rate < 1.0:
        raise ValueError("the missing rate must be between 0 and 1")
    rng = np.random.default_rng(seed)
    n = A.shape[0]
    if mechanism == "MCAR":
        probability = np.full(n, rate)
    elif mechanism in ("MAR", "MNAR"):
        source = column if mechanism == "MNAR" else driver
        if source is None or (source == column and mechanism == "MAR"):
            raise ValueError("MAR needs a different, observed column to depend on")
        values = A[:, source]
        sd = float(values.std()) or 1.0
        weight = np.exp(1.5 * (values - values.mean()) / sd)
        probability = weight * rate / weight.mean()
        # Capping loses some mass; redistribute it once so the average stays near `rate`.
        for _ in range(5):
            probability = np.minimum(probability, 0.95)
            probability *= rate / probability.mean()
        probability = np.minimum(probability, 0.95)
    else:
        raise ValueError(f"unknown mechanism {mechanism!r}; use one of {', '.join(MECHANISMS)}")
    return rng.random(n) < probability


def ols(X: Array, y: Array) -> tuple[Array, float]:
    """(slopes, intercept) of ordinary least squares."""
    design = np.column_stack([np.ones(len(y)), X])
    coef = np.linalg.lstsq(design, y, rcond=None)[0]
    return coef[1:], float(coef[0])
