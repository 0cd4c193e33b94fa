"""The learner's own `kmeans` beside the reference's half-steps (pure, no Qt).

The learner's function (question 23's contract: `kmeans(X, k, init, max_iter, tol, seed)
-> (centroids, labels)`) is called with the run's points, the reference's starting
centroids as `init`, tol = 0 and max_iter = 1, 2, …: the u-th result is the learner's
state after u updates. At an assign half-step the learner's side shows the centroids of
the updates so far and the labels it returned with them (its points' nearest centroids);
at an update half-step the new centroids with the labels that produced them — the same
pairing as the reference's frames, so the two pictures can be compared half-step by
half-step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from visualizers.core.learner import (
    FloatArray,
    LearnerCall,
    LearnerPlan,
    LearnerResult,
    LearnerRun,
    fmt_point,
    pair,
    plain_array,
    result_error,
)
from visualizers.kmeans.algorithm import KMeansFrame

FUNCTION = "kmeans"
MAX_POINTS = 3000  # every call returns a label per point: keep the child's output small
MAX_CALLS = 40
TOLERANCE = 1e-6  # relative: centroids closer than this count as the same


@dataclass(frozen=True)
class LearnerKMeans:
    """What the learner's side shows at one half-step."""

    centroids: FloatArray  # (k, 2); NaN rows are drawn nowhere and reported
    labels: FloatArray | None  # (n,) cluster numbers, None before the first result


def _updates_before(frames: Sequence[KMeansFrame]) -> list[int]:
    """For each frame, the number of update half-steps up to and including it."""
    count, out = 0, []
    for frame in frames:
        if frame.phase == "update":
            count += 1
        out.append(count)
    return out


def plan(frames: Sequence[KMeansFrame]) -> LearnerPlan:
    """The calls that give the learner's version of this run (ValueError when there is none)."""
    assigns = [f for f in frames if f.phase == "assign"]
    if not assigns:
        raise ValueError("No k-means run to compare with: place or seed some centroids first.")
    points = np.asarray(assigns[0].points)
    if len(points) > MAX_POINTS:
        raise ValueError(
            f"“Animate my code” compares runs on at most {MAX_POINTS:,} points; this dataset "
            f"has {len(points):,}. Choose fewer points or another dataset, then try again."
        )
    start = np.asarray(assigns[0].centroids)
    counts = _updates_before(frames)
    calls: list[LearnerCall] = []
    for index, (frame, u) in enumerate(zip(frames, counts, strict=True)):
        if frame.phase == "update" and u <= MAX_CALLS:
            calls.append(LearnerCall(FUNCTION, (points, len(start), start, u, 0.0, 0), frame=index))
    return LearnerPlan(
        FUNCTION,
        tuple(calls),
        f"your kmeans(X, k={len(start)}, init=the reference's starting centroids, "
        f"max_iter=1…{len(calls)}, tol=0)",
    )


def _read(result: LearnerResult | None, k: int, n: int) -> tuple[LearnerKMeans | None, str]:
    error = result_error(result)
    if error or result is None:
        return None, error
    parts = pair(result.value)
    if parts is None:
        return None, "your kmeans did not return a pair (centroids, labels)"
    centroids = plain_array(parts[0], (k, 2))
    if centroids is None:
        return None, f"your centroids are not a ({k}, 2) array"
    labels = plain_array(parts[1], (n,))
    if labels is None:
        return LearnerKMeans(centroids, None), f"your labels are not {n} cluster numbers"
    return LearnerKMeans(centroids, labels), ""


def load(
    plan_: LearnerPlan, results: Sequence[LearnerResult | None], frames: Sequence[KMeansFrame]
) -> LearnerRun[LearnerKMeans]:
    """The learner's side of every frame, and the first half-step where the two differ."""
    first = next(f for f in frames if f.phase == "assign")
    start = np.asarray(first.centroids, dtype=np.float64)
    k, n = len(start), len(first.points)
    by_update: list[tuple[LearnerKMeans | None, str]] = [(LearnerKMeans(start, None), "")]
    for call, result in zip(plan_.calls, results, strict=False):
        del call
        by_update.append(_read(result, k, n))
    scale = float(np.abs(first.points).max()) + 1.0
    counts = _updates_before(frames)
    per_frame: list[LearnerKMeans | None] = []
    errors: list[str] = []
    difference: int | None = None
    text = ""
    started = False
    for index, (frame, u) in enumerate(zip(frames, counts, strict=True)):
        started = started or frame.phase == "assign"
        if not started:
            per_frame.append(None)
            errors.append("")
            continue
        shown_u = min(u, len(by_update) - 1)
        mine, error = by_update[shown_u]
        if u > len(by_update) - 1:
            error = f"your run was computed for the first {len(by_update) - 1} iterations"
        if mine is not None and frame.phase == "update":
            # The new centroids, with the labels they were computed from.
            before = by_update[u - 1][0] if u - 1 < len(by_update) else None
            mine = LearnerKMeans(mine.centroids, None if before is None else before.labels)
        per_frame.append(mine)
        errors.append(error)
        if difference is None and u <= len(by_update) - 1:
            found = _differs(frame, u, mine, error, scale)
            if found:
                difference, text = index, found
    summary = (
        "Your kmeans matches the reference at every half-step."
        if difference is None
        else f"Your kmeans first differs at step {difference}: {text}"
    )
    return LearnerRun(tuple(per_frame), tuple(errors), difference, text, summary)


def _differs(
    frame: KMeansFrame, u: int, mine: LearnerKMeans | None, error: str, scale: float
) -> str:
    """How the learner's state differs from `frame` ("" when it doesn't)."""
    what = f"iteration {frame.iteration} ({frame.phase})"
    if mine is None:
        return f"{what}: {error}" if error else ""
    if frame.phase == "update":
        ref = np.asarray(frame.centroids, dtype=np.float64)
        gap = np.abs(mine.centroids - ref).max(axis=1)
        bad = ~np.isfinite(gap) | (gap > TOLERANCE * scale)
        if bad.any():
            j = int(np.flatnonzero(bad)[0]) if not np.isfinite(gap).all() else int(np.argmax(gap))
            return (
                f"{what}: your centroid {j + 1} moved to {fmt_point(mine.centroids[j])}, "
                f"the reference's to {fmt_point(ref[j])}."
            )
        return ""
    if u >= 1 and mine.labels is not None:
        ref_labels = np.asarray(frame.labels)
        wrong = np.flatnonzero(mine.labels != ref_labels)
        if wrong.size:
            i = int(wrong[0])
            return (
                f"{what}: {wrong.size} of your points are in a different cluster from the "
                f"reference's (point {i}: yours {mine.labels[i]:g}, the reference's "
                f"{int(ref_labels[i])})."
            )
    elif u >= 1 and error:
        return f"{what}: {error}"
    return ""
