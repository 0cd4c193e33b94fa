"""2-D datasets for the k-means visualizer, each with a note on how k-means fares (pure, no Qt).

Synthetic sets are drawn from a seeded generator, so the same seed gives the same points.
Iris petal measurements are read from `resources/datasets/iris_petal.csv` (shipped with
the app; source and licence in `resources/datasets/README.md`), and a user CSV of two
numeric columns is parsed here with messages that say which row is wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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

# The dataset names live in the spec (the registry imports every spec at start-up, and a
# spec must not pull in NumPy); they are re-exported here for the view and the tests.
from visualizers.core.text import escape
from visualizers.kmeans.spec import ANISOTROPIC_BLOBS, CIRCLES, GAUSSIAN_BLOBS, IRIS, TWO_MOONS
from visualizers.kmeans.spec import DATASETS as DATASETS
from visualizers.kmeans.spec import UNIFORM_NOISE as UNIFORM_NOISE
from visualizers.kmeans.spec import USER_CSV as USER_CSV

MAX_CSV_ROWS = 100_000

# Four well-separated centres: the textbook case, so k = 4 is the "right" answer.
_BLOB_CENTRES = np.array([[-4.0, -3.0], [3.0, -3.5], [-2.5, 4.0], [4.0, 3.0]])
# The linear map scikit-learn's k-means examples use to stretch blobs.
_STRETCH = np.array([[0.6, -0.64], [-0.4, 0.85]])
_MISSING = {"", "nan", "na", "n/a", "null", "none", "-"}


@dataclass(frozen=True)
class Dataset:
    """Points (n, 2) to cluster, axis labels, and a note on what k-means does with them."""

    points: NDArray[np.float64]
    note: str
    x_label: str = "x"
    y_label: str = "y"
    suggested_k: int | None = None


def make_dataset(name: str, n: int, spread: float, seed: int) -> Dataset:
    """The synthetic or bundled dataset `name` (not the user CSV: see `load_xy_csv`)."""
    rng = np.random.default_rng(seed)
    if name == GAUSSIAN_BLOBS:
        return Dataset(
            _blobs(n, spread, rng),
            f"<b>Gaussian blobs</b> (σ = {spread:g}): four round clusters of equal spread, the "
            "case k-means is built for. Raise the spread until they overlap and watch the "
            "boundaries become arbitrary.",
            suggested_k=4,
        )
    if name == ANISOTROPIC_BLOBS:
        return Dataset(
            _blobs(n, spread, rng) @ _STRETCH,
            "<b>Anisotropic blobs</b>: the same blobs stretched by a linear map. k-means "
            "measures plain Euclidean distance, so it prefers round clusters and cuts across "
            "the stretched ones; a Gaussian mixture with full covariances fits them.",
            suggested_k=4,
        )
    if name == TWO_MOONS:
        return Dataset(
            _moons(n, 0.08 * spread, rng),
            "<b>Two moons</b>: interleaved half-circles. Every k-means cluster is a Voronoi "
            "cell, which is convex, so it cannot follow a curved moon; with k = 2 it splits "
            "the data with a straight line. DBSCAN or spectral clustering separate them.",
            suggested_k=2,
        )
    if name == CIRCLES:
        return Dataset(
            _circles(n, 0.06 * spread, rng),
            "<b>Concentric circles</b>: one ring inside another. The inner ring and the outer "
            "ring share a centre, so no convex cells can separate them; k-means slices the "
            "rings like a pie. A kernel or density-based method is needed.",
            suggested_k=2,
        )
    if name == UNIFORM_NOISE:
        return Dataset(
            rng.uniform(-5.0, 5.0, size=(n, 2)),
            "<b>Uniform noise</b>: there are no clusters here, yet k-means always returns k "
            "of them: it tiles the square into k similar cells, and a different seed gives a "
            "different tiling. Inertia falls smoothly with k (no elbow) and the silhouette "
            "stays low. Check that structure exists before trusting a segmentation.",
        )
    if name == IRIS:
        return load_iris_petals()
    raise ValueError(f"unknown dataset {name!r}")


def _blobs(n: int, spread: float, rng: np.random.Generator) -> NDArray[np.float64]:
    which = rng.integers(len(_BLOB_CENTRES), size=n)
    points: NDArray[np.float64] = _BLOB_CENTRES[which] + rng.normal(scale=spread, size=(n, 2))
    return points


def _moons(n: int, noise: float, rng: np.random.Generator) -> NDArray[np.float64]:
    upper = rng.random(n) < 0.5
    angle = rng.uniform(0.0, math.pi, size=n)
    x = np.where(upper, np.cos(angle), 1.0 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    points = np.column_stack([x, y]) * 3.0 + rng.normal(scale=noise * 3.0, size=(n, 2))
    return points


def _circles(n: int, noise: float, rng: np.random.Generator) -> NDArray[np.float64]:
    radius = np.where(rng.random(n) < 0.5, 1.0, 0.45)
    angle = rng.uniform(0.0, 2.0 * math.pi, size=n)
    points = np.column_stack([np.cos(angle), np.sin(angle)]) * radius[:, None]
    return (points + rng.normal(scale=noise, size=(n, 2))) * 4.0


def iris_csv_path() -> Path:
    """Where the bundled iris petal CSV lives (source checkout or frozen app)."""
    from visualizers.core.resources import resources_dir

    return resources_dir() / "datasets" / "iris_petal.csv"


def load_iris_petals() -> Dataset:
    """Fisher's iris: petal length and width (cm) of 150 flowers, 50 of each of 3 species."""
    path = iris_csv_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"the bundled iris data is missing ({path}): {exc.strerror}") from exc
    points, _, _ = parse_xy_csv(text)
    return Dataset(
        points,
        "<b>Iris petals</b>: petal length and width (cm) of 150 iris flowers, 50 each of "
        "setosa, versicolor and virginica (Fisher, 1936; via scikit-learn, BSD-3). Setosa "
        "stands apart; the other two overlap, so k = 3 recovers the species only "
        "approximately. Many flowers share the same measurements (duplicate points). "
        "The number-of-points setting does not apply.",
        x_label="petal length (cm)",
        y_label="petal width (cm)",
        suggested_k=3,
    )


