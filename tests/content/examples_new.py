"""Recomputations of the worked examples of questions 26 onward (see quotes.py)."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats  # type: ignore[import-untyped]

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
    t = np.arange(1, looks + 1) / looks
    corr = np.sqrt(np.minimum.outer(t, t) / np.maximum.outer(t, t))
    inside = stats.multivariate_normal(mean=np.zeros(looks), cov=corr).cdf(
        np.full(looks, boundary), lower_limit=np.full(looks, -boundary)
    )
    return 1 - float(inside)


@example(28)
def q28() -> list[Quote]:
    from scipy.optimize import brentq  # type: ignore[import-untyped]

    z = norm_ppf(0.975)
    pocock = brentq(lambda c: _peeking(5, c) - 0.05, 1.9, 3.0)
    chi2 = 2 * 4000**2 / 1_000_000
    return [
        q("| 1 | 5.0", 100 * _peeking(1, z), tol=0.1),
        q("| 2 | 8.3", 100 * _peeking(2, z), tol=0.1),
        q("| 5 | 14.2", 100 * _peeking(5, z), tol=0.1),
        q("| 10 | 19.3", 100 * _peeking(10, z), tol=0.1),
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
