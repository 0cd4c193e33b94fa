"""State of the regularization visualizer (no Qt): data, path, slice contours, stepper, narration.

The data are a seeded synthetic regression (correlated features, a few true zeros) or
the user's CSV (numeric columns, the last one the target), standardised and split 70/30
into training and validation rows. The stepper animates `coordinate_descent` at the chosen
α one sweep per frame; the regularization path, the train/validation curves and the loss
contours over (w₁, w₂) are side computations cached per dataset and penalty.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from visualizers.core.csv_reader import check_magnitude, iter_rows, read_csv_file
from visualizers.core.frames import Frame, RunPlan, Stepper, read_only
from visualizers.regularization.algorithm import (
    PENALTIES,
    Array,
    coordinate_descent,
    lasso,
    lasso_alpha_max,
    mse,
    objective,
    regularization_path,
    ridge,
)

SYNTHETIC, USER_CSV = "synthetic", "CSV file…"
TRUE_COEF = np.array([2.5, 0.7, 0.0, 1.2, 0.0, -0.9, 0.0, 0.0, 0.4, 0.0])
PATH_POINTS = 50
MAX_SWEEPS = 300
CONVERGED = 1e-6
SOLVE_SWEEPS = 2000
PATH_SWEEPS = 300
MAX_CSV_BYTES = 5_000_000
# The file is read on a worker, and with more than HEAVY_ROWS rows a parameter change
# recomputes the path there too (0.09 s at 2,000 rows × 20 columns, 0.16 s at 5,000, which
# the GUI thread could not afford: issue 20 allows 50 ms per frame).
MAX_CSV_ROWS = 10_000
HEAVY_ROWS = 1_000
MAX_CSV_COLUMNS = 21
CsvData = tuple[Array, Array, tuple[str, ...]]  # features, target, feature names


@dataclass(frozen=True)
class Dataset:
    """Standardised features and target, split into training and validation rows."""

    X_train: Array
    y_train: Array
    X_val: Array
    y_val: Array
    names: tuple[str, ...]
    true_coef: Array | None  # known only for synthetic data


def synthetic(n: int, p: int, correlation: float, noise: float, seed: int) -> Dataset:
    """Features with corr(x_i, x_j) = ρ^|i−j|, y = Xw + noise for a w with some exact zeros."""
    if not 2 <= p <= len(TRUE_COEF):
        raise ValueError(f"choose between 2 and {len(TRUE_COEF)} features")
    rng = np.random.default_rng(seed)
    lags = np.abs(np.subtract.outer(np.arange(p), np.arange(p)))
    X = rng.multivariate_normal(np.zeros(p), correlation**lags, size=n)
    y = X @ TRUE_COEF[:p] + rng.normal(0.0, noise, n)
    names = tuple(f"x{i + 1}" for i in range(p))
    return split(X, y, names, seed, TRUE_COEF[:p].copy())


def split(X: Array, y: Array, names: tuple[str, ...], seed: int, truth: Array | None) -> Dataset:
    """Standardise the columns (training statistics) and split 70/30 with a seeded shuffle."""
    n = len(y)
    if n < 10:
        raise ValueError("at least 10 rows are needed to keep 3 for validation")
    order = np.random.default_rng(seed + 1).permutation(n)
    cut = round(0.7 * n)
    train, val = order[:cut], order[cut:]
    mean, sd = X[train].mean(axis=0), X[train].std(axis=0)
    if np.any(sd == 0.0):
        bad = names[int(np.argmax(sd == 0.0))]
        raise ValueError(f"column {bad!r} is constant in the training rows: it can't be scaled")
    Z = (X - mean) / sd
    return Dataset(Z[train], y[train], Z[val], y[val], names, truth)


def parse_csv(text: str, name: str = "the CSV") -> tuple[Array, Array, tuple[str, ...]]:
    """Numeric columns with an optional header; the last column is the target y.

    Rows stream through the shared reader (`visualizers.core.csv_reader`): lines starting
    with # are skipped, every problem is a ValueError that names the row, and a worker's
    load reports progress and obeys Cancel.
    """
    if len(text) > MAX_CSV_BYTES:
        raise ValueError(f"the CSV is larger than {MAX_CSV_BYTES // 1_000_000} MB")
    rows = list(iter_rows(text, name=name, max_rows=MAX_CSV_ROWS, skip_comments=True))
    if not rows:
        raise ValueError("the CSV is empty: it needs numeric feature columns and a target last")
    width = len(rows[0][1])
    if not 2 <= width <= MAX_CSV_COLUMNS:
        raise ValueError(f"the CSV needs 2 to {MAX_CSV_COLUMNS} columns (features, then y)")
    names = (*tuple(f"x{i + 1}" for i in range(width - 1)), "y")
    if not all(_is_number(c) for c in rows[0][1]):
        names = tuple(c or f"col{i + 1}" for i, c in enumerate(rows[0][1]))
        rows = rows[1:]
    if len(rows) > MAX_CSV_ROWS:
        raise ValueError(f"the CSV has {len(rows)} rows; at most {MAX_CSV_ROWS:,} are supported")
    values = np.empty((len(rows), width))
    for i, (number, row) in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} values, the first row {width}")
        try:
            values[i] = [float(c) for c in row]
        except ValueError:
            raise ValueError(f"row {number} is not numeric: {', '.join(row)[:60]!r}") from None
        if not all(math.isfinite(v) for v in values[i]):
            raise ValueError(f"row {number} contains NaN or infinity")
        for column, value in zip(names, values[i], strict=True):
            check_magnitude(float(value), name=name, line=number, column=column)
    return values[:, :-1], values[:, -1], names[:-1]


def read_csv(path: str | Path) -> tuple[Array, Array, tuple[str, ...]]:
    """Read a user's CSV file (UTF-8); see `parse_csv`."""
    # The shared reader: regular files only, bounded, never blocking on a pipe or device.
    return parse_csv(read_csv_file(path, max_bytes=MAX_CSV_BYTES), Path(path).name)