def load_xy_csv(path: str | Path) -> Dataset:
    """A user's CSV file as a dataset, or ValueError with a message a user can act on."""
    file = Path(path)
    text = read_csv_file(file)
    points, x_label, y_label = parse_xy_csv(text, file.name)
    return Dataset(
        points,
        f"<b>{escape(file.name)}</b>: {len(points):,} rows, columns "
        f"“{escape(x_label)}” and “{escape(y_label)}”. The number-of-points and spread "
        "settings do not apply. Features on very different scales should be standardized "
        "first: Euclidean distance weighs every unit equally.",
        x_label=x_label,
        y_label=y_label,
    )


def parse_xy_csv(text: str, name: str = "the file") -> tuple[NDArray[np.float64], str, str]:
    """Points from the first two numeric columns of CSV `text`, plus their column names.

    A first row with a non-numeric cell is a header. Blank cells and NaN are refused with
    the line numbers, rather than silently dropped, so the user knows their data has gaps.
    Reading, limits and the magnitude rule are `visualizers.core.csv_reader`'s.
    """
    delimiter, decimal_comma = sniff_format(text, ",;\t")

    def number(cell: str) -> float | None:
        return parse_number(cell, decimal_comma=decimal_comma)

    rows = list(iter_rows(text, name=name, max_rows=MAX_CSV_ROWS, delimiter=delimiter))
    if not rows:
        raise ValueError(f"{name} is empty; expected two numeric columns such as x,y")
    header = rows[0][1]
    has_header = any(number(c) is None and c.lower() not in _MISSING for c in header)
    body = rows[1:] if has_header else rows
    if not body:
        raise ValueError(f"{name} has a header but no data rows")
    if len(body) > MAX_CSV_ROWS:
        raise ValueError(
            f"{name} has {len(body):,} rows; the visualizer takes up to {MAX_CSV_ROWS:,}. "
            "Sample the file first."
        )
    width = max(len(r) for _, r in body)
    names = [
        header[c][:80] if has_header and c < len(header) else f"column {c + 1}"
        for c in range(width)
    ]

    numeric: list[int] = []
    first_text: str | None = None
    for column in range(width):
        cells = [(line, r[column] if column < len(r) else "") for line, r in body]
        present = [(line, c) for line, c in cells if c.lower() not in _MISSING]
        words = [(line, c) for line, c in present if number(c) is None]
        if present and not words:
            numeric.append(column)
        elif words and first_text is None:
            line, cell = words[0]
            first_text = f"“{names[column]}” (line {line}: {cell[:40]!r})"
        if len(numeric) == 2:
            break
    if len(numeric) < 2:
        why = f"; non-numeric column {first_text}" if first_text else ""
        raise ValueError(f"{name} needs two numeric columns, found {len(numeric)}{why}")

    columns = numeric[:2]
    points = np.full((len(body), 2), np.nan)
    for i, (line, row) in enumerate(body):
        for j, column in enumerate(columns):
            cell = row[column] if column < len(row) else ""
            value = number(cell) if cell.lower() not in _MISSING else None
            if value is not None:
                check_magnitude(value, name=name, line=line, column=names[column])
                points[i, j] = value
    bad = np.flatnonzero(~np.isfinite(points).all(axis=1))
    if bad.size:
        lines = ", ".join(str(body[i][0]) for i in bad[:8])
        more = f" and {bad.size - 8} more" if bad.size > 8 else ""
        raise ValueError(
            f"{name}: {bad.size:,} row(s) have a missing, NaN or infinite value in "
            f"“{names[columns[0]]}” or “{names[columns[1]]}” (lines {lines}{more}); "
            "fill or delete them, k-means needs a number in every cell"
        )
    return points, names[columns[0]], names[columns[1]]
