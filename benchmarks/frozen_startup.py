"""Launch to first shown window: the frozen bundle against the source run, in the same session.

    python -m benchmarks.frozen_startup [--runs N] [--bundle dist/ml-interview-studio]

Both are spawned the same way (`--quit-after-shown`) and timed from spawn until the child
prints `shown_after_s=`; runs are interleaved so machine drift hits both alike. Needs the
bundle from `make dist`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.startup import time_launch

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "ml-interview-studio"


def measure(bundle: Path, runs: int) -> dict[str, list[float]]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["ML_STUDIO_DATA_DIR"] = tempfile.mkdtemp(prefix="ml-studio-bench-")
    commands = {
        "source (python -m app)": [sys.executable, "-m", "app", "--quit-after-shown"],
        "frozen one-folder bundle": [str(bundle / "ml-interview-studio"), "--quit-after-shown"],
    }
    for command in commands.values():  # warm the OS file cache once
        time_launch(command, env)
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(time_launch(command, env))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    args = parser.parse_args(argv)
    if not (args.bundle / "ml-interview-studio").exists():
        print(f"no frozen bundle at {args.bundle}: run `make dist` first")
        return 1
    results = measure(args.bundle, args.runs)
    source = statistics.median(results["source (python -m app)"])
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    print(f"launch to shown window, median of {args.runs} runs ({platform} platform)")
    for name, times in results.items():
        median = statistics.median(times)
        print(
            f"  {name:<26} {median * 1000:8.0f} ms   (min {min(times) * 1000:.0f}, "
            f"max {max(times) * 1000:.0f})   {median / source:5.2f}x source"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
