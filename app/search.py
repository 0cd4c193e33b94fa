"""Which questions the navigation pane shows: search text and filters (pure, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from app.content import Guide, Question
from app.store import QuestionState


@dataclass(frozen=True)
class Filters:
    query: str = ""
    category: str | None = None  # category id, None for all
    difficulty: str | None = None
    bookmarked_only: bool = False
    unstudied_only: bool = False

    @property
    def active(self) -> bool:
        return bool(self.query.strip()) or any(
            (self.category, self.difficulty, self.bookmarked_only, self.unstudied_only)
        )


def _tokens(query: str) -> list[str]:
    return [t for t in query.lower().split() if t]


def question_matches(question: Question, state: QuestionState | None, filters: Filters) -> bool:
    """True when `question` passes every filter and contains every word of the query."""
    if filters.category and question.category != filters.category:
        return False
    if filters.difficulty and question.difficulty != filters.difficulty:
        return False
    if filters.bookmarked_only and not (state and state.bookmarked):
        return False
    if filters.unstudied_only and state and state.studied:
        return False
    tokens = _tokens(filters.query)
    if not tokens:
        return True
    haystack = question.search_text() + f" q{question.number} #{question.number}"
    return all(token in haystack for token in tokens)


def guide_matches(guide: Guide, filters: Filters) -> bool:
    """Guides have no category, difficulty or progress: only the text query applies."""
    if filters.category or filters.difficulty or filters.bookmarked_only or filters.unstudied_only:
        return False
    tokens = _tokens(filters.query)
    haystack = guide.search_text()
    return all(token in haystack for token in tokens)
