"""`PrThresholdState.heavy_run` (no Qt): only a loaded CSV with more than `HEAVY_ROWS`
scores, shown as the dataset, is analysed on a worker; everything else runs at once."""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.core.registry import get
from visualizers.pr_threshold.data import LabelledScores
from visualizers.pr_threshold.spec import DATASET_BREAST_CANCER, DATASET_CSV, DATASET_SYNTHETIC
from visualizers.pr_threshold.state import HEAVY_ROWS, PrThresholdState

SPEC = get("pr_threshold")
assert SPEC is not None


def _params(**values: object) -> dict[str, int | float | str | bool]:
    assert SPEC is not None
    return SPEC.resolve(values)


def _scores(n: int) -> LabelledScores:
    labels = np.arange(n) % 2 == 0
    return LabelledScores(labels, np.linspace(0.0, 1.0, n), f"{n} scores")


def _state_with(n: int) -> PrThresholdState:
    state = PrThresholdState()
    state.adopt_csv(_scores(n))
    return state


@pytest.mark.parametrize(
    ("n", "heavy"),
    [
        (HEAVY_ROWS - 1, False),
        (HEAVY_ROWS, False),
        (HEAVY_ROWS + 1, True),
        (3 * HEAVY_ROWS, True),
        (2, False),
    ],
)
def test_a_csv_run_is_heavy_only_above_the_threshold(n: int, heavy: bool) -> None:
    assert _state_with(n).heavy_run(_params(dataset=DATASET_CSV)) is heavy


@pytest.mark.parametrize("rebalance", [False, True])
def test_rebalancing_does_not_change_the_decision(rebalance: bool) -> None:
    big, small = _state_with(HEAVY_ROWS + 1), _state_with(HEAVY_ROWS)
    assert big.heavy_run(_params(dataset=DATASET_CSV, rebalance_real=rebalance)) is True
    assert small.heavy_run(_params(dataset=DATASET_CSV, rebalance_real=rebalance)) is False


@pytest.mark.parametrize("dataset", [DATASET_SYNTHETIC, DATASET_BREAST_CANCER])
def test_other_sources_are_never_heavy_even_with_a_big_csv_loaded(dataset: str) -> None:
    assert _state_with(HEAVY_ROWS + 1).heavy_run(_params(dataset=dataset)) is False


def test_no_csv_loaded_is_not_heavy() -> None:
    state = PrThresholdState()
    assert state.heavy_run(_params(dataset=DATASET_CSV)) is False
    assert state.heavy_run(_params(dataset=DATASET_SYNTHETIC)) is False


def test_heavy_run_follows_the_csv_adopted_last() -> None:
    state = _state_with(HEAVY_ROWS + 1)
    state.adopt_csv(_scores(HEAVY_ROWS))
    assert state.heavy_run(_params(dataset=DATASET_CSV)) is False
    state.adopt_csv(_scores(HEAVY_ROWS + 2))
    assert state.heavy_run(_params(dataset=DATASET_CSV)) is True
    state.adopt_csv(None)
    assert state.heavy_run(_params(dataset=DATASET_CSV)) is False
