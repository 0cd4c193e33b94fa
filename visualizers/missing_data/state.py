"""State of the missing-data visualizer (no Qt): data, the holes, every method's results, narration.

The data are the bundled diabetes table (`resources/datasets/diabetes_clinical.csv`) or
the user's CSV: the first column is the one that loses values, the second is what MAR
missingness depends on, the last is the regression target. Every method (deletion, four
`impute` strategies, iterative imputation, mean plus a missing indicator) is evaluated
once per run; the stepper shows one method per frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from visualizers.core.csv_reader import check_magnitude, iter_rows, read_csv_file
from visualizers.core.frames import Frame, RunPlan, Stepper
from visualizers.missing_data.algorithm import (
    Array,
    impute,
    iterative_impute,
    make_missing,
    missing_indicator,
    ols,
)

DIABETES, USER_CSV = "diabetes (real)", "CSV file…"
METHODS: tuple[str, ...] = (
    "drop incomplete rows",
    "mean",
    "median",
    "most frequent",
    "k-NN (5 neighbours)",
    "iterative regression",
    "mean + missing indicator",
)
SHORT_NAMES: tuple[str, ...] = ("drop", "mean", "med.", "mode", "kNN", "iter.", "ind.")
HISTOGRAM_BINS = 24
MAX_CSV_BYTES = 5_000_000
# The file is read on a worker, and with more than HEAVY_ROWS rows so is the experiment of
# every parameter change (with Cancel), but k-NN compares all row pairs: 0.4 s at 2,000 rows
# × 20 columns, 1.4 s at 5,000, 4 s at 10,000 (3 columns). Beyond 5,000 a change is too slow
# to explore with.
MAX_CSV_ROWS = 5_000
HEAVY_ROWS = 500  # a CSV with more rows runs its experiment on a worker (about 50 ms and more)
MAX_CSV_COLUMNS = 21
Params = dict[str, int | float | str | bool]


@dataclass(frozen=True)
class Table:
    """Complete data: features (the first one gets holes) and the target."""

    X: Array
    y: Array
    names: tuple[str, ...]  # feature names
    target: str


def parse_csv(text: str, name: str = "the CSV") -> Table:
    """At least three numeric columns (header optional): features…, target last.

    Rows stream through the shared reader (`visualizers.core.csv_reader`): its limits, its
    line numbers in errors, its progress and Cancel when a worker loads the file.
    """
    if len(text) > MAX_CSV_BYTES:
        raise ValueError(f"the CSV is larger than {MAX_CSV_BYTES // 1_000_000} MB")
    rows = list(iter_rows(text, name=name, max_rows=MAX_CSV_ROWS, skip_comments=True))
    if not rows:
        raise ValueError("the CSV is empty")
    width = len(rows[0][1])
    if not 3 <= width <= MAX_CSV_COLUMNS:
        raise ValueError(
            f"the CSV needs 3 to {MAX_CSV_COLUMNS} columns: the damaged one, another, …, the target"
        )
    header: list[str] = [f"col{i + 1}" for i in range(width)]
    try:
        [float(c) for c in rows[0][1]]
    except ValueError:
        header = [c or f"col{i + 1}" for i, c in enumerate(rows[0][1])]
        rows = rows[1:]
    if not 10 <= len(rows) <= MAX_CSV_ROWS:
        raise ValueError(f"the CSV needs 10 to {MAX_CSV_ROWS:,} data rows, it has {len(rows)}")
    values = np.empty((len(rows), width))
    for i, (number, row) in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} values, the first row {width}")
        try:
            values[i] = [float(c) for c in row]
        except ValueError:
            raise ValueError(
                f"row {number} is not numeric (leave no gaps: this tool makes its own): "
                f"{', '.join(row)[:60]!r}"
            ) from None
        if not all(math.isfinite(v) for v in values[i]):
            raise ValueError(f"row {number} contains NaN or infinity")
        for column, value in zip(header, values[i], strict=True):
            check_magnitude(float(value), name=name, line=number, column=column)
    if values[:, 0].std() == 0:
        raise ValueError(f"column {header[0]!r} is constant: nothing to impute")
    return Table(values[:, :-1], values[:, -1], tuple(header[:-1]), header[-1])


def read_csv(path: str | Path) -> Table:
    # The shared reader: regular files only, bounded, never blocking on a pipe or device.
    return parse_csv(read_csv_file(path, max_bytes=MAX_CSV_BYTES), Path(path).name)


def read_named_csv(path: Path) -> tuple[Table, str]:
    """(table, file name) of a CSV file; pure, so a loading worker may call it."""
    return read_csv(path), path.name


def diabetes_path() -> Path:
    from visualizers.core.resources import (
        resources_dir,  # the one place that knows where the bundle is
    )

    return resources_dir() / "datasets" / "diabetes_clinical.csv"


def load_diabetes() -> Table:
    path = diabetes_path()
    try:
        return parse_csv(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"the bundled diabetes data is missing ({path}): {exc.strerror}") from exc


@dataclass(frozen=True)
class MethodResult:
    """What one method did to the damaged column and to the downstream regression."""

    name: str
    rows: np.ndarray  # indices of the rows the method keeps
    column: Array  # the damaged column after the method, for those rows
    rmse: float  # against the hidden truth (NaN for deletion: nothing is filled)
    mean: float
    sd: float
    slope: float  # regression coefficient of the damaged column


@dataclass(frozen=True)
class Experiment:
    table: Table
    mask: np.ndarray  # True where the value was hidden
    mechanism: str
    true_slope: float
    results: tuple[MethodResult, ...]

    @property
    def truth(self) -> Array:
        return self.table.X[:, 0]

    @property
    def edges(self) -> Array:
        """Histogram bin edges, fixed for the run so every method is drawn on the same bins."""
        low, high = float(self.truth.min()), float(self.truth.max())
        return np.linspace(low, high + 1e-9 * max(1.0, abs(high)), HISTOGRAM_BINS + 1)

    def histogram(self, values: Array) -> Array:
        return np.histogram(values, bins=self.edges)[0].astype(np.float64)


def evaluate(table: Table, mask: np.ndarray) -> tuple[float, tuple[MethodResult, ...]]:
    X, y = table.X, table.y
    n = len(y)
    true_slope = float(ols(X, y)[0][0])
    holes = X.copy()
    holes[mask, 0] = np.nan
    results = []
    for name in METHODS:
        rows = np.arange(n)
        if name == METHODS[0]:
            rows = np.flatnonzero(~mask)
            filled = X[rows]
            design = filled
        elif name == METHODS[4]:
            # Distances mix units (mm Hg, years, kg/m²): scale the columns first, or the
            # widest column alone decides who the neighbours are.
            centre, scale = np.nanmean(holes, axis=0), np.nanstd(holes, axis=0)
            scale = np.where(scale > 0, scale, 1.0)
            filled = impute((holes - centre) / scale, "knn") * scale + centre
            design = filled
        elif name == METHODS[5]:
            filled = iterative_impute(holes)
            design = filled
        else:
            strategy = {
                METHODS[1]: "mean",
                METHODS[2]: "median",
                METHODS[3]: "most_frequent",
                METHODS[6]: "mean",
            }[name]
            filled = impute(holes, strategy)
            design = filled
            if name == METHODS[6]:
                design = np.column_stack([filled, missing_indicator(holes)])
        column = filled[:, 0]
        error = column[mask[rows]] - X[rows, 0][mask[rows]]
        rmse = float(np.sqrt(np.mean(error**2))) if error.size else math.nan
        slope = float(ols(design, y[rows])[0][0])
        results.append(
            MethodResult(name, rows, column, rmse, float(column.mean()), float(column.std()), slope)
        )
    return true_slope, tuple(results)


def run_experiment(table: Table, params: Params, seed: int) -> Experiment:
    mechanism = str(params["mechanism"])
    rate = float(params["rate"])
    mask = make_missing(table.X, 0, mechanism, rate, seed, driver=1)
    if mask.sum() == 0:
        raise ValueError("no value went missing: raise the missing rate")
    if (~mask).sum() < table.X.shape[1] + 2:
        raise ValueError("too few complete rows are left to fit anything: lower the missing rate")
    true_slope, results = evaluate(table, mask)
    return Experiment(table, mask, mechanism, true_slope, results)


@dataclass(frozen=True)
class MissingDataFrame(Frame):
    """Frame 0 shows the holes; frame i ≥ 1 shows method i − 1."""

    method: int = -1
    slopes: tuple[float, ...] = field(default_factory=tuple)


MECHANISM_WORDS = {
    "MCAR": "completely at random (every row equally likely)",
    "MAR": "at random given {driver}: rows with high {driver} lose it more often",
    "MNAR": "not at random: high {column} values themselves go missing more often",
}


class MissingDataStepper:
    def __init__(self, experiment: Experiment) -> None:
        self.experiment = experiment

    def _frame(self, step: int) -> MissingDataFrame:
        exp = self.experiment
        stub = MissingDataFrame(
            step=step, explanation="", finished=step >= len(METHODS), method=step - 1
        )
        return MissingDataFrame(
            step=step,
            explanation=self.explain(stub),
            finished=stub.finished,
            method=step - 1,
            slopes=tuple(r.slope for r in exp.results[:step]),
        )

    def first(self) -> MissingDataFrame:
        return self._frame(0)

    def advance(self, frame: MissingDataFrame) -> MissingDataFrame:
        return self._frame(frame.step + 1)

    def explain(self, frame: MissingDataFrame) -> str:
        exp = self.experiment
        names = exp.table.names
        column, driver = names[0], names[1]
        truth = exp.truth
        hidden = int(exp.mask.sum())
        observed = truth[~exp.mask]
        how = MECHANISM_WORDS[exp.mechanism].format(driver=driver, column=column)
        if frame.method < 0:
            return (
                f"<b>{hidden} of {len(truth)}</b> {column} values are hidden, missing {how}. "
                f"Mean of the observed values {observed.mean():.2f} vs the true mean "
                f"{truth.mean():.2f} (hollow circles are the hidden truth). On the complete "
                f"data, the regression of {exp.table.target} on all features gives {column} a "
                f"slope of <b>{exp.true_slope:.3f}</b>. Step to try each way of handling the holes."
            )
        r = exp.results[frame.method]
        bias = r.slope - exp.true_slope
        text = f"<b>{r.name}</b>: "
        if frame.method == 0:
            text += (
                f"keeps {len(r.rows)} of {len(truth)} rows ({hidden} lost with every other "
                "value on them). "
            )
        else:
            text += (
                f"fills {hidden} values; error against the hidden truth RMSE = "
                f"<b>{r.rmse:.3f}</b>. "
            )
        text += (
            f"{column}: mean {r.mean:.2f} (true {truth.mean():.2f}), sd {r.sd:.2f} (true "
            f"{truth.std():.2f}). Regression slope of {column} = <b>{r.slope:.3f}</b> vs "
            f"{exp.true_slope:.3f} on complete data: bias <b>{bias:+.3f}</b> "
            f"({abs(bias) / abs(exp.true_slope):.0%})."
        )
        if frame.method in (1, 2, 3):
            text += (
                " One constant for every hole shrinks the spread and weakens the "
                "column's relation to the others."
            )
        elif frame.method == 4:
            text += (
                f" Each hole gets the mean {column} of the 5 most similar rows by "
                f"{', '.join(names[1:])} (columns standardised first)."
            )
        elif frame.method == 5:
            text += f" {column} is predicted from {', '.join(names[1:])} by least squares, round after round."
        elif frame.method == 6:
            text += " The indicator lets the model learn what 'missing' itself predicts."
        if frame.finished:
            best = min(exp.results, key=lambda m: abs(m.slope - exp.true_slope))
            text += f"<br>Least biased slope here: <b>{best.name}</b>."
        return text


class MissingDataState:
    """Parameters → table (bundled or CSV) → experiment (cached) → stepper."""

    def __init__(self) -> None:
        self.csv: Table | None = None
        self.csv_name = ""
        self._diabetes: Table | None = None
        self._key: tuple[object, ...] | None = None
        self._experiment: Experiment | None = None

    def load_csv(self, path: str | Path) -> None:
        """Read and adopt a CSV in one go (the view reads on a worker, then `swap_csv`)."""
        self.swap_csv(read_named_csv(Path(path)))

    def swap_csv(self, named: tuple[Table, str] | None) -> tuple[Table, str] | None:
        """Adopt (table, file name) as the CSV; returns the pair it replaced (for a revert)."""
        replaced = None if self.csv is None else (self.csv, self.csv_name)
        self.csv, self.csv_name = named or (None, "")
        self._key = None
        return replaced

    @staticmethod
    def stepper_for_csv(named: tuple[Table, str], params: Params, seed: int) -> MissingDataStepper:
        """The run `stepper` will build once `named` is adopted, made by a fresh state.

        Touches no existing state, so the loading worker runs the slow part off the GUI thread.
        """
        fresh = MissingDataState()
        fresh.swap_csv(named)
        return fresh.stepper(params, seed)

    def table(self, params: Params) -> Table:
        if params["dataset"] == USER_CSV:
            if self.csv is None:
                raise ValueError("no CSV loaded yet: press 'Load CSV…' first")
            return self.csv
        if self._diabetes is None:
            self._diabetes = load_diabetes()
        return self._diabetes

    def experiment(self, params: Params, seed: int) -> Experiment:
        table = self.table(params)
        key = (id(table), tuple(sorted(params.items())), seed)
        if key != self._key or self._experiment is None:
            self._experiment = run_experiment(table, params, seed)
            self._key = key
        return self._experiment

    def stepper(self, params: Params, seed: int) -> MissingDataStepper:
        return MissingDataStepper(self.experiment(params, seed))

    def heavy_run(self, params: Params) -> bool:
        """True when the experiment runs on a CSV too big for the GUI thread."""
        csv = self.csv
        return params["dataset"] == USER_CSV and csv is not None and len(csv.y) > HEAVY_ROWS

    def plan(self, params: Params, seed: int) -> RunPlan[MissingDataFrame]:
        """The run for these values, split so a worker runs the experiment (see `RunPlan`)."""
        values = dict(params)
        table = self.table(values)
        key = (id(table), tuple(sorted(values.items())), seed)
        cached = self._experiment if key == self._key else None

        def build() -> Stepper[MissingDataFrame]:
            return MissingDataStepper(cached or run_experiment(table, values, seed))

        def adopt(stepper: Stepper[MissingDataFrame]) -> None:
            assert isinstance(stepper, MissingDataStepper)
            if self.table(values) is table:  # still the data it was built from
                self._experiment, self._key = stepper.experiment, key

        return RunPlan(build, adopt)
