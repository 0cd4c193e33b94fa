"""Mock interviews: the draw follows the rounds, the clock counts down, the rubric scores."""

from __future__ import annotations

import json
import random

import pytest

from app.content import Library
from app.store import MockSessionRecord, Store
from app.study.core import mock_interview as mi


def test_draw_follows_the_rounds_without_repeats(library: Library) -> None:
    slots = mi.draw_questions(library.questions, mi.PRESETS["full"], random.Random(1))
    rounds = [s.round for s in slots]
    assert rounds == sorted(rounds, key=mi.ROUND_ORDER.index)
    assert len({s.question_id for s in slots}) == len(slots) == 7
    for slot in slots:
        question = library.by_id(slot.question_id)
        assert question is not None and slot.round in question.rounds


def test_weak_questions_are_drawn_first(library: Library) -> None:
    design = [q.id for q in library.questions if q.rounds and q.rounds[0] == "system-design"]
    weakest = design[-1]
    weakness = {qid: 0.0 for qid in design} | {weakest: 5.0}
    plan = (mi.RoundPlan("system-design", 1, 60),)
    slots = mi.draw_questions(library.questions, plan, random.Random(3), weakness)
    assert slots[0].question_id == weakest


def test_countdown_overtime_and_summary() -> None:
    slots = [mi.Slot("screening", "a", 60), mi.Slot("system-design", "b", 120)]
    session = mi.MockSession(slots, started_wall=1_700_000_000.0)
    session.start(100.0)
    assert session.remaining(130.0) == pytest.approx(30.0)
    assert session.next_question(190.0) == slots[1]  # 90 s used of 60: over time
    assert session.remaining(200.0) == pytest.approx(110.0)
    assert session.next_question(250.0) is None
    for item in mi.RUBRICS["system-design"]:
        session.set_score(1, item, 2)
    session.set_score(0, mi.RUBRICS["screening"][0], 1)
    summary = session.finish(1_700_000_300.0)
    assert summary["over_time"] == 1
    assert summary["rounds"]["system-design"] == 1.0
    assert summary["rounds"]["screening"] == pytest.approx(1 / 8, abs=1e-3)
    assert session.suggested_rating(1) == 4 and session.suggested_rating(0) == 1
    json.loads(mi.summary_to_json(summary))


def test_system_design_rubric_is_the_design_steps() -> None:
    assert mi.RUBRICS["system-design"] == (
        "Requirements",
        "Data",
        "Candidate generation",
        "Ranking",
        "Evaluation",
        "Serving",
    )


def test_rubric_rejects_unknown_items_and_scores() -> None:
    session = mi.MockSession([mi.Slot("coding", "a", 60)], started_wall=0.0)
    with pytest.raises(ValueError):
        session.set_score(0, "Requirements", 2)
    with pytest.raises(ValueError):
        session.set_score(0, mi.RUBRICS["coding"][0], 3)


def test_ending_early_leaves_the_rest_unanswered() -> None:
    slots = [mi.Slot("screening", "a", 60), mi.Slot("coding", "b", 60)]
    session = mi.MockSession(slots, started_wall=0.0)
    session.start(0.0)
    session.end_answers(20.0)
    summary = session.finish(30.0)
    assert [q["answered"] for q in summary["questions"]] == [True, False]
    assert summary["rounds"]["coding"] == 0.0  # not reached: a round scored zero


def test_overall_score_counts_questions_not_reached_as_zero() -> None:
    """Two of four reached, both fully covered: 2 × 100 % + 2 × 0 over 4 questions is 50 %."""
    slots = [mi.Slot("screening", q, 60) for q in "abcd"]
    session = mi.MockSession(slots, started_wall=0.0)
    session.start(0.0)
    session.next_question(10.0)
    session.end_answers(20.0)
    for i in (0, 1):
        for item in session.rubric(i):
            session.set_score(i, item, 2)
    summary = session.finish(30.0)
    assert summary["overall"] == 0.5
    assert summary["rounds"] == {"screening": 0.5}


def test_history_is_saved_once(store: Store) -> None:
    record = MockSessionRecord("ab" * 16, 1.0, 2.0, '{"overall": 0.5}')
    assert store.add_mock_session(record)
    assert not store.add_mock_session(record)
    assert store.mock_sessions() == [record]


def test_format_clock() -> None:
    assert mi.format_clock(125) == "2:05"
    assert mi.format_clock(-42) == "−0:42"
