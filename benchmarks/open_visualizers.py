"""Menu → first frame of each visualizer, this checkout against others, by one harness.

    python -m benchmarks.open_visualizers [--runs N] [--sync-repaint] [--against CHECKOUT ...]

`python -m benchmarks` measures the same figure with the harness of the checkout it runs
in, so a before/after table built from two checkouts' own summaries compares two
harnesses as well as two apps (an older one used a smaller window and no settling turn
between tabs). Here one script drives every checkout the same way, each in a fresh
process, interleaved run by run so they share the machine's load: the main window at
1400×900 with the navigation pane, shown, then each visualizer that every checkout has
opened in turn from the same call the menu makes (`MainWindow.open_visualizer`) and timed
to its first frame by `benchmarks/first_frame.py` (its source is run in every checkout's
process), the event loop then run for half a second before the next (`settle`: what the
view started after its first frame finishes, as when a learner opens visualizers a few
seconds apart). `--sync-repaint` times `open_visualizer` plus a synchronous `repaint()`
instead, as summaries before this one did. Prints the median (min–max) per visualizer and
checkout and the ratio to this checkout, then for each other checkout the median of the
run-by-run ratios (run i of each checkout ran back to back) and how many runs this
checkout was the faster.

Every checkout's sources are compiled to bytecode first (`compileall`), as an installed
app has them: with ``PYTHONDONTWRITEBYTECODE`` set (as in some shells and CI runners) an
uncompiled checkout would otherwise compile each module from source on every open, which
costs more for the checkout with more code and says nothing about the app.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
FIRST_FRAME = Path(__file__).with_name("first_frame.py")

OPEN = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
folder = Path(os.environ["ML_STUDIO_DATA_DIR"])
settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
window = MainWindow(load_library(), Store(folder / "p.sqlite3"), settings)
window.resize(1400, 900)
window.show()
app.processEvents()
if hasattr(window, "finish_startup"):
    window.finish_startup()
sync = os.environ.get("ML_STUDIO_BENCH_SYNC_REPAINT") == "1"
opened = {}
for spec_id in sys.argv[1:]:
    _, opened[spec_id] = measure_open(app, window, spec_id, sync_repaint=sync)
    settle(app)
print(json.dumps(opened), flush=True)
os._exit(0)  # no teardown: a worker thread still running would abort it, and it's not timed
"""


def visualizer_ids(checkout: Path) -> list[str]:
    """The ids of `checkout`'s visualizers (a folder with a spec and a view), sorted."""
    return sorted(
        p.parent.name
        for p in (checkout / "visualizers").glob("*/view.py")
        if (p.parent / "spec.py").is_file()
    )


def common_ids(checkouts: list[Path]) -> list[str]:
    """The visualizers every checkout has, in this checkout's catalog order."""
    from visualizers.core.catalog import VISUALIZER_IDS

    shared = set.intersection(*(set(visualizer_ids(c)) for c in checkouts))
    return [i for i in VISUALIZER_IDS if i in shared]


def compile_sources(checkout: Path) -> None:
    """Write the bytecode of `checkout`'s app and visualizers, as an installed app has it."""
    for package in ("app", "visualizers"):
        compileall.compile_dir(checkout / package, quiet=2, workers=1)


def open_once(checkout: Path, ids: list[str], sync_repaint: bool) -> dict[str, float]:
    """One fresh process of `checkout`: milliseconds to the first frame per visualizer."""
    env = dict(os.environ)
    env["ML_STUDIO_BENCH_SYNC_REPAINT"] = "1" if sync_repaint else "0"
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(checkout)
    with tempfile.TemporaryDirectory(prefix="ml-studio-open-") as data:
        env["ML_STUDIO_DATA_DIR"] = data
        out = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME.read_text(encoding="utf-8") + OPEN, *ids],
            capture_output=True,
            text=True,
            check=True,
            cwd=checkout,
            env=env,
            timeout=300,
        )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(
    runs: int, against: list[Path], sync_repaint: bool = False
) -> tuple[list[str], dict[Path, dict[str, list[float]]]]:
    """(the visualizers opened, per checkout and visualizer the milliseconds of every run)."""
    checkouts = [HERE, *against]
    for checkout in checkouts:
        compile_sources(checkout)
    ids = common_ids(checkouts)
    times: dict[Path, dict[str, list[float]]] = {c: {i: [] for i in ids} for c in checkouts}
    for _ in range(runs):
        for checkout in checkouts:
            for spec_id, ms in open_once(checkout, ids, sync_repaint).items():
                times[checkout][spec_id].append(ms)
    return ids, times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per checkout")
    parser.add_argument(
        "--sync-repaint",
        action="store_true",
        help="time open_visualizer + a synchronous repaint (the older summaries' measure)",
    )
    parser.add_argument(
        "--against", type=Path, action="append", default=[], help="another checkout to compare"
    )
    args = parser.parse_args(argv)
    against = [p.resolve() for p in args.against]
    ids, times = measure(args.runs, against, args.sync_repaint)
    checkouts = [HERE, *against]
    how = "open + synchronous repaint" if args.sync_repaint else "first frame painted"
    print(f"menu → first frame ({how}), ms, median (min–max) of {args.runs} runs, interleaved")
    header = "".join(f"{('this' if c == HERE else c.name):>26}" for c in checkouts)
    print(f"  {'visualizer':<22}{header}")
    for spec_id in ids:
        ours = statistics.median(times[HERE][spec_id])
        cells = []
        for checkout in checkouts:
            values = times[checkout][spec_id]
            median = statistics.median(values)
            ratio = "" if checkout == HERE else f" {median / ours:4.2f}x"
            cells.append(f"{median:6.1f} ({min(values):.0f}–{max(values):.0f}){ratio}")
        print(f"  {spec_id:<22}" + "".join(f"{cell:>26}" for cell in cells))
    for checkout in against:
        # Run i of both checkouts ran back to back: their ratio cancels most of the load
        # drift that widens the ranges above.
        print(f"paired, run by run: {checkout.name} / this, median ratio; runs this was faster")
        for spec_id in ids:
            pairs = list(zip(times[checkout][spec_id], times[HERE][spec_id], strict=True))
            ratios = [other / ours for other, ours in pairs]
            faster = sum(other > ours for other, ours in pairs)
            print(f"  {spec_id:<22}{statistics.median(ratios):>8.2f}x{faster:>8} of {len(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
