"""Benchmark: one Lloyd iteration (assign + update) on 100,000 2-D points vs scikit-learn.

Run: `.venv/bin/python -m benchmarks.kmeans_lloyd`.

Ours is `nearest_centroid_fast` (`visualizers.kmeans.fast`, the assignment the visualizer
passes to `lloyd_steps`) + `update_centroids` from `visualizers.kmeans.algorithm`. The baseline, on the same data and centroids in the same run, is
scikit-learn's own Lloyd iteration (`lloyd_iter_chunked_dense`, buffers allocated per call
as ours are, the Cython kernel
`KMeans(algorithm="lloyd")` calls once per iteration) with one thread and with its default
thread count, and, for scale, a whole public `KMeans(max_iter=1, n_init=1).fit` call.

Threads: for 2-D data ours is plain single-threaded NumPy (no BLAS call), so the like-for-
like baseline is scikit-learn with one thread (`ours/sk1`); `ours/skdef` is against its
default OpenMP thread count. No environment variables are pinned. Times are medians of
wall time; the `cpu` columns are process CPU time per call (all threads), which a busy
machine inflates less than wall time.
"""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable
from functools import partial

import numpy as np
from numpy.typing import NDArray

from visualizers.kmeans.algorithm import update_centroids
from visualizers.kmeans.fast import nearest_centroid_fast as nearest_centroid

N = 100_000
REPEATS = 40


def _median_ms(run: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall time and median process CPU time of one call, in ms."""
    run()
    walls, cpus = [], []
    for _ in range(repeats):
        cpu = time.process_time()
        start = time.perf_counter()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000.0, statistics.median(cpus) * 1000.0


def _ours(X: NDArray[np.float64], centroids: NDArray[np.float64]) -> None:
    labels, _ = nearest_centroid(X, centroids)
    update_centroids(X, labels, centroids)


def _sklearn_iteration(
    X: NDArray[np.float64], centroids: NDArray[np.float64], threads: int
) -> None:
    from sklearn.cluster._k_means_lloyd import lloyd_iter_chunked_dense

    n, k = len(X), len(centroids)
    lloyd_iter_chunked_dense(
        X,
        np.ones(n),
        centroids,
        np.zeros_like(centroids),
        np.zeros(k),
        np.zeros(n, dtype=np.int32),
        np.zeros(k),
        threads,
    )


def _sklearn_fit(X: NDArray[np.float64], centroids: NDArray[np.float64]) -> None:
    from sklearn.cluster import KMeans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "did not converge" is the point here
        KMeans(len(centroids), init=centroids, n_init=1, max_iter=1, algorithm="lloyd").fit(X)


def main() -> None:
    from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

    rng = np.random.default_rng(0)
    print(f"One Lloyd iteration on {N:,} 2-D points (median of {REPEATS}, ms)")
    print(
        f"{'k':>3} {'ours':>7} {'cpu':>6} {'sk 1 thr':>9} {'cpu':>6} {'sk default':>11} "
        f"{'cpu':>6} {'sk fit()':>9} {'ours/sk1':>9} {'(cpu)':>6} {'ours/skdef':>11}"
    )
    threads = _openmp_effective_n_threads()
    for k in (4, 8, 12):
        X = rng.normal(size=(N, 2)) + rng.integers(0, 6, size=(N, 1))
        centroids = X[rng.choice(N, size=k, replace=False)].copy()
        t_ours, c_ours = _median_ms(partial(_ours, X, centroids))
        t_one, c_one = _median_ms(partial(_sklearn_iteration, X, centroids, 1))
        t_default, c_default = _median_ms(partial(_sklearn_iteration, X, centroids, threads))
        t_fit, _ = _median_ms(partial(_sklearn_fit, X, centroids), repeats=10)
        print(
            f"{k:>3} {t_ours:>7.2f} {c_ours:>6.2f} {t_one:>9.2f} {c_one:>6.2f} "
            f"{t_default:>11.2f} {c_default:>6.2f} {t_fit:>9.2f} {t_ours / t_one:>8.2f}x "
            f"{c_ours / c_one:>5.2f}x {t_ours / t_default:>10.2f}x"
        )
    print(f"(scikit-learn default threads here: {threads}; target: ours ≤ 2x scikit-learn)")


if __name__ == "__main__":
    main()
