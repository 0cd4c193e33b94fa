"""Lloyd's loop at its edges: the steps it yields, empty clusters, k-means++ when the
squared distances are tiny, and the data checks' messages.

Every expectation is computed here from the definitions (means of the points, squared
shifts, D² sampling) rather than read back from the module.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizers.kmeans.algorithm import (
    check_data,
    kmeans,
    kmeans_plus_plus_steps,
    lloyd_steps,
    update_centroids,
)


def _uniform(seed: int, n: int = 150) -> np.ndarray:
    return np.random.default_rng(seed).uniform(size=(n, 2))


# --------------------------------------------------------------------------- the steps


@pytest.mark.parametrize(("max_iter", "tol"), [(0, 1e-4), (-2, 1e-4), (5, -1e-9)])
def test_the_loop_refuses_no_iterations_and_a_negative_tolerance(max_iter: int, tol: float) -> None:
    with pytest.raises(
        ValueError, match="max_iter must be at least 1 and tol must be non-negative"
    ):
        next(lloyd_steps(_uniform(0), 3, max_iter=max_iter, tol=tol))


def test_seeding_steps_have_no_inertia_and_iteration_zero() -> None:
    steps = list(lloyd_steps(_uniform(1), 4, seed=2))
    seeds = [s for s in steps if s.phase == "seed"]
    assert len(seeds) == 4
    assert all(math.isnan(s.inertia) and s.iteration == 0 for s in seeds)
    placed = _uniform(1)[:3]
    init = next(lloyd_steps(_uniform(1), 3, init=placed))
    assert init.phase == "init" and math.isnan(init.inertia) and init.iteration == 0


@pytest.mark.parametrize("max_iter", [1, 2, 3])
def test_max_iter_bounds_the_iterations_and_a_last_assignment_follows(max_iter: int) -> None:
    X = _uniform(3, 400)
    steps = list(lloyd_steps(X, 8, max_iter=max_iter, tol=0.0, seed=1))
    loop = [s for s in steps if s.phase in ("assign", "update")]
    assert [s.iteration for s in loop] == [i for i in range(1, max_iter + 1) for _ in (0, 1)] + [
        max_iter
    ]
    assert [s.phase for s in loop[-2:]] == ["update", "assign"]
    assert loop[-1].final and not any(s.final for s in loop[:-1])


def test_each_step_reports_what_happened_in_it() -> None:
    X = _uniform(4, 300)
    placed = X[:5].copy()
    steps = list(lloyd_steps(X, 5, init=placed, tol=0.0, max_iter=4))
    previous_labels = np.full(len(X), -1)
    centroids = placed
    changed = -1
    for step in steps[1:]:
        if step.phase == "assign":
            np.testing.assert_array_equal(step.centroids, centroids)
            want = ((X[:, None, :] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
            np.testing.assert_array_equal(step.labels, want)
            assert step.changed == int((want != previous_labels).sum())
            changed = step.changed
            previous_labels = want
        else:
            means = np.array([X[previous_labels == j].mean(axis=0) for j in range(5)])
            np.testing.assert_allclose(step.centroids, means, atol=1e-12)
            assert step.shift == pytest.approx(float(((means - centroids) ** 2).sum()), rel=1e-12)
            assert step.relocated is not None and step.relocated.size == 0
            assert step.converged == (step.shift <= 0.0 or changed == 0)
            centroids = means
    assert steps[1].changed == len(X)  # every point gets its first label
    assert steps[-1].phase == "assign" and steps[-1].final


def test_a_threshold_stop_reports_the_update_as_converged() -> None:
    X = _uniform(5, 300)
    steps = list(lloyd_steps(X, 4, init=X[:4].copy(), tol=1.0))
    update = next(s for s in steps if s.phase == "update")
    assert update.converged and not update.final and update.iteration == 1
    assert steps[-1].phase == "assign" and steps[-1].final


def test_the_defaults_are_seed_zero() -> None:
    X = _uniform(6)
    assert kmeans(X, 6, seed=0).inertia != pytest.approx(kmeans(X, 6, seed=1).inertia)
    last = list(lloyd_steps(X, 6))[-1]
    assert last.inertia == pytest.approx(kmeans(X, 6, seed=0).inertia, rel=1e-12)
    assert kmeans(X, 6).inertia == pytest.approx(kmeans(X, 6, seed=0).inertia, rel=1e-12)


# --------------------------------------------------------------------------- empty clusters


def test_empty_clusters_take_the_farthest_points_in_order() -> None:
    X = np.array([[0.0, 0.0], [1.0, 0.0], [9.0, 0.0], [0.0, 1.0], [20.0, 0.0], [10.0, 10.0]])
    labels = np.array([0, 0, 0, 1, 1, 1])
    centroids = np.array([[0.0, 0.0], [0.0, 1.0], [50.0, 50.0], [60.0, 60.0]])
    moved, empty = update_centroids(X, labels, centroids)
    np.testing.assert_array_equal(empty, [2, 3])
    errors = ((X - centroids[labels]) ** 2).sum(axis=1)
    first, second = np.argsort(-errors)[:2]  # point 4 (error 401), then point 5 (181)
    assert (first, second) == (4, 5)
    np.testing.assert_array_equal(moved[2], X[first])
    np.testing.assert_array_equal(moved[3], X[second])
    np.testing.assert_allclose(moved[0], X[:3].mean(axis=0))
    np.testing.assert_allclose(moved[1], X[3])  # points 4 and 5 left cluster 1


def test_the_cluster_giving_up_a_point_is_the_mean_of_the_rest() -> None:
    X = np.array([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0], [30.0, 0.0], [5.0, 5.0]])
    labels = np.array([0, 0, 0, 0, 1])
    centroids = np.array([[0.0, 2.0], [5.0, 5.0], [-9.0, -9.0]])
    moved, empty = update_centroids(X, labels, centroids)
    np.testing.assert_array_equal(empty, [2])
    np.testing.assert_array_equal(moved[2], X[3])
    np.testing.assert_allclose(moved[0], X[:3].mean(axis=0))  # three points left, not two
    np.testing.assert_allclose(moved[1], X[4])


def test_a_cluster_emptied_by_re_seeding_keeps_its_place() -> None:
    X = np.array([[30.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    labels = np.array([0, 1, 1])
    centroids = np.array([[0.0, 5.0], [0.5, 0.0], [99.0, 99.0]])
    moved, empty = update_centroids(X, labels, centroids)
    np.testing.assert_array_equal(empty, [2])
    np.testing.assert_array_equal(moved[2], X[0])  # the farthest point: alone in cluster 0
    np.testing.assert_array_equal(moved[0], centroids[0])  # now empty: stays put, not NaN
    np.testing.assert_allclose(moved[1], [0.5, 0.0])


# --------------------------------------------------------------------------- k-means++


def test_k_means_plus_plus_draws_by_squared_distance_even_on_a_tiny_scale() -> None:
    X = _uniform(7, 50) * 1e-3  # Σ D² well below 1
    steps = list(kmeans_plus_plus_steps(X, 3, np.random.default_rng(0)))
    first, _ = steps[0]
    d2 = ((X - X[first]) ** 2).sum(axis=1)
    assert 0 < d2.sum() < 1
    np.testing.assert_allclose(steps[1][1], d2 / d2.sum(), rtol=1e-12)


def test_k_means_plus_plus_picks_uniformly_when_distances_underflow() -> None:
    X = np.array([[0.0, 0.0], [1e-170, 0.0], [0.0, 1e-170], [2e-170, 0.0]])  # D² underflows to 0
    steps = list(kmeans_plus_plus_steps(X, 3, np.random.default_rng(1)))
    taken = [steps[0][0]]
    for chosen, probabilities in steps[1:]:
        want = np.full(4, 1.0 / (4 - len(taken)))
        want[taken] = 0.0
        np.testing.assert_allclose(probabilities, want)
        assert chosen not in taken
        taken.append(chosen)


# --------------------------------------------------------------------------- checks


def test_one_feature_is_enough() -> None:
    X = np.array([[0.0], [0.1], [5.0], [5.2]])
    result = kmeans(X, 2)
    assert sorted(np.round(result.centroids[:, 0], 2)) == [0.05, 5.1]


def test_the_data_checks_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="there are no data points to cluster"):
        check_data(np.empty((0, 2)), 1)
    with pytest.raises(ValueError, match="there are no data points to cluster"):
        check_data(np.empty((3, 0)), 1)
    bad = np.zeros((10, 2))
    bad[[1, 2, 4, 6, 7, 9], 0] = np.nan
    with pytest.raises(ValueError, match=r"\(rows 1, 2, 4, 6, 7\); remove or impute"):
        check_data(bad, 2)
    with pytest.raises(ValueError, match=r"rows 3\)"):
        check_data(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [np.inf, 0.0]]), 2)
    for k in (True, 2.5, 0):
        with pytest.raises(ValueError, match="k must be a positive whole number"):
            check_data(_uniform(8, 10), k)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="only 1 distinct point "):
        check_data(np.ones((5, 2)), 2)
    with pytest.raises(ValueError, match="only 2 distinct points "):
        check_data(np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), 3)
