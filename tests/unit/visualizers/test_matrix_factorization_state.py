"""The matrix-factorization state (no Qt): runs, overfitting, recommendations, cold start, text."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from visualizers.core.registry import get
from visualizers.matrix_factorization.algorithm import (
    Factorization,
    FactorizationFrame,
    alternating_least_squares,
)
from visualizers.matrix_factorization.data import GENRES, parse_rating_csv, synthetic_ratings
from visualizers.matrix_factorization.heatmap import to_rgba
from visualizers.matrix_factorization.recommend import fold_in_user
from visualizers.matrix_factorization.spec import DATA_CSV
from visualizers.matrix_factorization.state import (
    MatrixFactorizationState,
    cold_start,
    cold_start_html,
    cold_start_scores,
    explain,
    is_overfitting,
    latent_legend_html,
    point_tips,
    summary,
    user_html,
    user_panel,
)

SPEC = get("matrix_factorization")
assert SPEC is not None


def params(**values: object) -> dict[str, int | float | str | bool]:
    assert SPEC is not None
    return SPEC.resolve(values)


def run_to(state: MatrixFactorizationState, step: int, **values: object) -> FactorizationFrame:
    stepper = state.stepper(params(**values), 0)
    frame = stepper.first()
    while frame.step < step and not frame.finished:
        frame = stepper.advance(frame)
    return frame


def fake_model(train: tuple[float, ...], test: tuple[float, ...]) -> Factorization:
    zeros = np.zeros((2, 1))
    return Factorization(zeros, zeros, np.zeros(2), np.zeros(2), 3.0, train, train, test)


# --- runs ------------------------------------------------------------------------------------


def test_synthetic_data_is_cached_and_a_missing_csv_is_a_message() -> None:
    state = MatrixFactorizationState()
    first = state.data_for(params(), 0)
    assert state.data_for(params(epochs=5), 0) is first  # same data parameters: same matrix
    assert state.data_for(params(seed=1), 0) is not first
    with pytest.raises(ValueError, match="No CSV loaded"):
        state.stepper(params(data=DATA_CSV), 0)


def test_adopting_a_csv_makes_runs_use_it_and_returns_the_previous_one() -> None:
    state = MatrixFactorizationState()
    text = "\n".join(f"u{u},v{i},{1 + (u * i) % 5}" for u in range(8) for i in range(6))
    data = state.parse_csv(text, "mine.csv")
    assert state.adopt_csv(data, "mine.csv") is None
    assert state.stepper(params(data=DATA_CSV), 0).problem.data is data
    assert "48 ratings, 8 users × 6 items" in state.csv_summary()
    assert state.adopt_csv(None) is data


def test_overfitting_needs_test_rmse_rising_above_its_best_while_train_falls() -> None:
    assert is_overfitting(fake_model((1.0, 0.8, 0.6, 0.4), (1.0, 0.9, 1.0)))
    assert not is_overfitting(fake_model((1.0, 0.8, 0.6, 0.4), (1.0, 0.9, 0.91)))  # within 2%
    assert not is_overfitting(fake_model((1.0, 0.8, 0.9, 1.0), (1.0, 0.9, 1.0)))  # train rose
    assert not is_overfitting(fake_model((1.0, 0.8), (1.0, 2.0)))  # too early to tell


def test_a_high_rank_without_regularization_is_flagged_and_explained() -> None:
    frame = run_to(MatrixFactorizationState(), 40, rank=20, reg=0.0, lr=0.05, epochs=40)
    assert frame.step == 40 and frame.overfitting
    assert "Overfitting" in frame.explanation and "Raise λ" in frame.explanation
    assert frame.explanation == explain(frame)


def test_regularized_als_is_not_flagged_and_recovers_the_genres() -> None:
    frame = run_to(MatrixFactorizationState(), 10, method="ALS", epochs=10, users=100, videos=60)
    assert not frame.overfitting
    assert frame.alignment is not None and frame.alignment > 0.9
    assert "ALS, epoch 10 of 10" in frame.explanation
    assert f"explain {100 * frame.alignment:.0f}%" in frame.explanation


def test_explanation_reports_the_frame_numbers() -> None:
    frame = run_to(MatrixFactorizationState(), 3, epochs=10)
    assert frame.model is not None
    assert f"train RMSE <b>{frame.model.train_rmse[-1]:.3f}</b>" in frame.explanation
    assert "SGD, epoch 3 of 10" in frame.explanation and "flat start" in frame.explanation
    assert summary(frame) == (
        f"epoch 3: train RMSE {frame.model.train_rmse[-1]:.3f}, "
        f"test RMSE {frame.model.test_rmse[-1]:.3f}"
    )


def test_divergence_is_an_error_frame() -> None:
    frame = run_to(MatrixFactorizationState(), 50, lr=1.0, reg=0.0, rank=10, epochs=50)
    assert frame.finished and frame.error is not None and "diverged" in frame.error


# --- pick a user -------------------------------------------------------------------------------


def test_user_panel_lists_known_ratings_best_first_and_unseen_recommendations() -> None:
    frame = run_to(MatrixFactorizationState(), 20)
    assert frame.problem is not None and frame.model is not None
    panel = user_panel(frame, 11)
    seen = frame.problem.train_mask[11]
    assert set(panel.known_items.tolist()) == set(np.flatnonzero(seen).tolist())
    known = panel.known_ratings[panel.known_items]
    assert np.all(np.diff(known) <= 0)
    assert len(panel.recommendations) == 5
    assert all(not seen[r.item] for r in panel.recommendations)
    data = frame.problem.data
    assert data.true_user_factors is not None and data.true_user_bias is not None
    assert panel.truth is not None
    i = panel.recommendations[0].item
    # The synthetic truth, recomputed from the hidden factors by hand.
    assert data.true_item_bias is not None and data.true_item_factors is not None
    raw = 3.0 + data.true_user_bias[11] + data.true_item_bias[i]
    raw += float(data.true_item_factors[i] @ data.true_user_factors[11])
    assert panel.truth[i] == pytest.approx(min(5.0, max(1.0, raw)))
    text = user_html(panel, data)
    assert "user 12" in text and "Top 5 unseen" in text and "hidden favourite genre" in text


# --- cold start --------------------------------------------------------------------------------


def test_cold_start_scores_are_the_model_prediction_for_the_folded_in_user() -> None:
    data = synthetic_ratings(40, 25, 0.4, 0.3, seed=2)
    model = alternating_least_squares(data.ratings, data.observed, 2, 0.05, 5, seed=2)
    p, b = np.array([0.7, -1.3]), 0.4
    scores = cold_start_scores(model, p, b)
    for i in range(25):
        expected = model.global_mean + b + model.item_bias[i]
        expected += sum(model.Q[i, k] * p[k] for k in range(2))
        assert scores[i] == pytest.approx(expected, rel=1e-12)


def test_with_ratings_the_folded_in_model_beats_popularity_for_the_new_user() -> None:
    frame = run_to(MatrixFactorizationState(), 30, method="ALS", epochs=30)
    genre = GENRES.index("pets")
    result = cold_start(frame, genre, 10)
    assert result is not None
    mf, popular = result.mean_truth("MF, folded in"), result.mean_truth("Popularity")
    assert mf > popular + 0.3  # a sign error in the scores would rank the worst videos first
    assert mf <= result.ideal + 1e-12
    assert result.mean_truth(f"Genre ({GENRES[genre]})") > popular
    none = cold_start(frame, genre, 0)
    assert none is not None and none.rated.size == 0
    assert frame.problem is not None and frame.model is not None
    p, b = fold_in_user(frame.model, none.rated, np.zeros(0), frame.problem.reg)
    assert not p.any() and b == 0.0
    html = cold_start_html(result, frame.problem.data)
    assert "10 rating(s)" in html and f"best possible {result.ideal:.2f}" in html
    assert "no ratings" in cold_start_html(none, frame.problem.data)


def test_cold_start_needs_synthetic_data() -> None:
    state = MatrixFactorizationState()
    text = "\n".join(f"u{u},v{i},{1 + (u + i) % 5}" for u in range(8) for i in range(6))
    state.adopt_csv(parse_rating_csv(text), "x.csv")
    frame = run_to(state, 2, data=DATA_CSV)
    assert frame.problem is not None
    assert cold_start(frame, 0, 5) is None
    assert "synthetic" in cold_start_html(None, frame.problem.data)


# --- small texts and the heatmap colouring -----------------------------------------------------


def test_tips_and_legend_name_the_hidden_favourites() -> None:
    data = synthetic_ratings(10, 8, 0.5, 0.3, seed=0)
    items, users = point_tips(data)
    assert len(items) == 8 and len(users) == 10 and "hidden favourite" in users[0]
    legend = latent_legend_html(data, ("#111111",))
    assert all(name in legend for name in GENRES)
    csv = replace(data, item_genre=None, user_favorite=None)
    assert "Hover" in latent_legend_html(csv, ("#111111",))
    assert point_tips(csv)[1] == list(data.user_names)


def test_heatmap_colouring_survives_values_beyond_float32() -> None:
    """Regression (monkey test, seed 20261126): a run heading for divergence predicted
    values past float32's range, and casting them for the heatmap raised an overflow."""
    lut = np.arange(256, dtype=np.uint32) | np.uint32(0xFF000000)
    values = np.array([[1e300, np.nan, -1e300, 3.0]])
    rgba = to_rgba(values, 1.0, 5.0, lut)
    assert rgba.shape == (4, 1, 4)
    assert rgba[1, 0, 3] == 0  # NaN stays transparent
    assert rgba[0, 0, 3] == 255 and rgba[2, 0, 3] == 255  # extremes saturate, opaque
    assert rgba[0, 0, 0] == 255 and rgba[2, 0, 0] == 0  # and take the scale's two ends
    assert rgba[3, 0, 0] == int((3.0 - 1.0) / 4.0 * 255)  # truncated, as a cast does


