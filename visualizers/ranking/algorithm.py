"""Ranking metrics for recommendations, the answer to question 14 (pure NumPy, no Qt).

A recommender returns a ranked list, so "precision" and "recall" are measured on its top k:
precision@k, recall@k, (mean) average precision@k and NDCG@k. Each list is given as the
true relevance of every candidate (0 = not relevant; higher = more relevant, e.g. 1 watched,
2 liked, 3 shared) and the model's scores; the ranking is the scores from high to low.

Ties: precision, recall and AP break tied scores by list order (a stable sort). NDCG averages
over every order of a tied group, as scikit-learn's `ndcg_score` does, so the two agree
(tests/unit/visualizers/test_ranking_algorithm.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def _checked(relevance: ArrayLike, scores: ArrayLike, k: int) -> tuple[FloatArray, FloatArray]:
    rel = np.asarray(relevance, dtype=np.float64)
    sc = np.asarray(scores, dtype=np.float64)
    if rel.ndim != 1 or rel.shape != sc.shape:
        raise ValueError(
            f"relevance and scores must be 1-D and equal length: {rel.shape}, {sc.shape}"
        )
    if rel.size == 0:
        raise ValueError("the ranked list is empty")
    if not (np.all(np.isfinite(rel)) and np.all(np.isfinite(sc))):
        raise ValueError("relevance and scores must be finite numbers")
    if np.any(rel < 0):
        raise ValueError("relevance can't be negative")
    if not 1 <= k <= rel.size:
        raise ValueError(f"k must be between 1 and the list length {rel.size}, got {k}")
    return rel, sc


def ranked_relevance(relevance: ArrayLike, scores: ArrayLike) -> FloatArray:
    """Relevance in ranked order: highest score first, ties kept in list order."""
    rel = np.asarray(relevance, dtype=np.float64)
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    return rel[order]


def precision_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """Share of the top k that is relevant (relevance > 0)."""
    rel, sc = _checked(relevance, scores, k)
    hits = ranked_relevance(rel, sc)[:k] > 0
    return float(np.count_nonzero(hits)) / k


def recall_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """Share of all relevant items that made the top k (0.0 when nothing is relevant)."""
    rel, sc = _checked(relevance, scores, k)
    total = int(np.count_nonzero(rel > 0))
    hits = int(np.count_nonzero(ranked_relevance(rel, sc)[:k] > 0))
    return hits / total if total else 0.0


def average_precision_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """Mean of precision@i over the ranks i ≤ k that hold a relevant item.

    Divided by min(k, number relevant), so a perfect top k scores 1 even when more relevant
    items exist than fit; 0.0 when nothing is relevant.
    """
    rel, sc = _checked(relevance, scores, k)
    total = int(np.count_nonzero(rel > 0))
    if total == 0:
        return 0.0
    hits = ranked_relevance(rel, sc)[:k] > 0
    precision_at_each_rank = np.cumsum(hits) / np.arange(1, k + 1)
    return float(np.sum(precision_at_each_rank[hits])) / min(k, total)


def mean_average_precision_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """MAP@k: average precision@k averaged over lists (one row per user)."""
    rel = np.atleast_2d(np.asarray(relevance, dtype=np.float64))
    sc = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    if rel.shape != sc.shape:
        raise ValueError(f"relevance and scores differ in shape: {rel.shape}, {sc.shape}")
    return float(np.mean([average_precision_at_k(r, s, k) for r, s in zip(rel, sc, strict=True)]))


def _discounts(n: int) -> FloatArray:
    """1 / log2(rank + 1) for ranks 1..n: each step down the list is worth a bit less."""
    return 1.0 / np.log2(np.arange(2, n + 2))


def dcg_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """Discounted cumulative gain of the top k, averaging over the orders of tied scores.

    A group of tied items could be shown in any order, so each position the group takes
    gets the group's mean relevance (the expected DCG over all tie orders).
    """
    rel, sc = _checked(relevance, scores, k)
    discount = _discounts(rel.size)
    discount[k:] = 0.0
    # Group equal scores, highest first; `group` maps each item to its group.
    unique_desc, group, sizes = np.unique(-sc, return_inverse=True, return_counts=True)
    mean_gain = np.bincount(group, weights=rel, minlength=unique_desc.size) / sizes
    # Discount summed over the ranks each group occupies.
    group_end = np.cumsum(sizes)
    discount_cum = np.r_[0.0, np.cumsum(discount)]
    group_discount = discount_cum[group_end] - discount_cum[group_end - sizes]
    return float(np.sum(mean_gain * group_discount))


def ndcg_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """DCG@k divided by the DCG@k of the ideal order (relevance sorted high to low).

    1 means the top k is ordered as well as possible; 0.0 when nothing is relevant.
    """
    rel, sc = _checked(relevance, scores, k)
    ideal = dcg_at_k(rel, rel, k)
    return dcg_at_k(rel, sc, k) / ideal if ideal > 0 else 0.0


def mean_ndcg_at_k(relevance: ArrayLike, scores: ArrayLike, k: int) -> float:
    """NDCG@k averaged over lists (one row per user), like scikit-learn's ndcg_score."""
    rel = np.atleast_2d(np.asarray(relevance, dtype=np.float64))
    sc = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    if rel.shape != sc.shape:
        raise ValueError(f"relevance and scores differ in shape: {rel.shape}, {sc.shape}")
    return float(np.mean([ndcg_at_k(r, s, k) for r, s in zip(rel, sc, strict=True)]))


