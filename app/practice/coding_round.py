"""The mock interview's coding round: which problems to set, its clock and its summary (no Qt).

Like the real loop's coding interview: by default two problems (one machine learning from
scratch, one data structures and algorithms) sharing one 45-minute budget, written in the
practice editor and judged by the same grader. The learner may switch between the problems;
the time each one was in front is counted for it. When the budget runs out the round ends by
itself. The summary has the shape of the other mock interviews' summaries (``round``
"coding", one entry per problem) plus the coding fields, so it is kept in the same history.

Rounds of the earlier, separate coding-round window were kept as a JSON list under
``LEGACY_HISTORY_KEY``; `legacy_summaries` turns them into mock-interview summaries.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ROUND_MINUTES = 45
ROUND_PROBLEMS = 2
MIN_PROBLEMS, MAX_PROBLEMS = 1, 4
MIN_MINUTES, MAX_MINUTES = 10, 120
FIRST_DSA = 120  # problems 21–25 and 100–119 are ML from scratch, 120–199 DS&A
LEGACY_HISTORY_KEY = "practice/coding_rounds"
MODE = "coding"  # the summary's "mode" for a coding round


def clamp_plan(problems: int, minutes: int) -> tuple[int, int]:
    """The number of problems and the minutes, each brought within its sensible bounds."""
    return (
        max(MIN_PROBLEMS, min(MAX_PROBLEMS, int(problems))),
        max(MIN_MINUTES, min(MAX_MINUTES, int(minutes))),
    )


def is_ml(number: int) -> bool:
    return number < FIRST_DSA


def pick_problems(
    numbers: Iterable[int], rng: random.Random, count: int = ROUND_PROBLEMS
) -> list[int]:
    """`count` different problems, ML and DS&A taking turns (ML first) while both last."""
    pool = sorted(set(numbers))
    groups = [[n for n in pool if is_ml(n)], [n for n in pool if not is_ml(n)]]
    for group in groups:
        rng.shuffle(group)
    chosen: list[int] = []
    turn = 0
    while len(chosen) < count and (groups[0] or groups[1]):
        group = groups[turn % 2] or groups[(turn + 1) % 2]
        chosen.append(group.pop())
        turn += 1
    return chosen


@dataclass
class ProblemRecord:
    """What happened to one problem of the round."""

    number: int
    question_id: str
    title: str
    hints_available: int = 0
    runs: int = 0
    passed: int = 0  # in the last run
    failed: int = 0  # in the last run
    best_passed: int = 0
    hints: int = 0
    seconds: float = 0.0
    reached: bool = False
    tested_code: str | None = None  # the code of the last run
    final_code: str = ""

    @property
    def tests(self) -> int:
        return self.passed + self.failed

    @property
    def solved(self) -> bool:
        """Every test of the last run passed (and the learner ran it at least once)."""
        return self.runs > 0 and self.tests > 0 and self.failed == 0

    @property
    def score(self) -> float:
        """0–1: the share of tests the last run passed (0 without a run)."""
        return self.passed / self.tests if self.tests else 0.0

    @property
    def changed_after_run(self) -> bool:
        """The final code is not the code last tested (so the figures may not describe it)."""
        return self.tested_code is not None and self.final_code != self.tested_code


@dataclass
class CodingSession:
    """A running coding round; times are seconds from one monotonic clock (injected)."""

    problems: list[ProblemRecord]
    limit_s: float
    started_wall: float  # time.time() at the start, for the history
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    index: int = 0
    finished_wall: float | None = None
    _started: float | None = None
    _shown_since: float | None = None
    _ended: float | None = None

    def __post_init__(self) -> None:
        if not self.problems:
            raise ValueError("a coding round needs at least one problem")
        if self.limit_s <= 0:
            raise ValueError("a coding round needs some time")

    @property
    def current(self) -> ProblemRecord:
        return self.problems[self.index]

    @property
    def ended(self) -> bool:
        return self._ended is not None

    def start(self, now: float) -> None:
        self._started = self._shown_since = now
        self.current.reached = True

    def _deadline(self) -> float:
        assert self._started is not None, "the round has not started"
        return self._started + self.limit_s

    def elapsed(self, now: float) -> float:
        if self._started is None:
            return 0.0
        return (
            min(self._ended if self._ended is not None else now, self._deadline()) - self._started
        )

    def remaining(self, now: float) -> float:
        """Seconds left in the round (0 once the time is up)."""
        return max(0.0, self.limit_s - self.elapsed(now))

    def timed_out(self, now: float) -> bool:
        return self._started is not None and self.remaining(now) <= 0

    def _bank_time(self, now: float) -> None:
        """Add the time since the current problem came to the front to that problem."""
        if self._shown_since is not None and self._started is not None:
            until = min(now, self._deadline())
            self.current.seconds += max(0.0, until - self._shown_since)
            self._shown_since = until

    def show(self, index: int, now: float) -> ProblemRecord:
        """Bring problem `index` to the front (its clock starts; the other one's stops)."""
        if not 0 <= index < len(self.problems):
            raise IndexError(f"the round has {len(self.problems)} problem(s), not {index + 1}")
        if not self.ended:
            self._bank_time(now)
            self.index = index
            self.current.reached = True
        return self.current

    def record_run(self, number: int, passed: int, failed: int, code: str) -> None:
        """A test run of problem `number` finished (ignored once the round is over)."""
        if self.ended:
            return
        for record in self.problems:
            if record.number == number:
                record.runs += 1
                record.passed, record.failed = max(0, passed), max(0, failed)
                record.best_passed = max(record.best_passed, record.passed)
                record.tested_code = code

    def record_hint(self, number: int) -> None:
        """One more hint of problem `number` was revealed (never more than it has)."""
        if self.ended:
            return
        for record in self.problems:
            if record.number == number:
                record.hints = min(record.hints + 1, record.hints_available)

    def set_code(self, number: int, code: str) -> None:
        for record in self.problems:
            if record.number == number:
                record.final_code = code

    def end(self, now: float) -> None:
        """Stop the clock (the learner finished, or the time ran out)."""
        if self.ended:
            return
        self._bank_time(now)
        self._ended = min(now, self._deadline()) if self._started is not None else now
        self._shown_since = None

    @property
    def solved(self) -> int:
        return sum(1 for r in self.problems if r.solved)

    def summary(self, wall_now: float) -> dict[str, Any]:
        """What the history keeps (plain JSON types, no code): the mock-summary shape."""
        self.finished_wall = wall_now
        share = round(self.limit_s / len(self.problems), 1)
        questions = [
            {
                "round": "coding",
                "question_id": r.question_id,
                "number": r.number,
                "budget_s": share,
                "used_s": round(r.seconds, 1),
                "answered": r.reached,
                "scores": {},
                "score": round(r.score, 3),
                "tests_passed": r.passed,
                "tests_failed": r.failed,
                "best_passed": r.best_passed,
                "runs": r.runs,
                "hints": r.hints,
                "changed_after_run": r.changed_after_run,
            }
            for r in self.problems
        ]
        overall = round(sum(r.score for r in self.problems) / len(self.problems), 3)
        used = self.elapsed(self._ended if self._ended is not None else self._started or 0.0)
        return {
            "version": 1,
            "mode": MODE,
            "uid": self.uid,
            "started_at": self.started_wall,
            "finished_at": wall_now,
            "limit_s": round(self.limit_s, 1),
            "timed_out": used >= self.limit_s,
            "solved": self.solved,
            "questions": questions,
            "rounds": {"coding": overall},
            "overall": overall,
            "time_used_s": round(used, 1),
            "over_time": 0,
        }


def reference_source(reference: str) -> str:
    """The reference solution's source ("module:function", or "module:a+b" for two)."""
    from app.implementation import load_implementation

    module, _, names = reference.partition(":")
    parts = []
    for name in names.split("+"):
        impl = load_implementation(f"{module}:{name}")
        parts.append(impl.source or f"# {impl.problem}")
    return "\n\n".join(parts)


def verdict(record: ProblemRecord) -> str:
    """One plain phrase for a problem's outcome."""
    if record.runs == 0:
        return "never run"
    if record.solved:
        return "solved"
    return f"{record.passed} of {record.tests} tests passed"


def describe_problems(summary: object, title_of: Callable[[int], str | None]) -> str:
    """A saved round's problems in one line each ("Q21 Cosine similarity: 3/12 tests, 2
    runs, 1 hint"), for the history; fields that are missing or malformed are left out."""
    questions = summary.get("questions") if isinstance(summary, dict) else None
    if not isinstance(questions, list):
        return ""
    lines = []
    for q in questions[: MAX_PROBLEMS * 5]:
        if not isinstance(q, dict):
            continue
        number = q.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            continue
        title = title_of(number) or ""
        parts = []
        passed, failed = q.get("tests_passed"), q.get("tests_failed")
        if isinstance(passed, int) and isinstance(failed, int) and passed + failed > 0:
            parts.append(f"{passed}/{passed + failed} tests")
        for key, word in (("runs", "run"), ("hints", "hint")):
            value = q.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                parts.append(f"{value} {word}{'' if value == 1 else 's'}")
        lines.append(f"Q{number} {title}".rstrip() + (": " + ", ".join(parts) if parts else ""))
    return "\n".join(lines)


def _number(value: object, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if low <= value <= high else None


def legacy_summaries(
    text: str | None, question_ids: Mapping[int, str]
) -> list[tuple[str, float, float, dict[str, Any]]]:
    """Rounds saved by the old coding-round window as (uid, started, finished, summary).

    The uid is derived from the saved round, so migrating twice adds nothing twice. Rounds
    that don't have the old shape, or name a problem the library doesn't have, are skipped.
    """
    try:
        rounds = json.loads(text) if text else []
    except (ValueError, RecursionError):
        return []
    if not isinstance(rounds, list):
        return []
    out: list[tuple[str, float, float, dict[str, Any]]] = []
    for entry in rounds[:200]:
        if not isinstance(entry, dict):
            continue
        started = _number(entry.get("started_at"), 946684800.0, 1e10)
        seconds = _number(entry.get("seconds"), 0.0, 1e6)
        limit = _number(entry.get("limit_seconds"), 1.0, 1e6)
        outcomes = entry.get("outcomes")
        if started is None or seconds is None or limit is None or not isinstance(outcomes, list):
            continue
        questions: list[dict[str, Any]] = []
        for o in outcomes[: MAX_PROBLEMS * 5]:
            if not isinstance(o, dict):
                break
            number, passed, total = o.get("number"), o.get("passed"), o.get("total")
            hints, spent = o.get("hints"), _number(o.get("seconds"), 0.0, 1e6)
            if not (
                isinstance(number, int)
                and number in question_ids
                and isinstance(passed, int)
                and isinstance(total, int)
                and 0 <= passed <= total <= 10_000
                and isinstance(hints, int)
                and 0 <= hints <= 100
                and spent is not None
            ):
                break
            questions.append(
                {
                    "round": "coding",
                    "question_id": question_ids[number],
                    "number": number,
                    "budget_s": round(limit / len(outcomes), 1),
                    "used_s": round(spent, 1),
                    "answered": True,
                    "scores": {},
                    "score": round(passed / total, 3) if total else 0.0,
                    "tests_passed": passed,
                    "tests_failed": total - passed,
                    "best_passed": passed,
                    "runs": 1 if total else 0,
                    "hints": hints,
                    "changed_after_run": False,
                }
            )
        else:
            if not questions:
                continue
            overall = round(sum(q["score"] for q in questions) / len(questions), 3)
            digest = hashlib.sha256(json.dumps(entry, sort_keys=True).encode()).hexdigest()[:32]
            summary = {
                "version": 1,
                "mode": MODE,
                "uid": digest,
                "started_at": started,
                "finished_at": started + seconds,
                "limit_s": round(limit, 1),
                "timed_out": seconds >= limit,
                "solved": sum(1 for q in questions if q["score"] == 1.0),
                "questions": questions,
                "rounds": {"coding": overall},
                "overall": overall,
                "time_used_s": round(min(seconds, limit), 1),
                "over_time": 0,
            }
            out.append((digest, started, started + seconds, summary))
    return out
