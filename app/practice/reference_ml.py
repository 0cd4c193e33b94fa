"""Reference solutions of the machine-learning-from-scratch practice problems (pure NumPy).

These are the answers "Show reference" reveals and the values the grader compares against;
the unit tests check each one against an independent oracle (SciPy, scikit-learn, brute
force). Each function validates its input and raises ValueError with a reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def softmax_cross_entropy(logits: ArrayLike, labels: ArrayLike) -> tuple[FloatArray, float]:
    """Row-wise softmax of `logits` (n × k) and the mean cross-entropy against integer `labels`.

    Subtracting each row's maximum first changes nothing mathematically (softmax is shift
    invariant) and keeps exp from overflowing; the loss uses log-softmax directly,
    log pᵢ = zᵢ − max − log Σ exp(z − max), so a tiny probability never becomes log(0).
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    if z.ndim != 2 or z.shape[0] == 0 or z.shape[1] == 0:
        raise ValueError("logits must be a non-empty (n, k) array")
    if y.shape != (z.shape[0],):
        raise ValueError(f"labels must have one entry per row ({z.shape[0]}), got shape {y.shape}")
    if y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError(f"labels must be whole numbers in 0..{z.shape[1] - 1}")
    shifted = z - z.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_probs = shifted - log_norm
    loss = float(-log_probs[np.arange(len(y)), y].mean())
    return np.exp(log_probs), loss