# --- presets and predict-then-watch prompts: each prompt's answer is what the run shows ---------


def preset_run(preset: str) -> FactorizationFrame:
    assert SPEC is not None
    state = MatrixFactorizationState()
    stepper = state.stepper(SPEC.preset_values(preset), 0)
    frame = stepper.first()
    while not frame.finished:
        frame = stepper.advance(frame)
    return frame


def test_every_question_has_two_or_three_prompts_of_its_own() -> None:
    assert SPEC is not None
    for question in SPEC.questions:
        count = sum(question in p.questions for p in SPEC.predictions)
        assert 2 <= count <= 3, (question, count)
    assert all(set(p.questions) <= set(SPEC.questions) for p in SPEC.predictions)


def test_prompt_answers_hold_for_their_presets() -> None:
    default = preset_run_values()
    diverged = preset_run("learning-rate-too-large")
    assert diverged.error is not None and "diverged" in diverged.error
    overfit = preset_run("overfitting")
    assert overfit.overfitting and overfit.model is not None
    assert overfit.model.test_rmse[-1] > min(overfit.model.test_rmse)
    strong = preset_run("strong-regularization")
    assert strong.model is not None and default.model is not None
    assert strong.model.test_rmse[-1] > default.model.test_rmse[-1] + 0.2
    als = preset_run("als")
    assert als.model is not None and als.alignment is not None and als.alignment > 0.9
    objective = als.model.objective
    assert all(b <= a * (1 + 1e-12) for a, b in itertools.pairwise(objective))
    cold = preset_run("cold-start")
    assert cold.problem is not None and cold.model is not None
    empty = np.flatnonzero(~cold.problem.train_mask.any(axis=1))
    assert empty.size > 0
    blind = cold.model.global_mean + cold.model.item_bias
    for user in empty:
        np.testing.assert_allclose(cold.model.predict()[user], blind, atol=1e-9)
    for genre in range(len(GENRES)):
        result = cold_start(cold, genre, 0)
        assert result is not None
        best = max(result.lists, key=result.mean_truth)
        assert best.startswith("Genre")


