"""k-means (question 23): agreement with scikit-learn's Lloyd k-means, the stepper, edge cases,
the NumPy silhouette against scikit-learn's, and the datasets (no Qt)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score as sklearn_silhouette

from visualizers.core.frames import History
from visualizers.kmeans import datasets
from visualizers.kmeans.algorithm import (
    KMeansFrame,
    KMeansStepper,
    elbow_curve,
    kmeans,
    kmeans_plus_plus_steps,
    nearest_centroid,
    silhouette_score,
    update_centroids,
)
from visualizers.kmeans.narration import explain_step


def _blobs(n: int, d: int, seed: int) -> NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-6, 6, size=(5, d))
    return centres[rng.integers(5, size=n)] + rng.normal(scale=1.5, size=(n, d))


def _run(stepper: KMeansStepper) -> list[KMeansFrame]:
    history: History[KMeansFrame] = History(stepper, limit=5000)
    history.extend_to(5000)
    assert history.last.finished
    return list(history.frames())


# --------------------------------------------------------------------------- the oracle


@pytest.mark.parametrize("tol", [1e-4, 0.0])
@pytest.mark.parametrize(
    ("n", "d", "k", "seed"), [(500, 2, 5, 0), (2000, 2, 8, 1), (300, 3, 4, 2), (60, 5, 3, 3)]
)
def test_matches_sklearn_lloyd_from_the_same_initial_centroids(
    n: int, d: int, k: int, seed: int, tol: float
) -> None:
    X = _blobs(n, d, seed)
    start = X[np.random.default_rng(seed).choice(n, size=k, replace=False)]
    ours = kmeans(X, k, init=start, tol=tol)
    oracle = KMeans(
        n_clusters=k, init=start, n_init=1, algorithm="lloyd", tol=tol, max_iter=300
    ).fit(X)
    # Same starting centroids, so cluster j is "the one that started at start[j]" in both.
    np.testing.assert_array_equal(ours.labels, oracle.labels_)
    np.testing.assert_allclose(ours.centroids, oracle.cluster_centers_, rtol=0, atol=1e-10)
    assert ours.inertia == pytest.approx(oracle.inertia_, rel=1e-10)
    assert ours.n_iter == oracle.n_iter_


@pytest.mark.parametrize("start_kind", ["far away", "duplicate"])
def test_empty_cluster_is_reseeded_like_sklearn_and_never_nan(start_kind: str) -> None:
    X = _blobs(300, 3, 7)
    extra = np.full((1, 3), 50.0) if start_kind == "far away" else X[:1]
    start = np.vstack([X[:3], extra])  # the fourth centroid gets no points at first
    labels, _ = nearest_centroid(X, start)
    assert not (labels == 3).any()
    moved, relocated = update_centroids(X, labels, start)
    assert relocated.tolist() == [3]
    assert np.isfinite(moved).all()
    errors = ((X - start[labels]) ** 2).sum(axis=1)
    np.testing.assert_array_equal(moved[3], X[np.argmax(errors)])  # the farthest point

    ours = kmeans(X, 4, init=start)
    oracle = KMeans(n_clusters=4, init=start, n_init=1, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(ours.labels, oracle.labels_)
    np.testing.assert_allclose(ours.centroids, oracle.cluster_centers_, atol=1e-10)
    assert ours.inertia == pytest.approx(oracle.inertia_, rel=1e-10)
    assert np.bincount(ours.labels, minlength=4).min() > 0


def test_worked_example_from_the_question_23_answer() -> None:
    points = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5]])
    frames = _run(KMeansStepper(points, 2, init=points[:2]))
    lloyd = [f for f in frames if f.phase in ("assign", "update")]
    assert [round(f.inertia or 0, 3) for f in lloyd[:4]] == [74.5, 20.7, 11.19, 7.875]
    assert lloyd[2].n_changed == 1  # B switches to cluster 1
    np.testing.assert_allclose(lloyd[3].centroids, [[1.25, 1.5], [4.0, 5.25]])
    result = kmeans(points, 2, init=points[:2])
    assert result.inertia == pytest.approx(7.875)
    assert result.n_iter == 3


# --------------------------------------------------------------------------- invariants


def test_k_equal_one_gives_the_mean_and_k_equal_n_gives_zero_inertia() -> None:
    X = _blobs(40, 2, 4)
    one = kmeans(X, 1)
    np.testing.assert_allclose(one.centroids[0], X.mean(axis=0))
    assert one.inertia == pytest.approx(((X - X.mean(axis=0)) ** 2).sum())
    every = kmeans(X, len(X))
    assert every.inertia == pytest.approx(0.0, abs=1e-9)


def test_same_seed_same_result_and_well_separated_blobs_are_found() -> None:
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [20.0, 0.0], [0.0, 20.0]])
    truth = rng.integers(3, size=600)
    X = centres[truth] + rng.normal(scale=0.5, size=(600, 2))
    a = kmeans(X, 3, seed=11)
    b = kmeans(X, 3, seed=11)
    np.testing.assert_array_equal(a.labels, b.labels)
    assert a.inertia == b.inertia
    # Same partition as the truth, whatever the cluster ids are.
    pairs = set(zip(truth.tolist(), a.labels.tolist(), strict=True))
    assert len(pairs) == 3


@pytest.mark.parametrize("init", ["k-means++", "random", "array"])
def test_stepper_ends_where_kmeans_ends_and_inertia_never_rises(init: str) -> None:
    X = _blobs(800, 2, 5)
    start: object = X[[3, 50, 400, 700, 10]] if init == "array" else init
    frames = _run(KMeansStepper(X, 5, init=start, seed=9))  # type: ignore[arg-type]
    result = kmeans(X, 5, init=start, seed=9)  # type: ignore[arg-type]
    last = frames[-1]
    np.testing.assert_array_equal(last.labels, result.labels)
    np.testing.assert_array_equal(last.centroids, result.centroids)
    assert last.inertia == result.inertia
    assert last.iteration == result.n_iter
    trace = [value for _, value in last.inertia_trace]
    assert all(b <= a * (1 + 1e-12) for a, b in itertools.pairwise(trace))
    phases = [f.phase for f in frames if f.phase in ("assign", "update")]
    # Half-steps alternate (a final re-assignment may follow the last update).
    assert all(p != q for p, q in itertools.pairwise(phases))
    assert [f.step for f in frames] == list(range(len(frames)))


def test_update_frames_report_moves_and_assign_frames_report_changes() -> None:
    X = _blobs(500, 2, 6)
    stepper = KMeansStepper(X, 4, init="random", seed=1)
    frames = _run(stepper)
    update = next(f for f in frames if f.phase == "update")
    assert update.moved is not None and update.moved.shape == (4,)
    np.testing.assert_allclose(
        update.moved, np.linalg.norm(update.centroids - frames[1].centroids, axis=1)
    )
    text = explain_step(stepper, update)
    assert f"Moved: c1 {update.moved[0]:.3g}" in text and "→" in text
    second_assign = [f for f in frames if f.phase == "assign"][1]
    changed = int((second_assign.labels != frames[frames.index(second_assign) - 2].labels).sum())
    assert second_assign.n_changed == changed
    assert f"<b>{changed:,}</b> of 500 points changed" in explain_step(stepper, second_assign)
    assert not frames[-1].labels.flags.writeable
    assert frames[-1].points is frames[0].points  # the data are shared, not copied per frame


def test_kmeans_plus_plus_probabilities_are_d_squared_over_the_total() -> None:
    X = _blobs(300, 2, 8)
    steps = list(kmeans_plus_plus_steps(X, 4, np.random.default_rng(2)))
    assert len(steps) == 4
    chosen = [i for i, _ in steps]
    assert len(set(chosen)) == 4
    np.testing.assert_allclose(steps[0][1], 1 / 300)
    for m in range(1, 4):
        p = steps[m][1]
        d2 = np.min([((X - X[c]) ** 2).sum(axis=1) for c in chosen[:m]], axis=0)
        np.testing.assert_allclose(p, d2 / d2.sum())
        assert p[chosen[:m]].max() == 0.0
    stepper = KMeansStepper(X, 4, init="k-means++", seed=2)
    frames = _run(stepper)
    seeds = [f for f in frames if f.phase == "seed"]
    assert [f.chosen for f in seeds] == [
        i for i, _ in kmeans_plus_plus_steps(X, 4, np.random.default_rng(2))
    ]
    assert all(f.probabilities is not None for f in seeds)
    drawn = float(steps[2][1][chosen[2]])
    assert f"probability <b>{drawn:.2%}</b>" in explain_step(stepper, seeds[2])


# --------------------------------------------------------------------------- edge cases


@pytest.mark.parametrize(
    ("X", "k", "message"),
    [
        (np.array([[0.0, np.nan], [1.0, 1.0]]), 1, "NaN"),
        (np.array([[0.0, np.inf], [1.0, 1.0]]), 1, "infinity"),
        (np.ones((3, 2)), 4, "only 3"),
        (np.ones((10, 2)), 2, "only 1 distinct"),
        (np.zeros((0, 2)), 1, "no data"),
        (np.arange(5.0), 1, "2-D"),
        (np.ones((4, 2)), 0, "positive"),
    ],
)
def test_bad_input_gives_a_clear_message(X: NDArray[np.float64], k: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        kmeans(X, k)
    with pytest.raises(ValueError, match=message):
        KMeansStepper(X, k)


def test_single_point_constant_data_and_bad_init() -> None:
    one = kmeans(np.array([[2.0, 3.0]]), 1)
    np.testing.assert_array_equal(one.centroids, [[2.0, 3.0]])
    assert one.inertia == 0.0
    constant = kmeans(np.full((50, 2), 7.0), 1)
    assert constant.inertia == 0.0 and np.isfinite(constant.centroids).all()
    X = _blobs(20, 2, 0)
    with pytest.raises(ValueError, match="shape"):
        kmeans(X, 3, init=np.zeros((2, 2)))
    with pytest.raises(ValueError, match="init must be"):
        kmeans(X, 3, init="farthest")
    frames = _run(KMeansStepper(np.array([[2.0, 3.0]]), 1))
    assert frames[-1].inertia == 0.0


def test_duplicate_points_cluster_without_nan() -> None:
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), 20, axis=0)
    for init in ("random", "k-means++"):
        for seed in range(10):
            result = kmeans(X, 3, init=init, seed=seed)
            assert np.isfinite(result.centroids).all()
            assert result.inertia >= 0.0


@settings(max_examples=60, deadline=None)
@given(
    X=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 30), st.just(2)),
        elements=st.sampled_from([0.0, 1.0, -2.5, 3.0, 1e3]) | st.floats(-50, 50),
    ),
    k=st.integers(1, 6),
    init=st.sampled_from(["k-means++", "random"]),
    seed=st.integers(0, 5),
)
def test_any_small_dataset_gives_a_finite_result_or_a_clear_error(
    X: NDArray[np.float64], k: int, init: str, seed: int
) -> None:
    try:
        result = kmeans(X, k, init=init, seed=seed)
    except ValueError as exc:
        assert "k = " in str(exc)  # the only refusals for finite data: k too large
        return
    assert np.isfinite(result.centroids).all()
    assert result.labels.min() >= 0 and result.labels.max() < k
    assert result.inertia == pytest.approx(
        ((X - result.centroids[result.labels]) ** 2).sum(), abs=1e-9
    )
    last = _run(KMeansStepper(X, k, init=init, seed=seed))[-1]
    np.testing.assert_array_equal(last.labels, result.labels)


# --------------------------------------------------------------------------- choosing k


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_silhouette_matches_sklearn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X = _blobs(250, 2, seed)
    labels = rng.integers(4, size=250)
    labels[0] = 4  # a singleton cluster scores 0
    assert silhouette_score(X, labels, chunk_size=64) == pytest.approx(
        sklearn_silhouette(X, labels), abs=1e-10
    )
    fitted = kmeans(X, 5).labels
    assert silhouette_score(X, fitted) == pytest.approx(sklearn_silhouette(X, fitted), abs=1e-10)
    with pytest.raises(ValueError, match="2 to n"):
        silhouette_score(X, np.zeros(250))


def test_elbow_curve_reports_progress_subsamples_and_cancels() -> None:
    X = _blobs(3000, 2, 3)
    calls: list[tuple[int, int]] = []
    result = elbow_curve(
        X, ks=range(1, 7), max_silhouette_points=500, progressed=lambda d, t: calls.append((d, t))
    )
    assert result is not None
    assert result.ks == (1, 2, 3, 4, 5, 6)
    assert calls[-1] == (6, 6)
    assert np.isnan(result.silhouettes[0]) and all(-1 <= s <= 1 for s in result.silhouettes[1:])
    assert result.silhouette_sample == 500 and result.n_points == 3000
    assert result.inertias[0] > result.inertias[-1]
    assert elbow_curve(X, cancelled=lambda: True) is None
    few = elbow_curve(np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]))
    assert few is not None and few.ks == (1, 2)


# --------------------------------------------------------------------------- datasets


@pytest.mark.parametrize(
    "name", [n for n in datasets.DATASETS if n not in (datasets.IRIS, datasets.USER_CSV)]
)
def test_synthetic_datasets_are_seeded_and_finite(name: str) -> None:
    a = datasets.make_dataset(name, 500, 0.8, seed=3)
    b = datasets.make_dataset(name, 500, 0.8, seed=3)
    assert a.points.shape == (500, 2) and np.isfinite(a.points).all()
    np.testing.assert_array_equal(a.points, b.points)
    assert a.note


def test_iris_petals_are_bundled() -> None:
    iris = datasets.make_dataset(datasets.IRIS, 10, 1.0, seed=0)
    assert iris.points.shape == (150, 2)
    assert iris.x_label == "petal length (cm)"
    assert "Fisher" in iris.note
    assert len(np.unique(iris.points, axis=0)) < 150  # duplicates, deliberately kept
    result = kmeans(iris.points, 3, seed=0)
    assert np.isfinite(result.centroids).all()


def test_csv_with_header_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text("user;watch_minutes;sessions\nu1;1.5;3\nu2;2.5;4\nu3;10;1\n", encoding="utf-8")
    data = datasets.load_xy_csv(path)
    np.testing.assert_array_equal(data.points, [[1.5, 3], [2.5, 4], [10, 1]])
    assert (data.x_label, data.y_label) == ("watch_minutes", "sessions")
    points, x, _ = datasets.parse_xy_csv("1,2\n3,4\n")
    assert points.shape == (2, 2) and x == "column 1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,y\n1,2\n3,nan\n5,6\n", "lines 3"),
        ("x,y\n1,2\n3,\n", "missing, NaN"),
        ("x,y\n1,inf\n", "infinite"),
        ("x,name\n1,a\n2,b\n", "non-numeric column “name” .line 2"),
        ("x\n1\n2\n", "found 1"),
        ("", "empty"),
        ("x,y\n", "no data rows"),
    ],
)
def test_bad_csv_gives_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        datasets.parse_xy_csv(text)


def test_unreadable_csv_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="could not read"):
        datasets.load_xy_csv(tmp_path / "missing.csv")
    binary = tmp_path / "sheet.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81\x90")
    with pytest.raises(ValueError, match="UTF-8"):
        datasets.load_xy_csv(binary)


def test_kmeans_plus_plus_survives_distances_that_underflow() -> None:
    # Found by Hypothesis: (4.6e-185)² underflows to 0, so every D² was 0 and p = 0/0.
    X = np.array([[4.57562778e-185, 0.0], [0.0, 0.0]])
    result = kmeans(X, 2, init="k-means++", seed=0)
    assert np.isfinite(result.centroids).all()
    assert set(result.labels.tolist()) <= {0, 1}  # distances this small all round to 0


@pytest.mark.parametrize("d", [2, 3])
def test_fast_assignment_gives_the_readable_answers_labels(d: int) -> None:
    from visualizers.kmeans.fast import nearest_centroid_fast

    rng = np.random.default_rng(d)
    points = rng.normal(size=(5000, d)).round(1)  # rounding makes exact ties common
    centroids = points[rng.choice(5000, 7, replace=False)].copy()
    centroids[3] = centroids[1]  # two identical centroids: ties go to the lower index
    fast_labels, fast_d2 = nearest_centroid_fast(points, centroids)
    labels, d2 = nearest_centroid(points, centroids)
    brute = ((points[:, None, :] - centroids[None]) ** 2).sum(axis=2)
    assert np.array_equal(labels, np.argmin(brute, axis=1))
    assert not (labels == 3).any()
    close = np.sort(brute, axis=1)
    clear = close[:, 1] - close[:, 0] > 1e-9  # the general fast path rounds differently
    assert np.array_equal(fast_labels[clear], labels[clear])
    np.testing.assert_allclose(fast_d2, d2, atol=1e-9)


def test_kmeans_is_the_stepper_run_to_the_end() -> None:
    from visualizers.kmeans.algorithm import lloyd_steps

    X = np.random.default_rng(5).normal(size=(300, 2))
    steps = list(lloyd_steps(X, 4, "k-means++", seed=3))
    phases = [s.phase for s in steps]
    assert phases[:4] == ["seed"] * 4 and phases[4] == "assign" and steps[-1].final
    result = kmeans(X, 4, seed=3)
    assert np.array_equal(result.centroids, steps[-1].centroids)
    frames = _run(KMeansStepper(X, 4, seed=3))
    assert len(frames) == len(steps) + 1  # plus the data frame
    assert np.array_equal(frames[-1].centroids, result.centroids)
