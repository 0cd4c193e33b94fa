"""The regularization state: path errors, the loss slice, the narration and the CSV reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import mean_squared_error

from visualizers.core.frames import History
from visualizers.regularization.spec import SPEC
from visualizers.regularization.state import (
    RegularizationFrame,
    RegularizationState,
    parse_csv,
)


def _run(**values: object) -> tuple[RegularizationState, History[RegularizationFrame]]:
    state = RegularizationState()
    stepper = state.stepper(SPEC.resolve(values), seed=0)
    history: History[RegularizationFrame] = History(stepper, limit=400)
    history.extend_to(399)
    return state, history


def test_lasso_run_converges_to_sklearn_and_names_a_zero() -> None:
    state, history = _run(penalty="lasso (L1)", alpha=0.4)
    last = history.last
    assert last.finished
    data = state.dataset(SPEC.resolve({"alpha": 0.4}), 0)
    oracle = Lasso(alpha=0.4, tol=1e-12, max_iter=100_000).fit(data.X_train, data.y_train)
    np.testing.assert_allclose(last.coef, oracle.coef_, atol=1e-4)
    assert last.val_mse == pytest.approx(
        mean_squared_error(data.y_val, oracle.predict(data.X_val)), rel=1e-3
    )
    zero = int(np.flatnonzero(oracle.coef_ == 0.0)[0])
    assert "exactly 0" in last.explanation
    assert data.names[zero] in last.explanation
    assert "α = 0.4" in last.explanation


def test_path_errors_match_sklearn_fits() -> None:
    _state, history = _run(penalty="ridge (L2)", alpha=60.0)
    stepper = history._stepper
    path = stepper.path  # type: ignore[attr-defined]
    data = stepper.data  # type: ignore[attr-defined]
    for i in (0, len(path.alphas) // 2, len(path.alphas) - 1):
        fit = Ridge(alpha=float(path.alphas[i])).fit(data.X_train, data.y_train)
        np.testing.assert_allclose(path.coefs[i], fit.coef_, atol=1e-8)
        assert path.val_mse[i] == pytest.approx(
            mean_squared_error(data.y_val, fit.predict(data.X_val))
        )
        assert path.train_mse[i] == pytest.approx(
            mean_squared_error(data.y_train, fit.predict(data.X_train))
        )
    assert (
        "none" in history.last.explanation.lower() or "zeroes nothing" in history.last.explanation
    )


def test_zero_margins_are_the_lasso_optimality_condition() -> None:
    _state, history = _run(penalty="lasso (L1)", alpha=0.4)
    stepper = history._stepper
    margins = stepper.zero_margins(history.last.coef)  # type: ignore[attr-defined]
    zero = history.last.coef == 0.0
    assert zero.any()
    # KKT for 1/(2n)‖y − Xw‖² + α‖w‖₁: |x_jᵀr|/n ≤ α where w_j = 0.
    assert np.all(margins[zero] <= 0.4 + 1e-9)
    assert np.all(margins[~zero] > 0.4)


def test_loss_slice_level_is_the_loss_at_the_solution() -> None:
    _, history = _run(penalty="lasso (L1)", alpha=0.4)
    stepper = history._stepper
    data, sl, w = stepper.data, stepper.slice, stepper.solution  # type: ignore[attr-defined]
    intercept = data.y_train.mean() - data.X_train.mean(0) @ w
    r = data.y_train - data.X_train @ w - intercept
    assert sl.solution_level == pytest.approx(r @ r / (2 * len(r)))
    assert sl.budget == pytest.approx(abs(w[0]) + abs(w[1]))
    # The unpenalised point minimises the slice.
    j, i = np.unravel_index(np.argmin(sl.loss), sl.loss.shape)
    assert abs(sl.xs[i] - sl.unpenalised[0]) < 2 * (sl.xs[1] - sl.xs[0])
    assert abs(sl.ys[j] - sl.unpenalised[1]) < 2 * (sl.ys[1] - sl.ys[0])


def test_huge_alpha_zeroes_everything_in_one_sweep() -> None:
    _, history = _run(penalty="lasso (L1)", alpha=50.0)
    assert np.all(history[1].coef == 0.0)


def test_csv_reader(tmp_path: Path) -> None:
    X, y, names = parse_csv("# comment\na,b,target\n1,2,3\n4,5,6.5\n")
    assert names == ("a", "b") and X.shape == (2, 2) and y.tolist() == [3.0, 6.5]
    with pytest.raises(ValueError, match="row 3"):
        parse_csv("a,b\n1,2\n3,x\n")
    with pytest.raises(ValueError, match="row 2 has 1"):
        parse_csv("1,2\n3\n")
    state = RegularizationState()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="UTF-8"):
        state.load_csv(bad)
    assert state.csv is None


def test_the_prompts_claims_hold() -> None:
    state = RegularizationState()
    corner = History(state.stepper(SPEC.preset_values("lasso_corner"), 0), limit=400)
    corner.extend_to(399)
    assert corner.last.finished
    assert corner.last.coef[1] == 0.0 and corner.last.coef[0] > 0.5  # on the w₁ corner
    ridge = History(state.stepper(SPEC.preset_values("ridge_disk"), 0), limit=400)
    ridge.extend_to(399)
    assert np.all(ridge.last.coef != 0.0)
    small = state.stepper(SPEC.preset_values("overfit_small"), 0).path
    assert 0 < small.best < len(small.alphas) - 1  # validation error is U-shaped along α
