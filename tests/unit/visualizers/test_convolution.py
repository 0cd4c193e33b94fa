"""conv2d against SciPy's correlate2d, output sizes, pooling, receptive fields and costs (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.signal import correlate2d

from visualizers.convolution.algorithm import (
    conv2d,
    conv_output_size,
    layer_costs,
    pool2d,
    receptive_field,
)
from visualizers.convolution.spec import SPEC
from visualizers.convolution.state import ConvolutionState


def scipy_reference(
    image: np.ndarray, kernel: np.ndarray, stride: int, padding: int, dilation: int
) -> np.ndarray:
    padded = np.pad(image, padding)
    k = kernel.shape[0]
    dilated = np.zeros((dilation * (k - 1) + 1,) * 2)
    dilated[::dilation, ::dilation] = kernel
    return correlate2d(padded, dilated, mode="valid")[::stride, ::stride]


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(3, 12),
    k=st.integers(1, 4),
    stride=st.integers(1, 3),
    padding=st.integers(0, 3),
    dilation=st.integers(1, 3),
    seed=st.integers(0, 10_000),
)
def test_conv2d_equals_scipy_on_the_padded_image_with_the_dilated_kernel(
    size: int, k: int, stride: int, padding: int, dilation: int, seed: int
) -> None:
    if size + 2 * padding < dilation * (k - 1) + 1:
        with pytest.raises(ValueError, match="wider than the padded input"):
            conv2d(np.zeros((size, size)), np.ones((k, k)), stride, padding, dilation)
        return
    rng = np.random.default_rng(seed)
    image = rng.normal(size=(size, size))
    kernel = rng.normal(size=(k, k))
    ours = conv2d(image, kernel, stride, padding, dilation)
    expected = scipy_reference(image, kernel, stride, padding, dilation)
    assert ours.shape == expected.shape
    assert ours.shape[0] == conv_output_size(size, k, stride, padding, dilation)
    np.testing.assert_allclose(ours, expected, atol=1e-10)


def test_conv2d_does_not_flip_the_kernel() -> None:
    image = np.zeros((3, 3))
    image[1, 2] = 1.0  # one bright pixel right of centre
    kernel = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    assert conv2d(image, kernel)[0, 0] == 1.0  # cross-correlation: no flip


def test_output_size_formula_examples() -> None:
    assert conv_output_size(16, 3) == 14
    assert conv_output_size(16, 3, stride=2) == 7
    assert conv_output_size(16, 3, padding=1) == 16
    assert conv_output_size(16, 3, dilation=2) == 12
    assert conv_output_size(224, 7, stride=2, padding=3) == 112  # ResNet's stem


def test_pooling_matches_a_reshape() -> None:
    x = np.random.default_rng(0).normal(size=(6, 8))
    blocks = x.reshape(3, 2, 4, 2)
    np.testing.assert_array_equal(pool2d(x, 2, 2, "max"), blocks.max(axis=(1, 3)))
    np.testing.assert_allclose(pool2d(x, 2, 2, "average"), blocks.mean(axis=(1, 3)))


@pytest.mark.parametrize(
    ("k", "stride", "dilation", "depth"), [(3, 1, 1, 3), (3, 2, 1, 3), (3, 1, 2, 2), (5, 2, 1, 2)]
)
def test_receptive_field_equals_the_pixels_that_move_one_output(
    k: int, stride: int, dilation: int, depth: int
) -> None:
    size = 40
    kernel = np.ones((k, k))

    def stack(image: np.ndarray) -> np.ndarray:
        for _ in range(depth):
            image = conv2d(image, kernel, stride, 0, dilation)
        return image

    base = stack(np.zeros((size, size)))
    touched = np.zeros(size, dtype=bool)
    for column in range(size):  # brute force: which input columns change output (0, 0)?
        probe = np.zeros((size, size))
        probe[0:size, column] = 1.0
        touched[column] = stack(probe)[0, 0] != base[0, 0]
    span = np.flatnonzero(touched)
    expected_field, _ = receptive_field([(k, stride, dilation)] * depth)[-1]
    assert span[-1] - span[0] + 1 == expected_field


def test_layer_costs_match_hand_counts() -> None:
    conv, dense, rnn = layer_costs(16, 16, 1, 8, 3)
    assert conv.parameters == 3 * 3 * 8 + 8
    assert conv.multiply_adds == 14 * 14 * 72
    assert dense.parameters == 256 * 14 * 14 * 8 + 14 * 14 * 8
    hidden = 14 * 8
    assert rnn.parameters == hidden * 16 + hidden * hidden + hidden
    assert rnn.multiply_adds == 16 * (hidden * 16 + hidden * hidden)


def test_the_stepper_runs_the_same_loop_as_conv2d() -> None:
    values = SPEC.preset_values("dilation")
    state = ConvolutionState(values, seed=0)
    stepper = state.stepper()
    frame = stepper.first()
    while not frame.finished:
        frame = stepper.advance(frame)
    expected = conv2d(state.image, state.kernel, state.stride, state.padding, state.dilation)
    np.testing.assert_array_equal(frame.output, expected)
    assert frame.step == expected.size


def test_pooling_runs_on_the_finished_map_and_is_narrated() -> None:
    state = ConvolutionState(SPEC.preset_values("pooling"), seed=0)
    stepper = state.stepper()
    frame = stepper.first()
    while not frame.finished:
        assert frame.pooled is None
        frame = stepper.advance(frame)
    assert frame.pooled is not None
    np.testing.assert_array_equal(frame.pooled, pool2d(frame.output, 2, 2, "max"))
    assert "16×16 → 8×8" in frame.explanation


def test_explanation_shows_the_multiply_adds_of_the_current_position() -> None:
    state = ConvolutionState(SPEC.defaults(), seed=0)
    stepper = state.stepper()
    frame = stepper.advance(stepper.first())
    position = frame.position
    assert position is not None
    assert f"{position.value:.3f}" in frame.explanation
    assert "Output (0, 0)" in frame.explanation
    assert "= <b>14</b>" in frame.explanation  # ⌊(16 − 3) / 1⌋ + 1


def test_drawing_toggles_one_pixel_and_ignores_clicks_outside() -> None:
    drawing = np.zeros((6, 6))
    once = ConvolutionState.toggle_pixel(drawing, 2, 3)
    assert once[2, 3] == 1.0 and once.sum() == 1.0 and drawing.sum() == 0.0
    assert ConvolutionState.toggle_pixel(once, 2, 3).sum() == 0.0
    np.testing.assert_array_equal(ConvolutionState.toggle_pixel(once, -1, 9), once)
    values = SPEC.resolve({"image": "hand-drawn", "size": 6})
    assert ConvolutionState(values, 0, once).image[2, 3] == 1.0


def test_a_kernel_wider_than_the_image_is_a_message() -> None:
    values = SPEC.resolve({"size": 6, "kernel": "Gaussian blur 5×5", "dilation": 3})
    with pytest.raises(ValueError, match="wider than the padded input"):
        ConvolutionState(values, seed=0)
