"""Predict-then-watch prompts for a question, and how a prediction is scored (pure, no Qt).

The prompts come from the visualizer's registry entry (`spec.predictions`, each naming a
preset that sets up exactly the scenario asked about, and how many player steps the run
needs before it shows the answer). Until a visualizer declares its own prompts, the
legacy table below stands in, with the parameter values its scenario needs.

A prediction is its own record (`prediction_log`), never a review: it schedules nothing
and does not mark the question studied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from visualizers.core import registry

ParamValue = int | float | str | bool


@dataclass(frozen=True)
class Prompt:
    """One prompt as the study pane shows it, with the parameters its run needs."""

    id: str
    visualizer: str
    prompt: str
    choices: tuple[str, ...]
    correct: int  # index into choices
    explanation: str
    values: Mapping[str, ParamValue] = field(default_factory=dict)
    watch_steps: int = 1
    how_to_check: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.correct < len(self.choices):
            raise ValueError(f"prompt {self.id!r}: correct answer {self.correct} is not a choice")

    def verdict(self, chosen: int) -> str:
        """The text shown once the run has shown the answer."""
        right = "Right" if chosen == self.correct else "Not quite"
        return f"<b>{right}:</b> {self.choices[self.correct]}. {self.explanation}"


@dataclass(frozen=True)
class Prediction:
    """A legacy prompt (before specs declared their own)."""

    prompt: str
    choices: tuple[str, ...]
    correct: int
    how_to_check: str
    explanation: str
    values: Mapping[str, ParamValue] = field(default_factory=dict)
    watch_steps: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.correct < len(self.choices):
            raise ValueError(f"correct answer {self.correct} is not among the choices")


_LEGACY: dict[str, Prediction] = {
    "gradient_descent": Prediction(
        prompt="Plain gradient descent on the line fit: you raise the learning rate η from "
        "0.1 to 1.5 with unscaled features. What happens to the loss?",
        choices=(
            "It converges faster, in fewer steps",
            "It converges to a worse minimum",
            "It oscillates with growing amplitude and diverges",
        ),
        correct=2,
        how_to_check="The visualizer opens with η = 1.5; press Play (Space) and watch the loss.",
        values={"learning_rate": 1.5, "optimizer": "plain"},
        watch_steps=6,
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
        how_to_check="The visualizer opens with random initialisation; play the run to the end, "
        "then try a few seeds.",
        values={"k": 3, "init": "random"},
        watch_steps=6,
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
        how_to_check="The visualizer opens with rank 30 and λ = 0; play and watch both curves.",
        values={"rank": 30, "reg": 0.0},
        watch_steps=20,
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


def prompts_for(question_number: int, visualizer_id: str | None) -> tuple[Prompt, ...]:
    """The prompts written for this question (the spec's own; else the legacy stand-in)."""
    if not visualizer_id:
        return ()
    spec = registry.get(visualizer_id)
    if spec is not None and spec.predictions:
        return tuple(
            Prompt(
                id=p.id,
                visualizer=spec.id,
                prompt=p.prompt,
                choices=p.choices,
                correct=p.correct,
                explanation=p.explanation,
                values=spec.preset_values(p.preset),
                watch_steps=max(1, p.watch_steps),
                how_to_check=spec.preset(p.preset).description,
            )
            for p in spec.predictions
            if question_number in p.questions
        )
    legacy = _LEGACY.get(visualizer_id)
    if legacy is None:
        return ()
    values = spec.resolve(legacy.values) if spec is not None else dict(legacy.values)
    return (
        Prompt(
            id=f"legacy-{visualizer_id}",
            visualizer=visualizer_id,
            prompt=legacy.prompt,
            choices=legacy.choices,
            correct=legacy.correct,
            explanation=legacy.explanation,
            values=values,
            watch_steps=legacy.watch_steps,
            how_to_check=legacy.how_to_check,
        ),
    )


def find_prompt(question_number: int, visualizer_id: str, prompt_id: str) -> Prompt | None:
    return next((p for p in prompts_for(question_number, visualizer_id) if p.id == prompt_id), None)


def calibration(outcomes: list[bool]) -> float | None:
    """The share of predictions that were right (None before the first one)."""
    return sum(outcomes) / len(outcomes) if outcomes else None
