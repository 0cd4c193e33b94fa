"""Practice problems for the guide's five coding questions (21–25): starters and tests (no Qt).

The expected values come from oracles written here, independently of the app's reference
functions: the cosine formula on rescaled vectors, confusion-matrix counts, a plain Lloyd
loop and its fixed-point property, gradient-descent iterates and `numpy.linalg.lstsq`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from app.practice.cases import (
    Case,
    Check,
    as_array,
    as_float,
    call,
    compare_array,
    expect_number,
    expect_value_error,
    raised,
    show,
    show_args,
)
from app.practice.problems import Problem, function_starter
from app.practice.runner import CallResult

# -- Q21 cosine similarity -----------------------------------------------------------------


def _cosine_oracle(a: Any, b: Any) -> float:
    u = np.asarray(a, dtype=float)
    v = np.asarray(b, dtype=float)
    u = u / np.abs(u).max()
    v = v / np.abs(v).max()
    return float(np.clip(u @ v / np.sqrt((u @ u) * (v @ v)), -1.0, 1.0))


def _cosine_cases() -> list[Case]:
    cases: list[Case] = []

    def add(kind: str, title: str, a: Any, b: Any, check: Check, expected: str) -> None:
        cases.append(
            Case(
                f"{kind}-{len(cases) + 1}",
                kind,
                title,
                call("cosine_similarity", a, b),
                show_args(a, b),
                expected,
                check,
            )
        )

    fixed = [
        ("a user and a video", [1, 2, 2], [2, 1, 2], "divide the dot product by ‖a‖·‖b‖"),
        (
            "a vector and 2× another",
            [1, 2, 2],
            [4, 2, 4],
            "cosine ignores length: divide by both norms",
        ),
        ("identical vectors", [3.0, -1.0, 2.0], [3.0, -1.0, 2.0], ""),
        ("orthogonal vectors", [1, 0, 0], [0, 5, 0], ""),
        ("opposite vectors", [1, 2, 2], [-1, -2, -2], ""),
        ("one dimension", [-4.0], [2.0], ""),
    ]
    for title, a, b, hint in fixed:
        value = _cosine_oracle(a, b)
        add(
            "fixed",
            title,
            a,
            b,
            expect_number(value, rtol=1e-9, atol=1e-12, hint=hint),
            show(value),
        )
    edges = [
        ("zero vector first", [0, 0, 0], [1, 2, 3], "a zero vector has no direction"),
        ("zero vector second", [1, 2, 3], [0.0, 0.0, 0.0], "a zero vector has no direction"),
        ("empty input", [], [], "empty vectors"),
        ("different lengths", [1, 2, 3], [1, 2], "the lengths differ"),
    ]
    for title, a, b, reason in edges:
        add("edge", title, a, b, expect_value_error(reason), "ValueError")
    huge = ([1e200, 2e200], [3e200, -1e200])
    add(
        "edge",
        "huge magnitudes (squares overflow)",
        *huge,
        expect_number(
            _cosine_oracle(*huge), rtol=1e-9, hint="divide each vector by its largest |entry| first"
        ),
        show(_cosine_oracle(*huge)),
    )
    rng = np.random.default_rng(21)
    for _ in range(6):
        d = int(rng.integers(2, 40))
        a = rng.normal(size=d).round(6)
        b = rng.normal(size=d).round(6)
        value = _cosine_oracle(a, b)
        add(
            "random",
            f"random vectors, d = {d}",
            a,
            b,
            expect_number(value, rtol=1e-9, atol=1e-12),
            show(value),
        )
    return cases


COSINE = Problem(
    21,
    "cosine_similarity",
    "Cosine similarity",
    function_starter(
        "def cosine_similarity(a, b):",
        """
        Cosine of the angle between vectors a and b: (a·b) / (‖a‖ ‖b‖), a float in [-1, 1].

        a, b: 1-D sequences of numbers (lists or NumPy arrays) of the same length.
        Raises ValueError for a zero vector, empty input or different lengths.
        Huge entries (1e200) must not overflow.
        """,
    ),
    "visualizers.similarity.algorithm:cosine_similarity",
    _cosine_cases,
)

# -- Q24 precision and recall ------------------------------------------------------------------


def _pr_oracle(y_true: list[int], y_pred: list[int]) -> tuple[float, float]:
    pairs = list(zip(y_true, y_pred, strict=True))
    tp = sum(1 for t, p in pairs if t == 1 and p == 1)
    fp = sum(1 for t, p in pairs if t == 0 and p == 1)
    fn = sum(1 for t, p in pairs if t == 1 and p == 0)
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def _expect_pair(expected: tuple[float, float], hint: str = "") -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            extra = f" — {hint}" if hint and result.error_type != "MemoryError" else ""
            return f"expected {show(expected)}, but it {raised(result)}{extra}"
        value = result.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return f"should return (precision, recall), got {show(value)}"
        first, second = as_float(value[0]), as_float(value[1])
        if first is None or second is None:
            return f"should return two numbers, got {show(value)}"
        got = [first, second]
        if np.allclose(got, expected, rtol=1e-12, atol=1e-12):
            return None
        if expected[0] != expected[1] and np.allclose(got[::-1], expected, rtol=1e-12, atol=1e-12):
            return f"expected {show(expected)}, got {show(value)}: precision and recall are swapped (precision = TP/(TP+FP))"
        return f"expected {show(expected)}, got {show(value)}" + (f" — {hint}" if hint else "")

    return check


def _pr_cases() -> list[Case]:
    cases: list[Case] = []

    def add(kind: str, title: str, y_true: Any, y_pred: Any, check: Check, expected: str) -> None:
        cases.append(
            Case(
                f"{kind}-{len(cases) + 1}",
                kind,
                title,
                call("precision_recall", y_true, y_pred),
                show_args(y_true, y_pred),
                expected,
                check,
            )
        )

    fixed = [
        ("a moderation model", [1, 0, 1, 1, 0, 1], [1, 1, 0, 1, 0, 0]),
        ("every prediction right", [1, 0, 1, 0], [1, 0, 1, 0]),
        ("flags everything", [1, 0, 0, 0, 1], [1, 1, 1, 1, 1]),
        ("one false positive", [0, 1, 1, 1], [1, 1, 1, 1]),
    ]
    for title, t, p in fixed:
        expected = _pr_oracle(t, p)
        add("fixed", title, t, p, _expect_pair(expected), show(expected))
    zero = [
        ("nothing predicted positive (TP + FP = 0)", [1, 0, 1], [0, 0, 0]),
        ("nothing actually positive (TP + FN = 0)", [0, 0, 0], [1, 0, 0]),
        ("all negative, all predicted negative", [0, 0], [0, 0]),
    ]
    for title, t, p in zero:
        expected = _pr_oracle(t, p)
        add(
            "edge",
            title,
            t,
            p,
            _expect_pair(expected, "a zero denominator gives 0.0"),
            show(expected),
        )
    add(
        "edge",
        "NumPy arrays",
        np.array([1, 1, 0]),
        np.array([1, 0, 0]),
        _expect_pair(_pr_oracle([1, 1, 0], [1, 0, 0])),
        "(1.0, 0.5)",
    )
    add("edge", "empty input", [], [], expect_value_error("empty input"), "ValueError")
    add(
        "edge",
        "different lengths",
        [1, 0, 1],
        [1, 0],
        expect_value_error("different lengths"),
        "ValueError",
    )
    add(
        "edge",
        "a label that is not 0/1",
        [1, 0, 2],
        [1, 0, 1],
        expect_value_error("labels must be 0 or 1"),
        "ValueError",
    )
    rng = np.random.default_rng(24)
    for _ in range(5):
        n = int(rng.integers(5, 60))
        t = rng.integers(0, 2, n).tolist()
        p = rng.integers(0, 2, n).tolist()
        expected = _pr_oracle(t, p)
        add("random", f"random labels, n = {n}", t, p, _expect_pair(expected), show(expected))
    return cases


PRECISION_RECALL = Problem(
    24,
    "precision_recall",
    "Precision and recall",
    function_starter(
        "def precision_recall(y_true, y_pred):",
        """
        Precision and recall of binary predictions, returned as (precision, recall) floats.

        y_true, y_pred: sequences of 0/1 labels of the same length (1 = positive).
        precision = TP / (TP + FP); recall = TP / (TP + FN).
        A zero denominator gives 0.0 for that value.
        Raises ValueError for empty input, different lengths or labels other than 0 and 1.
        """,
    ),
    "visualizers.pr_threshold.algorithm:precision_recall",
    _pr_cases,
)

# -- Q25 gradient descent for linear regression --------------------------------------------


def _gd_iterates(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> tuple[np.ndarray, float]:
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = X @ w + b - y
        w, b = w - lr * 2.0 / n * (X.T @ r), b - lr * 2.0 / n * r.sum()
    return w, b


def _expect_fit(w: np.ndarray, b: float, rtol: float, atol: float, hint: str = "") -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected weights {show(w)} and bias {b:.6g}, but it {raised(result)}"
        value = result.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return f"should return (weights, bias), got {show(value)}"
        problem = compare_array(value[0], w, rtol=rtol, atol=atol, what="the weights", hint=hint)
        if problem:
            return problem
        got_b = as_float(value[1])
        if got_b is None or not abs(got_b - b) <= atol + rtol * abs(b):
            return f"the bias should be {b:.6g}, got {show(value[1])}" + (
                f" — {hint}" if hint else ""
            )
        return None

    return check


def _gd_data(seed: int, n: int, d: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)).round(4)
    y = (X @ rng.normal(size=d) + rng.normal() + noise * rng.normal(size=n)).round(4)
    return X, y


def _gd_cases() -> list[Case]:
    cases: list[Case] = []

    def add(kind: str, title: str, args: tuple[Any, ...], check: Check, expected: str) -> None:
        cases.append(
            Case(
                f"{kind}-{len(cases) + 1}",
                kind,
                title,
                call("gradient_descent", *args),
                show_args(*args),
                expected,
                check,
            )
        )

    X = np.array([[1.0], [2.0], [3.0], [4.0]])
    y = np.array([3.0, 5.0, 7.0, 9.0])
    for epochs in (1, 2, 10):
        w, b = _gd_iterates(X, y, 0.05, epochs)
        add(
            "fixed",
            f"y = 2x + 1 after {epochs} epoch(s) from zero, lr = 0.05",
            (X, y, 0.05, epochs),
            _expect_fit(
                w, b, 1e-7, 1e-9, "use the MSE gradient (2/n)·Xᵀr and update w and b together"
            ),
            f"({show(w)}, {b:.6g})",
        )
    add(
        "fixed",
        "y = 2x + 1 converges",
        (X, y, 0.05, 5000),
        _expect_fit(np.array([2.0]), 1.0, 1e-5, 1e-5),
        "([2.], 1)",
    )
    X2, y2 = _gd_data(25, 40, 3, 0.1)
    solution = np.linalg.lstsq(np.c_[X2, np.ones(len(X2))], y2, rcond=None)[0]
    add(
        "fixed",
        "3 features: matches least squares",
        (X2, y2, 0.1, 3000),
        _expect_fit(solution[:-1], float(solution[-1]), 1e-5, 1e-6),
        f"({show(solution[:-1])}, {solution[-1]:.6g}) (numpy.linalg.lstsq)",
    )
    add(
        "edge",
        "divergence: lr far too large",
        (X, y, 5.0, 200),
        expect_value_error("the loss becomes inf/nan: the run diverged"),
        "ValueError",
    )
    add(
        "edge",
        "empty input",
        (np.zeros((0, 1)), np.zeros(0), 0.1, 10),
        expect_value_error("no samples"),
        "ValueError",
    )
    add(
        "edge",
        "different numbers of rows",
        (X, y[:3], 0.1, 10),
        expect_value_error("X and y disagree in length"),
        "ValueError",
    )
    rng = np.random.default_rng(250)
    for i in range(4):
        n, d = int(rng.integers(5, 30)), int(rng.integers(1, 5))
        Xr, yr = _gd_data(300 + i, n, d, 0.5)
        epochs = int(rng.integers(1, 30))
        w, b = _gd_iterates(Xr, yr, 0.05, epochs)
        add(
            "random",
            f"random data n = {n}, d = {d}, {epochs} epochs",
            (Xr, yr, 0.05, epochs),
            _expect_fit(w, b, 1e-7, 1e-9),
            f"({show(w)}, {b:.6g})",
        )
    return cases


GRADIENT_DESCENT = Problem(
    25,
    "gradient_descent",
    "Linear regression by gradient descent",
    function_starter(
        "def gradient_descent(X, y, lr, epochs):",
        """
        Fit y ≈ X·w + b by batch gradient descent on the mean squared error; return (w, b).

        X: array (n, d); y: array (n,); start from w = 0, b = 0 and take exactly `epochs`
        steps of size lr on L = (1/n) Σ (xᵢ·w + b − yᵢ)², whose gradient is
        ∂L/∂w = (2/n) Xᵀr, ∂L/∂b = (2/n) Σ rᵢ with r = X·w + b − y.
        w: array (d,); b: float.
        Raises ValueError for empty input, mismatched lengths, or when the loss becomes
        inf or nan (the learning rate is too large and the run diverged).
        """,
    ),
    "visualizers.gradient_descent.algorithm:gradient_descent",
    _gd_cases,
    visualizer="gradient_descent",
)

# -- Q23 k-means -----------------------------------------------------------------------------


def _lloyd(X: np.ndarray, C: np.ndarray, iterations: int) -> tuple[np.ndarray, np.ndarray]:
    """Plain Lloyd from given centroids; the test data never empties a cluster."""
    for _ in range(iterations):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = np.array([X[labels == j].mean(axis=0) for j in range(len(C))])
        if np.array_equal(new, C):
            break
        C = new
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return C, labels


def _blobs(seed: int, k: int, per: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [8.0, 1.0], [3.0, 9.0], [-7.0, 6.0], [10.0, 10.0]])[:k]
    X = np.concatenate([c + rng.normal(scale=0.8, size=(per, 2)) for c in centres]).round(4)
    return X, centres


def _kmeans_shape(
    value: Any, n: int, k: int, d: int
) -> tuple[np.ndarray | None, np.ndarray | None, str | None]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        return None, None, f"should return (centroids, labels), got {show(value)}"
    centroids, labels = as_array(value[0]), as_array(value[1])
    if centroids is None or centroids.shape != (k, d):
        return None, None, f"centroids should be an array of shape ({k}, {d}), got {show(value[0])}"
    if not np.all(np.isfinite(centroids)):
        return (
            None,
            None,
            (
                f"a centroid is nan or inf: {show(centroids)} — an empty cluster's mean is 0/0;"
                " keep its old centroid or re-seed it"
            ),
        )
    if labels is None or labels.shape != (n,):
        return None, None, f"labels should be an array of {n} cluster indices, got {show(value[1])}"
    if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= k:
        return None, None, f"labels should be whole numbers in 0..{k - 1}, got {show(labels)}"
    return centroids, labels.astype(int), None


def _expect_kmeans(
    X: np.ndarray, k: int, expected: np.ndarray | None, *, exact_labels: np.ndarray | None = None
) -> Check:
    """Finite (k, d) centroids, each label its point's nearest centroid, and the expected centroids."""

    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected centroids and labels, but it {raised(result)}"
        centroids, labels, problem = _kmeans_shape(result.value, len(X), k, X.shape[1])
        if problem or centroids is None or labels is None:
            return problem
        nearest = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        wrong = np.flatnonzero(nearest[np.arange(len(X)), labels] > nearest.min(axis=1) + 1e-9)
        if wrong.size:
            return f"point {int(wrong[0])} is labelled {labels[wrong[0]]} but another centroid is nearer: labels must come from the final centroids"
        if expected is not None:
            if exact_labels is not None:
                got = centroids
            else:  # any order of the clusters is fine
                got = centroids[np.lexsort(centroids.T[::-1])]
                expected_sorted = expected[np.lexsort(expected.T[::-1])]
                return compare_array(
                    got, expected_sorted, rtol=1e-6, atol=1e-6, what="the centroids (sorted)"
                )
            return compare_array(
                got,
                expected,
                rtol=1e-6,
                atol=1e-6,
                what="the centroids",
                hint="each centroid moves to the mean of its points",
            )
        return None

    return check


