"""What a k-means half-step did, in words and live numbers (pure, no Qt).

Written from the frame's own fields when the frame is shown, not when it is computed:
the stepper stays a plain walk of `lloyd_steps`, and text costs nothing until read.
"""

from __future__ import annotations

import numpy as np

from visualizers.kmeans.algorithm import KMeansFrame, KMeansStepper


def _before(frame: KMeansFrame) -> float:
    """The inertia the previous half-step ended with (NaN when there was none)."""
    trace = frame.inertia_trace
    return trace[-2][1] if len(trace) >= 2 else float("nan")


def explain_step(stepper: KMeansStepper, frame: KMeansFrame) -> str:
    """Rich-text narration of `frame`, one of `stepper`'s frames."""
    n = len(frame.points)
    note = f"<br><br>{stepper.note}" if stepper.note else ""
    if frame.step == 0:
        if frame.finished:
            return (
                f"{n:,} points and no centroids yet: click on the plot to place up to 12 of "
                "them, then play." + note
            )
        base = f"{n:,} points, k = {stepper.k}. "
        if frame.phase == "init":
            return (
                base + "Starting from the centroids you placed. Step to assign every point to "
                "its nearest centroid." + note
            )
        how = (
            "k-means++ will pick k spread-out data points as seeds."
            if stepper.init_name == "k-means++"
            else "Random init will pick k data points at random as seeds."
        )
        return base + how + note
    if frame.phase == "init":
        return (
            f"Random init: {stepper.k} data points chosen uniformly at random as the starting "
            "centroids. Nothing stops two of them landing in the same blob, which is why "
            "k-means++ exists."
        )
    if frame.phase == "seed":
        return _seed_text(stepper, frame)
    if frame.phase == "assign":
        return _assign_text(stepper, frame)
    return _update_text(stepper, frame)


def _seed_text(stepper: KMeansStepper, frame: KMeansFrame) -> str:
    m = len(frame.centroids) - 1  # centroids chosen before this one
    chosen, probabilities = frame.chosen, frame.probabilities
    if chosen is None or probabilities is None:
        return ""
    n = len(probabilities)
    if m == 0:
        return (
            f"k-means++, centroid 1 of {stepper.k}: every point equally likely (1/{n:,}); "
            f"point #{chosen} was drawn."
        )
    p, top = float(probabilities[chosen]), float(probabilities.max())
    return (
        f"k-means++, centroid {m + 1} of {stepper.k}: each point's chance is D(x)² / ΣD², its "
        f"squared distance to the nearest centroid so far over the total. The drawn point "
        f"#{chosen} had probability <b>{p:.2%}</b> (most likely point: {top:.2%}; uniform "
        f"would be {1 / n:.2%}). Points already chosen have 0."
    )


def _assign_text(stepper: KMeansStepper, frame: KMeansFrame) -> str:
    n, inertia = len(frame.points), frame.inertia or 0.0
    final, changed = frame.finished, frame.n_changed
    if frame.iteration == 1 and not final and len(frame.inertia_trace) == 1:
        return (
            f"<b>Assign</b> (iteration 1): each of the {n:,} points joins its nearest "
            f"centroid. Inertia (sum of squared distances to the own centroid): "
            f"<b>{inertia:,.6g}</b>."
        )
    label = "Final assign" if final else f"<b>Assign</b> (iteration {frame.iteration})"
    text = (
        f"{label}: <b>{changed:,}</b> of {n:,} points changed cluster; inertia "
        f"{_before(frame):,.6g} → <b>{inertia:,.6g}</b> (never up: each point only moves to "
        f"a closer centroid)."
    )
    if changed == 0 and not final:
        text += " No point moved, so the next update leaves the centroids in place."
    if final:
        reason = (
            "the centroids moved less than the tolerance"
            if frame.converged
            else f"max_iter = {stepper.max_iter} was reached"
        )
        text += (
            f" Stopped after {frame.iteration} iterations because {reason}; labels "
            f"re-computed for the final centroids. Final inertia {inertia:,.6g}."
        )
    return text


def _update_text(stepper: KMeansStepper, frame: KMeansFrame) -> str:
    moved = frame.moved if frame.moved is not None else np.zeros(0)
    inertia = frame.inertia or 0.0
    moves = ", ".join(f"c{j + 1} {d:.3g}" for j, d in enumerate(moved))
    text = (
        f"<b>Update</b> (iteration {frame.iteration}): each centroid moves to the mean of its "
        f"points. Moved: {moves}. Inertia {_before(frame):,.6g} → <b>{inertia:,.6g}</b> (the "
        f"mean minimizes a sum of squared distances)."
    )
    if frame.relocated:
        names = ", ".join(f"c{j + 1}" for j in frame.relocated)
        text += (
            f" Empty cluster {names}: re-seeded with the point farthest from its centroid, "
            "so no centroid becomes NaN."
        )
    shift = float((moved**2).sum())
    if frame.finished:
        text += f" No label changed, so Lloyd has converged after {frame.iteration} iterations."
    elif frame.converged and frame.n_changed == 0:
        text += " No label changed; one last assignment places the re-seeded point."
    elif frame.converged:
        text += (
            f" Total squared shift {shift:.3g} ≤ tolerance {stepper.threshold:.3g}: "
            "converged; one last assignment follows."
        )
    elif frame.iteration >= stepper.max_iter:
        text += f" max_iter = {stepper.max_iter} reached; one last assignment follows."
    return text
