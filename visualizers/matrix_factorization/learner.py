"""The learner's own `matrix_factorization` beside the reference's training curve (pure).

Question 22's contract, `matrix_factorization(R, mask, rank, lr, reg, epochs, seed) ->
(P, Q)`, starts from the learner's own random factors, so the two runs' factors can't be
compared number by number; their training RMSE can. The learner's function is called on
the run's training ratings (the held-out ones are never passed) with epochs at a few
checkpoints up to the run's length; at each checkpoint its training RMSE is set beside
the reference's at the same epoch. A run that is clearly worse (or not finite) differs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from visualizers.core.learner import (
    FloatArray,
    LearnerCall,
    LearnerPlan,
    LearnerResult,
    LearnerRun,
    pair,
    plain_array,
    result_error,
)
from visualizers.matrix_factorization.algorithm import FactorizationFrame

FUNCTION = "matrix_factorization"
MAX_CHECKPOINTS = 6  # a per-rating Python loop at 200 × 100 costs ~0.05 s an epoch
# Different random starts and orders: call it a difference only when clearly worse.
WORSE_RATIO = 1.5
WORSE_MARGIN = 0.05
FIRST_COMPARED_EPOCH = 3  # the first epochs depend mostly on the random start


def values() -> dict[str, int | float | str | bool]:
    """Parameters that make the reference the contract's model: SGD on r ≈ p·q, no biases."""
    return {"method": "SGD", "biases": False}


def checkpoints(epochs: int) -> tuple[int, ...]:
    """About MAX_CHECKPOINTS epochs from 1 to `epochs`, spaced geometrically."""
    if epochs < 1:
        return ()
    raw = np.geomspace(1, epochs, min(MAX_CHECKPOINTS, epochs))
    return tuple(sorted({int(np.rint(v)) for v in raw} | {epochs}))


def plan(frames: Sequence[FactorizationFrame]) -> LearnerPlan:
    """The calls at the checkpoints of this run (ValueError when there is no run)."""
    problem = frames[0].problem
    if problem is None:
        raise ValueError("No factorization run to compare with.")
    R = np.where(problem.train_mask, problem.data.ratings, 0.0)
    mask = np.asarray(problem.train_mask, dtype=bool)
    last = max(f.step for f in frames)
    calls = tuple(
        LearnerCall(FUNCTION, (R, mask, problem.rank, problem.lr, problem.reg, e, problem.seed), e)
        for e in checkpoints(last)
    )
    return LearnerPlan(
        FUNCTION,
        calls,
        f"your matrix_factorization(R, mask, rank={problem.rank}, lr={problem.lr:g}, "
        f"reg={problem.reg:g}, epochs at {len(calls)} checkpoints up to {last})",
    )


def _rmse(
    result: LearnerResult | None, R: FloatArray, mask: np.ndarray
) -> tuple[float | None, str]:
    error = result_error(result)
    if error or result is None:
        return None, error
    parts = pair(result.value)
    if parts is None:
        return None, "your matrix_factorization did not return a pair (P, Q)"
    P, Q = plain_array(parts[0]), plain_array(parts[1])
    m, n = R.shape
    if P is None or Q is None or P.ndim != 2 or Q.ndim != 2:
        return None, "your P and Q are not 2-D arrays"
    if P.shape[0] != m or Q.shape[0] != n or P.shape[1] != Q.shape[1]:
        return None, f"your P is {P.shape} and Q {Q.shape}; expected ({m}, rank) and ({n}, rank)"
    with np.errstate(all="ignore"):
        return float(np.sqrt(np.mean(((P @ Q.T) - R)[mask] ** 2))), ""


def load(
    plan_: LearnerPlan,
    results: Sequence[LearnerResult | None],
    frames: Sequence[FactorizationFrame],
) -> LearnerRun[float]:
    """The learner's training RMSE at each frame (its last checkpoint so far) and the curve."""
    problem = frames[0].problem
    assert problem is not None
    R = np.where(problem.train_mask, problem.data.ratings, 0.0)
    mask = np.asarray(problem.train_mask, dtype=bool)
    at_checkpoint: dict[int, tuple[float | None, str]] = {
        call.frame: _rmse(result, R, mask)
        for call, result in zip(plan_.calls, results, strict=False)
    }
    curve = [(e, v) for e, (v, _) in sorted(at_checkpoint.items()) if v is not None]
    per_frame: list[float | None] = []
    errors: list[str] = []
    difference: int | None = None
    text = ""
    shown: tuple[float | None, str] = (None, "")
    for index, frame in enumerate(frames):
        if frame.step in at_checkpoint:
            shown = at_checkpoint[frame.step]
        per_frame.append(shown[0])
        errors.append(shown[1])
        if difference is not None or frame.step not in at_checkpoint or frame.model is None:
            continue
        mine, error = at_checkpoint[frame.step]
        ref = float(frame.model.train_rmse[-1])
        if mine is None:
            difference, text = index, f"epoch {frame.step}: {error}"
        elif not np.isfinite(mine):
            difference = index
            text = f"epoch {frame.step}: your training RMSE is {mine}, the reference's {ref:.4g}."
        elif frame.step >= FIRST_COMPARED_EPOCH and mine > WORSE_RATIO * ref + WORSE_MARGIN:
            difference = index
            text = (
                f"epoch {frame.step}: your training RMSE is {mine:.4g}, the reference's {ref:.4g}."
            )
    summary = (
        "Your matrix_factorization trains as well as the reference at every checkpoint."
        if difference is None
        else f"Your matrix_factorization first falls behind at {text}"
    )
    return LearnerRun(tuple(per_frame), tuple(errors), difference, text, summary, {"curve": curve})
