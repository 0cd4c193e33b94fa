"""FSRS scheduling for questions, on top of the maintained `fsrs` package (no Qt).

The app never writes its own scheduling maths: every card is an `fsrs.Card` moved on by
`fsrs.Scheduler.review_card`. What this module adds:

- a stable card id per question, and a fixed "never reviewed" card, so that replaying the
  append-only review log always rebuilds exactly the same cards;
- fuzzing is off: FSRS fuzz draws from `random()`, which would make a rebuild differ from
  the schedule the user was shown;
- each review remembers the desired retention in force when it was made, and the replay
  uses it, so changing the preference reschedules only future reviews.

`fsrs` is imported when the first card is built or read, not with this module: a launch
with no review history never loads it (grades are plain ints 1–4 here, as in the log).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from app.store import ReviewRecord

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

DEFAULT_RETENTION = 0.9
MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # fsrs.Rating's values
GRADES: tuple[int, ...] = (AGAIN, HARD, GOOD, EASY)
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
    from fsrs import Scheduler

    return Scheduler(desired_retention=clamp_retention(desired_retention), enable_fuzzing=False)


def card_id_for(question_id: str) -> int:
    return zlib.crc32(question_id.encode("utf-8"))


def new_card(question_id: str) -> Card:
    from fsrs import Card

    return Card(card_id=card_id_for(question_id), due=NEVER)


def is_new(card: Card) -> bool:
    return card.last_review is None


def in_learning_steps(card: Card) -> bool:
    """True while the card is in FSRS's (re)learning steps, not yet in the review state."""
    from fsrs import State  # loaded already: `card` is an fsrs.Card

    return card.state in (State.Learning, State.Relearning)


def to_datetime(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=UTC)


def review(card: Card, rating: int, at: datetime, desired_retention: float) -> Card:
    """The card after one review graded `rating` (1–4) at `at` (UTC)."""
    from fsrs import Rating

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
    return {grade: review(card, grade, now, desired_retention).due - now for grade in GRADES}


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
        return GOOD
    share = covered / total
    if share < 0.4:
        return AGAIN
    if share < 0.7:
        return HARD
    if share < 1.0:
        return GOOD
    return EASY


def card_to_json(card: Card) -> str:
    return card.to_json()


def card_from_json(text: str) -> Card:
    from fsrs import Card

    return Card.from_json(text)


def cached_card(text: str, question_id: str) -> Card:
    """A card read back from the cache, checked as hostile input (the file may be damaged
    or edited): ValueError unless it is a reviewed card of `question_id` with aware dates
    and finite, positive memory figures, i.e. one this module could have written."""
    try:
        card = card_from_json(text)
    except (KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        raise ValueError(f"unreadable cached card: {exc}") from exc
    figures = (card.stability, card.difficulty)
    if (
        card.card_id != card_id_for(question_id)
        or card.due.tzinfo is None
        or card.last_review is None
        or card.last_review.tzinfo is None
        or not (card.step is None or type(card.step) is int)
        or any(f is None or not math.isfinite(f) or f <= 0 for f in figures)
    ):
        raise ValueError(f"a cached card that this app would not have written: {text[:200]!r}")
    return card


def cards_equal(a: Card, b: Card) -> bool:
    """The same schedule (tests compare a cache with a replay of the log)."""
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
