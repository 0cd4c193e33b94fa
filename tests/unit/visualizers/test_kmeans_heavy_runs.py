"""The k-means state's off-thread hooks (no Qt): `heavy_run` and the CSV load's `csv_plan`.

`heavy_run` decides whether a run is built on a worker: only a loaded CSV bigger than
`HEAVY_POINTS` is. `csv_plan` is what a CSV load's worker calls to build the first run on
the new data before it is installed; its runs must be the ones the ordinary `stepper`
builds once the data are installed (checked against a fresh state and `KMeansStepper`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from visualizers.core.frames import History, RunPlan
from visualizers.kmeans.algorithm import KMeansFrame, KMeansStepper
from visualizers.kmeans.datasets import GAUSSIAN_BLOBS, IRIS, USER_CSV, Dataset
from visualizers.kmeans.spec import SPEC
from visualizers.kmeans.state import HEAVY_POINTS, PLACED, KMeansState


def _params(**values: object) -> dict[str, int | float | str | bool]:
    return SPEC.resolve(values)


def _csv_of(n: int) -> Dataset:
    return Dataset(np.zeros((n, 2)), f"{n} zeros")


def _state_with_csv(n: int) -> KMeansState:
    state = KMeansState()
    state.swap_csv(_csv_of(n))
    return state


# -- heavy_run -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "heavy"),
    [
        (HEAVY_POINTS - 1, False),
        (HEAVY_POINTS, False),
        (HEAVY_POINTS + 1, True),
        (2 * HEAVY_POINTS, True),
        (1, False),
    ],
)
def test_a_csv_run_is_heavy_only_above_the_threshold(n: int, heavy: bool) -> None:
    state = _state_with_csv(n)
    assert state.heavy_run(_params(dataset=USER_CSV)) is heavy


@pytest.mark.parametrize("dataset", [GAUSSIAN_BLOBS, IRIS])
def test_other_datasets_are_never_heavy_even_with_a_big_csv_loaded(dataset: str) -> None:
    state = _state_with_csv(HEAVY_POINTS + 1)
    assert state.heavy_run(_params(dataset=dataset, n_points=50)) is False


def test_no_csv_loaded_is_not_heavy() -> None:
    state = KMeansState()
    assert state.heavy_run(_params(dataset=USER_CSV)) is False
    assert state.heavy_run(_params(dataset=GAUSSIAN_BLOBS)) is False
    # Unloading a big CSV makes the CSV run light again (the state reads the current CSV).
    big = _state_with_csv(HEAVY_POINTS + 1)
    assert big.heavy_run(_params(dataset=USER_CSV)) is True
    big.swap_csv(None)
    assert big.heavy_run(_params(dataset=USER_CSV)) is False


def test_heavy_run_follows_the_latest_csv() -> None:
    state = _state_with_csv(HEAVY_POINTS + 1)
    state.swap_csv(_csv_of(HEAVY_POINTS))
    assert state.heavy_run(_params(dataset=USER_CSV)) is False
    state.swap_csv(_csv_of(HEAVY_POINTS + 5))
    assert state.heavy_run(_params(dataset=USER_CSV)) is True


# -- csv_plan ------------------------------------------------------------------------------


def _blobs_csv(tmp_path: Path, name: str, seed: int) -> Dataset:
    """Three loose blobs written as a CSV and read back the way the view reads a file."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])
    points = np.concatenate([c + rng.normal(0.0, 1.5, (40, 2)) for c in centres])
    path = tmp_path / name
    lines = ["a,b"] + [f"{float(x)!r},{float(y)!r}" for x, y in points]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = KMeansState.read_csv(path)
    assert np.array_equal(data.points, points)  # the file round-trips exactly
    return data


def _frames(stepper: KMeansStepper) -> list[KMeansFrame]:
    history = History(stepper, limit=400)
    history.extend_to(399)
    frames = list(history.frames())
    assert frames[-1].finished
    return frames


