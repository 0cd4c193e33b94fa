"""Question 21's cosine_similarity against scikit-learn, and its errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from visualizers.similarity.algorithm import cosine_similarity


def test_matches_scikit_learn_on_random_vectors() -> None:
    rng = np.random.default_rng(21)
    for d in (1, 2, 3, 16, 300):
        for _ in range(20):
            a, b = rng.normal(size=d), rng.normal(size=d)
            assert cosine_similarity(a, b) == pytest.approx(sk_cosine([a], [b])[0, 0], abs=1e-12)


def test_known_values() -> None:
    assert cosine_similarity([1, 0], [0, 1]) == 0.0
    assert cosine_similarity([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert cosine_similarity([1, 2], [-1, -2]) == pytest.approx(-1.0)


def test_huge_and_tiny_values_do_not_overflow() -> None:
    assert cosine_similarity([1e200, 1e200], [1e200, 0]) == pytest.approx(2**-0.5)
    assert cosine_similarity([1e-200, 0], [3e-200, 0]) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ([1, 2], [1, 2, 3], "differ in length"),
        ([0, 0], [1, 2], "zero vector"),
        ([], [], "empty"),
        ([[1, 2]], [[1, 2]], "1-D"),
        ([1, float("nan")], [1, 2], "NaN"),
        ([1, float("inf")], [1, 2], "NaN or infinity"),
    ],
)
def test_bad_input_raises_clear_error(a: object, b: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cosine_similarity(a, b)  # type: ignore[arg-type]


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(arrays(np.float64, 5, elements=finite), arrays(np.float64, 5, elements=finite))
def test_always_in_range_or_clear_error(a: np.ndarray, b: np.ndarray) -> None:
    try:
        value = cosine_similarity(a, b)
    except ValueError as exc:
        assert "zero vector" in str(exc)
        assert not a.any() or not b.any()
    else:
        assert -1.0 <= value <= 1.0
