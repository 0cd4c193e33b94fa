"""FSRS integration: grades move cards as the `fsrs` package says, and the log rebuilds them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from app.store import Store
from app.study.core import scheduler
from app.study.core.service import StudyService

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC).timestamp()


def test_review_matches_the_fsrs_package_directly() -> None:
    at = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    ours = scheduler.review(scheduler.new_card("q"), 3, at, 0.9)
    theirs, _ = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False).review_card(
        fsrs.Card(card_id=scheduler.card_id_for("q"), due=scheduler.NEVER), fsrs.Rating.Good, at
    )
    assert ours.to_dict() == theirs.to_dict()


def test_better_grades_give_longer_intervals() -> None:
    now = datetime(2025, 3, 1, tzinfo=UTC)
    card = scheduler.review(scheduler.new_card("q"), 3, now, 0.9)
    card = scheduler.review(card, 3, now + timedelta(minutes=10), 0.9)
    intervals = scheduler.preview(card, now + timedelta(days=3), 0.9)
    assert intervals[1] < intervals[2] < intervals[3] < intervals[4]


def test_higher_desired_retention_schedules_sooner() -> None:
    now = datetime(2025, 3, 1, tzinfo=UTC)
    card = scheduler.review(scheduler.new_card("q"), 4, now, 0.9)
    low = scheduler.preview(card, now + timedelta(days=8), 0.80)[3]
    high = scheduler.preview(card, now + timedelta(days=8), 0.95)[3]
    assert high < low


def test_rebuilding_from_the_log_gives_the_same_cards(service: StudyService) -> None:
    rng = random.Random(7)
    ids = [q.id for q in service.library.questions[:8]]
    t = T0
    for _ in range(120):
        t += rng.choice([30, 600, 3600, 86400, 3 * 86400])
        service.desired_retention = rng.choice([0.85, 0.9, 0.95])
        service.record_review(rng.choice(ids), rng.randint(1, 4), duration_ms=20_000, at=t)
    incremental = service.cards()
    stored = {
        qid: scheduler.card_from_json(text) for qid, text in service.store.card_states().items()
    }
    rebuilt = scheduler.replay(service.store.reviews())
    assert set(incremental) == set(rebuilt) == set(stored)
    for qid in rebuilt:
        assert incremental[qid].to_dict() == rebuilt[qid].to_dict()
        assert stored[qid].to_dict() == rebuilt[qid].to_dict()


def test_lost_card_cache_is_rebuilt_on_open(service: StudyService, store: Store) -> None:
    service.record_review("bias-variance-tradeoff", 3, at=T0)
    service.record_review("bias-variance-tradeoff", 4, at=T0 + 600)
    expected = service.card("bias-variance-tradeoff").to_dict()
    store.replace_card_states({})
    fresh = StudyService(service.library, store)
    assert fresh.card("bias-variance-tradeoff").to_dict() == expected
    assert store.card_states()  # the cache was written back


def test_a_review_marks_the_question_studied(service: StudyService) -> None:
    service.record_review("cross-validation", 2)
    assert service.store.state("cross-validation").studied


@pytest.mark.parametrize("bad", [0, 5, -1])
def test_grades_outside_1_to_4_are_refused(service: StudyService, bad: int) -> None:
    with pytest.raises(ValueError):
        service.record_review("cross-validation", bad)
    assert service.store.reviews() == []


@pytest.mark.parametrize(
    ("covered", "total", "grade"),
    [(0, 6, 1), (2, 6, 1), (3, 6, 2), (5, 6, 3), (6, 6, 4), (0, 0, 3)],
)
def test_suggested_grade_from_key_points(covered: int, total: int, grade: int) -> None:
    assert scheduler.suggest_grade(covered, total) == grade


def test_retention_preference_is_clamped() -> None:
    assert scheduler.clamp_retention("0.5") == scheduler.MIN_RETENTION
    assert scheduler.clamp_retention(0.999) == scheduler.MAX_RETENTION
    assert scheduler.clamp_retention("nonsense") == scheduler.DEFAULT_RETENTION
    assert scheduler.clamp_retention(float("nan")) == scheduler.DEFAULT_RETENTION


def test_format_interval() -> None:
    assert scheduler.format_interval(timedelta(minutes=1)) == "1 min"
    assert scheduler.format_interval(timedelta(hours=5)) == "5 h"
    assert scheduler.format_interval(timedelta(days=4)) == "4 d"
    assert scheduler.format_interval(timedelta(days=90)) == "3.0 mo"
