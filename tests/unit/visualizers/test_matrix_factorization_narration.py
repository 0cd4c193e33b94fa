"""What the matrix-factorization state's texts must say, on small frames built by hand.

Every expected number here is worked out from the hand-made inputs (counts of a 3 × 4
mask, a chosen RMSE history), not read back from the module; the sentences are the ones
the panels promise the learner, so a changed word or a swapped direction fails a test.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from visualizers.matrix_factorization.algorithm import Factorization, FactorizationFrame, Problem
from visualizers.matrix_factorization.data import (
    GENRES,
    RatingData,
    simulate_new_user,
    synthetic_ratings,
)
from visualizers.matrix_factorization.recommend import Recommendation
from visualizers.matrix_factorization.spec import DATA_CSV, SPEC
from visualizers.matrix_factorization.state import (
    COLD_START_NEEDS_SYNTHETIC,
    ColdStart,
    MatrixFactorizationState,
    UserPanel,
    cold_start,
    cold_start_html,
    explain,
    is_overfitting,
    latent_legend_html,
    narrate,
    point_tips,
    summary,
    user_html,
    user_panel,
)

DEFAULTS = SPEC.resolve({})

# A 3 × 4 matrix: 7 of 12 cells observed (58.3%); user 3 and video 4 have no training rating.
OBSERVED = np.array([[1, 1, 1, 0], [1, 0, 1, 1], [0, 1, 0, 0]], dtype=bool)
TRAIN = np.array([[1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0]], dtype=bool)
TEST = OBSERVED & ~TRAIN  # 3 held out


def csv_data() -> RatingData:
    ratings = np.where(OBSERVED, 3.0, np.nan)
    return RatingData(ratings, OBSERVED, ("ann", "bob", "cy"), ("a", "b", "c", "d"), "csv")


def model(
    objective: tuple[float, ...], train: tuple[float, ...], test: tuple[float, ...]
) -> Factorization:
    return Factorization(
        np.zeros((3, 2)), np.zeros((4, 2)), np.zeros(3), np.zeros(4), 3.0, objective, train, test
    )


def frame(
    fit: Factorization,
    *,
    method: str = "SGD",
    rank: int = 2,
    data: RatingData | None = None,
    train: np.ndarray = TRAIN,
    test: np.ndarray = TEST,
    overfitting: bool = False,
    alignment: float | None = None,
) -> FactorizationFrame:
    problem = Problem(
        data=data if data is not None else csv_data(),
        train_mask=train,
        test_mask=test,
        method=method,  # type: ignore[arg-type]
        rank=rank,
        lr=0.025,
        reg=0.5,
        epochs=20,
        seed=0,
        biases=True,
    )
    return FactorizationFrame(
        step=fit.epochs,
        explanation="",
        problem=problem,
        model=fit,
        overfitting=overfitting,
        alignment=alignment,
    )


def lines(text: str) -> list[str]:
    return text.split("<br>")


# --- the explanation ----------------------------------------------------------------------------


def test_the_headline_gives_method_epoch_hyperparameters_errors_and_counts() -> None:
    fit = model((5000.0, 1234.56), (1.5, 0.98765), (1.4, 1.23456))
    head = lines(explain(frame(fit)))[0]
    assert head == (
        "<b>SGD, epoch 1 of 20</b> (rank 2, λ = 0.5, η = 0.025): train RMSE <b>0.988</b>, "
        "test RMSE <b>1.235</b>, objective J = 1,234.6. 4 training ratings of 3 × 4 "
        "(58.3% observed), 3 held out."
    )


def test_als_has_no_step_size_and_no_test_rmse_without_held_out_ratings() -> None:
    fit = model((10.0, 8.0), (1.0, 0.5), ())
    text = explain(frame(fit, method="ALS", test=np.zeros_like(TEST)))
    assert lines(text)[0] == (
        "<b>ALS, epoch 1 of 20</b> (rank 2, λ = 0.5): train RMSE <b>0.500</b>, "
        "objective J = 8.0. 4 training ratings of 3 × 4 (58.3% observed), 0 held out."
    )
    assert (
        "Each ALS epoch solves every user's factors exactly with the videos fixed, then "
        "every video's with the users fixed: no learning rate, and J never rises." in lines(text)
    )
    assert "η =" not in text and "Each epoch visits" not in text and "saddle" not in text


def test_every_line_is_a_whole_sentence() -> None:
    fit = model((9.0, 8.0, 7.0, 6.0), (1.0, 0.8, 0.6, 0.4), (1.0, 0.8, 0.9, 0.95))
    data = replace(csv_data(), noise=0.25)
    for method in ("SGD", "ALS"):
        text = explain(frame(fit, method=method, rank=9, data=data, overfitting=True))
        assert len(lines(text)) == (7 if method == "SGD" else 6)
        for line in lines(text):
            assert line[0].isupper() or line.startswith(("<b>", "1 user")), line
            assert line.endswith((".", "held out.")), line


def test_overfitting_says_where_test_rmse_was_best_and_what_to_do() -> None:
    fit = model((9.0, 8.0, 7.0, 6.0), (1.0, 0.8, 0.6, 0.4), (1.0, 0.8, 0.9, 0.95))
    text = explain(frame(fit, overfitting=True))
    assert lines(text)[1] == (
        "<b>Overfitting:</b> test RMSE has risen from 0.800 (epoch 1) to 0.950 while train "
        "RMSE kept falling: a high rank with little regularization memorizes the training "
        "ratings. Raise λ, lower the rank or stop early."
    )
    assert "Overfitting" not in explain(frame(fit, overfitting=False))


def test_a_rank_above_the_smaller_side_is_called_useless() -> None:
    fit = model((9.0, 8.0), (1.0, 0.8), (1.0, 0.9))
    sentence = (
        "The rank 4 exceeds min(users, videos) = 3: the extra factors add no expressive "
        "power, only room to memorize."
    )
    assert sentence in lines(explain(frame(fit, rank=4)))
    assert "exceeds" not in explain(frame(fit, rank=3))  # equal to the smaller side is fine


def test_rows_and_columns_without_training_ratings_are_counted_as_cold_start() -> None:
    fit = model((9.0, 8.0), (1.0, 0.8), (1.0, 0.9))
    sentence = (
        "1 user(s) and 1 video(s) have no training ratings: nothing trains their factors "
        "(ALS sets them to 0, SGD leaves them at their tiny random start), so their "
        "predictions fall back to the biases (cold start)."
    )
    assert sentence in lines(explain(frame(fit)))
    # Only an empty column: user 3 gets a training rating, video 4 still has none.
    train = TRAIN.copy()
    train[2, 1] = True
    assert "0 user(s) and 1 video(s) have no training ratings" in explain(frame(fit, train=train))
    # Only an empty row: video 4 gets one, user 3 still has none.
    train = TRAIN.copy()
    train[1, 3] = True
    assert "1 user(s) and 0 video(s) have no training ratings" in explain(frame(fit, train=train))
    train[2, 1] = True
    assert "no training ratings" not in explain(frame(fit, train=train))


def test_sgd_explains_its_epoch_and_the_flat_start_until_epoch_15() -> None:
    visit = (
        "Each epoch visits every training rating once, in random order, and nudges p_u, q_i "
        "and the biases against its error (rating − prediction); missing cells are never read."
    )
    saddle = (
        "A flat start is normal: P = Q = 0 is a saddle point, and the small random initial "
        "factors take a few epochs to grow away from it."
    )
    for epochs, flat in ((1, True), (15, True), (16, False)):
        history = tuple(1.0 / (e + 1) for e in range(epochs + 1))
        text = lines(explain(frame(model(history, history, history))))
        assert visit in text
        assert (saddle in text) is flat, epochs
        assert f"epoch {epochs} of 20" in text[0]


def test_noisy_data_names_the_floor_and_the_genre_recovery() -> None:
    fit = model((9.0, 8.0), (1.0, 0.8), (1.0, 0.9))
    data = replace(csv_data(), noise=0.25)
    floor = "The ratings carry noise σ = 0.25: no model's test RMSE can beat about that."
    assert lines(explain(frame(fit, data=data)))[-1] == floor
    recovered = lines(explain(frame(fit, data=data, alignment=0.876)))[-1]
    assert recovered == (
        f"{floor} Learned video factors explain 88% of the hidden genre tastes (after the "
        "best linear map: factors are only defined up to one)."
    )
    assert "noise" not in explain(frame(fit))  # a CSV has no known noise


def test_no_model_means_no_text() -> None:
    empty = FactorizationFrame(step=0, explanation="")
    assert explain(empty) == "" and summary(empty) == ""
    assert narrate(empty) is empty


def test_narrate_fills_the_flag_the_alignment_and_the_text() -> None:
    data = synthetic_ratings(12, 16, 0.8, 0.1, seed=3)
    assert data.true_item_factors is not None
    # Learned factors = the true ones through an invertible map: alignment 100%.
    q = data.true_item_factors @ np.array([[2.0, 1.0], [0.0, -1.0]])
    fit = Factorization(
        np.zeros((12, 2)),
        q,
        np.zeros(12),
        np.zeros(16),
        3.0,
        (9.0, 8.0, 7.0, 6.0),
        (1.0, 0.8, 0.6, 0.4),
        (1.0, 0.8, 0.9, 0.95),
    )
    mask = data.observed
    filled = narrate(frame(fit, data=data, train=mask, test=np.zeros_like(mask)))
    assert filled.overfitting
    assert filled.alignment == pytest.approx(1.0)
    assert filled.explanation == explain(filled)
    assert "explain 100% of the hidden genre tastes" in filled.explanation
    # CSV data has no truth to align with.
    plain = narrate(frame(fit, overfitting=True))
    assert plain.alignment is None and plain.overfitting == is_overfitting(fit)


def test_summary_is_the_plain_numbers() -> None:
    assert summary(frame(model((3.0, 2.0), (1.0, 0.4567), (1.0, 0.5)))) == (
        "epoch 1: train RMSE 0.457, test RMSE 0.500"
    )
    assert summary(frame(model((3.0, 2.0, 1.0), (1.0, 0.8, 0.25), ()))) == (
        "epoch 2: train RMSE 0.250"
    )


# --- overfitting edges ----------------------------------------------------------------------------


def test_overfitting_needs_a_rise_strictly_beyond_the_margin_and_a_strict_train_fall() -> None:
    def fit(train: tuple[float, ...], test: tuple[float, ...]) -> Factorization:
        return model(tuple(range(len(train))), train, test)

    assert is_overfitting(fit((1.0, 0.5, 0.25), (1.0, 0.5, 0.52)))  # 4% above its best
    assert not is_overfitting(fit((1.0, 0.5, 0.25), (1.0, 0.5, 0.51)))  # exactly 2%: not yet
    assert not is_overfitting(fit((1.0, 0.5, 0.5), (1.0, 0.5, 0.6)))  # train flat since best
    assert is_overfitting(fit((1.0, 0.5, 0.4, 0.3), (0.5, 0.6, 0.7, 0.8)))  # best at epoch 0
    assert not is_overfitting(fit((1.0, 0.8, 0.6), (0.5, 0.4, 0.3)))  # still improving


# --- the CSV summary and the latent-space texts ---------------------------------------------------


def test_csv_summary_escapes_the_file_name_and_counts_ratings() -> None:
    state = MatrixFactorizationState()
    state.adopt_csv(csv_data(), "<a&b>.csv")
    assert state.csv_summary() == "&lt;a&amp;b&gt;.csv: 7 ratings, 3 users × 4 items."
    assert state.csv_name == "<a&b>.csv"
    assert state.adopt_csv(None) is not None and state.csv_name == ""
    assert state.csv_summary() == "No CSV loaded: using synthetic genre ratings."


def test_synthetic_data_is_seeded_by_the_parameter_plus_the_run_seed() -> None:
    state = MatrixFactorizationState()
    values: dict[str, int | float | str | bool] = {
        "data": "synthetic",
        "users": 7,
        "videos": 5,
        "observed": 0.5,
        "noise": 0.2,
    }
    got = state.data_for({**values, "seed": 5}, 2)
    want = synthetic_ratings(7, 5, 0.5, 0.2, seed=7)
    np.testing.assert_array_equal(got.ratings, want.ratings)
    np.testing.assert_array_equal(got.observed, want.observed)
    assert got.noise == 0.2


def test_point_tips_name_each_users_hidden_favourite() -> None:
    data = synthetic_ratings(6, 5, 0.5, 0.3, seed=1)
    assert data.user_favorite is not None
    items, users = point_tips(data)
    assert items == list(data.item_names)
    for u, tip in enumerate(users):
        assert tip == f"user {u + 1} (hidden favourite: {GENRES[int(data.user_favorite[u])]})"


def test_legend_cycles_the_colours_over_the_genres() -> None:
    data = synthetic_ratings(6, 5, 0.5, 0.3, seed=1)
    legend = latent_legend_html(data, ("#c0", "#c1", "#c2"))
    assert legend.startswith("● videos, ▲ users (coloured by hidden favourite): ")
    for g, name in enumerate(GENRES):
        assert f"<span style='color:#c{g % 3}'>■</span>&nbsp;{name}" in legend
    assert legend.count("<span") == len(GENRES)
    no_genres = replace(data, item_genre=None)
    assert (
        latent_legend_html(no_genres, ("#c0",)) == "● videos, ▲ users. Hover a point for its name."
    )


# --- the "pick a user" panel, from a hand-built panel -------------------------------------------


def panel(known: list[int], recs: tuple[Recommendation, ...], truth: bool) -> UserPanel:
    ratings = np.full(8, np.nan)
    for rank, item in enumerate(known):
        ratings[item] = 5.0 - 0.5 * rank  # best first
    return UserPanel(
        user=1,
        known_items=np.array(known, dtype=np.intp),
        known_ratings=ratings,
        predicted=np.arange(8) / 4.0 + 1.0,  # item i predicted 1 + i/4
        recommendations=recs,
        truth=np.linspace(1.0, 4.5, 8) if truth else None,
    )


def names_data() -> RatingData:
    items = ("<v0>", "v1", "v2", "v3", "v4", "v5", "v6", "v7")
    ratings = np.full((2, 8), np.nan)
    return RatingData(ratings, np.zeros((2, 8), bool), ("ann", "b&b"), items, "csv")


def test_user_html_lists_known_ratings_then_recommendations_with_why() -> None:
    recs = (Recommendation(5, 4.25, (0, 2)), Recommendation(7, 3.04, ()))
    html = user_html(panel([2, 0, 6], recs, truth=True), names_data())
    assert html.startswith("<b>b&amp;b</b><br>3 known rating(s) the model trained on.")
    assert "hidden favourite" not in html
    known = (
        "<tr><td>v2</td><td align='right'>5.0</td><td align='right'>1.5</td></tr>"
        "<tr><td>&lt;v0&gt;</td><td align='right'>4.5</td><td align='right'>1.0</td></tr>"
        "<tr><td>v6</td><td align='right'>4.0</td><td align='right'>2.5</td></tr></table>"
    )
    assert known in html and "… and" not in html
    # truth = linspace(1, 4.5, 8): item 5 → 3.5, item 7 → 4.5
    top = (
        "<br><b>Top 2 unseen</b> (□ in the latent space)<table cellspacing='0' "
        "cellpadding='3'><tr><th align='left'>video</th><th>model</th><th>truth</th>"
        "<th align='left'>why: nearest liked videos</th></tr>"
        "<tr><td>v5</td><td align='right'>4.2</td><td align='right'>3.5</td>"
        "<td>near &lt;v0&gt;, v2</td></tr>"
        "<tr><td>v7</td><td align='right'>3.0</td><td align='right'>4.5</td>"
        "<td>near popular overall</td></tr></table>"
    )
    assert html.endswith(top)


def test_user_html_without_truth_or_ratings_falls_back_to_the_biases() -> None:
    recs = (Recommendation(3, 2.0, ()),)
    html = user_html(panel([], recs, truth=False), names_data())
    assert html == (
        "<b>b&amp;b</b><br>0 known rating(s) the model trained on.<br>No training ratings: "
        "the model can only offer μ + b_i, the same list for everyone (cold start)."
        "<br><b>Top 1 unseen</b> (□ in the latent space)<table cellspacing='0' cellpadding='3'>"
        "<tr><th align='left'>video</th><th>model</th><th align='left'>why: nearest liked "
        "videos</th></tr><tr><td>v3</td><td align='right'>2.0</td><td>near popular overall"
        "</td></tr></table>"
    )
    assert user_html(panel([], (), truth=False), names_data()).endswith("(cold start).")


def test_user_html_shows_six_known_ratings_and_counts_the_rest() -> None:
    html = user_html(panel([0, 1, 2, 3, 4, 5, 6, 7], (), truth=False), names_data())
    assert html.count("<tr><td>") == 6
    assert "<td>v6</td>" not in html and "<td>v5</td>" in html
    assert html.endswith("</table><br><i>… and 2 more</i>")
    assert html.count("<table cellspacing='0' cellpadding='3'><tr><th align='left'>known</th>") == 1
    assert "<th>rated</th><th>model</th></tr>" in html
    six = user_html(panel([0, 1, 2, 3, 4, 5], (), truth=False), names_data())
    assert six.endswith("</table>") and "more" not in six


def test_user_html_names_the_hidden_favourite_of_synthetic_users() -> None:
    data = synthetic_ratings(3, 8, 0.5, 0.3, seed=4)
    assert data.user_favorite is not None
    html = user_html(panel([1], (), truth=False), data)
    genre = GENRES[int(data.user_favorite[1])]
    assert html.startswith(f"<b>user 2</b> — hidden favourite genre: <b>{genre}</b><br>1 known")


# --- the cold-start panel, from a hand-built result -----------------------------------------------


def cold(count: int) -> ColdStart:
    truth = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 1.5, 2.5, 3.5])
    lists = {
        "MF, folded in": np.array([4, 3, 7, 2, 6], dtype=np.intp),
        "Popularity": np.array([0, 1], dtype=np.intp),
        "Genre (music)": np.array([], dtype=np.intp),
    }
    return ColdStart(1, count, np.array([5], dtype=np.int64), truth, lists, 3.9)


def test_cold_start_table_pads_short_lists_and_averages_each_lists_truth() -> None:
    result = cold(3)
    # MF picks truths 5, 4, 3.5, 3, 2.5 → 3.6; popularity 1, 2 → 1.5; the empty list has none.
    assert result.mean_truth("MF, folded in") == pytest.approx(3.6)
    assert result.mean_truth("Popularity") == pytest.approx(1.5)
    assert np.isnan(result.mean_truth("Genre (music)"))
    html = cold_start_html(result, names_data())
    assert html.startswith(
        "A new user who loves <b>music</b> has rated 3 video(s). Each list's top 5, with the "
        "user's <i>(true rating)</i>:<table cellspacing='0' cellpadding='3'><tr>"
        "<th align='left'>MF, folded in</th><th align='left'>Popularity</th>"
        "<th align='left'>Genre (music)</th></tr>"
    )
    assert "<tr><td>v4 <i>(5.0)</i></td><td>&lt;v0&gt; <i>(1.0)</i></td><td></td></tr>" in html
    assert "<tr><td>v3 <i>(4.0)</i></td><td>v1 <i>(2.0)</i></td><td></td></tr>" in html
    assert "<tr><td>v6 <i>(2.5)</i></td><td></td><td></td></tr>" in html
    assert html.count("<tr>") == 1 + 5 + 1
    assert "<tr><td><b>3.60</b></td><td><b>1.50</b></td><td><b>nan</b></td></tr></table>" in html
    assert html.endswith(
        "Mean true rating of each list (best possible 3.90).<br>With <b>3 rating(s)</b> one "
        "ridge solve against the fixed video factors places the user in the latent space, no "
        "retraining needed; each extra rating sharpens the estimate, and popularity never "
        "personalizes."
    )


def test_cold_start_with_no_ratings_says_the_fold_in_knows_nothing() -> None:
    html = cold_start_html(cold(0), names_data())
    assert html.endswith(
        "(best possible 3.90).<br>With <b>no ratings</b> the fold-in gives p = 0: the model can "
        "only rank by μ + b_i, which is popularity in disguise. It knows nothing personal, so "
        "the onboarding question (favourite genre) is the better bet."
    )
    assert cold_start_html(None, names_data()) == COLD_START_NEEDS_SYNTHETIC
    assert COLD_START_NEEDS_SYNTHETIC == (
        "The cold-start demo simulates a new user from the synthetic data's hidden tastes; "
        "switch Ratings to “synthetic genres” to use it."
    )


# --- the cold-start experiment against an independent recomputation ----------------------------


def ranked_unseen(scores: np.ndarray, rated: set[int], n: int = 5) -> list[int]:
    unseen = [i for i in range(len(scores)) if i not in rated]
    return sorted(unseen, key=lambda i: (-scores[i], i))[:n]


@pytest.mark.parametrize("biases", [True, False])
def test_cold_start_lists_match_a_sklearn_fold_in_and_plain_baselines(biases: bool) -> None:
    from sklearn.linear_model import Ridge

    state = MatrixFactorizationState()
    values: dict[str, int | float | str | bool] = {
        "data": "synthetic",
        "users": 30,
        "videos": 24,
        "observed": 0.5,
        "noise": 0.2,
        "seed": 4,
        "method": "ALS",
        "rank": 2,
        "lr": 0.02,
        "reg": 0.3,
        "epochs": 3,
        "biases": biases,
    }
    stepper = state.stepper(values, 0)
    fit = stepper.first()
    for _ in range(3):
        fit = stepper.advance(fit)
    assert fit.model is not None and fit.problem is not None
    data, model, train = fit.problem.data, fit.model, fit.problem.train_mask
    genre = 5
    result = cold_start(fit, genre, 6)
    assert result is not None and result.genre == genre and result.count == 6
    rated, ratings, truth = simulate_new_user(data, genre, 6, fit.problem.seed + 101)
    np.testing.assert_array_equal(result.rated, rated)
    np.testing.assert_allclose(result.truth, truth)
    # Fold-in: ridge regression of (rating − μ − b_i) on [q_i, 1] (or q_i), penalty λ·n.
    features = model.Q[rated]
    if biases:
        features = np.column_stack([features, np.ones(len(rated))])
    ridge = Ridge(alpha=0.3 * len(rated), fit_intercept=False)
    ridge.fit(features, ratings - model.global_mean - model.item_bias[rated])
    p = ridge.coef_[:2]
    b = float(ridge.coef_[2]) if biases else 0.0
    mf = model.global_mean + b + model.item_bias + model.Q @ p
    taken = {int(i) for i in rated}
    assert result.lists["MF, folded in"].tolist() == ranked_unseen(mf, taken)
    # Popularity: each video's training mean, shrunk toward the global mean by 5 pseudo-ratings.
    values_seen = [float(data.ratings[u, i]) for u, i in zip(*np.nonzero(train), strict=True)]
    mu = sum(values_seen) / len(values_seen)
    popularity = np.array(
        [
            (sum(data.ratings[u, i] for u in range(30) if train[u, i]) + 5 * mu)
            / (train[:, i].sum() + 5)
            for i in range(24)
        ]
    )
    assert result.lists["Popularity"].tolist() == ranked_unseen(popularity, taken)
    assert data.item_genre is not None
    of_genre = [i for i in ranked_unseen(popularity, taken, 24) if data.item_genre[i] == genre]
    others = [i for i in ranked_unseen(popularity, taken, 24) if data.item_genre[i] != genre]
    assert result.lists[f"Genre ({GENRES[genre]})"].tolist() == (of_genre + others)[:5]
    assert list(result.lists) == ["MF, folded in", "Popularity", f"Genre ({GENRES[genre]})"]
    unseen_truth = sorted((truth[i] for i in range(24) if i not in taken), reverse=True)
    assert result.ideal == pytest.approx(sum(unseen_truth[:5]) / 5)


def test_user_panel_keeps_nan_for_unrated_videos_and_no_truth_for_a_csv() -> None:
    state = MatrixFactorizationState()
    text = "\n".join(f"u{u},v{i},{1 + (u * i) % 5}" for u in range(8) for i in range(6) if u != i)
    state.adopt_csv(state.parse_csv(text, "x.csv"), "x.csv")
    stepper = state.stepper({**DEFAULTS, "data": DATA_CSV}, 0)
    fit = stepper.first()
    assert fit.problem is not None
    panel = user_panel(fit, 3)
    seen = fit.problem.train_mask[3]
    assert panel.known_ratings.dtype == np.float64
    assert (
        np.isnan(panel.known_ratings[~seen]).all() and not np.isnan(panel.known_ratings[seen]).any()
    )
    assert panel.truth is None and "truth" not in user_html(panel, fit.problem.data)
    with pytest.raises(AssertionError):
        user_panel(replace(fit, problem=None), 3)
    with pytest.raises(AssertionError):
        cold_start(replace(fit, model=None), 0, 3)


def test_a_bad_csv_line_is_reported_with_the_files_name() -> None:
    state = MatrixFactorizationState()
    assert state.csv_name == ""
    with pytest.raises(ValueError, match=r"^ratings\.csv, line 2: "):
        state.parse_csv("u1,v1,3\nu2,v2\n", "ratings.csv")


def test_known_ratings_with_ties_keep_the_video_order() -> None:
    state = MatrixFactorizationState()
    values = [3, 5, 3, 1, 5, 3, 3, 5, 1, 3, 3, 5, 2, 2, 3, 3, 5, 1, 3, 3]
    text = "\n".join(
        f"u{u},v{i:02d},{values[(i + u) % len(values)]}" for u in range(3) for i in range(40)
    )
    state.adopt_csv(state.parse_csv(text, "ties.csv"), "ties.csv")
    fit = state.stepper({**DEFAULTS, "data": DATA_CSV}, 0).first()
    assert fit.problem is not None
    panel = user_panel(fit, 0)
    seen = [int(i) for i in np.flatnonzero(fit.problem.train_mask[0])]
    assert len(seen) > 20
    rating = fit.problem.data.ratings[0]
    assert panel.known_items.tolist() == sorted(seen, key=lambda i: (-rating[i], i))


def test_a_frame_without_a_model_has_no_text_even_with_a_problem() -> None:
    fit = frame(model((3.0, 2.0), (1.0, 0.5), (1.0, 0.6)))
    no_model = replace(fit, model=None)
    assert explain(no_model) == "" and summary(no_model) == ""
    assert narrate(no_model) is no_model
    no_problem = replace(fit, problem=None)
    assert explain(no_problem) == "" and narrate(no_problem) is no_problem


def test_exact_legend_and_table_joins() -> None:
    data = synthetic_ratings(6, 5, 0.5, 0.3, seed=1)
    colours = ("#c0", "#c1")
    legend = latent_legend_html(data, colours)
    spans = [f"<span style='color:#c{g % 2}'>■</span>&nbsp;{name}" for g, name in enumerate(GENRES)]
    assert legend == "● videos, ▲ users (coloured by hidden favourite): " + " ".join(spans)
    html = user_html(panel([2], (), truth=False), names_data())
    assert html == (
        "<b>b&amp;b</b><br>1 known rating(s) the model trained on.<table cellspacing='0' "
        "cellpadding='3'><tr><th align='left'>known</th><th>rated</th><th>model</th></tr>"
        "<tr><td>v2</td><td align='right'>5.0</td><td align='right'>1.5</td></tr></table>"
    )
    table = cold_start_html(cold(2), names_data())
    assert "<th align='left'>Genre (music)</th></tr><tr><td>v4 <i>(5.0)</i></td>" in table
    assert "<td></td></tr><tr><td><b>3.60</b></td>" in table


def test_the_fold_in_follows_the_runs_bias_setting() -> None:
    """With biases the folded-in user gets an offset b; without, scores are μ + b_i + q_i·p."""
    from sklearn.linear_model import Ridge

    for biases in (True, False):
        state = MatrixFactorizationState()
        values = {**DEFAULTS, "users": 30, "videos": 24, "method": "ALS", "rank": 2}
        values.update({"epochs": 3, "reg": 0.3, "biases": biases, "seed": 4})
        stepper = state.stepper(values, 0)
        fit = stepper.first()
        for _ in range(3):
            fit = stepper.advance(fit)
        assert fit.model is not None and fit.problem is not None
        model = fit.model
        differ = 0
        for genre in range(len(GENRES)):
            result = cold_start(fit, genre, 3)
            assert result is not None
            rated = result.rated
            ratings = simulate_new_user(fit.problem.data, genre, 3, fit.problem.seed + 101)[1]
            target = ratings - model.global_mean - model.item_bias[rated]
            lists = {}
            for with_b in (True, False):
                x = model.Q[rated]
                if with_b:
                    x = np.column_stack([x, np.ones(len(rated))])
                coef = Ridge(alpha=0.3 * len(rated), fit_intercept=False).fit(x, target).coef_
                b = float(coef[2]) if with_b else 0.0
                scores = model.global_mean + b + model.item_bias + model.Q @ coef[:2]
                lists[with_b] = ranked_unseen(scores, {int(i) for i in rated})
            assert result.lists["MF, folded in"].tolist() == lists[biases]
            differ += lists[True] != lists[False]
        assert differ > 0  # the setting matters for some new user
