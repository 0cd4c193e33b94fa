"""Question status (tree icons, browser) and the Today page's figures (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.store import QuestionState
from app.study.core import scheduler
from app.study.core.service import StudyService
from app.study.core.status import question_status
from app.study.core.today import describe_next_due, today_summary

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_status_follows_the_card() -> None:
    card = scheduler.new_card("q")
    assert question_status(None, None, NOW) == "new"
    assert question_status(card, QuestionState("q", known=True), NOW) == "known"
    learning = scheduler.review(card, 1, NOW, 0.9)  # Again: a minute away, learning
    assert question_status(learning, None, NOW) == "learning"
    assert question_status(learning, None, NOW + timedelta(minutes=5)) == "due"
    easy = scheduler.review(card, 4, NOW, 0.9)  # Easy: straight to review, days away
    assert question_status(easy, None, NOW + timedelta(hours=1)) == "known"


def test_today_summary_counts_and_next_due(service: StudyService) -> None:
    service.new_per_day = 3
    now = datetime.now().astimezone()
    first = service.queue(now).items[0].question_id
    service.record_review(first, 3, at=now.timestamp())  # Good: due in ten minutes
    later = now + timedelta(seconds=30)
    summary = today_summary(service.queue(later), service.cards(), service.store.reviews(), later)
    assert (summary.due, summary.new, summary.reviewed_today, summary.streak_days) == (0, 2, 1, 1)
    assert summary.next_due is not None
    minutes = (summary.next_due - later).total_seconds() / 60
    assert 5 < minutes <= 10
    assert describe_next_due(summary.next_due, later).startswith("in ")


def test_describe_next_due_wording() -> None:
    now = datetime(2026, 3, 10, 9, 0).astimezone()
    assert describe_next_due(None, now) == "nothing scheduled yet"
    assert describe_next_due(now + timedelta(minutes=12), now).startswith("in 12 min")
    assert describe_next_due(now + timedelta(hours=3), now) == "today at 12:00"
    assert describe_next_due(now + timedelta(days=1), now) == "tomorrow at 09:00"


def test_undo_takes_back_the_last_grade_and_the_studied_mark(service: StudyService) -> None:
    qid = service.library.questions[0].id
    other = service.library.questions[1].id
    service.record_review(other, 3)
    service.record_review(qid, 4)
    assert service.store.state(qid).studied
    undone = service.undo_last()
    assert undone is not None and undone.question_id == qid
    assert [r.question_id for r in service.store.reviews()] == [other]
    assert not service.store.state(qid).studied
    assert scheduler.is_new(service.card(qid))  # the card is replayed without the review
    assert not scheduler.is_new(service.card(other))
    assert service.undo_last() is not None and service.undo_last() is None


def test_a_prediction_is_not_a_review(service: StudyService) -> None:
    qid = service.library.questions[0].id
    service.record_prediction(qid, "kmeans", "p1", 1, True)
    assert service.store.review_count() == 0
    assert not service.store.state(qid).studied
    [stored] = service.store.predictions()
    assert (stored.prompt_id, stored.chosen, stored.correct) == ("p1", 1, True)