@dataclass(frozen=True)
class RecommendationLists:
    """Candidate lists for several users: true relevance (0–3) and the model's scores."""

    relevance: FloatArray  # (users, items)
    scores: FloatArray  # (users, items)

    @property
    def n_users(self) -> int:
        return int(self.relevance.shape[0])

    @property
    def n_items(self) -> int:
        return int(self.relevance.shape[1])


def synthetic_recommendations(
    n_users: int = 8, n_items: int = 30, model_quality: float = 1.0, seed: int = 0
) -> RecommendationLists:
    """Users' candidate videos with graded relevance and noisy model scores.

    Relevance: 0 skipped (about 70%), 1 watched, 2 liked, 3 shared. The score is
    `model_quality` × relevance plus unit Gaussian noise, so 0 is a random ranker and 3 an
    almost perfect one.
    """
    if n_users < 1 or n_items < 1:
        raise ValueError("need at least one user and one item")
    rng = np.random.default_rng(seed)
    relevance = rng.choice(4, size=(n_users, n_items), p=[0.7, 0.15, 0.1, 0.05]).astype(np.float64)
    scores = model_quality * relevance + rng.standard_normal((n_users, n_items))
    relevance.flags.writeable = False
    scores.flags.writeable = False
    return RecommendationLists(relevance=relevance, scores=scores)


@dataclass(frozen=True)
class RankingAtK:
    """One user's metrics at every k = 1..n (index k − 1), and the means over users."""

    ranked_relevance: FloatArray
    precision: FloatArray
    recall: FloatArray
    average_precision: FloatArray
    ndcg: FloatArray
    mean_average_precision: FloatArray
    mean_ndcg: FloatArray


def ranking_metrics(lists: RecommendationLists, user: int) -> RankingAtK:
    """Every metric for every k, for the ranking view's curves (n ≤ a few hundred items).

    The means over users are each user's AP@k and NDCG@k curves averaged, exactly as
    `mean_average_precision_at_k` and `mean_ndcg_at_k` average them; a user's curves are
    kept while that user's list is unchanged, so re-ranking one user's list (the view's
    animation) recomputes one user, not all of them.
    """
    if not 0 <= user < lists.n_users:
        raise ValueError(f"user must be between 0 and {lists.n_users - 1}")
    rel, sc = lists.relevance[user], lists.scores[user]
    ks = range(1, lists.n_items + 1)
    curves = [_user_curves(r, s) for r, s in zip(lists.relevance, lists.scores, strict=True)]
    ap_rows = np.array([c[0] for c in curves])  # (users, k)
    ndcg_rows = np.array([c[1] for c in curves])
    return RankingAtK(
        ranked_relevance=ranked_relevance(rel, sc),
        precision=np.array([precision_at_k(rel, sc, k) for k in ks]),
        recall=np.array([recall_at_k(rel, sc, k) for k in ks]),
        average_precision=ap_rows[user].copy(),
        ndcg=ndcg_rows[user].copy(),
        mean_average_precision=np.array([np.mean(ap_rows[:, i].copy()) for i in range(len(ks))]),
        mean_ndcg=np.array([np.mean(ndcg_rows[:, i].copy()) for i in range(len(ks))]),
    )


_CURVES: dict[tuple[bytes, bytes], tuple[FloatArray, FloatArray]] = {}
_CURVES_KEPT = 4096  # users' curves remembered (a few hundred items each: small)


def _user_curves(relevance: FloatArray, scores: FloatArray) -> tuple[FloatArray, FloatArray]:
    """One user's AP@k and NDCG@k for k = 1..n, remembered by the list's exact contents."""
    rel = np.ascontiguousarray(relevance, dtype=np.float64)
    sc = np.ascontiguousarray(scores, dtype=np.float64)
    key = (rel.tobytes(), sc.tobytes())
    found = _CURVES.get(key)
    if found is None:
        ks = range(1, rel.size + 1)
        found = (
            np.array([average_precision_at_k(rel, sc, k) for k in ks]),
            np.array([ndcg_at_k(rel, sc, k) for k in ks]),
        )
        if len(_CURVES) >= _CURVES_KEPT:
            _CURVES.clear()
        _CURVES[key] = found
    return found
