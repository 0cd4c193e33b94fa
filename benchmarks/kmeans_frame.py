"""Benchmark: one k-means animation frame (step + redraw) at 1,000 / 10,000 / 100,000 points.

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.kmeans_frame`.

A frame is `player.step_forward()` (computing the next half-step and `show_frame`) plus
`processEvents()` (Qt repaints the view) at the size the app opens a tab. Runs restart
with a new seed when they converge (restarts are not timed), so every timed frame is a
computed one. The elbow worker is allowed to finish before timing. The baseline, in the
same run, is matplotlib's Agg backend redrawing the same scatter (points coloured by
cluster, centroid markers, Voronoi shading) at the same pixel size for the same frames,
updating artists in place (`set_offsets`/`set_array`/`set_data`) before `canvas.draw()`.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from visualizers.kmeans.algorithm import KMeansFrame, KMeansStepper
from visualizers.kmeans.datasets import GAUSSIAN_BLOBS, make_dataset

SIZE = (1200, 800)
SIZES = (1_000, 10_000, 100_000)
FRAMES = 120
MPL_FRAMES = 30


def _qt_frame_ms(n: int) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from visualizers.core.registry import get
    from visualizers.kmeans.view import KMeansView

    app = QApplication.instance() or QApplication([])
    spec = get("kmeans")
    assert spec is not None
    view = KMeansView(spec)
    view.resize(*SIZE)
    view.show()
    view.set_params(n_points=n, init="random", k=8)
    deadline = time.time() + 120
    while view.elbow_busy() and time.time() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    samples: list[float] = []
    steps: list[float] = []
    seed = 0
    while len(samples) < FRAMES:
        if view.player.at_end():
            seed += 1
            view.set_params(seed=seed)
            app.processEvents()
        start = time.perf_counter()
        view.player.step_forward()
        stepped = time.perf_counter()
        app.processEvents()
        samples.append(time.perf_counter() - start)
        steps.append(stepped - start)
    view.shutdown()
    view.close()
    view.deleteLater()
    app.processEvents()
    return statistics.median(samples) * 1000, statistics.median(steps) * 1000


def _matplotlib_frame_ms(n: int) -> float:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    from visualizers.kmeans.algorithm import nearest_centroid
    from visualizers.kmeans.view import CLUSTER_COLORS

    points = make_dataset(GAUSSIAN_BLOBS, n, 0.8, 0).points
    dpi = 100
    fig = Figure(figsize=(SIZE[0] * 0.55 / dpi, SIZE[1] * 0.8 / dpi), dpi=dpi)
    ax = fig.add_subplot()
    cmap = ListedColormap(list(CLUSTER_COLORS[:8]))
    lo, hi = points.min(axis=0), points.max(axis=0)
    grid_x, grid_y = np.meshgrid(np.linspace(lo[0], hi[0], 200), np.linspace(lo[1], hi[1], 200))
    cells = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    regions = ax.imshow(
        np.zeros((200, 200)),
        extent=(lo[0], hi[0], lo[1], hi[1]),
        origin="lower",
        cmap=cmap,
        vmin=0,
        vmax=7,
        alpha=0.18,
        aspect="auto",
    )
    scatter = ax.scatter(
        points[:, 0],
        points[:, 1],
        c=np.zeros(n),
        cmap=cmap,
        vmin=0,
        vmax=7,
        s=9 if n <= 10_000 else 2,
        edgecolors="none",
    )
    (centres,) = ax.plot([], [], "o", ms=14, mec="black", mfc="white")
    canvas = fig.canvas
    stepper = KMeansStepper(points, 8, init="random", seed=0)
    frame: KMeansFrame = stepper.first()
    samples: list[float] = []
    seed = 0
    while len(samples) < MPL_FRAMES:
        if frame.finished:
            seed += 1
            stepper = KMeansStepper(points, 8, init="random", seed=seed)
            frame = stepper.first()
        start = time.perf_counter()
        frame = stepper.advance(frame)
        scatter.set_array(np.asarray(frame.labels, dtype=float))
        if len(frame.centroids):
            centres.set_data(frame.centroids[:, 0], frame.centroids[:, 1])
            labels, _ = nearest_centroid(cells, np.asarray(frame.centroids))
            regions.set_data(labels.reshape(200, 200))
        canvas.draw()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    print(f"k-means frame time, k = 8, random init, view {SIZE[0]}x{SIZE[1]} offscreen (median ms)")
    print(f"{'points':>8} {'ours':>8} {'(step)':>8} {'fps':>6} {'matplotlib':>11} {'speed-up':>9}")
    for n in SIZES:
        ours, step = _qt_frame_ms(n)
        mpl = _matplotlib_frame_ms(n)
        print(
            f"{n:>8,} {ours:>8.2f} {step:>8.2f} {1000 / ours:>6.0f} {mpl:>11.2f} {mpl / ours:>8.1f}x"
        )
    print(
        "targets: ≥ 60 fps at 10,000 points, ≥ 30 fps at 100,000, faster than matplotlib at each size"
    )


if __name__ == "__main__":
    main()
