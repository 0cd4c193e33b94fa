"""Cosine similarity, the answer to question 21, and the sweep the visualizer animates (no Qt).

The question view shows `cosine_similarity`'s source; the tests check it against
scikit-learn's `cosine_similarity` on random vectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from visualizers.core.frames import Frame, read_only


def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    """Cosine of the angle between vectors `a` and `b`: (a·b) / (‖a‖ ‖b‖), in [-1, 1].

    Raises ValueError for vectors that are not 1-D, differ in length, are empty, contain
    NaN or infinity, or have zero length (the angle to a zero vector is undefined: returning
    0 would silently say "unrelated" about a user with no history).
    """
    u = np.asarray(a, dtype=np.float64)
    v = np.asarray(b, dtype=np.float64)
    if u.ndim != 1 or v.ndim != 1:
        raise ValueError(
            f"cosine_similarity needs two 1-D vectors, got shapes {u.shape} and {v.shape}"
        )
    if u.shape != v.shape:
        raise ValueError(f"vectors differ in length: {u.shape[0]} and {v.shape[0]}")
    if u.size == 0:
        raise ValueError("vectors are empty")
    if not (np.all(np.isfinite(u)) and np.all(np.isfinite(v))):
        raise ValueError("vectors contain NaN or infinity")
    # Scale each vector by its largest magnitude first, so squaring can't overflow
    # (1e200² is inf) or underflow; the cosine is invariant to positive scaling.
    u_scale = np.max(np.abs(u))
    v_scale = np.max(np.abs(v))
    if u_scale == 0.0 or v_scale == 0.0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    u = u / u_scale
    v = v / v_scale
    cosine = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    # Rounding can push |cos| a hair past 1, which would break arccos downstream.
    return min(1.0, max(-1.0, cosine))


# -- what the visualizer animates (same module, so the answer and the animation can't drift) --

METRICS = ("cosine", "dot product", "euclidean")


def rank_items(query: np.ndarray, items: np.ndarray, metric: str) -> np.ndarray:
    """Indices of `items` (rows) from most to least similar to `query` under `metric`.

    Cosine ignores length, the dot product rewards long (often: popular) item vectors,
    and Euclidean distance penalises any length difference. Ties keep catalogue order.
    """
    if metric == "cosine":
        norms = np.linalg.norm(items, axis=1) * np.linalg.norm(query)
        score = items @ query / np.where(norms == 0.0, 1.0, norms)
    elif metric == "dot product":
        score = items @ query
    elif metric == "euclidean":
        score = -np.linalg.norm(items - query, axis=1)
    else:
        raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    return np.argsort(-score, kind="stable")


@dataclass(frozen=True)
class SimilarityFrame(Frame):
    """Vector b at one angle of the sweep, its similarity to a, and the top-k items for b."""

    a: np.ndarray = field(default_factory=lambda: np.zeros(2))
    b: np.ndarray = field(default_factory=lambda: np.zeros(2))
    angle_deg: float = 0.0  # direction of b
    cosine: float = 0.0
    top: np.ndarray = field(
        default_factory=lambda: np.zeros(0, dtype=np.intp)
    )  # by the chosen metric
    top_by: dict[str, tuple[int, ...]] = field(default_factory=dict)  # every metric, for comparison


class SimilaritySweep:
    """Rotates a vector b of fixed length around the origin against a fixed vector a.

    Each frame advances b by `step_deg`; a full turn ends the run. The catalogue (item
    embeddings whose lengths vary like popularity does) is ranked for b under each metric.
    """

    def __init__(
        self,
        a: np.ndarray,
        b_length: float,
        step_deg: float,
        catalogue: np.ndarray,
        top_k: int,
        metric: str,
        start_deg: float = 0.0,
    ) -> None:
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
        if not 0 < step_deg <= 180:
            raise ValueError("the rotation step must be between 0 and 180 degrees")
        if b_length <= 0:
            raise ValueError("b needs a positive length: the angle to a zero vector is undefined")
        self.a = np.asarray(a, dtype=np.float64)
        cosine_similarity(self.a, np.array([1.0, 0.0]))  # validates a (finite, non-zero)
        self.b_length = float(b_length)
        self.step_deg = float(step_deg)
        self.catalogue = np.asarray(catalogue, dtype=np.float64)
        self.top_k = max(1, min(int(top_k), len(self.catalogue)))
        self.metric = metric
        self.start_deg = float(start_deg)
        self.n_steps = int(np.ceil(360.0 / self.step_deg))

    def _frame(self, step: int) -> SimilarityFrame:
        angle = (self.start_deg + step * self.step_deg) % 360.0
        b = self.b_length * np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
        cos = cosine_similarity(self.a, b)
        top_by = {
            m: tuple(int(i) for i in rank_items(b, self.catalogue, m)[: self.top_k])
            for m in METRICS
        }
        dot = float(self.a @ b)
        na, nb = float(np.linalg.norm(self.a)), float(np.linalg.norm(b))
        theta = float(np.degrees(np.arccos(cos)))
        shared = len(set(top_by["cosine"]) & set(top_by["dot product"]))
        explanation = (
            f"b points at {angle:.0f}°. "
            f"<b>cos θ = (a·b) / (‖a‖‖b‖) = {dot:.3f} / ({na:.2f} × {nb:.2f}) = {cos:.3f}</b>, "
            f"so θ = {theta:.1f}°. "
            f"Euclidean ‖a − b‖ = {float(np.linalg.norm(self.a - b)):.3f}; after normalising, "
            f"‖â − b̂‖² = 2 − 2 cos θ = {2 - 2 * cos:.3f}.<br>"
            f"Top {self.top_k} videos for b by {self.metric}: "
            f"{', '.join(f'#{i}' for i in top_by[self.metric])}. Cosine and dot product share "
            f"{shared} of {self.top_k}: the dot product also rewards long (popular) item vectors."
        )
        return SimilarityFrame(
            step=step,
            explanation=explanation,
            finished=step >= self.n_steps,
            a=read_only(self.a),
            b=read_only(b),
            angle_deg=angle,
            cosine=cos,
            top=read_only(np.array(top_by[self.metric], dtype=np.intp)),
            top_by=top_by,
        )

    def first(self) -> SimilarityFrame:
        return self._frame(0)

    def advance(self, frame: SimilarityFrame) -> SimilarityFrame:
        return self._frame(frame.step + 1)


def make_catalogue(n: int, seed: int) -> np.ndarray:
    """`n` 2-D video embeddings: random directions, lengths spread like popularity (log-normal)."""
    if not 1 <= n <= 10_000:
        raise ValueError("the catalogue needs between 1 and 10,000 videos")
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0.0, 2 * np.pi, n)
    lengths = np.clip(rng.lognormal(mean=0.0, sigma=0.5, size=n), 0.2, 4.0)
    return np.column_stack([lengths * np.cos(angles), lengths * np.sin(angles)])
