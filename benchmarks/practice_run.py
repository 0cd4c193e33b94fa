"""Benchmark: what running a learner's code in a limited child process costs.

Run: `.venv/bin/python -m benchmarks.practice_run`.

For a few problems, the time to grade a correct file end to end (`grade`: start the child,
send the calls, read the JSON lines, judge) against the baseline of calling the same
reference functions in-process on the same cases (what an unsafe grader that imports the
learner's file would spend). Also the bare cost of one child with no calls, and the time an
endless loop takes to be reported at a 2 s limit. Medians of wall time over a few runs.
"""

from __future__ import annotations

import inspect
import statistics
import time
from collections.abc import Callable
from functools import partial

from app.practice import reference_dsa, reference_ml
from app.practice.child import decode_value
from app.practice.grader import grade
from app.practice.problems import all_problems
from app.practice.runner import run_solution

REFERENCES = "\n".join(
    inspect.getsource(m).replace("from __future__ import annotations\n", "")
    for m in (reference_ml, reference_dsa)
)
PROBLEMS = (100, 102, 120, 126, 134)


def median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(number: int) -> None:
    """The unsafe baseline: call the reference directly on every case's arguments."""
    namespace = {**vars(reference_ml), **vars(reference_dsa)}
    for case in all_problems()[number].build_cases():
        target = namespace[case.call["target"]]
        args = decode_value(case.call["args"])
        try:
            if case.call["kind"] == "call":
                target(*args)
            elif case.call["kind"] == "session":
                instance = target(*args)
                for method, method_args in case.call["ops"]:
                    getattr(instance, method)(*decode_value(method_args))
            else:
                for seed in case.call["seeds"]:
                    args[case.call["seed_index"]] = seed
                    target(*args)
        except ValueError:
            pass


def main() -> None:
    bare = median_seconds(lambda: run_solution("", []))
    print(f"child with no calls (python -I, NumPy import, limits): {bare * 1000:.0f} ms")
    print(f"{'problem':>8} {'cases':>6} {'child ms':>9} {'in-proc ms':>11} {'ratio':>6}")
    for number in PROBLEMS:
        problem = all_problems()[number]
        cases = len(problem.build_cases())
        child = median_seconds(partial(grade, problem, REFERENCES))
        direct = median_seconds(partial(in_process, number))
        print(
            f"{number:>8} {cases:>6} {child * 1000:>9.0f} {direct * 1000:>11.1f} {child / direct:>6.1f}"
        )
    loop = "def cosine_similarity(a, b):\n    while True:\n        pass\n"
    stopped = median_seconds(lambda: grade(all_problems()[21], loop, time_limit=2.0), repeats=1)
    print(f"endless loop reported after {stopped:.2f} s (limit 2 s)")


if __name__ == "__main__":
    main()
