"""Mutation testing of the pure modules: `make mutation [MODULE=visualizers/x/state.py]`.

Runs mutmut (the `mutation` extra; configured under [tool.mutmut] in pyproject.toml) over
every `visualizers/*/algorithm.py` and `visualizers/*/state.py`, or only the modules named
on the command line, then prints, per module, how many mutants the unit tests killed. A
surviving mutant is a change to the code that no test noticed: `mutmut show NAME` prints it.
The goal is at least 85% killed per module. A whole run takes long (hours on two cores);
one module takes minutes to tens of minutes.

Usage: python -m tests.mutation [--report-only | --survivors] [visualizers/x/state.py ...]
(--survivors reruns only the mutants not killed last time, e.g. after new tests.)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
GOAL = 0.85
# mutmut's exit codes per mutant (its own status table): what the tests did to it.
KILLED = {1, 3, -24, 24, 36, 37, 152, 255, -9, -11}  # failed, crashed or timed out
SURVIVED = {0}
NO_TESTS = {5, 33}


def default_modules() -> list[Path]:
    found = [*ROOT.glob("visualizers/*/algorithm.py"), *ROOT.glob("visualizers/*/state.py")]
    return sorted(p.relative_to(ROOT) for p in found)


def dotted(module: Path) -> str:
    return ".".join(module.with_suffix("").parts)


def run(modules: list[Path]) -> int:
    """Run mutmut over these modules' mutants in one go; returns its exit status.

    One call for all of them: mutmut's coverage pass over the unit tests (minutes here)
    then runs once, not once per module.
    """
    command = [sys.executable, "-m", "mutmut", "run", *(f"{dotted(m)}.*" for m in modules)]
    print(f"mutmut: {', '.join(map(str, modules))} …", flush=True)
    return subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False).returncode


def survivors(module: Path) -> list[str]:
    """The module's mutants not killed in its last run: survived, no test, or not reached."""
    meta = MUTANTS / module.with_name(module.name + ".meta")
    if not meta.exists():
        return []
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return sorted(k for k, code in codes.items() if code is None or code in SURVIVED | NO_TESTS)


def rerun_survivors(modules: list[Path]) -> int:
    """Run only the last run's survivors again, against the tests as they are now.

    Killed mutants keep their result, which holds as long as no test was weakened since;
    the coverage map is collected afresh so new tests are found.
    """
    names = [name for module in modules for name in survivors(module)]
    print(f"mutmut: {len(names)} surviving mutants of {len(modules)} module(s) again …")
    if not names:
        return 0
    (MUTANTS / "mutmut-stats.json").unlink(missing_ok=True)
    command = [sys.executable, "-m", "mutmut", "run", *names]
    return subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False).returncode


def score(module: Path) -> tuple[Counter[str], float | None]:
    """Counts per outcome and the share killed (None before the module has been run)."""
    meta = MUTANTS / module.with_name(module.name + ".meta")
    if not meta.exists():
        return Counter(), None
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    counts: Counter[str] = Counter()
    for code in codes.values():
        if code is None:
            counts["not run"] += 1
        elif code in KILLED:
            counts["killed"] += 1
        elif code in SURVIVED:
            counts["survived"] += 1
        elif code in NO_TESTS:
            counts["no tests"] += 1
        else:
            counts[f"other ({code})"] += 1
    judged = counts["killed"] + counts["survived"] + counts["no tests"]
    return counts, (counts["killed"] / judged if judged else None)


def report(modules: list[Path]) -> bool:
    """Print the table; True when every judged module reaches the goal."""
    print(
        f"\n{'module':45} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'not run':>7}  share"
    )
    ok = True
    for module in modules:
        counts, share = score(module)
        total = sum(counts.values())
        text = "—" if share is None else f"{100 * share:.1f}%"
        if share is not None and share < GOAL:
            ok = False
            text += f"  (goal {100 * GOAL:.0f}%)"
        print(
            f"{module!s:45} {total:7} {counts['killed']:7} {counts['survived']:8} "
            f"{counts['no tests']:8} {counts['not run']:7}  {text}"
        )
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", type=Path, help="module paths (default: all)")
    parser.add_argument("--report-only", action="store_true", help="print the last results")
    parser.add_argument(
        "--survivors", action="store_true", help="rerun only the mutants not killed last time"
    )
    args = parser.parse_args(argv)
    modules = [Path(m) for m in args.modules] or default_modules()
    if args.survivors:
        rerun_survivors(modules)
    elif not args.report_only:
        # mutmut maps each function to the tests that cover it once, and keeps each
        # mutant's last result: tests written since would never run. So every module
        # starts afresh: its mutants regenerated (its mutated copy dropped), then the
        # coverage map collected again against them.
        (MUTANTS / "mutmut-stats.json").unlink(missing_ok=True)
        for module in modules:
            for path in (module, module.with_name(module.name + ".meta")):
                (MUTANTS / path).unlink(missing_ok=True)
        run(modules)
    report(modules)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
