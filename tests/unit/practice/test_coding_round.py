"""The mock interview's coding round without Qt: the draw, the one clock, the summary, and
the rounds of the old coding-round window brought into the history."""

from __future__ import annotations

import json
import random

import pytest

from app.practice import coding_round as cr

ML = [21, 22, 23, 100, 101, 105]
DSA = [120, 121, 125, 130]


def test_two_problems_are_one_ml_and_one_dsa_reproducibly() -> None:
    for seed in range(30):
        chosen = cr.pick_problems(ML + DSA, random.Random(seed), 2)
        assert len(chosen) == 2 and chosen[0] in ML and chosen[1] in DSA
        assert chosen == cr.pick_problems(ML + DSA, random.Random(seed), 2)
    draws = {tuple(cr.pick_problems(ML + DSA, random.Random(s), 2)) for s in range(30)}
    assert len(draws) > 5  # not always the same pair


@pytest.mark.parametrize("count", [1, 3, 4])
def test_larger_rounds_alternate_kinds_without_repeats(count: int) -> None:
    chosen = cr.pick_problems(ML + DSA, random.Random(7), count)
    assert len(chosen) == len(set(chosen)) == count
    kinds = ["ml" if n in ML else "dsa" for n in chosen]
    assert kinds == ["ml", "dsa", "ml", "dsa"][:count]


def test_a_pool_of_one_kind_or_too_small_gives_what_it_has() -> None:
    assert sorted(cr.pick_problems([121, 122], random.Random(0), 4)) == [121, 122]
    assert cr.pick_problems([21], random.Random(0), 2) == [21]
    assert cr.pick_problems([], random.Random(0), 2) == []


def test_the_plan_is_kept_within_bounds() -> None:
    assert cr.clamp_plan(2, 45) == (2, 45)
    assert cr.clamp_plan(0, 1) == (1, 10)
    assert cr.clamp_plan(9, 600) == (4, 120)


def _session(limit: float = 2700.0) -> cr.CodingSession:
    records = [
        cr.ProblemRecord(21, "cosine-similarity", "Cosine similarity", hints_available=2),
        cr.ProblemRecord(125, "merge-intervals", "Merge intervals", hints_available=3),
    ]
    return cr.CodingSession(records, limit, started_wall=1_750_000_000.0)


def test_each_problem_is_timed_while_it_is_in_front() -> None:
    session = _session()
    session.start(100.0)
    assert session.remaining(100.0) == 2700.0
    session.show(1, 400.0)  # 300 s on the first
    session.show(0, 1000.0)  # 600 s on the second
    assert session.remaining(1000.0) == pytest.approx(1800.0)
    session.end(1100.0)
    first, second = session.problems
    assert (first.seconds, second.seconds) == (400.0, 600.0)
    assert first.reached and second.reached
    assert session.remaining(5000.0) == pytest.approx(1700.0)  # the clock stopped at the end


def test_time_runs_out_at_the_limit_not_at_the_late_tick() -> None:
    session = _session(limit=60.0)
    session.start(0.0)
    assert not session.timed_out(59.9) and session.timed_out(60.0)
    session.end(61.5)  # the timer noticed a little late
    assert session.problems[0].seconds == 60.0 and session.problems[1].seconds == 0.0
    summary = session.summary(1_750_000_061.5)
    assert summary["timed_out"] is True and summary["time_used_s"] == 60.0
    assert [q["answered"] for q in summary["questions"]] == [True, False]


def test_runs_hints_and_the_score_come_from_the_last_run() -> None:
    session = _session()
    session.start(0.0)
    session.record_run(21, 3, 7, "v1")
    session.record_run(21, 9, 1, "v2")
    session.record_run(21, 6, 4, "v3")  # a regression: the last run counts, the best is kept
    session.record_run(125, 12, 0, "ok")
    for _ in range(5):
        session.record_hint(21)  # more clicks than hints: capped at the two there are
    session.set_code(21, "v3")
    session.set_code(125, "ok\n# tidied after the run")
    session.end(600.0)
    session.record_run(21, 10, 0, "too late")  # after the end: ignored
    session.record_hint(125)
    cosine, intervals = session.problems
    assert (cosine.runs, cosine.passed, cosine.failed, cosine.best_passed) == (3, 6, 4, 9)
    assert cosine.hints == 2 and intervals.hints == 0
    assert not cosine.solved and intervals.solved and session.solved == 1
    assert not cosine.changed_after_run and intervals.changed_after_run
    assert cr.verdict(cosine) == "6 of 10 tests passed" and cr.verdict(intervals) == "solved"
    summary = session.summary(1_750_000_600.0)
    assert summary["mode"] == "coding" and summary["version"] == 1
    assert summary["overall"] == pytest.approx((0.6 + 1.0) / 2)
    assert summary["rounds"] == {"coding": summary["overall"]}
    first = summary["questions"][0]
    assert (first["tests_passed"], first["tests_failed"], first["runs"]) == (6, 4, 3)
    assert first["score"] == 0.6 and first["round"] == "coding"
    assert "v3" not in json.dumps(summary)  # the code stays in the practice history