def _same_run(a: list[KMeansFrame], b: list[KMeansFrame]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.phase == y.phase and x.iteration == y.iteration and x.chosen == y.chosen
        assert np.array_equal(x.points, y.points)
        assert np.array_equal(x.centroids, y.centroids)
        assert np.array_equal(x.labels, y.labels)
        assert x.inertia == y.inertia


def _build(plan: RunPlan[KMeansFrame]) -> KMeansStepper:
    stepper = plan.build()
    assert isinstance(stepper, KMeansStepper)
    return stepper


def test_no_plan_ahead_when_the_run_starts_from_placed_centroids() -> None:
    state = KMeansState()
    values = state.place(np.array([[-3.0, 0.0], [3.0, 0.0]]))
    state.stepper(_params(n_points=60, **values), 0)
    assert state.params["init"] == PLACED
    assert state.csv_plan() is None


@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_other_inits_plan_ahead(init: str) -> None:
    state = KMeansState()
    state.stepper(_params(n_points=60, init=init), 0)
    assert state.csv_plan() is not None


def test_a_fresh_state_plans_ahead() -> None:
    assert KMeansState().csv_plan() is not None  # no run yet: nothing placed to wait for


@pytest.mark.parametrize(
    ("init", "k", "param_seed", "seed"), [("k-means++", 3, 2, 5), ("random", 4, 0, 1)]
)
def test_the_planned_run_is_the_run_the_installed_csv_gets(
    tmp_path: Path, init: str, k: int, param_seed: int, seed: int
) -> None:
    state = KMeansState()
    old = _blobs_csv(tmp_path, "old.csv", 99)
    state.swap_csv(old)  # the CSV still installed while the new one loads
    state.stepper(_params(dataset=USER_CSV, init=init, k=2), 0)
    make = state.csv_plan()
    assert make is not None
    new = _blobs_csv(tmp_path, "new.csv", 7)
    params = _params(dataset=USER_CSV, init=init, k=k, seed=param_seed)
    plan = make(new, params, seed)
    assert isinstance(plan, RunPlan)
    stepper = _build(plan)
    # Built on the new data with the run's seed, not on the installed CSV.
    assert np.array_equal(stepper.points, new.points)
    assert stepper.k == k and stepper.init_name == init
    assert stepper.note == new.note
    planned = _frames(stepper)
    direct = KMeansStepper(new.points, k, init=init, seed=param_seed + seed, note=new.note)
    _same_run(planned, _frames(direct))
    # ... which is what the ordinary path builds once the new data are installed.
    ordinary = KMeansState()
    ordinary.swap_csv(new)
    _same_run(planned, _frames(ordinary.stepper(params, seed)))
    # Nothing of the state changed until adopt; adopt makes it the current run.
    assert state.csv is old and state.params["k"] == 2
    plan.adopt(stepper)
    assert state.stepper_now is stepper and state.dataset is new
    assert state.params == params and state.run_seed == param_seed + seed


def test_the_planned_run_depends_on_the_seed_it_is_given(tmp_path: Path) -> None:
    make = KMeansState().csv_plan()
    assert make is not None
    data = _blobs_csv(tmp_path, "d.csv", 3)
    params = _params(dataset=USER_CSV, init="random", k=3, seed=0)
    starts = []
    for seed in (0, 1):
        planned = _frames(_build(make(data, params, seed)))
        expected = _frames(KMeansStepper(data.points, 3, init="random", seed=seed))
        assert planned[1].phase == expected[1].phase == "init"
        assert np.array_equal(planned[1].centroids, expected[1].centroids)
        starts.append(planned[1].centroids)
    assert not np.array_equal(starts[0], starts[1])


def test_the_plan_needs_no_installed_csv(tmp_path: Path) -> None:
    state = KMeansState()  # nothing loaded: the plan uses the data it is handed
    make = state.csv_plan()
    assert make is not None
    data = _blobs_csv(tmp_path, "only.csv", 11)
    params = _params(dataset=USER_CSV, k=3)
    stepper = _build(make(data, params, 0))
    assert np.array_equal(stepper.points, data.points)
    with pytest.raises(ValueError, match="No CSV"):
        state.stepper(params, 0)  # the state itself still has no CSV
