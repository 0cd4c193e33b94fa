"""Scaled dot-product attention against a direct softmax, masks, encodings, equivariance (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visualizers.attention.algorithm import (
    causal_mask,
    multi_head_attention,
    scaled_dot_product_attention,
    shift_operator,
    sinusoidal_positions,
)
from visualizers.attention.spec import SPEC
from visualizers.attention.state import HEAD_NAMES, AttentionState


def naive_attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Straight from the formula, one query at a time (fine for moderate values)."""
    out, weights = [], []
    for i, q in enumerate(Q):
        scores = np.array([q @ k for k in K]) / np.sqrt(Q.shape[1])
        e = np.exp(scores)
        if mask is not None:
            e = e * mask[i]
        w = e / e.sum()
        weights.append(w)
        out.append(w @ V)
    return np.array(out), np.array(weights)


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 7), d=st.integers(1, 6), causal=st.booleans(), seed=st.integers(0, 9999))
def test_matches_the_formula(n: int, d: int, causal: bool, seed: int) -> None:
    rng = np.random.default_rng(seed)
    Q, K, V = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.normal(size=(n, 3))
    mask = causal_mask(n) if causal else None
    out, weights = scaled_dot_product_attention(Q, K, V, mask)
    expected_out, expected_weights = naive_attention(Q, K, V, mask)
    np.testing.assert_allclose(weights, expected_weights, atol=1e-12)
    np.testing.assert_allclose(out, expected_out, atol=1e-12)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, atol=1e-12)
    if causal:
        assert np.all(weights[~causal_mask(n)] == 0.0)  # exactly zero, not tiny


def test_large_logits_never_overflow() -> None:
    rng = np.random.default_rng(1)
    Q = rng.normal(size=(4, 8)) * 1e150
    K = rng.normal(size=(4, 8)) * 1e150
    V = rng.normal(size=(4, 2))
    out, weights = scaled_dot_product_attention(Q, K, V, causal_mask(4))
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(weights))
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    assert set(np.unique(weights)) <= {0.0, 1.0}  # saturated: one-hot rows


def test_batched_shapes_and_broadcast_mask() -> None:
    rng = np.random.default_rng(2)
    Q, K, V = rng.normal(size=(3, 5, 4)), rng.normal(size=(3, 6, 4)), rng.normal(size=(3, 6, 2))
    mask = np.ones((5, 6), dtype=bool)
    mask[:, 0] = False
    out, weights = scaled_dot_product_attention(Q, K, V, mask)
    assert out.shape == (3, 5, 2) and weights.shape == (3, 5, 6)
    assert np.all(weights[..., 0] == 0.0)
    for b in range(3):
        expected, _ = naive_attention(Q[b], K[b], V[b], np.broadcast_to(mask, (5, 6)))
        np.testing.assert_allclose(out[b], expected, atol=1e-12)


def test_errors_are_messages() -> None:
    with pytest.raises(ValueError, match="mask row is all False"):
        scaled_dot_product_attention(
            np.ones((2, 2)),
            np.ones((2, 2)),
            np.ones((2, 1)),
            np.array([[True, False], [False, False]]),
        )
    with pytest.raises(ValueError, match="shapes don't fit"):
        scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 1)))


def test_positional_encoding_values_and_shift() -> None:
    pe = sinusoidal_positions(50, 16)
    t, i = 7, 3
    assert pe[t, 2 * i] == pytest.approx(np.sin(t / 10000 ** (2 * i / 16)))
    assert pe[t, 2 * i + 1] == pytest.approx(np.cos(t / 10000 ** (2 * i / 16)))
    for shift in (-1, 1, 5):
        moved = pe @ shift_operator(16, shift)
        later = sinusoidal_positions(60, 16)
        if shift > 0:
            np.testing.assert_allclose(moved[:50], later[shift : 50 + shift], atol=1e-12)
        else:
            np.testing.assert_allclose(moved[1:], pe[:-1], atol=1e-12)


def test_attention_without_positions_is_permutation_equivariant() -> None:
    plain = AttentionState(SPEC.preset_values("no_positions"), seed=0)
    shuffled = AttentionState(SPEC.preset_values("shuffled_no_positions"), seed=0)
    order = shuffled.order
    assert not np.array_equal(order, np.arange(len(order)))
    np.testing.assert_allclose(shuffled.output, plain.output[order], atol=1e-12)
    np.testing.assert_allclose(shuffled.weights, plain.weights[:, order][:, :, order], atol=1e-12)
    with_positions = AttentionState(SPEC.preset_values("shuffled"), seed=0)
    assert not np.allclose(with_positions.output, AttentionState(SPEC.defaults(), 0).output[order])


def test_the_heads_do_what_their_names_say() -> None:
    state = AttentionState(SPEC.defaults(), seed=0)
    tokens = state.tokens
    previous = HEAD_NAMES.index("previous token")
    assert [int(i) for i in state.weights[previous].argmax(axis=1)[1:]] == list(
        range(len(tokens) - 1)
    )
    content = HEAD_NAMES.index("content")
    it = tokens.index("it")
    top_two = {tokens[i] for i in np.argsort(-state.weights[content, it])[:2]}
    assert top_two == {"it", "animal"}
    no_positions = AttentionState(SPEC.preset_values("no_positions"), seed=0)
    np.testing.assert_allclose(no_positions.weights[previous], 1.0 / len(tokens))


def test_unscaled_scores_saturate_the_softmax() -> None:
    scaled = AttentionState(SPEC.defaults(), seed=0)
    unscaled = AttentionState(SPEC.preset_values("unscaled"), seed=0)
    assert unscaled.weights.max(axis=2).mean() > scaled.weights.max(axis=2).mean() + 0.1


def test_multi_head_concatenates_the_heads() -> None:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 4))
    heads = [tuple(rng.normal(size=(4, 4)) for _ in range(3)) for _ in range(2)]
    W_out = rng.normal(size=(8, 4))
    out, weights = multi_head_attention(X, heads, W_out)  # type: ignore[arg-type]
    parts = [scaled_dot_product_attention(X @ q, X @ k, X @ v)[0] for q, k, v in heads]
    np.testing.assert_allclose(out, np.concatenate(parts, axis=1) @ W_out, atol=1e-12)
    assert weights.shape == (2, 5, 5)


def test_stepper_reveals_one_row_per_frame_and_narrates_it() -> None:
    state = AttentionState(SPEC.preset_values("causal"), seed=0)
    stepper = state.stepper()
    frame = stepper.first()
    assert np.all(np.isnan(frame.weights))
    frame = stepper.advance(frame)
    assert frame.query == 0
    assert np.all(np.isnan(frame.weights[:, 1:]))
    np.testing.assert_array_equal(frame.weights[:, 0], state.weights[:, 0])
    assert "1.00" in frame.explanation and "masked" in frame.explanation
    while not frame.finished:
        frame = stepper.advance(frame)
    np.testing.assert_array_equal(frame.weights, state.weights)
    assert frame.step == len(state.tokens)