def test_a_problem_never_run_scores_zero() -> None:
    session = _session()
    session.start(0.0)
    session.end(10.0)
    assert cr.verdict(session.problems[0]) == "never run"
    assert session.summary(1_750_000_010.0)["overall"] == 0.0


def test_a_round_needs_problems_and_time() -> None:
    with pytest.raises(ValueError):
        cr.CodingSession([], 60.0, 0.0)
    with pytest.raises(ValueError):
        cr.CodingSession([cr.ProblemRecord(21, "a", "A")], 0.0, 0.0)
    session = _session()
    session.start(0.0)
    with pytest.raises(IndexError):
        session.show(2, 1.0)


def test_the_reference_source_is_read_from_the_app() -> None:
    source = cr.reference_source("app.practice.reference_dsa:merge_intervals")
    assert source.startswith("def merge_intervals(")
    assert "not one of" in cr.reference_source("os:system")  # never imported


# What the old coding-round window stored, written out by hand.
OLD_ROUND = {
    "started_at": 1_750_000_000.0,
    "seconds": 2700.0,
    "limit_seconds": 2700.0,
    "outcomes": [
        {
            "number": 21,
            "title": "Cosine similarity",
            "passed": 17,
            "total": 17,
            "seconds": 900.0,
            "hints": 1,
            "reference_shown": False,
        },
        {
            "number": 125,
            "title": "Merge intervals",
            "passed": 2,
            "total": 8,
            "seconds": 1800.0,
            "hints": 0,
            "reference_shown": False,
        },
    ],
}
IDS = {21: "cosine-similarity", 125: "merge-intervals"}


def test_old_rounds_become_mock_summaries_once() -> None:
    text = json.dumps([OLD_ROUND, {"started_at": "yesterday"}, 7])
    [(uid, started, finished, summary)] = cr.legacy_summaries(text, IDS)
    assert len(uid) == 32 and int(uid, 16) >= 0
    assert (started, finished) == (1_750_000_000.0, 1_750_002_700.0)
    assert summary["overall"] == pytest.approx((1.0 + 0.25) / 2, abs=1e-3)
    assert summary["timed_out"] is True and summary["solved"] == 1
    assert [q["question_id"] for q in summary["questions"]] == list(IDS.values())
    assert cr.legacy_summaries(text, IDS)[0][0] == uid  # the same uid: no double import


@pytest.mark.parametrize(
    "text",
    [None, "", "not json", "{}", "[[[]]]", json.dumps([{**OLD_ROUND, "outcomes": "x"}])],
)
def test_unusable_old_histories_give_nothing(text: str | None) -> None:
    assert cr.legacy_summaries(text, IDS) == []


def test_an_old_round_naming_an_unknown_problem_is_skipped() -> None:
    round_ = json.loads(json.dumps(OLD_ROUND))
    round_["outcomes"][1]["number"] = 999
    assert cr.legacy_summaries(json.dumps([round_]), IDS) == []
    round_["outcomes"][1].update(number=125, passed=9)  # more passed than tests
    assert cr.legacy_summaries(json.dumps([round_]), IDS) == []


def test_a_saved_round_is_described_problem_by_problem() -> None:
    [(_, _, _, summary)] = cr.legacy_summaries(json.dumps([OLD_ROUND]), IDS)
    titles = {21: "Cosine similarity", 125: "Merge intervals"}
    assert cr.describe_problems(summary, titles.get).splitlines() == [
        "Q21 Cosine similarity: 17/17 tests, 1 run, 1 hint",
        "Q125 Merge intervals: 2/8 tests, 1 run, 0 hints",
    ]


@pytest.mark.parametrize(
    "summary",
    [None, {}, {"questions": 5}, {"questions": [7, {"number": "21"}, {"number": True}]}],
)
def test_malformed_saved_rounds_describe_as_nothing(summary: object) -> None:
    assert cr.describe_problems(summary, lambda n: "x") == ""


def test_missing_fields_are_left_out_of_the_description() -> None:
    summary = {"questions": [{"number": 125, "runs": "many", "tests_passed": 3}]}
    assert cr.describe_problems(summary, lambda n: None) == "Q125"
