"""The regularization state's off-thread runs: `heavy_run`, `plan` and `stepper_for_csv`.

A plan's stepper must be the run `stepper` builds the ordinary way (a second state that
loaded the same CSV), its fit must be scikit-learn's, and its `adopt` must leave the state
holding what the worker made, so the restarts that follow reuse it; `heavy_run` must send
exactly the runs that fit a path on a CSV bigger than `HEAVY_ROWS` to the worker.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from tests.unit.visualizers.sealed_state import Sealable, sealed
from visualizers.core.frames import RunPlan
from visualizers.regularization import state as reg
from visualizers.regularization.spec import SPEC
from visualizers.regularization.state import (
    USER_CSV,
    CsvData,
    RegularizationState,
    RegularizationStepper,
    read_csv,
    read_named_csv,
)

LASSO, RIDGE = reg.PENALTIES
SEED = 3  # not the spec's default seed: a plan that lost its seed shows


def _csv(tmp_path: Path, rows: int, name: str = "data.csv", shift: float = 0.0) -> Path:
    """A CSV with a header, three features (one useless) and the target last."""
    rng = np.random.default_rng(rows + int(10 * shift))
    X = rng.normal(size=(rows, 3)) + shift
    y = X @ np.array([1.5, -0.8, 0.0]) + rng.normal(0.0, 0.5, rows)
    lines = ["# written by the test", "f1,f2,f3,target"]
    lines += [",".join(f"{v:.6f}" for v in row) for row in np.column_stack([X, y])]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _params(**values: object) -> dict[str, int | float | str | bool]:
    return SPEC.resolve({"dataset": USER_CSV, **values})


def _elastic() -> dict[str, int | float | str | bool]:
    """Values with a penalty the spec would never resolve to (a hand-made dict)."""
    return {**_params(), "penalty": "elastic"}


class _Sealed(Sealable, RegularizationState):
    """A state that fails the test if its data or caches are read while sealed."""

    GUARDED = ("csv", "csv_name", "_data", "_data_key", "_paths")


def _loaded(path: Path) -> _Sealed:
    state = _Sealed()
    state.swap_csv(read_named_csv(path))
    return state


def _ordinary(path: Path, params: dict[str, int | float | str | bool]) -> RegularizationStepper:
    """The run a second state builds from the same file on this thread, the ordinary way."""
    return _loaded(path).stepper(params, SEED)


def _built(
    plan: RunPlan[reg.RegularizationFrame], state: _Sealed | None = None
) -> RegularizationStepper:
    """`plan.build()` as a worker runs it: reading only what the plan captured."""
    with sealed(state):
        stepper = plan.build()
    assert isinstance(stepper, RegularizationStepper)
    return stepper


def _assert_same_run(got: RegularizationStepper, want: RegularizationStepper) -> None:
    """Same split, α, penalty, path, solution, slice and the same first frames."""
    for name in ("X_train", "y_train", "X_val", "y_val"):
        np.testing.assert_array_equal(getattr(got.data, name), getattr(want.data, name))
    assert got.data.names == want.data.names and got.data.true_coef is None
    assert got.alpha == want.alpha and got.penalty == want.penalty
    for name in ("alphas", "coefs", "train_mse", "val_mse"):
        np.testing.assert_array_equal(getattr(got.path, name), getattr(want.path, name))
    np.testing.assert_array_equal(got.solution, want.solution)
    np.testing.assert_array_equal(got.slice.loss, want.slice.loss)
    a, b = got.first(), want.first()
    for _ in range(4):
        assert a.step == b.step and a.finished == b.finished
        np.testing.assert_array_equal(a.coef, b.coef)
        np.testing.assert_array_equal(a.trail, b.trail)
        assert (a.intercept, a.objective, a.val_mse) == (b.intercept, b.objective, b.val_mse)
        assert a.explanation == b.explanation
        if a.finished:
            break
        a, b = got.advance(a), want.advance(b)


def _assert_sklearn_fit(stepper: RegularizationStepper, path: Path) -> None:
    """The converged slopes are scikit-learn's fit of the file's training rows at α."""
    X, y, _names = read_csv(path)
    data = stepper.data
    # The split is of this file: every row once, its features standardised with the
    # training rows' mean and standard deviation (rows found by their targets).
    train = [int(np.flatnonzero(y == t)[0]) for t in data.y_train]
    val = [int(np.flatnonzero(y == t)[0]) for t in data.y_val]
    assert sorted(train + val) == list(range(len(y)))
    mean, sd = X[train].mean(axis=0), X[train].std(axis=0)
    np.testing.assert_allclose(data.X_train, (X[train] - mean) / sd, atol=1e-12)
    np.testing.assert_allclose(data.X_val, (X[val] - mean) / sd, atol=1e-12)
    if stepper.penalty == LASSO:
        model: Lasso | Ridge = Lasso(alpha=stepper.alpha, tol=1e-12, max_iter=100_000)
    else:
        model = Ridge(alpha=stepper.alpha)
    model.fit(data.X_train, data.y_train)
    np.testing.assert_allclose(stepper.solution, model.coef_, atol=1e-6)


# -- heavy_run ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rows", "heavy"),
    [(reg.HEAVY_ROWS - 1, False), (reg.HEAVY_ROWS, False), (reg.HEAVY_ROWS + 1, True)],
)
def test_heavy_run_flips_just_above_heavy_rows(tmp_path: Path, rows: int, heavy: bool) -> None:
    state = _loaded(_csv(tmp_path, rows))
    for penalty in (LASSO, RIDGE):
        assert state.heavy_run(_params(penalty=penalty)) is heavy


def test_heavy_run_is_false_without_a_csv_or_for_synthetic_data(tmp_path: Path) -> None:
    state = RegularizationState()
    assert state.heavy_run(_params()) is False  # the CSV choice, nothing loaded yet
    state.swap_csv(read_named_csv(_csv(tmp_path, reg.HEAVY_ROWS + 1)))
    assert state.heavy_run(_params()) is True
    assert state.heavy_run(SPEC.resolve({"dataset": reg.SYNTHETIC})) is False
    state.swap_csv(None)
    assert state.heavy_run(_params()) is False


def test_heavy_run_is_false_once_that_penalty_s_path_is_cached(tmp_path: Path) -> None:
    state = _loaded(_csv(tmp_path, reg.HEAVY_ROWS + 1))
    state.stepper(_params(penalty=LASSO), SEED)  # fits the lasso path on the GUI thread
    assert state.heavy_run(_params(penalty=LASSO, alpha=0.05)) is False  # α alone: one solve
    assert state.heavy_run(_params(penalty=RIDGE)) is True  # ridge has no path yet
    state.stepper(_params(penalty=RIDGE, alpha=5.0), SEED)
    assert state.heavy_run(_params(penalty=RIDGE)) is False
    assert state.heavy_run(_params(penalty=LASSO)) is False  # both paths kept
    # A newly loaded file (even with the same numbers) has no path yet.
    state.swap_csv(read_named_csv(_csv(tmp_path, reg.HEAVY_ROWS + 1)))
    assert state.heavy_run(_params(penalty=LASSO)) is True


def test_heavy_run_ignores_paths_cached_for_the_synthetic_data(tmp_path: Path) -> None:
    state = _loaded(_csv(tmp_path, reg.HEAVY_ROWS + 1))
    state.stepper(SPEC.resolve({"penalty": LASSO}), SEED)  # synthetic data, lasso path
    assert state.heavy_run(_params(penalty=LASSO)) is True


# -- plan --------------------------------------------------------------------------------
@pytest.mark.parametrize(("penalty", "alpha"), [(LASSO, 0.05), (RIDGE, 7.0)])
def test_plan_builds_the_ordinary_run_and_adopt_keeps_it(
    tmp_path: Path, penalty: str, alpha: float
) -> None:
    path = _csv(tmp_path, 60)
    state = _loaded(path)
    params = _params(penalty=penalty, alpha=alpha)
    plan = state.plan(params, SEED)
    params["alpha"] = 9.9  # the plan keeps its own copy of the values
    stepper = _built(plan, state)
    want = _ordinary(path, _params(penalty=penalty, alpha=alpha))
    _assert_same_run(stepper, want)
    _assert_sklearn_fit(stepper, path)
    # Building touched nothing: the state still has no split of its own.
    assert state.dataset(_params(), SEED) is not stepper.data
    plan.adopt(stepper)
    # Adopted: the split and the path are the worker's, so a restart reuses them.
    assert state.dataset(_params(), SEED) is stepper.data
    assert state.path(stepper.data, penalty) is stepper.path
    again = state.stepper(_params(penalty=penalty, alpha=alpha / 2), SEED)
    assert again.data is stepper.data and again.path is stepper.path


def test_plan_reuses_the_cached_split_and_paths_and_adds_the_other_penalty(
    tmp_path: Path,
) -> None:
    path = _csv(tmp_path, 60)
    state = _loaded(path)
    first = state.stepper(_params(penalty=LASSO), SEED)  # the ordinary way: cached
    same = _built(state.plan(_params(penalty=LASSO, alpha=0.02), SEED), state)
    assert same.data is first.data and same.path is first.path  # nothing refitted
    assert same.alpha == 0.02
    _assert_same_run(same, _ordinary(path, _params(penalty=LASSO, alpha=0.02)))
    plan = state.plan(_params(penalty=RIDGE, alpha=3.0), SEED)
    ridge = _built(plan, state)
    assert ridge.data is first.data
    _assert_same_run(ridge, _ordinary(path, _params(penalty=RIDGE, alpha=3.0)))
    _assert_sklearn_fit(ridge, path)
    # Until adopted the ridge path is the plan's alone: the state fits its own.
    assert state.path(first.data, RIDGE) is not ridge.path
    plan.adopt(ridge)
    assert state.path(first.data, RIDGE) is ridge.path
    assert state.path(first.data, LASSO) is first.path  # the lasso path is kept too
    assert state.dataset(_params(), SEED) is first.data


def test_a_plan_s_path_reaches_heavy_run_only_through_adopt(tmp_path: Path) -> None:
    state = _loaded(_csv(tmp_path, reg.HEAVY_ROWS + 1))
    state.stepper(_params(penalty=LASSO), SEED)
    plan = state.plan(_params(penalty=RIDGE, alpha=4.0), SEED)
    ridge = _built(plan, state)
    assert state.heavy_run(_params(penalty=RIDGE)) is True  # a superseded build is dropped
    plan.adopt(ridge)
    assert state.heavy_run(_params(penalty=RIDGE)) is False
    assert state.heavy_run(_params(penalty=LASSO)) is False


def test_plan_for_another_seed_splits_afresh(tmp_path: Path) -> None:
    path = _csv(tmp_path, 60)
    state = _loaded(path)
    cached = state.stepper(_params(penalty=LASSO), SEED + 1)
    stepper = _built(state.plan(_params(penalty=LASSO), SEED), state)
    assert stepper.data is not cached.data
    assert not np.array_equal(stepper.data.y_train, cached.data.y_train)
    _assert_same_run(stepper, _ordinary(path, _params(penalty=LASSO)))


def test_plan_after_a_synthetic_run_uses_the_csv_not_the_cached_data(tmp_path: Path) -> None:
    path = _csv(tmp_path, 60)
    state = _Sealed()
    synthetic = state.stepper(SPEC.resolve({"penalty": LASSO}), SEED)  # cached: data and path
    state.swap_csv(read_named_csv(path))
    stepper = _built(state.plan(_params(penalty=LASSO), SEED), state)
    assert stepper.data is not synthetic.data and stepper.path is not synthetic.path
    _assert_same_run(stepper, _ordinary(path, _params(penalty=LASSO)))
    _assert_sklearn_fit(stepper, path)


def test_plan_adopts_nothing_when_the_csv_was_replaced_meanwhile(tmp_path: Path) -> None:
    first, second = _csv(tmp_path, 60, "a.csv"), _csv(tmp_path, 60, "b.csv", shift=2.0)
    state = _loaded(first)
    plan = state.plan(_params(penalty=LASSO), SEED)
    stepper = _built(plan, state)
    state.swap_csv(read_named_csv(second))
    plan.adopt(stepper)  # built from the first file: not the state's data any more
    data = state.dataset(_params(), SEED)
    assert data is not stepper.data
    np.testing.assert_array_equal(data.y_train, _ordinary(second, _params()).data.y_train)
    assert state.path(data, LASSO) is not stepper.path


def test_plan_refuses_an_unknown_penalty_and_a_missing_csv(tmp_path: Path) -> None:
    state = RegularizationState()
    with pytest.raises(ValueError, match="no CSV loaded"):
        state.plan(_params(), SEED)
    state.swap_csv(read_named_csv(_csv(tmp_path, 60)))
    with pytest.raises(ValueError, match="no CSV loaded"):
        state.plan(SPEC.resolve({"dataset": reg.SYNTHETIC}), SEED)  # plans are for CSVs
    with pytest.raises(ValueError, match="unknown penalty 'elastic'"):
        state.plan(_elastic(), SEED)
    assert isinstance(state.plan(_params(), SEED).build(), RegularizationStepper)


# -- stepper_for_csv -----------------------------------------------------------------------
@pytest.mark.parametrize(("penalty", "alpha"), [(LASSO, 0.05), (RIDGE, 7.0)])
def test_stepper_for_csv_builds_the_new_file_s_run_without_reading_the_state(
    tmp_path: Path, penalty: str, alpha: float
) -> None:
    old, new = _csv(tmp_path, 60, "old.csv", shift=2.0), _csv(tmp_path, 60, "new.csv")
    state = _Sealed()
    state.swap_csv(read_named_csv(old))
    kept = state.stepper(_params(penalty=penalty, alpha=alpha), SEED)  # cached, same seed
    named = read_named_csv(new)
    params = _params(penalty=penalty, alpha=alpha)
    with sealed(state):  # what the loading worker does must not look at the state
        plan = state.stepper_for_csv(named, params, SEED)
    stepper = _built(plan, state)
    _assert_same_run(stepper, _ordinary(new, params))
    _assert_sklearn_fit(stepper, new)
    assert state.dataset(params, SEED) is kept.data  # untouched until the file is adopted
    state.swap_csv(named)
    plan.adopt(stepper)
    assert state.dataset(params, SEED) is stepper.data
    assert state.path(stepper.data, penalty) is stepper.path


def test_stepper_for_csv_adopts_nothing_if_the_file_was_not_installed(tmp_path: Path) -> None:
    state = _loaded(_csv(tmp_path, 60, "old.csv", shift=2.0))
    kept = state.stepper(_params(), SEED)
    named: tuple[CsvData, str] = read_named_csv(_csv(tmp_path, 60, "new.csv"))
    plan = state.stepper_for_csv(named, _params(), SEED)
    plan.adopt(_built(plan))  # the load was refused: the old file stays
    assert state.dataset(_params(), SEED) is kept.data
    assert state.path(kept.data, LASSO) is kept.path


def test_stepper_for_csv_refuses_an_unknown_penalty(tmp_path: Path) -> None:
    named = read_named_csv(_csv(tmp_path, 60))
    with pytest.raises(ValueError, match="unknown penalty"):
        RegularizationState().stepper_for_csv(named, _elastic(), SEED)