def read_named_csv(path: Path) -> tuple[CsvData, str]:
    """(X, y, names) and the file name of a CSV, checked to split; pure (a worker calls it)."""
    X, y, names = read_csv(path)
    split(X, y, names, 0, None)  # refuse what can't be standardised before anything is replaced
    return (X, y, names), path.name


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class PathSummary:
    """Slopes, training and validation MSE at each α of the path (α decreasing)."""

    alphas: Array
    coefs: Array
    train_mse: Array
    val_mse: Array

    @property
    def best(self) -> int:
        return int(np.argmin(self.val_mse))


@dataclass(frozen=True)
class Slice:
    """Loss over (w₁, w₂) with the other slopes at the solution; the penalty's level set."""

    xs: Array
    ys: Array
    loss: Array  # (len(ys), len(xs))
    solution_level: float  # the loss contour through the solution
    unpenalised: Array  # the minimum of the loss alone in this slice
    budget: float  # |w₁|+|w₂| (L1) or sqrt(w₁²+w₂²) (L2) at the solution


@dataclass(frozen=True)
class RegularizationFrame(Frame):
    """The slopes after `step` sweeps of coordinate descent."""

    coef: np.ndarray = field(default_factory=lambda: np.zeros(0))
    intercept: float = 0.0
    trail: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))  # (w₁, w₂) after each move
    objective: float = 0.0
    train_mse: float = 0.0
    val_mse: float = 0.0
    change: float = 0.0


def path_alphas(data: Dataset, penalty: str) -> Array:
    """Log-spaced α from 'every slope shrunk to almost nothing' down to 'barely penalised'."""
    top = lasso_alpha_max(data.X_train, data.y_train)
    if penalty == PENALTIES[0]:
        return top * np.geomspace(1.2, 1e-3, PATH_POINTS)
    # Ridge's α multiplies ‖w‖² against an unscaled sum of squares: about n times lasso's.
    return top * len(data.y_train) * np.geomspace(50.0, 1e-4, PATH_POINTS)


