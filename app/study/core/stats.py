"""Progress figures for the dashboard, computed from the review log and cards (no Qt).

- studied: questions reviewed at least once or marked studied;
- due: questions whose card is due now (new questions are not "due");
- retention: the share of reviews after the first that were not graded Again (Hard counts
  as recalled, as in Anki's "true retention"), over the last `window_days`;
- recall now: FSRS's predicted probability of recalling each studied question today;
- weakest questions: ranked by real recall (the share of a question's reviews not graded
  Again), then lapses, then predicted recall;
- time studied: real activity (answering, visualizers, mock interviews) per local day; a
  day from before activity was logged falls back to its review durations;
- due forecast: how many cards fall due on each of the next days (overdue ones today);
- calibration: the share of locked-in predictions that were right.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Card

from app.content import Library
from app.store import ActivityRecord, PredictionRecord, QuestionState, ReviewRecord
from app.study.core import scheduler
from app.study.core.review_queue import local_day
from app.study.core.today import streak


@dataclass(frozen=True)
class GroupStats:
    """Figures for one category, or for everything (`key` "all")."""

    key: str
    title: str
    total: int
    studied: int
    due: int
    reviews: int
    retention: float | None  # None until there is a repeat review
    recall_now: float | None  # mean predicted recall over studied questions


@dataclass(frozen=True)
class WeakQuestion:
    question_id: str
    number: int
    title: str
    lapses: int
    recall_now: float
    difficulty: float
    reviews: int
    recalled: int  # reviews not graded Again

    @property
    def real_recall(self) -> float:
        return self.recalled / self.reviews if self.reviews else 0.0


@dataclass(frozen=True)
class DashboardStats:
    overall: GroupStats
    categories: tuple[GroupStats, ...]
    reviews_per_day: dict[date, int]
    seconds_per_day: dict[date, float]
    total_seconds: float
    weakest: tuple[WeakQuestion, ...]
    streak_days: int
    forecast: tuple[int, ...] = ()  # cards due on day 0 (today, with overdue), 1, 2, ...
    predictions: int = 0
    predictions_right: int = 0

    @property
    def calibration(self) -> float | None:
        return self.predictions_right / self.predictions if self.predictions else None


def _group(
    key: str,
    title: str,
    question_ids: list[str],
    by_question: dict[str, list[ReviewRecord]],
    cards: dict[str, Card],
    states: dict[str, QuestionState],
    now: datetime,
    since: float,
) -> GroupStats:
    studied_ids = [
        q for q in question_ids if by_question.get(q) or (q in states and states[q].studied)
    ]
    due = sum(
        1
        for q in question_ids
        if q in cards and not scheduler.is_new(cards[q]) and cards[q].due <= now
    )
    repeats = passed = reviews = 0
    for q in question_ids:
        records = by_question.get(q, [])
        reviews += len(records)
        for record in records[1:]:
            if record.reviewed_at >= since:
                repeats += 1
                passed += record.rating > 1
    recalls = [scheduler.retrievability(cards[q], now) for q in question_ids if q in cards]
    return GroupStats(
        key=key,
        title=title,
        total=len(question_ids),
        studied=len(studied_ids),
        due=due,
        reviews=reviews,
        retention=passed / repeats if repeats else None,
        recall_now=sum(recalls) / len(recalls) if recalls else None,
    )


def compute_stats(
    library: Library,
    log: Iterable[ReviewRecord],
    cards: dict[str, Card],
    states: dict[str, QuestionState],
    now: datetime,
    window_days: int = 30,
    weakest_count: int = 5,
    activity: Iterable[ActivityRecord] = (),
    predictions: Iterable[PredictionRecord] = (),
    forecast_days: int = 30,
) -> DashboardStats:
    records = sorted(log, key=lambda r: (r.reviewed_at, r.id or 0))
    by_question: dict[str, list[ReviewRecord]] = defaultdict(list)
    for record in records:
        by_question[record.question_id].append(record)
    since = (now - timedelta(days=window_days)).timestamp()
    all_ids = [q.id for q in library.questions]
    overall = _group("all", "All questions", all_ids, by_question, cards, states, now, since)
    categories = tuple(
        _group(
            c.id,
            c.title,
            [q.id for q in library.in_category(c.id)],
            by_question,
            cards,
            states,
            now,
            since,
        )
        for c in library.categories
    )
    per_day: Counter[date] = Counter()
    seconds: defaultdict[date, float] = defaultdict(float)
    for record in records:
        per_day[local_day(scheduler.to_datetime(record.reviewed_at))] += 1
    for stretch in activity:
        seconds[local_day(scheduler.to_datetime(stretch.started_at))] += stretch.seconds
    logged_days = set(seconds)
    for record in records:
        day = local_day(scheduler.to_datetime(record.reviewed_at))
        if record.duration_ms and day not in logged_days:
            seconds[day] += record.duration_ms / 1000
    weak: list[WeakQuestion] = []
    for q in library.questions:
        card = cards.get(q.id)
        if card is None or scheduler.is_new(card):
            continue
        history = by_question.get(q.id, [])
        weak.append(
            WeakQuestion(
                question_id=q.id,
                number=q.number,
                title=q.question,
                lapses=scheduler.lapses(history),
                recall_now=scheduler.retrievability(card, now),
                difficulty=float(card.difficulty or 0.0),
                reviews=len(history),
                recalled=sum(1 for r in history if r.rating > 1),
            )
        )
    weak.sort(key=lambda w: (w.real_recall, -w.lapses, w.recall_now, -w.difficulty))
    today = local_day(now)
    forecast = [0] * forecast_days
    for card in cards.values():
        if scheduler.is_new(card):
            continue
        offset = max(0, (local_day(card.due) - today).days)
        if offset < forecast_days:
            forecast[offset] += 1
    outcomes = [p.correct for p in predictions]
    return DashboardStats(
        overall=overall,
        categories=categories,
        reviews_per_day=dict(per_day),
        seconds_per_day=dict(seconds),
        total_seconds=sum(seconds.values()),
        weakest=tuple(weak[:weakest_count]),
        streak_days=streak(set(per_day), local_day(now)),
        forecast=tuple(forecast),
        predictions=len(outcomes),
        predictions_right=sum(outcomes),
    )


def format_duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
