"""Solutions written for the tests, independently of the app's reference functions.

They are text, sent to the child process like a learner's file; nothing here is imported
as code by the app.
"""

CORRECT = {
    21: """\
import math


def cosine_similarity(a, b):
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    if len(a) != len(b) or not a:
        raise ValueError("need two non-empty vectors of the same length")
    sa = max(abs(x) for x in a)
    sb = max(abs(x) for x in b)
    if sa == 0 or sb == 0:
        raise ValueError("zero vector")
    a = [x / sa for x in a]
    b = [x / sb for x in b]
    dot = sum(x * y for x, y in zip(a, b))
    value = dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))
    return max(-1.0, min(1.0, value))
""",
    22: """\
import numpy as np


def matrix_factorization(R, mask, rank, lr, reg, epochs, seed):
    R = np.asarray(R, dtype=float)
    mask = np.asarray(mask, dtype=bool)
    if rank < 1:
        raise ValueError("rank must be positive")
    if mask.shape != R.shape:
        raise ValueError("mask shape")
    users, items = np.nonzero(mask)
    if users.size == 0:
        raise ValueError("nothing observed")
    ratings = R[users, items]
    rng = np.random.default_rng(seed)
    P = rng.normal(scale=0.1, size=(R.shape[0], rank))
    Q = rng.normal(scale=0.1, size=(R.shape[1], rank))
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            for j in rng.permutation(users.size):
                u, i = users[j], items[j]
                e = ratings[j] - P[u] @ Q[i]
                P[u], Q[i] = P[u] + lr * (e * Q[i] - reg * P[u]), Q[i] + lr * (e * P[u] - reg * Q[i])
            if not (np.isfinite(P).all() and np.isfinite(Q).all()):
                raise ValueError("diverged")
    return P, Q
""",
    23: """\
import numpy as np


def kmeans(X, k, init, max_iter, tol, seed):
    X = np.asarray(X, dtype=float)
    n = len(X)
    if n == 0 or k < 1 or k > n:
        raise ValueError("bad k or empty data")
    rng = np.random.default_rng(seed)
    if isinstance(init, str):
        if init == "random":
            C = X[rng.choice(n, k, replace=False)]
        else:
            C = [X[rng.integers(n)]]
            for _ in range(1, k):
                d2 = np.min([((X - c) ** 2).sum(1) for c in C], axis=0)
                C.append(X[rng.choice(n, p=d2 / d2.sum())])
            C = np.array(C)
    else:
        C = np.array(init, dtype=float)
    labels = None
    for _ in range(max_iter):
        new_labels = np.argmin(((X[:, None] - C[None]) ** 2).sum(2), axis=1)
        new_C = C.copy()
        for j in range(k):
            if np.any(new_labels == j):
                new_C[j] = X[new_labels == j].mean(0)
        shift = ((new_C - C) ** 2).sum()
        done = labels is not None and np.array_equal(labels, new_labels)
        C, labels = new_C, new_labels
        if done or shift <= tol:
            break
    labels = np.argmin(((X[:, None] - C[None]) ** 2).sum(2), axis=1)
    return C, labels
""",
    24: """\
def precision_recall(y_true, y_pred):
    t = [int(v) for v in y_true]
    p = [int(v) for v in y_pred]
    if not t or len(t) != len(p) or any(v not in (0, 1) for v in t + p):
        raise ValueError("bad labels")
    tp = sum(a and b for a, b in zip(t, p))
    fp = sum((not a) and b for a, b in zip(t, p))
    fn = sum(a and (not b) for a, b in zip(t, p))
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
""",
    25: """\
import numpy as np


def gradient_descent(X, y, lr, epochs):
    X = np.asarray(X, float)
    y = np.asarray(y, float)
    if X.shape[0] == 0 or X.shape[0] != y.shape[0]:
        raise ValueError("bad shapes")
    n = len(y)
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        r = X @ w + b - y
        gw = 2 / n * X.T @ r
        gb = 2 / n * r.sum()
        w = w - lr * gw
        b = b - lr * gb
        if not np.isfinite(r @ r):
            raise ValueError("diverged")
    return w, b
""",
}

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def correct() -> dict[int, str]:
    """Correct solutions by question number."""
    return CORRECT
