"""Benchmark: one training epoch of matrix factorization, and the heatmap redraw frame time.

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.matrix_factorization_epoch`.

Prints the median of several repetitions for
- one SGD and one ALS epoch on 1,000 × 1,000 with 5% observed (50k ratings), rank 10,
  against the textbook per-rating Python-loop SGD epoch (timed on a 5,000-rating sample of
  the same matrix and scaled to 50k: the loop is linear in the number of ratings);
- the same epochs at the visualizer's default size (200 × 100, 30% observed, rank 2),
  against the 16.7 ms budget of one frame at 60 fps;
- the view's `show_frame` (3 heatmaps, RMSE curves, latent scatter, user panel) followed by
  a full repaint, against matplotlib (Agg) redrawing the same three heatmaps with imshow.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from visualizers.matrix_factorization.algorithm import (
    alternating_least_squares,
    matrix_factorization,
    split_observed,
)
from visualizers.matrix_factorization.data import synthetic_ratings

FRAME_MS = 1000.0 / 60.0


def median_ms(action: Callable[[], object], repeats: int = 7) -> float:
    action()  # warm-up: BLAS threads, caches, lazy imports
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


def naive_sgd_epoch(
    R: NDArray[np.float64], users: NDArray[np.intp], items: NDArray[np.intp], rank: int
) -> None:
    """Per-rating SGD in a Python loop over NumPy rows: the baseline an interview answer writes."""
    rng = np.random.default_rng(0)
    P = rng.normal(0, 0.1, (R.shape[0], rank))
    Q = rng.normal(0, 0.1, (R.shape[1], rank))
    bu, bi = np.zeros(R.shape[0]), np.zeros(R.shape[1])
    mu, lr, reg = 3.0, 0.02, 0.05
    for k in rng.permutation(users.size):
        u, i = users[k], items[k]
        e = R[u, i] - (mu + bu[u] + bi[i] + P[u] @ Q[i])
        old_p = P[u].copy()
        P[u] += lr * (e * Q[i] - reg * P[u])
        Q[i] += lr * (e * old_p - reg * Q[i])
        bu[u] += lr * (e - reg * bu[u])
        bi[i] += lr * (e - reg * bi[i])


def epoch_rows() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    big = synthetic_ratings(1000, 1000, 0.05, 0.3, seed=0)
    n_ratings = int(big.observed.sum())
    rank = 10
    sgd = median_ms(
        lambda: matrix_factorization(big.ratings, big.observed, rank, 0.02, 0.05, 1, 0), 5
    )
    als = median_ms(
        lambda: alternating_least_squares(big.ratings, big.observed, rank, 0.05, 1, 0), 5
    )
    users, items = np.nonzero(big.observed)
    sample = 5000
    naive = median_ms(lambda: naive_sgd_epoch(big.ratings, users[:sample], items[:sample], rank), 3)
    naive_full = naive * n_ratings / sample
    label = f"1000×1000, {n_ratings:,} ratings, rank {rank}"
    rows.append(
        (
            f"SGD epoch (mini-batch 128), {label}",
            sgd,
            f"{naive_full / sgd:.0f}× faster than the loop",
        )
    )
    rows.append((f"ALS epoch, {label}", als, f"{naive_full / als:.0f}× faster than the loop"))
    rows.append(
        (f"per-rating Python-loop SGD epoch (scaled from {sample:,})", naive_full, "baseline")
    )

    small = synthetic_ratings(200, 100, 0.3, 0.3, seed=0)
    train, test = split_observed(small.observed, 0.2, seed=0)
    sgd_small = median_ms(
        lambda: matrix_factorization(small.ratings, train, 2, 0.02, 0.05, 1, 0, test_mask=test), 15
    )
    als_small = median_ms(
        lambda: alternating_least_squares(small.ratings, train, 2, 0.05, 1, 0, test_mask=test), 15
    )
    rows.append(
        (
            "SGD epoch, default 200×100 (30% observed, rank 2)",
            sgd_small,
            f"{sgd_small / FRAME_MS:.2f} of a frame",
        )
    )
    rows.append(
        (
            "ALS epoch, default 200×100 (30% observed, rank 2)",
            als_small,
            f"{als_small / FRAME_MS:.2f} of a frame",
        )
    )
    return rows


def time_view_redraw(users: int, videos: int, observed: float) -> tuple[float, float]:
    """(our show_frame + repaint, matplotlib's 3 × imshow redraw), median ms, same matrices."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PySide6.QtWidgets import QApplication

    from visualizers.core.registry import get
    from visualizers.matrix_factorization.algorithm import FactorizationFrame
    from visualizers.matrix_factorization.view import MatrixFactorizationView

    app = QApplication.instance() or QApplication([])
    spec = get("matrix_factorization")
    assert spec is not None
    view = MatrixFactorizationView(spec)
    view.resize(1400, 900)
    view.show()
    view.set_params(users=users, videos=videos, observed=observed, epochs=12)
    history = view.player.history
    assert history is not None
    history.extend_to(12)
    frames: list[FactorizationFrame] = [history[i] for i in range(1, 12)]
    app.processEvents()
    counter = iter(range(10**9))

    def redraw() -> None:
        view.show_frame(frames[next(counter) % len(frames)])
        view.repaint()

    ours = median_ms(redraw, 11)
    predictions = [f.model.predict() for f in frames if f.model is not None]
    figure, axes = plt.subplots(1, 3, figsize=(10, 3.2), dpi=100)
    images = [
        ax.imshow(predictions[0], aspect="auto", cmap="viridis", vmin=1, vmax=5) for ax in axes
    ]
    mpl_counter = iter(range(10**9))

    def mpl_redraw() -> None:
        prediction = predictions[next(mpl_counter) % len(predictions)]
        for image in images:
            image.set_data(prediction)
        figure.canvas.draw()

    baseline = median_ms(mpl_redraw, 7)
    plt.close(figure)
    view.shutdown()
    view.deleteLater()
    app.processEvents()
    return ours, baseline


def redraw_rows() -> list[tuple[str, float, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[tuple[str, float, str]] = []
    for users, videos, observed in ((200, 100, 0.3), (1000, 1000, 0.05)):
        ours, baseline = time_view_redraw(users, videos, observed)
        size = f"{users}×{videos}"
        rows.append(
            (
                f"view show_frame + repaint, {size}",
                ours,
                f"{baseline / ours:.1f}× faster than matplotlib",
            )
        )
        rows.append((f"matplotlib Agg: 3 × imshow set_data + draw, {size}", baseline, "baseline"))
        rows.append(
            (
                f"  (frame budget at 60 fps: {FRAME_MS:.1f} ms)",
                ours,
                f"{ours / FRAME_MS:.2f} of a frame",
            )
        )
    return rows


def main() -> None:
    rows = epoch_rows() + redraw_rows()
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measurement':<{width}}  {'median ms':>10}  comparison")
    for name, ms, note in rows:
        print(f"{name:<{width}}  {ms:>10.2f}  {note}")


if __name__ == "__main__":
    main()
