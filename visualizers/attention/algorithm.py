"""Scaled dot-product attention, masks, positional encodings and multi-head attention (no Qt).

`scaled_dot_product_attention` is the interview answer: scores Q·Kᵀ/√d, a boolean mask
(True where attention is allowed) applied before a softmax that can't overflow, and the
weighted sum of the values. Masked entries get a weight of exactly 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def scaled_dot_product_attention(
    Q: ArrayLike, K: ArrayLike, V: ArrayLike, mask: ArrayLike | None = None
) -> tuple[FloatArray, FloatArray]:
    """softmax(Q·Kᵀ / √d, masked) · V, and the attention weights.

    Q has shape (..., n_queries, d), K (..., n_keys, d), V (..., n_keys, d_v); `mask`
    broadcasts to (..., n_queries, n_keys) and is True where a query may look at a key.
    Each row of the weights sums to 1; a query with no allowed key is an error.
    """
    q = np.asarray(Q, dtype=np.float64)
    k = np.asarray(K, dtype=np.float64)
    v = np.asarray(V, dtype=np.float64)
    if q.shape[-1] != k.shape[-1] or k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"shapes don't fit: Q {q.shape}, K {k.shape}, V {v.shape} "
            "(Q and K share d; K and V share the number of keys)"
        )
    d = q.shape[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)
    allowed = np.ones(scores.shape, dtype=bool)
    if mask is not None:
        allowed = np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)
    if not np.all(allowed.any(axis=-1)):
        raise ValueError("a query has no key it may attend to: its mask row is all False")
    if not np.all(np.isfinite(scores[allowed])):
        raise ValueError("Q or K is too large: the scores overflowed (scale the inputs down)")
    # Subtract each row's largest allowed score: every exponent is ≤ 0, so nothing overflows,
    # and masked scores never enter the sum (their weight is exactly 0, not tiny).
    row_max = np.where(allowed, scores, -np.inf).max(axis=-1, keepdims=True)
    exponent = np.where(allowed, scores - row_max, -np.inf)
    weights = np.exp(exponent)
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights @ v, weights


def causal_mask(n: int) -> BoolArray:
    """Lower-triangular: token t may attend to tokens 0…t, never to the future."""
    return np.tril(np.ones((n, n), dtype=bool))


def sinusoidal_positions(n: int, d: int) -> FloatArray:
    """The transformer's positional encoding: PE[t, 2i] = sin(t·ω_i), PE[t, 2i+1] = cos(t·ω_i),
    ω_i = 10000^(−2i/d). Each pair rotates with t, so PE[t + k] is a fixed linear map of PE[t]."""
    if d % 2:
        raise ValueError("the encoding dimension must be even (sine and cosine pairs)")
    t = np.arange(n, dtype=np.float64)[:, None]
    omega = 10000.0 ** (-np.arange(0, d, 2, dtype=np.float64) / d)
    pe = np.empty((n, d))
    pe[:, 0::2] = np.sin(t * omega)
    pe[:, 1::2] = np.cos(t * omega)
    return pe


def shift_operator(d: int, shift: int) -> FloatArray:
    """The matrix M with PE[t] @ M = PE[t + shift] for every t (one 2×2 rotation per frequency)."""
    omega = 10000.0 ** (-np.arange(0, d, 2, dtype=np.float64) / d)
    m = np.zeros((d, d))
    for i, w in enumerate(omega):
        c, s = np.cos(shift * w), np.sin(shift * w)
        # [sin(a), cos(a)] → [sin(a + b), cos(a + b)] = [sin a·cos b + cos a·sin b, cos a·cos b − sin a·sin b]
        m[2 * i : 2 * i + 2, 2 * i : 2 * i + 2] = [[c, -s], [s, c]]
    return m


def multi_head_attention(
    X: FloatArray,
    heads: Sequence[tuple[FloatArray, FloatArray, FloatArray]],
    W_out: FloatArray,
    mask: BoolArray | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Each head projects X to its own Q, K, V and attends; the heads' outputs are concatenated
    and mixed by W_out. Returns the output and the weights, shape (heads, n, n)."""
    outputs, weights = [], []
    for W_q, W_k, W_v in heads:
        out, w = scaled_dot_product_attention(X @ W_q, X @ W_k, X @ W_v, mask)
        outputs.append(out)
        weights.append(w)
    return np.concatenate(outputs, axis=-1) @ W_out, np.stack(weights)
