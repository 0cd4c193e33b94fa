"""`python -m app.practice check NUMBER FILE`: grade a solution file from the command line.

Prints one line per case and a closing `N passed, M failed`. Exit status: 0 when every test
passes, 1 when any fails (time limits and crashes included), 2 for a usage error (unknown
problem, unreadable file). The frozen app offers the same as `--practice-check NUMBER FILE`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

USAGE = "usage: python -m app.practice check NUMBER FILE"


def check(number_text: str, file_text: str, out: TextIO) -> int:
    """Grades FILE against problem NUMBER, printing to `out`; returns the exit status."""
    from app.practice.grader import grade
    from app.practice.problems import all_problems

    try:
        number = int(number_text)
    except ValueError:
        print(f"NUMBER must be a whole number, got {number_text!r}\n{USAGE}", file=out)
        return 2
    problem = all_problems().get(number)
    if problem is None:
        known = ", ".join(str(n) for n in sorted(all_problems()))
        print(f"no practice problem {number}; known: {known}", file=out)
        return 2
    path = Path(file_text)
    try:
        if not path.is_file():
            raise OSError("not a regular file")
        code = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"cannot read {path}: {exc}", file=out)
        return 2
    print(f"Question {number}: {problem.title} — checking {path}", file=out)
    report = grade(problem, code)
    for item in report.cases:
        mark = "PASS" if item.passed else "FAIL"
        print(f"{mark}  [{item.case.kind}] {item.case.title}", file=out)
        if not item.passed:
            print(f"      input:    {item.case.shown_input}", file=out)
            print(f"      expected: {item.case.expected_text}", file=out)
            print(f"      why:      {item.message}", file=out)
            if item.traceback:
                for line in item.traceback.splitlines():
                    print(f"      | {line}", file=out)
    if report.problem:
        print(f"Note: {report.problem}", file=out)
    print(report.summary(), file=out)
    return 0 if report.all_passed else 1


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    stream = out or sys.stdout
    if len(args) != 3 or args[0] != "check":
        print(USAGE, file=stream)
        return 2
    return check(args[1], args[2], stream)
