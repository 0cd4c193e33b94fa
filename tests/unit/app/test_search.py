"""Search and filters over questions (pure)."""

from __future__ import annotations

from app.content import load_library
from app.search import Filters, question_matches
from app.store import QuestionState

LIB = load_library()


def _numbers(filters: Filters, states: dict[str, QuestionState] | None = None) -> list[int]:
    states = states or {}
    return [q.number for q in LIB.questions if question_matches(q, states.get(q.id), filters)]


def test_no_filters_show_everything() -> None:
    assert len(_numbers(Filters())) == len(LIB.questions)


def test_query_searches_answers_and_tags_and_needs_every_word() -> None:
    kmeans = _numbers(Filters(query="k-means"))
    assert 23 in kmeans
    assert 23 in _numbers(Filters(query="K-MEANS centroid"))
    assert _numbers(Filters(query="centroid zzzyx")) == []


def test_category_and_difficulty() -> None:
    assert _numbers(Filters(category="coding")) == [21, 22, 23, 24, 25]
    hard = _numbers(Filters(difficulty="hard"))
    assert all(q.difficulty == "hard" for q in LIB.questions if q.number in hard)


def test_bookmarked_and_unstudied() -> None:
    q3 = LIB.question(3)
    q4 = LIB.question(4)
    assert q3 and q4
    states = {
        q3.id: QuestionState(q3.id, bookmarked=True),
        q4.id: QuestionState(q4.id, studied=True),
    }
    assert _numbers(Filters(bookmarked_only=True), states) == [3]
    assert 4 not in _numbers(Filters(unstudied_only=True), states)
    assert 3 in _numbers(Filters(unstudied_only=True), states)


def test_a_track_keeps_only_its_questions() -> None:
    from app.content import load_library
    from app.search import Filters, question_matches

    library = load_library()
    tiktok = [
        q.number for q in library.questions if question_matches(q, None, Filters(track="tiktok-25"))
    ]
    assert tiktok == list(range(1, 26))
    assert Filters(track="tiktok-25").active
    everything = [q for q in library.questions if question_matches(q, None, Filters())]
    assert len(everything) == len(library.questions) > 25
