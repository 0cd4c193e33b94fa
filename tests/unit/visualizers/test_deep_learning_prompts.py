"""Each deep-learning prompt's answer is what its preset's run shows (no Qt).

The runs are built through the state modules, as the views build them, and each claim is
checked by an independent count or formula, so a prompt that stopped being true fails.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from visualizers.attention.spec import SPEC as ATTENTION
from visualizers.attention.state import HEAD_NAMES, AttentionState
from visualizers.convolution.spec import SPEC as CONVOLUTION
from visualizers.convolution.state import ConvolutionState
from visualizers.core.registry import PredictionPrompt, VisualizerSpec
from visualizers.neural_network.spec import SPEC as NETWORK
from visualizers.neural_network.state import NetworkFrame, PlaygroundState


def prompt(spec: VisualizerSpec, prompt_id: str) -> PredictionPrompt:
    return next(p for p in spec.predictions if p.id == prompt_id)


def network_frame(prompt_id: str, seed: int = 0) -> NetworkFrame:
    p = prompt(NETWORK, prompt_id)
    state = PlaygroundState(NETWORK.preset_values(p.preset), seed)
    stepper = state.stepper()
    frame = stepper.first()
    while not frame.finished and frame.step < p.watch_steps:
        frame = stepper.advance(frame)
    return frame


@pytest.mark.parametrize("spec", [NETWORK, CONVOLUTION, ATTENTION], ids=lambda s: s.id)
def test_every_question_has_two_or_three_prompts(spec: VisualizerSpec) -> None:
    counts = Counter(n for p in spec.predictions for n in p.questions)
    assert all(2 <= counts[n] <= 3 for n in spec.questions), counts


def test_xor_with_one_hidden_unit_stays_near_three_quarters() -> None:
    accuracies = [network_frame("nn_xor_one_neuron", seed).train_accuracy for seed in range(3)]
    assert max(accuracies) <= 0.8 and min(accuracies) >= 0.55


def test_deep_sigmoid_learns_slower_than_the_default_tanh() -> None:
    slow = network_frame("nn_sigmoid_deep")
    p = prompt(NETWORK, "nn_sigmoid_deep")
    state = PlaygroundState(NETWORK.defaults(), 0)
    stepper = state.stepper()
    fast = stepper.first()
    while fast.step < p.watch_steps and not fast.finished:
        fast = stepper.advance(fast)
    assert slow.train_loss > 5 * fast.train_loss


def test_huge_learning_rate_with_relu_stalls_or_blows_up() -> None:
    frame = network_frame("nn_big_learning_rate")
    assert frame.error is not None or frame.train_accuracy < 0.75


def test_the_overfitting_prompt_shows_validation_loss_turning_up() -> None:
    frame = network_frame("nn_overfit_gap")
    assert frame.val_loss > 1.2 * float(frame.loss_history[:, 1].min())


def test_early_stopping_stops_about_patience_epochs_after_the_best() -> None:
    frame = network_frame("nn_early_stopping")
    patience = NETWORK.preset_values("early_stopping")["patience"]
    assert frame.stopped_early and frame.epoch - frame.best_epoch == patience


def test_stride_two_gives_a_seven_by_seven_map() -> None:
    p = prompt(CONVOLUTION, "conv_stride_two")
    state = ConvolutionState(CONVOLUTION.preset_values(p.preset), 0)
    assert p.choices[p.correct] == "×".join([str(state.output_shape[0])] * 2)
    assert p.watch_steps == state.output_shape[0] * state.output_shape[1]


def test_dilated_stack_has_a_seventeen_pixel_field() -> None:
    p = prompt(CONVOLUTION, "conv_dilation_field")
    state = ConvolutionState(CONVOLUTION.preset_values(p.preset), 0)
    field, _ = state.receptive_fields()[-1]
    assert p.choices[p.correct] == f"{field} pixels"


def test_dense_layer_needs_thousands_of_times_more_parameters() -> None:
    from visualizers.convolution.algorithm import layer_costs

    conv, dense, _ = layer_costs(16, 16, 1, 8, 3)
    assert dense.parameters / conv.parameters > 1000


def attention(prompt_id: str) -> AttentionState:
    p = prompt(ATTENTION, prompt_id)
    return AttentionState(ATTENTION.preset_values(p.preset), 0)


def test_causal_first_token_gives_the_second_exactly_zero() -> None:
    state = attention("attn_causal_zero")
    assert np.all(state.weights[:, 0, 1] == 0.0)


def test_shuffling_without_positions_only_shuffles_the_outputs() -> None:
    shuffled = attention("attn_no_positions")
    plain = AttentionState(ATTENTION.preset_values("no_positions"), 0)
    np.testing.assert_allclose(shuffled.output, plain.output[shuffled.order], atol=1e-12)


def test_unscaled_rows_are_nearly_one_hot_for_the_position_head() -> None:
    state = attention("attn_unscaled")
    head = HEAD_NAMES.index("previous token")
    assert state.weights[head, 1:].max(axis=1).min() > 0.6


def test_after_a_shuffle_the_previous_token_head_still_looks_one_slot_back() -> None:
    state = attention("attn_shuffled_positions")
    head = HEAD_NAMES.index("previous token")
    assert list(state.weights[head, 1:].argmax(axis=1)) == list(range(len(state.tokens) - 1))


def test_gpt_last_token_sees_everything_first_sees_itself() -> None:
    state = attention("attn_gpt_last_token")
    n = len(state.tokens)
    allowed = (state.weights > 0).sum(axis=2)
    assert np.all(allowed[:, -1] == n) and np.all(allowed[:, 0] == 1)
    assert prompt(ATTENTION, "attn_gpt_last_token").choices[0] == f"{n} and 1"