def _expect_centroids(expected: np.ndarray) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected centroids {show(expected)}, but it {raised(result)}"
        value = result.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return f"should return (centroids, labels), got {show(value)}"
        return compare_array(
            value[0],
            expected,
            rtol=1e-7,
            atol=1e-9,
            what="the centroids",
            hint="one iteration: assign to the nearest centroid, then move each to its points' mean",
        )

    return check


def _kmeans_cases() -> list[Case]:
    cases: list[Case] = []

    def add(kind: str, title: str, args: tuple[Any, ...], check: Check, expected: str) -> None:
        shown = show_args(*args)
        cases.append(
            Case(
                f"{kind}-{len(cases) + 1}",
                kind,
                title,
                call("kmeans", *args),
                shown,
                expected,
                check,
            )
        )

    X, _centres = _blobs(23, 3, 15)
    init = np.array([[1.0, 1.0], [6.0, 0.0], [2.0, 6.0]])
    final, labels = _lloyd(X, init, 100)
    add(
        "fixed",
        "three blobs from given centroids",
        (X, 3, init, 100, 0.0, 0),
        _expect_kmeans(X, 3, final, exact_labels=labels),
        show(final),
    )
    one, _ = _lloyd(X, init, 1)
    add(
        "fixed",
        "exactly one iteration (max_iter = 1)",
        (X, 3, init, 1, 0.0, 0),
        _expect_centroids(one),
        show(one),
    )
    for method in ("k-means++", "random"):
        add(
            "fixed",
            f"three blobs, init = {method!r}",
            (X, 3, method, 100, 1e-4, 0),
            _expect_kmeans(X, 3, final),
            f"{show(final)} in any order",
        )
    tiny = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    far = np.array([[0.0, 0.5], [10.0, 0.5], [100.0, 100.0]])
    add(
        "edge",
        "an empty cluster (a centroid far from every point)",
        (tiny, 3, far, 10, 0.0, 0),
        _expect_kmeans(tiny, 3, None),
        "3 finite centroids, labels from the nearest one",
    )
    add(
        "edge",
        "k larger than the number of points",
        (tiny, 5, "random", 10, 1e-4, 0),
        expect_value_error("k exceeds the number of points"),
        "ValueError",
    )
    add(
        "edge",
        "k = 0",
        (tiny, 0, "random", 10, 1e-4, 0),
        expect_value_error("k must be at least 1"),
        "ValueError",
    )
    add(
        "edge",
        "empty input",
        (np.zeros((0, 2)), 2, "random", 10, 1e-4, 0),
        expect_value_error("no points"),
        "ValueError",
    )
    add(
        "edge",
        "k = 1: the mean of all points",
        (tiny, 1, "random", 10, 1e-4, 0),
        _expect_kmeans(tiny, 1, tiny.mean(axis=0, keepdims=True)),
        "[[5, 0.5]]",
    )
    rng = np.random.default_rng(230)
    for i in range(3):
        k = int(rng.integers(2, 6))
        Xr, _ = _blobs(400 + i, k, int(rng.integers(6, 20)))
        per = len(Xr) // k
        start = Xr[[j * per for j in range(k)]]
        expected, expected_labels = _lloyd(Xr, start, 300)
        add(
            "random",
            f"{k} random blobs, n = {len(Xr)}",
            (Xr, k, start, 300, 0.0, 0),
            _expect_kmeans(Xr, k, expected, exact_labels=expected_labels),
            show(expected),
        )
    return cases


