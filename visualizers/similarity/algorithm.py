"""Cosine similarity, the answer to question 21 (pure NumPy, no Qt).

The question view shows this function's source; the tests check it against
scikit-learn's `cosine_similarity` on random vectors.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    """Cosine of the angle between vectors `a` and `b`: (a·b) / (‖a‖ ‖b‖), in [-1, 1].

    Raises ValueError for vectors that are not 1-D, differ in length, are empty, contain
    NaN or infinity, or have zero length (the angle to a zero vector is undefined: returning
    0 would silently say "unrelated" about a user with no history).
    """
    u = np.asarray(a, dtype=np.float64)
    v = np.asarray(b, dtype=np.float64)
    if u.ndim != 1 or v.ndim != 1:
        raise ValueError(
            f"cosine_similarity needs two 1-D vectors, got shapes {u.shape} and {v.shape}"
        )
    if u.shape != v.shape:
        raise ValueError(f"vectors differ in length: {u.shape[0]} and {v.shape[0]}")
    if u.size == 0:
        raise ValueError("vectors are empty")
    if not (np.all(np.isfinite(u)) and np.all(np.isfinite(v))):
        raise ValueError("vectors contain NaN or infinity")
    # Scale each vector by its largest magnitude first, so squaring can't overflow
    # (1e200² is inf) or underflow; the cosine is invariant to positive scaling.
    u_scale = np.max(np.abs(u))
    v_scale = np.max(np.abs(v))
    if u_scale == 0.0 or v_scale == 0.0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    u = u / u_scale
    v = v / v_scale
    cosine = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    # Rounding can push |cos| a hair past 1, which would break arccos downstream.
    return min(1.0, max(-1.0, cosine))
