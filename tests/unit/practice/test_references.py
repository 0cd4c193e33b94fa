"""The practice references against independent oracles: SciPy, scikit-learn, brute force."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import log_softmax, softmax
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import KNeighborsClassifier

from app.practice import reference_dsa as dsa
from app.practice import reference_ml as ml

# -- machine learning from scratch ---------------------------------------------------------


def test_softmax_cross_entropy_matches_scipy() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=(6, 4)) * 50
    y = rng.integers(0, 4, 6)
    probs, loss = ml.softmax_cross_entropy(z, y)
    np.testing.assert_allclose(probs, softmax(z, axis=1), rtol=1e-12)
    assert loss == pytest.approx(-log_softmax(z, axis=1)[np.arange(6), y].mean(), rel=1e-12)
    _, extreme = ml.softmax_cross_entropy(np.array([[0.0, 800.0]]), np.array([0]))
    assert extreme == pytest.approx(800.0)


def test_logistic_regression_steps_and_converges_like_sklearn() -> None:
    X = np.array([[0.5], [1.5], [-1.0], [-2.0]])
    y = np.array([1, 1, 0, 0])
    w, b = ml.logistic_regression(X, y, 0.5, 1)
    # one step from zero: σ(0) = ½, so the gradient is Xᵀ(½ − y)/n
    np.testing.assert_allclose(w, -0.5 * X.T @ (0.5 - y) / 4)
    assert b == pytest.approx(-0.5 * (0.5 - y).sum() / 4)
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(1)
    Xr = rng.normal(size=(200, 2))
    yr = (Xr @ [1.5, -2.0] + 0.5 + rng.logistic(size=200) > 0).astype(int)
    w, b = ml.logistic_regression(Xr, yr, 1.0, 5000)
    model = LogisticRegression(C=1e12, tol=1e-10, max_iter=10000).fit(Xr, yr)
    np.testing.assert_allclose(w, model.coef_[0], rtol=1e-3)
    assert b == pytest.approx(model.intercept_[0], rel=1e-3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 6)), min_size=2, max_size=40))
def test_roc_auc_matches_sklearn_with_ties(rows: list[tuple[int, int]]) -> None:
    labels = [r[0] for r in rows]
    if len(set(labels)) < 2:
        with pytest.raises(ValueError):
            ml.roc_auc(labels, [r[1] for r in rows])
        return
    scores = [r[1] / 6 for r in rows]
    assert ml.roc_auc(labels, scores) == pytest.approx(roc_auc_score(labels, scores), abs=1e-12)


def test_attention_matches_an_explicit_loop() -> None:
    rng = np.random.default_rng(2)
    Q, K, V = rng.normal(size=(5, 3)), rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    for causal in (False, True):
        out, weights = ml.attention(Q, K, V, causal)
        for i in range(5):
            visible = range(i + 1) if causal else range(5)
            scores = np.array([Q[i] @ K[j] / math.sqrt(3) for j in visible])
            p = np.exp(scores) / np.exp(scores).sum()
            np.testing.assert_allclose(
                out[i], sum(pj * V[j] for pj, j in zip(p, visible, strict=True))
            )
            np.testing.assert_allclose(weights[i, list(visible)], p)
            assert np.all(weights[i, i + 1 :] == 0) or not causal


def test_iou_and_nms_against_brute_force() -> None:
    assert ml.iou([0, 0, 2, 2], [1, 1, 3, 3]) == pytest.approx(1 / 7)
    rng = np.random.default_rng(3)
    corner = rng.uniform(0, 10, (30, 2))
    boxes = np.c_[corner, corner + rng.uniform(1, 5, (30, 2))]
    scores = rng.random(30)
    kept = ml.non_max_suppression(boxes, scores, 0.3)
    # every dropped box overlaps a kept box with a higher score; kept boxes don't overlap
    for i in range(30):
        if i in kept:
            assert all(ml.iou(boxes[i], boxes[j]) <= 0.3 for j in kept if j != i)
        else:
            assert any(ml.iou(boxes[i], boxes[j]) > 0.3 and scores[j] >= scores[i] for j in kept)
    assert kept == sorted(kept, key=lambda i: -scores[i])


def test_knn_matches_sklearn() -> None:
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(60, 3)), rng.integers(0, 3, 60)
    test = rng.normal(size=(25, 3))
    for k in (1, 4, 7):
        model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X, y)
        assert ml.knn_predict(X, y, test, k) == model.predict(test).tolist()


def test_stratified_split_proportions() -> None:
    y = [0] * 50 + [1] * 7 + [2] * 3
    train, test = ml.stratified_split(y, 0.3, 5)
    assert sorted(train + test) == list(range(60))
    assert Counter(y[i] for i in test) == {0: 15, 1: 2, 2: 1}


def test_reservoir_sampling_is_uniform() -> None:
    counts = Counter(i for seed in range(4000) for i in ml.reservoir_sample(range(8), 2, seed))
    for item in range(8):
        assert abs(counts[item] / 4000 - 0.25) < 5 * math.sqrt(0.25 * 0.75 / 4000)


def test_weighted_sampling_first_draw_is_proportional_to_weight() -> None:
    weights = [1.0, 2.0, 7.0]
    # with k = 1 the chosen item must follow the weights exactly
    counts = Counter(ml.weighted_sample([0, 1, 2], weights, 1, seed)[0] for seed in range(6000))
    for item, w in enumerate(weights):
        p = w / 10
        assert abs(counts[item] / 6000 - p) < 5 * math.sqrt(p * (1 - p) / 6000)


def test_batchnorm_against_the_formula() -> None:
    rng = np.random.default_rng(6)
    x = rng.normal(3, 2, (8, 4))
    g, b = rng.random(4) + 0.5, rng.normal(size=4)
    out, mean, var = ml.batchnorm_forward(x, g, b, np.zeros(4), np.ones(4), True, 0.1, 1e-5)
    standardized = (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-5)
    np.testing.assert_allclose(out, g * standardized + b)
    np.testing.assert_allclose(mean, 0.1 * x.mean(0))
    np.testing.assert_allclose(var, 0.9 + 0.1 * x.var(0, ddof=1))
    out2, mean2, var2 = ml.batchnorm_forward(x, g, b, mean, var, False, 0.1, 1e-5)
    np.testing.assert_allclose(out2, g * (x - mean) / np.sqrt(var + 1e-5) + b)
    assert np.array_equal(mean2, mean) and np.array_equal(var2, var)


# -- data structures and algorithms ------------------------------------------------------------

ints = st.lists(st.integers(-20, 20), max_size=40)


@given(ints, st.integers(0, 50))
def test_top_k_is_the_sorted_prefix(nums: list[int], k: int) -> None:
    assert dsa.top_k(nums, k) == sorted(nums, reverse=True)[:k]


@given(st.lists(ints, max_size=6))
def test_merge_k_sorted_is_sorting(lists: list[list[int]]) -> None:
    assert dsa.merge_k_sorted([sorted(x) for x in lists]) == sorted(itertools.chain(*lists))


@given(ints.filter(bool), st.data())
def test_sliding_window_max_brute_force(nums: list[int], data: st.DataObject) -> None:
    k = data.draw(st.integers(1, len(nums)))
    assert dsa.sliding_window_max(nums, k) == [
        max(nums[i : i + k]) for i in range(len(nums) - k + 1)
    ]


@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=50), st.integers(1, 8))
def test_moving_average_brute_force(values: list[float], size: int) -> None:
    average = dsa.MovingAverage(size)
    for i, v in enumerate(values):
        window = values[max(0, i - size + 1) : i + 1]
        assert average.next(v) == pytest.approx(sum(window) / len(window), abs=1e-6)


@given(st.lists(st.integers(1, 30), min_size=1, max_size=12), st.integers(1, 6))
def test_min_capacity_brute_force(weights: list[int], days: int) -> None:
    def fits(capacity: int) -> bool:
        used, load = 1, 0
        for w in weights:
            if load + w > capacity:
                used, load = used + 1, 0
            load += w
        return used <= days

    assert dsa.min_capacity(weights, days) == next(
        c for c in itertools.count(max(weights)) if fits(c)
    )


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=20))
def test_merge_intervals_cover_the_same_points(raw: list[tuple[int, int]]) -> None:
    intervals: list[list[float]] = [[s, s + d] for s, d in raw]
    merged = dsa.merge_intervals(intervals)
    covered = {x / 2 for s, e in intervals for x in range(int(2 * s), int(2 * e) + 1)}
    assert {x / 2 for s, e in merged for x in range(int(2 * s), int(2 * e) + 1)} == covered
    assert all(a[1] < b[0] for a, b in itertools.pairwise(merged))


def test_lru_cache_against_a_list_model() -> None:
    rng = np.random.default_rng(7)
    cache = dsa.LRUCache(3)
    model: list[tuple[int, int]] = []  # model: [(key, value)], most recent last
    for _ in range(500):
        key = int(rng.integers(0, 6))
        if rng.random() < 0.5:
            found = [v for k, v in model if k == key]
            assert cache.get(key) == (found[0] if found else -1)
            if found:
                model = [(k, v) for k, v in model if k != key] + [(key, found[0])]
        else:
            value = int(rng.integers(0, 100))
            cache.put(key, value)
            model = [(k, v) for k, v in model if k != key] + [(key, value)]
            model = model[-3:]


@given(
    st.lists(st.text("abc", max_size=5), max_size=30),
    st.text("abc", max_size=2),
    st.integers(0, 10),
)
def test_trie_autocomplete_brute_force(words: list[str], prefix: str, k: int) -> None:
    trie = dsa.Trie()
    for w in words:
        trie.insert(w)
    assert trie.autocomplete(prefix, k) == sorted({w for w in words if w.startswith(prefix)})[:k]


def test_grid_bfs_against_scipy_shortest_path() -> None:
    from scipy.sparse import lil_matrix
    from scipy.sparse.csgraph import shortest_path

    rng = np.random.default_rng(8)
    for _ in range(5):
        cells = np.where(rng.random((9, 11)) < 0.3, "#", ".")
        cells[0, 0] = cells[-1, -1] = "."
        grid = ["".join(r) for r in cells]
        graph = lil_matrix((99, 99))
        for r, c in itertools.product(range(9), range(11)):
            for nr, nc in ((r + 1, c), (r, c + 1)):
                if nr < 9 and nc < 11 and cells[r, c] == "." and cells[nr, nc] == ".":
                    graph[r * 11 + c, nr * 11 + nc] = 1
        distance = shortest_path(graph.tocsr(), directed=False, indices=0)[98]
        assert dsa.grid_shortest_path(grid, (0, 0), (8, 10)) == (
            -1 if np.isinf(distance) else int(distance)
        )


def test_topological_order_respects_edges_and_finds_cycles() -> None:
    order = dsa.topological_order(["c", "b", "a"], [("a", "b"), ("b", "c")])
    assert order == ["a", "b", "c"]
    with pytest.raises(ValueError, match="cycle"):
        dsa.topological_order(["a", "b"], [("a", "b"), ("b", "a")])


def test_components_against_scipy() -> None:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(9)
    for n in (1, 10, 200):
        edges = rng.integers(0, n, (n, 2))
        graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
        expected = connected_components(graph, directed=False)[0]
        assert dsa.count_components(n, [(int(a), int(b)) for a, b in edges]) == expected


@given(st.lists(st.integers(-10, 10), max_size=25), st.integers(-20, 20))
def test_two_sum_brute_force(nums: list[int], target: int) -> None:
    pairs = [
        (i, j)
        for i, j in itertools.combinations(range(len(nums)), 2)
        if nums[i] + nums[j] == target
    ]
    found = dsa.two_sum(nums, target)
    assert (found is None) == (not pairs)
    if found:
        assert found in pairs
    assert dsa.two_sum_count(nums, target) == len(pairs)


def test_sparse_products_match_dense_numpy() -> None:
    rng = np.random.default_rng(10)
    a, b = (
        rng.normal(size=50) * (rng.random(50) < 0.2),
        rng.normal(size=50) * (rng.random(50) < 0.5),
    )
    as_dict = lambda v: {i: float(x) for i, x in enumerate(v) if x}  # noqa: E731
    assert dsa.sparse_dot(as_dict(a), as_dict(b)) == pytest.approx(a @ b)
    A = rng.integers(-3, 4, (6, 7)) * (rng.random((6, 7)) < 0.3)
    B = rng.integers(-3, 4, (7, 5)) * (rng.random((7, 5)) < 0.3)
    to_dict = lambda M: {(i, j): float(M[i, j]) for i, j in zip(*np.nonzero(M), strict=True)}  # noqa: E731
    assert dsa.sparse_matmul(to_dict(A), to_dict(B)) == to_dict(A @ B)


@given(st.lists(st.integers(-100, 100), min_size=1, max_size=50))
def test_running_median_matches_numpy(values: list[int]) -> None:
    finder = dsa.MedianFinder()
    for i, v in enumerate(values):
        finder.add(v)
        assert finder.median() == pytest.approx(float(np.median(values[: i + 1])))


def test_weighted_sampling_inclusion_matches_the_exact_probabilities() -> None:
    from app.practice.problems_ml import _inclusion

    weights = [1.0, 2.0, 3.0, 4.0, 10.0]
    exact = _inclusion(weights, 2)
    assert exact.sum() == pytest.approx(2.0)
    counts = Counter(
        i for s in range(5000) for i in ml.weighted_sample(list(range(5)), weights, 2, s)
    )
    for item in range(5):
        p = exact[item]
        assert abs(counts[item] / 5000 - p) < 5 * math.sqrt(p * (1 - p) / 5000)
