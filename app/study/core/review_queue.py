"""The daily review queue: what to study now, in which order (pure, no Qt).

Due cards come first (most overdue first), then questions never reviewed, up to the
daily limit of new questions. A card in its learning steps that is due again within the
learn-ahead window is shown early only when nothing else is left (Anki's rule): a card
just graded never comes straight back while other cards wait.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from app.store import ReviewRecord
from app.study.core.scheduler import in_learning_steps, is_new

if TYPE_CHECKING:
    from fsrs import Card

LEARN_AHEAD = timedelta(minutes=20)
DEFAULT_NEW_PER_DAY = 10
QueueKind = Literal["due", "new", "ahead"]


@dataclass(frozen=True)
class QueueItem:
    question_id: str
    kind: QueueKind
    due: datetime | None


@dataclass(frozen=True)
class DailyQueue:
    items: tuple[QueueItem, ...]
    reviewed_today: int
    new_today: int  # new questions already introduced today

    @property
    def due_count(self) -> int:
        return sum(1 for i in self.items if i.kind == "due")

    @property
    def ahead_count(self) -> int:
        return sum(1 for i in self.items if i.kind == "ahead")

    @property
    def new_count(self) -> int:
        return sum(1 for i in self.items if i.kind == "new")

    def __len__(self) -> int:
        return len(self.items)


def local_day(moment: datetime) -> date:
    """The user's calendar day of an aware datetime."""
    return moment.astimezone().date()


def local_day_of(timestamp: float) -> date:
    """The user's calendar day of a stored time (seconds since the epoch): the same day as
    `local_day(to_datetime(timestamp))`, several times faster over a long review log."""
    return date.fromtimestamp(timestamp)


def build_queue(
    question_ids: Sequence[str],
    cards: dict[str, Card],
    log: Iterable[ReviewRecord],
    now: datetime,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    learn_ahead: timedelta = LEARN_AHEAD,
) -> DailyQueue:
    """Today's queue over `question_ids` (library order decides the order of new ones)."""
    today = local_day(now)
    first_seen: dict[str, date] = {}
    reviewed_today = 0
    for record in log:
        day = local_day_of(record.reviewed_at)
        first_seen.setdefault(record.question_id, day)
        if day == today:
            reviewed_today += 1
    new_today = sum(1 for day in first_seen.values() if day == today)

    due: list[QueueItem] = []
    new: list[QueueItem] = []
    ahead: list[QueueItem] = []
    horizon = now + learn_ahead
    for qid in question_ids:
        card = cards.get(qid)
        if card is None or is_new(card):
            new.append(QueueItem(qid, "new", None))
        elif card.due <= now:
            due.append(QueueItem(qid, "due", card.due))
        elif card.due <= horizon and in_learning_steps(card):
            ahead.append(QueueItem(qid, "ahead", card.due))
    due.sort(key=lambda item: item.due or now)
    ahead.sort(key=lambda item: item.due or now)
    allowed = max(0, new_per_day - new_today)
    items = due + new[:allowed]
    if not items:
        items = ahead  # learning cards early, only when nothing else is left
    return DailyQueue(tuple(items), reviewed_today, new_today)


def next_due(cards: dict[str, Card], now: datetime) -> datetime | None:
    """When the next card not already due falls due (None when nothing is scheduled)."""
    upcoming = [c.due for c in cards.values() if not is_new(c) and c.due > now]
    return min(upcoming) if upcoming else None
