"""The study service: records reviews and keeps the FSRS cards in step with the log (no Qt).

One instance is shared by every study screen (the question pane, the review queue, the
dashboard, mock interviews), so a grade given anywhere is seen everywhere. Preferences
(desired retention, new questions per day) are plain attributes; the Qt layer sets them
from QSettings.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.content import Library
from app.store import (
    NO_REVIEWS,
    ActivityRecord,
    PredictionRecord,
    ReviewBase,
    ReviewRecord,
    Store,
    review_bases,
)
from app.study.core import scheduler
from app.study.core.review_queue import DEFAULT_NEW_PER_DAY, DailyQueue, build_queue
from app.study.core.status import QuestionStatus, question_status

if TYPE_CHECKING:
    from fsrs import Card

SOURCES = ("review", "predict", "mock")  # "predict": reviews from before predictions had a table
UNDO_DEPTH = 20
MAX_ACTIVITY_SECONDS = 10 * 60.0
ACTIVITY_KINDS = ("answer", "visualizer", "mock")


@dataclass
class Draft:
    """What the learner typed or picked for a question before leaving it (kept for the session)."""

    answer: str = ""
    prediction_choice: int = -1
    prompt_id: str = ""


@dataclass(frozen=True)
class UndoEntry:
    uid: str
    question_id: str
    set_studied: bool  # this review set the studied mark, so undo clears it


class StudyService:
    """Spaced-repetition state over a `Store` (the review log is the source of truth)."""

    def __init__(self, library: Library, store: Store) -> None:
        self.library = library
        self.store = store
        self.desired_retention = scheduler.DEFAULT_RETENTION
        self.new_per_day = DEFAULT_NEW_PER_DAY
        self._cards: dict[str, Card] | None = None
        self._bases: dict[str, ReviewBase] = {}  # what each card was built from
        self._undo: list[UndoEntry] = []
        self.drafts: dict[str, Draft] = {}

    # -- cards ------------------------------------------------------------------------------

    def cards(self) -> dict[str, Card]:
        """Every reviewed question's card: from the cache when it is current, else replayed.

        The store keeps a cached card only while it was built from exactly its question's
        reviews in the log (every writer compares-and-sets), so a current cache needs no
        replay: start-up no longer grows with the length of the learner's history.
        """
        if self._cards is None:
            cached = self.store.current_card_cache()
            if cached is None:  # the cache lags the log
                return self.rebuild()
            try:
                cards = {qid: scheduler.cached_card(text, qid) for qid, (text, _) in cached.items()}
            except ValueError:  # a damaged or edited cache: the log decides
                return self.rebuild()
            self._cards = cards
            self._bases = {qid: base for qid, (_, base) in cached.items()}
        return dict(self._cards)

    def card(self, question_id: str) -> Card:
        return self.cards().get(question_id) or scheduler.new_card(question_id)

    def rebuild(self) -> dict[str, Card]:
        """Replay the whole review log and replace the cached cards with the result."""
        records = self.store.reviews()
        cards = scheduler.replay(records)
        bases = review_bases(records)
        self.store.replace_card_states(
            {qid: (scheduler.card_to_json(card), bases[qid]) for qid, card in cards.items()}
        )
        self._cards, self._bases = cards, bases
        return dict(cards)

    # -- reviewing --------------------------------------------------------------------------

    def record_review(
        self,
        question_id: str,
        rating: int,
        *,
        duration_ms: int | None = None,
        source: str = "review",
        at: float | None = None,
    ) -> Card:
        """Grade a question; when this returns the review is on disk. Returns the new card."""
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"a grade is 1 (Again) to 4 (Easy), not {rating!r}")
        if source not in SOURCES:
            raise ValueError(f"unknown review source {source!r}")
        # Milliseconds, so the datetime replayed from the stored float is the same one.
        stamp = round(time.time() if at is None else at, 3)
        retention = scheduler.clamp_retention(self.desired_retention)
        card = scheduler.review(
            self.card(question_id), rating, scheduler.to_datetime(stamp), retention
        )
        based_on = self._bases.get(question_id, NO_REVIEWS)
        record = ReviewRecord(
            uid=uuid.uuid4().hex,
            question_id=question_id,
            rating=rating,
            reviewed_at=stamp,
            duration_ms=None if duration_ms is None else max(0, int(duration_ms)),
            desired_retention=retention,
            source=source,
        )
        stored, cached = self.store.append_review(record, scheduler.card_to_json(card), based_on)
        if cached and self._cards is not None:
            self._cards[question_id] = card
            self._bases[question_id] = (stored.id or 0, based_on[1] + 1)
        else:  # another writer reviewed or undid this question meanwhile: the log decides
            card = self.rebuild().get(question_id, card)
        set_studied = not self.store.state(question_id).studied
        if set_studied:
            self.store.set_studied(question_id, True)
        self._undo.append(UndoEntry(record.uid, question_id, set_studied))
        del self._undo[:-UNDO_DEPTH]
        self.drafts.pop(question_id, None)  # graded: the next showing starts afresh
        return card

    # -- undo ---------------------------------------------------------------------------------

    def last_undoable(self) -> UndoEntry | None:
        """The most recent grade given in this session that can still be taken back."""
        return self._undo[-1] if self._undo else None

    def undo_last(self) -> UndoEntry | None:
        """Take back the most recent grade: its review leaves the log and the card is replayed."""
        if not self._undo:
            return None
        entry = self._undo.pop()
        self.store.delete_review(entry.uid)
        if entry.set_studied:
            self.store.set_studied(entry.question_id, False)
        self.rebuild()
        return entry

    # -- predictions and activity ---------------------------------------------------------------

    def record_prediction(
        self,
        question_id: str,
        visualizer: str,
        prompt_id: str,
        chosen: int,
        correct: bool,
        at: float | None = None,
    ) -> PredictionRecord:
        """Store a locked-in prediction; it is not a review and schedules nothing."""
        record = PredictionRecord(
            uid=uuid.uuid4().hex,
            question_id=question_id,
            visualizer=visualizer,
            prompt_id=prompt_id,
            chosen=chosen,
            correct=correct,
            predicted_at=round(time.time() if at is None else at, 3),
        )
        self.store.add_prediction(record)
        return record

    def record_activity(
        self, kind: str, question_id: str, started_at: float, seconds: float
    ) -> None:
        """Add a stretch of real study time (capped: a window left open is not study)."""
        if kind not in ACTIVITY_KINDS:
            raise ValueError(f"unknown activity {kind!r}")
        seconds = min(max(0.0, seconds), MAX_ACTIVITY_SECONDS)
        if seconds >= 1.0:
            self.store.add_activity(ActivityRecord(kind, question_id, started_at, seconds))

    # -- status per question -----------------------------------------------------------------

    def statuses(self, now: datetime | None = None) -> dict[str, QuestionStatus]:
        """new / learning / due / known for every question of the library."""
        moment = now or datetime.now().astimezone()
        cards = self.cards()
        states = self.store.all_states()
        return {
            q.id: question_status(cards.get(q.id), states.get(q.id), moment)
            for q in self.library.questions
        }

    def queue(
        self, now: datetime | None = None, log: list[ReviewRecord] | None = None
    ) -> DailyQueue:
        """Today's queue; `log` is the review log when the caller has just read it."""
        moment = now or datetime.now().astimezone()
        return build_queue(
            [q.id for q in self.library.questions],
            self.cards(),
            self.store.reviews() if log is None else log,
            moment,
            new_per_day=self.new_per_day,
        )