def preset_run_values() -> FactorizationFrame:
    state = MatrixFactorizationState()
    stepper = state.stepper(params(), 0)
    frame = stepper.first()
    while not frame.finished:
        frame = stepper.advance(frame)
    return frame


# --- edges for the mutation run ----------------------------------------------------------------


def test_parameters_reach_the_stepper_and_the_cache_keeps_four_matrices() -> None:
    state = MatrixFactorizationState()
    stepper = state.stepper(
        params(method="ALS", rank=3, lr=0.01, reg=0.2, epochs=7, biases=False, seed=5), 2
    )
    p = stepper.problem
    assert (p.method, p.rank, p.lr, p.reg, p.epochs, p.seed, p.biases) == (
        "ALS",
        3,
        0.01,
        0.2,
        7,
        7,
        False,
    )
    assert state.stepper(params(), 0).problem.method == "SGD"
    first = state.data_for(params(seed=0), 0)
    assert first.shape == (200, 100)
    for seed in (1, 2, 3):
        state.data_for(params(seed=seed), 0)
    assert state.data_for(params(seed=0), 0) is first  # four fit
    state.data_for(params(seed=4), 0)
    assert state.data_for(params(seed=0), 0) is not first  # the oldest was dropped


def test_explanation_warns_about_a_rank_above_the_matrix_and_empty_rows() -> None:
    frame = run_to(MatrixFactorizationState(), 2, users=5, videos=6, rank=8, observed=0.3, epochs=3)
    assert "The rank 8 exceeds min(users, videos) = 5" in frame.explanation
    assert frame.problem is not None
    empty = int((~frame.problem.train_mask.any(axis=1)).sum())
    if empty:
        assert f"{empty} user(s)" in frame.explanation
    assert MatrixFactorizationState().csv_summary().startswith("No CSV loaded")