def compute_path(data: Dataset, penalty: str) -> PathSummary:
    alphas = path_alphas(data, penalty)
    # Drawn, not reported to many digits: a looser tolerance keeps a restart fast.
    coefs, intercepts = regularization_path(
        data.X_train, data.y_train, alphas, penalty, tol=1e-7, max_sweeps=PATH_SWEEPS
    )
    train = np.array(
        [mse(data.X_train, data.y_train, c, b) for c, b in zip(coefs, intercepts, strict=True)]
    )
    val = np.array(
        [mse(data.X_val, data.y_val, c, b) for c, b in zip(coefs, intercepts, strict=True)]
    )
    return PathSummary(alphas, coefs, train, val)


def loss_slice(data: Dataset, coef: Array, penalty: str, size: int = 120) -> Slice:
    """The training loss as a function of (w₁, w₂), other slopes held at `coef`."""
    X, y = data.X_train, data.y_train
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    rest = yc - Xc[:, 2:] @ coef[2:]
    pair = Xc[:, :2]
    unpenalised = np.linalg.lstsq(pair, rest, rcond=None)[0]
    reach = max(float(np.abs(unpenalised).max()), float(np.abs(coef[:2]).max()), 0.5) * 2.2
    xs = np.linspace(-reach, reach, size)
    ys = np.linspace(-reach, reach, size)
    W1, W2 = np.meshgrid(xs, ys)
    # ‖r − a w₁ − b w₂‖² expanded, so the grid costs O(size²), not O(size² n).
    g = pair.T @ pair
    h = pair.T @ rest
    scale = 1.0 / (2 * len(y)) if penalty == PENALTIES[0] else 1.0
    loss = scale * (
        rest @ rest
        - 2 * (h[0] * W1 + h[1] * W2)
        + g[0, 0] * W1**2
        + 2 * g[0, 1] * W1 * W2
        + g[1, 1] * W2**2
    )
    w = coef[:2]
    r = rest - pair @ w
    level = scale * float(r @ r)
    budget = float(np.abs(w).sum()) if penalty == PENALTIES[0] else float(np.hypot(*w))
    return Slice(xs, ys, loss, level, unpenalised, budget)


