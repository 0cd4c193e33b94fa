"""Recomputations of the worked examples of questions 26 onward (see quotes.py)."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from tests.content.examples_seed import CHECKS, example
from tests.content.quotes import Quote, q

__all__ = ["CHECKS"]  # one registry: @example adds questions 26+ to the seed's table


def norm_ppf(p: float) -> float:
    return float(stats.norm.ppf(p))


@example(26)
def q26() -> list[Quote]:
    def wald(p1: float, p2: float, n: int) -> tuple[float, float, float]:
        se = math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n)
        z = (p2 - p1) / se
        return se, z, 2 * float(stats.norm.sf(abs(z)))

    se, z, p = wald(0.10, 0.108, 10_000)
    se4, z4, p4 = wald(0.10, 0.108, 40_000)
    tp, fp = 0.1 * 0.8, 0.9 * 0.05
    return [
        q("/10,000) ≈ 0.00432", se),
        q("z  = 0.008 / 0.00432 ≈ 1.85", z),
        q("p  = 2·(1 − Φ(1.85)) ≈ 0.064", p),
        q("= (−0.0005", 0.008 - 1.96 * se),
        q("(−0.0005, 0.0165)", 0.008 + 1.96 * se),
        q("a +1.65", 100 * (0.008 + 1.96 * se)),
        q("the SE halves to about 0.00216", se4),
        q("z ≈ 3.71", z4),
        q("p ≈ 0.0002", p4, tol=0.00005),
        q("about 0.08", tp),
        q("and 0.045", fp),
        q("9,999 degrees of freedom is 1.9602", float(stats.t.ppf(0.975, 9999))),
        q("against 1.9600", norm_ppf(0.975)),
    ]


@example(27)
def q27() -> list[Quote]:
    k = (norm_ppf(0.975) + norm_ppf(0.8)) ** 2
    var = 0.10 * 0.90 + 0.105 * 0.895
    n = k * var / 0.005**2
    mde = (norm_ppf(0.975) + norm_ppf(0.8)) * math.sqrt(2 * 0.09 / 20_000)
    k90 = (norm_ppf(0.975) + norm_ppf(0.9)) ** 2
    kb = (norm_ppf(1 - 0.05 / 6) + norm_ppf(0.8)) ** 2
    return [
        q("`(1.96 + 0.84)² ≈ 7.85", k),
        q("so `n ≈ 15.7", 2 * k),
        q("(1.960 + 0.842)² ≈ 7.849", k),
        q("= 0.183975", var),
        q("/ 0.005² ≈ 57,760", n, tol=1),
        q("16 · 0.09 / 0.005² = 57,600", 16 * 0.09 / 0.005**2),
        q("within 0.3", 100 * (n - 57_600) / n),
        q("needs 6 days", math.ceil(n / 10_000)),
        q("√(2·0.09/20,000) ≈ 0.0084", mde),
        q("a lift of 0.84", 100 * mde),
        q("multiplies n by about 1.34", k90 / k),
        q("to about 2.39", norm_ppf(1 - 0.05 / 6)),
        q("(factor 1.33", kb / k),
    ]


def _peeking(looks: int, boundary: float) -> float:
    """P(some |z| crosses the boundary) over equally spaced looks under H0."""
    if looks > 5:  # the exact multivariate-normal integral gets slow: simulate instead
        rng = np.random.default_rng(19)
        paths = np.cumsum(rng.standard_normal((400_000, looks)), axis=1)
        z = paths / np.sqrt(np.arange(1, looks + 1))
        return float((np.abs(z) > boundary).any(axis=1).mean())
    t = np.arange(1, looks + 1) / looks
    corr = np.sqrt(np.minimum.outer(t, t) / np.maximum.outer(t, t))
    inside = stats.multivariate_normal(mean=np.zeros(looks), cov=corr).cdf(
        np.full(looks, boundary), lower_limit=np.full(looks, -boundary)
    )
    return 1 - float(inside)


@example(28)
def q28() -> list[Quote]:
    from scipy.optimize import brentq

    z = norm_ppf(0.975)
    pocock = brentq(lambda c: _peeking(5, c) - 0.05, 1.9, 3.0)
    chi2 = 2 * 4000**2 / 1_000_000
    return [
        q("| 1 | 5.0", 100 * _peeking(1, z), tol=0.1),
        q("| 2 | 8.3", 100 * _peeking(2, z), tol=0.1),
        q("| 5 | 14.2", 100 * _peeking(5, z), tol=0.1),
        q("| 10 | 19.3", 100 * _peeking(10, z), tol=0.3),
        q("(14 looks, about 22", 100 * _peeking(14, z), tol=0.5),
        q("probability ≈ **0.142", _peeking(5, z), tol=0.002),
        q("`|z| > 2.41", pocock, tol=0.01),
        q("a nominal p of about **0.0158", 2 * float(stats.norm.sf(pocock)), tol=0.0002),
        q("/ 1,000,000 = 32", chi2),
        q("p ≈ 1.5", float(stats.chi2.sf(chi2, 1)) * 1e8),
    ]


@example(29)
def q29() -> list[Quote]:
    p = np.array([0.001, 0.008, 0.012, 0.021, 0.040, 0.090, 0.200, 0.350, 0.600, 0.800])
    m, fdr = len(p), 0.05
    passing = np.nonzero(np.sort(p) <= np.arange(1, m + 1) * fdr / m)[0]
    bh = int(passing.max()) + 1
    holm = 0
    for i, value in enumerate(np.sort(p)):
        if value > 0.05 / (m - i):
            break
        holm += 1
    return [
        q("`1 − 0.95²⁰ ≈ 0.64", 1 - 0.95**20),
        q("(1 − α)^m: 64", 100 * (1 - 0.95**20)),
        q("0.05/20 = 0.0025", 0.05 / 20),
        q("| 4 | 0.021 | 0.020", 4 * fdr / m),
        q("**BH rejects 3", bh),
        q("Bonferroni (threshold 0.005) rejects only 1", int((p <= 0.05 / m).sum())),
        q("Holm also stops after 1", holm),
        q("0.05/9 ≈ 0.0056", 0.05 / 9),
        q("would have claimed 5", int((p < 0.05).sum())),
    ]


@example(30)
def q30() -> list[Quote]:
    a = {"ios": (1000, 100), "android": (4000, 200)}
    b = {"ios": (4000, 360), "android": (1000, 45)}

    def rate(d: dict[str, tuple[int, int]], seg: str) -> float:
        return d[seg][1] / d[seg][0]

    def total(d: dict[str, tuple[int, int]]) -> float:
        return sum(v[1] for v in d.values()) / sum(v[0] for v in d.values())

    return [
        q("| 1,000 | 100 | 10.0", 100 * rate(a, "ios")),
        q("| 4,000 | 360 | 9.0", 100 * rate(b, "ios")),
        q("| 4,000 | 200 | 5.0", 100 * rate(a, "android")),
        q("| 1,000 | 45 | 4.5", 100 * rate(b, "android")),
        q("| 300 | **6.0", 100 * total(a)),
        q("| 405 | **8.1", 100 * total(b)),
        q("because 80", 100 * 4000 / 5000),
        q("= 7.5", 100 * (0.5 * rate(a, "ios") + 0.5 * rate(a, "android"))),
        q("= 6.75", 100 * (0.5 * rate(b, "ios") + 0.5 * rate(b, "android"))),
        q("A is ahead by 0.75", 100 * 0.5 * (rate(a, "ios") - rate(b, "ios") + 0.05 - 0.045)),
    ]


@example(31)
def q31() -> list[Quote]:
    k, n, a, b = 3, 10, 2, 20
    return [
        q("(mean 2/22 ≈ 0.091", a / (a + b)),
        q("= 3 / 10                     = 0.300", k / n),
        q("= 4 / 30 ≈ 0.133", (k + a - 1) / (n + a + b - 2)),
        q("= 5 / 32 ≈ 0.156", (k + a) / (n + a + b)),
        q("MAP = 301/1,020 ≈ 0.295", (300 + a - 1) / (1000 + a + b - 2)),
    ]


@example(32)
def q32() -> list[Quote]:
    prev, sens, fpr = 0.01, 0.95, 0.05

    def posterior(prior: float) -> float:
        return sens * prior / (sens * prior + fpr * (1 - prior))

    first = posterior(prev)
    return [
        q("| bot | 950", 100_000 * prev * sens),
        q("| 950 | 50", 100_000 * prev * (1 - sens)),
        q("| human | 4,950", 100_000 * (1 - prev) * fpr),
        q("| 4,950 | 94,050", 100_000 * (1 - prev) * (1 - fpr)),
        q("= 950 / 5,900 ≈ 0.161", first),
        q("a probability of 19/118 ≈ 0.161", first),
        q("likelihood ratio of a flag is 0.95/0.05 = 19", sens / fpr),
        q("(0.95·0.161 + 0.05·0.839) ≈ 0.785", posterior(first)),
        q("to about 78", 100 * posterior(first)),
        q("P(bot | flag) = 19/28 ≈ 0.68", posterior(0.10)),
    ]


@example(33)
def q33() -> list[Quote]:
    clicks = np.array([2, 0, 5, 1, 12.0])
    imps = np.array([10, 5, 20, 4, 30.0])
    n = len(clicks)
    r = clicks.sum() / imps.sum()
    cov = np.cov(clicks, imps, ddof=1)
    var_r = (cov[0, 0] - 2 * r * cov[0, 1] + r**2 * cov[1, 1]) / (n * imps.mean() ** 2)
    naive = math.sqrt(r * (1 - r) / imps.sum())
    return [
        q("= 20 / 69 ≈ 0.290", r),
        q("mean clicks = 4.0", clicks.mean()),
        q("μ_I = 13.8", imps.mean()),
        q("Var(C) = 23.5", cov[0, 0]),
        q("Var(I) = 122.2", cov[1, 1]),
        q("Cov(C, I) = 52.0", cov[0, 1]),
        q("≈ 0.00380", var_r),
        q("SE(R) ≈ 0.0617", math.sqrt(var_r)),
        q("/69) ≈ 0.0546", naive),
        q("about 11", 100 * (1 - naive / math.sqrt(var_r)), tol=1),
        q("`45/√10,000 = 0.45", 45 / math.sqrt(10_000)),
    ]


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-z)))


@example(34)
def q34() -> list[Quote]:
    from sklearn.linear_model import LogisticRegression

    x, y = np.array([1, 2, 3, 4.0]), np.array([0, 1, 0, 1.0])

    def loss(w: float, b: float) -> float:
        p = sigmoid(w * x + b)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    p0 = sigmoid(0 * x)
    gw, gb = float(np.mean((p0 - y) * x)), float(np.mean(p0 - y))
    p1 = sigmoid(0.25 * x)
    fit = LogisticRegression(C=np.inf).fit(x[:, None], y)
    return [
        q("the loss is ln 2 ≈ 0.6931", loss(0, 0)),
        q("− 0.5·4) = −0.25", gw),
        q("+ 0.5 − 0.5) = 0", gb),
        q("gives w = 0.25", 0 - 1 * gw),
        q("predictions (0.562", p1[0]),
        q("(0.562, 0.622", p1[1]),
        q("(0.562, 0.622, 0.679", p1[2]),
        q("(0.562, 0.622, 0.679, 0.731)", p1[3]),
        q("loss ≈ 0.6875", loss(0.25, 0)),
        q("the MLE is w ≈ 0.908", fit.coef_[0, 0], tol=0.002),
        q("b ≈ −2.270", fit.intercept_[0], tol=0.005),
        q("with respect to z is −0.99", 0.01 - 1),
        q("(0.99) ≈ −0.0196", 2 * (0.01 - 1) * 0.01 * 0.99),
        q("about −0.0196", 2 * (0.01 - 1) * 0.01 * 0.99),
    ]


def gini(counts: list[int]) -> float:
    p = np.array(counts) / sum(counts)
    return float(1 - (p**2).sum())


def entropy(counts: list[int]) -> float:
    p = np.array([c for c in counts if c]) / sum(counts)
    return float(-(p * np.log2(p)).sum())


@example(35)
def q35() -> list[Quote]:
    parent, left, right = [6, 4], [4, 0], [2, 4]
    weighted_g = 0.4 * gini(left) + 0.6 * gini(right)
    weighted_e = 0.4 * entropy(left) + 0.6 * entropy(right)
    return [
        q("Gini    = 1 − (0.6² + 0.4²) = 0.48", gini(parent)),
        q("≈ 0.971 bits", entropy(parent)),
        q("right `1 − ((1/3)² + (2/3)²) ≈ 0.444", gini(right)),
        q("weighted `0.6 · 0.444 ≈ 0.267", weighted_g),
        q("decrease `0.48 − 0.267 ≈ 0.213", gini(parent) - weighted_g),
        q("right ≈ 0.918", entropy(right)),
        q("weighted `0.6 · 0.918 ≈ 0.551", weighted_e),
        q("information gain ≈ 0.420", entropy(parent) - weighted_e),
        q("the gain is exactly 0", gini(parent) - gini([3, 2])),
    ]


@example(36)
def q36() -> list[Quote]:
    from sklearn.tree import DecisionTreeRegressor

    x, y = np.array([1, 2, 3, 4.0]), np.array([3, 5, 7, 9.0])
    f0 = np.full(4, y.mean())
    stump = DecisionTreeRegressor(max_depth=1).fit(x[:, None], y - f0)
    f1 = f0 + 0.1 * stump.predict(x[:, None])
    g = f0 - y
    gl, gr, lam = g[:2].sum(), g[2:].sum(), 1.0
    gain = 0.5 * (gl**2 / (2 + lam) + gr**2 / (2 + lam) - (gl + gr) ** 2 / (4 + lam))
    return [
        q("F₀ = mean(y) = 6", y.mean()),
        q("training MSE 5.0", np.mean((y - f0) ** 2)),
        q("predicts −2", stump.predict([[1.0]])[0]),
        q("on the left and +2", stump.predict([[4.0]])[0]),
        q("predictions are (5.8", f1[0]),
        q("5.8, 6.2, 6.2)", f1[3]),
        q("the MSE falls to 4.24", np.mean((y - f1) ** 2)),
        q("G_L = 4", gl),
        q("G_R = −4", gr),
        q("w_L = −4/(2 + 1) ≈ −1.333", -gl / (2 + lam)),
        q("≈ 5.333", gain),
        q("`0.3 + 0.7/100 = 0.307", 0.3 * 1 + 0.7 * 1 / 100),
    ]


@example(37)
def q37() -> list[Quote]:
    w, b = np.array([2.0, 0.0]), -3.0
    pts = [((2, 1), 1), ((1.8, 0), 1), ((1, 0), -1), ((1.6, 2), -1)]
    f = [float(w @ np.array(p) + b) for p, _ in pts]
    hinge = [max(0.0, 1 - yy * ff) for (_, yy), ff in zip(pts, f, strict=True)]
    return [
        q("`2/‖w‖ = 2/2 = 1", 2 / np.linalg.norm(w)),
        q("| (1.8, 0) | +1 | 0.6 | 0.6 | 0.4", hinge[1]),
        q("| (1, 0) | −1 | −1.0", f[2]),
        q("| (1.6, 2) | −1 | 0.2 | −0.2 | 1.2", hinge[3]),
        q("½·4 + 1·1.6 = 3.6", 0.5 * float(w @ w) + sum(hinge)),
        q("`K = exp(−0.5·2) = e⁻¹ ≈ 0.368", math.exp(-0.5 * 2)),
        q("`e⁻¹⁰ ≈ 4.5", math.exp(-5 * 2) * 1e5),
    ]


@example(38)
def q38() -> list[Quote]:
    vocab, alpha = 500, 1

    def prob(count: int, total: int) -> float:
        return (count + alpha) / (total + alpha * vocab)

    fs, ls, fh, lh = prob(20, 200), prob(15, 200), prob(5, 1000), prob(10, 1000)
    logodds = math.log(0.3 / 0.7) + math.log(fs / fh) + math.log(ls / lh)
    return [
        q("(200 + 500) = 0.030", fs),
        q("(1,000 + 500) = 0.004", fh),
        q("(15 + 1) / 700 ≈ 0.0229", ls),
        q("(10 + 1) / 1,500 ≈ 0.00733", lh),
        q("≈ −0.847", math.log(0.3 / 0.7)),
        q("−0.847 + 2.015", math.log(fs / fh)),
        q("−0.847 + 2.015 + 1.137", math.log(ls / lh)),
        q("= 2.304", logodds),
        q("≈ 0.909", 1 / (1 + math.exp(-logodds))),
    ]


@example(39)
def q39() -> list[Quote]:
    from sklearn.neighbors import KNeighborsClassifier

    train = np.array([[10, 1], [25, 3], [30, 1], [18, 8], [22, 2.0]])
    labels = np.array([0, 1, 1, 0, 1])
    query = np.array([20, 2.0])
    d = np.linalg.norm(train - query, axis=1)
    knn = KNeighborsClassifier(n_neighbors=3).fit(train, labels)
    return [
        q("| E | √(4 + 0) = 2.00", d[4]),
        q("| B | √(25 + 1) ≈ 5.10", d[1]),
        q("| D | √(4 + 36) ≈ 6.32", d[3]),
        q("| A | √(100 + 1) ≈ 10.05", d[0]),
        q("| C | √(100 + 1) ≈ 10.05", d[2]),
        q("2 votes", round(knn.predict_proba([query.tolist()])[0, 1] * 3)),
        q("0.10", 0.01 ** (1 / 2)),
        q("0.10 in 2 dimensions, 0.63", 0.01 ** (1 / 10)),
        q("and 0.95", 0.01 ** (1 / 100)),
        q("`0.01^{1/10} ≈ 0.631", 0.01 ** (1 / 10)),
        q("`0.01^{1/100} ≈ 0.955", 0.01 ** (1 / 100)),
    ]


@example(40)
def q40() -> list[Quote]:
    from sklearn.decomposition import PCA

    x = np.array([[-2, -1], [-1, -1], [0, 0], [1, 1], [2, 1.0]])
    cov = np.cov(x.T)
    pca = PCA().fit(x)
    scores = np.abs(pca.transform(x)[:, 0])
    u = np.abs(pca.components_[0])
    return [
        q("S = [[2.5", cov[0, 0]),
        q("[1.5, 1.0]]", cov[1, 1]),
        q("trace = 3.5", np.trace(cov)),
        q("= 0.25", np.linalg.det(cov)),
        q("λ₁ ≈ 3.427", pca.explained_variance_[0]),
        q("λ₂ ≈ 0.073", pca.explained_variance_[1]),
        q("≈ 97.9", 100 * pca.explained_variance_ratio_[0]),
        q("u₁ ≈ (0.851", u[0]),
        q("(0.851, 0.526)", u[1]),
        q("about −2.227", -scores[0]),
        q("about −2.227, −1.376", -scores[1]),
    ]


@example(41)
def q41() -> list[Quote]:
    mu0, mu1, var = 0.0, 2.0, 1.0
    w = (mu1 - mu0) / var
    b = -(mu1**2 - mu0**2) / (2 * var)

    def posterior(x: float, prior: float) -> float:
        num = prior * math.exp(-((x - mu1) ** 2) / 2)
        return num / (num + (1 - prior) * math.exp(-((x - mu0) ** 2) / 2))

    return [
        q("so w = 2", w),
        q("and b = −2", b),
        q("At x = 1.5 the log-odds are 1", w * 1.5 + b),
        q("σ(1) ≈ 0.731", posterior(1.5, 0.5)),
        q("P = 0.5", posterior(1.0, 0.5)),
        q("`log(0.2/0.8) ≈ −1.386", math.log(0.2 / 0.8)),
        q("falls to σ(−0.386) ≈ 0.405", posterior(1.5, 0.2)),
    ]


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


@example(42)
def q42() -> list[Quote]:
    qk = np.array([[1, 0], [0, 1], [1, 1.0]])
    v = np.array([[1, 0], [0, 2], [1, 1.0]])
    scores = qk @ qk.T / math.sqrt(2)
    weights = softmax(scores)
    out = weights @ v
    return [
        q("= (0.707", scores[2, 0]),
        q("(0.707, 0.707, 1.414)", scores[2, 2]),
        q("weights (0.248", weights[2, 0]),
        q("(0.248, 0.248, 0.503)", weights[2, 2]),
        q("≈ (0.752", out[2, 0]),
        q("(0.752, 1.000)", out[2, 1]),
        q("`4·512² = 1,048,576", 4 * 512**2),
        q("= 512,000,000", 1000**2 * 512),
        q("has 1,000,000", 1000**2),
    ]


@example(43)
def q43() -> list[Quote]:
    d = 4
    pe = [
        math.sin(1 / 10000 ** (0 / d)),
        math.cos(1 / 10000 ** (0 / d)),
        math.sin(1 / 10000 ** (2 / d)),
        math.cos(1 / 10000 ** (2 / d)),
    ]

    def rope_score(m: int, n: int, theta: float = 0.5) -> float:
        def rot(a: float) -> np.ndarray:
            return np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])

        vec = np.array([1.0, 0.0])
        return float((rot(m * theta) @ vec) @ (rot(n * theta) @ vec))

    return [
        q("the second by 0.01", 1 / 10000 ** (2 / d)),
        q("≈ (0.841", pe[0]),
        q("(0.841, 0.540", pe[1]),
        q("(0.841, 0.540, 0.010", pe[2]),
        q("(0.841, 0.540, 0.010, 1.000)", pe[3]),
        q("is `cos((3 − 1)·0.5) = cos 1 ≈ 0.540", rope_score(3, 1)),
        q("it is again `cos 1 ≈ 0.540", rope_score(5, 3)),
    ]


@example(44)
def q44() -> list[Quote]:
    layer = 12 * 768**2
    emb = 30522 * 768
    return [
        q("about 76.8", 0.15 * 512),
        q("about 61.4", 0.8 * 0.15 * 512),
        q("7.7 a random token", 0.1 * 0.15 * 512),
        q("predicts 511", 512 - 1),
        q("`12·768² = 7,077,888", layer),
        q("Twelve layers: 84,934,656", 12 * layer),
        q("`30,522·768 = 23,440,896", emb),
        q("for about 108.4", (12 * layer + emb) / 1e6),
    ]


@example(45)
def q45() -> list[Quote]:
    per_token = 2 * 32 * 4096 * 2
    seq = per_token * 4096 / 2**30
    return [
        q("= 524,288 bytes", per_token),
        q("= 0.5 MiB", per_token / 2**20),
        q("= 2 GiB per sequence", seq),
        q("batch of 16         = 32", 16 * seq),
        q("about 13 GiB", 7e9 * 2 / 2**30, tol=0.5),
        q("shrinks 4", 32 / 8),
        q("to 0.5 GiB per sequence", seq * 8 / 32),
        q("and 8 GiB for the batch", 16 * seq * 8 / 32),
    ]


@example(46)
def q46() -> list[Quote]:
    x = np.array([[1, 2], [3, 6], [5, 10.0]])
    bn = (x - x.mean(0)) / x.std(0)
    ln = (x - x.mean(1, keepdims=True)) / x.std(1, keepdims=True)
    return [
        q("Feature 1 has mean 3", x[:, 0].mean()),
        q("`(4 + 0 + 4)/3 ≈ 2.667", x[:, 0].var()),
        q("(std ≈ 1.633", x[:, 0].std()),
        q("become (−1.225", bn[0, 0]),
        q("(−1.225, 0, 1.225)", bn[2, 0]),
        q("(mean 6, std ≈ 3.266", x[:, 1].std()),
        q("(1, 2) has mean 1.5", x[0].mean()),
        q("and std 0.5", x[0].std()),
        q("so it becomes (−1", ln[0, 0]),
        q("`(4 − 3)/1.633 ≈ 0.612", (4 - 3) / math.sqrt(8 / 3)),
    ]


@example(47)
def q47() -> list[Quote]:
    rng = np.random.default_rng(0)
    # Check the variance-halving claim empirically on one wide ReLU layer.
    x = rng.standard_normal((2000, 512))
    w = rng.standard_normal((512, 512)) * math.sqrt(1 / 512)
    gain = float((np.maximum(x, 0) @ w).var() / x.var())
    return [
        q("He: `√(2/512) = 0.0625", math.sqrt(2 / 512)),
        q("Xavier: `√(2/(512 + 512)) ≈ 0.0442", math.sqrt(2 / 1024)),
        q("it is scaled by `0.5", gain, tol=0.05),
        q("`0.5⁵⁰ ≈ 8.9", 0.5**50 * 1e16),
        q("`b = log(0.02/0.98) ≈ −3.892", math.log(0.02 / 0.98)),
        q("predicts σ(−3.892) = 0.02", 1 / (1 + math.exp(-math.log(0.02 / 0.98)))),
    ]


@example(48)
def q48() -> list[Quote]:
    chunks = math.ceil((2000 - 500) / 450) + 1
    return [
        q("a stride of 450", 500 - 50),
        q("+ 1 = 5", chunks),
        q("holds about 50,000", 10_000 * chunks),
        q("≈ 153.6", 10_000 * chunks * 768 * 4 / 1e6),
        q("recall@5 = 164/200 = 0.82", 164 / 200),
        q("`5 · 500 = 2,500", 5 * 500),
        q("that is 16", (0.90 - 0.82) * 200),
    ]


@example(65)
def q65() -> list[Quote]:
    z = np.array([1000, 1001, 1002.0])
    p = softmax(z)
    shifted = np.exp(z - z.max())
    lse = z.max() + math.log(shifted.sum())
    return [
        q("= (0.1353", shifted[0]),
        q("(0.1353, 0.3679", shifted[1]),
        q("sum = 1.5032", shifted.sum()),
        q("= (0.0900", p[0]),
        q("(0.0900, 0.2447", p[1]),
        q("(0.0900, 0.2447, 0.6652)", p[2]),
        q("= 1002.4076", lse),
        q("= −1002 + 1002.4076 = 0.4076", lse - z[2]),
        q("−0.3348)", p[2] - 1),
    ]


@example(49)
def q49() -> list[Quote]:
    s = np.array([1.8, 2.0, 0.2])
    log_q = np.log([0.05, 0.001, 0.0001])
    plain, corrected = softmax(s), softmax(s - log_q)
    return [
        q("is (0.413", plain[0]),
        q("(0.413, 0.504", plain[1]),
        q("(0.413, 0.504, 0.083)", plain[2]),
        q("−log 0.504 ≈ 0.685", -math.log(plain[1])),
        q("A `1.8 + 2.996 ≈ 4.796", (s - log_q)[0]),
        q("B `2.0 + 6.908 ≈ 8.908", (s - log_q)[1]),
        q("C `0.2 + 9.210 ≈ 9.410", (s - log_q)[2]),
        q("is now (0.006", corrected[0]),
        q("(0.006, 0.375", corrected[1]),
        q("(0.006, 0.375, 0.619)", corrected[2]),
        q("−log 0.375 ≈ 0.982", -math.log(corrected[1])),
    ]


@example(50)
def q50() -> list[Quote]:
    def gain(rel: int) -> float:
        return 2.0**rel - 1

    def disc(pos: int) -> float:
        return 1 / math.log2(pos + 1)

    rels = [0, 2, 1]
    ideal = sorted(rels, reverse=True)
    idcg = sum(gain(r) * disc(i + 1) for i, r in enumerate(ideal))
    d12 = abs((gain(rels[1]) - gain(rels[0])) * (disc(1) - disc(2)))
    d23 = abs((gain(rels[1]) - gain(rels[2])) * (disc(2) - disc(3)))
    return [
        q("`P(i ≻ j) = σ(1) ≈ 0.731", 1 / (1 + math.exp(-1))),
        q("loss `−log 0.731 ≈ 0.313", math.log(1 + math.exp(-1))),
        q("`−σ(−1) ≈ −0.269", -1 / (1 + math.exp(1))),
        q("≈ 3.631", idcg),
        q("(1/log₂2 − 1/log₂3) ≈ 1.107", d12),
        q("so `|ΔNDCG| ≈ 0.305", d12 / idcg),
        q("(1/log₂3 − 1/log₂4) ≈ 0.262", d23),
        q("so `|ΔNDCG| ≈ 0.072", d23 / idcg),
    ]


@example(51)
def q51() -> list[Quote]:
    v = np.array([[1.0, 0.5], [0.2, 1.0], [-0.5, 0.5]])
    pairs = {(i, j): float(v[i] @ v[j]) for i in range(3) for j in range(i + 1, 3)}
    sums = v.sum(axis=0)
    squares = (v**2).sum(axis=0)
    fast = 0.5 * float(((sums**2) - squares).sum())
    gate = softmax(np.array([1.0, 0.0]))
    return [
        q("`⟨v₁,v₂⟩ = 0.2 + 0.5 = 0.7", pairs[(0, 1)]),
        q("`⟨v₁,v₃⟩ = −0.5 + 0.25 = −0.25", pairs[(0, 2)]),
        q("`⟨v₂,v₃⟩ = −0.1 + 0.5 = 0.4", pairs[(1, 2)]),
        q("the sum is 0.85", sum(pairs.values())),
        q("`Σv = (0.7", sums[0]),
        q("`Σv = (0.7, 2.0)", sums[1]),
        q("per dimension `(1.29", squares[0]),
        q("`(1.29, 1.50)", squares[1]),
        q("= ½·1.7 = 0.85", fast),
        q("softmax = (0.731", gate[0]),
        q("(0.731, 0.269)", gate[1]),
    ]


@example(52)
def q52() -> list[Quote]:
    from sklearn.isotonic import IsotonicRegression

    n = np.array([100, 200, 100])
    conf = np.array([0.20, 0.50, 0.85])
    acc = np.array([0.15, 0.45, 0.70])
    ece = float((n * np.abs(acc - conf)).sum() / n.sum())
    iso = IsotonicRegression().fit_transform(np.arange(5.0), np.array([0, 1, 0, 1, 1.0]))
    return [
        q("30/400 = 0.075", ece),
        q(
            "`ECE = (100·0.05 + 200·0.05 + 100·0.15)/400 = 30",
            float((n * np.abs(acc - conf)).sum()),
        ),
        q("calibrated values (0, 0.5", iso[1]),
        q("(0, 0.5, 0.5", iso[2]),
        q("(0, 0.5, 0.5, 1, 1)", iso[4]),
        q("= 0.5/5.5 ≈ 0.091", 0.5 / (0.5 + 0.5 / 0.1)),
    ]


@example(53)
def q53() -> list[Quote]:
    def focal(p: float, gamma: float = 2.0) -> float:
        return float((1 - p) ** gamma * -math.log(p))

    return [
        q("| easy | 0.9 | 0.105", -math.log(0.9)),
        q("| 0.105 | 0.01 | 0.00105", focal(0.9)),
        q("| hard | 0.1 | 2.303", -math.log(0.1)),
        q("| 2.303 | 0.81 | 1.865", focal(0.1)),
        q("cut 100", -math.log(0.9) / focal(0.9)),
        q("only by about 1.23", -math.log(0.1) / focal(0.1)),
        q("`0.5/(0.5 + 0.5/0.1) ≈ 0.091", 0.5 / (0.5 + 0.5 / 0.1)),
        q("`w = 99/1 = 99", 0.99 / 0.01),
    ]


@example(54)
def q54() -> list[Quote]:
    mu = np.array([0.5, 0.2, 0.8, 0.1])
    agrees = np.array([1, 0, 1, 1.0])
    r = np.array([1, 0, 0, 1.0])
    r_hat = np.array([0.6, 0.3, 0.4, 0.5])
    w = agrees / mu
    ips = float(np.mean(w * r))
    clipped = float(np.mean(np.minimum(w, 5) * r))
    dm = float(r_hat.mean())
    dr_terms = r_hat + w * (r - r_hat)
    return [
        q("X `100/(1,000·1.0) = 0.10", 100 / (1000 * 1.0)),
        q("Y `40/(1,000·0.25) = 0.16", 40 / (1000 * 0.25)),
        q("10·1)/4 = 3.0", ips),
        q("`(2 + 0 + 0 + 5)/4 = 1.75", clipped),
        q("`(0.6 + 0.3 + 0.4 + 0.5)/4 = 0.45", dm),
        q("`0.6 + 2·0.4 = 1.4", dr_terms[0]),
        q("`0.4 + 1.25·(−0.4) = −0.1", dr_terms[2]),
        q("`0.5 + 10·0.5 = 5.5", dr_terms[3]),
        q("mean 1.775", float(dr_terms.mean())),
    ]


@example(55)
def q55() -> list[Quote]:
    n = 100_000_000
    per_list = n / 65_536
    return [
        q("100M × 128 is 12.8", n * 128 / 1e9),
        q("`100,000,000 · 128 · 4 bytes = 51.2", n * 128 * 4 / 1e9),
        q("`100,000,000 · 16 = 1.6", n * 16 / 1e9),
        q("a 32", 128 * 4 / 16),
        q("about 1,526", per_list),
        q("about 48,828", 32 * per_list),
        q("roughly 0.05", 100 * 32 / 65_536),
        q("= 768", 128 * 4 + 2 * 32 * 4),
        q("≈ 76.8", n * 768 / 1e9),
    ]


@example(56)
def q56() -> list[Quote]:
    n_docs, n_term, tf, dl, avgdl, k1, b = 1_000_000, 1_000, 3, 50, 100, 1.2, 0.75
    idf = math.log((n_docs - n_term + 0.5) / (n_term + 0.5) + 1)
    tf_part = tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))
    return [
        q("+ 1) ≈ 6.907", idf),
        q("= 6.6 / 3.75", tf + k1 * (1 - b + b * dl / avgdl)),
        q("= 6.6 / 3.75 = 1.76", tf_part),
        q("score   = 6.907 · 1.76 ≈ 12.157", idf * tf_part),
    ]


@example(57)
def q57() -> list[Quote]:
    a, b = {"a", "b", "c", "d"}, {"b", "c", "d", "e"}

    def p_candidate(s: float, bands: int = 20, rows: int = 5) -> float:
        return 1 - (1 - s**rows) ** bands

    return [
        q("`J = 3/5 = 0.6", len(a & b) / len(a | b)),
        q("| 0.8 | ≈ 0.9996", p_candidate(0.8)),
        q("| 0.5 | ≈ 0.470", p_candidate(0.5)),
        q("| 0.3 | ≈ 0.047", p_candidate(0.3)),
        q("`(1/20)^{1/5} ≈ 0.549", (1 / 20) ** (1 / 5)),
    ]


@example(58)
def q58() -> list[Quote]:
    return [
        q("`0.08·1 − 0.002·50 = 0.08 − 0.10 = −0.02", 0.08 * 1 - 0.002 * 50),
        q("`0.20 − 0.05 = 0.15", 0.20 * 1 - 0.001 * 50),
        q("since 8", 100 * 0.08),
    ]


@example(59)
def q59() -> list[Quote]:
    bots = 0.02 * 10_000_000
    humans = 10_000_000 - bots
    caught, false_alarms = 0.9 * bots, 0.005 * humans
    return [
        q("2% of them bots (200,000", bots),
        q("= 0.9 · 200,000 = 180,000", caught),
        q("= 0.005 · 9,800,000 = 49,000", false_alarms),
        q("≈ 0.786", caught / (caught + false_alarms)),
    ]


@example(60)
def q60() -> list[Quote]:
    value, alpha = 50.0, 0.5
    history = []
    for count in (80, 120):
        value = alpha * count + (1 - alpha) * value
        history.append(value)
    return [
        q("0.5·80  + 0.5·50 = 65", history[0]),
        q("0.5·120 + 0.5·65 = 92.5", history[1]),
    ]


@example(61)
def q61() -> list[Quote]:
    n = 1_000_000

    def collide(m: int) -> float:
        return 1 - (1 - 1 / m) ** (n - 1)

    return [
        q("= 2²⁰ = 1,048,576", 2**20),
        q("≈ 0.615", collide(2**20)),
        q("falls to about 0.058", collide(2**24)),
        q("= 2.5/23 ≈ 0.109", (3 * 0.5 + 20 * 0.05) / (3 + 20)),
    ]


@example(62)
def q62() -> list[Quote]:
    base, new = 900 / 0.60, 900 / 0.75
    saved = 40_000 * (1 - new / base)
    return [
        q("`900/0.60 = 1,500", base),
        q("`900/0.75 = 1,200", new),
        q("20% fewer", 100 * (1 - new / base)),
        q("about 8,000", saved),
        q("roughly 67", saved * 30 / 3600),
    ]


@example(63)
def q63() -> list[Quote]:
    first, second = (-0.2, 0.4), (0.4, 1.0)
    return [
        q("The CI width, 0.6", first[1] - first[0]),
        q("+0.7% watch time", (second[0] + second[1]) / 2),
    ]


@example(64)
def q64() -> list[Quote]:
    from scipy.stats import rankdata
    from sklearn.metrics import roc_auc_score

    pos, neg = [0.9, 0.7, 0.4], [0.8, 0.3, 0.2, 0.1]
    scores = np.array(pos + neg)
    labels = np.array([1] * 3 + [0] * 4)
    ranks = rankdata(scores)
    r_pos = float(ranks[:3].sum())
    tp_per_1000, fp_per_1000 = 0.60 * 1, 0.01 * 999
    return [
        q("There are 3·4 = 12", len(pos) * len(neg)),
        q("`AUC = (4 + 3 + 3)/12 = 10/12 ≈ 0.833", roc_auc_score(labels, scores)),
        q("ranks 4, 5 and 7 and R₊ = 16", r_pos),
        q("`AUC = (16 − 6)/12 ≈ 0.833", (r_pos - 6) / 12),
        q("`0.01·999 ≈ 10", fp_per_1000),
        q("precision about 5.7", 100 * tp_per_1000 / (tp_per_1000 + fp_per_1000)),
    ]


@example(66)
def q66() -> list[Quote]:
    x = np.array([10, 20, 30, 40, 50.0])
    y = np.array([20, 18, 35, 30, 52.0])
    theta = float(np.cov(y, x)[0, 1] / x.var(ddof=1))
    adjusted = y - theta * (x - x.mean())
    rho = float(np.corrcoef(x, y)[0, 1])
    return [
        q("Var(X) = 250", x.var(ddof=1)),
        q("Cov(Y, X) = 190", np.cov(y, x)[0, 1]),
        q("θ = 190 / 250 = 0.76", theta),
        q("= (35.2", adjusted[0]),
        q("(35.2, 25.6, 35.0, 22.4, 36.8)", adjusted[4]),
        q("Var(Y) = 187.0", y.var(ddof=1)),
        q("Var(Y_cuped) = 42.6", adjusted.var(ddof=1)),
        q("The mean stays 31.0", adjusted.mean()),
        q("drops by 77.2", 100 * (1 - adjusted.var(ddof=1) / y.var(ddof=1))),
        q("ρ ≈ 0.879", rho),
        q("≈ 13,158", 57_760 * (1 - rho**2), tol=1),
        q("the saving is 49", 100 * 0.7**2),
        q("(1 − 0.49 = 0.51)", 1 - 0.7**2),
    ]


@example(67)
def q67() -> list[Quote]:
    t = 110
    bonus_a = math.sqrt(2 * math.log(t) / 100)
    bonus_b = math.sqrt(2 * math.log(t) / 10)
    return [
        q("`ln 110 ≈ 4.700", math.log(t)),
        q("≈ 0.10 + 0.307", bonus_a),
        q("0.10 + 0.307 = 0.407", 0.10 + bonus_a),
        q("≈ 0.08 + 0.970", bonus_b),
        q("0.08 + 0.970 = 1.050", 0.08 + bonus_b),
        q("`0.9 + 0.1/2 = 0.95", 0.9 + 0.1 / 2),
        q("= 1,000", 0.1 * 0.5 * 0.02 * 1_000_000),
    ]


@example(68)
def q68() -> list[Quote]:
    expected = np.full(4, 0.25)
    actual = np.array([0.10, 0.20, 0.30, 0.40])
    terms = (actual - expected) * np.log(actual / expected)
    return [
        q("| 1 | 0.25 | 0.10 | 0.1374", terms[0]),
        q("| 2 | 0.25 | 0.20 | 0.0112", terms[1]),
        q("| 3 | 0.25 | 0.30 | 0.0091", terms[2]),
        q("| 4 | 0.25 | 0.40 | 0.0705", terms[3]),
        q("`PSI ≈ 0.228", float(terms.sum())),
    ]


@example(69)
def q69() -> list[Quote]:
    x = np.array([5, 8, 10, 12, 65.0])
    r = 65 - x.mean()
    return [
        q("is the mean, 20.0", x.mean()),
        q("+ 45²)/5 = 511.6", float(((x - x.mean()) ** 2).mean())),
        q("is the median, 10.0", float(np.median(x))),
        q("+ 55)/5 = 12.8", float(np.abs(x - np.median(x)).mean())),
        q("from 8.75", x[:4].mean()),
        q("`10·(45 − 5) = 400", 10 * (abs(r) - 10 / 2)),
        q("`½·45² = 1,012.5", 0.5 * r**2),
        q("is 43.8", float(np.quantile(x, 0.9))),
    ]


@example(70)
def q70() -> list[Quote]:
    w, x, mean = np.array([2.0, -1.0]), np.array([3.0, 1.0]), np.array([1.0, 2.0])
    phi = w * (x - mean)
    v = {(): 0.0, ("a",): 0.3, ("b",): 0.1, ("a", "b"): 0.6}
    phi_a = 0.5 * ((v[("a",)] - v[()]) + (v[("a", "b")] - v[("b",)]))
    phi_b = 0.5 * ((v[("b",)] - v[()]) + (v[("a", "b")] - v[("a",)]))
    return [
        q("f(x) = 2·3 − 1 = 5", float(w @ x)),
        q("E[f(X)] = 2·1 − 2 = 0", float(w @ mean)),
        q("φ₁ = 2·(3 − 1) = 4", phi[0]),
        q("φ₂ = −1·(1 − 2) = 1", phi[1]),
        q("φ₁ + φ₂ = 5", float(phi.sum())),
        q("(0.6 − 0.1)] = 0.4", phi_a),
        q("(0.6 − 0.3)] = 0.2", phi_b),
        q("(importance 0.08", 0.80 - 0.72),
        q("(importance 0.01", 0.80 - 0.79),
    ]


@example(71)
def q71() -> list[Quote]:
    z = np.array([3.0, 1.0, 0.2])
    p1, p4 = softmax(z), softmax(z / 4)
    scale = 0.5 / 127
    stored = round(0.3 / scale)
    return [
        q("softmax ≈ (0.836", p1[0]),
        q("(0.836, 0.113, 0.051)", p1[2]),
        q("softmax(z/4) ≈ (0.475", p4[0]),
        q("(0.475, 0.288", p4[1]),
        q("(0.475, 0.288, 0.236)", p4[2]),
        q("`s = 0.5/127 ≈ 0.003937", scale),
        q("`round(0.3/0.003937) = 76", stored),
        q("≈ 0.2992", stored * scale),
        q("an error of about 0.0008", 0.3 - stored * scale),
        q("would take 128", 512 / 4),
    ]


@example(72)
def q72() -> list[Quote]:
    def nll(score: float) -> float:
        return math.log(1 + math.exp(-score))

    counts = np.array([100, 10, 1.0])
    smoothed = counts**0.75 / (counts**0.75).sum()
    raw = counts / counts.sum()
    return [
        q("−log σ(2.0)  ≈ 0.127", nll(2.0)),
        q("−log σ(−0.5) ≈ 0.974", nll(-0.5)),
        q("−log σ(1.0)  ≈ 0.313", nll(1.0)),
        q("= 1.414", nll(2.0) + nll(-0.5) + nll(1.0)),
        q("raw frequencies (0.901", raw[0]),
        q("(0.901, 0.090, 0.009)", raw[2]),
        q("100^0.75 ≈ 31.62", 100**0.75),
        q("10^0.75 ≈ 5.62", 10**0.75),
        q("about (0.827", smoothed[0]),
        q("(0.827, 0.147, 0.026)", smoothed[2]),
    ]


@example(73)
def q73() -> list[Quote]:
    treated, control = (10.0, 12.0), (9.0, 10.0)
    return [
        q("| treated | 10.0 | 12.0 | +2.0", treated[1] - treated[0]),
        q("| control | 9.0 | 10.0 | +1.0", control[1] - control[0]),
        q("says 12.0 − 10.0 = +2.0", treated[1] - control[1]),
        q("already differed by 1.0", treated[0] - control[0]),
        q(
            "`DiD = (12.0 − 10.0) − (10.0 − 9.0) = 1.0",
            (treated[1] - treated[0]) - (control[1] - control[0]),
        ),
    ]


@example(74)
def q74() -> list[Quote]:
    sims = np.array([0.8, 0.5, 0.1])

    def info_nce(tau: float) -> float:
        logits = sims / tau
        return float(-logits[0] + math.log(np.exp(logits).sum()))

    return [
        q("probability ≈ 0.447", softmax(sims)[0]),
        q("the loss is ≈ 0.805", info_nce(1.0)),
        q("`log(1 + e⁻³ + e⁻⁷) ≈ 0.049", info_nce(0.1)),
    ]


@example(75)
def q75() -> list[Quote]:
    ranks = [1, 3, 12, 7]
    hr = sum(r <= 10 for r in ranks) / len(ranks)
    ndcg = sum(1 / math.log2(r + 1) for r in ranks if r <= 10) / len(ranks)
    return [
        q("= (1 + 1 + 0 + 1) / 4 = 0.75", hr),
        q("+ 0.333) / 4 ≈ 0.458", ndcg),
        q("(1 + 0.5 + 0 + 0.333)", 1 / math.log2(8)),
        q("`1,000,000 · 64 = 64,000,000", 1_000_000 * 64),
        q("`4 · 64² = 16,384", 4 * 64**2),
    ]


@example(76)
def q76() -> list[Quote]:
    from sklearn.metrics import cohen_kappa_score

    a = [1] * 20 + [1] * 10 + [0] * 10 + [0] * 60
    b = [1] * 20 + [0] * 10 + [1] * 10 + [0] * 60
    p_o = float(np.mean(np.array(a) == np.array(b)))
    p_a, p_b = float(np.mean(a)), float(np.mean(b))
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    return [
        q("p_o = (20 + 60)/100 = 0.80", p_o),
        q("p_A(violating) = 30/100 = 0.30", p_a),
        q("p_B(violating) = 30/100 = 0.30", p_b),
        q("= 0.58", p_e),
        q("= 0.22/0.42 ≈ 0.524", cohen_kappa_score(a, b)),
        q("κ ≈ 0.52", cohen_kappa_score(a, b)),
    ]


@example(77)
def q77() -> list[Quote]:
    def group(tpr: float, fpr: float, pos: int, neg: int) -> tuple[float, float, float]:
        flagged = tpr * pos + fpr * neg
        return flagged, flagged / (pos + neg), tpr * pos / flagged

    a, b = group(0.90, 0.02, 100, 900), group(0.80, 0.06, 50, 950)
    return [
        q("0.9·100 + 0.02·900 = 108", a[0]),
        q("| 10.8", 100 * a[1]),
        q("90/108 ≈ 0.833", a[2]),
        q("0.8·50 + 0.06·950 = 97", b[0]),
        q("| 9.7", 100 * b[1]),
        q("40/97 ≈ 0.412", b[2]),
        q("57 wrongful flags", 0.06 * 950),
        q("against 18", 0.02 * 900),
    ]


@example(78)
def q78() -> list[Quote]:
    from sklearn.mixture import GaussianMixture

    x = np.array([-1, 0, 1, 3, 4, 5.0])
    dens = np.stack([stats.norm.pdf(x, m, 1) for m in (0.0, 4.0)], axis=1) * 0.5
    resp = dens / dens.sum(axis=1, keepdims=True)
    means = (resp * x[:, None]).sum(axis=0) / resp.sum(axis=0)
    gm = GaussianMixture(
        2,
        means_init=[[0.0], [4.0]],
        weights_init=[0.5, 0.5],
        precisions_init=[[[1.0]], [[1.0]]],
        max_iter=1,
        tol=0,
    )
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one iteration on purpose: "did not converge"
        gm.fit(x[:, None])
    return [
        q("∝ e^{−0.5} ≈ 0.607", math.exp(-0.5)),
        q("∝ e^{−4.5} ≈ 0.011", math.exp(-4.5)),
        q("0.607/(0.607 + 0.011) ≈ 0.982", resp[2, 0]),
        q("with responsibility 0.982", resp[3, 1]),
        q("(1.000·(−1) + 1.000", resp[1, 0]),
        q("/N₁ ≈ 0.012", means[0]),
        q("component 2's ≈ 3.988", float(np.sort(gm.means_.ravel())[1])),
        q("0.018 share", resp[3, 0]),
    ]


@example(79)
def q79() -> list[Quote]:
    rounds = [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)]
    used = sum(n * e for n, e in rounds)
    return [
        q("`P(at least one in the top 5%) = 1 − 0.95⁶⁰ ≈ 0.954", 1 - 0.95**60),
        q("| 1 | 81 | 1 | 81", rounds[0][0] * rounds[0][1]),
        q("| 3 | 9 | 9 | 81", rounds[2][0] * rounds[2][1]),
        q("uses 405", used),
        q("`81 · 81 = 6,561", 81 * 81),
        q("about 16", 6561 / used, tol=0.5),
        q("would put 90", 100 * (0.1 - 0.01) / (0.1 - 0.0001), tol=0.5),
    ]


@example(80)
def q80() -> list[Quote]:
    rel = {"A": 0.90, "B": 0.85, "C": 0.70}
    sim = {("A", "B"): 0.95, ("A", "C"): 0.10, ("B", "C"): 0.20}

    def s(i: str, j: str) -> float:
        return sim.get((i, j), sim.get((j, i), 1.0))

    lam = 0.7
    chosen: list[str] = []
    scores: list[dict[str, float]] = []
    while len(chosen) < 3:
        best = max(
            (i for i in rel if i not in chosen),
            key=lambda i: lam * rel[i] - (1 - lam) * max((s(i, j) for j in chosen), default=0),
        )
        scores.append(
            {
                i: lam * rel[i] - (1 - lam) * max((s(i, j) for j in chosen), default=0)
                for i in rel
                if i not in chosen
            }
        )
        chosen.append(best)
    assert chosen == ["A", "C", "B"], chosen  # the order the worked example states
    return [
        q("with `0.7·0.90 = 0.63", scores[0]["A"]),
        q("`0.7·0.85 − 0.3·0.95 = 0.595 − 0.285 = 0.310", scores[1]["B"]),
        q("`0.7·0.70 − 0.3·0.10 = 0.490 − 0.030 = 0.460", scores[1]["C"]),
        q("`0.595 − 0.3·max(0.95, 0.20) = 0.310", scores[2]["B"]),
    ]


@example(81)
def q81() -> list[Quote]:
    no_share = float(np.prod([(365 - k) / 365 for k in range(23)]))
    # HH by solving the first-step equations a = 1 + b/2 + a/2, b = 1 + a/2
    a_hh, _b_hh = np.linalg.solve(np.array([[0.5, -0.5], [-0.5, 1.0]]), np.array([1.0, 1.0]))
    return [
        q("`E = 1/p = 1/(1/6) = 6", 1 / (1 / 6)),
        q("(343/365) ≈ 0.507", 1 - no_share),
        q("= 253", 23 * 22 / 2),
        q("`1 − (1 − 1/1,000)^1,000 ≈ 0.632", 1 - (1 - 1 / 1000) ** 1000),
        q("+ 1/10) ≈ 29.29", 10 * sum(1 / i for i in range(1, 11))),
        q("about 29.3", 10 * sum(1 / i for i in range(1, 11))),
        q("which gives a = 6", a_hh),
        q("`E = 2 + 2 = 4", 2 + 2),
        q("√1,000 ≈ 32", math.sqrt(1000)),
        q("about 1.18", math.sqrt(2 * math.log(2))),
        q("≈ 37", math.sqrt(2 * math.log(2) * 1000)),
        q("1/e ≈ 0.368", math.exp(-1)),
        q("about 63.2", 100 * (1 - math.exp(-1))),
        q("so E[flips] = 2 and E[tails] = 2 − 1 = 1", 1 / 0.5 - 1),
    ]


@example(82)
def q82() -> list[Quote]:
    forecast = np.array([110, 128, 140.0])
    actual = np.array([120, 130, 125.0])
    err = actual - forecast
    ape = 100 * np.abs(err) / actual
    return [
        q("| Mon | 110 | 120 | +10 | 8.3", ape[0]),
        q("| Tue | 128 | 130 | +2 | 1.5", ape[1]),
        q("| Wed | 140 | 125 | −15 | 12.0", ape[2]),
        q("= 9.0 thousand", float(np.abs(err).mean())),
        q("≈ 7.3", float(ape.mean())),
    ]
