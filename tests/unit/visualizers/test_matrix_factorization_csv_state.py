"""The matrix-factorization state's CSV-load hooks (no Qt): `read_csv`, `swap_csv` and
`stepper_for_csv`, which a loading worker and the GUI thread call in turn.

`read_csv` gives (ratings, file name), checked against the triples written to the file;
`swap_csv` installs a pair and hands back the one it replaced; `stepper_for_csv` must
build exactly the run the ordinary `stepper` builds once the pair is installed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from visualizers.core.frames import History
from visualizers.core.learner import LearnerResult, walk
from visualizers.core.registry import get
from visualizers.matrix_factorization.algorithm import FactorizationFrame, FactorizationStepper
from visualizers.matrix_factorization.spec import DATA_CSV
from visualizers.matrix_factorization.state import MatrixFactorizationState, NarratedStepper

SPEC = get("matrix_factorization")
assert SPEC is not None


def _params(**values: object) -> dict[str, int | float | str | bool]:
    assert SPEC is not None
    return SPEC.resolve(values)


def _triples(shift: int = 0) -> list[tuple[str, str, float]]:
    """9 users × 7 items with a regular pattern of gaps (about a fifth missing)."""
    return [
        (f"user{u}", f"film{i}", float(1 + (u * 3 + i * 2 + shift) % 5))
        for u in range(9)
        for i in range(7)
        if (u + 2 * i) % 5 != 0
    ]


def _write(path: Path, triples: list[tuple[str, str, float]]) -> Path:
    lines = ["user,item,rating"] + [f"{u},{i},{r:g}" for u, i, r in triples]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- read_csv ------------------------------------------------------------------------------


def test_read_csv_gives_the_matrix_and_the_file_name(tmp_path: Path) -> None:
    triples = _triples()
    path = _write(tmp_path / "my ratings.csv", triples)
    data, name = MatrixFactorizationState.read_csv(path)
    assert name == "my ratings.csv"
    assert data.source == "my ratings.csv"
    users = list(dict.fromkeys(u for u, _, _ in triples))
    items = list(dict.fromkeys(i for _, i, _ in triples))
    assert data.user_names == tuple(users) and data.item_names == tuple(items)
    expected = np.full((len(users), len(items)), np.nan)
    for u, i, r in triples:
        expected[users.index(u), items.index(i)] = r
    assert np.array_equal(data.observed, ~np.isnan(expected))
    assert np.array_equal(data.ratings, expected, equal_nan=True)
    assert data.true_user_factors is None  # a CSV has no hidden truth


def test_read_csv_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken-file.csv"
    path.write_text("user,item,rating\nann,film,4\nbob,film,lots\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken-file\.csv, line 3"):
        MatrixFactorizationState.read_csv(path)


def test_read_csv_reads_the_path_it_is_given(tmp_path: Path) -> None:
    first = MatrixFactorizationState.read_csv(_write(tmp_path / "a.csv", _triples(0)))
    second = MatrixFactorizationState.read_csv(_write(tmp_path / "b.csv", _triples(1)))
    assert (first[1], second[1]) == ("a.csv", "b.csv")
    assert not np.array_equal(first[0].ratings, second[0].ratings, equal_nan=True)


# -- swap_csv ------------------------------------------------------------------------------


def test_swap_csv_installs_the_pair_and_returns_the_one_replaced(tmp_path: Path) -> None:
    one = MatrixFactorizationState.read_csv(_write(tmp_path / "one.csv", _triples(0)))
    two = MatrixFactorizationState.read_csv(_write(tmp_path / "two.csv", _triples(2)))
    state = MatrixFactorizationState()
    assert state.swap_csv(one) is None
    assert state.csv_data is one[0] and state.csv_name == "one.csv"
    assert state.stepper(_params(data=DATA_CSV), 0).problem.data is one[0]
    replaced = state.swap_csv(two)
    assert replaced is not None and replaced[0] is one[0] and replaced[1] == "one.csv"
    assert state.csv_data is two[0] and state.csv_name == "two.csv"
    assert state.csv_summary().startswith("two.csv:")
    # A revert: swapping the replaced pair back gives the later one in return.
    back = state.swap_csv(replaced)
    assert back is not None and back[0] is two[0] and back[1] == "two.csv"
    assert state.csv_data is one[0] and state.csv_name == "one.csv"


def test_swap_csv_none_unloads(tmp_path: Path) -> None:
    pair = MatrixFactorizationState.read_csv(_write(tmp_path / "x.csv", _triples()))
    state = MatrixFactorizationState()
    state.swap_csv(pair)
    replaced = state.swap_csv(None)
    assert replaced is not None and replaced[0] is pair[0] and replaced[1] == "x.csv"
    assert state.csv_data is None and state.csv_name == ""
    assert state.csv_summary().startswith("No CSV loaded")
    assert state.swap_csv(None) is None  # nothing to hand back the second time
    with pytest.raises(ValueError, match="No CSV loaded"):
        state.stepper(_params(data=DATA_CSV), 0)


# -- stepper_for_csv -----------------------------------------------------------------------


def _frames(stepper: NarratedStepper, count: int) -> list[FactorizationFrame]:
    history = History(stepper, limit=count)
    history.extend_to(count - 1)
    return list(history.frames())


def _same_run(a: list[FactorizationFrame], b: list[FactorizationFrame]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.model is not None and y.model is not None
        assert x.step == y.step and x.finished == y.finished
        assert np.array_equal(x.model.P, y.model.P) and np.array_equal(x.model.Q, y.model.Q)
        assert x.model.train_rmse == y.model.train_rmse
        assert x.model.test_rmse == y.model.test_rmse
        assert x.explanation == y.explanation and x.overfitting == y.overfitting


@pytest.mark.parametrize(
    ("method", "param_seed", "seed", "biases"),
    [("SGD", 3, 4, True), ("ALS", 0, 2, False), ("SGD", 1, 0, False)],
)
def test_stepper_for_csv_builds_the_run_the_installed_csv_gets(
    tmp_path: Path, method: str, param_seed: int, seed: int, biases: bool
) -> None:
    named = MatrixFactorizationState.read_csv(_write(tmp_path / "r.csv", _triples()))
    params = _params(data=DATA_CSV, method=method, rank=2, epochs=4, seed=param_seed, biases=biases)
    ahead = MatrixFactorizationState.stepper_for_csv(named, params, seed)
    assert isinstance(ahead, NarratedStepper)
    problem = ahead.problem
    assert problem.data is named[0]
    assert problem.method == method and problem.rank == 2 and problem.epochs == 4
    assert problem.seed == param_seed + seed and problem.biases is biases
    assert problem.lr == params["lr"] and problem.reg == params["reg"]
    frames = _frames(ahead, 5)
    assert frames[-1].finished and frames[-1].model is not None
    assert frames[-1].model.epochs == 4
    ordinary = MatrixFactorizationState()
    ordinary.swap_csv(named)
    _same_run(frames, _frames(ordinary.stepper(params, seed), 5))
    # ... and the algorithm's own stepper with those settings gives the same models.
    direct = FactorizationStepper(
        named[0],
        method="ALS" if method == "ALS" else "SGD",
        rank=2,
        lr=float(params["lr"]),
        reg=float(params["reg"]),
        epochs=4,
        seed=param_seed + seed,
        biases=biases,
    )
    model = direct.first().model
    assert model is not None and frames[0].model is not None
    assert np.array_equal(frames[0].model.P, model.P)


def test_stepper_for_csv_leaves_existing_states_alone(tmp_path: Path) -> None:
    installed = MatrixFactorizationState.read_csv(_write(tmp_path / "old.csv", _triples(0)))
    loading = MatrixFactorizationState.read_csv(_write(tmp_path / "new.csv", _triples(3)))
    state = MatrixFactorizationState()
    state.swap_csv(installed)
    ahead = state.stepper_for_csv(loading, _params(data=DATA_CSV, epochs=2), 0)
    assert ahead.problem.data is loading[0]
    assert state.csv_data is installed[0] and state.csv_name == "old.csv"


def test_stepper_for_csv_depends_on_the_seed(tmp_path: Path) -> None:
    named = MatrixFactorizationState.read_csv(_write(tmp_path / "s.csv", _triples()))
    params = _params(data=DATA_CSV, rank=2, epochs=1)
    runs = [MatrixFactorizationState.stepper_for_csv(named, params, s) for s in (0, 1)]
    assert [r.problem.seed for r in runs] == [int(params["seed"]), int(params["seed"]) + 1]
    firsts = [r.first().model for r in runs]
    assert firsts[0] is not None and firsts[1] is not None
    assert not np.array_equal(firsts[0].P, firsts[1].P)


def test_stepper_for_csv_refuses_what_the_ordinary_run_refuses(tmp_path: Path) -> None:
    named = MatrixFactorizationState.read_csv(_write(tmp_path / "t.csv", _triples()))
    bad = {**_params(data=DATA_CSV), "rank": 0}  # past the spec's clamp, as a caller might
    with pytest.raises(ValueError) as ahead:
        MatrixFactorizationState.stepper_for_csv(named, bad, 0)
    state = MatrixFactorizationState()
    state.swap_csv(named)
    with pytest.raises(ValueError) as ordinary:
        state.stepper(bad, 0)
    assert str(ahead.value) == str(ordinary.value)


def test_a_new_csv_drops_the_learners_run(tmp_path: Path) -> None:
    """A CSV load whose run was built ahead never calls `stepper`: installing the data
    must drop the learner's run, which retraced the old data's run."""
    state = MatrixFactorizationState()
    params = _params(users=12, videos=8, epochs=3)
    state.stepper(params, 0)
    params = _params(**{**params, **state.learner_values()})
    frames = walk(state.stepper(params, 0))
    plan = state.learner_plan(frames)
    failed: list[LearnerResult | None] = [
        LearnerResult(error="ValueError: not written yet") for _ in plan.calls
    ]
    state.load_learner(plan, failed, frames)
    assert state.learner is not None
    assert state.explain(frames[-1]) != frames[-1].explanation  # its comparison leads
    named = MatrixFactorizationState.read_csv(_write(tmp_path / "new.csv", _triples()))
    # What the view does with a run built ahead: install the data, then show that run.
    ahead = MatrixFactorizationState.stepper_for_csv(named, {**params, "data": DATA_CSV}, 0)
    state.swap_csv(named)
    assert state.learner is None
    first = ahead.first()
    assert state.explain(first) == first.explanation
