"""The coding round's choice of problems and its summary (pure)."""

from __future__ import annotations

import json

from app.practice.coding_round import ProblemOutcome, RoundSummary, append_history, pick_problems


def test_one_ml_and_one_dsa_problem_reproducibly() -> None:
    numbers = [21, 22, 100, 101, 120, 121, 130]
    for seed in range(20):
        chosen = pick_problems(numbers, seed)
        assert len(chosen) == 2 and chosen[0] < 120 <= chosen[1]
        assert chosen == pick_problems(numbers, seed)
    assert pick_problems([21, 22], 0) in ([21, 22], [22, 21])


def test_summary_counts_a_revealed_reference_as_not_solved() -> None:
    outcomes = (
        ProblemOutcome(21, "Cosine similarity", 17, 17, 600.0, 1, False),
        ProblemOutcome(126, "LRU cache", 5, 5, 900.0, 0, True),
        ProblemOutcome(120, "Top-k", 0, 0, 60.0, 0, False),
    )
    summary = RoundSummary(0.0, 2700.0, 2700.0, outcomes)
    assert summary.solved == 1
    lines = summary.lines()
    assert lines[0].startswith("Q21 Cosine similarity: solved, 10 min, 1 hint(s)")
    assert "after the reference" in lines[1] and "reference shown" in lines[1]
    assert "no test run" in lines[2]
    assert lines[-1] == "1 of 3 solved in 45 of 45 minutes (time ran out)."
    history = append_history(append_history("not json", summary), summary)
    assert len(json.loads(history)) == 2
