"""The daily queue: due cards first, then new ones up to the daily limit; learning cards
early only when nothing else is left (Anki's learn-ahead rule)."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from app.study.core.review_queue import local_day, local_day_of
from app.study.core.scheduler import to_datetime
from app.study.core.service import StudyService


def test_a_fresh_store_offers_the_daily_new_limit(service: StudyService) -> None:
    service.new_per_day = 4
    queue = service.queue()
    assert len(queue) == 4 and queue.new_count == 4 and queue.due_count == 0
    assert [i.question_id for i in queue.items] == [q.id for q in service.library.questions[:4]]


def test_a_card_graded_again_waits_while_other_cards_remain(service: StudyService) -> None:
    service.new_per_day = 3
    now = datetime.now().astimezone()
    first = service.queue(now).items[0].question_id
    service.record_review(first, 1, at=now.timestamp())
    queue = service.queue(now + timedelta(seconds=5))
    assert first not in [i.question_id for i in queue.items]
    assert queue.new_today == 1 and queue.reviewed_today == 1
    assert queue.new_count == 2  # two new left of the daily three


def test_a_card_graded_good_does_not_come_straight_back(service: StudyService) -> None:
    """The reported defect: Good (due in 10 min) was shown again at once."""
    service.new_per_day = 2
    now = datetime.now().astimezone()
    first = service.queue(now).items[0].question_id
    service.record_review(first, 3, at=now.timestamp())
    head = service.queue(now + timedelta(seconds=1.2)).items[0]
    assert head.question_id != first and head.kind == "new"


def test_learning_cards_are_shown_early_only_when_nothing_else_is_left(
    service: StudyService,
) -> None:
    service.new_per_day = 1
    now = datetime.now().astimezone()
    first = service.queue(now).items[0].question_id
    service.record_review(first, 1, at=now.timestamp())  # Again: due in about a minute
    queue = service.queue(now + timedelta(seconds=5))
    assert [(i.question_id, i.kind) for i in queue.items] == [(first, "ahead")]
    assert queue.due_count == 0 and queue.ahead_count == 1


def test_a_learning_card_that_fell_due_is_due_again(service: StudyService) -> None:
    service.new_per_day = 3
    now = datetime.now().astimezone()
    first = service.queue(now).items[0].question_id
    service.record_review(first, 1, at=now.timestamp())
    later = service.queue(now + timedelta(minutes=3))
    assert later.items[0].question_id == first and later.items[0].kind == "due"


def test_easy_card_leaves_the_queue_until_due(service: StudyService) -> None:
    service.new_per_day = 1
    qid = service.queue().items[0].question_id
    service.record_review(qid, 4)
    assert qid not in {i.question_id for i in service.queue().items}
    later = datetime.now().astimezone() + timedelta(days=60)
    assert qid in {i.question_id for i in service.queue(later).items}


def test_a_full_days_queue_can_be_finished(service: StudyService) -> None:
    service.new_per_day = 5
    now = datetime.now().astimezone()
    graded = 0
    while (queue := service.queue(now)).items and graded < 100:
        service.record_review(queue.items[0].question_id, 3, at=now.timestamp())
        now += timedelta(minutes=11)
        graded += 1
    assert not service.queue(now).items
    assert graded >= 5


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
def test_the_fast_calendar_day_is_the_local_day(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`local_day_of` (the queue's and the streak's day of each review) agrees with the
    aware-datetime way in several zones, across DST changes and around midnights."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        rng = random.Random(zone)
        start = datetime(2024, 1, 1, tzinfo=UTC).timestamp()
        stamps = [start + rng.uniform(0, 2 * 365 * 86400) for _ in range(3000)]
        stamps += [start + 86400 * d + s for d in range(0, 730, 7) for s in (-1, 0, 1)]
        for stamp in stamps:
            assert local_day_of(stamp) == local_day(to_datetime(stamp)), stamp
    finally:
        monkeypatch.undo()
        time.tzset()
