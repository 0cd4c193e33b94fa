"""Launch to first shown window: the app against a bare PySide6 window, in the same run.

    python -m benchmarks.startup [--runs N] [--against OTHER_CHECKOUT]

Both are started as fresh processes the same way and timed from spawn until the child
reports its window is shown (the first event-loop turn after `show()`). Prints medians and
the ratio app / bare; the target is within 2x. With `--against`, the app of another
checkout (e.g. a worktree of main) is launched too, interleaved with the other two, so a
before/after comparison shares one run's machine load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

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


def time_launch(command: list[str], env: dict[str, str], cwd: str | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=cwd
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise RuntimeError(f"{command} exited with {proc.returncode} before showing a window")
    proc.wait(timeout=30)
    return elapsed


def measure(runs: int, against: str | None = None) -> dict[str, list[float]]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["ML_STUDIO_DATA_DIR"] = tempfile.mkdtemp(prefix="ml-studio-bench-")
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
    for command, folder in commands.values():  # warm the OS file cache once
        time_launch(command, env, folder)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so drift affects all alike
        for name, (command, folder) in commands.items():
            results[name].append(time_launch(command, env, folder))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--against", default=None, help="another checkout whose app is launched too"
    )
    args = parser.parse_args(argv)
    results = measure(args.runs, args.against)
    bare = statistics.median(results["bare PySide6 window"])
    print(
        f"launch to shown window, median of {args.runs} runs ({os.environ.get('QT_QPA_PLATFORM', 'offscreen')} platform)"
    )
    for name, times in results.items():
        median = statistics.median(times)
        print(
            f"  {name:<30} {median * 1000:8.0f} ms   (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})   {median / bare:5.2f}x bare"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
