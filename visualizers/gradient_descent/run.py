"""From the parameter panel's values to a problem and a stepper (pure, no Qt).

Kept apart from the view so tests (and the benchmark) build exactly the run the view
would, without a QApplication.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np

from visualizers.gradient_descent.algorithm import (
    SURFACES,
    BatchMode,
    GradientDescentStepper,
    LinearRegressionProblem,
    OptimizerName,
    Problem,
    make_runners,
)
from visualizers.gradient_descent.data import (
    Array,
    load_diabetes_bmi,
    scale,
    synthetic_line,
)

Params = dict[str, int | float | str | bool]


@dataclass(frozen=True)
class Dataset:
    """Named (x, y) columns for a regression problem."""

    x: Array
    y: Array
    x_name: str
    y_name: str
    source: str


def dataset_for(params: Params, seed: int, csv: Dataset | None) -> Dataset:
    """The (scaled) data a regression problem fits; ValueError if it can't be had."""
    problem = str(params["problem"])
    if problem == "synthetic line":
        x, y = synthetic_line(
            int(params["n_points"]),
            float(params["slope"]),
            float(params["noise"]),
            int(params["outliers"]),
            seed,
        )
        data = Dataset(x, y, "x", "y", "synthetic: y = slope·x + 1 + noise")
    elif problem == "diabetes (BMI)":
        x, y = load_diabetes_bmi()
        data = Dataset(x, y, "BMI (kg/m²)", "progression", "diabetes (Efron et al. 2004)")
    elif problem == "CSV file":
        if csv is None:
            raise ValueError("no CSV loaded yet: use “Load CSV…” to choose a two-column file")
        data = csv
    else:
        raise ValueError(f"{problem!r} is not a data problem")
    how = str(params.get("scaling", "none"))
    if how == "none":
        return data
    return Dataset(
        scale(data.x, how),
        scale(data.y, how),
        f"{data.x_name} ({how})",
        f"{data.y_name} ({how})",
        data.source,
    )


def problem_for(params: Params, seed: int, csv: Dataset | None = None) -> Problem:
    name = str(params["problem"])
    if name in SURFACES:
        return SURFACES[name]()
    data = dataset_for(params, seed, csv)
    return LinearRegressionProblem(data.x, data.y, title=data.source)


def stepper_for(params: Params, seed: int, csv: Dataset | None = None) -> GradientDescentStepper:
    """The stepper the view animates for these parameter values (ValueError when impossible)."""
    problem = problem_for(params, seed, csv)
    runners = make_runners(
        cast(OptimizerName, params["optimizer"]),
        float(params["learning_rate"]),
        str(params["compare"]),
    )
    hint = ""
    # Raw features far from 0 make the bowl steep and narrow: scaling is the real fix.
    if (
        isinstance(problem, LinearRegressionProblem)
        and params.get("scaling") == "none"
        and (
            abs(float(np.mean(problem.x))) > 3.0 * float(np.std(problem.x))
            or float(np.max(np.abs(problem.x))) > 10.0
        )
    ):
        hint = "; or set feature scaling to standardize"
    start = problem.start_from(float(params["start_u"]), float(params["start_v"]))
    return GradientDescentStepper(
        problem,
        runners,
        start,
        batch_mode=cast(BatchMode, params["batch_mode"]),
        batch_size=int(params["batch_size"]),
        beta=float(params["momentum"]),
        max_steps=int(params["max_steps"]),
        seed=seed,
        divergence_hint=hint,
    )
