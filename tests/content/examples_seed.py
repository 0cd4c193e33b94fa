"""Recomputations of the worked examples of the seed's questions 1-25 (see quotes.py)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from scipy import integrate, stats
from sklearn.metrics import f1_score, precision_score, recall_score

from tests.content.quotes import Quote, q

CHECKS: dict[int, Callable[[], list[Quote]]] = {}


def example(number: int) -> Callable[[Callable[[], list[Quote]]], Callable[[], list[Quote]]]:
    def register(fn: Callable[[], list[Quote]]) -> Callable[[], list[Quote]]:
        CHECKS[number] = fn
        return fn

    return register


def hanley_mcneil_se(auc: float, n_pos: int, n_neg: int) -> float:
    """Standard error of an AUC estimate (Hanley and McNeil, 1982)."""
    q1 = auc / (2 - auc)
    q2 = 2 * auc**2 / (1 + auc)
    var = (auc * (1 - auc) + (n_pos - 1) * (q1 - auc**2) + (n_neg - 1) * (q2 - auc**2)) / (
        n_pos * n_neg
    )
    return math.sqrt(var)


@example(4)
def q04() -> list[Quote]:
    a = np.array([0.71, 0.74, 0.69, 0.73, 0.73])
    b = np.array([0.78, 0.70, 0.66, 0.79, 0.72])
    d = b - a
    se_small = hanley_mcneil_se(0.72, 400, 1600)
    se_big = hanley_mcneil_se(0.72, 40_000, 160_000)
    return [
        q("| 0.73 | 0.720", a.mean()),
        q("0.720 | 0.020", a.std(ddof=1)),
        q("| 0.72 | 0.730", b.mean()),
        q("0.730 | 0.055", b.std(ddof=1)),
        q("| −0.01 | +0.010", d.mean()),
        q("+0.010 | 0.051", d.std(ddof=1)),
        q("SE ≈ 0.051 / √5 ≈ 0.023", d.std(ddof=1) / math.sqrt(5)),
        q("gives SE ≈ 0.015", se_small),
        q("SE would be about 0.0015", se_big),
        q("roughly 80", (0.79 - 0.66) / se_big, tol=10),
    ]


@example(10)
def q10() -> list[Quote]:
    def grad(w: float) -> float:
        return 2 * (w - 3)

    w1 = 0 - 0.1 * grad(0)
    w2 = w1 - 0.1 * grad(w1)
    v1 = grad(0)
    v2 = 0.9 * v1 + grad(0.1 * -v1)
    wm = w1 - 0.1 * v2
    # Adam, two steps from w = 0
    w, m, v = 0.0, 0.0, 0.0
    for t in (1, 2):
        g = grad(w)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= 0.1 * (m / (1 - 0.9**t)) / (math.sqrt(v / (1 - 0.999**t)) + 1e-8)
        if t == 1:
            adam1 = w
    ws = [0.0]
    for _ in range(3):
        ws.append(ws[-1] - 1.1 * grad(ws[-1]))

    def ratio(t: int) -> float:
        return (1 - 0.9**t) / math.sqrt(1 - 0.999**t)

    return [
        q("| 0.6 | `2.4² = 5.76` |", (w1 - 3) ** 2),
        q("| 1.08 | `1.92² = 3.6864` |", (w2 - 3) ** 2),
        q("`0.6 − 0.1·(−4.8)` | 1.08", w2),
        q("`v = 0.9·(−6) + (−4.8) = −10.2`", v2),
        q("`w = 0.6 + 0.1·10.2 = 1.62`", wm),
        q("loss `1.38² = 1.9044`", (wm - 3) ** 2),
        q("so the step is `0.1 · 6/√36 = 0.1` and `w₁ = 0.1`", adam1),
        q("Step 2 lands at about 0.1999", w, tol=1e-4),
        q("0 → 6.6", ws[1]),
        q("6.6 → −1.32", ws[2]),
        q("−1.32 → 8.184", ws[3]),
        q("0.1/√0.001 ≈ 3.16", ratio(1)),
        q("about 6.5", ratio(10)),
        q("(≈ 3.16", ratio(1)),
    ]


@example(12)
def q12() -> list[Quote]:
    ana, ben, chloe = np.array([5, 4, 1.0]), np.array([4, 5, 2.0]), np.array([1, 2, 5.0])

    def cos(x: np.ndarray, y: np.ndarray) -> float:
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    s_b, s_c = cos(ana, ben), cos(ana, chloe)
    mean_a, mean_b, mean_c = ana.mean(), np.mean([4, 5, 2, 5]), np.mean([1, 2, 5, 1])
    centred = mean_a + (s_b * (5 - mean_b) + s_c * (1 - mean_c)) / (s_b + s_c)
    raw = (s_b * 5 + s_c * 1) / (s_b + s_c)
    p_b = float(np.corrcoef(ana, ben)[0, 1])
    p_c = float(np.corrcoef(ana, chloe)[0, 1])
    pearson = mean_a + (p_b * (5 - mean_b) + p_c * (1 - mean_c)) / (abs(p_b) + abs(p_c))
    tags = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1.0]])
    profile = np.array([5, 4, 1.0]) @ tags / 10
    return [
        q("`‖Ana‖ = √42 ≈ 6.481", np.linalg.norm(ana)),
        q("`‖Ben‖ = √45 ≈ 6.708", np.linalg.norm(ben)),
        q("`‖Chloe‖ = √30 ≈ 5.477", np.linalg.norm(chloe)),
        q("42 / 43.47", np.linalg.norm(ana) * np.linalg.norm(ben)),
        q("42 / 43.47 ≈ 0.966", s_b),
        q("18 / 35.50", np.linalg.norm(ana) * np.linalg.norm(chloe)),
        q("18 / 35.50 ≈ 0.507", s_c),
        q("Ana's mean is `(5 + 4 + 1)/3 ≈ 3.333", mean_a),
        q("mean over his four ratings is 4.0", mean_b),
        q("Chloe's is 2.25", mean_c),
        q("3.333 + 0.332", s_b * 1.0 + s_c * -1.25),
        q("0.332 / 1.473", s_b + s_c),
        q("0.332 / 1.473 ≈ 3.56", centred),
        q("/1.473 ≈ 3.62", raw),
        q("`sim(Ana, Chloe) = −1.0", p_c),
        q("`sim(Ana, Ben) ≈ 0.839", p_b),
        q("(0.839 + 1.0) ≈ 4.47", pearson),
        q("/ 10 = (0.9", profile[0]),
        q("(0.9, 0.4", profile[1]),
        q("(0.9, 0.4, 0.1)", profile[2]),
        q("norm ≈ 0.990", np.linalg.norm(profile)),
        q("`cos(profile, V4) = 0.4 / 0.990 ≈ 0.40", cos(profile, np.array([0, 1, 0.0]))),
        q("`cos = 0.9 / 0.990 ≈ 0.91", cos(profile, np.array([1, 0, 0.0]))),
    ]


@example(22)
def q22() -> list[Quote]:
    p, qi, lr, reg = np.array([1.0, 0.5]), np.array([0.8, 0.2]), 0.1, 0.02
    e = 5 - p @ qi
    p_new = p + lr * (e * qi - reg * p)
    q_new = qi + lr * (e * p - reg * qi)
    pred = p_new @ q_new
    qv, r = np.array([1.0, 2.0]), np.array([3.0, 5.0])
    pu = np.linalg.solve(np.array([[qv @ qv + 0.1]]), np.array([qv @ r]))[0]
    return [
        q("= 0.9`, so the error is `e = 5 − 0.9 = 4.1", e),
        q("= 1.0 + 0.1·3.260 = 1.3260", p_new[0]),
        q("= 0.5 + 0.1·0.810 = 0.5810", p_new[1]),
        q("= 0.8 + 0.1·4.084 = 1.2084", q_new[0]),
        q("= 0.2 + 0.1·2.046 = 0.4046", q_new[1]),
        q("1.326·1.2084 + 0.581·0.4046 ≈ 1.6023", p_new[0] * q_new[0]),
        q("≈ 1.6023 + 0.2351", p_new[1] * q_new[1]),
        q("+ 0.2351 = 1.837", pred),
        q("falls from 4.1 to about 3.163", 5 - pred),
        q("closes roughly 23", 100 * (pred - 0.9) / 4.1, tol=0.5),
        q("13 / 5.1 ≈ 2.549", pu),
        q("Predictions are then 2.549 and 5.098", 2 * pu),
    ]


@example(24)
def q24() -> list[Quote]:
    y_true = np.r_[np.ones(50), np.zeros(950)]
    y_pred = np.r_[np.ones(30), np.zeros(20), np.ones(10), np.zeros(940)]
    scores = np.array([0.95, 0.90, 0.80, 0.70, 0.60, 0.50, 0.40, 0.30, 0.20, 0.10])
    labels = np.array([1, 1, 0, 1, 0, 1, 0, 0, 1, 0])
    rows = {}
    for threshold in (0.65, 0.45, 0.15):
        flagged = (scores >= threshold).astype(int)
        rows[threshold] = (
            precision_score(labels, flagged),
            recall_score(labels, flagged),
            f1_score(labels, flagged),
        )
    return [
        q("precision = 30 / (30 + 10) = 0.75", precision_score(y_true, y_pred)),
        q("recall    = 30 / (30 + 20) = 0.60", recall_score(y_true, y_pred)),
        q("= 0.9 / 1.35 ≈ 0.667", f1_score(y_true, y_pred)),
        q("accuracy  = (30 + 940) / 1000 = 0.97", np.mean(y_true == y_pred)),
        q("a model that flags nothing scores 0.95", np.mean(y_true == 0)),
        q("| 0.65 | 4 | 3 | 1 | 2 | 0.750", rows[0.65][0]),
        q("| 0.750 | 0.60", rows[0.65][1]),
        q("| 0.750 | 0.60 | 0.667", rows[0.65][2]),
        q("| 0.45 | 6 | 4 | 2 | 1 | 0.667", rows[0.45][0]),
        q("| 0.667 | 0.80", rows[0.45][1]),
        q("| 0.667 | 0.80 | 0.727", rows[0.45][2]),
        q("| 0.15 | 9 | 5 | 4 | 0 | 0.556", rows[0.15][0]),
        q("| 0.556 | 1.00", rows[0.15][1]),
        q("| 0.556 | 1.00 | 0.714", rows[0.15][2]),
        q("the arithmetic mean is 0.505", (1 + 0.01) / 2),
        q("F1 = 2·1·0.01 / 1.01 ≈ 0.0198", 2 * 0.01 / 1.01),
    ]


@example(1)
def q01() -> list[Quote]:
    truth, noise = 20.0, 16.0
    preds = {
        "A": np.array([14, 15, 13, 14, 14.0]),
        "B": np.array([27, 12, 24, 16, 21.0]),
        "C": np.array([19, 18, 21, 17, 20.0]),
    }
    mse = {k: (v.mean() - truth) ** 2 + v.var() + noise for k, v in preds.items()}
    return [
        q("| 14, 15, 13, 14, 14 | 14", preds["A"].mean()),
        q("| (14 − 20)² = 36 | 0.4", preds["A"].var()),
        q("36 + 0.4 + 16 = **52.4", mse["A"]),
        q("| 27, 12, 24, 16, 21 | 20", preds["B"].mean()),
        q("| 0 | 29.2", preds["B"].var()),
        q("0 + 29.2 + 16 = **45.2", mse["B"]),
        q("| 19, 18, 21, 17, 20 | 19", preds["C"].mean()),
        q("| 1 | 2.0", preds["C"].var()),
        q("1 + 2.0 + 16 = **19.0", mse["C"]),
        q("49 + 64 + 16 + 16 + 1 = 146", ((preds["B"] - 20) ** 2).sum()),
        q("cut variance by about 15", preds["B"].var() / preds["C"].var(), tol=0.5),
    ]


@example(2)
def q02() -> list[Quote]:
    pts = {"A": (5, 1), "B": (8, 2), "C": (6, 0), "D": (40, 10), "E": (45, 12), "F": (50, 14)}
    x = {k: np.array(v, dtype=float) for k, v in pts.items()}

    def dist(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.linalg.norm(a - b))

    def inertia(groups: list[list[str]]) -> float:
        total = 0.0
        for g in groups:
            c = np.mean([x[k] for k in g], axis=0)
            total += sum(float(((x[k] - c) ** 2).sum()) for k in g)
        return total

    mu1 = np.mean([x["A"], x["C"]], axis=0)
    mu2 = np.mean([x[k] for k in "BDEF"], axis=0)
    c1 = np.mean([x[k] for k in "ABC"], axis=0)
    return [
        q("to A is √(1² + 1²) = 1.41", dist(x["C"], x["A"])),
        q("to B is √(2² + 2²) = 2.83", dist(x["C"], x["B"])),
        q("(33.0", dist(x["D"], x["B"])),
        q("(33.0, 38.3", dist(x["E"], x["B"])),
        q("(33.0, 38.3 and 43.7", dist(x["F"], x["B"])),
        q("vs 36.1", dist(x["D"], x["A"])),
        q("vs 36.1, 41.5", dist(x["E"], x["A"])),
        q("vs 36.1, 41.5 and 46.8", dist(x["F"], x["A"])),
        q("mean(A, C) = (5.5", mu1[0]),
        q("(143/4, 38/4) = (35.75", mu2[0]),
        q("(35.75, 9.5", mu2[1]),
        q("J = 1160.75", inertia([["A", "C"], ["B", "D", "E", "F"]])),
        q("B is now 2.92", dist(x["B"], mu1)),
        q("and 28.75", dist(x["B"], mu2)),
        q("(19/3, 3/3) = (6.33", c1[0]),
        q("Cluster 1: 1.78", float(((x["A"] - c1) ** 2).sum())),
        q("1.78 + 3.78", float(((x["B"] - c1) ** 2).sum())),
        q("1.78 + 3.78 + 1.11", float(((x["C"] - c1) ** 2).sum())),
        q("1.78 + 3.78 + 1.11 = 6.67", inertia([["A", "B", "C"]])),
        q("Cluster 2: 29 + 0 + 29 = 58", inertia([["D", "E", "F"]])),
        q("J = 64.67", inertia([["A", "B", "C"], ["D", "E", "F"]])),
    ]


@example(3)
def q03() -> list[Quote]:
    ols = np.array([0.8, 0.3, 0.05])
    lam = 0.2
    ridge = ols / (1 + lam)
    lasso = np.sign(ols) * np.maximum(np.abs(ols) - lam / 2, 0)
    return [
        q("| completion | 0.80 | 0.667", ridge[0]),
        q("| 0.667 | 0.70", lasso[0]),
        q("| share | 0.30 | 0.250", ridge[1]),
        q("| 0.250 | 0.20", lasso[1]),
        q("| upload hour | 0.05 | 0.042", ridge[2]),
        q("soft-threshold at 0.1", lam / 2),
        q("shrinks each by the same 16.7", 100 * (1 - 1 / (1 + lam))),
        q("L2 penalty 0.5² + 0.5² = **0.5", 0.5**2 + 0.5**2),
        q("L1 penalty 0.5 + 0.5 = **1.0", 1.0),
    ]


@example(5)
def q05() -> list[Quote]:
    known = np.array([16, 17, 18, 19, 22, 25, 31, 44.0])
    truth = np.r_[known, 14, 15]
    mean_fill = np.r_[known, known.mean(), known.mean()]
    median_fill = np.r_[known, np.median(known), np.median(known)]
    return [
        q("sum = 192", known.sum()),
        q("mean = 24.0", known.mean()),
        q("median = 20.5", np.median(known)),
        q("(192 + 29) / 10 = **22.1", truth.mean()),
        q("| 14, 15 | 22.1 | 9.27", truth.std(ddof=1)),
        q("| 24, 24 | 24.0", mean_fill.mean()),
        q("| 24.0 | 8.35", mean_fill.std(ddof=1)),
        q("| 20.5, 20.5 | 23.3", median_fill.mean()),
        q("| 23.3 | 8.48", median_fill.std(ddof=1)),
        q("overstates the average age by 1.9", mean_fill.mean() - truth.mean()),
    ]


@example(6)
def q06() -> list[Quote]:
    x = np.array([0.8, 1.0])
    w1, b1 = np.array([[0.5, 1.0], [-1.0, 0.5]]), np.array([-0.4, 0.0])
    v, c = np.array([2.0, -1.0]), -1.0

    def forward(w1: np.ndarray, b1: np.ndarray, v: np.ndarray, c: float) -> tuple:
        z = w1 @ x + b1
        h = np.maximum(z, 0)
        s = float(v @ h + c)
        return z, h, s, 1 / (1 + math.exp(-s))

    z, h, s, p = forward(w1, b1, v, c)
    ds = p - 1
    dz1 = ds * v[0]
    lr = 0.5
    w1n, b1n = w1.copy(), b1.copy()
    w1n[0] -= lr * dz1 * x
    b1n[0] -= lr * dz1
    vn = v - lr * ds * h
    cn = c - lr * ds
    z2, _, s2, p2 = forward(w1n, b1n, vn, cn)
    return [
        q("1.0·1 − 0.4 = 1.0", z[0]),
        q("0.5·1 + 0  = −0.3", z[1]),
        q("− 1.0·0 − 1.0 = 1.0", s),
        q("p = σ(1.0) = 0.731", p),
        q("L = −ln 0.731 = 0.313", -math.log(p)),
        q("∂L/∂s  = p − y = −0.269", ds),
        q("∂L/∂z₁ = −0.269 · 2.0 = −0.538", dz1),
        q("∂L/∂w₁₁ = −0.538 · 0.8 = −0.430", dz1 * 0.8),
        q("v₁ = 2.134", vn[0]),
        q("output bias = −0.866", cn),
        q("w₁₁ = 0.715", w1n[0, 0]),
        q("w₁₂ = 1.269", w1n[0, 1]),
        q("hidden bias b₁ = −0.131", b1n[0]),
        q("z₁ = 1.710", z2[0]),
        q("− 0.866 = 2.784", s2),
        q("so p = 0.942", p2),
        q("from 0.313 to 0.060", -math.log(p2)),
        q("8·32 + 32 = 288", 8 * 32 + 32),
        q("32·1 + 1 = 33 for the output, 321", 8 * 32 + 32 + 33),
    ]


@example(7)
def q07() -> list[Quote]:
    out = (224 + 2 * 3 - 7) // 2 + 1
    params = 64 * (3 * 7 * 7 + 1)
    dense = 224 * 224 * 3 * out * out * 64
    rnn = 256 * 256 + 256 * 128 + 256
    return [
        q("= ⌊223 / 2⌋ + 1 = 111 + 1 = 112", out),
        q("= 64 · 148 = 9,472", params),
        q("(9,408 without biases", 64 * 3 * 7 * 7),
        q("= 118,013,952", out * out * 64 * 147),
        q("about 0.12 GMACs", out * out * 64 * 147 / 1e9),
        q("Input `224 · 224 · 3 = 150,528", 224 * 224 * 3),
        q("output `112 · 112 · 64 = 802,816", out * out * 64),
        q("≈ 1.21", dense / 1e11, tol=0.005),
        q("by a factor of about 12.8", dense / params / 1e6, tol=0.05),
        q("`W` is 256 × 256 = 65,536", 256 * 256),
        q("`U` is 256 × 128 = 32,768", 256 * 128),
        q("total **98,560", rnn),
        q("`4 · 98,560 = 394,240", 4 * rnn),
        q("`0.9⁵⁰ ≈ 0.0052", 0.9**50),
        q("`1.1⁵⁰ ≈ 117", 1.1**50),
    ]


@example(8)
def q08() -> list[Quote]:
    val = [0.620, 0.510, 0.450, 0.412, 0.418, 0.431, 0.447]
    train = [0.60, 0.44, 0.33, 0.25, 0.19, 0.14, 0.10]
    best = int(np.argmin(val))
    h = np.array([2.0, 0.5, 1.0, 3.0])
    m = np.array([1, 0, 1, 0])
    dropped = h * m / 0.5
    # Adam's first step (bias-corrected m̂ = g, v̂ = g²) with coupled L2, then AdamW.
    g = 0.1 + 0.01 * 0.8
    adam_coupled = 0.8 - 0.1 * g / (math.sqrt(g * g) + 1e-8)
    adam_w = 0.8 - 0.1 * (0.1 / (math.sqrt(0.1 * 0.1) + 1e-8) + 0.01 * 0.8)
    return [
        q("Epochs 5, 6 and 7 fail to beat 0.412", val[best]),
        q("`0.447 − 0.10 = 0.347", val[6] - train[6]),
        q("`0.412 − 0.25 = 0.162", val[best] - train[best]),
        q("= [4.0", dropped[0]),
        q("[4.0, 0, 2.0", dropped[2]),
        q("= 0.7992", (1 - 0.1 * 0.01) * 0.8),
        q("0.7992 − 0.01 = 0.7892", (1 - 0.1 * 0.01) * 0.8 - 0.1 * 0.1),
        q("removed `0.0008", 0.1 * 0.01 * 0.8),
        q("= 0.1 + 0.01·0.8 = 0.108", 0.1 + 0.01 * 0.8),
        q("becomes `0.8 − 0.1 = 0.7", adam_coupled),
        q("= 0.6992", adam_w),
        q("so the 0.0008", adam_coupled - adam_w),
    ]


@example(9)
def q09() -> list[Quote]:
    head = 768 * 12 + 12
    per = 8 * (768 + 768)
    lora = per * 2 * 12
    return [
        q("`768 · 12 + 12 = 9,228", head),
        q("= 12,288", per),
        q("`768 · 768 = 589,824", 768 * 768),
        q("`12,288 · 2 · 12 = 294,912", lora),
        q("≈ 0.34", 100 * lora / 86e6),
        q("304,140", lora + head),
        q("about 17,000", 86e6 / 5000, tol=500),
    ]


@example(11)
def q11() -> list[Quote]:
    def score(p: tuple[float, float, float], share_w: float = 20) -> float:
        return p[0] + 5 * p[1] + share_w * p[2]

    a, b = (0.60, 0.08, 0.01), (0.40, 0.15, 0.04)
    return [
        q("That is 2,000", 4 * 500),
        q("0.60 + 0.40 + 0.20 = 1.20", score(a)),
        q("0.40 + 0.75 + 0.80 = 1.95", score(b)),
        q("widen the gap to 1.40", score(a, 40)),
        q("against 2.75", score(b, 40)),
    ]


@example(13)
def q13() -> list[Quote]:
    n_post, e_post = stats.beta(12, 18), stats.beta(426, 594)
    p_n_wins, _ = integrate.quad(lambda t: n_post.pdf(t) * e_post.cdf(t), 0, 1, limit=200)
    return [
        q("`12 / 30 = 0.400", (6 + 6) / (10 + 20)),
        q("`426 / 1,020 ≈ 0.418", (420 + 6) / (1000 + 20)),
        q("= √(216 / 27,900) ≈ 0.088", n_post.std()),
        q("(1,020² · 1,021)) ≈ 0.015", e_post.std()),
        q("N wins about 41", 100 * p_n_wins, tol=1.0),
        q("(simulation: 0.415", p_n_wins, tol=0.005),
        q("(6 + 23 + 6) / (60 + 20) = 35 / 80 ≈ 0.44", (6 + 23 + 6) / 80),
    ]


@example(14)
def q14() -> list[Quote]:
    def dcg(rels: list[int]) -> float:
        return sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(rels))

    def ap(rels: list[int], n_relevant: int) -> float:
        hits, total = 0, 0.0
        for i, r in enumerate(rels, start=1):
            if r > 0:
                hits += 1
                total += hits / i
        return total / min(n_relevant, len(rels))

    ranked, ideal, moved = [3, 0, 2, 0, 1], [3, 2, 2, 1, 0], [0, 2, 3, 0, 1]
    return [
        q("`Precision@5 = 3/5 = 0.60", 3 / 5),
        q("`Recall@5 = 3/4 = 0.75", 3 / 4),
        q("= 2.267 / 4 = 0.567", ap(ranked, 4)),
        q("| 2 | 0 | 0 | 1.585", math.log2(3)),
        q("| 4 | 0 | 0 | 2.322", math.log2(5)),
        q("| 5 | 1 | 1 | 2.585 | 0.387", 1 / math.log2(6)),
        q("`DCG@5 = 8.887", dcg(ranked)),
        q("= 7 + 1.893", 3 / math.log2(3)),
        q("+ 1.5 + 0.431 = 10.823", dcg(ideal)),
        q("`NDCG@5 = 8.887 / 10.823 = 0.821", dcg(ranked) / dcg(ideal)),
        q("DCG falls to `0 + 1.893 + 3.5 + 0 + 0.387 = 5.780", dcg(moved)),
        q("so NDCG@5 = 0.534", dcg(moved) / dcg(ideal)),
        q("AP@5 falls to 0.442", ap(moved, 4)),
        q("`n ≈ 16", 2 * (stats_z(0.975) + stats_z(0.8)) ** 2, tol=0.5),
    ]


def stats_z(p: float) -> float:
    return float(stats.norm.ppf(p))


@example(15)
def q15() -> list[Quote]:
    mu, bu, bi = 3.5, 0.3, -0.2
    p, qi = np.array([1.2, 0.4]), np.array([0.9, -0.5])
    pred = mu + bu + bi + p @ qi
    e = 4 - pred
    lr, reg = 0.05, 0.02
    bu2, bi2 = bu + lr * (e - reg * bu), bi + lr * (e - reg * bi)
    p2, q2 = p + lr * (e * qi - reg * p), qi + lr * (e * p - reg * qi)
    pred2 = mu + bu2 + bi2 + p2 @ q2
    return [
        q("= 1.08 − 0.20 = 0.88", p @ qi),
        q("= 4.48", pred),
        q("`e = 4 − 4.48 = −0.48", e),
        q("| 0.2757", bu2),
        q("| −0.2238", bi2),
        q("| (1.1772", p2[0]),
        q("(1.1772, 0.4116)", p2[1]),
        q("| (0.8703", q2[0]),
        q("(0.8703, −0.5091)", q2[1]),
        q("= 4.367", pred2),
        q("to −0.367", 4 - pred2),
        q("= 384 GB", 1.5e9 * 64 * 4 / 1e9),
        q("alone is 256 GB", 1e9 * 64 * 4 / 1e9),
    ]


@example(16)
def q16() -> list[Quote]:
    qps = 1e9 * 100 / 8 / 86_400
    return [
        q("= 1.25", 1e9 * 100 / 8 / 1e10),
        q("÷ 86,400 s = **~145", qps / 1e3, tol=0.5),
        q("~430", 3 * qps / 1e3, tol=5),
        q("145k × 1,000 = 1.45", 145e3 * 1000 / 1e8),
        q("that is ~145 servers", 145e3 * 1000 / 1e6),
        q("~435 at peak", 3 * 145e3 * 1000 / 1e6),
        q("the item index at 10⁹ × 128 × 2 bytes = 256 GB", 1e9 * 128 * 2 / 1e9),
        q("it becomes 32 GB", 1e9 * 32 / 1e9),
        q("| **total** | | **200", 20 + 40 + 20 + 30 + 60 + 10 + 20),
        q("~20 TB/day", 1e11 * 200 / 1e12),
    ]


@example(17)
def q17() -> list[Quote]:
    return [
        q("× 64 dims × 4 bytes = **512", 2e9 * 64 * 4 / 1e9),
        q("**16 parameter-server shards of 64", 2 * 512 / 16),
        q("shrinks the table to 128", 2e9 * 64 / 1e9),
        q("= 10 TB/day", 1e10 * 1e3 / 1e12),
        q("10¹⁰ / 10⁶ = 10,000 s ≈ 2.8", 1e10 / 1e6 / 3600),
        q("100k QPS × 500 candidates = 5", 1e5 * 500 / 1e7),
        q("that is **100", 5e7 / 5e5),
        q("or 200", 2 * 5e7 / 5e5),
        q("`P(at least one slow) = 1 − 0.99¹⁰⁰ = 0.634", 1 - 0.99**100),
        q("`1 − 0.999¹⁰⁰ = 0.095", 1 - 0.999**100),
        q("about 63", 100 * (1 - 0.99**100)),
    ]


@example(18)
def q18() -> list[Quote]:
    rows = {0.8: (4000, 1000, 1000), 0.5: (4600, 4000, 400)}
    cost = {t: 20 * fn + fp for t, (tp, fp, fn) in rows.items()}
    return [
        q("about 350/s", 30e6 / 86_400, tol=5),
        q("| 0.8 | 4,000 | 1,000 | 1,000 | 0.80", 4000 / 5000),
        q("| 0.80 | 0.80 | 20,000 + 1,000 = **21,000", cost[0.8]),
        q("| 0.5 | 4,600 | 4,000 | 400 | 0.53", 4600 / 8600),
        q("| 0.53 | 0.92", 4600 / 5000),
        q("8,000 + 4,000 = **12,000", cost[0.5]),
        q("still costs 43", 100 * (1 - cost[0.5] / cost[0.8])),
        q("= 1/21 ≈ 0.048", 1 / 21),
        q("= 41.7", 5000 * 30 / 3600),
        q("8,600 items = 71.7", 8600 * 30 / 3600),
        q("about 9 reviewers", 8600 * 30 / 3600 / 8),
        q("(48 hours, about 5,760", 48 * 3600 / 30),
    ]


@example(19)
def q19() -> list[Quote]:
    pos, flagged = 10_000, 100_000
    tp = 0.6 * pos
    fp = flagged - tp
    return [
        q("TP = 0.60 × 10,000 = **6,000", tp),
        q("FP = 100,000 − 6,000 = **94,000", fp),
        q("FPR = 94,000 / 9,990,000 = **0.94", 100 * fp / (10_000_000 - pos)),
        q("Precision = 6,000 / 100,000 = **6", 100 * tp / flagged),
        q("Lift = 6% / 0.1% = **60", (tp / flagged) / 0.001),
        q("(0.0094", fp / (10_000_000 - pos)),
        q("**94", 100 * fp / flagged),
        q("about 116/s", 10e6 / 86_400),
    ]


@example(20)
def q20() -> list[Quote]:
    a = 20 * 0.015 * 0.04 * 1000
    b = 0.60 * 0.018 * 1000
    c = 50 * 0.008 * 0.025 * 1000
    price_a = b / (0.015 * 0.04 * 1000)
    c_wrong = 50 * 0.012 * 0.025 * 1000
    price_c = a / (0.012 * 0.025 * 1000)
    true_rev = price_c * 0.008 * 0.025 * 1000
    return [
        q("20 × 0.015 × 0.04 × 1000 = **12.00", a),
        q("0.60 × 0.018 × 1000 = **10.80", b),
        q("50 × 0.008 × 0.025 × 1000 = **10.00", c),
        q("= 10.80 / 0.6 = 18.00", price_a),
        q("`18.00 × 0.015 × 0.04 × 1000 = 10.80", price_a * 0.015 * 0.04 * 1000),
        q("`50 × 0.012 × 0.025 × 1000 = 15.00", c_wrong),
        q("= 40.00", price_c),
        q("`40 × 0.008 × 0.025 × 1000 = 8.00", true_rev),
        q("about 26", 100 * (1 - true_rev / b)),
    ]


@example(21)
def q21() -> list[Quote]:
    from sklearn.metrics.pairwise import cosine_similarity

    u = np.array([[1, 2, 2.0]])
    vs = np.array([[2, 1, 2], [4, 2, 4], [2, -2, 1], [-1, -2, -2.0]])
    cos = cosine_similarity(vs, u)[:, 0]
    return [
        q("`‖u‖ = √(1 + 4 + 4) = 3", np.linalg.norm(u)),
        q("| (2, 1, 2) | 2 + 2 + 4 = 8 | 3 | 8/9 ≈ 0.889", cos[0]),
        q("| 8/9 ≈ 0.889 | 2/9 ≈ 0.222", 2 - 2 * cos[0]),
        q("| 4 + 4 + 8 = 16 | 6 | 16/18 ≈ 0.889", cos[1]),
        q("| 2 − 4 + 2 = 0 | 3 | 0", cos[2]),
        q("| −1 − 4 − 4 = −9 | 3 | −1", cos[3]),
        q("| −1 | 4", 2 - 2 * cos[3]),
        q("scanning about 25.6", 100e6 * 64 * 4 / 1e9),
    ]


@example(23)
def q23() -> list[Quote]:
    pts = np.array([[1, 1], [1.5, 2], [3, 4], [5, 7], [3.5, 5], [4.5, 5]])

    def sq(c: np.ndarray) -> np.ndarray:
        return ((pts - c) ** 2).sum(axis=1)

    c2 = pts[1:].mean(axis=0)
    c1b, c2b = pts[:2].mean(axis=0), pts[2:].mean(axis=0)
    d2 = sq(c2)
    d_a = sq(pts[0])
    inertia1 = float(sq(pts[1])[2:].sum())
    inertia2 = float(((pts[1:] - c2) ** 2).sum())
    inertia3 = float(d_a[1] + d2[2:].sum())
    inertia4 = float(((pts[:2] - c1b) ** 2).sum() + ((pts[2:] - c2b) ** 2).sum())
    w = d_a[1:]
    return [
        q("| D | 52 | 37.25", sq(pts[1])[3]),
        q("| F | 28.25 | 18", sq(pts[1])[5]),
        q("0 + 0 + 6.25 + 37.25 + 13 + 18 = **74.5", inertia1),
        q("= **(3.5", c2[0]),
        q("(3.5, 4.6)", c2[1]),
        q("Inertia is now **20.7", inertia2),
        q("| A | 0 | 19.21", d2[0]),
        q("| B | 1.25 | 10.76", d2[1]),
        q("| C | 13 | 0.61", d2[2]),
        q("| D | 52 | 8.01", d2[3]),
        q("| E | 22.25 | 0.16", d2[4]),
        q("| F | 28.25 | 1.16", d2[5]),
        q("= **11.19", inertia3),
        q("**(1.25", c1b[0]),
        q("(1.25, 1.5)", c1b[1]),
        q("**(4, 5.25)", c2b[1]),
        q("Inertia is now **7.875", inertia4),
        q("(total 116.75", w.sum()),
        q("52/116.75 ≈ 0.45", w[2] / w.sum()),
        q("1.25/116.75 ≈ 0.01", w[0] / w.sum()),
    ]


@example(25)
def q25() -> list[Quote]:
    x, y = np.array([1, 2, 3.0]), np.array([3, 5, 7.0])
    xt = np.c_[x, np.ones(3)]

    def loss(theta: np.ndarray) -> float:
        return float(np.mean((xt @ theta - y) ** 2))

    def grad(theta: np.ndarray) -> np.ndarray:
        return (2 / 3) * xt.T @ (xt @ theta - y)

    t0 = np.zeros(2)
    t1 = t0 - 0.1 * grad(t0)
    t2 = t1 - 0.1 * grad(t1)
    hess = (2 / 3) * xt.T @ xt
    eig = np.linalg.eigvalsh(hess)
    theta, steps = np.zeros(2), 0
    while np.max(np.abs(theta - [2, 1])) >= 1e-6:
        theta = theta - 0.1 * grad(theta)
        steps += 1
    bad = [np.zeros(2)]
    for _ in range(3):
        bad.append(bad[-1] - 0.19 * grad(bad[-1]))
    return [
        q("L            = (9 + 25 + 49) / 3 ≈ 27.667", loss(t0)),
        q("(2/3)·(−34) ≈ −22.667", grad(t0)[0]),
        q("∂L/∂b        = (2/3)·(−3 − 5 − 7) = −10", grad(t0)[1]),
        q("w = 0 − 0.1·(−22.667) ≈ 2.2667", t1[0]),
        q("L            ≈ 0.3319", loss(t1)),
        q("(0.2667 + 1.0667 + 2.4) ≈ 2.4889", grad(t1)[0]),
        q("(2/3)·(1.6) ≈ 1.0667", grad(t1)[1]),
        q("= 2.0178", t2[0]),
        q("= 0.8933", t2[1]),
        q("The loss is now about 0.0053", loss(t2)),
        q("by a factor of about 80", loss(t0) / loss(t1), tol=5),
        q("eigenvalues about 11.09", eig[1]),
        q("0.24", eig[0]),
        q("so κ ≈ 46", eig[1] / eig[0], tol=0.5),
        q("1 − 0.1·0.24 ≈ 0.976", 1 - 0.1 * eig[0]),
        q("of (2, 1) after 474", steps),
        q("2/11.09 ≈ 0.180", 2 / eig[1]),
        q("27.7 → 33.9", loss(bad[1])),
        q("33.9 → 41.6", loss(bad[2])),
        q("41.6 → 51.1", loss(bad[3])),
        q("9.333", hess[0, 0]),
    ]
