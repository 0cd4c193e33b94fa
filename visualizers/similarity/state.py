"""The cosine-similarity visualizer's state (pure, no Qt): parameters → sweep, and every
number the view draws (the angle arc, the cos θ curve, plot spans, the query ray).

The view only hands these arrays to plot items; a wrong formula here fails a unit test.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from visualizers.similarity.algorithm import SimilarityFrame, SimilaritySweep, make_catalogue

Array = NDArray[np.float64]
Params = Mapping[str, int | float | str | bool]


class SimilarityState:
    """What the similarity view shows, for the current parameters."""

    def __init__(self) -> None:
        self._catalogues: dict[tuple[int, int], Array] = {}
        self.sweep: SimilaritySweep | None = None

    # -- runs ----------------------------------------------------------------------------
    def catalogue(self, n: int, seed: int) -> Array:
        """The video embeddings for (n, seed), made once and kept (keyed by value)."""
        key = (n, seed)
        if key not in self._catalogues:
            self._catalogues = {key: make_catalogue(n, seed)}  # only the current one is kept
        return self._catalogues[key]

    def stepper(self, params: Params, seed: int) -> SimilaritySweep:
        """The sweep for these parameter values (ValueError when they make no sense)."""
        angle = np.radians(float(params["a_angle"]))
        a = float(params["a_length"]) * np.array([np.cos(angle), np.sin(angle)])
        self.sweep = SimilaritySweep(
            a=a,
            b_length=float(params["b_length"]),
            step_deg=float(params["step_deg"]),
            catalogue=self.catalogue(int(params["catalogue"]), seed),
            top_k=int(params["top_k"]),
            metric=str(params["metric"]),
        )
        return self.sweep

    def explain(self, frame: SimilarityFrame) -> str:
        """The narration for `frame` (the sweep writes it with the frame's numbers)."""
        return frame.explanation

    def summary(self, frame: SimilarityFrame) -> str:
        """The frame's key numbers in one plain sentence (the plots' text alternative)."""
        metric = self._current().metric
        top = ", ".join(f"#{i}" for i in frame.top)
        return (
            f"b points at {frame.angle_deg:.0f} degrees; cosine similarity {frame.cosine:.3f}; "
            f"top videos by {metric}: {top}."
        )

    # -- what is drawn -------------------------------------------------------------------
    def _current(self) -> SimilaritySweep:
        if self.sweep is None:
            raise RuntimeError("no run yet: call stepper() first")
        return self.sweep

    def vector_span(self) -> float:
        """Half-width of the vectors plot: room for a, b and the unit circle."""
        sweep = self._current()
        return 1.25 * max(float(np.linalg.norm(sweep.a)), sweep.b_length, 1.0)

    def catalogue_reach(self) -> float:
        """Half-width of the catalogue plot: every video inside it."""
        return max(2.0, float(np.abs(self._current().catalogue).max()) * 1.05)

    def cosine_curve(self, step_deg: float = 2.0) -> tuple[Array, Array]:
        """cos θ between a and b as b turns a full circle: (direction of b in °, cos θ)."""
        a = self._current().a
        degrees = np.arange(0.0, 360.0 + step_deg / 2, step_deg)
        a_dir = np.degrees(np.arctan2(a[1], a[0]))
        return degrees, np.cos(np.radians(degrees - a_dir))

    @staticmethod
    def angle_arc(frame: SimilarityFrame, points: int = 40) -> tuple[Array, Array]:
        """The arc marking the (signed) angle from a to b, at 35 % of the shorter vector."""
        a, b = frame.a, frame.b
        start = np.arctan2(a[1], a[0])
        sweep = np.arctan2(a[0] * b[1] - a[1] * b[0], a @ b)  # signed angle from a to b
        t = np.linspace(start, start + sweep, points)
        radius = 0.35 * min(float(np.linalg.norm(a)), float(np.linalg.norm(b)))
        return radius * np.cos(t), radius * np.sin(t)

    def query_ray(self, frame: SimilarityFrame) -> Array:
        """The end of the dashed ray along b across the catalogue plot."""
        b = frame.b
        return b / np.linalg.norm(b) * self.catalogue_reach()

    def top_items(self, frame: SimilarityFrame) -> Array:
        """The coordinates of the top-k videos for b under the chosen metric."""
        return self._current().catalogue[frame.top]

    @staticmethod
    def nudged_a(params: Params, dx: int, dy: int, big: bool = False) -> dict[str, float]:
        """a turned by the left/right arrows (5° a press, 15° with Shift, anticlockwise for
        right) and lengthened by up/down (0.1, or 0.5), kept within the spec's ranges."""
        angle = (float(params["a_angle"]) + dx * (15.0 if big else 5.0)) % 360.0
        length = float(params["a_length"]) + dy * (0.5 if big else 0.1)
        return {"a_angle": angle, "a_length": min(4.0, max(0.1, length))}

    @staticmethod
    def a_from_point(x: float, y: float) -> dict[str, float]:
        """The parameters that put a's tip at (x, y); ValueError at the origin."""
        length = float(np.hypot(x, y))
        if length < 1e-9:
            raise ValueError("a can't be the zero vector: its angle to anything is undefined.")
        return {"a_angle": float(np.degrees(np.arctan2(y, x)) % 360.0), "a_length": length}
