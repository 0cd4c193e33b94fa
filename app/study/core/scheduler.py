"""FSRS scheduling for questions, on top of the maintained `fsrs` package (no Qt).

The app never writes its own scheduling maths: every card is an `fsrs.Card` moved on by
`fsrs.Scheduler.review_card`. What this module adds:

- a stable card id per question, and a fixed "never reviewed" card, so that replaying the
  append-only review log always rebuilds exactly the same cards;
- fuzzing is off: FSRS fuzz draws from `random()`, which would make a rebuild differ from
  the schedule the user was shown;
- each review remembers the desired retention in force when it was made, and the replay
  uses it, so changing the preference reschedules only future reviews.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from fsrs import Card, Rating, Scheduler

from app.store import ReviewRecord

DEFAULT_RETENTION = 0.9
MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
RATING_LABELS: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
# A fixed due date for a card that was never reviewed keeps rebuilt cards identical.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def clamp_retention(value: object) -> float:
    """A desired retention from a preference, forced into the supported range."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_RETENTION
    if number != number:  # NaN
        return DEFAULT_RETENTION
    return round(min(MAX_RETENTION, max(MIN_RETENTION, number)), 3)


@lru_cache(maxsize=16)
def scheduler_for(desired_retention: float) -> Scheduler:
    return Scheduler(desired_retention=clamp_retention(desired_retention), enable_fuzzing=False)


def card_id_for(question_id: str) -> int:
    return zlib.crc32(question_id.encode("utf-8"))


def new_card(question_id: str) -> Card:
    return Card(card_id=card_id_for(question_id), due=NEVER)


def is_new(card: Card) -> bool:
    return card.last_review is None


def to_datetime(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=UTC)


def review(card: Card, rating: int, at: datetime, desired_retention: float) -> Card:
    """The card after one review graded `rating` (1–4) at `at` (UTC)."""
    updated, _log = scheduler_for(desired_retention).review_card(card, Rating(rating), at)
    return updated


def replay(records: Iterable[ReviewRecord]) -> dict[str, Card]:
    """Every card rebuilt from the review log alone (order: time, then log id)."""
    cards: dict[str, Card] = {}
    ordered = sorted(records, key=lambda r: (r.reviewed_at, r.id or 0, r.uid))
    for record in ordered:
        card = cards.get(record.question_id) or new_card(record.question_id)
        cards[record.question_id] = review(
            card, record.rating, to_datetime(record.reviewed_at), record.desired_retention
        )
    return cards


def preview(card: Card, now: datetime, desired_retention: float) -> dict[int, timedelta]:
    """For each grade 1–4, how long until the card would be due again."""
    return {int(r): review(card, int(r), now, desired_retention).due - now for r in RATINGS}


def retrievability(
    card: Card, now: datetime, desired_retention: float = DEFAULT_RETENTION
) -> float:
    """FSRS's predicted probability of recalling the answer now (0 for a new card)."""
    return float(scheduler_for(desired_retention).get_card_retrievability(card, now))


def lapses(records: Iterable[ReviewRecord]) -> int:
    """How many times a card already past its first review was graded Again."""
    seen = False
    count = 0
    for record in records:
        if seen and record.rating == 1:
            count += 1
        seen = True
    return count


def suggest_grade(covered: int, total: int) -> int:
    """A grade from the share of key points the user says they covered."""
    if total <= 0:
        return int(Rating.Good)
    share = covered / total
    if share < 0.4:
        return int(Rating.Again)
    if share < 0.7:
        return int(Rating.Hard)
    if share < 1.0:
        return int(Rating.Good)
    return int(Rating.Easy)


def card_to_json(card: Card) -> str:
    return card.to_json()


def card_from_json(text: str) -> Card:
    return Card.from_json(text)


def cards_equal(a: Card, b: Card) -> bool:
    """Kept for the security branch's cache check (a replay compared with the cached cards)."""
    return a.to_dict() == b.to_dict()


def format_interval(delta: timedelta) -> str:
    """'1 min', '10 min', '3 h', '4 d', '2.5 mo', '1.2 y'."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)} d"
    if days < 365:
        return f"{days / 30:.1f} mo"
    return f"{days / 365:.1f} y"
