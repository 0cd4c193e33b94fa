"""Recommendations from a learned factorization, and the cold-start fallbacks (pure, no Qt).

Used by the view's "pick a user" and "cold start" panels (questions 12 and 13):
top-N unseen items with a "why" (the user's liked items nearest in factor space), folding a
new user into a trained model without retraining, and the two baselines a product falls
back on when the model knows nothing about someone: popularity and content (genre).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from visualizers.matrix_factorization.algorithm import Factorization

# Pseudo-count pulling an item's mean rating toward the global mean, so one 5-star rating
# doesn't make an unknown video the most "popular" one.
POPULARITY_PRIOR = 5.0
_RIDGE_FLOOR = 1e-9


@dataclass(frozen=True)
class Recommendation:
    """One recommended item, its predicted rating and the items that explain it."""

    item: int
    predicted: float
    because: tuple[int, ...]


def top_unseen(scores: NDArray[np.float64], seen: NDArray[np.bool_], n: int) -> NDArray[np.intp]:
    """Indices of the n highest scores among unseen items, best first (ties by index)."""
    candidates = np.flatnonzero(~seen)
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order[:n]]


def cosine_to(factors: NDArray[np.float64], item: int) -> NDArray[np.float64]:
    """Cosine similarity of every item's factor vector to `item`'s (0 for zero vectors)."""
    norms = np.linalg.norm(factors, axis=1)
    target = factors[item]
    denominator = norms * norms[item]
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = np.where(
            denominator > 0, factors @ target / np.where(denominator > 0, denominator, 1.0), 0.0
        )
    return np.clip(cosine, -1.0, 1.0)


def predicted_row(model: Factorization, user: int) -> NDArray[np.float64]:
    """One user's predicted rating of every item (without building the whole matrix)."""
    return model.global_mean + model.user_bias[user] + model.item_bias + model.Q @ model.P[user]


def recommend_for_user(
    model: Factorization,
    user: int,
    seen: NDArray[np.bool_],
    known_ratings: NDArray[np.float64],
    n: int = 5,
    reasons: int = 2,
) -> tuple[Recommendation, ...]:
    """Top-n unseen items for `user`; each explained by the liked seen items nearest to it.

    "Liked" means rated at or above the user's own mean, so a harsh rater still has favourites.
    """
    scores = predicted_row(model, user)
    picks = top_unseen(scores, seen, n)
    seen_items = np.flatnonzero(seen)
    liked = (
        seen_items[known_ratings[seen_items] >= known_ratings[seen_items].mean()]
        if seen_items.size
        else seen_items
    )
    result = []
    for item in picks:
        because: tuple[int, ...] = ()
        if liked.size:
            similarity = cosine_to(model.Q, int(item))[liked]
            because = tuple(int(x) for x in liked[np.argsort(-similarity, kind="stable")[:reasons]])
        result.append(Recommendation(int(item), float(scores[item]), because))
    return tuple(result)


def fold_in_user(
    model: Factorization,
    items: NDArray[np.int64],
    ratings: NDArray[np.float64],
    reg: float,
    biases: bool = True,
) -> tuple[NDArray[np.float64], float]:
    """Factors (p, b) for a new user from a few ratings, with the item side held fixed.

    One ALS half-step: a ridge regression of the ratings on the rated items' factors, with
    the same λ·n penalty as training. With no ratings the answer is p = 0, b = 0, so the
    model can only rank videos by μ + b_i: it says nothing personal about this user.
    """
    rank = model.rank
    if items.size == 0:
        return np.zeros(rank), 0.0
    features = model.Q[items]
    if biases:
        features = np.column_stack([features, np.ones(items.size)])
    targets = ratings - model.global_mean - model.item_bias[items]
    dim = features.shape[1]
    gram = features.T @ features + (reg * items.size + _RIDGE_FLOOR) * np.eye(dim)
    solution = np.linalg.solve(gram, features.T @ targets)
    if biases:
        return solution[:rank], float(solution[rank])
    return solution, 0.0


def popularity_scores(
    ratings: NDArray[np.float64], observed: NDArray[np.bool_], prior: float = POPULARITY_PRIOR
) -> NDArray[np.float64]:
    """Each item's mean rating, shrunk toward the global mean by `prior` pseudo-ratings."""
    values = np.where(observed, ratings, 0.0)
    counts = observed.sum(axis=0)
    global_mean = values.sum() / max(1, observed.sum())
    return (values.sum(axis=0) + prior * global_mean) / (counts + prior)


def genre_scores(
    popularity: NDArray[np.float64], item_genre: NDArray[np.int64], genre: int
) -> NDArray[np.float64]:
    """Content-based cold start: videos of the chosen genre first, by popularity within it."""
    return np.where(item_genre == genre, popularity + 10.0, popularity)
