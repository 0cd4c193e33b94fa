"""The missing-data state: bundled data, each method's numbers recomputed independently, the CSV reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression

from visualizers.core.frames import History
from visualizers.missing_data.spec import SPEC
from visualizers.missing_data.state import (
    METHODS,
    MissingDataState,
    load_diabetes,
    parse_csv,
    run_experiment,
)


def test_bundled_diabetes_table() -> None:
    table = load_diabetes()
    assert table.X.shape == (442, 4) and table.names == ("bmi", "bp", "ltg", "age")
    assert table.target == "progression"
    assert table.X[0].tolist() == [32.1, 101.0, 4.8598, 59.0] and table.y[0] == 151.0


@pytest.mark.parametrize("mechanism", ["MCAR", "MAR", "MNAR"])
def test_mean_imputation_and_deletion_numbers_against_sklearn(mechanism: str) -> None:
    table = load_diabetes()
    exp = run_experiment(table, SPEC.resolve({"mechanism": mechanism}), 0)
    holes = table.X.copy()
    holes[exp.mask, 0] = np.nan
    filled = SimpleImputer().fit_transform(holes)
    mean = exp.results[METHODS.index("mean")]
    np.testing.assert_allclose(mean.column, filled[:, 0])
    fit = LinearRegression().fit(filled, table.y)
    assert mean.slope == pytest.approx(fit.coef_[0])
    hidden = exp.mask
    rmse = np.sqrt(np.mean((filled[hidden, 0] - table.X[hidden, 0]) ** 2))
    assert mean.rmse == pytest.approx(rmse)
    assert mean.sd == pytest.approx(np.std(filled[:, 0]))
    drop = exp.results[0]
    keep = ~exp.mask
    assert drop.slope == pytest.approx(
        LinearRegression().fit(table.X[keep], table.y[keep]).coef_[0]
    )
    assert np.isnan(drop.rmse)
    assert exp.true_slope == pytest.approx(LinearRegression().fit(table.X, table.y).coef_[0])


def test_indicator_method_adds_the_mask_as_a_feature() -> None:
    table = load_diabetes()
    exp = run_experiment(table, SPEC.defaults(), 0)
    holes = table.X.copy()
    holes[exp.mask, 0] = np.nan
    design = np.column_stack([SimpleImputer().fit_transform(holes), exp.mask.astype(float)])
    fit = LinearRegression().fit(design, table.y)
    assert exp.results[-1].slope == pytest.approx(fit.coef_[0])


def test_the_stories_of_the_presets() -> None:
    table = load_diabetes()
    true_mean = table.X[:, 0].mean()
    for seed in range(3):
        mnar = run_experiment(table, SPEC.preset_values("mnar"), seed)
        assert all(r.mean < true_mean for r in mnar.results)
        mar = run_experiment(table, SPEC.preset_values("mar"), seed)
        by = {r.name: r for r in mar.results}
        assert by["iterative regression"].rmse < by["mean"].rmse < by["most frequent"].rmse
        mcar = run_experiment(table, SPEC.preset_values("mcar"), seed)
        assert mcar.results[1].sd < table.X[:, 0].std() * 0.95


def test_explanations_carry_the_numbers() -> None:
    state = MissingDataState()
    params = SPEC.defaults()
    history = History(state.stepper(params, 0))
    exp = state.experiment(params, 0)
    history.extend_to(20)
    assert len(history) == len(METHODS) + 1 and history.last.finished
    assert f"{int(exp.mask.sum())} of 442" in history[0].explanation
    knn = exp.results[4]
    assert f"RMSE = <b>{knn.rmse:.3f}</b>" in history[5].explanation
    assert f"{knn.slope:.3f}" in history[5].explanation


def test_csv_reader(tmp_path: Path) -> None:
    text = "a,b,c\n" + "\n".join(f"{i},{i % 3},{2 * i}" for i in range(12))
    table = parse_csv(text)
    assert table.names == ("a", "b") and table.target == "c" and table.X.shape == (12, 2)
    with pytest.raises(ValueError, match="3 to 21 columns"):
        parse_csv("1,2\n3,4\n")
    with pytest.raises(ValueError, match="row 3"):
        parse_csv("a,b,c\n1,2,3\n4,,6\n" + "1,2,3\n" * 10)
    state = MissingDataState()
    with pytest.raises(ValueError, match="could not read"):
        state.load_csv(tmp_path / "absent.csv")