KMEANS = Problem(
    23,
    "kmeans",
    "k-means (Lloyd's algorithm)",
    function_starter(
        "def kmeans(X, k, init, max_iter, tol, seed):",
        """
        Cluster the rows of X (n × d) into k groups with Lloyd's algorithm; return (centroids, labels).

        init: "k-means++", "random" (k distinct data points) or a (k, d) array of starting
        centroids. Each iteration assigns every point to its nearest centroid, then moves every
        centroid to the mean of its points. Stop when no label changes, when the centroids'
        total squared shift is at most tol, or after max_iter iterations.
        An empty cluster must not become nan (keep its centroid, or re-seed it).
        centroids: array (k, d); labels: int array (n,), each point's nearest final centroid.
        Raises ValueError for empty X, k < 1, or k larger than the number of points.
        """,
    ),
    "visualizers.kmeans.algorithm:kmeans",
    _kmeans_cases,
    visualizer="kmeans",
)

# -- Q22 matrix factorization ----------------------------------------------------------------


def _low_rank(seed: int, m: int, n: int, rank: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.uniform(0.5, 1.5, (m, rank)) @ rng.uniform(0.5, 1.5, (rank, n))).round(3)


def _expect_factors(
    R: np.ndarray,
    mask: np.ndarray,
    rank: int,
    max_rmse: float,
    *,
    bound: float | None = None,
    what: str = "",
) -> Check:
    m, n = R.shape

    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected factors P ({m}×{rank}) and Q ({n}×{rank}), but it {raised(result)}"
        value = result.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return f"should return (P, Q), got {show(value)}"
        P, Q = as_array(value[0]), as_array(value[1])
        if P is None or P.shape != (m, rank):
            return f"P should have shape ({m}, {rank}), got {show(value[0])}"
        if Q is None or Q.shape != (n, rank):
            return f"Q should have shape ({n}, {rank}), got {show(value[1])}"
        if not (np.all(np.isfinite(P)) and np.all(np.isfinite(Q))):
            return "P or Q holds nan or inf — was an unobserved (masked-out) entry read?"
        predicted = P @ Q.T
        rmse = float(np.sqrt(np.mean((predicted[mask] - R[mask]) ** 2)))
        if rmse > max_rmse:
            return (
                f"RMSE on the observed entries is {rmse:.4g}, expected at most {max_rmse:g}{what}"
            )
        if bound is not None and np.abs(predicted).max() > bound:
            return f"P Qᵀ reaches {np.abs(predicted).max():.4g}; with this much regularization it should stay below {bound:g}"
        return None

    return check


