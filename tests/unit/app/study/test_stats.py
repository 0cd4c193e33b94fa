"""Dashboard statistics from hand-built review logs (pure): every figure checked against
a count done by hand in the test, not against the code's own output."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.content import Library
from app.store import ActivityRecord, PredictionRecord, ReviewRecord
from app.study.core import scheduler
from app.study.core.stats import compute_stats, format_duration, streak

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _review(
    qid: str, rating: int, days_ago: float, uid: str, duration_ms: int | None = None
) -> ReviewRecord:
    at = (NOW - timedelta(days=days_ago)).timestamp()
    return ReviewRecord(
        uid=uid, question_id=qid, rating=rating, reviewed_at=at, duration_ms=duration_ms
    )


def _log(library: Library) -> list[ReviewRecord]:
    q = [x.id for x in library.questions]
    return [
        # q0: Good, Again, Again, Good -> 2 of 4 recalled, 2 lapses
        _review(q[0], 3, 9, "a1"),
        _review(q[0], 1, 6, "a2"),
        _review(q[0], 1, 5, "a3"),
        _review(q[0], 3, 4, "a4"),
        # q1: Good, Good -> 2 of 2
        _review(q[1], 3, 3, "b1"),
        _review(q[1], 3, 1, "b2"),
        # q2: Again, Good -> 1 of 2 (the first Again is not a lapse)
        _review(q[2], 1, 2, "c1"),
        _review(q[2], 3, 0.1, "c2"),
    ]


def test_weakest_are_ranked_by_real_recall_not_by_predicted_recall(library: Library) -> None:
    log = _log(library)
    cards = scheduler.replay(log)
    stats = compute_stats(library, log, cards, {}, NOW)
    q = [x.id for x in library.questions]
    assert [w.question_id for w in stats.weakest] == [q[0], q[2], q[1]]
    first = stats.weakest[0]
    assert (first.recalled, first.reviews, first.lapses) == (2, 4, 2)
    assert stats.weakest[1].lapses == 0 and stats.weakest[1].real_recall == 0.5


def test_retention_counts_repeat_reviews_not_graded_again(library: Library) -> None:
    log = _log(library)
    stats = compute_stats(library, log, scheduler.replay(log), {}, NOW)
    # Repeats (every review after a question's first): a2 a3 a4 b2 c2 -> 3 passed of 5.
    assert stats.overall.retention == 3 / 5
    assert stats.overall.reviews == 8 and stats.overall.studied == 3


def test_time_studied_comes_from_activity_with_review_durations_as_fallback(
    library: Library,
) -> None:
    q = library.questions[0].id
    today = NOW.timestamp() - 3600
    log = [
        _review(q, 3, 5, "old", duration_ms=120_000),  # a day with no activity logged
        _review(q, 3, 1 / 24, "new", duration_ms=30_000),  # covered by today's activity
    ]
    activity = [
        ActivityRecord("answer", q, today, 300.0),
        ActivityRecord("visualizer", q, today + 400, 600.0),
        ActivityRecord("mock", "", today + 1200, 900.0),
    ]
    stats = compute_stats(library, log, scheduler.replay(log), {}, NOW, activity=activity)
    assert stats.total_seconds == 120 + 300 + 600 + 900
    assert format_duration(stats.total_seconds) == "32 min"


def test_due_forecast_puts_each_card_on_its_day(library: Library) -> None:
    log = _log(library)
    cards = scheduler.replay(log)
    stats = compute_stats(library, log, cards, {}, NOW, forecast_days=30)
    assert len(stats.forecast) == 30
    expected = [0] * 30
    for card in cards.values():
        days = (card.due.astimezone().date() - NOW.astimezone().date()).days
        if days < 30:
            expected[max(0, days)] += 1
    assert list(stats.forecast) == expected
    assert sum(stats.forecast) <= len(cards)


def test_calibration_is_the_share_of_right_predictions(library: Library) -> None:
    q = library.questions[0].id
    outcomes = [True, False, True, True]
    predictions = [
        PredictionRecord(f"p{i}", q, "kmeans", "x", 0, right, NOW.timestamp())
        for i, right in enumerate(outcomes)
    ]
    stats = compute_stats(library, [], {}, {}, NOW, predictions=predictions)
    assert (stats.predictions, stats.predictions_right, stats.calibration) == (4, 3, 0.75)
    assert compute_stats(library, [], {}, {}, NOW).calibration is None


def test_streak_counts_back_from_today_or_yesterday() -> None:
    today = NOW.date()
    days = {today - timedelta(days=d) for d in (1, 2, 3, 5)}
    assert streak(days, today) == 3  # nothing yet today: yesterday's run still counts
    assert streak(days | {today}, today) == 4
    assert streak(set(), today) == 0
