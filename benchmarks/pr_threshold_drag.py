"""Benchmark: dragging the decision threshold across 100,000 scores.

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.pr_threshold_drag`.

A drag is simulated as 400 threshold positions sweeping the score range. Per update it times
- statistics: the sort-once `ThresholdSweep` (one binary search, then every number the view
  shows) against two naive baselines measured in the same run: an O(n) pass over all scores
  per threshold, and recomputing everything from scratch per threshold (sort, curves, AP,
  AUC, histograms, optima: what a view that re-derives its state on every event does), plus
  scikit-learn doing that recomputation (confusion_matrix, both curves, AP and AUC);
- plots: the view's update (lines, dots, confusion matrix, numbers, explanation), alone and
  followed by rendering the whole plots area, against the from-scratch recompute that also
  re-sets every curve before rendering.
The budget is one frame at 60 Hz (16.7 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from visualizers.pr_threshold.algorithm import confusion_at_threshold
from visualizers.pr_threshold.data import synthetic_scores
from visualizers.pr_threshold.state import ThresholdSweepStepper, analyze_scores

FRAME_MS = 1000.0 / 60.0
N = 100_000
DRAG_POSITIONS = 400


def per_update_ms(
    update: Callable[[float], object], thresholds: NDArray[np.float64]
) -> tuple[float, float, float]:
    """(median, 95th percentile, median CPU) milliseconds per call over the thresholds.

    CPU time (this process only) is printed beside wall time because on a busy machine
    (other test runs sharing the cores) wall time measures the neighbours as much as us.
    """
    update(float(thresholds[0]))  # warm-up
    wall, cpu = [], []
    for t in thresholds:
        start, start_cpu = time.perf_counter(), time.process_time()
        update(float(t))
        wall.append((time.perf_counter() - start) * 1000.0)
        cpu.append((time.process_time() - start_cpu) * 1000.0)
    ordered = sorted(wall)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return statistics.median(wall), p95, statistics.median(cpu)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = synthetic_scores(N, positive_rate=0.2, separation=1.5, seed=0)
    labels, scores = data.labels, data.scores
    drag = np.linspace(float(scores.max()), float(scores.min()), DRAG_POSITIONS)
    few = drag[:: DRAG_POSITIONS // 20]  # the slow baselines get 20 positions
    analysis = analyze_scores(labels, scores, cost_fp=1.0, cost_fn=5.0)

    def sweep_update(t: float) -> object:
        c = analysis.sweep.counts_at(t)
        return (
            c.precision,
            c.recall,
            c.f_beta(1.0),
            c.accuracy,
            c.specificity,
            (analysis.cost_fp * c.fp + analysis.cost_fn * c.fn) / c.total,
        )

    def mask_update(t: float) -> object:
        c = confusion_at_threshold(labels, scores, t)
        return (c.precision, c.recall, c.f_beta(1.0), c.accuracy, c.specificity)

    def scratch_update(t: float) -> object:
        fresh = analyze_scores(labels, scores, cost_fp=1.0, cost_fn=5.0)
        return fresh.sweep.counts_at(t)

    def sklearn_update(t: float) -> object:
        from sklearn import metrics

        y = labels.astype(int)
        return (
            metrics.confusion_matrix(y, (scores >= t).astype(int)),
            metrics.precision_recall_curve(y, scores),
            metrics.roc_curve(y, scores),
            metrics.average_precision_score(y, scores),
            metrics.roc_auc_score(y, scores),
        )

    rows: list[tuple[str, float, float, float]] = []
    rows.append(("stats: sweep, binary search (ours)", *per_update_ms(sweep_update, drag)))
    rows.append(("stats: O(n) mask over all scores", *per_update_ms(mask_update, drag)))
    rows.append(("stats: recompute all from scratch", *per_update_ms(scratch_update, few)))
    rows.append(("stats: scikit-learn recompute", *per_update_ms(sklearn_update, few)))

    from PySide6.QtWidgets import QApplication

    from visualizers.core.registry import get
    from visualizers.pr_threshold.spec import DATASET_SYNTHETIC

    app = QApplication.instance() or QApplication(sys.argv)
    spec = get("pr_threshold")
    assert spec is not None
    view = spec.load_view_class()(spec)
    view.resize(1400, 900)
    view.show()
    view.set_params(dataset=DATASET_SYNTHETIC, n_samples=N, positive_rate=0.2, separation=1.5)
    app.processEvents()
    plots = view.plots

    def view_update(t: float) -> object:
        view.set_threshold(t)
        return None

    def view_update_screen(t: float) -> object:
        view.set_threshold(t)
        app.processEvents()  # Qt repaints what changed and flushes the window, as on screen
        return None

    def view_update_render(t: float) -> object:
        view.set_threshold(t)
        return plots.grab()  # paints every plot, the matrix and the numbers from scratch

    def view_scratch_render(t: float) -> object:
        fresh = analyze_scores(labels, scores, cost_fp=1.0, cost_fn=5.0)
        view.run_started(ThresholdSweepStepper(fresh, 100), None)  # re-sets every curve
        view.set_threshold(t)
        return plots.grab()

    rows.append(("view: update items (no paint)", *per_update_ms(view_update, drag[::4])))
    rows.append(("view: update + repaint (screen)", *per_update_ms(view_update_screen, drag[::4])))
    rows.append(("view: update + render all plots", *per_update_ms(view_update_render, drag[::4])))
    rows.append(("view: recompute + re-set + render", *per_update_ms(view_scratch_render, few)))
    view.shutdown()

    stats_base = rows[2][1]
    view_base = rows[-1][1]
    print(
        f"Dragging the threshold over {N:,} scores ({int(labels.sum()):,} positive); "
        f"budget {FRAME_MS:.1f} ms (60 Hz); {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    header = f"{'per threshold update':<36}{'median ms':>10}{'p95 ms':>9}{'CPU ms':>9}"
    print(header + f"{'vs scratch':>12}{'60 Hz?':>8}")
    for name, median, p95, cpu in rows:
        base = stats_base if name.startswith("stats") else view_base
        ratio = base / median if median > 0 else float("inf")
        fits = "yes" if median < FRAME_MS else "no"
        print(f"{name:<36}{median:>10.4f}{p95:>9.3f}{cpu:>9.3f}{ratio:>11.1f}x{fits:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
