"""Predict-then-watch prompts come from the visualizer's spec (pure)."""

from __future__ import annotations

import pytest

from app.study.core import predictions
from visualizers.core import registry
from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

SPEC = VisualizerSpec(
    id="toy",
    title="Toy",
    description="",
    questions=(907, 908),
    view="x:Y",
    parameters=(
        Parameter("rate", "Rate", "float", 0.1, minimum=0.0, maximum=3.0),
        Parameter("k", "k", "int", 2, minimum=1, maximum=9),
    ),
    presets=(Preset("fast", "Fast", "η set to 1.5, k left at its default", {"rate": 1.5}),),
    predictions=(
        PredictionPrompt("p7", (907,), "fast", "What happens?", ("a", "b"), 1, "Because.", 9),
        PredictionPrompt("p8", (908,), "fast", "And here?", ("c", "d", "e"), 0, "So.", 3),
    ),
)


@pytest.fixture
def toy_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    real_get, real_all = registry.get, registry.all_specs
    monkeypatch.setattr(registry, "get", lambda vid: SPEC if vid == "toy" else real_get(vid))
    monkeypatch.setattr(registry, "all_specs", lambda: (*real_all(), SPEC))


@pytest.mark.usefixtures("toy_registry")
def test_each_question_gets_the_prompts_written_for_it() -> None:
    [seven] = predictions.prompts_for(907, "toy")
    assert seven.id == "p7" and seven.watch_steps == 9
    # The preset overlays the defaults: every parameter has a value, as the run needs.
    assert dict(seven.values) == {"rate": 1.5, "k": 2}
    assert seven.how_to_check == "η set to 1.5, k left at its default"
    assert [p.id for p in predictions.prompts_for(908, "toy")] == ["p8"]
    assert predictions.prompts_for(909, "toy") == ()  # none written for it: none shown
    assert predictions.find_prompt(908, "toy", "p8") is not None
    assert predictions.find_prompt(908, "toy", "p7") is None


def test_a_question_gets_every_visualizers_prompts_its_own_first() -> None:
    found = predictions.prompts_for(8, "neural_network")
    owners = [p.visualizer for p in found]
    assert owners[0] == "neural_network" and "bias_variance" in owners
    assert owners == sorted(owners, key=lambda owner: owner != "neural_network")
    for spec in registry.all_specs():  # every question a spec lists gets at least two
        for number in spec.questions:
            assert len(predictions.prompts_for(number, spec.id)) >= 2, (spec.id, number)


def test_the_verdict_names_the_right_answer() -> None:
    prompt = predictions.Prompt("x", "toy", "?", ("up", "down"), 1, "Why.")
    assert prompt.verdict(1).startswith("<b>Right:</b> down")
    assert prompt.verdict(0).startswith("<b>Not quite:</b> down")
    with pytest.raises(ValueError):
        predictions.Prompt("y", "toy", "?", ("a",), 3, "")
