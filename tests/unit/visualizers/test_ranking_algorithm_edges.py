"""Ranking metrics at their edges: hand-computed DCG, empty relevance, the per-user curves.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/ranking/algorithm.py`):
`ranking_metrics` feeds the view's curves, so every curve point is checked against the
single-k functions, for every user, and again when the remembered curves are reused. No Qt.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from visualizers.ranking.algorithm import (
    RecommendationLists,
    average_precision_at_k,
    dcg_at_k,
    mean_average_precision_at_k,
    mean_ndcg_at_k,
    ndcg_at_k,
    precision_at_k,
    ranking_metrics,
    recall_at_k,
    synthetic_recommendations,
)


@pytest.fixture(autouse=True)
def no_remembered_curves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty memo of users' curves, so the curves are computed here
    (not found from an earlier test in the same process) and the computation is tested."""
    monkeypatch.setattr("visualizers.ranking.algorithm._CURVES", {})


def test_dcg_by_hand() -> None:
    # Shown in the order 3, 2, 0, 1: gains over log2(rank + 1).
    relevance, scores = [0.0, 1.0, 2.0, 3.0], [0.2, 0.1, 0.8, 0.9]
    assert dcg_at_k(relevance, scores, 1) == pytest.approx(3.0)
    assert dcg_at_k(relevance, scores, 2) == pytest.approx(3.0 + 2.0 / math.log2(3))
    assert dcg_at_k(relevance, scores, 4) == pytest.approx(
        3.0 + 2.0 / math.log2(3) + 0.0 / 2.0 + 1.0 / math.log2(5)
    )


def test_tied_scores_share_their_mean_gain() -> None:
    # Items 0 and 1 tie for the top: either could be first, so each rank gets 1.5.
    assert dcg_at_k([3.0, 0.0], [0.5, 0.5], 1) == pytest.approx(1.5)
    assert dcg_at_k([3.0, 0.0], [0.5, 0.5], 2) == pytest.approx(1.5 + 1.5 / math.log2(3))


def test_a_list_with_nothing_relevant_scores_zero_not_one() -> None:
    assert average_precision_at_k([0.0, 0.0, 0.0], [0.3, 0.2, 0.1], 2) == 0.0
    assert ndcg_at_k([0.0, 0.0, 0.0], [0.3, 0.2, 0.1], 2) == 0.0


@pytest.mark.parametrize("mean", [mean_average_precision_at_k, mean_ndcg_at_k])
def test_means_over_users_check_shapes_by_name(mean: object) -> None:
    assert callable(mean)
    with pytest.raises(
        ValueError,
        match=re.escape("relevance and scores differ in shape: (2, 3), (2, 2)"),
    ):
        mean(np.ones((2, 3)), np.ones((2, 2)), 1)


def test_synthetic_lists_have_the_documented_size_and_cannot_be_edited() -> None:
    lists = synthetic_recommendations()
    assert (lists.n_users, lists.n_items) == (8, 30)
    assert set(np.unique(lists.relevance)) <= {0.0, 1.0, 2.0, 3.0}
    for array in (lists.relevance, lists.scores):
        with pytest.raises(ValueError, match="read-only"):
            array[0, 0] = 9.0
    single = synthetic_recommendations(1, 1)
    assert (single.n_users, single.n_items) == (1, 1)
    for users, items in ((0, 5), (5, 0)):
        with pytest.raises(ValueError, match=r"^need at least one user and one item$"):
            synthetic_recommendations(users, items)


def test_better_models_rank_better_on_average() -> None:
    def mean_ndcg(quality: float) -> float:
        return float(
            np.mean(
                [
                    mean_ndcg_at_k(lists.relevance, lists.scores, 10)
                    for seed in range(5)
                    for lists in [synthetic_recommendations(20, 30, quality, seed)]
                ]
            )
        )

    random, decent, sharp = mean_ndcg(0.0), mean_ndcg(1.0), mean_ndcg(3.0)
    assert random < decent < sharp
    assert sharp > 0.9


@pytest.mark.parametrize("user", [0, 3, 5])
def test_ranking_metrics_curves_are_the_single_k_metrics(user: int) -> None:
    lists = synthetic_recommendations(6, 12, 1.0, seed=4)
    for attempt in range(2):  # the second call reuses the remembered curves
        metrics = ranking_metrics(lists, user)
        rel, sc = lists.relevance[user], lists.scores[user]
        for k in range(1, lists.n_items + 1):
            i = k - 1
            assert metrics.precision[i] == pytest.approx(precision_at_k(rel, sc, k))
            assert metrics.recall[i] == pytest.approx(recall_at_k(rel, sc, k))
            assert metrics.average_precision[i] == pytest.approx(average_precision_at_k(rel, sc, k))
            assert metrics.ndcg[i] == pytest.approx(ndcg_at_k(rel, sc, k))
            assert metrics.mean_average_precision[i] == pytest.approx(
                mean_average_precision_at_k(lists.relevance, lists.scores, k)
            ), attempt
            assert metrics.mean_ndcg[i] == pytest.approx(
                mean_ndcg_at_k(lists.relevance, lists.scores, k)
            ), attempt


def test_remembered_curves_follow_a_changed_list() -> None:
    lists = synthetic_recommendations(3, 10, 1.0, seed=2)
    before = ranking_metrics(lists, 1)
    scores = lists.scores.copy()
    scores[1] = -scores[1]  # the model now ranks this user's list upside down
    after = ranking_metrics(RecommendationLists(lists.relevance, scores), 1)
    rel = lists.relevance[1]
    assert after.ndcg[4] == pytest.approx(ndcg_at_k(rel, scores[1], 5))
    assert after.ndcg[4] != pytest.approx(before.ndcg[4])


@pytest.mark.parametrize(
    ("relevance", "scores", "k", "message"),
    [
        ([1.0, 0.0], [0.5], 1, "relevance and scores must be 1-D and equal length: (2,), (1,)"),
        ([[1.0]], [[0.5]], 1, "relevance and scores must be 1-D and equal length: (1, 1), (1, 1)"),
        ([], [], 1, "the ranked list is empty"),
        ([1.0, np.nan], [0.5, 0.4], 1, "relevance and scores must be finite numbers"),
        ([1.0, 0.0], [0.5, np.inf], 1, "relevance and scores must be finite numbers"),
        ([1.0, -1.0], [0.5, 0.4], 1, "relevance can't be negative"),
        ([1.0, 0.0], [0.5, 0.4], 3, "k must be between 1 and the list length 2, got 3"),
        ([1.0, 0.0], [0.5, 0.4], 0, "k must be between 1 and the list length 2, got 0"),
    ],
)
def test_bad_lists_are_whole_sentences(
    relevance: list[float], scores: list[float], k: int, message: str
) -> None:
    for metric in (precision_at_k, recall_at_k, average_precision_at_k, dcg_at_k, ndcg_at_k):
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            metric(relevance, scores, k)


def test_integer_lists_are_ranked_as_numbers() -> None:
    # Scores as Python ints past 2**63 would wrap in int64 and rank upside down.
    assert precision_at_k([1, 0, 0], [2**64, 1, 0], 1) == 1.0
    assert ndcg_at_k([0, 3], [1, 2], 1) == 1.0


def test_ranking_metrics_names_the_valid_users() -> None:
    lists = synthetic_recommendations(8, 5)
    for user in (-1, 8):
        with pytest.raises(ValueError, match=r"^user must be between 0 and 7$"):
            ranking_metrics(lists, user)
    assert ranking_metrics(lists, 7).ranked_relevance.shape == (5,)
