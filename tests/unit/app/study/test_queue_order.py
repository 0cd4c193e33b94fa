"""`build_queue` on hand-made FSRS cards (pure): the order a learner sees, without a store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card, State

from app.study.core.review_queue import build_queue

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _card(card_id: int, due: datetime, state: State) -> Card:
    return Card(
        card_id=card_id, state=state, step=0, due=due, last_review=NOW - timedelta(minutes=1)
    )


def test_order_is_overdue_first_then_new_and_learn_ahead_waits() -> None:
    cards = {
        "late": _card(1, NOW - timedelta(days=3), State.Review),
        "just-due": _card(2, NOW - timedelta(minutes=1), State.Review),
        "learning-soon": _card(3, NOW + timedelta(minutes=8), State.Learning),
        "review-later": _card(4, NOW + timedelta(days=4), State.Review),
    }
    ids = ["new-a", "late", "just-due", "learning-soon", "review-later", "new-b"]
    queue = build_queue(ids, cards, [], NOW, new_per_day=5)
    assert [(i.question_id, i.kind) for i in queue.items] == [
        ("late", "due"),
        ("just-due", "due"),
        ("new-a", "new"),
        ("new-b", "new"),
    ]


def test_learn_ahead_fills_an_otherwise_empty_queue_soonest_first() -> None:
    cards = {
        "b": _card(1, NOW + timedelta(minutes=15), State.Relearning),
        "a": _card(2, NOW + timedelta(minutes=2), State.Learning),
        "far": _card(3, NOW + timedelta(minutes=45), State.Learning),  # outside the window
        "review-soon": _card(4, NOW + timedelta(minutes=5), State.Review),  # not a learning card
    }
    queue = build_queue(["a", "b", "far", "review-soon"], cards, [], NOW)
    assert [(i.question_id, i.kind) for i in queue.items] == [("a", "ahead"), ("b", "ahead")]


def test_the_daily_new_limit_does_not_let_learning_cards_jump_the_queue() -> None:
    cards = {"learning": _card(1, NOW + timedelta(minutes=1), State.Learning)}
    queue = build_queue(["learning", "n1", "n2"], cards, [], NOW, new_per_day=1)
    assert [i.question_id for i in queue.items] == ["n1"]
    # New questions used up for today: now the learning card may come early.
    empty = build_queue(["learning", "n1"], cards, [], NOW, new_per_day=0)
    assert [i.question_id for i in empty.items] == ["learning"]
