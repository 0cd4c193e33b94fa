"""Grades a learner's solution: runs a problem's cases in the child, judges each one (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from app.practice.cases import Case
from app.practice.problems import Problem
from app.practice.runner import RunOutcome, run_solution


@dataclass(frozen=True)
class CaseReport:
    case: Case
    passed: bool
    message: str  # why it failed ("" when it passed)
    got: str  # what the learner's code returned or raised
    traceback: str = ""
    stdout: str = ""


@dataclass(frozen=True)
class Report:
    number: int
    cases: tuple[CaseReport, ...]
    problem: str | None  # a run-level problem: time limit, crash, file that doesn't load
    seconds: float

    @property
    def passed(self) -> int:
        return sum(1 for c in self.cases if c.passed)

    @property
    def failed(self) -> int:
        return len(self.cases) - self.passed

    @property
    def all_passed(self) -> bool:
        return bool(self.cases) and self.failed == 0

    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed"


def grade(problem: Problem, code: str, *, time_limit: float | None = None) -> Report:
    """Runs every case of `problem` against `code` in one child process and judges the results."""
    cases = problem.build_cases()
    calls = [{**case.call, "id": case.id} for case in cases]
    outcome = run_solution(code, calls, time_limit=time_limit or problem.time_limit)
    return judge(problem.number, cases, outcome)


def judge(number: int, cases: list[Case], outcome: RunOutcome) -> Report:
    """Turns a run's raw results into a pass/fail verdict per case."""
    from app.practice.cases import show

    reports: list[CaseReport] = []
    for case in cases:
        result = outcome.results.get(case.id)
        if outcome.load_error is not None:
            error = outcome.load_error
            message = f"your file could not be loaded: {error.error_type}: {error.error_message}"
            reports.append(CaseReport(case, False, message, "", error.traceback, error.stdout))
        elif result is None:
            if outcome.interrupted_call == case.id:
                message = outcome.problem or "the test did not finish"
            else:
                message = "not run: " + (outcome.problem or "the test process stopped early")
            reports.append(CaseReport(case, False, message, "(no result)"))
        else:
            try:
                verdict = case.check(result)
            except Exception as exc:  # a result shaped in a way no check foresaw
                verdict = f"the result could not be checked ({type(exc).__name__}: {exc})"
            got = (
                show(result.value) if result.ok else f"{result.error_type}: {result.error_message}"
            )
            reports.append(
                CaseReport(
                    case, verdict is None, verdict or "", got, result.traceback, result.stdout
                )
            )
    return Report(number, tuple(reports), outcome.problem, outcome.seconds)
