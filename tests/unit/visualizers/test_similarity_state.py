"""The similarity state's numbers, checked without Qt against independent formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from visualizers.similarity.algorithm import SimilaritySweep
from visualizers.similarity.spec import SPEC
from visualizers.similarity.state import SimilarityState


def _state(**values: object) -> tuple[SimilarityState, SimilaritySweep]:
    state = SimilarityState()
    stepper = state.stepper(SPEC.resolve(values), seed=3)
    return state, stepper


def test_cosine_curve_matches_sklearn_for_every_direction_of_b() -> None:
    state, _ = _state(a_angle=70.0, a_length=2.5)
    degrees, cosines = state.cosine_curve(step_deg=15.0)
    a = 2.5 * np.array([math.cos(math.radians(70.0)), math.sin(math.radians(70.0))])
    for deg, cos in zip(degrees, cosines, strict=True):
        b = np.array([math.cos(math.radians(deg)), math.sin(math.radians(deg))])
        assert cos == pytest.approx(sk_cosine([a], [b])[0, 0], abs=1e-12)


def test_angle_arc_runs_from_a_to_b_at_a_third_of_the_shorter_vector() -> None:
    state, stepper = _state(a_angle=30.0, a_length=2.0, b_length=1.0, step_deg=20.0)
    frame = stepper.advance(stepper.advance(stepper.first()))  # b at 40°
    xs, ys = state.angle_arc(frame)
    radius = 0.35 * 1.0
    assert np.hypot(xs, ys) == pytest.approx(np.full(len(xs), radius))
    assert math.degrees(math.atan2(ys[0], xs[0])) == pytest.approx(30.0)
    assert math.degrees(math.atan2(ys[-1], xs[-1])) == pytest.approx(40.0)


def test_a_from_point_is_polar_coordinates_and_refuses_the_origin() -> None:
    values = SimilarityState.a_from_point(-3.0, -4.0)
    assert values["a_length"] == pytest.approx(5.0)
    assert values["a_angle"] == pytest.approx(180.0 + math.degrees(math.atan(4.0 / 3.0)))
    with pytest.raises(ValueError, match="zero vector"):
        SimilarityState.a_from_point(0.0, 0.0)


def test_top_items_are_the_catalogue_rows_most_aligned_with_b() -> None:
    state, stepper = _state(metric="cosine", catalogue=200, top_k=5, step_deg=45.0)
    frame = stepper.advance(stepper.first())
    catalogue = state.catalogue(200, 3)
    scores = sk_cosine(catalogue, [frame.b])[:, 0]
    expected = catalogue[np.argsort(-scores)[:5]]
    assert np.allclose(state.top_items(frame), expected)
    ray = state.query_ray(frame)
    assert np.linalg.norm(ray) == pytest.approx(state.catalogue_reach())
    assert sk_cosine([ray], [frame.b])[0, 0] == pytest.approx(1.0)
    assert np.abs(catalogue).max() <= state.catalogue_reach()


def test_catalogue_is_cached_by_value_not_identity() -> None:
    state = SimilarityState()
    first = state.catalogue(50, 1)
    assert state.catalogue(50, 1) is first
    assert not np.array_equal(state.catalogue(50, 2), first)


def test_vector_span_leaves_room_for_the_longer_vector() -> None:
    state, _ = _state(a_length=3.0, b_length=1.0)
    assert state.vector_span() == pytest.approx(1.25 * 3.0)
    state, _ = _state(a_length=0.2, b_length=0.3)
    assert state.vector_span() == pytest.approx(1.25)  # the unit circle stays in view


def test_arrow_keys_turn_and_stretch_a_within_range() -> None:
    params = SPEC.resolve({"a_angle": 358.0, "a_length": 3.95})
    turned = SimilarityState.nudged_a(params, 1, 0)
    assert turned["a_angle"] == pytest.approx(3.0) and turned["a_length"] == 3.95
    longer = SimilarityState.nudged_a(params, 0, 1, big=True)
    assert longer["a_length"] == 4.0  # the spec's maximum
    back = SimilarityState.nudged_a(SPEC.resolve({"a_angle": 10.0}), -1, -1, big=True)
    assert back["a_angle"] == pytest.approx(355.0)
    assert back["a_length"] == pytest.approx(float(SPEC.parameter("a_length").default) - 0.5)


def test_summary_reads_the_angle_cosine_and_top_videos() -> None:
    state, stepper = _state(a_angle=0.0, step_deg=30.0, top_k=3)
    frame = stepper.advance(stepper.advance(stepper.first()))  # b at 60°
    text = state.summary(frame)
    assert "60 degrees" in text and "cosine similarity 0.500" in text
    assert text.endswith(", ".join(f"#{i}" for i in frame.top) + ".")
