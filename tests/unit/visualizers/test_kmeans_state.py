"""The k-means state, without Qt: dataset cache, centroid edits, elbow requests, ranges."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.cluster import KMeans

from visualizers.core.frames import History
from visualizers.kmeans.algorithm import ElbowResult
from visualizers.kmeans.datasets import GAUSSIAN_BLOBS, IRIS, USER_CSV
from visualizers.kmeans.spec import SPEC
from visualizers.kmeans.state import (
    ELBOW_MAX_POINTS,
    MAX_K,
    PLACED,
    KMeansState,
    inertia_range,
)


def _params(**values: object) -> dict[str, int | float | str | bool]:
    return SPEC.resolve(values)


def test_datasets_are_cached_by_value() -> None:
    state = KMeansState()
    first = state.load_dataset(_params(n_points=300), 0)
    assert state.load_dataset(_params(n_points=300), 0) is first
    assert state.load_dataset(_params(n_points=300, spread=1.5), 0) is not first
    other_seed = state.load_dataset(_params(n_points=300, seed=1), 0)
    assert not np.array_equal(other_seed.points, first.points)


def test_every_csv_load_is_a_new_dataset_even_when_the_old_object_is_reused(
    tmp_path: Path,
) -> None:
    state = KMeansState()
    path = tmp_path / "p.csv"
    path.write_text("x,y\n0,0\n1,1\n5,5\n6,6\n", encoding="utf-8")
    data = state.read_csv(path)
    state.swap_csv(data)
    shown = state.load_dataset(_params(dataset=USER_CSV), 0)
    assert np.array_equal(shown.points, [[0, 0], [1, 1], [5, 5], [6, 6]])
    path.write_text("x,y\n9,9\n8,8\n", encoding="utf-8")
    state.swap_csv(state.read_csv(path))
    assert len(state.load_dataset(_params(dataset=USER_CSV), 0).points) == 2
    state.swap_csv(None)
    with pytest.raises(ValueError, match="No CSV"):
        state.load_dataset(_params(dataset=USER_CSV), 0)


def test_placed_centroids_run_to_sklearns_lloyd_answer() -> None:
    state = KMeansState()
    start = np.array([[-4.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
    values = state.place(start)
    assert values == {"init": PLACED, "k": 3}
    stepper = state.stepper(_params(n_points=400, **values), 0)
    history = History(stepper)
    history.extend_to(10_000)
    points = state.load_dataset(_params(n_points=400), 0).points
    oracle = KMeans(3, init=start, n_init=1, algorithm="lloyd", tol=1e-4).fit(points)
    assert np.allclose(history.last.centroids, oracle.cluster_centers_, atol=1e-6)
    assert state.run_k() == 3
    assert "k" in state.inactive_parameters()


def test_inactive_parameters_follow_the_dataset() -> None:
    state = KMeansState()
    state.stepper(_params(dataset=IRIS), 0)
    assert {"n_points", "spread"} <= set(state.inactive_parameters())
    state.stepper(_params(dataset=GAUSSIAN_BLOBS), 0)
    assert state.inactive_parameters() == {}


def test_centroid_edits() -> None:
    state = KMeansState()
    state.stepper(_params(n_points=200), 0)
    centroids = np.array([[0.0, 0.0], [1.0, 1.0]])
    assert np.array_equal(state.moved(centroids, 1, 5.0, 6.0), [[0, 0], [5, 6]])
    assert np.array_equal(state.moved(centroids, 7, 5.0, 6.0), centroids)
    assert np.array_equal(state.added(centroids, 2.0, 3.0)[-1], [2.0, 3.0])
    assert np.array_equal(state.removed(centroids, 0), [[1.0, 1.0]])
    with pytest.raises(ValueError, match="At most"):
        state.added(np.zeros((MAX_K, 2)), 0.0, 0.0)
    (x0, x1), (y0, y1) = state.frame_range()
    right = state.nudged(centroids, 0, 1, 0, big=False)
    assert right[0, 0] == pytest.approx(0.02 * (x1 - x0)) and right[0, 1] == 0.0
    down = state.nudged(centroids, 1, 0, -1, big=True)
    assert down[1, 1] == pytest.approx(1.0 - 0.1 * (y1 - y0)) and down[0, 0] == 0.0


def test_frame_range_shows_every_point_with_a_margin() -> None:
    state = KMeansState()
    points = state.load_dataset(_params(n_points=500), 0).points
    state.stepper(_params(n_points=500), 0)
    (x0, x1), (y0, y1) = state.frame_range()
    assert x0 < points[:, 0].min() - 0.49 and x1 > points[:, 0].max() + 0.49
    assert y0 < points[:, 1].min() - 0.49 and y1 > points[:, 1].max() + 0.49


def test_elbow_is_requested_once_per_dataset_and_subsampled_when_big() -> None:
    state = KMeansState()
    state.stepper(_params(n_points=500), 0)
    request = state.elbow_request()
    assert request is not None and len(request.points) == 500 and request.note == ""
    assert state.elbow_request() is None
    assert state.elbow_request(force=True) is not None
    state.stepper(_params(n_points=50_000), 0)
    big = state.elbow_request()
    assert big is not None and len(big.points) == ELBOW_MAX_POINTS
    assert len(np.unique(big.points, axis=0)) == ELBOW_MAX_POINTS  # without replacement
    assert "20,000 of the 50,000" in big.note


def test_a_stale_elbow_result_is_ignored_and_the_summary_names_the_best_k() -> None:
    state = KMeansState()
    state.stepper(_params(n_points=300, k=3), 0)
    old = state.elbow_request()
    assert old is not None
    state.stepper(_params(n_points=300, k=3, seed=5), 0)
    new = state.elbow_request()
    assert new is not None
    result = ElbowResult(
        (1, 2, 3, 4), (100.0, 40.0, 10.0, 8.0), (float("nan"), 0.5, 0.71, 0.6), 300, 300
    )
    assert not state.elbow_computed(old.key, result)
    assert state.elbow is None
    assert state.elbow_computed(new.key, result)
    assert "highest silhouette at k = 3" in state.elbow_summary()
    assert state.elbow_marks() == ((3.0, 10.0), (3.0, 0.71))


def test_inertia_range_grows_to_hold_the_trace_and_shrinks_after_a_big_drop() -> None:
    trace = np.array([[0.5, 900.0], [1.0, 400.0], [1.5, 380.0], [6.0, 370.0]])
    new_x, new_y = inertia_range(trace, 5.0, (0.0, 1000.0))
    assert new_x is not None and new_x >= 6.0
    assert new_y is None  # [0, 1000] holds it and is under 3 spans
    new_x, new_y = inertia_range(trace[2:], 12.0, (0.0, 1000.0))
    assert new_y is not None and new_y[0] <= 370.0 <= 380.0 <= new_y[1] < 1000.0


def test_summary_reads_out_the_half_steps_numbers() -> None:
    state = KMeansState()
    history = History(state.stepper(_params(n_points=300, init="random", k=3), 0))
    history.extend_to(3)
    assign = history[2]
    assert assign.phase == "assign" and assign.inertia is not None
    text = state.summary(assign)
    assert f"inertia {assign.inertia:,.4g}" in text and "300 points changed" in text
    assert "not assigned yet" in state.summary(history[0])