class RegularizationStepper:
    """Coordinate descent at one α, one sweep per frame, until the slopes stop moving."""

    def __init__(self, data: Dataset, alpha: float, penalty: str, path: PathSummary) -> None:
        self.data = data
        self.alpha = float(alpha)
        self.penalty = penalty
        self.path = path
        self._sweeps = coordinate_descent(data.X_train, data.y_train, self.alpha, penalty)
        self.solution = self._solve()
        self.slice = loss_slice(data, self.solution, penalty)

    def _solve(self) -> Array:
        """The converged slopes, for the loss slice (the animation may stop short of them)."""
        X, y = self.data.X_train, self.data.y_train
        if self.penalty == PENALTIES[1]:
            return ridge(X, y, self.alpha)[0]
        # Strongly correlated features make coordinate descent crawl: cap the sweeps.
        return lasso(X, y, self.alpha, tol=1e-9, max_sweeps=SOLVE_SWEEPS)[0]

    def _frame(self, step: int, coef: Array, trail: Array, change: float) -> RegularizationFrame:
        d = self.data
        intercept = float(d.y_train.mean() - d.X_train.mean(axis=0) @ coef)
        frame = RegularizationFrame(
            step=step,
            explanation="",
            finished=step > 0 and (change <= CONVERGED or step >= MAX_SWEEPS),
            coef=read_only(coef),
            intercept=intercept,
            trail=read_only(trail),
            objective=objective(d.X_train, d.y_train, coef, intercept, self.alpha, self.penalty),
            train_mse=mse(d.X_train, d.y_train, coef, intercept),
            val_mse=mse(d.X_val, d.y_val, coef, intercept),
            change=change,
        )
        return replace(frame, explanation=self.explain(frame))

    def first(self) -> RegularizationFrame:
        p = self.data.X_train.shape[1]
        return self._frame(0, np.zeros(p), np.zeros((1, 2)), math.inf)

    def advance(self, frame: RegularizationFrame) -> RegularizationFrame:
        sweep = next(self._sweeps)
        trail = np.vstack([frame.trail, sweep.moves[:, :2]])
        return self._frame(frame.step + 1, sweep.coef, trail, sweep.change)

    def zero_margins(self, coef: Array) -> Array:
        """|x_jᵀ r_j| / n for each slope: lasso keeps w_j = 0 exactly when this is ≤ α."""
        X, y = self.data.X_train, self.data.y_train
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        residual = yc - Xc @ coef
        return np.abs(Xc.T @ residual + (Xc * Xc).sum(axis=0) * coef) / len(y)

    def explain(self, frame: RegularizationFrame) -> str:
        lasso_penalty = self.penalty == PENALTIES[0]
        names = self.data.names
        coefs = ", ".join(f"{n} = {c:+.3f}" for n, c in zip(names, frame.coef, strict=True))
        if lasso_penalty:
            goal = "1/(2n)‖y − Xw‖² + α‖w‖₁"
            update = "w_j ← S(x_jᵀr_j, nα) / x_jᵀx_j (soft-threshold)"
        else:
            goal = "‖y − Xw‖² + α‖w‖²"
            update = "w_j ← x_jᵀr_j / (x_jᵀx_j + α) (shrink, never exactly 0)"
        head = (
            f"<b>Sweep {frame.step}</b> of coordinate descent, {self.penalty} at "
            f"<b>α = {self.alpha:.4g}</b>: objective {goal} = <b>{frame.objective:.4f}</b>. "
            f"Each coordinate update: {update}.<br>Slopes: {coefs}."
        )
        zeros = np.flatnonzero(frame.coef == 0.0)
        if frame.step == 0:
            detail = " Every slope starts at 0."
        elif lasso_penalty and zeros.size:
            margins = self.zero_margins(frame.coef)
            j = int(zeros[0])
            detail = (
                f" <b>{zeros.size} of {len(names)} slopes are exactly 0</b>: e.g. for {names[j]}, "
                f"|x_jᵀr_j|/n = {margins[j]:.3f} ≤ α = {self.alpha:.3f}, so the soft-threshold "
                "returns 0 — the corner of the L1 diamond."
            )
        elif lasso_penalty:
            detail = (
                " No slope is zero yet at this α: lower-impact features survive when α is small."
            )
        else:
            smallest = int(np.argmin(np.abs(frame.coef)))
            detail = (
                f" Ridge shrinks but zeroes nothing: the smallest slope is {names[smallest]} = "
                f"{frame.coef[smallest]:+.4f} (the L2 disk has no corners)."
            )
        best = self.path.best
        tail = (
            f"<br>Training MSE {frame.train_mse:.3f}, validation MSE <b>{frame.val_mse:.3f}</b>; "
            f"along the path the validation MSE is lowest, {self.path.val_mse[best]:.3f}, at "
            f"α = {self.path.alphas[best]:.4g}."
        )
        if frame.finished:
            tail += f" Converged: no slope moved more than {CONVERGED:g} in the last sweep."
        return head + detail + tail


