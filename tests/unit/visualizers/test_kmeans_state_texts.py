"""The k-means state's sentences and small decisions, on hand-made frames and elbow results.

Counts, inertias and the best k are chosen here, so the summary's words, the elbow
paragraph and the marks are known before the module writes them.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizers.kmeans.algorithm import ElbowResult, KMeansFrame
from visualizers.kmeans.datasets import IRIS, USER_CSV
from visualizers.kmeans.spec import SPEC
from visualizers.kmeans.state import MAX_K, NUDGE, PLACED, KMeansState, inertia_range


def params(**values: object) -> dict[str, int | float | str | bool]:
    return SPEC.resolve(values)


def frame(phase: str, **values: object) -> KMeansFrame:
    base: dict[str, object] = {
        "step": 4,
        "explanation": "",
        "phase": phase,
        "points": np.zeros((7, 2)),
        "centroids": np.zeros((3, 2)),
        "labels": np.zeros(7, dtype=np.int16),
        "iteration": 2,
        "inertia": 12345.678,
        "inertia_trace": (),
        "trail": (),
    }
    return KMeansFrame(**{**base, **values})  # type: ignore[arg-type]


def test_summary_sentences_for_each_half_step() -> None:
    assert KMeansState.summary(frame("seed", chosen=5, centroids=np.zeros((2, 2)))) == (
        "k-means++ chose centroid 2 at point 5."
    )
    assert KMeansState.summary(frame("assign", inertia=None)) == (
        "7 points, 3 centroids, not assigned yet."
    )
    assert KMeansState.summary(frame("assign", n_changed=4)) == (
        "Iteration 2, assign: inertia 1.235e+04, 4 points changed cluster."
    )
    assert KMeansState.summary(frame("update", inertia=9.5, finished=True)) == (
        "Iteration 2, update: inertia 9.5. Finished."
    )


def elbow(silhouettes: tuple[float, ...], sample: int = 300, n: int = 300) -> ElbowResult:
    ks = tuple(range(1, len(silhouettes) + 1))
    inertias = tuple(100.0 / k for k in ks)
    return ElbowResult(ks, inertias, silhouettes, sample, n)


def ready(state: KMeansState, **values: object) -> None:
    state.stepper(params(n_points=200, **values), 0)
    request = state.elbow_request()
    assert request is not None


def test_elbow_summary_names_the_best_silhouette_and_the_sample() -> None:
    state = KMeansState()
    ready(state, k=2)
    assert state.elbow_summary() == "Computing k = 1…10 in the background…"
    key = (state.dataset_key, state.run_seed)
    state.elbow_computed(key, elbow((math.nan, 0.4, 0.2, 0.55, 0.1), sample=150, n=300))
    assert state.elbow_summary() == (
        "k-means++ for k = 1…5: highest silhouette at k = 4. Look for the elbow where inertia "
        "stops falling fast. Silhouette on a random 150 of 300 points (it costs O(n²))."
    )
    state.elbow_computed(key, elbow((math.nan,)))
    assert state.elbow_summary() == (
        "k-means++ for k = 1…1: Look for the elbow where inertia stops falling fast."
    )


def test_elbow_marks_skip_undefined_values_and_unlisted_k() -> None:
    state = KMeansState()
    ready(state, k=1)
    key = (state.dataset_key, state.run_seed)
    state.elbow_computed(key, elbow((math.nan, 0.4)))
    assert state.elbow_marks() == ((1.0, 100.0), None)
    state.params["k"] = 2
    assert state.elbow_marks() == ((2.0, 50.0), (2.0, 0.4))
    state.params["k"] = 9
    assert state.elbow_marks() == (None, None)
    nan_inertia = ElbowResult((2,), (math.nan,), (0.3,), 10, 10)
    state.params["k"] = 2
    state.elbow_computed(key, nan_inertia)
    assert state.elbow_marks() == (None, (2.0, 0.3))


def test_the_elbow_sample_is_seeded_by_the_run() -> None:
    a, b = KMeansState(), KMeansState()
    for s in (a, b):
        s.stepper(params(n_points=30_000), 0)
    ra, rb = a.elbow_request(), b.elbow_request()
    assert ra is not None and rb is not None
    np.testing.assert_array_equal(ra.points, rb.points)
    assert ra.note == " on a random 20,000 of the 30,000 points" == a.elbow_note
    small = KMeansState()
    small.stepper(params(n_points=20_000), 0)
    request = small.elbow_request()
    assert request is not None and request.note == "" and len(request.points) == 20_000


def test_placing_caps_the_count_and_k_follows_it() -> None:
    state = KMeansState()
    many = np.arange(2 * (MAX_K + 3), dtype=float).reshape(-1, 2)
    assert state.place(many) == {"init": PLACED, "k": MAX_K}
    assert len(state.placed) == MAX_K
    assert state.place(np.empty((0, 2))) == {"init": PLACED, "k": 1}
    state.place(np.array([[0.0, 0.0], [5.0, 5.0]]))
    state.stepper(params(n_points=100, init=PLACED, k=7), 0)
    assert state.run_k() == 2
    state.stepper(params(n_points=100, k=7), 0)
    assert state.run_k() == 7 and state.inactive_parameters() == {}


def test_more_placed_centroids_than_distinct_points_is_a_message(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    path = tmp_path / "two.csv"
    path.write_text("x,y\n0,0\n0,0\n1,1\n1,1\n")
    state = KMeansState()
    state.swap_csv(state.read_csv(path))
    state.place(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]))
    with pytest.raises(ValueError, match=r"^3 placed centroids but the data has fewer distinct"):
        state.stepper(params(dataset=USER_CSV, init=PLACED), 0)
    state.place(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert state.stepper(params(dataset=USER_CSV, init=PLACED), 0).k == 2


def test_inactive_parameters_say_why() -> None:
    state = KMeansState()
    state.place(np.array([[0.0, 0.0], [1.0, 1.0]]))
    state.stepper(params(dataset=IRIS, init=PLACED), 0)
    assert state.inactive_parameters() == {
        "k": "k is the number of centroids you placed",
        "n_points": "Only for synthetic datasets",
        "spread": "Only for synthetic datasets",
    }


def test_frame_range_margin_is_six_percent_or_half_a_unit() -> None:
    state = KMeansState()
    with pytest.raises(RuntimeError, match="no dataset yet"):
        state.frame_range()
    state.stepper(params(n_points=500), 0)
    assert state.dataset is not None
    pts = state.dataset.points
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = [max(0.06 * (b - a), 0.5) for a, b in zip(lo, hi, strict=True)]
    (x0, x1), (y0, y1) = state.frame_range()
    assert (x0, x1) == pytest.approx((lo[0] - pad[0], hi[0] + pad[0]))
    assert (y0, y1) == pytest.approx((lo[1] - pad[1], hi[1] + pad[1]))
    step = NUDGE * (x1 - x0)
    moved = state.nudged(np.array([[1.0, 1.0]]), 0, -1, 1, big=False)
    assert moved[0].tolist() == pytest.approx([1.0 - step, 1.0 + NUDGE * (y1 - y0)])
    assert state.nudged(np.array([[1.0, 1.0]]), 3, 1, 1, big=True).tolist() == [[1.0, 1.0]]


def test_inertia_range_rules() -> None:
    trace = np.array([[1.0, 50.0], [2.0, 40.0]])
    # x: grows to twice the last iteration (at least 5) once the trace passes the edge,
    # or when the shown range is over 4× what is needed.
    assert inertia_range(trace, 1.5, (0.0, 100.0))[0] == 5.0
    assert inertia_range(np.array([[7.0, 50.0]]), 6.0, (0.0, 100.0))[0] == 14.0
    assert inertia_range(trace, 10.0, (0.0, 100.0))[0] is None  # 10 ≤ 4 × 2.5
    assert inertia_range(trace, 10.5, (0.0, 100.0))[0] == 5.0
    # y: refits with 8 % of the span around the trace when it leaves the range or the
    # range is over 3 spans wide.
    span = 10.0
    refit = (40.0 - 0.08 * span, 50.0 + 0.08 * span)
    assert inertia_range(trace, 5.0, (45.0, 100.0))[1] == pytest.approx(refit)
    assert inertia_range(trace, 5.0, (0.0, 45.0))[1] == pytest.approx(refit)
    assert inertia_range(trace, 5.0, (20.0, 50.0))[1] is None  # exactly 3 spans
    assert inertia_range(trace, 5.0, (19.0, 50.0))[1] == pytest.approx(refit)
    flat = np.array([[1.0, 8.0], [2.0, 8.0]])
    low, high = inertia_range(flat, 5.0, (0.0, 100.0))[1] or (0.0, 0.0)
    assert low < 8.0 < high and high - low == pytest.approx(2 * 0.08 * 8.0 * 1e-6)


def test_explain_uses_the_runs_narration_once_there_is_a_run() -> None:
    from visualizers.kmeans.narration import explain_step

    state = KMeansState()
    assert state.explain(frame("assign", explanation="as the frame says")) == "as the frame says"
    stepper = state.stepper(params(n_points=100, k=3), 0)
    first = stepper.first()
    second = stepper.advance(first)
    text = state.explain(second)
    assert text and text == explain_step(stepper, second)


def test_edits_address_the_first_and_ignore_one_past_the_last() -> None:
    state = KMeansState()
    state.stepper(params(n_points=100), 0)
    centroids = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert KMeansState.moved(centroids, 0, 9.0, 9.0).tolist() == [[9.0, 9.0], [3.0, 4.0]]
    assert KMeansState.moved(centroids, 2, 9.0, 9.0).tolist() == centroids.tolist()
    assert state.nudged(centroids, 2, 1, 1, big=False).tolist() == centroids.tolist()
    assert state.nudged(centroids, 0, 1, 0, big=False)[0, 0] > 1.0
    with pytest.raises(RuntimeError, match=r"^no dataset yet: call stepper\(\) first$"):
        KMeansState().frame_range()


def test_inertia_range_edges() -> None:
    trace = np.array([[1.0, 50.0], [2.0, 40.0]])
    assert inertia_range(trace, 2.0, (0.0, 100.0))[0] is None  # the last point on the edge fits
    assert inertia_range(trace, 5.0, (45.0, 75.0))[1] is not None  # below, range 3 spans wide
    assert inertia_range(trace, 5.0, (40.0, 60.0))[1] is None  # touching the bottom fits
    assert inertia_range(trace, 5.0, (30.0, 50.0))[1] is None  # and the top
    zero = inertia_range(np.array([[1.0, 0.0], [2.0, 0.0]]), 5.0, (1.0, 2.0))[1]
    assert zero is not None and zero[0] < 0.0 < zero[1]
