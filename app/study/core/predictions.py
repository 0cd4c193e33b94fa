"""Predict-then-watch prompts for a question, and how a prediction is scored (pure, no Qt).

The prompts come from the visualizers' registry entries (`spec.predictions`, each naming a
preset that sets up exactly the scenario asked about, and how many player steps the run
needs before it shows the answer). A question gets the prompts of every visualizer written
for it, its own visualizer's first.

A prediction is its own record (`prediction_log`), never a review: it schedules nothing
and does not mark the question studied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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


def prompts_for(question_number: int, visualizer_id: str | None) -> tuple[Prompt, ...]:
    """The prompts written for this question: its own visualizer's first, then any other
    visualizer whose spec lists prompts for it (question 8 has the playground's and the
    bias–variance prompts)."""
    from visualizers.core import registry  # its spec modules: not needed at start-up

    specs = sorted(registry.all_specs(), key=lambda spec: spec.id != visualizer_id)
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
        for spec in specs
        for p in spec.predictions
        if question_number in p.questions
    )


def find_prompt(question_number: int, visualizer_id: str | None, prompt_id: str) -> Prompt | None:
    return next((p for p in prompts_for(question_number, visualizer_id) if p.id == prompt_id), None)


def calibration(outcomes: list[bool]) -> float | None:
    """The share of predictions that were right (None before the first one)."""
    return sum(outcomes) / len(outcomes) if outcomes else None
