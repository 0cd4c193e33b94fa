"""The regularization narration on hand-made frames, and the data split and CSV edges.

The dataset is small and made here, the path summary is chosen by hand, and each frame's
slopes and errors are picked so the text's branch (start, exact zeros, none zero yet,
ridge) and every number in it are known before the module formats them.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.regularization.state import (
    MAX_CSV_ROWS,
    Dataset,
    PathSummary,
    RegularizationFrame,
    RegularizationState,
    RegularizationStepper,
    parse_csv,
    split,
    synthetic,
)

LASSO, RIDGE = "lasso (L1)", "ridge (L2)"


def data() -> Dataset:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = X @ np.array([2.0, 0.0, -1.0]) + rng.normal(0, 0.1, 40)
    return split(X, y, ("a", "b", "c"), 0, None)


PATH = PathSummary(
    alphas=np.array([1.0, 0.1, 0.01]),
    coefs=np.zeros((3, 3)),
    train_mse=np.array([4.0, 0.5, 0.4]),
    val_mse=np.array([4.5, 0.6125, 0.7]),
)


def stepper(penalty: str = LASSO, alpha: float = 0.05) -> RegularizationStepper:
    return RegularizationStepper(data(), alpha, penalty, PATH)


def frame(step: int, coef: list[float], finished: bool = False) -> RegularizationFrame:
    return RegularizationFrame(
        step=step,
        explanation="",
        finished=finished,
        coef=np.array(coef),
        objective=1.23456,
        train_mse=0.5,
        val_mse=0.61,
    )


def test_the_head_names_the_sweep_penalty_alpha_objective_update_and_slopes() -> None:
    text = stepper().explain(frame(3, [1.5, 0.25, -0.75]))
    assert text.startswith(
        "<b>Sweep 3</b> of coordinate descent, lasso (L1) at <b>α = 0.05</b>: objective "
        "1/(2n)‖y − Xw‖² + α‖w‖₁ = <b>1.2346</b>. Each coordinate update: w_j ← "
        "S(x_jᵀr_j, nα) / x_jᵀx_j (soft-threshold).<br>Slopes: a = +1.500, b = +0.250, "
        "c = -0.750."
    )
    ridge = stepper(RIDGE, 2.0).explain(frame(3, [1.5, 0.25, -0.75]))
    assert ridge.startswith(
        "<b>Sweep 3</b> of coordinate descent, ridge (L2) at <b>α = 2</b>: objective "
        "‖y − Xw‖² + α‖w‖² = <b>1.2346</b>. Each coordinate update: w_j ← x_jᵀr_j / "
        "(x_jᵀx_j + α) (shrink, never exactly 0)."
    )


def test_the_tail_gives_the_errors_and_the_best_alpha_of_the_path() -> None:
    text = stepper().explain(frame(3, [1.5, 0.25, -0.75]))
    assert text.endswith(
        "<br>Training MSE 0.500, validation MSE <b>0.610</b>; along the path the validation "
        "MSE is lowest, 0.613, at α = 0.1."
    )
    done = stepper().explain(frame(9, [1.5, 0.25, -0.75], finished=True))
    assert done.endswith(" Converged: no slope moved more than 1e-06 in the last sweep.")
    assert PATH.best == 1


def test_each_branch_of_the_detail() -> None:
    lasso = stepper()
    assert " Every slope starts at 0.<br>" in lasso.explain(frame(0, [0.0, 0.0, 0.0]))
    none_zero = lasso.explain(frame(2, [1.5, 0.25, -0.75]))
    assert (
        " No slope is zero yet at this α: lower-impact features survive when α is small.<br>"
    ) in none_zero
    coef = [1.5, 0.0, 0.0]
    margins = lasso.zero_margins(np.array(coef))
    zeros = lasso.explain(frame(2, coef))
    assert (
        f" <b>2 of 3 slopes are exactly 0</b>: e.g. for b, |x_jᵀr_j|/n = {margins[1]:.3f} ≤ "
        "α = 0.050, so the soft-threshold returns 0 — the corner of the L1 diamond.<br>"
    ) in zeros
    ridge = stepper(RIDGE, 2.0).explain(frame(2, [1.5, 0.02, -0.75]))
    assert (
        " Ridge shrinks but zeroes nothing: the smallest slope is b = +0.0200 (the L2 disk "
        "has no corners).<br>"
    ) in ridge
    negative = stepper(RIDGE, 2.0).explain(frame(2, [1.5, 0.3, -0.01]))
    assert "the smallest slope is c = -0.0100" in negative


def test_zero_margins_are_the_correlation_with_the_partial_residual() -> None:
    s = stepper()
    d = s.data
    coef = np.array([1.0, 0.0, -0.5])
    Xc = d.X_train - d.X_train.mean(axis=0)
    yc = d.y_train - d.y_train.mean()
    for j in range(3):
        partial = yc - np.delete(Xc, j, axis=1) @ np.delete(coef, j)
        assert s.zero_margins(coef)[j] == pytest.approx(abs(Xc[:, j] @ partial) / len(yc))


def test_frames_run_until_the_slopes_stop_moving() -> None:
    s = stepper(alpha=0.05)
    f = s.first()
    assert f.step == 0 and not f.finished and f.change == np.inf
    assert f.coef.tolist() == [0.0, 0.0, 0.0] and f.trail.shape == (1, 2)
    d = s.data
    assert f.intercept == pytest.approx(d.y_train.mean())
    assert f.train_mse == pytest.approx(np.mean((d.y_train - d.y_train.mean()) ** 2))
    while not f.finished:
        f = s.advance(f)
    assert f.change <= 1e-6 and 0 < f.step < 300
    np.testing.assert_allclose(f.coef, s.solution, atol=1e-4)
    assert f.intercept == pytest.approx(d.y_train.mean() - d.X_train.mean(axis=0) @ f.coef)
    residual = d.y_val - d.X_val @ f.coef - f.intercept
    assert f.val_mse == pytest.approx(np.mean(residual**2))
    assert f.trail.shape[1] == 2 and len(f.trail) > 1


def test_split_is_70_30_standardised_on_the_training_rows() -> None:
    X = np.column_stack([np.arange(20.0), np.arange(20.0) ** 2])
    d = split(X, np.arange(20.0), ("u", "v"), 3, None)
    assert d.X_train.shape == (14, 2) and d.X_val.shape == (6, 2)
    np.testing.assert_allclose(d.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(d.X_train.std(axis=0), 1.0)
    assert sorted(np.concatenate([d.y_train, d.y_val]).tolist()) == list(range(20))
    with pytest.raises(ValueError, match="at least 10 rows"):
        split(X[:9], np.arange(9.0), ("u", "v"), 0, None)
    assert split(X[:10], np.arange(10.0), ("u", "v"), 0, None).X_val.shape == (3, 2)
    constant = np.column_stack([np.arange(20.0), np.ones(20)])
    with pytest.raises(ValueError, match=r"^column 'v' is constant in the training rows"):
        split(constant, np.arange(20.0), ("u", "v"), 0, None)


def test_synthetic_features_count_and_limits() -> None:
    d = synthetic(50, 4, 0.5, 0.1, 0)
    assert d.names == ("x1", "x2", "x3", "x4") and d.true_coef is not None
    assert d.true_coef.tolist() == [2.5, 0.7, 0.0, 1.2]
    assert synthetic(50, 2, 0.5, 0.1, 0).X_train.shape[1] == 2
    assert synthetic(50, 10, 0.5, 0.1, 0).X_train.shape[1] == 10
    for p in (1, 11):
        with pytest.raises(ValueError, match="between 2 and 10 features"):
            synthetic(50, p, 0.5, 0.1, 0)


def rows(n: int, width: int = 3) -> str:
    return "\n".join(",".join(str((i * (c + 2)) % 11 + c) for c in range(width)) for i in range(n))


def test_csv_parser_edges() -> None:
    X, y, names = parse_csv(rows(12))
    assert names == ("x1", "x2") and X.shape == (12, 2) and y.shape == (12,)
    _, _, named = parse_csv("p,,t\n" + rows(12))
    assert named == ("p", "col2")
    assert parse_csv(rows(12, 2))[0].shape == (12, 1)
    assert parse_csv(rows(12, 21))[0].shape == (12, 20)
    with pytest.raises(ValueError, match=r"^the CSV needs 2 to 21 columns"):
        parse_csv(rows(12, 22))
    with pytest.raises(ValueError, match=r"^the CSV needs 2 to 21 columns"):
        parse_csv(rows(12, 1))
    assert parse_csv(rows(MAX_CSV_ROWS))[0].shape == (MAX_CSV_ROWS, 2)
    over = MAX_CSV_ROWS + 1
    with pytest.raises(
        ValueError, match=rf"^the CSV has {over} rows; at most {MAX_CSV_ROWS:,} are supported$"
    ):
        parse_csv(rows(over))
    with pytest.raises(ValueError, match=r"^the CSV is empty"):
        parse_csv("# only a comment\n")
    with pytest.raises(ValueError, match=r"^row 2 contains NaN or infinity$"):
        parse_csv("1,2,3\n1,nan,3\n")
    with pytest.raises(ValueError, match=r"^row 2 is not numeric: 'a, 2, 3'$"):
        parse_csv("1,2,3\na,2,3\n")
    with pytest.raises(ValueError, match=r"^row 2 has 2 values, the first row 3$"):
        parse_csv("1,2,3\n1,2\n")
    with pytest.raises(ValueError, match=r"^the CSV is larger than 5 MB$"):
        parse_csv("1" * 5_000_001)


def test_state_caches_data_and_paths_and_uses_a_loaded_csv(tmp_path: object) -> None:
    from pathlib import Path

    from visualizers.regularization.spec import SPEC

    assert isinstance(tmp_path, Path)
    state = RegularizationState()
    values = SPEC.defaults()
    first = state.dataset(values, 0)
    assert state.dataset(dict(values), 0) is first
    assert state.dataset(values, 1) is not first
    path = state.path(first, LASSO)
    assert state.path(first, LASSO) is path
    with pytest.raises(ValueError, match="unknown penalty 'elastic'"):
        state.stepper({**values, "penalty": "elastic"}, 0)
    csv = {**values, "dataset": "CSV file…"}
    with pytest.raises(ValueError, match="no CSV loaded yet"):
        state.dataset(csv, 0)
    file = tmp_path / "d.csv"
    file.write_text("p,q,t\n" + rows(30))
    state.load_csv(file)
    assert state.csv_name == "d.csv"
    loaded = state.dataset(csv, 0)
    assert loaded.names == ("p", "q") and loaded.true_coef is None
    assert len(loaded.y_train) == 21


def test_csv_size_limit_comments_and_a_constant_column_on_load(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    body = rows(12) + "\n   # an indented comment line\n"
    line = "#" + "x" * 7_998 + "\n"  # 8 kB comment lines: readers cap cell length and line count
    filler = line * ((5_000_000 - len(body)) // len(line))
    exact = body + filler + "#" * (5_000_000 - len(body) - len(filler))
    assert len(exact) == 5_000_000
    assert parse_csv(exact)[0].shape == (12, 2)  # at the limit is still allowed
    file = tmp_path / "flat.csv"
    file.write_text("p,q,t\n" + "\n".join(f"{i},7,{i}" for i in range(20)))
    state = RegularizationState()
    with pytest.raises(ValueError, match=r"^column 'q' is constant in the training rows"):
        state.load_csv(file)
    assert state.csv is None and state.csv_name == ""


def test_path_alphas_span_from_all_zero_to_barely_penalised() -> None:
    from visualizers.regularization.state import compute_path, loss_slice, path_alphas

    d = data()
    Xc = d.X_train - d.X_train.mean(axis=0)
    yc = d.y_train - d.y_train.mean()
    top = float(np.max(np.abs(Xc.T @ yc))) / len(yc)  # the smallest α that zeroes every slope
    np.testing.assert_allclose(path_alphas(d, LASSO), top * np.geomspace(1.2, 1e-3, 50))
    n = len(d.y_train)
    np.testing.assert_allclose(path_alphas(d, RIDGE), top * n * np.geomspace(50.0, 1e-4, 50))
    ridge = compute_path(d, RIDGE)
    np.testing.assert_allclose(ridge.alphas, path_alphas(d, RIDGE))
    assert np.all(ridge.coefs[0] != 0.0)  # ridge never zeroes a slope exactly
    lasso = compute_path(d, LASSO)
    assert np.all(lasso.coefs[0] == 0.0) and np.any(lasso.coefs[-1] != 0.0)
    # The slice spans 2.2 × the largest of |w₁|, |w₂|, the unpenalised pair and 0.5.
    s = stepper()
    cut = loss_slice(d, s.solution, LASSO)
    reach = 2.2 * max(
        float(np.abs(cut.unpenalised).max()), float(np.abs(s.solution[:2]).max()), 0.5
    )
    assert len(cut.xs) == len(cut.ys) == 120 and cut.xs[-1] == pytest.approx(reach)
    assert cut.budget == pytest.approx(abs(s.solution[0]) + abs(s.solution[1]))
    ridge_cut = loss_slice(d, s.solution, RIDGE)
    assert ridge_cut.budget == pytest.approx(float(np.hypot(*s.solution[:2])))
    # Ridge's loss is the plain sum of squares, lasso's is divided by 2n.
    assert ridge_cut.solution_level == pytest.approx(cut.solution_level * 2 * len(d.y_train))


def test_sweeps_count_one_by_one_and_the_last_text_has_both_tails() -> None:
    s = stepper(alpha=0.05)
    f = s.first()
    steps = [f.step]
    while not f.finished:
        f = s.advance(f)
        steps.append(f.step)
    assert steps == list(range(len(steps)))
    assert "<br>Training MSE" in f.explanation and f.explanation.endswith("in the last sweep.")


def test_synthetic_data_is_reproducible_and_centred_noise() -> None:
    a, b = synthetic(400, 3, 0.0, 0.5, 7), synthetic(400, 3, 0.0, 0.5, 7)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    # y = X w + noise with zero-mean noise and zero-mean features: mean y ≈ 0.
    y = np.concatenate([a.y_train, a.y_val])
    assert abs(y.mean()) < 0.5  # (−0.30 here; noise centred at 1 would give ≈ +0.70)
