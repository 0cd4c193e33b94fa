"""Predict-then-watch prompts for questions with a visualizer (data only, no Qt).

Each prompt asks for a prediction the visualizer can settle, says how to set it up to
check, and explains the answer. A prediction counts as a review: right is Good, wrong is
Again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prediction:
    prompt: str
    choices: tuple[str, ...]
    correct: int  # index into choices
    how_to_check: str
    explanation: str

    def __post_init__(self) -> None:
        if not 0 <= self.correct < len(self.choices):
            raise ValueError(f"correct answer {self.correct} is not among the choices")


PREDICTIONS: dict[str, Prediction] = {
    "gradient_descent": Prediction(
        prompt="Plain gradient descent on the line fit: you raise the learning rate η from "
        "0.1 to 1.5 with unscaled features. What happens to the loss?",
        choices=(
            "It converges faster, in fewer steps",
            "It converges to a worse minimum",
            "It oscillates with growing amplitude and diverges",
        ),
        correct=2,
        how_to_check="Set Learning rate η to 1.5 and press Play (Space).",
        explanation="Once η exceeds 2/L (L the largest curvature of the loss), every step "
        "overshoots the minimum by more than it started from, so the error grows "
        "geometrically. Scaling the features lowers L and widens the stable range.",
    ),
    "kmeans": Prediction(
        prompt="k-means with k = 3 on three well-separated blobs, started from random "
        "points instead of k-means++. Can the centroids settle in the wrong place?",
        choices=(
            "No: k-means always finds the three true blob centres",
            "Yes: two centroids can share one blob while one sits between two blobs",
            "It never settles: the centroids keep moving",
        ),
        correct=1,
        how_to_check="Set Init to random, try a few seeds, and play each run to the end.",
        explanation="Lloyd's algorithm only decreases the within-cluster sum of squares, so "
        "it stops in a local minimum; a bad start can leave a split blob. It always "
        "converges, because the objective can't decrease forever. k-means++ seeding and "
        "several restarts avoid most bad minima.",
    ),
    "matrix_factorization": Prediction(
        prompt="Matrix factorization with many latent factors and no regularization: as "
        "training goes on, what do the train and test errors do?",
        choices=(
            "Both keep falling together",
            "Train error keeps falling while test error turns back up",
            "Both stall at the same value",
        ),
        correct=1,
        how_to_check="Raise Rank, set the regularization to 0, and watch both curves.",
        explanation="With more factors than the observed ratings can pin down, the model "
        "memorises the training entries: the train error keeps dropping while the held-out "
        "error rises. L2 regularization on the factors (λ) or fewer factors fix it.",
    ),
    "pr_threshold": Prediction(
        prompt="You raise the decision threshold of a classifier from 0.3 to 0.8. What "
        "usually happens to precision and recall?",
        choices=(
            "Both go up",
            "Precision goes up, recall goes down",
            "Precision goes down, recall goes up",
        ),
        correct=1,
        how_to_check="Drag the threshold line from left to right and watch both curves.",
        explanation="A higher threshold flags fewer examples: the ones still flagged are "
        "surer (fewer false positives, higher precision) but more true positives are missed "
        "(lower recall). F1 peaks somewhere between, not at either end.",
    ),
    "similarity": Prediction(
        prompt="Vector b points the same way as a but is 10× longer. What is their cosine "
        "similarity?",
        choices=("0.1", "1", "10"),
        correct=1,
        how_to_check="Set the angle between the vectors to 0 and change one length.",
        explanation="Cosine similarity is the dot product of the unit vectors, so it ignores "
        "length: same direction gives 1. Euclidean distance and the raw dot product do "
        "change with length, which is why popular items dominate un-normalised dot products.",
    ),
}


def prediction_for(visualizer_id: str | None) -> Prediction | None:
    return PREDICTIONS.get(visualizer_id or "")


def rating_for(chosen: int, prediction: Prediction) -> int:
    """A right prediction is a Good review, a wrong one is Again."""
    return 3 if chosen == prediction.correct else 1
