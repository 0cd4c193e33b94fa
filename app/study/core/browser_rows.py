"""The rows of the question browser (Anki's browser): one per question, every column a
value that sorts correctly (pure, no Qt)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card

from app.content import Library
from app.store import QuestionState, ReviewRecord
from app.study.core import scheduler
from app.study.core.status import QuestionStatus, question_status

DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


@dataclass(frozen=True)
class BrowserRow:
    number: int
    question_id: str
    title: str
    category: str  # the category's title
    difficulty: str
    status: QuestionStatus
    bookmarked: bool
    due: datetime | None  # None for a new question
    stability: float | None  # days; None for a new question
    lapses: int
    last_grade: int | None  # 1–4


def browser_rows(
    library: Library,
    cards: dict[str, Card],
    log: Iterable[ReviewRecord],
    states: dict[str, QuestionState],
    now: datetime,
) -> list[BrowserRow]:
    by_question: dict[str, list[ReviewRecord]] = defaultdict(list)
    for record in sorted(log, key=lambda r: (r.reviewed_at, r.id or 0)):
        by_question[record.question_id].append(record)
    rows = []
    for q in library.questions:
        card = cards.get(q.id)
        reviewed = card is not None and not scheduler.is_new(card)
        history = by_question.get(q.id, [])
        category = library.category(q.category)
        rows.append(
            BrowserRow(
                number=q.number,
                question_id=q.id,
                title=q.question,
                category=category.title if category else q.category,
                difficulty=q.difficulty,
                status=question_status(card, states.get(q.id), now),
                bookmarked=bool(states.get(q.id) and states[q.id].bookmarked),
                due=card.due if reviewed and card is not None else None,
                stability=float(card.stability)
                if reviewed and card is not None and card.stability is not None
                else None,
                lapses=scheduler.lapses(history),
                last_grade=history[-1].rating if history else None,
            )
        )
    return rows
