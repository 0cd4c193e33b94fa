"""Every number quoted in a worked example is recomputed here from the example's inputs.

The recomputations live in `examples_seed.py` (questions 1-25) and `examples_new.py`
(26 onward), one function per question, each written from the example's inputs with NumPy,
SciPy or scikit-learn, never by reading numbers back from the YAML.
"""

from __future__ import annotations

import pytest

from app.content import Question, load_library
from tests.content.examples_new import CHECKS as NEW_CHECKS
from tests.content.examples_seed import CHECKS as SEED_CHECKS
from tests.content.quotes import matches

LIBRARY = load_library()
CHECKS = {**SEED_CHECKS, **NEW_CHECKS}


def _full_text(question: Question) -> str:
    parts = [question.answer, question.worked_example, *question.key_points, *question.pitfalls]
    parts += [f.answer for f in question.follow_ups]
    return "\n".join(parts)


def test_library_loads_cleanly() -> None:
    assert LIBRARY.errors == ()
    assert len(LIBRARY.questions) >= 65


# Questions 1-99 are the study library; coding practice problems (100-199) are checked by
# their own reference tests in tests/unit/practice.
STUDY_QUESTIONS = [q for q in LIBRARY.questions if q.number < 100]


@pytest.mark.parametrize("question", STUDY_QUESTIONS, ids=lambda q: f"q{q.number}")
def test_every_question_has_its_worked_example_recomputed(question: Question) -> None:
    assert question.number in CHECKS, f"no recomputation for question {question.number}"
    assert len(CHECKS[question.number]()) >= 2


@pytest.mark.parametrize("number", sorted(CHECKS), ids=lambda n: f"q{n}")
def test_quoted_numbers_match_their_recomputation(number: int) -> None:
    question = LIBRARY.question(number)
    assert question is not None, f"checks exist for question {number}, which does not load"
    text = _full_text(question)
    problems = []
    for quote in CHECKS[number]():
        if quote.text not in text:
            problems.append(f"snippet not found in q{number}: {quote.text!r}")
            continue
        ok, message = matches(quote)
        if not ok:
            problems.append(message)
    assert not problems, "\n".join(problems)


def test_seed_track_is_the_original_25() -> None:
    seed = [q.number for q in LIBRARY.questions if "tiktok-25" in q.tracks]
    assert seed == list(range(1, 26))
