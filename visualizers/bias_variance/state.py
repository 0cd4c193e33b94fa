"""State of the bias–variance visualizer (no Qt): the simulation, the stepper and its narration.

Inputs are fixed and evenly spaced; each training set draws fresh noise. For every
complexity (polynomial degree, or n/k for k-NN) the simulation fits every training set,
decomposes the error with `decompose`, and also measures the test error on new noisy
targets, so the identity bias² + variance + σ² can be checked on screen. One frame per
complexity, from the simplest model to the most flexible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualizers.bias_variance.algorithm import (
    FAMILIES,
    Array,
    decompose,
    fit_polynomials,
    knn_regress,
    training_targets,
    true_function,
)
from visualizers.core.frames import Frame

EVAL_POINTS = 150
Params = dict[str, int | float | str | bool]


@dataclass(frozen=True)
class Simulation:
    """Fits and error terms for every complexity of one family (arrays indexed by complexity)."""

    family: str
    x: Array  # training inputs (fixed)
    Y: Array  # (points, sets) training targets
    x_eval: Array
    truth: Array
    complexity: Array  # degree, or n/k for k-NN (the x axis)
    settings: tuple[int, ...]  # degree or k
    predictions: Array  # (complexities, sets, eval points)
    bias2: Array
    variance: Array
    expected: Array
    measured: Array  # mean squared error against fresh noisy targets
    noise_var: float

    @property
    def best(self) -> int:
        return int(np.argmin(self.expected))


def simulate(params: Params, seed: int) -> Simulation:
    family = str(params["family"])
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r}")
    n = int(params["n_points"])
    n_sets = int(params["n_sets"])
    noise = float(params["noise"])
    x = (np.arange(n) + 0.5) / n
    Y = training_targets(x, n_sets, noise, seed)
    x_eval = np.linspace(0.0, 1.0, EVAL_POINTS)
    truth = true_function(x_eval)
    if family == FAMILIES[0]:
        settings = tuple(range(int(params["max_degree"]) + 1))
        complexity = np.array(settings, dtype=np.float64)
        predictions = np.stack([fit_polynomials(x, Y, d, x_eval) for d in settings])
    else:
        settings = tuple(range(n, 0, -1))
        complexity = n / np.array(settings, dtype=np.float64)
        predictions = np.stack([knn_regress(x, Y, k, x_eval) for k in settings])
    terms = np.array([decompose(p, truth, noise**2) for p in predictions])
    fresh = truth + np.random.default_rng(seed + 1).normal(0.0, noise, (n_sets, EVAL_POINTS))
    measured = ((predictions - fresh[None]) ** 2).mean(axis=(1, 2))
    return Simulation(
        family,
        x,
        Y,
        x_eval,
        truth,
        complexity,
        settings,
        predictions,
        terms[:, 0],
        terms[:, 1],
        terms[:, 2],
        measured,
        noise**2,
    )


@dataclass(frozen=True)
class BiasVarianceFrame(Frame):
    """The fits at complexity number `index` of the simulation."""

    index: int = 0


class BiasVarianceStepper:
    def __init__(self, simulation: Simulation) -> None:
        self.simulation = simulation

    def _frame(self, index: int) -> BiasVarianceFrame:
        last = len(self.simulation.settings) - 1
        stub = BiasVarianceFrame(step=index, explanation="", finished=index >= last, index=index)
        return BiasVarianceFrame(
            step=index, explanation=self.explain(stub), finished=stub.finished, index=index
        )

    def first(self) -> BiasVarianceFrame:
        return self._frame(0)

    def advance(self, frame: BiasVarianceFrame) -> BiasVarianceFrame:
        return self._frame(frame.index + 1)

    def model_name(self, index: int) -> str:
        s = self.simulation
        if s.family == FAMILIES[0]:
            return f"degree-{s.settings[index]} polynomial"
        return f"{s.settings[index]}-nearest-neighbour average"

    def explain(self, frame: BiasVarianceFrame) -> str:
        s = self.simulation
        i = frame.index
        n, sets = len(s.x), s.Y.shape[1]
        b, v, e, m = s.bias2[i], s.variance[i], s.expected[i], s.measured[i]
        text = (
            f"<b>{self.model_name(i)}</b> fitted to each of {sets} training sets of {n} points "
            f"(noise σ² = {s.noise_var:.3f}). <b>Bias² = {b:.4g}</b> (mean fit vs truth), "
            f"<b>variance = {v:.4g}</b> (spread of the fits), so expected test error = "
            f"{b:.4g} + {v:.4g} + {s.noise_var:.3g} = <b>{e:.4g}</b>; measured on fresh noisy "
            f"targets: {m:.4g}."
        )
        if v > b:
            text += " Variance dominates: the fits chase each set's noise (overfitting side)."
        else:
            text += (
                " Bias dominates: the model is too rigid to follow the curve (underfitting side)."
            )
        if s.family == FAMILIES[0]:
            degree = s.settings[i]
            if degree + 1 == n:
                text += (
                    f"<br>Degree {degree} has {n} coefficients for {n} points: the "
                    "<b>interpolation threshold</b>, where the fit must pass through every "
                    "noisy point and the variance peaks."
                )
            elif degree + 1 > n:
                text += (
                    f"<br>Past the threshold ({degree + 1} coefficients, {n} points) "
                    "least squares has many exact fits; lstsq returns the one with the "
                    "smallest coefficient norm, which grows smoother as the degree rises: the "
                    "second descent of <b>double descent</b>."
                )
        best = s.best
        if i >= best:
            text += (
                f"<br>Lowest expected error so far: {s.expected[: i + 1].min():.4g} at the "
                f"{self.model_name(int(np.argmin(s.expected[: i + 1])))}."
            )
        return text


class BiasVarianceState:
    """Parameters → simulation (cached) → stepper."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._simulation: Simulation | None = None

    def simulation(self, params: Params, seed: int) -> Simulation:
        key = (tuple(sorted(params.items())), seed)
        if key != self._key or self._simulation is None:
            self._simulation = simulate(params, seed)
            self._key = key
        return self._simulation

    def stepper(self, params: Params, seed: int) -> BiasVarianceStepper:
        return BiasVarianceStepper(self.simulation(params, seed))
