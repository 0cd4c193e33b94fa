"""The figures on the Today page (pure, no Qt): what is due, what is new, streak, next due."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.store import ReviewRecord
from app.study.core.review_queue import DailyQueue, local_day, local_day_of, next_due

if TYPE_CHECKING:
    from fsrs import Card


@dataclass(frozen=True)
class TodaySummary:
    due: int
    new: int
    ahead: int  # learning cards that fall due within the learn-ahead window
    reviewed_today: int
    streak_days: int
    next_due: datetime | None  # the next card not already due


def today_summary(
    queue: DailyQueue, cards: dict[str, Card], log: Iterable[ReviewRecord], now: datetime
) -> TodaySummary:
    days = {local_day_of(r.reviewed_at) for r in log}
    return TodaySummary(
        due=queue.due_count,
        new=queue.new_count,
        ahead=queue.ahead_count,
        reviewed_today=queue.reviewed_today,
        streak_days=streak(days, local_day(now)),
        next_due=next_due(cards, now),
    )


def describe_next_due(when: datetime | None, now: datetime) -> str:
    """'in 12 min (14:32)', 'tomorrow at 09:10', 'Tue 3 Dec at 09:10', or 'nothing scheduled'."""
    if when is None:
        return "nothing scheduled yet"
    local, today = when.astimezone(), now.astimezone()
    minutes = (when - now).total_seconds() / 60
    if minutes < 60:
        return f"in {max(1, round(minutes))} min ({local:%H:%M})"
    if local.date() == today.date():
        return f"today at {local:%H:%M}"
    if (local.date() - today.date()).days == 1:
        return f"tomorrow at {local:%H:%M}"
    return f"{local:%a %d %b} at {local:%H:%M}"


def streak(days: set[date], today: date) -> int:
    """Consecutive days with a review, ending today (or yesterday if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
