"""A coding round's summary travels in progress files like the other mock interviews: the
import accepts the real thing and refuses each hostile variant of its fields with a reason."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import pytest

from app.practice import coding_round as cr
from app.study.core import export_import as ei
from app.study.core import mock_interview as mi

NOW = round(time.time() - 3600, 3)


def _coding_summary() -> dict[str, Any]:
    session = cr.CodingSession(
        [
            cr.ProblemRecord(21, "cosine-similarity", "Cosine similarity", hints_available=2),
            cr.ProblemRecord(125, "merge-intervals", "Merge intervals", hints_available=3),
        ],
        2700.0,
        started_wall=NOW - 2000,
    )
    session.start(0.0)
    session.record_hint(21)
    session.record_run(21, 4, 6, "x")
    session.show(1, 900.0)
    session.record_run(125, 12, 0, "y")
    session.end(1500.0)
    return session.summary(NOW - 500)


def _document(summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": ei.FORMAT,
        "version": ei.VERSION,
        "exported_at": NOW,
        "questions": [],
        "reviews": [],
        "mock_sessions": [
            {"uid": "b" * 32, "started_at": NOW - 2000, "finished_at": NOW, "summary": summary}
        ],
    }


def test_a_real_coding_summary_is_imported_whole() -> None:
    summary = _coding_summary()
    parsed = ei.parse_progress(json.dumps(_document(summary)))
    [record] = parsed.mock_sessions
    assert json.loads(record.summary_json) == summary
    assert mi.summary_mode(json.loads(record.summary_json)) == "coding"


def test_a_question_session_summary_still_passes() -> None:
    session = mi.MockSession([mi.Slot("screening", "bias-variance", 180)], started_wall=NOW - 900)
    session.start(0.0)
    session.set_score(0, mi.RUBRICS["screening"][0], 2)
    session.next_question(100.0)
    summary = session.finish(NOW - 600)
    assert ei.parse_progress(json.dumps(_document(summary))).mock_sessions
    assert mi.summary_mode(summary) == "questions"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mode", "evil"),
        ("mode", ["coding"]),
        ("limit_s", -1),
        ("limit_s", "forever"),
        ("timed_out", "yes"),
        ("solved", 10_000),
    ],
)
def test_bad_round_fields_are_refused(field: str, value: object) -> None:
    summary = _coding_summary()
    summary[field] = value
    with pytest.raises(ei.ImportValidationError) as caught:
        ei.parse_progress(json.dumps(_document(summary)))
    assert any(field in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tests_passed", -3),
        ("tests_failed", 1e12),
        ("best_passed", "all"),
        ("runs", True),
        ("hints", 5000),
        ("number", -21),
        ("score", 1.5),
        ("used_s", 1e9),
        ("answered", "yes"),
        ("changed_after_run", 1),
        ("round", "pentest"),
        ("question_id", "../../etc/passwd"),
        ("scores", {"Correct": 9}),
        ("scores", ["Correct"]),
        ("scores", {f"item {i}": 1 for i in range(50)}),
    ],
)
def test_bad_problem_fields_are_refused(field: str, value: object) -> None:
    summary = copy.deepcopy(_coding_summary())
    summary["questions"][1][field] = value
    with pytest.raises(ei.ImportValidationError) as caught:
        ei.parse_progress(json.dumps(_document(summary)))
    assert any(f"questions[1].{field}" in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize("summary", [None, [], "coding", {"mode": None}, {"rounds": 3}])
def test_the_mode_of_anything_malformed_is_questions(summary: object) -> None:
    assert mi.summary_mode(summary) == "questions"
