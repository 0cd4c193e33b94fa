"""A learner's run beside the reference, without Qt: where a wrong update step first shows.

The "learner" here is a plain function written in this file (a Lloyd loop, a descent
loop, an SGD loop), called with the arguments of each planned call exactly as the child
would call the learner's file; a correct one must agree at every step, and each usual
mistake must be reported at the step where it first changes the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from visualizers.core.learner import LearnerPlan, LearnerResult, walk
from visualizers.gradient_descent.spec import SPEC as GD_SPEC
from visualizers.gradient_descent.state import GradientDescentState
from visualizers.kmeans.spec import SPEC as KMEANS_SPEC
from visualizers.kmeans.state import KMeansState
from visualizers.matrix_factorization.spec import SPEC as MF_SPEC
from visualizers.matrix_factorization.state import MatrixFactorizationState


def _results(plan: LearnerPlan, function: Callable[..., Any]) -> list[LearnerResult | None]:
    out: list[LearnerResult | None] = []
    for call in plan.calls:
        try:
            out.append(LearnerResult(function(*call.args)))
        except ValueError as exc:
            out.append(LearnerResult(error=f"ValueError: {exc}"))
    return out


# -- k-means ---------------------------------------------------------------------------------


def _lloyd(step: float = 1.0, average: bool = True) -> Callable[..., Any]:
    def kmeans(X: Any, k: int, init: Any, max_iter: int, tol: float, seed: int) -> Any:
        X, C = np.asarray(X, float), np.array(init, float)
        for _ in range(max_iter):
            labels = ((X[:, None] - C[None]) ** 2).sum(2).argmin(1)
            target = np.array(
                [
                    (X[labels == j].mean(0) if average else X[labels == j].sum(0))
                    if np.any(labels == j)
                    else C[j]
                    for j in range(k)
                ]
            )
            new = C + step * (target - C)
            shift = ((new - C) ** 2).sum()
            C = new
            if shift <= tol:
                break
        return C, ((X[:, None] - C[None]) ** 2).sum(2).argmin(1)

    return kmeans


def _kmeans_run(function: Callable[..., Any]) -> tuple[KMeansState, list[Any], Any]:
    state = KMeansState()
    params = KMEANS_SPEC.resolve({"n_points": 150, "k": 3, "init": "random", "seed": 4})
    frames = walk(state.stepper(params, 0))
    plan = state.learner_plan(frames)
    run = state.load_learner(plan, _results(plan, function), frames)
    return state, frames, run


def test_a_correct_kmeans_agrees_at_every_half_step() -> None:
    state, frames, run = _kmeans_run(_lloyd())
    assert run.difference is None
    last = run.at(len(frames) - 1)
    assert last is not None
    np.testing.assert_allclose(last.centroids, frames[-1].centroids, atol=1e-9)
    assert "agrees" in state.explain(frames[3])


@pytest.mark.parametrize(
    ("mistake", "kwargs"), [("half step", {"step": 0.5}), ("sum", {"average": False})]
)
def test_a_wrong_kmeans_update_is_reported_at_the_first_update(
    mistake: str, kwargs: dict[str, Any]
) -> None:
    state, frames, run = _kmeans_run(_lloyd(**kwargs))
    first_update = next(i for i, f in enumerate(frames) if f.phase == "update")
    assert run.difference == first_update, mistake
    # The narration names a centroid with both positions: the learner's and the reference's.
    wrong = run.at(first_update)
    assert wrong is not None
    j = int(np.argmax(np.abs(wrong.centroids - frames[first_update].centroids).max(axis=1)))
    text = run.difference_text
    assert f"centroid {j + 1} moved to" in text and "iteration 1 (update)" in text
    x_ref = frames[first_update].centroids[j][0]
    assert f"{x_ref:.4g}" in text
    # Before the difference the narration says they agree so far, at it says how they differ.
    assert "first differ at step" in state.explain(frames[first_update - 1])
    assert "your centroid" in state.explain(frames[first_update])


def test_a_learner_error_is_reported_where_it_happens() -> None:
    def broken(X: Any, k: int, init: Any, max_iter: int, tol: float, seed: int) -> Any:
        if max_iter >= 2:
            raise ValueError("boom")
        return _lloyd()(X, k, init, max_iter, tol, seed)

    _, frames, run = _kmeans_run(broken)
    second_update = [i for i, f in enumerate(frames) if f.phase == "update"][1]
    assert run.difference == second_update
    assert "boom" in run.difference_text


def test_a_new_kmeans_run_clears_the_learner_run() -> None:
    state, _, _ = _kmeans_run(_lloyd())
    state.stepper(KMEANS_SPEC.resolve({"n_points": 150, "k": 4}), 0)
    assert state.learner is None


# -- gradient descent ------------------------------------------------------------------------


def _descent(sign: float = 1.0, factor: float = 2.0) -> Callable[..., Any]:
    def gradient_descent(X: Any, y: Any, lr: float, epochs: int) -> Any:
        X, y = np.asarray(X, float), np.asarray(y, float)
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(epochs):
            r = X @ w + b - y
            w = w - sign * lr * factor * X.T @ r / len(y)
            b = b - sign * lr * factor * r.sum() / len(y)
            if not np.isfinite(r @ r):
                raise ValueError("diverged")
        return w, b

    return gradient_descent


def _gd_run(function: Callable[..., Any]) -> tuple[GradientDescentState, list[Any], Any]:
    state = GradientDescentState()
    params = GD_SPEC.resolve({"problem": "Rosenbrock", "compare": "optimizers"})
    state.stepper(params, 0)
    params = GD_SPEC.resolve({**params, **state.learner_values()})
    frames = walk(state.stepper(params, 0), 120)
    assert params["problem"] == "synthetic line" and params["compare"] == "off"
    np.testing.assert_allclose(frames[0].thetas[0], [0.0, 0.0], atol=1e-12)
    plan = state.learner_plan(frames)
    return state, frames, state.load_learner(plan, _results(plan, function), frames)


def test_a_correct_descent_follows_the_reference_path() -> None:
    state, frames, run = _gd_run(_descent())
    assert run.difference is None
    mine = run.at(len(frames) - 1)
    assert mine is not None
    np.testing.assert_allclose(mine, frames[-1].thetas[0], rtol=1e-9, atol=1e-12)
    assert "agrees" in state.explain(frames[5])
    # The learner's loss curve is the reference's where the paths agree.
    losses = run.extra["losses"]
    reference = np.array([f.losses[0] for f in frames[: len(losses)]])
    np.testing.assert_allclose(losses[:, 1], reference, rtol=1e-9)


@pytest.mark.parametrize(
    ("mistake", "function"),
    [("sign flipped", _descent(sign=-1.0)), ("factor 2 dropped", _descent(factor=1.0))],
)
def test_a_wrong_descent_step_is_reported_at_step_one(
    mistake: str, function: Callable[..., Any]
) -> None:
    _, frames, run = _gd_run(function)
    assert run.difference == 1, mistake
    mine = run.at(1)
    assert mine is not None
    ref = frames[1].thetas[0]
    assert run.difference_text.startswith("step 1: your (w, b) went to")
    assert f"{ref[0]:.4g}" in run.difference_text and f"{mine[0]:.4g}" in run.difference_text


# -- matrix factorization --------------------------------------------------------------------


def _sgd(sign: float = 1.0) -> Callable[..., Any]:
    def matrix_factorization(
        R: Any, mask: Any, rank: int, lr: float, reg: float, epochs: int, seed: int
    ) -> Any:
        R, mask = np.asarray(R, float), np.asarray(mask, bool)
        rng = np.random.default_rng(seed + 1000)  # not the reference's start
        P = rng.normal(0, 0.1, (R.shape[0], rank))
        Q = rng.normal(0, 0.1, (R.shape[1], rank))
        users, items = np.nonzero(mask)
        for _ in range(epochs):
            for u, i in zip(users, items, strict=True):
                if not np.isfinite(P[u]).all() or np.abs(P[u]).max() > 1e6:
                    raise ValueError("diverged")
                e = R[u, i] - P[u] @ Q[i]
                P[u], Q[i] = (
                    P[u] + sign * lr * (e * Q[i] - reg * P[u]),
                    Q[i] + sign * lr * (e * P[u] - reg * Q[i]),
                )
            if not np.isfinite(P).all():
                raise ValueError("diverged")
        return P, Q

    return matrix_factorization


def _mf_run(function: Callable[..., Any]) -> tuple[MatrixFactorizationState, list[Any], Any]:
    state = MatrixFactorizationState()
    params = MF_SPEC.resolve({"users": 30, "videos": 20, "observed": 0.5, "epochs": 25})
    params = MF_SPEC.resolve({**params, **state.learner_values()})
    frames = walk(state.stepper(params, 0))
    plan = state.learner_plan(frames)
    assert [c.frame for c in plan.calls][-1] == 25 and len(plan.calls) <= 9
    return state, frames, state.load_learner(plan, _results(plan, function), frames)


def test_a_correct_factorization_trains_like_the_reference() -> None:
    state, frames, run = _mf_run(_sgd())
    assert run.difference is None, run.difference_text
    curve = run.extra["curve"]
    assert curve[-1][0] == 25 and curve[-1][1] < curve[0][1]
    assert "agrees" in state.explain(frames[-1])


def test_a_sign_flipped_factorization_is_reported_at_a_checkpoint() -> None:
    _, frames, run = _mf_run(_sgd(sign=-1.0))
    assert run.difference is not None
    assert frames[run.difference].step >= 3
    assert "your training RMSE is" in run.difference_text or "diverged" in run.difference_text
