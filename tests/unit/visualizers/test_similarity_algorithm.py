"""Question 21's cosine_similarity against scikit-learn, and its errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from visualizers.core.frames import History
from visualizers.similarity.algorithm import (
    SimilaritySweep,
    cosine_similarity,
    make_catalogue,
    rank_items,
)


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


def test_rankings_match_brute_force() -> None:
    rng = np.random.default_rng(3)
    items = rng.normal(size=(50, 4))
    query = rng.normal(size=4)
    by_cos = rank_items(query, items, "cosine")
    expected = np.argsort(-sk_cosine(items, query[None, :])[:, 0], kind="stable")
    assert list(by_cos) == list(expected)
    assert list(rank_items(query, items, "dot product")) == list(
        np.argsort(-(items @ query), kind="stable")
    )
    dists = np.linalg.norm(items - query, axis=1)
    assert list(rank_items(query, items, "euclidean")) == list(np.argsort(dists, kind="stable"))
    with pytest.raises(ValueError, match="unknown metric"):
        rank_items(query, items, "manhattan")


def test_dot_product_prefers_long_vectors_cosine_does_not() -> None:
    items = np.array([[1.0, 0.1], [10.0, 5.0]])  # the first is better aligned, the second longer
    query = np.array([1.0, 0.0])
    assert rank_items(query, items, "cosine")[0] == 0
    assert rank_items(query, items, "dot product")[0] == 1


def test_sweep_turns_once_and_reports_the_true_cosine() -> None:
    sweep = SimilaritySweep(np.array([2.0, 0.0]), 1.0, 30.0, make_catalogue(20, 0), 3, "cosine")
    history = History(sweep)
    history.extend_to(100)
    frames = history.frames()
    assert len(frames) == 13 and frames[-1].finished and not frames[-2].finished
    for f in frames:
        assert f.cosine == pytest.approx(np.cos(np.radians(f.angle_deg)), abs=1e-12)
        assert len(f.top) == 3 and "cos θ" in f.explanation
    with pytest.raises(ValueError):
        frames[0].a[0] = 5.0  # frames are read-only


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"a": np.zeros(2)}, "zero vector"),
        ({"b_length": 0.0}, "positive length"),
        ({"step_deg": 0.0}, "between 0 and 180"),
        ({"metric": "jaccard"}, "unknown metric"),
    ],
)
def test_sweep_rejects_bad_parameters(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "a": np.array([1.0, 1.0]),
        "b_length": 1.0,
        "step_deg": 10.0,
        "catalogue": make_catalogue(10, 1),
        "top_k": 3,
        "metric": "cosine",
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        SimilaritySweep(**args)  # type: ignore[arg-type]