class RegularizationState:
    """Parameters → dataset → path and stepper, with the expensive parts cached."""

    def __init__(self) -> None:
        self.csv: tuple[Array, Array, tuple[str, ...]] | None = None
        self.csv_name = ""
        self._data_key: tuple[object, ...] | None = None
        self._data: Dataset | None = None
        self._paths: dict[str, PathSummary] = {}

    def load_csv(self, path: str | Path) -> None:
        """Read and adopt a CSV in one go (the view reads on a worker, then `swap_csv`)."""
        self.swap_csv(read_named_csv(Path(path)))

    def swap_csv(self, named: tuple[CsvData, str] | None) -> tuple[CsvData, str] | None:
        """Adopt ((X, y, names), file name) as the CSV; returns the pair it replaced."""
        replaced = None if self.csv is None else (self.csv, self.csv_name)
        self.csv, self.csv_name = named or (None, "")
        self._data_key = None
        return replaced

    def stepper_for_csv(
        self, named: tuple[CsvData, str], params: dict[str, int | float | str | bool], seed: int
    ) -> RunPlan[RegularizationFrame]:
        """The run `stepper` will build once `named` is adopted, as a plan (`plan`).

        Reads nothing of the state, so the loading worker builds it (the slow part) off the
        GUI thread; its `adopt` keeps the split and path for the restarts that follow.
        """
        return self.plan(params, seed, csv=named[0])

    def dataset(self, params: dict[str, int | float | str | bool], seed: int) -> Dataset:
        if params["dataset"] == USER_CSV:
            if self.csv is None:
                raise ValueError("no CSV loaded yet: press 'Load CSV…' first")
            key: tuple[object, ...] = ("csv", id(self.csv), seed)
        else:
            key = (
                "synthetic",
                int(params["n_samples"]),
                int(params["n_features"]),
                float(params["correlation"]),
                float(params["noise"]),
                seed,
            )
        if key != self._data_key or self._data is None:
            if self.csv is not None and key[0] == "csv":
                X, y, names = self.csv
                self._data = split(X, y, names, seed, None)
            else:
                self._data = synthetic(*key[1:])  # type: ignore[arg-type]
            self._data_key = key
            self._paths = {}
        return self._data

    def path(self, data: Dataset, penalty: str) -> PathSummary:
        if penalty not in self._paths:
            self._paths[penalty] = compute_path(data, penalty)
        return self._paths[penalty]

    def stepper(
        self, params: dict[str, int | float | str | bool], seed: int
    ) -> RegularizationStepper:
        penalty = str(params["penalty"])
        if penalty not in PENALTIES:
            raise ValueError(f"unknown penalty {penalty!r}")
        data = self.dataset(params, seed)
        return RegularizationStepper(
            data, float(params["alpha"]), penalty, self.path(data, penalty)
        )

    def heavy_run(self, params: dict[str, int | float | str | bool]) -> bool:
        """True when a path must be fitted on a CSV too big for the GUI thread.

        A change of α alone, or back to a penalty whose path is cached, solves once
        (under 40 ms at 10,000 rows × 20 columns): that stays on the GUI thread.
        """
        csv = self.csv
        if params["dataset"] != USER_CSV or csv is None or len(csv[1]) <= HEAVY_ROWS:
            return False
        cached = self._data_key is not None and self._data_key[:2] == ("csv", id(csv))
        return not cached or str(params["penalty"]) not in self._paths

    def plan(
        self,
        params: dict[str, int | float | str | bool],
        seed: int,
        csv: CsvData | None = None,
    ) -> RunPlan[RegularizationFrame]:
        """The CSV's run, split so a worker splits the data and fits the path (`RunPlan`).

        Captured here: the CSV (`csv` for one a load has not installed yet: then nothing of
        the state is read, so a loading worker may call this), and the split and paths
        already made for it (reused when only α or the penalty changes); `adopt` keeps what
        `build` made for later restarts.
        """
        values = dict(params)
        penalty = str(values["penalty"])
        if penalty not in PENALTIES:
            raise ValueError(f"unknown penalty {penalty!r}")
        fresh = csv is not None
        if csv is None:
            csv = self.csv
        if values["dataset"] != USER_CSV or csv is None:
            raise ValueError("no CSV loaded yet: press 'Load CSV…' first")
        key: tuple[object, ...] = ("csv", id(csv), seed)
        ready = None if fresh or key != self._data_key else self._data
        paths = dict(self._paths) if ready is not None else {}
        made: list[tuple[Dataset, dict[str, PathSummary]]] = []

        def build() -> Stepper[RegularizationFrame]:
            data = ready if ready is not None else split(*csv, seed, None)
            if penalty not in paths:
                paths[penalty] = compute_path(data, penalty)
            made.append((data, paths))
            return RegularizationStepper(data, float(values["alpha"]), penalty, paths[penalty])

        def adopt(_stepper: Stepper[RegularizationFrame]) -> None:
            if self.csv is csv:  # still the data it was built from
                self._data, self._data_key = made[-1][0], key
                self._paths = made[-1][1]

        return RunPlan(build, adopt)
