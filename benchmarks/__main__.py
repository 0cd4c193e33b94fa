"""`make bench`: the summary table, then every detailed benchmark.

    python -m benchmarks            summary table + every benchmark module
    python -m benchmarks --summary  the summary table only

The summary measures, in one run on this machine: launch to first window against a bare
PySide6 window; for each registered visualizer the time from opening it to its first
frame on screen and the median time of one frame (step + synchronous repaint at
1280×800); peak resident memory with the main window and every visualizer open; and the
bundle size when `make dist` has built one. Each detailed module prints its own figures
against a baseline measured in the same run (matplotlib, scikit-learn, naive code).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DETAILED = (
    "benchmarks.startup",
    "benchmarks.gradient_descent_frame",
    "benchmarks.kmeans_lloyd",
    "benchmarks.kmeans_frame",
    "benchmarks.matrix_factorization_epoch",
    "benchmarks.pr_threshold_drag",
    "benchmarks.bundle_size",
    "benchmarks.frozen_startup",
)
FRAMES = 200


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def visualizer_rows() -> tuple[list[tuple[str, float, float, float]], float]:
    """(id, open-to-first-frame ms, median frame ms, p95 frame ms) per visualizer; peak MB."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ML_STUDIO_DATA_DIR"] = tempfile.mkdtemp(prefix="ml-studio-bench-")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.content import load_library
    from app.main_window import MainWindow
    from app.store import Store
    from visualizers.core.registry import all_specs

    folder = Path(os.environ["ML_STUDIO_DATA_DIR"])
    store = Store(folder / "p.sqlite3")
    window = MainWindow(
        load_library(), store, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    )
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    rows = []
    for spec in all_specs():
        start = time.perf_counter()
        view = window.open_visualizer(spec.id)
        assert view is not None, spec.id
        view.repaint()
        opened = (time.perf_counter() - start) * 1000
        player = view.player  # type: ignore[attr-defined]
        times = []
        for _ in range(FRAMES):
            t0 = time.perf_counter()
            if not player.step_forward():
                player.seek(0)
            view.repaint()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        rows.append((spec.id, opened, statistics.median(times), times[int(0.95 * len(times)) - 1]))
    app.processEvents()
    peak = peak_rss_mb()  # every visualizer is still open in its tab
    window.close()
    store.close()
    return rows, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--summary", action="store_true", help="only the summary table")
    args = parser.parse_args(argv)

    from benchmarks import startup

    launches = startup.measure(runs=5)
    bare = statistics.median(launches["bare PySide6 window"])
    ours = statistics.median(launches["ML Interview Studio"])
    rows, peak = visualizer_rows()

    print(f"Machine: {machine()}; Qt platform: {os.environ.get('QT_QPA_PLATFORM')}")
    print()
    print("| measurement | figure | baseline / target |")
    print("|---|---|---|")
    print(
        f"| launch to first window | {ours * 1000:.0f} ms | bare PySide6 window {bare * 1000:.0f} ms: **{ours / bare:.2f}x** (target ≤ 2x) |"
    )
    for spec_id, opened, median, p95 in rows:
        print(f"| {spec_id}: open → first frame | {opened:.0f} ms | |")
        print(
            f"| {spec_id}: frame (step + repaint) | median {median:.1f} ms, p95 {p95:.1f} ms | 60 Hz budget 16.7 ms |"
        )
    print(f"| peak memory, all {len(rows)} visualizers open | {peak:.0f} MB | target < 300 MB |")
    bundle = Path("dist/ml-interview-studio")
    if bundle.is_dir():
        from benchmarks.bundle_size import folder_size, megabytes

        size, files = folder_size(bundle)  # symlinked libraries counted once
        print(
            f"| bundle, unpacked | {megabytes(size):.0f} MB in {files} files | archives: python -m benchmarks.bundle_size |"
        )
    else:
        print("| bundle | not built | run `make dist` first |")
    if args.summary:
        return 0
    failed = []
    for module in DETAILED:
        print(f"\n=== {module} ===", flush=True)
        code = subprocess.call([sys.executable, "-m", module])
        if code != 0:
            failed.append(module)
    if failed:
        print(f"\nthese benchmarks did not complete: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