def _sigmoid(z: FloatArray) -> FloatArray:
    """1 / (1 + e^(−z)) without overflow: for z < 0 use e^z / (1 + e^z)."""
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def logistic_regression(
    X: ArrayLike, y: ArrayLike, lr: float, epochs: int
) -> tuple[FloatArray, float]:
    """Fit P(y = 1 | x) = σ(x·w + b) by batch gradient descent on the mean log-loss.

    Start from w = 0, b = 0; each epoch: p = σ(Xw + b), ∂L/∂w = Xᵀ(p − y)/n,
    ∂L/∂b = Σ(p − y)/n, then w ← w − lr ∂L/∂w, b ← b − lr ∂L/∂b.
    """
    data = np.asarray(X, dtype=np.float64)
    target = np.asarray(y, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError("X must be a non-empty (n, d) array")
    if target.shape != (data.shape[0],):
        raise ValueError("y must have one label per row of X")
    if not np.all((target == 0) | (target == 1)):
        raise ValueError("labels must be 0 or 1")
    n, d = data.shape
    w, b = np.zeros(d), 0.0
    for _ in range(int(epochs)):
        error = _sigmoid(data @ w + b) - target
        w, b = w - lr * (data.T @ error) / n, b - lr * float(error.sum()) / n
    return w, b


def roc_auc(y_true: ArrayLike, scores: ArrayLike) -> float:
    """Area under the ROC curve from ranks (Mann–Whitney U), ties sharing their average rank.

    AUC = (Σ ranks of positives − n₊(n₊ + 1)/2) / (n₊ n₋): the probability that a random
    positive scores above a random negative, a tie counting one half. O(n log n).
    """
    labels = np.asarray(y_true)
    s = np.asarray(scores, dtype=np.float64)
    if labels.shape != s.shape or labels.ndim != 1 or labels.size == 0:
        raise ValueError("y_true and scores must be non-empty 1-D arrays of the same length")
    if not np.all((labels == 0) | (labels == 1)):
        raise ValueError("labels must be 0 or 1")
    n_pos = int(labels.sum())
    n_neg = labels.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUC needs at least one positive and one negative")
    order = np.argsort(s, kind="stable")
    sorted_scores = s[order]
    ranks = np.empty(s.size)
    start = 0
    while start < s.size:  # average rank over each run of equal scores
        end = start
        while end + 1 < s.size and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    u = ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def attention(
    Q: ArrayLike, K: ArrayLike, V: ArrayLike, causal: bool
) -> tuple[FloatArray, FloatArray]:
    """Scaled dot-product attention: softmax(Q Kᵀ / √d + mask) V; returns (output, weights).

    With `causal`, query i may only attend to keys j ≤ i (the mask adds −∞ above the
    diagonal, which needs as many queries as keys).
    """
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    if q.ndim != 2 or k.ndim != 2 or v.ndim != 2 or q.shape[0] == 0 or k.shape[0] == 0:
        raise ValueError("Q, K and V must be non-empty 2-D arrays")
    if q.shape[1] != k.shape[1] or k.shape[0] != v.shape[0]:
        raise ValueError("shapes must be Q (n, d), K (m, d), V (m, d_v)")
    if causal and q.shape[0] != k.shape[0]:
        raise ValueError("a causal mask needs as many queries as keys")
    scores = q @ k.T / math.sqrt(q.shape[1])
    if causal:
        scores = np.where(np.tril(np.ones(scores.shape, dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ v, weights


def iou(box_a: ArrayLike, box_b: ArrayLike) -> float:
    """Intersection over union of two boxes (x1, y1, x2, y2); 0.0 when both are empty."""
    a = np.asarray(box_a, dtype=np.float64)
    b = np.asarray(box_b, dtype=np.float64)
    if (
        a.shape != (4,)
        or b.shape != (4,)
        or a[2] < a[0]
        or a[3] < a[1]
        or b[2] < b[0]
        or b[3] < b[1]
    ):
        raise ValueError("a box is (x1, y1, x2, y2) with x1 ≤ x2 and y1 ≤ y2")
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return float(inter / union) if union > 0 else 0.0


def non_max_suppression(boxes: ArrayLike, scores: ArrayLike, iou_threshold: float) -> list[int]:
    """Indices of the boxes kept by greedy NMS, highest score first.

    Take the best remaining box, drop every remaining box whose IoU with it is above
    `iou_threshold`, repeat. Equal scores keep the lower index first. O(n²) in the worst case.
    """
    b = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    s = np.asarray(scores, dtype=np.float64)
    if s.shape != (b.shape[0],):
        raise ValueError("one score per box")
    remaining = list(np.argsort(-s, kind="stable"))
    kept: list[int] = []
    while remaining:
        best = int(remaining.pop(0))
        kept.append(best)
        remaining = [i for i in remaining if iou(b[best], b[i]) <= iou_threshold]
    return kept


def knn_predict(X_train: ArrayLike, y_train: ArrayLike, X_test: ArrayLike, k: int) -> list[int]:
    """Majority label among the k nearest training points (Euclidean) of every test point.

    Equal distances keep the lower training index first; a tied vote goes to the smallest label.
    """
    train = np.asarray(X_train, dtype=np.float64)
    labels = np.asarray(y_train)
    test = np.asarray(X_test, dtype=np.float64)
    if train.ndim != 2 or train.shape[0] == 0 or labels.shape != (train.shape[0],):
        raise ValueError("X_train must be (n, d) with one label per row")
    if test.ndim != 2 or test.shape[1] != train.shape[1]:
        raise ValueError("X_test must have as many columns as X_train")
    if not 1 <= k <= train.shape[0]:
        raise ValueError(f"k must be between 1 and {train.shape[0]}")
    out = []
    for point in test:
        distances = ((train - point) ** 2).sum(axis=1)
        nearest = np.argsort(distances, kind="stable")[:k]
        values, counts = np.unique(labels[nearest], return_counts=True)
        out.append(int(values[np.argmax(counts)]))
    return out


def stratified_split(y: ArrayLike, test_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """(train indices, test indices), both sorted: each class sends ⌊n_c·f + ½⌋ of its rows to test."""
    labels = np.asarray(y)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError("y must be a non-empty 1-D sequence")
    if not 0 < test_fraction < 1:
        raise ValueError("test_fraction must be strictly between 0 and 1")
    rng = np.random.default_rng(seed)
    test: list[int] = []
    for value in np.unique(labels):
        rows = np.flatnonzero(labels == value)
        count = math.floor(rows.size * test_fraction + 0.5)
        test += rng.permutation(rows)[:count].tolist()
    chosen = set(test)
    return [i for i in range(labels.size) if i not in chosen], sorted(test)


def reservoir_sample(stream: Iterable[Any], k: int, seed: int) -> list[Any]:
    """k items drawn uniformly without replacement from a stream read once (Algorithm R)."""
    if k < 0:
        raise ValueError("k must be non-negative")
    rng = np.random.default_rng(seed)
    reservoir: list[Any] = []
    for t, item in enumerate(stream):
        if t < k:
            reservoir.append(item)
        else:
            j = int(rng.integers(0, t + 1))
            if j < k:
                reservoir[j] = item
    return reservoir


def weighted_sample(items: list[Any], weights: list[float], k: int, seed: int) -> list[Any]:
    """k items without replacement, each draw proportional to weight (Efraimidis–Spirakis keys).

    Give item i the key uᵢ^(1/wᵢ), u uniform in (0, 1), and keep the k largest keys.
    """
    w = np.asarray(weights, dtype=np.float64)
    if len(items) != w.size or np.any(w <= 0) or not np.all(np.isfinite(w)):
        raise ValueError("one positive weight per item")
    if not 0 <= k <= len(items):
        raise ValueError("k must be between 0 and the number of items")
    rng = np.random.default_rng(seed)
    keys = np.log(rng.random(w.size)) / w  # log of u^(1/w): same order, no underflow
    return [items[i] for i in np.argsort(-keys, kind="stable")[:k]]


def batchnorm_forward(
    x: ArrayLike,
    gamma: ArrayLike,
    beta: ArrayLike,
    running_mean: ArrayLike,
    running_var: ArrayLike,
    training: bool,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Batch normalization of x (n × d): (out, new running mean, new running variance).

    Training: normalize with the batch mean and the biased batch variance, and move the
    running statistics by `momentum` toward the batch's (the running variance takes the
    unbiased batch variance, as PyTorch does). Inference: normalize with the running
    statistics, which stay unchanged. out = γ (x − μ)/√(σ² + eps) + β.
    """
    data = np.asarray(x, dtype=np.float64)
    g, b, rm, rv = (
        np.asarray(a, dtype=np.float64) for a in (gamma, beta, running_mean, running_var)
    )
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError("x must be a non-empty (n, d) array")
    d = data.shape[1]
    if any(a.shape != (d,) for a in (g, b, rm, rv)):
        raise ValueError(f"gamma, beta and the running statistics must have shape ({d},)")
    if training:
        mean = data.mean(axis=0)
        var = data.var(axis=0)
        n = data.shape[0]
        unbiased = var * n / (n - 1) if n > 1 else var
        new_mean = (1 - momentum) * rm + momentum * mean
        new_var = (1 - momentum) * rv + momentum * unbiased
    else:
        mean, var, new_mean, new_var = rm, rv, rm.copy(), rv.copy()
    out = g * (data - mean) / np.sqrt(var + eps) + b
    return out, new_mean, new_var
