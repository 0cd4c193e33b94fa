"""The daily queue: due cards first, new ones up to the daily limit, learning steps inside."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.study.service import StudyService


def test_a_fresh_store_offers_the_daily_new_limit(service: StudyService) -> None:
    service.new_per_day = 4
    queue = service.queue()
    assert len(queue) == 4 and queue.new_count == 4 and queue.due_count == 0
    assert [i.question_id for i in queue.items] == [q.id for q in service.library.questions[:4]]


def test_again_brings_the_card_back_the_same_session(service: StudyService) -> None:
    service.new_per_day = 2
    first = service.queue().items[0].question_id
    service.record_review(first, 1)
    queue = service.queue()
    assert queue.items[0].question_id == first and queue.items[0].kind == "due"
    assert queue.new_today == 1 and queue.reviewed_today == 1
    assert queue.new_count == 1  # one new left of the daily two


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
