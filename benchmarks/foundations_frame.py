"""Benchmark: one animation frame of each foundational visualizer (questions 1, 3, 4, 5).

Run offscreen: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.foundations_frame`
(`--frames N`, default 200; `--rounds N`, default 3).

A frame is what the app does between two timer ticks with the player paused (its worst
case: the explanation is refreshed on every step): one `step_forward()` (computing the
next frame the first time round, indexing the history afterwards), `show_frame`, the
explanation and step counter, then `processEvents()`, in which Qt repaints and flushes,
with the view at the size the app opens a tab (1200×800). These runs are short (seven
methods, five folds…), so at the end of a run the player seeks back to frame 0; that
seek is a frame too. Each visualizer runs the preset that draws the most: the double-
descent fan (100 fits), ten features with a long coordinate-descent trail, ten folds,
and the 70%-missing table. The gradient-descent visualizer with its defaults is timed
the same way as a reference.

Reports wall time (perf_counter) and CPU time of this process (process_time), median
and p95 per round; on a shared, loaded machine trust CPU time more than wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1200, 800)
WARMUP = 10
SCENARIOS: tuple[tuple[str, str], ...] = (
    ("bias_variance", "double_descent"),
    ("regularization", "correlated"),
    ("cross_validation", "rare_positives"),
    ("missing_data", "heavy"),
    # Reference: an existing visualizer measured the same way, in the same run and load.
    ("gradient_descent", ""),
)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_frames(visualizer: str, preset: str, frames: int) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from visualizers.core.registry import get

    app = QApplication.instance() or QApplication([])
    spec = get(visualizer)
    assert spec is not None, f"{visualizer} is not registered"
    view = spec.load_view_class()(spec)
    view.resize(*SIZE)
    view.show()
    if preset:
        view.set_params(**spec.preset_values(preset))
    app.processEvents()

    def frame() -> None:
        if not view.player.step_forward():
            view.player.seek(0)
        app.processEvents()

    for _ in range(WARMUP):
        frame()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(frames):
        w, c = time.perf_counter(), time.process_time()
        frame()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    view.shutdown()
    view.deleteLater()
    app.processEvents()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--frames", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"Frame (step + repaint), {SIZE[0]}×{SIZE[1]} view, offscreen, {args.frames} frames")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    header = (
        f"{'round':<6}{'visualizer (preset)':<38}{'wall med':>9}{'p95':>7}{'cpu med':>9}{'p95':>7}"
    )
    print(header)
    print("-" * len(header))
    medians: dict[str, list[float]] = {}
    for number in range(1, args.rounds + 1):
        for visualizer, preset in SCENARIOS:
            wall, cpu = time_frames(visualizer, preset, args.frames)
            label = f"{visualizer} ({preset})"
            medians.setdefault(label, []).append(statistics.median(cpu) * 1000)
            print(
                f"{number:<6}{label:<38}{statistics.median(wall) * 1000:>9.2f}"
                f"{_p95(wall) * 1000:>7.2f}{statistics.median(cpu) * 1000:>9.2f}"
                f"{_p95(cpu) * 1000:>7.2f}"
            )
    print(f"\nmedian CPU ms per frame over {args.rounds} rounds:")
    for label, values in medians.items():
        print(f"  {label:<38}{statistics.median(values):>6.2f} ms")


if __name__ == "__main__":
    main()
