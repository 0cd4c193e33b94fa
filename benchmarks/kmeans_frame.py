"""Benchmark: one k-means animation frame (step + redraw) at 1,000 / 10,000 / 100,000 points.

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.kmeans_frame`.
(`--repeat N` runs the whole table N times; the machine may be busy, so compare the ratios
within one table, and the CPU columns, which a busy machine inflates less than wall time.)

Ours: a frame is `player.step_forward()` (computing the next half-step and `show_frame`)
plus `processEvents()` (Qt repaints what changed) in the whole `KMeansView` at the size
the app opens a tab (1200 × 800). It draws, in the cluster plot: every point coloured by
cluster (a disc with a darker outline up to 30,000 points), the shaded Voronoi regions of
the centroids, each centroid (a coloured disc with an outline over a halo) and its trail,
the axes and title; besides that, and not drawn by the baseline, the inertia-per-half-step
plot and the explanation text.

The baseline, in the same run: matplotlib's Agg backend drawing, for the same frames of
the same runs (the same `KMeansStepper`, data and seeds), a figure exactly the size of our
cluster plot with the same view range: the Voronoi regions as an image of the same cell
grid (one cell per 3 × 3 pixels, same opacity), the points coloured by cluster at the same
pixel size and outline, the centroids (same size, outline and halo) and their trails, the
axes and title. Artists are updated in place (`set_array`, `set_data`, ...) before a full
`canvas.draw()`; the regions are recomputed only when the centroids moved, as ours are.

Both sides compute the same half-steps. A run that converges restarts with a new seed
(new data) outside the timed frames; ours then also waits for the background elbow
computation that new data starts, so that no timed frame competes with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from visualizers.kmeans.algorithm import KMeansFrame, KMeansStepper
from visualizers.kmeans.datasets import GAUSSIAN_BLOBS, make_dataset

SIZE = (1200, 800)
SIZES = (1_000, 10_000, 100_000)
FRAMES = 120
K = 8
SPREAD = 0.8  # the spec's default spread for Gaussian blobs


@dataclass(frozen=True)
class Timing:
    wall_ms: float  # median
    cpu_ms: float  # median of time.process_time() per frame (all threads of the process)
    step_ms: float = float("nan")  # ours: median of step_forward() alone


@dataclass(frozen=True)
class Layout:
    """Our cluster plot as measured, for the baseline to copy."""

    size: tuple[int, int]  # the whole PlotWidget (axes and title included), pixels
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    grid: tuple[int, int]  # Voronoi cells (columns, rows)


def _qt_frames(n: int) -> tuple[Timing, Layout]:
    from PySide6.QtWidgets import QApplication

    from visualizers.core.registry import get
    from visualizers.kmeans.items import REGION_CELL_PX
    from visualizers.kmeans.view import KMeansView

    app = QApplication.instance() or QApplication([])
    spec = get("kmeans")
    assert spec is not None
    view = KMeansView(spec)
    view.resize(*SIZE)
    view.show()

    def settle() -> None:
        deadline = time.time() + 120
        while view.elbow_jobs.busy() and time.time() < deadline:
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()

    view.set_params(n_points=n, init="random", k=K, spread=SPREAD, seed=0)
    settle()
    walls: list[float] = []
    cpus: list[float] = []
    steps: list[float] = []
    seed = 0
    while len(walls) < FRAMES:
        if view.player.at_end():
            seed += 1
            view.set_params(seed=seed)
            settle()
        cpu = time.process_time()
        start = time.perf_counter()
        view.player.step_forward()
        stepped = time.perf_counter()
        app.processEvents()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        steps.append(stepped - start)
    box = view.view_box
    (x0, x1), (y0, y1) = box.viewRange()
    width, height = int(box.width()), int(box.height())
    layout = Layout(
        (view.cluster_plot.width(), view.cluster_plot.height()),
        (x0, x1),
        (y0, y1),
        (-(-width // REGION_CELL_PX), -(-height // REGION_CELL_PX)),
    )
    view.shutdown()
    view.close()
    view.deleteLater()
    app.processEvents()
    ms = 1000.0
    timing = Timing(
        statistics.median(walls) * ms, statistics.median(cpus) * ms, statistics.median(steps) * ms
    )
    return timing, layout


def _matplotlib_frames(n: int, layout: Layout) -> Timing:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import ListedColormap, to_rgb
    from matplotlib.figure import Figure

    from visualizers.kmeans import raster
    from visualizers.kmeans.fast import nearest_centroid_fast as nearest_centroid
    from visualizers.kmeans.items import CLUSTER_COLORS, REGION_ALPHA

    dpi = 100.0
    pt = 72.0 / dpi  # points per pixel
    fig = Figure(figsize=(layout.size[0] / dpi, layout.size[1] / dpi), dpi=dpi)
    ax = fig.add_subplot()
    ax.set_title("drag a centroid · click to add · right-click to remove", fontsize=9)
    ax.set_xlim(*layout.x_range)
    ax.set_ylim(*layout.y_range)
    ax.set_aspect("equal", adjustable="datalim")
    colours = list(CLUSTER_COLORS[:K])
    cmap = ListedColormap(colours)
    columns, rows = layout.grid
    x0, x1 = layout.x_range
    y0, y1 = layout.y_range
    gx, gy = np.meshgrid(np.linspace(x0, x1, columns), np.linspace(y0, y1, rows))
    cells = np.column_stack([gx.ravel(), gy.ravel()])
    regions = ax.imshow(
        np.zeros((rows, columns)),
        extent=(x0, x1, y0, y1),
        origin="lower",
        cmap=cmap,
        vmin=0,
        vmax=K - 1,
        alpha=REGION_ALPHA / 255,
        aspect="auto",
        interpolation="nearest",
        zorder=0,
    )
    # Our discs: radius r pixels (2r + 1 across) plus a 1-pixel darker outline up to 30,000.
    radius, rim = raster.point_radius(n)
    across = 2 * radius + 1 + (2 if rim else 0)
    darker = np.array([to_rgb(name) for name in colours]) / 1.7  # QColor.darker(170)
    scatter = ax.scatter(
        np.zeros(n),
        np.zeros(n),
        c=np.zeros(n),
        cmap=cmap,
        vmin=0,
        vmax=K - 1,
        s=(across * pt) ** 2,
        linewidths=pt if rim else 0.0,
        edgecolors=[darker[0]] if rim else "none",
        zorder=1,
    )
    trails = [ax.plot([], [], color=c, lw=2.5 * pt, zorder=2)[0] for c in colours]
    nowhere = np.zeros((K, 2))
    halo = ax.scatter(
        nowhere[:, 0], nowhere[:, 1], s=(30 * pt) ** 2, c="white", edgecolors="none", zorder=3
    )
    centres = ax.scatter(
        nowhere[:, 0],
        nowhere[:, 1],
        s=(20 * pt) ** 2,
        c=colours,
        edgecolors="black",
        linewidths=2.5 * pt,
        zorder=4,
    )
    # A bare Figure's canvas is FigureCanvasBase, whose draw() renders nothing: attach Agg.
    canvas = FigureCanvasAgg(fig)

    def start(seed: int) -> tuple[KMeansStepper, KMeansFrame]:
        points = make_dataset(GAUSSIAN_BLOBS, n, SPREAD, seed).points
        scatter.set_offsets(points)
        stepper = KMeansStepper(points, K, init="random", seed=seed)
        return stepper, stepper.first()

    seed = 0
    stepper, frame = start(seed)
    canvas.draw()
    shown_centroids = None
    walls: list[float] = []
    cpus: list[float] = []
    while len(walls) < FRAMES:
        if frame.finished:
            seed += 1
            stepper, frame = start(seed)
            canvas.draw()
        cpu = time.process_time()
        begin = time.perf_counter()
        frame = stepper.advance(frame)
        labels = np.asarray(frame.labels)
        scatter.set_array(labels.astype(float))
        if rim:
            scatter.set_edgecolor(darker[labels.clip(0)])
        centroids = np.asarray(frame.centroids)
        if len(centroids) and centroids is not shown_centroids:
            shown_centroids = frame.centroids
            halo.set_offsets(centroids)
            centres.set_offsets(centroids)
            path = np.stack(frame.trail) if len(frame.trail) > 1 else None
            for j, trail in enumerate(trails):
                if path is not None and j < path.shape[1]:
                    trail.set_data(path[:, j, 0], path[:, j, 1])
            nearest, _ = nearest_centroid(cells, centroids)
            regions.set_data(nearest.reshape(rows, columns))
        canvas.draw()
        walls.append(time.perf_counter() - begin)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls) * 1000, statistics.median(cpus) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="run the whole table N times")
    args = parser.parse_args()
    print(
        f"k-means frame time, k = {K}, random init, view {SIZE[0]}x{SIZE[1]} offscreen "
        f"(median of {FRAMES} frames, ms; cpu = process time)"
    )
    for _ in range(args.repeat):
        print(
            f"{'points':>8} {'ours':>7} {'cpu':>6} {'(step)':>7} {'fps':>5} "
            f"{'mpl':>7} {'cpu':>6} {'mpl/ours':>9} {'(cpu)':>6}  plot px"
        )
        for n in SIZES:
            ours, layout = _qt_frames(n)
            mpl = _matplotlib_frames(n, layout)
            print(
                f"{n:>8,} {ours.wall_ms:>7.2f} {ours.cpu_ms:>6.2f} {ours.step_ms:>7.2f} "
                f"{1000 / ours.wall_ms:>5.0f} {mpl.wall_ms:>7.2f} {mpl.cpu_ms:>6.2f} "
                f"{mpl.wall_ms / ours.wall_ms:>8.1f}x {mpl.cpu_ms / ours.cpu_ms:>5.1f}x  "
                f"{layout.size[0]}x{layout.size[1]}"
            )
    print(
        "targets: ≥ 60 fps at 10,000 points, ≥ 30 fps at 100,000, faster than matplotlib at each size"
    )


if __name__ == "__main__":
    main()
