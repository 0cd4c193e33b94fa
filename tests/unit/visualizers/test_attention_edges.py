"""Attention at its edges: overflow, integer inputs, integer masks, batched heads, exact messages.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/attention/algorithm.py`):
each test pins a behaviour the first tests left open. No Qt.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from visualizers.attention.algorithm import (
    multi_head_attention,
    scaled_dot_product_attention,
    shift_operator,
    sinusoidal_positions,
)


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


def test_messages_are_whole_sentences() -> None:
    with pytest.raises(ValueError, match=r"\(Q and K share d; K and V share the number of keys\)$"):
        scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 1)))
    with pytest.raises(
        ValueError, match=exactly("a query has no key it may attend to: its mask row is all False")
    ):
        scaled_dot_product_attention(
            np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 1)), [[True, False], [False, False]]
        )
    with pytest.raises(
        ValueError, match=exactly("the encoding dimension must be even (sine and cosine pairs)")
    ):
        sinusoidal_positions(4, 5)


@pytest.mark.parametrize(
    ("Q", "K"),
    [
        ([[1e200, 1e200]], [[1e200, 1e200]]),  # the product overflows to inf
        ([[1e200, 1e200]], [[1e200, -1e200]]),  # inf − inf: not a number
    ],
)
def test_overflowing_scores_are_a_message_not_a_numpy_warning(
    Q: list[list[float]], K: list[list[float]]
) -> None:
    # pytest turns warnings into errors here, so a RuntimeWarning from NumPy would fail this.
    with pytest.raises(
        ValueError,
        match=exactly("Q or K is too large: the scores overflowed (scale the inputs down)"),
    ):
        scaled_dot_product_attention(Q, K, [[1.0]])


def test_a_masked_key_may_overflow_even_with_a_zero_one_integer_mask() -> None:
    Q = [[1.0, 1.0], [1.0, 1.0]]
    K = [[1.0, 0.0], [1e200, 1e200]]  # key 1's scores overflow, but nobody may look at it
    V = [[2.0], [5.0]]
    for mask in ([[1, 0], [1, 0]], np.array([[True, False], [True, False]])):
        out, weights = scaled_dot_product_attention(Q, K, V, mask)
        np.testing.assert_array_equal(weights, [[1.0, 0.0], [1.0, 0.0]])
        np.testing.assert_array_equal(out, [[2.0], [2.0]])


def test_integer_inputs_are_computed_in_floating_point() -> None:
    # 3e9 × 3e9 × 2 is past the int64 range: integer arithmetic would wrap around.
    Q = [[3_000_000_000, 3_000_000_000], [1, 0]]
    K = [[3_000_000_000, 3_000_000_000], [0, 1]]
    V = [[1.0], [0.0]]
    expected = scaled_dot_product_attention(np.array(Q, dtype=float), np.array(K, dtype=float), V)
    for got, want in zip(scaled_dot_product_attention(Q, K, V), expected, strict=True):
        np.testing.assert_array_equal(got, want)
    assert expected[1][0, 0] == 1.0  # the huge positive score wins outright


def test_multi_head_attention_concatenates_features_of_a_batch() -> None:
    rng = np.random.default_rng(5)
    X = rng.normal(size=(3, 4, 6))  # a batch of three sequences of four tokens
    heads = [tuple(rng.normal(size=(6, 2)) for _ in range(3)) for _ in range(2)]
    W_out = rng.normal(size=(4, 6))
    out, weights = multi_head_attention(X, heads, W_out)  # type: ignore[arg-type]
    assert out.shape == (3, 4, 6) and weights.shape == (2, 3, 4, 4)
    for b in range(3):
        alone, _ = multi_head_attention(X[b], heads, W_out)  # type: ignore[arg-type]
        np.testing.assert_allclose(out[b], alone, atol=1e-12)


def test_shift_operator_moves_every_position_by_the_shift() -> None:
    pe = sinusoidal_positions(40, 8)
    for shift in (1, 3, 10):
        np.testing.assert_allclose(pe[:-shift] @ shift_operator(8, shift), pe[shift:], atol=1e-12)
