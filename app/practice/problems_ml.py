"""Machine learning from scratch (questions 100–108): starters and tests (no Qt).

Expected values come from the references in `reference_ml.py`, which the unit tests check
against SciPy and scikit-learn; randomness is tested by its properties and by frequencies
over many seeds.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from app.practice import reference_ml as ref
from app.practice.cases import (
    Case,
    CaseList,
    Check,
    as_array,
    call,
    raised,
    show,
    show_args,
    sweep,
)
from app.practice.problems import Animation, Problem, function_starter
from app.practice.runner import CallResult

RNG_SEED = 100


def _softmax_cases() -> list[Case]:
    c = CaseList()
    t = "softmax_cross_entropy"
    f = ref.softmax_cross_entropy
    c.against(
        "fixed",
        "two rows, three classes",
        t,
        f,
        np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]),
        np.array([2, 0]),
    )
    c.against("fixed", "a confident right answer", t, f, np.array([[10.0, 0.0]]), np.array([0]))
    c.against(
        "edge",
        "huge logits (exp overflows)",
        t,
        f,
        np.array([[1000.0, 0.0, -1000.0]]),
        np.array([1]),
        hint="subtract each row's max before exp; use log-softmax for the loss",
    )
    c.against(
        "edge",
        "a probability that underflows to 0",
        t,
        f,
        np.array([[0.0, 800.0]]),
        np.array([0]),
        hint="log(softmax) of a tiny probability must stay finite: use z − max − log Σ exp",
    )
    c.against(
        "edge",
        "label out of range",
        t,
        f,
        np.array([[1.0, 2.0]]),
        np.array([2]),
        raises="label 2 with 2 classes",
    )
    c.against(
        "edge",
        "one label per row",
        t,
        f,
        np.array([[1.0, 2.0]]),
        np.array([0, 1]),
        raises="2 labels for 1 row",
    )
    c.against(
        "edge", "empty input", t, f, np.zeros((0, 3)), np.zeros(0, dtype=int), raises="no rows"
    )
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(4):
        n, k = int(rng.integers(1, 8)), int(rng.integers(2, 6))
        z = (rng.normal(size=(n, k)) * 5).round(4)
        c.against("random", f"random logits {n}×{k}", t, f, z, rng.integers(0, k, n))
    return c.cases


def _logistic_cases() -> list[Case]:
    c = CaseList()
    t = "logistic_regression"
    f = ref.logistic_regression
    X = np.array([[0.5], [1.5], [-1.0], [-2.0]])
    y = np.array([1, 1, 0, 0])
    for epochs in (1, 3):
        c.against(
            "fixed",
            f"one feature, {epochs} epoch(s) from zero",
            t,
            f,
            X,
            y,
            0.5,
            epochs,
            rtol=1e-7,
            hint="gradient of the mean log-loss is Xᵀ(σ(Xw+b) − y)/n",
        )
    X2 = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, -1.5], [-2.0, 0.5], [0.3, -0.2]])
    c.against(
        "fixed", "two features, 50 epochs", t, f, X2, np.array([1, 1, 0, 0, 1]), 0.3, 50, rtol=1e-7
    )
    c.against(
        "edge",
        "huge inputs: σ must not overflow",
        t,
        f,
        np.array([[1000.0], [-1000.0]]),
        np.array([1, 0]),
        1.0,
        5,
        rtol=1e-7,
        hint="compute σ(z) as e^z/(1+e^z) for negative z",
    )
    c.against(
        "edge",
        "labels other than 0/1",
        t,
        f,
        X,
        np.array([1, 2, 0, 0]),
        0.1,
        5,
        raises="labels must be 0 or 1",
    )
    c.against("edge", "different lengths", t, f, X, y[:3], 0.1, 5, raises="one label per row")
    c.against("edge", "empty input", t, f, np.zeros((0, 1)), np.zeros(0), 0.1, 5, raises="no rows")
    rng = np.random.default_rng(RNG_SEED + 1)
    for _ in range(3):
        n, d = int(rng.integers(4, 30)), int(rng.integers(1, 4))
        Xr = rng.normal(size=(n, d)).round(3)
        yr = (Xr @ rng.normal(size=d) + 0.3 * rng.normal(size=n) > 0).astype(int)
        c.against(
            "random",
            f"random data n = {n}, d = {d}",
            t,
            f,
            Xr,
            yr,
            0.2,
            int(rng.integers(1, 40)),
            rtol=1e-7,
        )
    return c.cases


def _logistic_animation() -> Animation:
    X = np.array([[-3.0], [-2.0], [-1.5], [-0.5], [0.2], [0.6], [1.0], [1.8], [2.5], [3.0]])
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1, 1, 1])
    steps = (1, 2, 3, 5, 8, 12, 18, 25, 35, 50, 70, 100)
    return Animation(
        "sigmoid",
        tuple(call("logistic_regression", X, y, 0.5, t) for t in steps),
        lambda: [ref.logistic_regression(X, y, 0.5, t) for t in steps],
        tuple(f"epoch {t}" for t in steps),
        {"X": X, "y": y},
    )


def _auc_cases() -> list[Case]:
    c = CaseList()
    t = "roc_auc"
    f = ref.roc_auc
    c.against("fixed", "a perfect ranking", t, f, [0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])
    c.against("fixed", "a reversed ranking", t, f, [1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])
    c.against("fixed", "one swapped pair", t, f, [0, 1, 0, 1], [0.1, 0.35, 0.4, 0.8])
    c.against(
        "edge",
        "ties count one half",
        t,
        f,
        [0, 1, 1, 0],
        [0.1, 0.5, 0.5, 0.5],
        hint="give tied scores their average rank",
    )
    c.against(
        "edge",
        "every score equal",
        t,
        f,
        [0, 1, 0, 1, 1],
        [3, 3, 3, 3, 3],
        hint="all ties: AUC = 0.5",
    )
    c.against("edge", "only positives", t, f, [1, 1], [0.2, 0.3], raises="AUC needs both classes")
    c.against("edge", "different lengths", t, f, [0, 1], [0.2], raises="one score per label")
    c.against("edge", "empty input", t, f, [], [], raises="empty input")
    rng = np.random.default_rng(RNG_SEED + 2)
    for _ in range(4):
        n = int(rng.integers(6, 80))
        labels = rng.integers(0, 2, n)
        labels[:2] = [0, 1]
        scores = rng.integers(0, 10, n) / 10  # coarse scores: many ties
        c.against(
            "random", f"random scores with ties, n = {n}", t, f, labels.tolist(), scores.tolist()
        )
    return c.cases


def _attention_cases() -> list[Case]:
    c = CaseList()
    t = "attention"
    f = ref.attention
    Q = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    K = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]])
    V = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
    c.against(
        "fixed",
        "3 queries, no mask",
        t,
        f,
        Q,
        K,
        V,
        False,
        hint="scale the scores by 1/√d before the softmax",
    )
    c.against(
        "fixed",
        "3 queries, causal mask",
        t,
        f,
        Q,
        K,
        V,
        True,
        hint="query i attends to keys 0..i only",
    )
    c.against("edge", "huge scores: a stable softmax", t, f, Q * 400, K * 400, V, False)
    c.against(
        "edge",
        "one query, one key",
        t,
        f,
        np.array([[2.0]]),
        np.array([[3.0]]),
        np.array([[7.0, -1.0]]),
        True,
    )
    c.against(
        "edge",
        "Q and K of different widths",
        t,
        f,
        Q,
        K[:, :1],
        V,
        False,
        raises="Q and K need the same d",
    )
    c.against(
        "edge",
        "causal with more keys than queries",
        t,
        f,
        Q[:2],
        K,
        V,
        True,
        raises="causal needs n = m",
    )
    rng = np.random.default_rng(RNG_SEED + 3)
    for causal in (False, True, True):
        n, d, dv = int(rng.integers(2, 7)), int(rng.integers(1, 5)), int(rng.integers(1, 4))
        c.against(
            "random",
            f"random {n} tokens, d = {d}, causal = {causal}",
            t,
            f,
            rng.normal(size=(n, d)).round(3),
            rng.normal(size=(n, d)).round(3),
            rng.normal(size=(n, dv)).round(3),
            causal,
        )
    return c.cases


def _nms_cases() -> list[Case]:
    c = CaseList()
    c.against("fixed", "IoU of two overlapping boxes", "iou", ref.iou, [0, 0, 2, 2], [1, 1, 3, 3])
    c.against("fixed", "IoU of a box with itself", "iou", ref.iou, [1, 1, 4, 5], [1, 1, 4, 5])
    c.against(
        "edge",
        "IoU of boxes that only touch",
        "iou",
        ref.iou,
        [0, 0, 1, 1],
        [1, 0, 2, 1],
        hint="the intersection width is max(0, …)",
    )
    c.against(
        "edge",
        "IoU of two empty boxes",
        "iou",
        ref.iou,
        [1, 1, 1, 1],
        [1, 1, 1, 1],
        hint="0/0: return 0.0",
    )
    c.against(
        "edge",
        "IoU of a malformed box",
        "iou",
        ref.iou,
        [2, 0, 1, 1],
        [0, 0, 1, 1],
        raises="x2 < x1",
    )
    t = "non_max_suppression"
    f = ref.non_max_suppression
    boxes = [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [21, 19, 31, 29], [0, 0, 9, 9]]
    scores = [0.9, 0.8, 0.7, 0.95, 0.3]
    c.against("fixed", "two objects, three duplicates", t, f, boxes, scores, 0.5)
    c.against("fixed", "a strict threshold keeps more", t, f, boxes, scores, 0.9)
    c.against("edge", "no boxes", t, f, np.zeros((0, 4)), [], 0.5)
    c.against(
        "edge",
        "equal scores: lower index first",
        t,
        f,
        [[0, 0, 2, 2], [5, 5, 6, 6]],
        [0.5, 0.5],
        0.5,
    )
    c.against("edge", "one score per box", t, f, boxes, scores[:2], 0.5, raises="5 boxes, 2 scores")
    rng = np.random.default_rng(RNG_SEED + 4)
    for _ in range(3):
        n = int(rng.integers(5, 25))
        corner = rng.uniform(0, 20, (n, 2)).round(2)
        size = rng.uniform(2, 8, (n, 2)).round(2)
        c.against(
            "random",
            f"{n} random boxes",
            t,
            f,
            np.c_[corner, corner + size],
            rng.random(n).round(4),
            0.4,
        )
    return c.cases


def _knn_cases() -> list[Case]:
    c = CaseList()
    t = "knn_predict"
    f = ref.knn_predict
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [5.0, 5.0], [5.0, 6.0], [6.0, 5.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    test = np.array([[0.2, 0.2], [5.5, 5.5], [3.0, 3.0]])
    c.against("fixed", "two clusters, k = 3", t, f, X, y, test, 3)
    c.against("fixed", "k = 1 is the nearest point's label", t, f, X, y, test, 1)
    c.against(
        "edge",
        "a tied vote goes to the smallest label",
        t,
        f,
        np.array([[0.0], [2.0]]),
        np.array([1, 0]),
        np.array([[1.0]]),
        2,
    )
    c.against("edge", "k larger than the training set", t, f, X, y, test, 7, raises="k > n")
    c.against("edge", "k = 0", t, f, X, y, test, 0, raises="k must be at least 1")
    c.against(
        "edge",
        "test points of another width",
        t,
        f,
        X,
        y,
        np.array([[1.0, 2.0, 3.0]]),
        1,
        raises="d differs",
    )
    rng = np.random.default_rng(RNG_SEED + 5)
    for _ in range(3):
        n, d = int(rng.integers(10, 40)), int(rng.integers(1, 4))
        Xr = rng.normal(size=(n, d)).round(3)
        c.against(
            "random",
            f"random data n = {n}, d = {d}",
            t,
            f,
            Xr,
            rng.integers(0, 3, n),
            rng.normal(size=(6, d)).round(3),
            int(rng.integers(1, 8)),
        )
    return c.cases


def _expect_stratified(y: list[int], fraction: float) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected (train, test) index lists, but it {raised(result)}"
        value = result.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return f"should return (train_indices, test_indices), got {show(value)}"
        train, test = (sorted(int(i) for i in part) for part in value)
        if sorted(train + test) != list(range(len(y))):
            return "every index must appear exactly once, in train or in test"
        for label in sorted(set(y)):
            rows = [i for i, v in enumerate(y) if v == label]
            want = int(np.floor(len(rows) * fraction + 0.5))
            got = sum(1 for i in test if y[i] == label)
            if got != want:
                return f"class {label} has {len(rows)} rows: {want} belong in test, got {got}"
        return None

    return check


def _stratified_cases() -> list[Case]:
    c = CaseList()
    t = "stratified_split"
    examples = [
        ("fixed", "imbalanced: 8 negatives, 2 positives", [0, 0, 0, 0, 1, 0, 0, 1, 0, 0], 0.5),
        ("fixed", "three classes, 25% test", [0, 1, 2] * 8, 0.25),
        ("edge", "a class with one row", [0, 0, 0, 0, 1], 0.2),
    ]
    rng = np.random.default_rng(RNG_SEED + 6)
    for i in range(3):
        examples.append(
            (
                "random",
                f"random labels #{i + 1}",
                rng.integers(0, 4, int(rng.integers(10, 60))).tolist(),
                float(rng.choice([0.1, 0.2, 0.3])),
            )
        )
    for kind, title, y, fraction in examples:
        c.add(
            kind,
            title,
            call(t, y, fraction, 7),
            show_args(y, fraction, 7),
            "each class split ⌊n·f + ½⌋ to test",
            _expect_stratified(y, fraction),
        )
    c.against(
        "edge",
        "test_fraction of 1",
        t,
        ref.stratified_split,
        [0, 1],
        1.0,
        0,
        raises="0 < test_fraction < 1",
    )
    c.against("edge", "empty input", t, ref.stratified_split, [], 0.5, 0, raises="no labels")
    return c.cases


def _inclusion(weights: list[float], k: int) -> np.ndarray:
    """Exact inclusion probabilities of sequential weighted draws without replacement.

    Sums the probability of every ordered sequence of k draws (n!/(n−k)! of them: small here).
    """
    n = len(weights)
    total = np.zeros(n)
    for order in itertools.permutations(range(n), k):
        p, left = 1.0, float(sum(weights))
        for item in order:
            p *= weights[item] / left
            left -= weights[item]
        total[list(order)] += p
    return total


def _expect_uniform(n: int, k: int, trials: int, weights: list[float] | None = None) -> Check:
    """Each draw well-formed, and inclusion frequencies within 5 standard errors of the truth."""
    truth = np.full(n, k / n) if weights is None else _inclusion(weights, k)

    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected samples, but it {raised(result)}"
        samples = result.value
        if not isinstance(samples, list) or len(samples) != trials:
            return f"expected {trials} results, got {show(samples)}"
        counts = np.zeros(n)
        for sample in samples:
            items = as_array(sample)
            if items is None or items.shape != (min(k, n),):
                return f"each sample should hold {min(k, n)} items, got {show(sample)}"
            if len(set(items.tolist())) != len(items) or items.min() < 0 or items.max() >= n:
                return f"a sample must hold distinct items of the stream, got {show(sample)}"
            counts[items.astype(int)] += 1
        frequency = counts / trials
        error = np.sqrt(truth * (1 - truth) / trials) + 1e-3
        worst = int(np.argmax(np.abs(frequency - truth) / error))
        if abs(frequency[worst] - truth[worst]) > 5 * error[worst]:
            return (
                f"item {worst} was chosen in {frequency[worst]:.3f} of {trials} runs; it should be"
                f" about {truth[worst]:.3f} — the sampling is biased"
            )
        return None

    return check


def _sampling_cases() -> list[Case]:
    c = CaseList()
    stream = list(range(10))
    seeds = list(range(2000))
    c.add(
        "fixed",
        "reservoir: 3 of 10, over 2000 seeds",
        sweep("reservoir_sample", 2, seeds, stream, 3, 0),
        "stream 0..9, k = 3, seeds 0..1999",
        "each item in about 30% of samples",
        _expect_uniform(10, 3, 2000),
    )
    c.add(
        "edge",
        "reservoir: k larger than the stream",
        call("reservoir_sample", [4, 5, 6], 5, 1),
        "[4, 5, 6], 5, 1",
        "all 3 items (any order)",
        _expect_sorted([4, 5, 6]),
    )
    c.against("edge", "reservoir: k = 0", "reservoir_sample", ref.reservoir_sample, [1, 2], 0, 1)
    weights = [1.0, 2.0, 3.0, 4.0, 10.0]
    c.add(
        "fixed",
        "weighted: 2 of 5, over 2000 seeds",
        sweep("weighted_sample", 3, seeds, list(range(5)), weights, 2, 0),
        f"items 0..4, weights {weights}, k = 2",
        "inclusion frequencies of the reference",
        _expect_uniform(5, 2, 2000, weights),
    )
    c.against(
        "edge",
        "weighted: a zero weight",
        "weighted_sample",
        ref.weighted_sample,
        [1, 2],
        [1.0, 0.0],
        1,
        0,
        raises="weights must be positive",
    )
    c.against(
        "edge",
        "weighted: k larger than the items",
        "weighted_sample",
        ref.weighted_sample,
        [1, 2],
        [1.0, 1.0],
        3,
        0,
        raises="k > n",
    )
    c.add(
        "edge",
        "weighted: k = n returns every item",
        call("weighted_sample", ["a", "b", "c"], [5.0, 1.0, 1.0], 3, 4),
        "['a', 'b', 'c'], [5, 1, 1], 3, 4",
        "all 3 items",
        _expect_sorted(["a", "b", "c"]),
    )
    return c.cases


def _expect_sorted(expected: list[Any]) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected {expected} in any order, but it {raised(result)}"
        if not isinstance(result.value, list | tuple) or sorted(result.value) != sorted(expected):
            return f"expected {expected} in any order, got {show(result.value)}"
        return None

    return check


def _batchnorm_cases() -> list[Case]:
    c = CaseList()
    t = "batchnorm_forward"
    f = ref.batchnorm_forward
    x = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]])
    g, b = np.array([1.0, 2.0]), np.array([0.0, -1.0])
    rm, rv = np.zeros(2), np.ones(2)
    c.against(
        "fixed",
        "training: batch statistics",
        t,
        f,
        x,
        g,
        b,
        rm,
        rv,
        True,
        0.1,
        1e-5,
        rtol=1e-7,
        hint="normalize with the biased batch variance; the running variance takes the unbiased one",
    )
    c.against(
        "fixed",
        "inference: running statistics",
        t,
        f,
        x,
        g,
        b,
        np.array([2.0, 5.0]),
        np.array([4.0, 9.0]),
        False,
        0.1,
        1e-5,
        rtol=1e-7,
        hint="in inference, use running_mean and running_var and leave them unchanged",
    )
    c.against("edge", "training on one row", t, f, x[:1], g, b, rm, rv, True, 0.1, 1e-5, rtol=1e-7)
    c.against(
        "edge",
        "a constant feature",
        t,
        f,
        np.array([[3.0, 1.0], [3.0, 2.0]]),
        g,
        b,
        rm,
        rv,
        True,
        0.1,
        1e-5,
        rtol=1e-7,
        hint="eps keeps 0/0 away",
    )
    c.against(
        "edge",
        "gamma of the wrong length",
        t,
        f,
        x,
        np.ones(3),
        b,
        rm,
        rv,
        True,
        0.1,
        1e-5,
        raises="gamma must have shape (d,)",
    )
    rng = np.random.default_rng(RNG_SEED + 8)
    for training in (True, False, True):
        n, d = int(rng.integers(2, 10)), int(rng.integers(1, 5))
        c.against(
            "random",
            f"random batch {n}×{d}, training = {training}",
            t,
            f,
            rng.normal(2, 3, (n, d)).round(3),
            rng.uniform(0.5, 2, d).round(3),
            rng.normal(size=d).round(3),
            rng.normal(size=d).round(3),
            rng.uniform(0.5, 2, d).round(3),
            training,
            0.1,
            1e-5,
            rtol=1e-7,
        )
    return c.cases


PROBLEMS = (
    Problem(
        100,
        "softmax_cross_entropy",
        "Stable softmax and cross-entropy",
        function_starter(
            "def softmax_cross_entropy(logits, labels):",
            """
        Row-wise softmax of logits and the mean cross-entropy loss.

        - logits: array (n, k) of real scores; labels: int array (n,), each in 0..k-1.
        - Return (probabilities, loss): probabilities is (n, k) with rows summing to 1;
          loss is the float mean over rows of −log p[row, label].
        - Must not overflow or return inf/nan for logits like 1000 or −1000.
        - Raise ValueError for empty input, a label count that differs from the rows,
          or a label outside 0..k-1.
        """,
        ),
        "app.practice.reference_ml:softmax_cross_entropy",
        _softmax_cases,
    ),
    Problem(
        101,
        "logistic_regression",
        "Logistic regression by gradient descent",
        function_starter(
            "def logistic_regression(X, y, lr, epochs):",
            """
        Fit P(y = 1 | x) = σ(x·w + b) by batch gradient descent on the mean log-loss.

        - X: array (n, d); y: array (n,) of 0/1 labels.
        - Start from w = 0, b = 0 and take exactly `epochs` steps of size lr using
          ∂L/∂w = Xᵀ(σ(Xw + b) − y) / n and ∂L/∂b = Σ(σ(Xw + b) − y) / n.
        - Return (w, b): w an array (d,), b a float.
        - σ must not overflow for |x·w + b| in the thousands.
        - Raise ValueError for empty X, a y of another length, or labels other than 0/1.
        """,
        ),
        "app.practice.reference_ml:logistic_regression",
        _logistic_cases,
        _logistic_animation,
    ),
    Problem(
        102,
        "roc_auc",
        "ROC AUC from ranks",
        function_starter(
            "def roc_auc(y_true, scores):",
            """
        Area under the ROC curve, computed from ranks (no curve, no sklearn).

        - y_true: sequence of 0/1 labels; scores: sequence of real scores, same length.
        - AUC is the probability that a random positive scores higher than a random
          negative; a tie counts one half.
        - Aim for O(n log n).
        - Raise ValueError for empty input, different lengths, labels other than 0/1,
          or when either class is missing.
        """,
        ),
        "app.practice.reference_ml:roc_auc",
        _auc_cases,
    ),
    Problem(
        103,
        "attention",
        "Scaled dot-product attention with a causal mask",
        function_starter(
            "def attention(Q, K, V, causal):",
            """
        Scaled dot-product attention: softmax(Q Kᵀ / √d) V, one softmax per query row.

        - Q: (n, d), K: (m, d), V: (m, d_v) arrays.
        - With causal=True query i may attend only to keys 0..i (needs n == m).
        - Return (output, weights): output (n, d_v), weights (n, m), rows summing to 1.
        - The softmax must be stable for huge scores.
        - Raise ValueError for empty or mismatched shapes, or causal with n != m.
        """,
        ),
        "app.practice.reference_ml:attention",
        _attention_cases,
    ),
    Problem(
        104,
        "non_max_suppression",
        "IoU and non-maximum suppression",
        function_starter(
            "def iou(box_a, box_b):\n"
            '    """Intersection over union of two boxes (x1, y1, x2, y2), a float in [0, 1].\n\n'
            "    Two empty boxes give 0.0. Raise ValueError when x2 < x1 or y2 < y1.\n"
            '    """\n'
            "    # your code\n"
            "    raise NotImplementedError\n\n\n"
            "def non_max_suppression(boxes, scores, iou_threshold):",
            """
        Greedy NMS: the indices of the boxes kept, highest score first.

        - boxes: (n, 4) array of (x1, y1, x2, y2); scores: (n,) array.
        - Repeatedly keep the best remaining box and drop every remaining box whose
          IoU with it is greater than iou_threshold. Equal scores: lower index first.
        - Return a list of ints ([] for no boxes).
        - Raise ValueError when the number of scores differs from the boxes.
        """,
        ),
        "app.practice.reference_ml:iou+non_max_suppression",
        _nms_cases,
    ),
    Problem(
        105,
        "knn_predict",
        "k-nearest-neighbours classification",
        function_starter(
            "def knn_predict(X_train, y_train, X_test, k):",
            """
        Predict each test point's label by a majority vote of its k nearest training
        points (Euclidean distance).

        - X_train: (n, d); y_train: (n,) int labels; X_test: (m, d).
        - Equal distances: the lower training index counts as nearer. A tied vote
          goes to the smallest label.
        - Return a list of m ints.
        - Raise ValueError for k outside 1..n or X_test of another width.
        """,
        ),
        "app.practice.reference_ml:knn_predict",
        _knn_cases,
    ),
    Problem(
        106,
        "stratified_split",
        "Stratified train/test split",
        function_starter(
            "def stratified_split(y, test_fraction, seed):",
            """
        Split row indices so every class keeps its share in train and in test.

        - y: sequence of class labels; test_fraction strictly between 0 and 1.
        - Each class with n_c rows sends floor(n_c · test_fraction + 0.5) of them,
          chosen at random with `seed`, to the test side.
        - Return (train_indices, test_indices): two lists of ints that together hold
          every index exactly once.
        - Raise ValueError for empty y or a test_fraction outside (0, 1).
        """,
        ),
        "app.practice.reference_ml:stratified_split",
        _stratified_cases,
    ),
    Problem(
        107,
        "reservoir_sample",
        "Reservoir sampling and weighted sampling",
        function_starter(
            "def reservoir_sample(stream, k, seed):\n"
            '    """k items chosen uniformly without replacement from an iterable read once.\n\n'
            "    Memory O(k). Fewer than k items: return them all. Use seed for the randomness.\n"
            '    """\n'
            "    # your code\n"
            "    raise NotImplementedError\n\n\n"
            "def weighted_sample(items, weights, k, seed):",
            """
        k distinct items without replacement, each draw with probability proportional
        to its weight among the items not drawn yet.

        - weights: positive floats, one per item; 0 ≤ k ≤ len(items).
        - Return a list of k items (any order).
        - Raise ValueError for a weight ≤ 0, a weight count that differs from the
          items, or k outside 0..len(items).
        """,
        ),
        "app.practice.reference_ml:reservoir_sample+weighted_sample",
        _sampling_cases,
    ),
    Problem(
        108,
        "batchnorm_forward",
        "Batch normalization forward pass",
        function_starter(
            "def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum, eps):",
            """
        Batch normalization of x (n × d), feature by feature.

        - training=True: normalize with the batch mean and the biased batch
          variance; the new running mean is (1 − momentum)·running_mean +
          momentum·batch_mean, and the new running variance likewise with the
          unbiased batch variance (the biased one when n = 1).
        - training=False: normalize with running_mean and running_var, which are
          returned unchanged.
        - out = gamma · (x − mean) / √(var + eps) + beta.
        - Return (out, new_running_mean, new_running_var) as arrays.
        - Raise ValueError for empty x or parameters whose shape is not (d,).
        """,
        ),
        "app.practice.reference_ml:batchnorm_forward",
        _batchnorm_cases,
    ),
)
