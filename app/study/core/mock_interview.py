"""Mock interview sessions: the plan, the question draw, the clock and the rubric (no Qt).

A session follows the real loop (screening, coding, ML system design, theory): each round
draws questions tagged with that round in `rounds`, each question has its own countdown,
and at the end the user scores each answer on the round's rubric. The clock is injected
(`now` arguments, seconds from `time.monotonic()`), so the logic is tested without waiting.
The other mode, a coding round (problems in the practice editor, judged by the grader), has
its own session in `app.practice.coding_round`; both keep the same summary shape.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.content import Question
from app.study.core.scheduler import suggest_grade

ROUND_ORDER: tuple[str, ...] = ("screening", "coding", "system-design", "theory")
ROUND_TITLES: dict[str, str] = {
    "screening": "Screening",
    "coding": "Coding",
    "system-design": "ML system design",
    "theory": "Theory deep-dive",
}
RUBRICS: dict[str, tuple[str, ...]] = {
    "screening": (
        "Clear, correct definition",
        "Intuition in plain words",
        "A concrete example",
        "Concise (under two minutes)",
    ),
    "coding": (
        "Clarified inputs, outputs and edge cases",
        "Correct, working solution",
        "Time and memory complexity",
        "Tested it (small example, edge cases)",
    ),
    # The steps of a design answer, in the order an interviewer expects them.
    "system-design": (
        "Requirements",
        "Data",
        "Candidate generation",
        "Ranking",
        "Evaluation",
        "Serving",
    ),
    "theory": (
        "The maths is right",
        "Intuition behind the maths",
        "Trade-offs and failure modes",
        "Handled the follow-up questions",
    ),
}
SCORE_LABELS = ("Missed", "Partly", "Covered")  # 0, 1, 2 per rubric item
SUMMARY_VERSION = 1
# What a session is: question rounds scored on the rubric, or a coding round judged by the
# grader (`app/practice/coding_round.py`). A summary without "mode" is a question session.
MODE_TITLES: dict[str, str] = {"questions": "Question rounds", "coding": "Coding round"}


@dataclass(frozen=True)
class RoundPlan:
    round: str
    questions: int
    seconds_per_question: int


PRESETS: dict[str, tuple[RoundPlan, ...]] = {
    "quick": (
        RoundPlan("screening", 1, 3 * 60),
        RoundPlan("coding", 1, 10 * 60),
        RoundPlan("system-design", 1, 12 * 60),
        RoundPlan("theory", 1, 5 * 60),
    ),
    "full": (
        RoundPlan("screening", 3, 4 * 60),
        RoundPlan("coding", 1, 25 * 60),
        RoundPlan("system-design", 1, 30 * 60),
        RoundPlan("theory", 2, 8 * 60),
    ),
}


@dataclass(frozen=True)
class Slot:
    """One question of the session, in one round, with its time budget."""

    round: str
    question_id: str
    seconds: int


def draw_questions(
    questions: Sequence[Question],
    plan: Sequence[RoundPlan],
    rng: random.Random,
    weakness: dict[str, float] | None = None,
) -> list[Slot]:
    """Questions for each round, none repeated; weaker questions (higher weight) come first.

    A round with too few matching questions gets as many as exist.
    """
    weakness = weakness or {}
    used: set[str] = set()
    slots: list[Slot] = []
    for round_plan in sorted(plan, key=lambda p: ROUND_ORDER.index(p.round)):
        pool = [q for q in questions if round_plan.round in q.rounds and q.id not in used]
        # Prefer questions whose *main* round this is (the first listed), then weak ones.
        pool.sort(
            key=lambda q: (
                0 if q.rounds and q.rounds[0] == round_plan.round else 1,
                -weakness.get(q.id, 0.5) + rng.random() * 0.6,
            )
        )
        for q in pool[: round_plan.questions]:
            used.add(q.id)
            slots.append(Slot(round_plan.round, q.id, round_plan.seconds_per_question))
    return slots


@dataclass
class MockSession:
    """A running mock interview; all times are seconds from one monotonic clock."""

    slots: list[Slot]
    started_wall: float  # time.time() at start, for the history
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    index: int = 0
    used_seconds: list[float] = field(default_factory=list)
    scores: list[dict[str, int]] = field(default_factory=list)
    finished_wall: float | None = None
    reached: set[int] = field(default_factory=set)
    _slot_started: float | None = None

    def __post_init__(self) -> None:
        if not self.slots:
            raise ValueError("a mock interview needs at least one question")
        self.used_seconds = [0.0] * len(self.slots)
        self.scores = [{} for _ in self.slots]

    # -- the clock --------------------------------------------------------------------------

    def start(self, now: float) -> None:
        self._slot_started = now
        self.reached.add(self.index)

    @property
    def current(self) -> Slot | None:
        return self.slots[self.index] if self.index < len(self.slots) else None

    def elapsed(self, now: float) -> float:
        if self._slot_started is None:
            return self.used_seconds[min(self.index, len(self.slots) - 1)]
        return now - self._slot_started

    def remaining(self, now: float) -> float:
        """Seconds left for the current question (negative once over time)."""
        slot = self.current
        return 0.0 if slot is None else slot.seconds - self.elapsed(now)

    def next_question(self, now: float) -> Slot | None:
        """Stop the current question's clock and move on; None when the answers are done."""
        if self.current is None:
            return None
        if self._slot_started is not None:
            self.used_seconds[self.index] = now - self._slot_started
        self.index += 1
        self._slot_started = now if self.current is not None else None
        if self.current is not None:
            self.reached.add(self.index)
        return self.current

    def end_answers(self, now: float) -> None:
        """Stop early: the remaining questions are left unanswered."""
        if self.current is not None and self._slot_started is not None:
            self.used_seconds[self.index] = now - self._slot_started
        self.index = len(self.slots)
        self._slot_started = None

    @property
    def answered(self) -> list[int]:
        """Indices of the questions the user reached."""
        return sorted(self.reached)

    # -- the rubric -------------------------------------------------------------------------

    def rubric(self, slot_index: int) -> tuple[str, ...]:
        return RUBRICS[self.slots[slot_index].round]

    def set_score(self, slot_index: int, item: str, score: int) -> None:
        if item not in self.rubric(slot_index):
            raise ValueError(f"{item!r} is not on the {self.slots[slot_index].round} rubric")
        if score not in (0, 1, 2):
            raise ValueError("a rubric score is 0 (missed), 1 (partly) or 2 (covered)")
        self.scores[slot_index][item] = score

    def slot_score(self, slot_index: int) -> float:
        """0–1: the share of rubric points earned (unscored items count as missed)."""
        items = self.rubric(slot_index)
        return sum(self.scores[slot_index].get(i, 0) for i in items) / (2 * len(items))

    def suggested_rating(self, slot_index: int) -> int:
        items = self.rubric(slot_index)
        points = sum(self.scores[slot_index].get(i, 0) for i in items)
        return suggest_grade(points, 2 * len(items))

    def finish(self, wall_now: float) -> dict[str, Any]:
        self.finished_wall = wall_now
        return self.summary()

    def summary(self) -> dict[str, Any]:
        """What the history keeps: plain JSON types only."""
        per_round: dict[str, list[float]] = {}
        questions: list[dict[str, Any]] = []
        scored: list[float] = []
        for i, slot in enumerate(self.slots):
            reached = i in self.reached
            # A question never reached scores 0: skipping half the loop is not a 75 %.
            score = self.slot_score(i) if reached else 0.0
            per_round.setdefault(slot.round, []).append(score)
            scored.append(score)
            questions.append(
                {
                    "round": slot.round,
                    "question_id": slot.question_id,
                    "budget_s": slot.seconds,
                    "used_s": round(self.used_seconds[i], 1),
                    "answered": reached,
                    "scores": dict(self.scores[i]),
                    "score": round(score, 3),
                }
            )
        rounds = {r: round(sum(v) / len(v), 3) for r, v in per_round.items()}
        return {
            "version": SUMMARY_VERSION,
            "uid": self.uid,
            "started_at": self.started_wall,
            "finished_at": self.finished_wall,
            "questions": questions,
            "rounds": rounds,
            "overall": round(sum(scored) / len(scored), 3) if scored else 0.0,
            "time_used_s": round(sum(self.used_seconds), 1),
            "over_time": sum(
                1 for i, s in enumerate(self.slots) if self.used_seconds[i] > s.seconds
            ),
        }


def summary_mode(summary: object) -> str:
    """ "coding" for a coding round's summary, else "questions" (also for anything malformed)."""
    if isinstance(summary, dict) and summary.get("mode") == "coding":
        return "coding"
    return "questions"


def summary_to_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=True)


def format_clock(seconds: float) -> str:
    """'12:05', or '−0:42' once over time."""
    sign = "−" if seconds < 0 else ""
    total = int(abs(seconds) + (0 if seconds < 0 else 0.999))
    return f"{sign}{total // 60}:{total % 60:02d}"
