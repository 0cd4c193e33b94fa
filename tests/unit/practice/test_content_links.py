"""Every practice problem has its question in the content, with a statement, and the other way round."""

from __future__ import annotations

from app.content import load_library
from app.practice.problems import all_problems


def test_problems_and_questions_match() -> None:
    library = load_library()
    assert library.errors == ()
    with_practice = {q.number for q in library.questions if q.practice is not None}
    assert with_practice == set(all_problems())
    for number, problem in all_problems().items():
        question = library.question(number)
        assert question is not None
        assert question.practice is not None and question.practice.hints
        assert "coding" in question.rounds
        if number >= 100:  # the answer shows one of the reference functions
            module, _, names = problem.reference.partition(":")
            assert question.implementation in {f"{module}:{name}" for name in names.split("+")}


def test_numbers_and_categories_of_the_practice_set() -> None:
    library = load_library()
    for number in all_problems():
        if number >= 100:
            question = library.question(number)
            assert question is not None and 100 <= number <= 199
            assert question.category in ("ml-from-scratch", "data-structures-algorithms")
    dsa = library.in_category("data-structures-algorithms")
    assert len(dsa) >= 15
