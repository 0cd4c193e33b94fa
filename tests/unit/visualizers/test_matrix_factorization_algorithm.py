"""Matrix factorization (question 22): SGD and ALS against independent oracles, data, edge cases."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from visualizers.matrix_factorization.algorithm import (
    DivergedError,
    Factorization,
    FactorizationStepper,
    Method,
    alternating_least_squares,
    factor_alignment,
    matrix_factorization,
    objective,
    observed_entries,
    split_observed,
)
from visualizers.matrix_factorization.data import (
    GENRES,
    parse_rating_csv,
    simulate_new_user,
    synthetic_ratings,
)
from visualizers.matrix_factorization.recommend import (
    fold_in_user,
    genre_scores,
    popularity_scores,
    recommend_for_user,
    top_unseen,
)

PACKAGE = Path(__file__).resolve().parents[3] / "visualizers" / "matrix_factorization"


def low_rank_problem(
    users: int = 60, items: int = 40, rank: int = 2, noise: float = 0.05, observed: float = 0.5
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.bool_]]:
    """R = P* Q*ᵀ + noise with a random observed mask split into train and test."""
    rng = np.random.default_rng(42)
    truth = rng.normal(0, 1, (users, rank)) @ rng.normal(0, 1, (items, rank)).T
    R = truth + rng.normal(0, noise, truth.shape)
    mask = rng.random(R.shape) < observed
    train, test = split_observed(mask, 0.2, seed=1)
    return R, train, test


# --- recovery and agreement ---------------------------------------------------------------


def test_sgd_recovers_a_noisy_low_rank_matrix_to_the_noise_level() -> None:
    R, train, test = low_rank_problem(noise=0.05)
    model = matrix_factorization(R, train, 2, 0.02, 0.001, 300, seed=0, test_mask=test)
    assert model.test_rmse[-1] < 2 * 0.05
    assert model.test_rmse[-1] < 0.1 * model.test_rmse[0]


def test_als_recovers_a_noisy_low_rank_matrix_to_the_noise_level() -> None:
    R, train, test = low_rank_problem(noise=0.05)
    model = alternating_least_squares(R, train, 2, 0.001, 30, seed=0, test_mask=test)
    assert model.test_rmse[-1] < 2 * 0.05


def test_sgd_and_als_reach_comparable_rmse_on_the_genre_data() -> None:
    data = synthetic_ratings(120, 80, 0.3, 0.3, seed=3)
    train, test = split_observed(data.observed, 0.2, seed=3)
    sgd = matrix_factorization(data.ratings, train, 2, 0.03, 0.05, 60, seed=3, test_mask=test)
    als = alternating_least_squares(data.ratings, train, 2, 0.05, 15, seed=3, test_mask=test)
    assert sgd.test_rmse[-1] == pytest.approx(als.test_rmse[-1], rel=0.1)
    assert sgd.objective[-1] == pytest.approx(als.objective[-1], rel=0.1)
    # Both find the hidden genre geometry, up to a linear map.
    assert data.true_item_factors is not None
    assert factor_alignment(sgd.Q, data.true_item_factors) > 0.9
    assert factor_alignment(als.Q, data.true_item_factors) > 0.9


def test_full_matrix_als_matches_the_truncated_svd_error() -> None:
    # Eckart–Young: with every entry observed and λ = 0, the best rank-k fit is the SVD's.
    rng = np.random.default_rng(5)
    R = rng.normal(0, 1, (15, 10))
    mask = np.ones_like(R, dtype=bool)
    model = alternating_least_squares(R, mask, 3, 0.0, 300, seed=0, biases=False)
    U, s, Vt = np.linalg.svd(R, full_matrices=False)
    best = U[:, :3] * s[:3] @ Vt[:3]
    svd_rmse = float(np.sqrt(np.mean((R - best) ** 2)))
    assert model.train_rmse[-1] == pytest.approx(svd_rmse, rel=1e-3)


# --- the objective and the updates against hand-written oracles ----------------------------


def objective_by_loops(
    model: Factorization, R: NDArray[np.float64], mask: NDArray[np.bool_], reg: float
) -> float:
    total = 0.0
    for u in range(R.shape[0]):
        for i in range(R.shape[1]):
            if not mask[u, i]:
                continue
            p, q = model.P[u], model.Q[i]
            bu, bi = model.user_bias[u], model.item_bias[i]
            prediction = model.global_mean + bu + bi + sum(a * b for a, b in zip(p, q, strict=True))
            total += (R[u, i] - prediction) ** 2
            total += reg * (sum(a * a for a in p) + sum(b * b for b in q) + bu * bu + bi * bi)
    return total


@pytest.mark.parametrize("method", ["SGD", "ALS"])
def test_reported_objective_with_regularization_equals_an_independent_one(method: str) -> None:
    R, train, test = low_rank_problem(users=12, items=9, noise=0.3)
    reg = 0.3
    if method == "SGD":
        model = matrix_factorization(R, train, 3, 0.02, reg, 7, seed=4, test_mask=test)
    else:
        model = alternating_least_squares(R, train, 3, reg, 3, seed=4, test_mask=test)
    assert model.objective[-1] == pytest.approx(objective_by_loops(model, R, train, reg), rel=1e-12)
    test_error = math.sqrt(
        np.mean(
            [(R[u, i] - model.predict()[u, i]) ** 2 for u, i in zip(*np.nonzero(test), strict=True)]
        )
    )
    assert model.test_rmse[-1] == pytest.approx(test_error, rel=1e-12)


def naive_sgd(
    R: NDArray[np.float64],
    mask: NDArray[np.bool_],
    rank: int,
    lr: float,
    reg: float,
    epochs: int,
    seed: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Textbook per-rating SGD written as plain loops (same init and shuffle as the library)."""
    rng = np.random.default_rng(seed)
    P = rng.normal(0, 0.1, (R.shape[0], rank))
    Q = rng.normal(0, 0.1, (R.shape[1], rank))
    bu, bi = np.zeros(R.shape[0]), np.zeros(R.shape[1])
    users, items = np.nonzero(mask)
    mu = R[users, items].mean()
    for epoch in range(epochs):
        for k in np.random.default_rng((seed, epoch)).permutation(users.size):
            u, i = users[k], items[k]
            e = R[u, i] - (mu + bu[u] + bi[i] + P[u] @ Q[i])
            old_p = P[u].copy()
            P[u] += lr * (e * Q[i] - reg * P[u])
            Q[i] += lr * (e * old_p - reg * Q[i])
            bu[u] += lr * (e - reg * bu[u])
            bi[i] += lr * (e - reg * bi[i])
    return P, Q, bu, bi


