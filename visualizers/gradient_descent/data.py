"""Datasets for the gradient-descent visualizer (pure NumPy, no Qt).

Three sources of (x, y) pairs: a seeded synthetic line with noise and outliers; the
bundled diabetes BMI data (`resources/datasets/diabetes_bmi.csv`, source and licence in
that folder's README); and a user's two-column CSV, whose problems are reported as
messages that name the offending row. `scale` rescales both columns (min-max or z-score)
to show how feature scaling changes the shape of the loss surface.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from visualizers.core.csv_reader import (
    check_magnitude,
    iter_rows,
    parse_number,
    read_csv_file,
    sniff_format,
)

Array = NDArray[np.float64]
SCALINGS: tuple[str, ...] = ("none", "min-max", "standardize")
SYNTHETIC_INTERCEPT = 1.0
SYNTHETIC_X_RANGE = (0.0, 4.0)  # x away from 0 couples w and b: a tilted, narrow valley
MAX_CSV_ROWS = 100_000


def synthetic_line(
    n: int, slope: float, noise: float, outliers: int, seed: int
) -> tuple[Array, Array]:
    """n points y = slope·x + 1 + Gaussian noise, with `outliers` of them pushed far off the line."""
    if n < 2:
        raise ValueError("at least two points are needed to fit a line")
    if outliers > n:
        raise ValueError(f"{outliers} outliers requested but only {n} points")
    rng = np.random.default_rng(seed)
    x = rng.uniform(*SYNTHETIC_X_RANGE, size=n)
    y = slope * x + SYNTHETIC_INTERCEPT + rng.normal(0.0, noise, size=n)
    if outliers:
        picked = rng.choice(n, size=outliers, replace=False)
        # Far above the line, so the least-squares fit visibly tilts toward them.
        y[picked] += rng.uniform(6.0, 10.0, size=outliers) * (1.0 + abs(slope))
    return x, y


def diabetes_csv_path() -> Path:
    from visualizers.core.resources import resources_dir

    return resources_dir() / "datasets" / "diabetes_bmi.csv"


def load_diabetes_bmi() -> tuple[Array, Array]:
    """BMI (kg/m²) and disease progression of the 442 patients of Efron et al. (2004)."""
    path = diabetes_csv_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"the bundled diabetes data is missing ({path}): {exc.strerror}") from exc
    x, y, _ = parse_xy_csv(text)
    return x, y


def read_xy_csv(path: str | Path) -> tuple[Array, Array, tuple[str, str]]:
    """Read a user's CSV file; see `parse_xy_csv`. All problems become ValueError messages."""
    return parse_xy_csv(read_csv_file(path))


def parse_xy_csv(text: str) -> tuple[Array, Array, tuple[str, str]]:
    """Two numeric columns x, y (an optional header row; lines starting with # are skipped).

    Returns (x, y, (x_name, y_name)). Raises ValueError naming the first bad row, or when
    there are fewer than two rows or x never varies. Reading, limits and the magnitude
    rule are `visualizers.core.csv_reader`'s.
    """
    delimiter, decimal_comma = sniff_format(text, ",;\t ")
    rows = iter_rows(
        text, name="the CSV", max_rows=MAX_CSV_ROWS, delimiter=delimiter, skip_comments=True
    )
    names = ("x", "y")
    xs: list[float] = []
    ys: list[float] = []
    first = True
    for number, row in rows:
        cells = [c for c in row if c != ""]
        if first:
            first = False
            if len(cells) >= 2 and not (
                _is_number(cells[0], decimal_comma) and _is_number(cells[1], decimal_comma)
            ):
                names = (cells[0][:80] or "x", cells[1][:80] or "y")
                continue
        if len(cells) != 2:
            raise ValueError(
                f"row {number} has {len(cells)} values; the CSV needs exactly two columns, x and y"
            )
        x = parse_number(cells[0], decimal_comma=decimal_comma)
        y = parse_number(cells[1], decimal_comma=decimal_comma)
        if x is None or y is None:
            shown = ", ".join(c[:30] for c in cells)
            raise ValueError(f"row {number} is not numeric: {shown!r}")
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(f"row {number} contains NaN or infinity")
        check_magnitude(x, name="the CSV", line=number, column=names[0])
        check_magnitude(y, name="the CSV", line=number, column=names[1])
        xs.append(x)
        ys.append(y)
    if first:
        raise ValueError("the CSV file is empty: it needs two numeric columns, x and y")
    if len(xs) > MAX_CSV_ROWS:
        raise ValueError(f"the CSV has {len(xs)} rows; at most {MAX_CSV_ROWS:,} are supported")
    if len(xs) < 2:
        raise ValueError("the CSV needs at least two data rows to fit a line")
    x_arr, y_arr = np.asarray(xs), np.asarray(ys)
    if float(np.ptp(x_arr)) == 0.0:
        raise ValueError("every x value in the CSV is the same, so no slope can be fitted")
    return x_arr, y_arr, names


def _is_number(cell: str, decimal_comma: bool = False) -> bool:
    return parse_number(cell, decimal_comma=decimal_comma) is not None


def scale(values: Array, how: str) -> Array:
    """Rescale a column: "none", "min-max" to [0, 1], or "standardize" to mean 0, sd 1."""
    if how == "none":
        return values
    if how == "min-max":
        span = float(np.ptp(values))
        return (values - values.min()) / span if span else values - values.min()
    if how == "standardize":
        sd = float(values.std())
        return (values - values.mean()) / sd if sd else values - values.mean()
    raise ValueError(f"unknown scaling {how!r}; choose one of {SCALINGS}")
