"""Ranking metrics (question 14) by hand and against scikit-learn's ndcg_score (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm

from visualizers.ranking.algorithm import (
    average_precision_at_k,
    mean_average_precision_at_k,
    mean_ndcg_at_k,
    ndcg_at_k,
    precision_at_k,
    ranking_metrics,
    recall_at_k,
    synthetic_recommendations,
)

TOL = 1e-12


def close(actual: object, expected: object) -> None:
    np.testing.assert_allclose(np.asarray(actual), np.asarray(expected), rtol=0, atol=TOL)


def test_ranking_metrics_by_hand() -> None:
    relevance = [0, 1, 0, 1, 1]  # three relevant items
    scores = [0.9, 0.8, 0.7, 0.6, 0.1]  # ranked order: 0, 1, 0, 1, 1
    assert precision_at_k(relevance, scores, 2) == 0.5
    close(recall_at_k(relevance, scores, 4), 2 / 3)
    # Hits at ranks 2 and 4: (1/2 + 2/4) / min(4, 3).
    close(average_precision_at_k(relevance, scores, 4), (0.5 + 0.5) / 3)
    assert recall_at_k([0, 0], [0.1, 0.2], 1) == 0.0
    assert ndcg_at_k([0, 0], [0.1, 0.2], 2) == 0.0
    with pytest.raises(ValueError, match="k must be between"):
        precision_at_k(relevance, scores, 6)


def test_map_is_mean_of_average_precisions() -> None:
    relevance = np.array([[1, 0, 1], [0, 1, 0]])
    scores = np.array([[3.0, 2.0, 1.0], [3.0, 2.0, 1.0]])
    close(mean_average_precision_at_k(relevance, scores, 3), ((1 + 2 / 3) / 2 + 0.5) / 2)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("tied", [False, True])
def test_ndcg_matches_sklearn(seed: int, tied: bool) -> None:
    lists = synthetic_recommendations(n_users=6, n_items=25, model_quality=0.8, seed=seed)
    scores = np.round(lists.scores) if tied else lists.scores  # rounding makes many ties
    for k in (1, 3, 10, 25):
        close(
            mean_ndcg_at_k(lists.relevance, scores, k), skm.ndcg_score(lists.relevance, scores, k=k)
        )
        for user in range(lists.n_users):
            close(
                ndcg_at_k(lists.relevance[user], scores[user], k),
                skm.ndcg_score(lists.relevance[user : user + 1], scores[user : user + 1], k=k),
            )


def test_ranking_metrics_over_k() -> None:
    lists = synthetic_recommendations(n_users=3, n_items=12, seed=2)
    at_k = ranking_metrics(lists, 1)
    assert at_k.precision.shape == (12,)
    close(at_k.recall[-1], 1.0 if lists.relevance[1].any() else 0.0)
    close(at_k.ndcg[4], ndcg_at_k(lists.relevance[1], lists.scores[1], 5))
    assert np.all(np.diff(at_k.recall) >= 0)


def test_ranking_metrics_means_are_the_per_k_means_over_users() -> None:
    """The mean curves equal MAP@k and mean NDCG@k (and scikit-learn's ndcg_score) at
    every k, also after one user's list changed (each user's curves are remembered)."""
    lists = synthetic_recommendations(n_users=5, n_items=9, seed=4)
    for _ in range(2):
        at_k = ranking_metrics(lists, 2)
        for i in range(lists.n_items):
            k = i + 1
            close(
                at_k.mean_average_precision[i],
                mean_average_precision_at_k(lists.relevance, lists.scores, k),
            )
            close(at_k.mean_ndcg[i], mean_ndcg_at_k(lists.relevance, lists.scores, k))
            close(at_k.mean_ndcg[i], skm.ndcg_score(lists.relevance, lists.scores, k=k))
            close(
                at_k.average_precision[i],
                average_precision_at_k(lists.relevance[2], lists.scores[2], k),
            )
        scores = lists.scores.copy()
        scores[2] = scores[2][::-1].copy()  # re-rank one user's list
        lists = type(lists)(relevance=lists.relevance, scores=scores)
