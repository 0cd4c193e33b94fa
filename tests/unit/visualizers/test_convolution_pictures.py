"""The convolution visualizer's inputs: procedural images, the Gabor kernel, pooling defaults, costs.

What the narration says about them is checked on the pixels: the square, disc and diagonal
of "shapes" where they are drawn, the "7" of "digit", the cells of the checkerboard; the
Gabor kernel is a zero-mean stripe detector of the given angle and wavelength under a
Gaussian envelope of width size / 3. No Qt.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from visualizers.convolution.algorithm import (
    IMAGES,
    KERNELS,
    conv2d,
    conv_output_size,
    conv_positions,
    gabor_kernel,
    layer_costs,
    pool2d,
    sample_image,
)

SIZE = 101  # pixel i sits at coordinate i / 100


def pixel(image: np.ndarray, x: float, y: float) -> float:
    return float(image[round(y * (SIZE - 1)), round(x * (SIZE - 1))])


@pytest.mark.parametrize("name", IMAGES)
@pytest.mark.parametrize("size", [4, 16, 33])
def test_every_image_is_a_square_of_grey_levels(name: str, size: int) -> None:
    image = sample_image(name, size)
    assert image.shape == (size, size)
    assert image.dtype == np.float64
    assert image.min() >= 0.0 and image.max() <= 1.0


def test_unknown_image_names_the_choices() -> None:
    with pytest.raises(ValueError, match="choose one of"):
        sample_image("cat", 16)


def test_shapes_draws_a_square_a_disc_and_a_diagonal_where_the_lesson_says() -> None:
    image = sample_image("shapes", SIZE)
    assert pixel(image, 0.30, 0.30) == 1.0  # the square, centred at (0.3, 0.3)
    assert pixel(image, 0.14, 0.30) == 1.0 and pixel(image, 0.46, 0.46) == 1.0
    assert pixel(image, 0.12, 0.30) == 0.0 and pixel(image, 0.30, 0.48) == 0.0  # half-width 0.17
    assert pixel(image, 0.68, 0.66) == 0.7  # the disc, dimmer
    assert pixel(image, 0.86, 0.66) == 0.7 and pixel(image, 0.68, 0.48) == 0.7  # radius 0.2
    assert pixel(image, 0.90, 0.66) == 0.0 and pixel(image, 0.68, 0.90) == 0.0
    assert pixel(image, 0.90, 0.10) == 0.45  # the anti-diagonal x = 1 − y, dimmest
    assert pixel(image, 0.10, 0.87) == 0.45 and pixel(image, 0.10, 0.80) == 0.0
    assert pixel(image, 0.10, 0.50) == 0.0  # background
    assert set(np.unique(image)) == {0.0, 0.45, 0.7, 1.0}  # the three shapes don't overlap


def test_digit_is_a_seven_a_top_bar_and_a_slanted_stroke() -> None:
    image = sample_image("digit", SIZE)
    assert set(np.unique(image)) == {0.0, 1.0}
    assert pixel(image, 0.50, 0.20) == 1.0 and pixel(image, 0.50, 0.26) == 1.0  # the bar
    assert pixel(image, 0.50, 0.28) == 0.0 and pixel(image, 0.15, 0.20) == 0.0
    # The stroke runs from (0.8, 0.2) down-left to about (0.35, 0.9).
    assert pixel(image, 0.575, 0.55) == 1.0 and pixel(image, 0.40, 0.85) == 1.0
    assert pixel(image, 0.70, 0.55) == 0.0 and pixel(image, 0.40, 0.95) == 0.0
    assert pixel(image, 0.20, 0.60) == 0.0


@pytest.mark.parametrize(("size", "cells"), [(4, 2), (7, 2), (16, 4), (40, 10)])
def test_checkerboard_alternates_in_size_over_four_cells(size: int, cells: int) -> None:
    image = sample_image("checkerboard", size)
    assert set(np.unique(image)) == {0.0, 1.0}
    assert image[0, 0] == 0.0 and image[-1, -1] == (0.0 if cells % 2 == 0 else 1.0)
    row_changes = int(np.count_nonzero(np.diff(image[0])))
    column_changes = int(np.count_nonzero(np.diff(image[:, 0])))
    assert row_changes == column_changes == cells - 1
    assert np.array_equal(image, image.T)  # cells are square


def test_hand_drawn_starts_blank() -> None:
    assert not sample_image("hand-drawn", 16).any()


@pytest.mark.parametrize("size", [3, 5, 9])
def test_gabor_kernel_is_a_zero_mean_point_symmetric_square(size: int) -> None:
    kernel = gabor_kernel(size, 30.0, 4.0)
    assert kernel.shape == (size, size)
    assert abs(kernel.mean()) < 1e-12  # flat regions give 0
    np.testing.assert_allclose(kernel, kernel[::-1, ::-1], atol=1e-12)


def test_gabor_envelope_is_gaussian_with_width_a_third_of_the_size() -> None:
    size = 9
    kernel = gabor_kernel(size, 0.0, 4.0)  # stripes along x: the centre column has cos = 1
    centre = size // 2
    sigma = size / 3.0
    for d in range(1, centre + 1):
        # The mean cancels in the difference: envelope(0, d) − envelope(0, 0).
        expected = math.exp(-(d**2) / (2 * sigma**2)) - 1.0
        assert kernel[centre + d, centre] - kernel[centre, centre] == pytest.approx(expected)


@pytest.mark.parametrize("angle", [0.0, 30.0, 45.0, 100.0])
def test_gabor_kernel_answers_most_to_stripes_of_its_angle_and_wavelength(angle: float) -> None:
    size, wavelength = 21, 5.0
    kernel = gabor_kernel(size, angle, wavelength)
    half = size // 2
    y, x = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float64)

    def response(degrees: float, period: float) -> float:
        theta = math.radians(degrees)
        wave = np.cos(2 * np.pi * (x * math.cos(theta) + y * math.sin(theta)) / period)
        return float((kernel * wave).sum())

    best = response(angle, wavelength)
    assert best > 1.0
    for other in (angle + 45.0, angle + 90.0, angle - 30.0):
        assert response(other, wavelength) < 0.6 * best
    for period in (wavelength / 2, wavelength * 2):
        assert response(angle, period) < 0.6 * best


def test_the_offered_learned_like_kernel_is_the_default_gabor() -> None:
    np.testing.assert_array_equal(KERNELS["learned-like (Gabor 45°)"], gabor_kernel(5, 45.0, 4.0))


def test_pool2d_defaults_to_two_by_two_max_with_stride_equal_to_size() -> None:
    x = np.arange(36, dtype=np.float64).reshape(6, 6)
    np.testing.assert_array_equal(pool2d(x), x.reshape(3, 2, 3, 2).max(axis=(1, 3)))
    np.testing.assert_array_equal(pool2d(x, 3), x.reshape(2, 3, 2, 3).max(axis=(1, 3)))
    np.testing.assert_array_equal(
        pool2d(x, 2, 1), [[x[i : i + 2, j : j + 2].max() for j in range(5)] for i in range(5)]
    )


def test_pool2d_refuses_an_unknown_mode_by_name() -> None:
    with pytest.raises(ValueError, match="pooling is 'max' or 'average'"):
        pool2d(np.zeros((4, 4)), mode="median")


def test_layer_costs_with_several_input_channels() -> None:
    # A 10×12 RGB image, 4 output channels, 3×3 kernel, stride 1, no padding: 8×10 outputs.
    conv, dense, rnn = layer_costs(10, 12, 3, 4, 3)
    assert (conv.name, dense.name, rnn.name) == ("convolution", "dense", "RNN over rows")
    weights = 3 * 3 * 3 * 4  # 108, shared by every position
    assert conv.parameters == weights + 4
    assert conv.multiply_adds == 8 * 10 * weights
    inputs, outputs = 10 * 12 * 3, 8 * 10 * 4  # 360 and 320
    assert dense.parameters == inputs * outputs + outputs
    assert dense.multiply_adds == inputs * outputs
    step_in, hidden = 12 * 3, 10 * 4  # one row of pixels in, one row of outputs as state
    assert rnn.parameters == hidden * step_in + hidden * hidden + hidden
    assert rnn.multiply_adds == 10 * (hidden * step_in + hidden * hidden)


@pytest.mark.parametrize("arguments", [(0, 3), (5, 0), (5, 3, 0), (5, 3, 1, -1), (5, 3, 1, 0, 0)])
def test_output_size_refuses_each_impossible_setting(arguments: tuple[int, ...]) -> None:
    with pytest.raises(
        ValueError, match=r"^sizes, stride and dilation must be ≥ 1 and padding ≥ 0$"
    ):
        conv_output_size(*arguments)


def test_a_kernel_too_wide_names_both_widths() -> None:
    message = (
        "the dilated kernel (9 pixels) is wider than the padded input (8 pixels): "
        "lower the dilation or add padding"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        conv_output_size(4, 5, padding=2, dilation=2)
    assert conv_output_size(5, 5, padding=2, dilation=2) == 1  # 9 of 9: exactly one position


def test_rectangular_images_and_kernels_keep_their_axes() -> None:
    rng = np.random.default_rng(8)
    image, kernel = rng.normal(size=(7, 11)), rng.normal(size=(2, 4))
    out = conv2d(image, kernel)
    assert out.shape == (6, 8)
    assert out[2, 5] == pytest.approx(float((image[2:4, 5:9] * kernel).sum()))
    positions = list(conv_positions(image, kernel))  # defaults: stride 1, no padding, dilation 1
    assert [(p.row, p.col) for p in positions[:3]] == [(0, 0), (0, 1), (0, 2)]
    last = positions[-1]
    assert (last.row, last.col) == (5, 7)
    np.testing.assert_array_equal(last.rows, [5, 6])
    np.testing.assert_array_equal(last.cols, [7, 8, 9, 10])
    np.testing.assert_array_equal(last.products, last.patch * kernel)
    assert last.value == pytest.approx(float(last.products.sum()))
    with pytest.raises(ValueError, match=r"^conv2d takes a 2-D image and a 2-D kernel$"):
        next(conv_positions(np.ones(5), kernel))
    with pytest.raises(ValueError, match=r"^conv2d takes a 2-D image and a 2-D kernel$"):
        next(conv_positions(image, np.ones(3)))
