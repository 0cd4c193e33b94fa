"""A timed coding round: which problems to set, and the summary of how it went (no Qt).

Like the real loop's coding interview: two problems (one machine-learning, one data
structures and algorithms) in 45 minutes, written in the practice editor and judged by the
same grader. A round is saved as JSON under one key of the store's key-value table.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ROUND_MINUTES = 45
HISTORY_KEY = "practice/coding_rounds"
MAX_KEPT = 50


def pick_problems(numbers: Iterable[int], seed: int, count: int = 2) -> list[int]:
    """One ML problem (21–25, 100–119) and one DSA problem (120–199), then any others."""
    pool = sorted(set(numbers))
    rng = random.Random(seed)
    ml = [n for n in pool if n < 120]
    dsa = [n for n in pool if n >= 120]
    chosen: list[int] = []
    for group in (ml, dsa):
        if group and len(chosen) < count:
            chosen.append(rng.choice(group))
    rest = [n for n in pool if n not in chosen]
    rng.shuffle(rest)
    return chosen + rest[: max(0, count - len(chosen))]


@dataclass(frozen=True)
class ProblemOutcome:
    number: int
    title: str
    passed: int  # tests passed in the best run
    total: int
    seconds: float  # time spent on this problem
    hints: int
    reference_shown: bool

    @property
    def solved(self) -> bool:
        """All tests passed without looking at the reference."""
        return self.total > 0 and self.passed == self.total and not self.reference_shown


@dataclass(frozen=True)
class RoundSummary:
    started_at: float
    seconds: float
    limit_seconds: float
    outcomes: tuple[ProblemOutcome, ...]

    @property
    def solved(self) -> int:
        return sum(1 for o in self.outcomes if o.solved)

    def lines(self) -> list[str]:
        """The summary as short sentences, one per problem, then the verdict."""
        out = []
        for o in self.outcomes:
            status = (
                "solved"
                if o.solved
                else (
                    "all tests pass, after the reference"
                    if o.total and o.passed == o.total
                    else f"{o.passed}/{o.total} tests"
                )
            )
            if o.total == 0:
                status = "no test run"
            out.append(
                f"Q{o.number} {o.title}: {status}, {o.seconds / 60:.0f} min, "
                f"{o.hints} hint(s){', reference shown' if o.reference_shown else ''}"
            )
        over = " (time ran out)" if self.seconds >= self.limit_seconds else ""
        out.append(
            f"{self.solved} of {len(self.outcomes)} solved in {self.seconds / 60:.0f} of "
            f"{self.limit_seconds / 60:.0f} minutes{over}."
        )
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "started_at": self.started_at,
            "seconds": self.seconds,
            "limit_seconds": self.limit_seconds,
            "outcomes": [asdict(o) for o in self.outcomes],
        }


def append_history(existing: str | None, summary: RoundSummary) -> str:
    """The stored history with `summary` appended (the last MAX_KEPT rounds)."""
    try:
        rounds = json.loads(existing) if existing else []
        if not isinstance(rounds, list):
            rounds = []
    except ValueError:
        rounds = []
    rounds.append(summary.to_json())
    return json.dumps(rounds[-MAX_KEPT:])
