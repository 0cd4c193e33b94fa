"""Launch to first shown window: the app against a bare PySide6 window, in the same run.

    python -m benchmarks.startup [--runs N] [--against OTHER_CHECKOUT] [--phases] [--reviews N]

Both are started as fresh processes the same way and timed from spawn until the child
reports its window is shown (the first event-loop turn after `show()`). Prints medians and
the ratio app / bare; the target is within 2x. With `--against`, the app of another
checkout (e.g. a worktree of main) is launched too, interleaved with the other two, so a
before/after comparison shares one run's machine load. `--phases` also prints where the
app's time goes: the median length of each start-up phase `app/main.py` marks (Qt and the
interpreter up to the QApplication, the main window's imports, settings and theme,
content, progress store and study service, building the window, and the first turn of
the event loop), side by side for both checkouts when `--against` names one that marks
them too. `--reviews N` starts every launch on a progress file holding a learner's history
of N reviews (written by this checkout's store, with its card cache built), instead of an
empty one; `--against` a checkout with an older progress-file schema then compares the
migration too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1400, 900); w.setWindowTitle("bare"); w.show()
def done():
    print("shown", flush=True); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def time_launch(
    command: list[str],
    env: dict[str, str],
    cwd: str | None = None,
    phases: dict[str, list[float]] | None = None,
) -> float:
    """Seconds from spawn to the child's "shown" line; its phase marks go into `phases`."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=cwd
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("phase:") and phases is not None:
            previous = 0.0
            for item in line.split():
                name, _, ms = item.removeprefix("phase:").partition("=")
                phases.setdefault(name, []).append(float(ms) - previous)
                previous = float(ms)
        if line.startswith("shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise RuntimeError(f"{command} exited with {proc.returncode} before showing a window")
    proc.wait(timeout=30)
    return elapsed


def seed_history(folder: str, reviews: int) -> None:
    """`reviews` graded reviews spread over the library and ~two years, card cache built."""
    import random

    from app.content import load_library
    from app.store import ReviewRecord, Store
    from app.study.core.service import StudyService

    library = load_library()
    rng = random.Random(12)
    ids = [q.id for q in library.questions]
    at = time.time() - 2 * 365 * 86400
    step = 2 * 365 * 86400 / max(1, reviews)
    records = []
    for _ in range(reviews):
        at += rng.uniform(0.2, 1.8) * step
        grade = rng.choices((1, 2, 3, 4), weights=(1, 2, 6, 2))[0]
        records.append(ReviewRecord(uuid.uuid4().hex, rng.choice(ids), grade, round(at, 3)))
    with Store(Path(folder) / "progress.sqlite3") as store:
        store.import_reviews(records)
        StudyService(library, store).rebuild()


def measure(
    runs: int,
    against: str | None = None,
    phases: dict[str, dict[str, list[float]]] | None = None,
    reviews: int = 0,
) -> dict[str, list[float]]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Measure what a user's machine does: Python caches compiled bytecode (.pyc) after the
    # first run. Some sandboxes set PYTHONDONTWRITEBYTECODE, which would make every launch
    # recompile the app's modules (the bare window has none to compile).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app = [sys.executable, "-m", "app", "--quit-after-shown"]
    # (command, working folder): `python -m app` runs the checkout it is started in.
    commands: dict[str, tuple[list[str], str | None]] = {
        "bare PySide6 window": ([sys.executable, "-c", BARE], None),
        "ML Interview Studio": (app, None),
    }
    if against:
        commands[f"app in {against}"] = (app, against)
    # Each its own data folder: an older checkout's store meeting this one's newer progress
    # file (or the reverse) would move it aside or migrate it on every launch.
    envs = {
        name: {**env, "ML_STUDIO_DATA_DIR": tempfile.mkdtemp(prefix="ml-studio-bench-")}
        for name in commands
    }
    if reviews:
        for name in commands:
            seed_history(envs[name]["ML_STUDIO_DATA_DIR"], reviews)
    for name, (command, folder) in commands.items():  # warm the OS file cache once
        time_launch(command, envs[name], folder)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so drift affects all alike
        for name, (command, folder) in commands.items():
            marks = None if phases is None else phases.setdefault(name, {})
            results[name].append(time_launch(command, envs[name], folder, marks))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--against", default=None, help="another checkout whose app is launched too"
    )
    parser.add_argument("--phases", action="store_true", help="also print each start-up phase")
    parser.add_argument(
        "--reviews", type=int, default=0, help="a progress file with this many reviews"
    )
    args = parser.parse_args(argv)
    phases: dict[str, dict[str, list[float]]] | None = {} if args.phases else None
    results = measure(args.runs, args.against, phases, args.reviews)
    bare = statistics.median(results["bare PySide6 window"])
    history = f", {args.reviews} reviews in the progress file" if args.reviews else ""
    print(
        f"launch to shown window, median of {args.runs} runs ({os.environ.get('QT_QPA_PLATFORM', 'offscreen')} platform{history})"
    )
    for name, times in results.items():
        median = statistics.median(times)
        print(
            f"  {name:<30} {median * 1000:8.0f} ms   (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})   {median / bare:5.2f}x bare"
        )
    if phases:
        print_phases(phases)
    return 0


def print_phases(phases: dict[str, dict[str, list[float]]]) -> None:
    """Median milliseconds per phase, one column per app that reported phases."""
    apps = [name for name, marks in phases.items() if marks]
    names = list(dict.fromkeys(n for app in apps for n in phases[app]))
    print("\nstart-up phases, median ms (each from the end of the one before)")
    print(f"  {'phase':<16}" + "".join(f"{app[:28]:>30}" for app in apps))
    for name in names:
        cells = [phases[app].get(name) for app in apps]
        print(
            f"  {name:<16}"
            + "".join(f"{statistics.median(c):30.1f}" if c else f"{'—':>30}" for c in cells)
        )


if __name__ == "__main__":
    raise SystemExit(main())
