"""The similarity state's edges: the summary's metric, plot spans, the arc, the arrow keys.

Each expected value is worked out by hand from the chosen parameters (lengths, angles,
step sizes), not read back from the module.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizers.similarity.spec import SPEC
from visualizers.similarity.state import SimilarityState


def run(**values: object) -> SimilarityState:
    state = SimilarityState()
    state.stepper(SPEC.resolve(values), seed=1)
    return state


def test_the_summary_names_the_chosen_metric() -> None:
    for metric in ("dot product", "euclidean"):
        state = run(metric=metric, a_angle=0.0, step_deg=45.0, top_k=2)
        assert state.sweep is not None
        frame = state.sweep.advance(state.sweep.first())  # b at 45°
        text = state.summary(frame)
        assert text.startswith(
            f"b points at 45 degrees; cosine similarity {math.cos(math.pi / 4):.3f}; "
            f"top videos by {metric}: #"
        )
        assert state.explain(frame) == frame.explanation


def test_nothing_is_drawn_before_a_run() -> None:
    with pytest.raises(RuntimeError, match="no run yet"):
        SimilarityState().vector_span()


def test_vector_span_holds_a_long_b() -> None:
    assert run(a_length=1.5, b_length=3.0).vector_span() == pytest.approx(1.25 * 3.0)
    assert run(a_length=3.5, b_length=3.0).vector_span() == pytest.approx(1.25 * 3.5)


def test_catalogue_reach_is_at_least_two_and_five_percent_past_the_farthest_video() -> None:
    state = run(catalogue=200)
    far = float(np.abs(state.catalogue(200, 1)).max())
    assert state.catalogue_reach() == pytest.approx(max(2.0, 1.05 * far))


def test_the_arc_has_40_points_at_35_percent_of_the_shorter_vector() -> None:
    state = run(a_angle=90.0, a_length=3.0, b_length=2.0, step_deg=30.0)
    assert state.sweep is not None
    frame = state.sweep.advance(state.sweep.first())
    xs, ys = state.angle_arc(frame)
    assert len(xs) == len(ys) == 40
    np.testing.assert_allclose(np.hypot(xs, ys), 0.35 * 2.0)
    a_dir = math.degrees(math.atan2(frame.a[1], frame.a[0]))
    b_dir = math.degrees(math.atan2(frame.b[1], frame.b[0]))
    assert math.degrees(math.atan2(ys[0], xs[0])) == pytest.approx(a_dir)
    assert math.degrees(math.atan2(ys[-1], xs[-1])) == pytest.approx(b_dir)


def test_small_arrow_steps_and_the_length_floor() -> None:
    params = SPEC.resolve({"a_angle": 100.0, "a_length": 2.0})
    up = SimilarityState.nudged_a(params, 0, 1)
    assert up == {"a_angle": pytest.approx(100.0), "a_length": pytest.approx(2.1)}
    turned = SimilarityState.nudged_a(params, -1, 0, big=True)
    assert turned["a_angle"] == pytest.approx(85.0) and turned["a_length"] == 2.0
    short = SPEC.resolve({"a_length": 0.15})
    assert SimilarityState.nudged_a(short, 0, -1)["a_length"] == pytest.approx(0.1)
    assert SimilarityState.nudged_a(short, 0, 1)["a_length"] == pytest.approx(0.25)


def test_a_from_point_accepts_short_vectors_and_refuses_only_the_origin() -> None:
    tiny = SimilarityState.a_from_point(0.0, 0.5)
    assert tiny["a_length"] == pytest.approx(0.5) and tiny["a_angle"] == pytest.approx(90.0)
    assert SimilarityState.a_from_point(1e-6, 0.0)["a_length"] == pytest.approx(1e-6)
    with pytest.raises(
        ValueError, match=r"^a can't be the zero vector: its angle to anything is undefined\.$"
    ):
        SimilarityState.a_from_point(1e-10, 0.0)


def test_only_the_current_catalogue_is_kept() -> None:
    state = SimilarityState()
    first = state.catalogue(30, 0)
    state.catalogue(30, 1)
    assert state.catalogue(30, 0) is not first
    np.testing.assert_array_equal(state.catalogue(30, 0), first)


def test_the_cosine_curve_runs_from_0_to_360_degrees_inclusive() -> None:
    state = run(a_angle=0.0)
    degrees, cosines = state.cosine_curve()
    assert len(degrees) == 181 and degrees[0] == 0.0 and degrees[-1] == 360.0
    assert np.all(np.diff(degrees) == 2.0)
    assert cosines[0] == pytest.approx(1.0) and cosines[90] == pytest.approx(-1.0)
    coarse, _ = state.cosine_curve(step_deg=45.0)
    assert coarse.tolist() == [0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0, 360.0]


def test_the_query_ray_has_the_catalogue_reach_whatever_bs_length() -> None:
    state = run(b_length=2.5, a_angle=0.0, step_deg=90.0)
    assert state.sweep is not None
    frame = state.sweep.advance(state.sweep.first())
    ray = state.query_ray(frame)
    assert float(np.hypot(*ray)) == pytest.approx(state.catalogue_reach())
    assert float(np.hypot(*frame.b)) == pytest.approx(2.5)
