"""The bias–variance decomposition, the answer to question 1, and the simulation behind it.

Draw many training sets from y = f(x) + ε (same inputs, fresh noise each time), fit a
model of a given complexity to each, and look at the predictions on a grid of x:

- bias² = mean over x of (mean prediction − f(x))²: how far the average fit is from the truth;
- variance = mean over x of the variance of the predictions across training sets;
- expected test error = bias² + variance + σ², the mean squared error on a new noisy target.

Two model families: polynomials (least squares on a Legendre basis; past the
interpolation threshold `np.linalg.lstsq` returns the minimum-norm solution, which is
where double descent appears) and k-nearest-neighbour regression (complexity grows as k
shrinks).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
FAMILIES: tuple[str, ...] = ("polynomial", "k-NN")


def true_function(x: Array) -> Array:
    """The truth the training sets are sampled from: one period of a sine on [0, 1]."""
    return np.asarray(np.sin(2 * np.pi * x), dtype=np.float64)


def decompose(predictions: Array, truth: Array, noise_var: float) -> tuple[float, float, float]:
    """(bias², variance, expected error) from `predictions` (one row per training set).

    `truth` holds f(x) at the same points as the columns of `predictions`; `noise_var` is
    σ², the variance of the noise on a new target. The variance uses the population
    formula (divide by the number of training sets), so bias² + variance is exactly the
    mean squared distance of the predictions from the truth.
    """
    P = np.asarray(predictions, dtype=np.float64)
    f = np.asarray(truth, dtype=np.float64)
    if P.ndim != 2 or f.shape != (P.shape[1],):
        raise ValueError(
            f"predictions must be (sets, points) and truth (points,): {P.shape}, {f.shape}"
        )
    if noise_var < 0:
        raise ValueError("the noise variance can't be negative")
    mean_fit = P.mean(axis=0)
    bias2 = float(np.mean((mean_fit - f) ** 2))
    variance = float(np.mean(P.var(axis=0)))
    return bias2, variance, bias2 + variance + float(noise_var)


def legendre_features(x: Array, degree: int) -> Array:
    """Legendre polynomials P₀…P_degree of x mapped from [0, 1] to [−1, 1] (well conditioned)."""
    t = 2.0 * np.asarray(x, dtype=np.float64) - 1.0
    return np.asarray(np.polynomial.legendre.legvander(t, degree), dtype=np.float64)


def fit_polynomials(x: Array, Y: Array, degree: int, x_eval: Array) -> Array:
    """Least-squares polynomial fits, one per column of Y (same inputs x), evaluated at x_eval.

    Returns (sets, len(x_eval)). With more coefficients than points the system is
    under-determined and `lstsq` picks the interpolant with the smallest coefficient norm.
    """
    coef = np.linalg.lstsq(legendre_features(x, degree), Y, rcond=None)[0]
    return (legendre_features(x_eval, degree) @ coef).T


def knn_regress(x: Array, Y: Array, k: int, x_eval: Array) -> Array:
    """k-nearest-neighbour regression (1-D), one fit per column of Y, evaluated at x_eval.

    Ties in distance go to the training point that comes first, so the result is fixed.
    """
    k = max(1, min(int(k), len(x)))
    distance = np.abs(np.asarray(x_eval)[:, None] - np.asarray(x)[None, :])
    nearest = np.argsort(distance, axis=1, kind="stable")[:, :k]
    return np.asarray(Y)[nearest].mean(axis=1).T


def training_targets(x: Array, n_sets: int, noise: float, seed: int) -> Array:
    """(len(x), n_sets) noisy targets f(x) + ε, one column per training set."""
    rng = np.random.default_rng(seed)
    return true_function(x)[:, None] + rng.normal(0.0, noise, (len(x), n_sets))
