"""Every field of the k-means stepper's frames, against a Lloyd loop written here.

The run is started from placed centroids, so this file's own loop (assign by the nearest
centroid, move each centroid to its points' mean) must give the same labels, inertia and
centroids at every half-step; the frames' bookkeeping (trail, inertia trace and its
half-step x positions, moves, changed points, re-seeded clusters, the convergence flag,
the last frame) is checked against that loop too. k-means++ seeding frames are checked
against D² sampling.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from visualizers.kmeans.algorithm import KMeansFrame, KMeansStepper, elbow_curve, kmeans


def _blobs(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]])
    return centres[np.arange(60) % 3] + rng.normal(scale=0.9, size=(60, 2))


def _frames(stepper: KMeansStepper) -> list[KMeansFrame]:
    frames = [stepper.first()]
    while not frames[-1].finished:
        frames.append(stepper.advance(frames[-1]))
        assert len(frames) < 500
    return frames


def _nearest(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def _inertia(X: np.ndarray, C: np.ndarray, labels: np.ndarray) -> float:
    return float(((X - C[labels]) ** 2).sum())


def test_placed_run_matches_a_plain_lloyd_loop_half_step_by_half_step() -> None:
    X = _blobs(1)
    placed = np.array([[1.0, 1.0], [2.0, 0.5], [0.5, 2.0]])
    frames = _frames(KMeansStepper(X, 3, init=placed, tol=0.0))
    first = frames[0]
    assert first.phase == "init" and not first.finished
    np.testing.assert_array_equal(first.centroids, placed)
    assert len(first.trail) == 1 and np.array_equal(first.trail[0], placed)
    assert (first.labels == -1).all() and first.inertia is None and first.inertia_trace == ()

    C, labels = placed.copy(), np.full(len(X), -1)
    trail = [placed]
    trace: list[tuple[float, float]] = []
    iteration = 0
    for previous, frame in itertools.pairwise(frames):
        assert frame.step == previous.step + 1
        if frame.phase == "assign":
            iteration += 1
            new = _nearest(X, C)
            assert frame.n_changed == int((new != labels).sum())
            labels = new
            np.testing.assert_array_equal(frame.labels, labels)
            assert frame.inertia == pytest.approx(_inertia(X, C, labels), rel=1e-12)
            trace.append((iteration - 0.5, _inertia(X, C, labels)))
            assert frame.moved is None and frame.relocated == () and not frame.converged
        else:
            assert frame.phase == "update"
            moved_to = np.array([X[labels == j].mean(axis=0) for j in range(3)])
            np.testing.assert_allclose(frame.centroids, moved_to, atol=1e-12)
            assert frame.moved is not None
            np.testing.assert_allclose(frame.moved, np.linalg.norm(moved_to - C, axis=1))
            C = moved_to
            trail.append(C)
            trace.append((float(iteration), _inertia(X, C, labels)))
            assert frame.relocated == ()
        assert frame.iteration == iteration
        assert len(frame.trail) == len(trail)
        for got, want in zip(frame.trail, trail, strict=True):
            np.testing.assert_allclose(got, want, atol=1e-12)
        assert [x for x, _ in frame.inertia_trace] == [x for x, _ in trace]
        np.testing.assert_allclose([y for _, y in frame.inertia_trace], [y for _, y in trace])
    last = frames[-1]
    # tol = 0: the run stops on the update after an assignment that changed nothing
    assert last.phase == "update" and last.finished and last.n_changed == 0
    assert not last.converged  # the last frame is "finished", not "converged, one more"
    assert sum(f.finished for f in frames) == 1


def test_a_shift_below_the_threshold_flags_the_update_and_relabels_once_more() -> None:
    X = _blobs(2)
    placed = np.array([[0.4, 0.2], [4.0, 0.5], [0.3, 4.2]])
    frames = _frames(KMeansStepper(X, 3, init=placed, tol=10.0))
    updates = [f for f in frames if f.phase == "update"]
    assert updates[0].converged and not updates[0].finished
    last = frames[-1]
    # the last assignment keeps the flag: the narration's reason for stopping
    assert last.phase == "assign" and last.finished and last.converged
    # the final assignment sits at its iteration on the inertia trace, not half a step back
    assert last.inertia_trace[-1][0] == float(last.iteration) == 1.0
    np.testing.assert_array_equal(last.labels, _nearest(X, updates[0].centroids))
    assert len(last.trail) == 2  # the placed centroids and the one move


def test_stopping_at_max_iter_is_not_convergence() -> None:
    X = _blobs(2)
    placed = np.array([[2.0, 2.0], [3.0, 2.0], [2.0, 3.0]])
    frames = _frames(KMeansStepper(X, 3, init=placed, tol=0.0, max_iter=1))
    assert [f.phase for f in frames] == ["init", "assign", "update", "assign"]
    assert not any(f.converged for f in frames)
    assert frames[-1].finished and frames[-1].inertia_trace[-1][0] == 1.0
    assert [x for x, _ in frames[-1].inertia_trace] == [0.5, 1.0, 1.0]


def test_an_empty_cluster_is_reported_as_re_seeded() -> None:
    X = _blobs(3)
    placed = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0], [40.0, 40.0]])  # the last is alone
    frames = _frames(KMeansStepper(X, 4, init=placed, tol=0.0))
    update = next(f for f in frames if f.phase == "update")
    assert update.relocated == (3,)
    assert all(isinstance(j, int) for j in update.relocated)
    assert not np.allclose(update.centroids[3], placed[3])  # moved onto a data point
    assert any(np.allclose(update.centroids[3], x) for x in X)


def test_no_placed_centroids_is_a_finished_empty_run() -> None:
    stepper = KMeansStepper(_blobs(4), 0, init=np.empty((0, 2)))
    first = stepper.first()
    assert first.finished and first.phase == "init"
    assert first.centroids.shape == (0, 2) and first.trail == ()
    with pytest.raises(RuntimeError, match="no centroids"):
        stepper.advance(first)


def test_k_means_plus_plus_frames_draw_in_proportion_to_squared_distance() -> None:
    X = _blobs(5)
    frames = _frames(KMeansStepper(X, 3, seed=7))
    assert frames[0].phase == "data" and frames[0].trail == ()
    seeds = [f for f in frames if f.phase == "seed"]
    assert [len(f.centroids) for f in seeds] == [1, 2, 3]
    for f in seeds:
        assert f.chosen is not None and np.array_equal(f.centroids[-1], X[f.chosen])
        assert f.probabilities is not None and f.probabilities.dtype == np.float32
        assert float(f.probabilities.sum()) == pytest.approx(1.0, abs=1e-5)
    assert [len(f.trail) for f in seeds] == [0, 0, 1]  # the trail starts once all k are in
    np.testing.assert_array_equal(seeds[-1].trail[0], seeds[-1].centroids)
    # the second seed's chances: each point's squared distance to the first, normalized
    d2 = ((X - seeds[0].centroids[0]) ** 2).sum(axis=1)
    assert seeds[1].probabilities is not None
    np.testing.assert_allclose(seeds[1].probabilities, d2 / d2.sum(), rtol=1e-5, atol=1e-7)
    first_assign = next(f for f in frames if f.phase == "assign")
    assert first_assign.probabilities is None and first_assign.chosen is None
    assert first_assign.inertia_trace[0][0] == 0.5


def test_a_random_start_shows_its_centroids_as_the_trail_s_first_position() -> None:
    X = _blobs(6)
    frames = _frames(KMeansStepper(X, 3, init="random", seed=2))
    assert [f.phase for f in frames[:3]] == ["data", "init", "assign"]
    start = frames[1].centroids
    assert len(frames[1].trail) == 1 and np.array_equal(frames[1].trail[0], start)
    assert all(any(np.array_equal(c, x) for x in X) for c in start)  # drawn from the data
    assert len(frames[2].trail) == 1  # an assignment moves nothing


def _uniform(seed: int) -> np.ndarray:
    """No clusters to find: different seeds end in different local optima."""
    return np.random.default_rng(seed).uniform(size=(200, 2))


def test_the_stepper_s_defaults_are_the_answer_s() -> None:
    X = _uniform(8)
    assert kmeans(X, 6, seed=0).inertia != pytest.approx(kmeans(X, 6, seed=1).inertia)
    stepper = KMeansStepper(X, 6)
    last = _frames(stepper)[-1]
    answer = kmeans(X, 6)  # seed 0, k-means++, max_iter 300, tol 1e-4
    np.testing.assert_allclose(last.centroids, answer.centroids, atol=1e-12)
    assert last.inertia == pytest.approx(answer.inertia, rel=1e-12)
    assert stepper.note == "" and stepper.init_name == "k-means++"
    assert stepper.threshold == pytest.approx(1e-4 * X.var(axis=0).mean(), rel=1e-12)
    assert KMeansStepper(X, 6, tol=0.5).threshold == pytest.approx(0.5 * X.var(axis=0).mean())


def test_the_elbow_runs_k_means_with_its_seed() -> None:
    X = _uniform(9)
    assert kmeans(X, 5, seed=0).inertia != pytest.approx(kmeans(X, 5, seed=4).inertia)
    result = elbow_curve(X, ks=(5,), seed=4)
    assert result is not None
    assert result.inertias[0] == pytest.approx(kmeans(X, 5, seed=4).inertia, rel=1e-12)


def test_placed_centroids_must_be_finite_and_k_by_d() -> None:
    X = _blobs(9)
    with pytest.raises(ValueError, match="contain NaN or infinity"):
        KMeansStepper(X, 2, init=[[0.0, 0.0], [np.nan, 1.0]])
    with pytest.raises(ValueError, match=r"must have shape \(2, 2\)"):
        kmeans(X, 2, init=np.zeros((2, 3)))
    with pytest.raises(ValueError, match='init must be "k-means\\+\\+", "random"'):
        KMeansStepper(X, 2, init="forgy")


def test_a_random_start_is_k_distinct_data_points_chosen_by_the_seed() -> None:
    X = _uniform(10)
    starts = [KMeansStepper(X, 4, init="random", seed=s) for s in (3, 3, 4)]
    firsts = [st.advance(st.first()).centroids for st in starts]
    for start in firsts:
        assert len({tuple(c) for c in start}) == 4
        assert all(any(np.array_equal(c, x) for x in X) for c in start)
    np.testing.assert_array_equal(firsts[0], firsts[1])
    assert not np.array_equal(firsts[0], firsts[2])
