"""Each question's study status for the tree, the browser and the Today page (no Qt).

- new: never graded;
- learning: in FSRS's (re)learning steps, not due yet;
- due: its card is due now;
- known: in the review state and not due, or marked "Know it" by the learner.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from app.store import QuestionState
from app.study.core.scheduler import in_learning_steps, is_new

if TYPE_CHECKING:
    from fsrs import Card

QuestionStatus = Literal["new", "learning", "due", "known"]

STATUS_LABELS: dict[QuestionStatus, str] = {
    "new": "New",
    "learning": "Learning",
    "due": "Due",
    "known": "Known",
}


def question_status(
    card: Card | None, state: QuestionState | None, now: datetime
) -> QuestionStatus:
    """The status of one question at `now` (a due card is due even if marked known)."""
    if card is None or is_new(card):
        return "known" if state is not None and state.known else "new"
    if card.due <= now:
        return "due"
    if in_learning_steps(card):
        return "learning"
    return "known"