def test_batch_size_one_is_exactly_textbook_per_rating_sgd() -> None:
    R, train, _ = low_rank_problem(users=10, items=8)
    model = matrix_factorization(R, train, 2, 0.05, 0.1, 3, seed=9, batch_size=1)
    P, Q, bu, bi = naive_sgd(R, train, 2, 0.05, 0.1, 3, seed=9)
    np.testing.assert_allclose(model.P, P, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(model.Q, Q, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(model.user_bias, bu, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(model.item_bias, bi, rtol=1e-12, atol=1e-14)


def test_als_user_step_is_the_ridge_solution_from_least_squares() -> None:
    R, train, _ = low_rank_problem(users=8, items=7, noise=0.2)
    reg = 0.4
    start = alternating_least_squares(R, train, 2, reg, 0, seed=2)
    model = alternating_least_squares(R, train, 2, reg, 1, seed=2, start=start)
    # The user half-step used the start's items; check user 3 against an augmented lstsq.
    u = 3
    rated = np.flatnonzero(train[u])
    features = np.column_stack([start.Q[rated], np.ones(rated.size)])
    targets = R[u, rated] - start.global_mean - start.item_bias[rated]
    ridge = math.sqrt(reg * rated.size) * np.eye(3)
    solution, *_ = np.linalg.lstsq(
        np.vstack([features, ridge]), np.concatenate([targets, np.zeros(3)]), rcond=None
    )
    np.testing.assert_allclose(model.P[u], solution[:2], rtol=1e-6)
    assert model.user_bias[u] == pytest.approx(solution[2], rel=1e-6)


def test_als_never_increases_the_objective() -> None:
    R, train, test = low_rank_problem(noise=0.3)
    model = alternating_least_squares(R, train, 4, 0.1, 12, seed=0, test_mask=test)
    assert all(
        b <= a * (1 + 1e-12) for a, b in zip(model.objective, model.objective[1:], strict=False)
    )


@pytest.mark.parametrize("method", ["SGD", "ALS"])
def test_resuming_gives_the_same_run_and_the_same_seed_the_same_factors(method: str) -> None:
    R, train, test = low_rank_problem(users=20, items=15)

    def fit(epochs: int, start: Factorization | None = None) -> Factorization:
        if method == "SGD":
            return matrix_factorization(
                R, train, 2, 0.03, 0.05, epochs, 8, test_mask=test, start=start
            )
        return alternating_least_squares(R, train, 2, 0.05, epochs, 8, test_mask=test, start=start)

    whole = fit(5)
    resumed = fit(2, start=fit(3))
    np.testing.assert_array_equal(whole.P, resumed.P)
    np.testing.assert_array_equal(whole.Q, resumed.Q)
    assert whole.objective == resumed.objective
    assert whole.test_rmse == resumed.test_rmse
    np.testing.assert_array_equal(fit(5).P, whole.P)


def test_missing_entries_are_never_read() -> None:
    R, train, _ = low_rank_problem(users=15, items=10)
    poisoned = np.where(train, R, np.nan)
    huge = np.where(train, R, 1e9)
    a = matrix_factorization(poisoned, train, 2, 0.03, 0.05, 4, seed=1)
    b = matrix_factorization(huge, train, 2, 0.03, 0.05, 4, seed=1)
    np.testing.assert_array_equal(a.P, b.P)
    c = alternating_least_squares(poisoned, train, 2, 0.05, 3, seed=1)
    assert np.isfinite(c.predict()).all()


def test_results_are_read_only() -> None:
    R, train, _ = low_rank_problem(users=6, items=5)
    model = matrix_factorization(R, train, 2, 0.03, 0.05, 1, seed=1)
    with pytest.raises(ValueError):
        model.P[0, 0] = 1.0


# --- bad input is a message ------------------------------------------------------------------


def test_nan_at_an_observed_entry_is_a_clear_error() -> None:
    R = np.ones((3, 3))
    R[1, 2] = np.nan
    with pytest.raises(ValueError, match=r"NaN or infinite, the first at user 2, item 3"):
        matrix_factorization(R, np.ones((3, 3), bool), 1, 0.1, 0.0, 1, seed=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rank": 0}, "rank"),
        ({"lr": 0.0}, "learning rate"),
        ({"lr": math.nan}, "learning rate"),
        ({"reg": -1.0}, "regularization"),
        ({"mask": np.zeros((3, 4), bool)}, "no observed"),
        ({"mask": np.ones((4, 3), bool)}, "shape"),
    ],
)
def test_bad_arguments_raise_value_errors(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "R": np.ones((3, 4)),
        "mask": np.ones((3, 4), bool),
        "rank": 2,
        "lr": 0.1,
        "reg": 0.1,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        matrix_factorization(epochs=1, seed=0, **args)  # type: ignore[arg-type]


def test_a_diverging_learning_rate_stops_with_a_message_and_no_warning() -> None:
    R, train, _ = low_rank_problem(users=30, items=20)
    with pytest.raises(DivergedError, match="learning rate is too large"):
        matrix_factorization(R * 100, train, 2, 5.0, 0.0, 20, seed=0)


# --- edge cases, property-based -------------------------------------------------------------


@st.composite
def small_problems(draw: st.DrawFn) -> tuple[NDArray[np.float64], NDArray[np.bool_], int, bool]:
    rows = draw(st.integers(1, 6))
    cols = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    constant = draw(st.booleans())
    R = np.full((rows, cols), 3.0) if constant else rng.uniform(1, 5, (rows, cols))
    mask = rng.random((rows, cols)) < draw(st.floats(0.1, 1.0))
    mask.flat[draw(st.integers(0, rows * cols - 1))] = True  # at least one rating
    if draw(st.booleans()) and rows > 1:
        mask[0] = False  # an all-missing user
    if draw(st.booleans()) and cols > 1:
        mask[:, -1] = False  # an all-missing item
    if not mask.any():
        mask[-1, 0] = True
    return R, mask, draw(st.integers(1, 9)), constant


@settings(max_examples=60, deadline=None)
@given(
    problem=small_problems(),
    method=st.sampled_from(["SGD", "ALS"]),
    reg=st.sampled_from([0.0, 0.1]),
)
def test_edge_cases_never_produce_nan(
    problem: tuple[NDArray[np.float64], NDArray[np.bool_], int, bool], method: str, reg: float
) -> None:
    R, mask, rank, constant = problem  # rank may exceed both dimensions
    if method == "SGD":
        model = matrix_factorization(R, mask, rank, 0.05, reg, 20, seed=0)
    else:
        model = alternating_least_squares(R, mask, rank, reg, 5, seed=0)
    assert np.isfinite(model.predict()).all()
    assert all(math.isfinite(x) for x in (*model.objective, *model.train_rmse))
    if constant:
        # μ absorbs a constant matrix: every prediction, even for empty rows, stays near it.
        assert np.abs(model.predict() - 3.0).max() < 0.2
    empty_users = ~mask.any(axis=1)
    if method == "ALS" and empty_users.any():
        assert np.all(model.P[empty_users] == 0.0)


# --- split, stepper, data, recommendations ------------------------------------------------------


def test_split_partitions_the_observed_entries_and_keeps_single_ratings_for_training() -> None:
    rng = np.random.default_rng(0)
    mask = rng.random((50, 30)) < 0.3
    mask[0] = False
    mask[0, 3] = True  # user 0 has one rating: it must stay in train
    train, test = split_observed(mask, 0.2, seed=0)
    assert not (train & test).any()
    np.testing.assert_array_equal(train | test, mask)
    assert test.sum() == pytest.approx(0.2 * mask.sum(), abs=2)
    assert train[0, 3]


def test_stepper_reports_divergence_in_the_frame() -> None:
    data = synthetic_ratings(40, 30, 0.5, 0.3, seed=0)
    stepper = FactorizationStepper(data, method="SGD", rank=4, lr=3.0, reg=0.0, epochs=30, seed=0)
    frame = stepper.first()
    while not frame.finished:
        frame = stepper.advance(frame)
    assert frame.error is not None and "diverged" in frame.error
    assert frame.model is not None and np.isfinite(frame.model.predict()).all()


def test_synthetic_data_has_named_genres_and_about_the_requested_density() -> None:
    data = synthetic_ratings(200, 100, 0.3, 0.3, seed=0)
    assert data.shape == (200, 100)
    assert data.observed.mean() == pytest.approx(0.3, abs=0.03)
    assert data.item_names[0].split(" #")[0] in GENRES
    assert len(set(data.item_names)) == 100
    assert data.ratings.min() >= 1.0 and data.ratings.max() <= 5.0


def test_csv_parses_triples_with_an_optional_header() -> None:
    data = parse_rating_csv("user,item,rating\nann,dance #1,5\nann,pets #2,2\n\nbob,dance #1,4.5\n")
    assert data.user_names == ("ann", "bob")
    assert data.item_names == ("dance #1", "pets #2")
    assert data.observed.sum() == 3
    assert data.ratings[1, 0] == 4.5
    assert math.isnan(data.ratings[1, 1])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ann,a,5\nbob,b\n", "line 2: expected 3 fields"),
        ("ann,a,5\nbob,b,great\n", "line 2: rating 'great' is not a number"),
        ("ann,a,5\n\nbob,b,nan\n", "line 3: rating 'nan' is not a finite number"),
        ("ann,a,5\nann,a,4\n", "line 2: 'ann' already rated 'a' on line 1"),
        ("ann,,5\n", "line 1: the user and the item need names"),
        ("user,item,rating\n", "no ratings found"),
        ("", "no ratings found"),
    ],
)
def test_bad_csv_rows_name_their_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rating_csv(text)


def test_recommendations_exclude_seen_items_and_explain_with_liked_ones() -> None:
    data = synthetic_ratings(150, 80, 0.3, 0.2, seed=2)
    model = alternating_least_squares(data.ratings, data.observed, 2, 0.05, 10, seed=2)
    user = 7
    seen = data.observed[user]
    recs = recommend_for_user(model, user, seen, data.ratings[user], n=5)
    assert len(recs) == 5
    assert all(not seen[r.item] for r in recs)
    assert [r.predicted for r in recs] == sorted((r.predicted for r in recs), reverse=True)
    assert all(r.because and all(seen[b] for b in r.because) for r in recs)


def test_top_unseen_skips_seen_items() -> None:
    picks = top_unseen(np.array([5.0, 4.0, 3.0, 9.0]), np.array([False, True, False, True]), 3)
    assert picks.tolist() == [0, 2]


def test_cold_start_fold_in_personalizes_only_with_ratings() -> None:
    data = synthetic_ratings(200, 100, 0.3, 0.3, seed=0)
    model = alternating_least_squares(data.ratings, data.observed, 2, 0.05, 10, seed=0)
    p0, b0 = fold_in_user(model, np.array([], dtype=np.int64), np.array([]), 0.05)
    assert np.all(p0 == 0.0) and b0 == 0.0
    items, ratings, truth = simulate_new_user(data, GENRES.index("pets"), 10, seed=1)
    p, b = fold_in_user(model, items, ratings, 0.05)
    personal = model.global_mean + b + model.item_bias + model.Q @ p
    blind = model.global_mean + model.item_bias
    # Ten ratings already rank videos far closer to the user's true taste than no ratings.
    assert np.corrcoef(personal, truth)[0, 1] > np.corrcoef(blind, truth)[0, 1] + 0.2
    popularity = popularity_scores(data.ratings, data.observed)
    assert data.item_genre is not None
    by_genre = genre_scores(popularity, data.item_genre, GENRES.index("pets"))
    assert data.item_genre[int(np.argmax(by_genre))] == GENRES.index("pets")


def test_observed_entries_accepts_a_0_1_mask() -> None:
    ratings = observed_entries(np.arange(4.0).reshape(2, 2), np.array([[1, 0], [0, 1]]))
    assert ratings.values.tolist() == [0.0, 3.0]


def test_pure_modules_import_no_qt() -> None:
    for name in ("algorithm.py", "data.py", "recommend.py", "state.py", "heatmap.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        imported = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [m for m in imported if m.startswith(("PySide6", "pyqtgraph", "PyQt"))], name


def test_objective_equals_an_independent_sum_with_biases_and_penalty() -> None:
    """objective() itself, on a model with nonzero biases, against the loop oracle above."""
    R, train, _ = low_rank_problem(users=7, items=6)
    rng = np.random.default_rng(3)
    model = Factorization(
        P=rng.normal(0, 1, (7, 2)),
        Q=rng.normal(0, 1, (6, 2)),
        user_bias=rng.normal(0, 0.5, 7),
        item_bias=rng.normal(0, 0.5, 6),
        global_mean=0.7,
        objective=(),
        train_rmse=(),
        test_rmse=(),
    )
    for reg in (0.0, 0.2, 1.5):
        expected = objective_by_loops(model, R, train, reg)
        assert objective(model, observed_entries(R, train), reg) == pytest.approx(
            expected, rel=1e-12
        )


@pytest.mark.parametrize("method", ["SGD", "ALS"])
def test_the_answer_function_is_the_stepper_run_to_the_end(method: Method) -> None:
    """One loop: the stepper's last frame is exactly what the answer function returns."""
    data = synthetic_ratings(30, 20, 0.4, 0.3, seed=5)
    stepper = FactorizationStepper(data, method=method, rank=3, lr=0.03, reg=0.1, epochs=6, seed=5)
    frame = stepper.first()
    while not frame.finished:
        frame = stepper.advance(frame)
    p = stepper.problem
    if method == "SGD":
        answer = matrix_factorization(
            data.ratings, p.train_mask, 3, 0.03, 0.1, 6, seed=5, test_mask=p.test_mask
        )
    else:
        answer = alternating_least_squares(
            data.ratings, p.train_mask, 3, 0.1, 6, seed=5, test_mask=p.test_mask
        )
    assert frame.model is not None and frame.step == 6
    np.testing.assert_array_equal(frame.model.P, answer.P)
    assert frame.model.test_rmse == answer.test_rmse


def test_a_stepper_resumes_from_any_earlier_frame() -> None:
    data = synthetic_ratings(30, 20, 0.4, 0.3, seed=5)
    stepper = FactorizationStepper(data, method="SGD", rank=2, lr=0.03, reg=0.1, epochs=6, seed=5)
    frames = [stepper.first()]
    while not frames[-1].finished:
        frames.append(stepper.advance(frames[-1]))
    again = stepper.advance(frames[2])  # not the generator's last frame: it restarts from it
    assert again.model is not None and frames[3].model is not None
    np.testing.assert_array_equal(again.model.Q, frames[3].model.Q)
