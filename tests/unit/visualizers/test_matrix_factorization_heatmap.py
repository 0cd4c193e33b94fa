"""The heatmaps' fast paths draw what the plain definition draws.

`PredictionImage` colours μ + b_u + b_i + P Qᵀ without building that matrix, and
`cells_rgba` colours a few cells on a blank image; the oracle for both is `to_rgba` of
the matrix written out with NumPy (the prediction as the formula, NaN where no cell).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.typing import NDArray

from visualizers.matrix_factorization.heatmap import PredictionImage, cells_rgba, to_rgba

LUT = np.arange(256, dtype=np.uint32) | np.uint32(0xFF000000)  # red channel = colour index


Factors = tuple[
    float, NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]
]


def _factors(users: int, items: int, rank: int, seed: int) -> Factors:
    rng = np.random.default_rng(seed)
    return (
        3.4,
        rng.normal(0, 0.5, users),
        rng.normal(0, 0.5, items),
        rng.normal(0, 0.8, (users, rank)),
        rng.normal(0, 0.8, (items, rank)),
    )


@pytest.mark.parametrize(("users", "items", "rank", "seed"), [(40, 30, 2, 0), (7, 90, 5, 1)])
def test_prediction_image_matches_the_formula(users: int, items: int, rank: int, seed: int) -> None:
    mean, user_bias, item_bias, P, Q = _factors(users, items, rank, seed)
    matrix = mean + user_bias[:, None] + item_bias[None, :] + P @ Q.T
    expected = to_rgba(matrix, 1.0, 5.0, LUT)
    image = PredictionImage(1.0, 5.0, LUT)
    got = image.render(mean, user_bias, item_bias, P, Q)
    assert got.shape == expected.shape == (items, users, 4)
    index, want = got[..., 0].astype(int), expected[..., 0].astype(int)
    # float32 rounding may move a value across a colour step's edge, never further
    assert np.abs(index - want).max() <= 1 and (index == want).mean() > 0.99
    assert (got[..., 3] == 255).all()
    again = image.render(mean, user_bias, item_bias, P, Q)  # the buffers are reused
    assert np.array_equal(again, got)
    smaller = image.render(mean, user_bias[:3], item_bias[:4], P[:3], Q[:4])
    assert smaller.shape == (4, 3, 4)


def test_prediction_image_of_a_diverged_run_saturates_without_warnings() -> None:
    P = np.array([[1e30, 0.0], [np.nan, 0.0], [-1e30, 0.0]])
    Q = np.array([[1e30, 0.0], [1.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = PredictionImage(1.0, 5.0, LUT).render(3.0, np.zeros(3), np.zeros(2), P, Q)
    assert got[0, 0, 0] == 255 and got[0, 0, 3] == 255  # +overflow → top colour
    assert got[0, 2, 0] == 0 and got[0, 2, 3] == 255  # −overflow → bottom colour
    assert got[0, 1, 3] == 0 and got[1, 1, 3] == 0  # NaN stays blank


def test_cells_image_matches_a_nan_matrix() -> None:
    rng = np.random.default_rng(3)
    users, items = 25, 40
    mask = rng.random((users, items)) < 0.1
    values = rng.normal(0, 1.5, (users, items))
    values[0, 0], mask[0, 0] = np.nan, True  # a NaN cell stays blank too
    expected = to_rgba(np.where(mask, values, np.nan), -2.0, 2.0, LUT)
    rows, cols = np.nonzero(mask)
    got = cells_rgba((users, items), rows, cols, values[rows, cols], -2.0, 2.0, LUT)
    assert np.array_equal(got, expected)
