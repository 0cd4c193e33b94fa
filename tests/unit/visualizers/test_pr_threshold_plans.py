"""`PrThresholdState.plan` and `swap_prepared` (no Qt): which scores a run analyses, where
the resampling of a loaded CSV happens (in `build`, on the worker), and how an analysis
prepared by the loading worker is adopted and then reused."""

from __future__ import annotations

import numpy as np
import pytest

import visualizers.pr_threshold.state as pr_state
from visualizers.core.registry import get
from visualizers.pr_threshold.data import LabelledScores, resample_to_rate
from visualizers.pr_threshold.spec import DATASET_CSV, DATASET_SYNTHETIC
from visualizers.pr_threshold.state import (
    PreparedCsv,
    PrThresholdState,
    ThresholdSweepStepper,
    analyze_scores,
)

SPEC = get("pr_threshold")
assert SPEC is not None


def _params(**values: object) -> dict[str, int | float | str | bool]:
    assert SPEC is not None
    return SPEC.resolve(values)


def _csv(n: int = 1_000, seed: int = 0) -> LabelledScores:
    rng = np.random.default_rng(seed)
    labels = rng.random(n) < 0.5
    scores = np.clip(rng.normal(np.where(labels, 0.65, 0.35), 0.15), 0.0, 1.0)
    return LabelledScores(labels, scores, "my scores.csv")


def _run(
    state: PrThresholdState, params: dict[str, int | float | str | bool], seed: int
) -> ThresholdSweepStepper:
    plan = state.plan(params, seed)
    stepper = plan.build()
    plan.adopt(stepper)
    assert isinstance(stepper, ThresholdSweepStepper)
    return stepper


def _positives_share(stepper: ThresholdSweepStepper) -> float:
    return stepper.analysis.prevalence


def test_a_loaded_csv_is_analysed_as_it_is_without_rebalancing() -> None:
    data = _csv()
    state = PrThresholdState()
    state.adopt_csv(data)
    stepper = _run(state, _params(dataset=DATASET_CSV, rebalance_real=False), seed=3)
    assert _positives_share(stepper) == pytest.approx(float(data.labels.mean()))
    want = analyze_scores(data.labels, data.scores, *pr_state._analysis_key(_params()))
    assert stepper.analysis.average_precision == pytest.approx(want.average_precision)
    assert state.source == "my scores.csv"


@pytest.mark.parametrize("seed", [3, 4])
def test_a_rebalanced_csv_run_analyses_the_seeded_resample(seed: int) -> None:
    data = _csv()
    state = PrThresholdState()
    state.adopt_csv(data)
    params = _params(dataset=DATASET_CSV, rebalance_real=True, positive_rate=0.1)
    stepper = _run(state, params, seed)
    want = resample_to_rate(data, 0.1, seed)
    assert _positives_share(stepper) == pytest.approx(0.1, abs=0.005)
    expected = analyze_scores(want.labels, want.scores, *pr_state._analysis_key(params))
    assert stepper.analysis.average_precision == pytest.approx(expected.average_precision)
    np.testing.assert_array_equal(stepper.analysis.bin_edges, expected.bin_edges)
    assert state.source == want.source and "resampled to 10% positive" in state.source


def test_the_csv_is_resampled_by_build_not_by_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker runs `build`: `plan`, on the GUI thread, only captures the scores."""
    calls: list[str] = []

    def counting(data: LabelledScores, rate: float, seed: int = 0) -> LabelledScores:
        calls.append("resample")
        return resample_to_rate(data, rate, seed)

    monkeypatch.setattr(pr_state, "resample_to_rate", counting)
    state = PrThresholdState()
    state.adopt_csv(_csv())
    plan = state.plan(_params(dataset=DATASET_CSV, rebalance_real=True, positive_rate=0.2), 1)
    assert calls == []
    plan.build()
    assert calls == ["resample"]


def test_a_loaded_csv_is_not_used_when_another_dataset_is_chosen() -> None:
    state = PrThresholdState()
    state.adopt_csv(_csv(n=300))
    params = _params(dataset=DATASET_SYNTHETIC, n_samples=2_000, rebalance_real=True)
    stepper = _run(state, params, seed=2)
    assert int(stepper.analysis.sweep.tps[-1] + stepper.analysis.sweep.fps[-1]) == 2_000
    assert state.source != "my scores.csv"


def test_swapping_prepared_csvs_returns_the_one_replaced() -> None:
    state = PrThresholdState()
    assert state.swap_prepared(None) is None and state.csv_data is None
    first, second = _csv(seed=1), _csv(seed=2)
    assert state.swap_prepared(PreparedCsv(first)) is None
    assert state.csv_data is first
    replaced = state.swap_prepared(PreparedCsv(second))
    assert replaced is not None and replaced.data is first and replaced.analysis is None
    assert state.csv_data is second
    back = state.swap_prepared(None)
    assert back is not None and back.data is second and state.csv_data is None


def test_an_analysis_prepared_by_the_loader_is_the_one_the_run_uses() -> None:
    data = _csv(seed=5)
    params = _params(dataset=DATASET_CSV, rebalance_real=False)
    key = pr_state._analysis_key(params)
    prepared = analyze_scores(data.labels, data.scores, *key)
    state = PrThresholdState()
    state.swap_prepared(PreparedCsv(data, (key, prepared)))
    assert _run(state, params, seed=0).analysis is prepared
    # other costs: analysed afresh for the same scores
    other = _params(dataset=DATASET_CSV, rebalance_real=False, cost_fn=key[1] * 3)
    assert _run(state, other, seed=0).analysis is not prepared
