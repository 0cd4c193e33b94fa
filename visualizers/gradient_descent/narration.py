"""What a gradient-descent step did, in words and live numbers (pure, no Qt).

Written when a frame is shown, not when it is computed: a run of thousands of steps
costs no text until someone reads it.
"""

from __future__ import annotations

import math

import numpy as np

from visualizers.core.text import escape
from visualizers.gradient_descent.algorithm import (
    ADAM_BETA2,
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
)


def fmt(value: float) -> str:
    """A number for an equation: 4 significant digits, a real minus sign, () when negative."""
    text = f"{value:.4g}".replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")
    return f"(−{text[1:]})" if text.startswith("-") else text


def _plain(value: float) -> str:
    text = f"{value:.4g}"
    return "−" + text[1:] if text.startswith("-") else text


def _runner_lines(stepper: GradientDescentStepper, frame: GradientDescentFrame, i: int) -> str:
    runner = stepper.runners[i]
    names = stepper.problem.param_names
    old, new, g = frame.previous[i], frame.thetas[i], frame.gradients[i]
    lines = []
    for j, p in enumerate(names):
        if runner.optimizer == "plain":
            lines.append(
                f"{p} ← {p} − η·∂L/∂{p} = {_plain(old[j])} − {fmt(runner.lr)} × {fmt(g[j])}"
                f" = <b>{_plain(new[j])}</b>"
            )
        elif runner.optimizer == "momentum":
            v = frame.velocity[i][j]
            lines.append(
                f"v<sub>{p}</sub> ← β·v<sub>{p}</sub> + ∂L/∂{p} = {_plain(v)}; "
                f"{p} ← {p} − η·v<sub>{p}</sub> = {_plain(old[j])} − {fmt(runner.lr)} × {fmt(v)}"
                f" = <b>{_plain(new[j])}</b>"
            )
        else:
            m, s, t = frame.velocity[i][j], frame.second_moment[i][j], frame.step
            m_hat = m / (1.0 - stepper.beta**t)
            s_hat = s / (1.0 - ADAM_BETA2**t)
            lines.append(
                f"bias-corrected m′<sub>{p}</sub> = {_plain(m_hat)}, "
                f"v′<sub>{p}</sub> = {_plain(s_hat)}; "
                f"{p} ← {p} − η·m′/(√v′ + ε) = {_plain(old[j])} − {fmt(runner.lr)} × "
                f"{fmt(m_hat)} / {fmt(math.sqrt(s_hat))} = <b>{_plain(new[j])}</b>"
            )
    return "<br>".join(lines)


def _batch_words(stepper: GradientDescentStepper, frame: GradientDescentFrame) -> str:
    problem = stepper.problem
    if not problem.n_examples:
        return "exact gradient of the surface"
    if stepper.batch_mode == "batch":
        return f"gradient over all {problem.n_examples} examples"
    shown = ", ".join(f"#{int(i)}" for i in frame.batch[:6])
    more = "…" if frame.batch.size > 6 else ""
    kind = (
        "one random example"
        if stepper.batch_mode == "stochastic"
        else (f"a mini-batch of {frame.batch.size}")
    )
    return f"gradient estimated from {kind} ({shown}{more}), epoch {frame.epoch:.2f}"


def explain_step(stepper: GradientDescentStepper, frame: GradientDescentFrame) -> str:
    """Rich-text explanation of what this frame's step did, with its live numbers."""
    problem = stepper.problem
    names = problem.param_names
    if frame.step == 0:
        where = ", ".join(f"{p} = {_plain(v)}" for p, v in zip(names, stepper.start, strict=True))
        what = (
            "Loss L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)² (mean squared error)"
            if isinstance(problem, LinearRegressionProblem)
            else f"Loss surface: {problem.title}"
        )
        return (
            f"<b>Start</b> at {where}; L = {_plain(frame.losses[0])}.<br>{what}. "
            "Each step moves against the gradient: θ ← θ − η·∇L(θ). Press Space to play."
        )
    parts = [f"<b>Step {frame.step}</b>: {_batch_words(stepper, frame)}."]
    for i, runner in enumerate(stepper.runners):
        header = f"<b>{runner.label}</b> " if len(stepper.runners) > 1 else ""
        if frame.status[i] != "running" and np.array_equal(frame.previous[i], frame.thetas[i]):
            note = escape(frame.notes[i])
            parts.append(f"{header}{note} — L = {_plain(frame.losses[i])}")
            continue
        grad = ", ".join(
            f"∂L/∂{p} = {_plain(g)}" for p, g in zip(names, frame.gradients[i], strict=True)
        )
        parts.append(
            f"{header}{grad}<br>{_runner_lines(stepper, frame, i)}<br>"
            f"full-data loss L = {_plain(frame.losses[i])}"
            + (f" — {escape(frame.notes[i])}" if frame.notes[i] else "")
        )
    return "<br>".join(parts)
