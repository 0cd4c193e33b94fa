"""The similarity algorithm's edges: input types, boundaries, messages, ties and the catalogue.

Expected values come from scikit-learn, SciPy, NumPy written out independently, or from
hand-worked geometry (a vector and its negation, 3-4-5 triangles), never from the module.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.distance import euclidean
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from visualizers.similarity.algorithm import (
    SimilaritySweep,
    cosine_similarity,
    make_catalogue,
    rank_items,
)


def sweep(**changes: object) -> SimilaritySweep:
    values: dict[str, object] = {
        "a": np.array([3.0, 4.0]),
        "b_length": 2.0,
        "step_deg": 30.0,
        "catalogue": np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, -1.0]]),
        "top_k": 2,
        "metric": "cosine",
    }
    values.update(changes)
    return SimilaritySweep(**values)  # type: ignore[arg-type]


# -- cosine_similarity ------------------------------------------------------------------


@pytest.mark.parametrize("first", [True, False])
def test_int8_minimum_is_read_as_minus_128_not_wrapped(first: bool) -> None:
    # abs(int8 -128) wraps to -128 unless the input is converted to float first, which
    # would flip the vector's sign and turn a cosine of -1 into +1.
    small = np.array([-128, 0], dtype=np.int8)
    other = np.array([1.0, 0.0])
    pair = (small, other) if first else (other, small)
    assert cosine_similarity(*pair) == -1.0


@pytest.mark.parametrize("first", [True, False])
def test_python_integers_beyond_int64_are_accepted(first: bool) -> None:
    big = [2**70, 2**70]  # no NumPy integer type holds these: an object array unless floats
    other = [1, 0]
    pair = (big, other) if first else (other, big)
    assert cosine_similarity(*pair) == pytest.approx(1 / math.sqrt(2), abs=1e-15)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ([1.0, 2.0], [[1.0, 2.0]], "1-D"),  # only b is 2-D: the 1-D check, not the length one
        ([[1.0, 2.0]], [1.0, 2.0], "1-D"),
        ([], [], "^vectors are empty$"),
        ([1.0, float("nan")], [1.0, 2.0], "^vectors contain NaN or infinity$"),
        ([1.0, 2.0], [0.0, 0.0], "^cosine similarity is undefined for a zero vector$"),
    ],
)
def test_error_messages(a: object, b: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cosine_similarity(a, b)  # type: ignore[arg-type]


def test_a_vector_and_its_negation_give_exactly_minus_one() -> None:
    # For this vector the division rounds to -1.0000000000000002; the angle is 180° by
    # construction, so the answer must be clipped to exactly -1 (arccos needs [-1, 1]).
    a = np.array([-0.132, 0.64, 0.105, -0.536, 0.362])
    assert cosine_similarity(a, -a) == -1.0
    assert sk_cosine([a], [-a])[0, 0] == pytest.approx(-1.0)


# -- rank_items ---------------------------------------------------------------------------


def test_cosine_ranks_a_zero_item_at_score_zero_without_warnings() -> None:
    # pyproject turns warnings into errors, so a 0/0 here fails the test.
    items = np.array([[1.0, 1.0], [0.0, 0.0], [-2.0, 0.5], [3.0, 0.0]])
    query = np.array([1.0, 0.0])
    # cosines worked by hand: 1/√2, 0 (zero item), -2/√4.25, 1
    assert rank_items(query, items, "cosine").tolist() == [3, 0, 1, 2]


def test_a_zero_query_ties_every_item_so_catalogue_order_stays() -> None:
    items = np.array([[1.0, 1.0], [2.0, -3.0], [-0.5, 0.0]])
    for metric in ("cosine", "dot product"):
        assert rank_items(np.zeros(2), items, metric).tolist() == [0, 1, 2]


@pytest.mark.parametrize("metric", ["cosine", "dot product", "euclidean"])
def test_ties_keep_catalogue_order_in_a_long_catalogue(metric: str) -> None:
    # Three distinct rows repeated in a shuffled order: 120 items, so NumPy's default
    # (unstable) sort would mix tied indices.
    distinct = np.array([[2.0, 1.0], [1.0, -1.0], [-1.0, 0.5]])
    which = np.random.default_rng(7).permutation(np.repeat(np.arange(3), 40))
    items = distinct[which]
    query = np.array([1.0, 0.5])
    if metric == "cosine":
        score = sk_cosine(distinct, [query])[:, 0]
    elif metric == "dot product":
        score = np.array([sum(r * q for r, q in zip(row, query, strict=True)) for row in distinct])
    else:
        score = -np.array([euclidean(row, query) for row in distinct])
    group_order = sorted(range(3), key=lambda g: -score[g])
    expected = [i for g in group_order for i in range(len(items)) if which[i] == g]
    assert rank_items(query, items, metric).tolist() == expected


def test_unknown_metric_lists_the_choices() -> None:
    with pytest.raises(ValueError, match=r"use one of cosine, dot product, euclidean$"):
        rank_items(np.ones(2), np.ones((2, 2)), "manhattan")


# -- SimilaritySweep ----------------------------------------------------------------------


@pytest.mark.parametrize(("step", "turns"), [(0.5, 720), (180.0, 2), (1.0, 360)])
def test_step_bounds_are_inclusive_of_180_and_allow_under_one_degree(
    step: float, turns: int
) -> None:
    assert sweep(step_deg=step).n_steps == turns


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"step_deg": 180.5}, "^the rotation step must be between 0 and 180 degrees$"),
        ({"step_deg": 0.0}, "^the rotation step must be between 0 and 180 degrees$"),
        ({"b_length": 0.0}, "^b needs a positive length: the angle to a zero vector"),
        ({"metric": "jaccard"}, "use one of cosine, dot product, euclidean$"),
    ],
)
def test_sweep_messages(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sweep(**changes)


def test_integer_inputs_are_stored_as_floats() -> None:
    s = sweep(a=[3, 4], catalogue=[[1, 0], [0, 2]])
    assert s.a.dtype == np.float64
    assert s.catalogue.dtype == np.float64
    assert s.first().a.dtype == np.float64


@pytest.mark.parametrize(("asked", "kept"), [(1, 1), (0, 1), (-3, 1), (2, 2), (9, 3)])
def test_top_k_is_clamped_to_one_and_the_catalogue_size(asked: int, kept: int) -> None:
    frame = sweep(top_k=asked).first()
    assert len(frame.top) == kept
    assert all(len(t) == kept for t in frame.top_by.values())


def test_angle_wraps_at_a_full_turn() -> None:
    s = sweep(start_deg=350.0, step_deg=20.0, b_length=2.0)
    frame = s.advance(s.first())  # 350° + 20° = 370°, i.e. 10°
    assert frame.angle_deg == pytest.approx(10.0)
    r = math.radians(10.0)
    np.testing.assert_allclose(frame.b, [2.0 * math.cos(r), 2.0 * math.sin(r)], atol=1e-12)


def test_explanation_numbers_come_from_independent_formulas() -> None:
    # a = (3, 4), b = 2·(cos 60°, sin 60°): not orthogonal, so ‖a − b‖ ≠ ‖a + b‖.
    catalogue = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, -1.0], [4.0, 4.0], [0.2, 0.1]])
    s = sweep(step_deg=60.0, catalogue=catalogue, top_k=3, metric="dot product")
    frame = s.advance(s.first())
    a = np.array([3.0, 4.0])
    b = 2.0 * np.array([math.cos(math.pi / 3), math.sin(math.pi / 3)])
    text = frame.explanation
    assert f"Euclidean ‖a − b‖ = {euclidean(a, b):.3f};" in text
    unit_gap = float(np.sum((a / np.linalg.norm(a) - b / np.linalg.norm(b)) ** 2))
    assert f"‖â − b̂‖² = 2 − 2 cos θ = {unit_gap:.3f}.<br>" in text
    # top 3 by hand-written dot products and by scikit-learn cosines
    dots = [sum(x * y for x, y in zip(row, b, strict=True)) for row in catalogue]
    by_dot = sorted(range(len(catalogue)), key=lambda i: -dots[i])[:3]
    cosines = sk_cosine(catalogue, [b])[:, 0]
    by_cos = sorted(range(len(catalogue)), key=lambda i: -cosines[i])[:3]
    assert f"Top 3 videos for b by dot product: {', '.join(f'#{i}' for i in by_dot)}." in text
    assert f"share {len(set(by_dot) & set(by_cos))} of 3:" in text
    assert frame.top.dtype.kind == "i"


def test_an_empty_catalogue_still_gives_integer_indices() -> None:
    # `top` indexes the catalogue in the view; a float array, even an empty one, can't.
    frame = sweep(catalogue=np.zeros((0, 2))).first()
    assert frame.top.shape == (0,)
    assert np.zeros((0, 2))[frame.top].shape == (0, 2)


# -- make_catalogue ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 10_000])
def test_catalogue_size_bounds_are_inclusive(n: int) -> None:
    assert make_catalogue(n, seed=0).shape == (n, 2)


@pytest.mark.parametrize("n", [0, 10_001])
def test_catalogue_size_outside_bounds_raises(n: int) -> None:
    with pytest.raises(ValueError, match=r"^the catalogue needs between 1 and 10,000 videos$"):
        make_catalogue(n, seed=0)


def test_catalogue_directions_cover_the_whole_circle_evenly() -> None:
    points = make_catalogue(8000, seed=3)
    angles = np.mod(np.arctan2(points[:, 1], points[:, 0]), 2 * np.pi)
    shares = np.histogram(angles, bins=8, range=(0.0, 2 * np.pi))[0] / len(points)
    np.testing.assert_allclose(shares, 1 / 8, atol=0.02)


def test_catalogue_lengths_are_log_normal_with_sigma_half_and_clipped() -> None:
    points = make_catalogue(10_000, seed=5)
    lengths = np.hypot(points[:, 0], points[:, 1])
    # bounds the docstring's "popularity" lengths are kept within (long tails cut)
    assert lengths.min() >= 0.2 - 1e-12
    assert lengths.max() <= 4.0 + 1e-12
    # with 10,000 draws of σ = 0.5 some fall past both cuts, so both cuts are reached
    assert np.isclose(lengths, 0.2).any()
    assert np.isclose(lengths, 4.0).any()
    logs = np.log(lengths)
    assert np.median(logs) == pytest.approx(0.0, abs=0.03)
    assert np.std(logs) == pytest.approx(0.5, abs=0.03)