def _mf_cases() -> list[Case]:
    cases: list[Case] = []

    def add(kind: str, title: str, args: tuple[Any, ...], check: Check, expected: str) -> None:
        R = args[0]
        shown = f"R {R.shape}, mask with {int(np.sum(args[1]))} observed, " + show_args(*args[2:])
        cases.append(
            Case(
                f"{kind}-{len(cases) + 1}",
                kind,
                title,
                call("matrix_factorization", *args),
                shown,
                expected,
                check,
            )
        )

    R = _low_rank(22, 6, 5, 2)
    full = np.ones(R.shape, dtype=bool)
    add(
        "fixed",
        "a rank-2 matrix, all observed",
        (R, full, 2, 0.02, 0.0, 1500, 0),
        _expect_factors(R, full, 2, 0.05),
        "RMSE ≤ 0.05 on the observed entries",
    )
    mask = np.random.default_rng(3).random(R.shape) < 0.8
    holes = np.where(mask, R, np.nan)
    add(
        "fixed",
        "missing entries are NaN outside the mask",
        (holes, mask, 2, 0.02, 0.0, 1500, 0),
        _expect_factors(R, mask, 2, 0.1, what=" — train only on the masked-in entries"),
        "finite P, Q; RMSE ≤ 0.1",
    )
    junk = np.where(mask, R, 1e6)
    add(
        "edge",
        "unobserved entries hold 1e6 (must be ignored)",
        (junk, mask, 2, 0.02, 0.0, 1500, 0),
        _expect_factors(R, mask, 2, 0.1, bound=50.0),
        "RMSE ≤ 0.1, no huge predictions",
    )
    add(
        "fixed",
        "strong regularization shrinks the factors",
        (R, full, 2, 0.02, 5.0, 300, 0),
        _expect_factors(R, full, 2, np.inf, bound=0.5 * float(R.max())),
        f"max |P Qᵀ| < {0.5 * R.max():.3g}",
    )
    add(
        "edge",
        "divergence: lr far too large",
        (R * 100, full, 2, 5.0, 0.0, 50, 0),
        expect_value_error("the loss becomes inf/nan: the run diverged"),
        "ValueError",
    )
    add(
        "edge",
        "rank 0",
        (R, full, 0, 0.01, 0.0, 10, 0),
        expect_value_error("rank must be at least 1"),
        "ValueError",
    )
    add(
        "edge",
        "mask of another shape",
        (R, full[:, :-1], 2, 0.01, 0.0, 10, 0),
        expect_value_error("mask and R differ in shape"),
        "ValueError",
    )
    add(
        "edge",
        "nothing observed",
        (R, ~full, 2, 0.01, 0.0, 10, 0),
        expect_value_error("no observed entries"),
        "ValueError",
    )
    for i in range(2):
        Rr = _low_rank(220 + i, 7, 6, 1)
        mr = np.random.default_rng(i).random(Rr.shape) < 0.85
        add(
            "random",
            f"random rank-1 matrix, {int(mr.sum())} observed",
            (Rr, mr, 1, 0.02, 0.0, 1500, i),
            _expect_factors(Rr, mr, 1, 0.1),
            "RMSE ≤ 0.1",
        )
    return cases


MATRIX_FACTORIZATION = Problem(
    22,
    "matrix_factorization",
    "Matrix factorization by gradient descent",
    function_starter(
        "def matrix_factorization(R, mask, rank, lr, reg, epochs, seed):",
        """
        Factor the observed entries of R (m × n) as R ≈ P Qᵀ; return (P, Q).

        mask: boolean array like R, True where a rating is observed. Entries outside the mask
        may hold anything (NaN included) and must never be read.
        Minimize Σ_observed (r_ui − p_u·q_i)² + reg (‖p_u‖² + ‖q_i‖²) by gradient steps of
        size lr for `epochs` passes, starting from small random factors drawn with `seed`.
        P: array (m, rank); Q: array (n, rank).
        Raises ValueError for rank < 1, a mask whose shape differs from R's, no observed
        entries, or when the loss becomes inf or nan (the run diverged).
        """,
    ),
    "visualizers.matrix_factorization.algorithm:matrix_factorization",
    _mf_cases,
    visualizer="matrix_factorization",
)

PROBLEMS = (COSINE, MATRIX_FACTORIZATION, KMEANS, PRECISION_RECALL, GRADIENT_DESCENT)