def test_user_panel_text_lists_six_known_ratings_and_counts_the_rest() -> None:
    frame = run_to(MatrixFactorizationState(), 5)
    assert frame.problem is not None
    data = frame.problem.data
    panel = user_panel(frame, 0)
    n = panel.known_items.size
    assert n > 6
    html = user_html(panel, data)
    assert f"{n} known rating(s)" in html and f"… and {n - 6} more" in html
    for i in panel.known_items[:6]:
        assert (
            f"<td>{data.item_names[i]}</td><td align='right'>{panel.known_ratings[i]:.1f}</td>"
            in html
        )
    assert data.item_names[panel.known_items[6]] not in html.split("Top 5")[0]
    top = panel.recommendations[0]
    assert f"{top.predicted:.1f}" in html and f"near {data.item_names[top.because[0]]}" in html


def test_cold_start_table_names_every_pick_with_its_truth() -> None:
    frame = run_to(MatrixFactorizationState(), 10, method="ALS", epochs=10)
    result = cold_start(frame, 2, 5)
    assert result is not None and frame.problem is not None
    data = frame.problem.data
    html = cold_start_html(result, data)
    assert "loves <b>gaming</b> has rated 5 video(s)" in html
    for name, picks in result.lists.items():
        assert f"<th align='left'>{name}</th>" in html
        assert f"<td><b>{result.mean_truth(name):.2f}</b></td>" in html
        for item in picks:
            assert f"{data.item_names[item]} <i>({result.truth[item]:.1f})</i>" in html
