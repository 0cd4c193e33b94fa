"""The learner's own `gradient_descent` beside the reference's path (pure, no Qt).

Question 25's contract, `gradient_descent(X, y, lr, epochs) -> (w, b)`, is plain batch
descent on the mean squared error from (0, 0). The visualizer runs the same thing when
the problem is a data set, the optimizer plain, the gradient the full batch and the start
(w, b) = (0, 0): `values` says which parameters to set. The learner's function is then
called with epochs = 1, 2, …: the t-th result is the learner's (w, b) at step t.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
from visualizers.gradient_descent.algorithm import (
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
    Problem,
)
from visualizers.gradient_descent.spec import DATA_PROBLEMS, SYNTHETIC

FUNCTION = "gradient_descent"
MAX_CALLS = 200  # epochs 1…200: the child runs Σt ≈ 20,000 epochs on small data
TOLERANCE = 1e-6


def values(params: Mapping[str, int | float | str | bool]) -> dict[str, int | float | str | bool]:
    """The parameter values that make the run the contract's: plain full-batch descent."""
    out: dict[str, int | float | str | bool] = {
        "optimizer": "plain",
        "compare": "off",
        "batch_mode": "batch",
    }
    if params.get("problem") not in DATA_PROBLEMS:
        out["problem"] = SYNTHETIC
    return out


def start_values(stepper: GradientDescentStepper) -> dict[str, float]:
    """start_u / start_v putting the start at (w, b) = (0, 0) (ValueError when off the plot)."""
    u, v = stepper.problem.relative((0.0, 0.0))
    if not (-1.0 <= u <= 1.0 and -1.0 <= v <= 1.0):
        raise ValueError(
            "(w, b) = (0, 0), where your gradient_descent starts, is outside this problem's "
            "window; standardize the features or pick another data set."
        )
    return {"start_u": float(u), "start_v": float(v)}


def plan(stepper: GradientDescentStepper, frames: Sequence[GradientDescentFrame]) -> LearnerPlan:
    """Calls retracing this run's steps (ValueError when the run isn't the contract's)."""
    problem = stepper.problem
    if not isinstance(problem, LinearRegressionProblem) or len(stepper.runners) != 1:
        raise ValueError("Your gradient_descent fits a line: choose a data problem and no race.")
    X = np.asarray(problem.x, dtype=np.float64).reshape(-1, 1)
    y = np.asarray(problem.y, dtype=np.float64)
    lr = float(stepper.runners[0].lr)
    calls = tuple(
        LearnerCall(FUNCTION, (X, y, lr, t), frame=t)
        for t in range(1, min(len(frames) - 1, MAX_CALLS) + 1)
    )
    return LearnerPlan(
        FUNCTION, calls, f"your gradient_descent(X, y, lr={lr:g}, epochs=1…{len(calls)})"
    )


def _read(result: LearnerResult | None) -> tuple[FloatArray | None, str]:
    error = result_error(result)
    if error or result is None:
        return None, error
    parts = pair(result.value)
    if parts is None:
        return None, "your gradient_descent did not return a pair (w, b)"
    w = plain_array(parts[0])
    b = plain_array(parts[1], ())
    if w is None or w.size != 1 or b is None:
        return None, "your (w, b) is not one weight and a number"
    return np.array([float(w.reshape(-1)[0]), float(b)]), ""


def load(
    plan_: LearnerPlan,
    results: Sequence[LearnerResult | None],
    frames: Sequence[GradientDescentFrame],
    problem: Problem | None = None,
) -> LearnerRun[FloatArray]:
    """The learner's (w, b) at every step, and the first step where it leaves the reference's.

    With `problem`, `extra["losses"]` holds (step, loss at the learner's (w, b)) rows for the
    steps the learner's run reached, for the loss plot.
    """
    by_step: list[tuple[FloatArray | None, str]] = [(np.zeros(2), "")]
    by_step += [_read(r) for _, r in zip(plan_.calls, results, strict=False)]
    per_frame: list[FloatArray | None] = []
    errors: list[str] = []
    difference: int | None = None
    text = ""
    for index, frame in enumerate(frames):
        t = min(index, len(by_step) - 1)
        mine, error = by_step[t]
        if index > len(by_step) - 1:
            error = f"your run was computed for the first {len(by_step) - 1} steps"
        per_frame.append(mine)
        errors.append(error)
        if difference is not None or index > len(by_step) - 1:
            continue
        ref = np.asarray(frame.thetas[0], dtype=np.float64)
        if mine is None:
            if error and not (frame.error and "ValueError" in error):
                difference, text = index, f"step {index}: {error}"
            continue
        gap = np.abs(mine - ref)
        if not np.isfinite(gap).all() or (gap > TOLERANCE * (1.0 + np.abs(ref))).any():
            difference = index
            text = (
                f"step {index}: your (w, b) went to {fmt_point(mine)}, the reference's to "
                f"{fmt_point(ref)}."
            )
    summary = (
        "Your gradient_descent follows the reference's path at every step."
        if difference is None
        else f"Your gradient_descent first leaves the reference's path at {text}"
    )
    losses = np.zeros((0, 2))
    if problem is not None:
        with np.errstate(all="ignore"):
            rows = [
                (float(t), problem.loss(theta))
                for t, (theta, _) in enumerate(by_step)
                if theta is not None and np.isfinite(theta).all()
            ]
        losses = np.array(rows, dtype=np.float64).reshape(-1, 2)
    return LearnerRun(
        tuple(per_frame), tuple(errors), difference, text, summary, {"losses": losses}
    )
