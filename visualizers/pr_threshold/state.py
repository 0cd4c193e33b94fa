"""Everything the precision/recall view shows that is not drawing (pure, no Qt).

The score source (synthetic, the shipped breast-cancer classifier, the user's CSV) and
`stepper()`; the once-per-dataset analysis (curves, areas, histograms); the expected cost,
written once and used for the cost curve, the moving dot and the text; the operating points
(cost-optimal, F1-optimal) and where a threshold sits on the PR and ROC curves; the numbers
panel and the narration `explain(frame)`. So a wrong formula fails a unit test, not a review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, overload

import numpy as np
from numpy.typing import ArrayLike

from visualizers.core.frames import Frame, RunPlan, Stepper, read_only
from visualizers.core.text import escape
from visualizers.pr_threshold.algorithm import (
    ConfusionCounts,
    FloatArray,
    IntArray,
    ThresholdSweep,
    average_precision_of,
    pr_curve_of,
    roc_auc_of,
    roc_curve_of,
)
from visualizers.pr_threshold.data import (
    LabelledScores,
    breast_cancer_scores,
    load_label_score_csv,
    resample_to_rate,
    synthetic_scores,
)
from visualizers.pr_threshold.spec import DATASET_BREAST_CANCER, DATASET_CSV, DATASET_SYNTHETIC

Value = int | float | str | bool
Series = Literal["precision", "recall", "f1", "cost", ""]


# --- the one cost formula ------------------------------------------------------------------------


@overload
def expected_cost(fp: int, fn: int, n: int, cost_fp: float, cost_fn: float) -> float: ...
@overload
def expected_cost(
    fp: IntArray, fn: IntArray, n: int, cost_fp: float, cost_fn: float
) -> FloatArray: ...
def expected_cost(
    fp: int | IntArray, fn: int | IntArray, n: int, cost_fp: float, cost_fn: float
) -> float | FloatArray:
    """Average cost per item, (cost_fp·FP + cost_fn·FN) / n, for counts or arrays of counts."""
    return (cost_fp * fp + cost_fn * fn) / n


def cost_at(counts: ConfusionCounts, cost_fp: float, cost_fn: float) -> float:
    """Expected cost per item at one operating point."""
    return float(expected_cost(counts.fp, counts.fn, counts.total, cost_fp, cost_fn))


# --- the once-per-dataset analysis ---------------------------------------------------------------


@dataclass(frozen=True)
class ScoreAnalysis:
    """Everything about one (labels, scores, costs) set that doesn't depend on the threshold.

    Built once per dataset/parameter change; every frame of the sweep shares it. All arrays
    are read-only.
    """

    sweep: ThresholdSweep
    prevalence: float
    average_precision: float
    roc_auc: float
    beta: float
    cost_fp: float
    cost_fn: float
    # Metrics at each distinct score (sweep entries 1..), for the "vs threshold" plot.
    curve_thresholds: FloatArray
    curve_precision: FloatArray
    curve_recall: FloatArray
    curve_f1: FloatArray
    # The PR curve as a step line (its area is the average precision) and the ROC curve.
    pr_step_recall: FloatArray
    pr_step_precision: FloatArray
    roc_fpr: FloatArray
    roc_tpr: FloatArray
    # Expected cost per item at every sweep entry, and the two recommended thresholds.
    expected_cost: FloatArray
    cost_optimal_threshold: float
    f1_optimal_threshold: float
    # Histograms of each class's scores over shared bins.
    bin_edges: FloatArray
    negative_counts: IntArray
    positive_counts: IntArray

    @property
    def score_range(self) -> tuple[float, float]:
        return float(self.sweep.distinct_ascending[0]), float(self.sweep.distinct_ascending[-1])

    @property
    def all_scores_equal(self) -> bool:
        return self.sweep.distinct_ascending.size == 1


def optimal_thresholds(
    sweep: ThresholdSweep, cost_fp: float, cost_fn: float
) -> tuple[FloatArray, float, float]:
    """(expected cost at every sweep entry, the cost-optimal threshold, the F1-optimal one).

    argmin/argmax take the first optimum, i.e. the highest such threshold: among equally
    good thresholds the strictest one flags the fewest items. The F1 optimum is searched
    among thresholds that flag something (entry 0 flags nothing and has F1 0).
    """
    cost = expected_cost(sweep.fps, sweep.n_pos - sweep.tps, sweep.size, cost_fp, cost_fn)
    cost_best = int(np.argmin(cost))
    f1_best = 1 + int(np.argmax(sweep.f_beta(1.0)[1:]))
    return cost, float(sweep.thresholds[cost_best]), float(sweep.thresholds[f1_best])


def analyze_scores(
    y_true: ArrayLike,
    scores: ArrayLike,
    cost_fp: float = 1.0,
    cost_fn: float = 1.0,
    beta: float = 1.0,
    bins: int = 60,
    sweep: ThresholdSweep | None = None,
) -> ScoreAnalysis:
    """Sort once and derive the curves, areas, histograms and optimal thresholds.

    Raises ValueError with a user-facing message when a class is missing (precision-recall
    and ROC need both) or a score is NaN/infinite. `sweep`, when given, is these scores'
    `ThresholdSweep` from an earlier analysis: the sort is most of the cost (0.6 of 0.8 s for
    2 million scores) and doesn't depend on the costs or β.
    """
    if cost_fp < 0 or cost_fn < 0:
        raise ValueError("costs can't be negative")
    if not beta > 0:
        raise ValueError(f"beta must be positive, got {beta}")
    if sweep is None:
        sweep = ThresholdSweep.from_scores(y_true, scores)
    if sweep.n_pos == 0 or sweep.n_neg == 0:
        present, missing = (
            ("negatives", "positive") if sweep.n_pos == 0 else ("positives", "negative")
        )
        raise ValueError(
            f"All {sweep.size} items are {present}. Precision-recall and ROC curves need both "
            f"classes: add at least one {missing} example (label {int(sweep.n_pos == 0)})."
        )
    truth = np.asarray(y_true) == 1
    values = np.asarray(scores, dtype=np.float64)
    precision, recall = sweep.precision(), sweep.recall()
    f1 = sweep.f_beta(1.0)
    pr_precision, pr_recall, _ = pr_curve_of(sweep)
    fpr, tpr, _ = roc_curve_of(sweep)
    cost, cost_best, f1_best = optimal_thresholds(sweep, cost_fp, cost_fn)

    low, high = float(values.min()), float(values.max())
    if low == high:  # one bin of width 1 around the single score
        low, high = low - 0.5, high + 0.5
    edges = np.linspace(low, high, bins + 1)
    negative_counts, _ = np.histogram(values[~truth], bins=edges)
    positive_counts, _ = np.histogram(values[truth], bins=edges)
    step_recall = np.repeat(pr_recall, 2)[1:]
    step_precision = np.repeat(pr_precision, 2)[:-1]

    return ScoreAnalysis(
        sweep=sweep,
        prevalence=sweep.n_pos / sweep.size,
        average_precision=average_precision_of(sweep),
        roc_auc=roc_auc_of(sweep),
        beta=float(beta),
        cost_fp=float(cost_fp),
        cost_fn=float(cost_fn),
        curve_thresholds=read_only(sweep.thresholds[1:]),
        curve_precision=read_only(precision[1:]),
        curve_recall=read_only(recall[1:]),
        curve_f1=read_only(f1[1:]),
        pr_step_recall=read_only(step_recall),
        pr_step_precision=read_only(step_precision),
        roc_fpr=read_only(fpr),
        roc_tpr=read_only(tpr),
        expected_cost=read_only(cost),
        cost_optimal_threshold=cost_best,
        f1_optimal_threshold=f1_best,
        bin_edges=read_only(edges),
        negative_counts=read_only(negative_counts.astype(np.int64)),
        positive_counts=read_only(positive_counts.astype(np.int64)),
    )


def histogram_heights(analysis: ScoreAnalysis, density: bool) -> tuple[FloatArray, FloatArray]:
    """(negatives, positives) bar heights: counts, or densities that each integrate to 1."""
    negatives = analysis.negative_counts.astype(np.float64)
    positives = analysis.positive_counts.astype(np.float64)
    if density:
        width = np.diff(analysis.bin_edges)
        negatives = negatives / max(1.0, negatives.sum()) / width
        positives = positives / max(1.0, positives.sum()) / width
    return negatives, positives


def pr_point(counts: ConfusionCounts) -> tuple[float, float]:
    """Where an operating point sits on the PR curve: flagging nothing is drawn at precision 1."""
    precision = counts.precision if counts.tp + counts.fp else 1.0
    return counts.recall, precision


def roc_point(counts: ConfusionCounts) -> tuple[float, float]:
    """Where an operating point sits on the ROC curve: (false positive rate, recall)."""
    return counts.false_positive_rate, counts.recall


# --- frames, the stepper and the narration --------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ThresholdFrame(Frame):
    """One operating point: the threshold, its confusion counts, and the shared analysis."""

    threshold: float
    counts: ConfusionCounts
    analysis: ScoreAnalysis

    @property
    def cost(self) -> float:
        return cost_at(self.counts, self.analysis.cost_fp, self.analysis.cost_fn)


def operating_point(analysis: ScoreAnalysis, threshold: float, step: int = 0) -> ThresholdFrame:
    """The frame for any threshold (the stepper's frames and a dragged line both use this)."""
    counts = analysis.sweep.counts_at(threshold)
    return ThresholdFrame(
        step=step,
        explanation=_explain(analysis, counts, float(threshold)),
        threshold=float(threshold),
        counts=counts,
        analysis=analysis,
    )


def _pct(value: float) -> str:
    return f"{100.0 * value:.1f}%"


def explain(frame: ThresholdFrame) -> str:
    """Rich-text explanation of an operating point, with its live numbers."""
    return _explain(frame.analysis, frame.counts, frame.threshold)


def _explain(analysis: ScoreAnalysis, counts: ConfusionCounts, threshold: float) -> str:
    beta = analysis.beta
    cost = cost_at(counts, analysis.cost_fp, analysis.cost_fn)
    flagged = counts.tp + counts.fp
    best_cost = float(np.min(analysis.expected_cost))
    do_nothing_accuracy = 1.0 - analysis.prevalence
    if flagged:
        flag_text = (
            f"<b>Threshold {threshold:.4g}</b>: flag every item scoring ≥ {threshold:.4g}, "
            f"{flagged:,} of {counts.total:,}."
        )
        precision_text = f"precision {_pct(counts.precision)}"
    else:
        flag_text = f"<b>Threshold {threshold:.4g}</b> is above every score: nothing is flagged."
        precision_text = "precision 0/0, shown as 0"
    lines = [
        f"{flag_text} Caught <b>{counts.tp:,}</b> of {counts.tp + counts.fn:,} real positives "
        f"(recall {_pct(counts.recall)}); <b>{counts.fp:,}</b> of the flagged are false alarms "
        f"({precision_text}).",
        f"Accuracy {_pct(counts.accuracy)}, yet flagging nothing scores "
        f"{_pct(do_nothing_accuracy)} (1 − prevalence): with rare positives, accuracy rewards "
        "doing nothing; precision and recall don't.",
        f"Expected cost per item <b>{cost:.4g}</b> (a false positive costs "
        f"{analysis.cost_fp:g}, a false negative {analysis.cost_fn:g}); cheapest: "
        f"{best_cost:.4g} at threshold {analysis.cost_optimal_threshold:.4g}. "
        f"F1 {counts.f_beta(1.0):.3f}"
        + (f", F{beta:g} {counts.f_beta(beta):.3f}" if beta != 1.0 else "")
        + f"; best F1 at threshold {analysis.f1_optimal_threshold:.4g}.",
    ]
    if analysis.all_scores_equal:
        lines.append(
            "<i>All scores are equal: the model can't rank anything, so a threshold either "
            "flags every item or none, and the ROC AUC is exactly 0.5.</i>"
        )
    return "<br>".join(lines)


class ThresholdSweepStepper:
    """Sweeps the threshold from above the highest score down to the lowest, in `steps` steps.

    Frame 0 flags nothing; the last frame flags everything. The thresholds are evenly spaced
    in score, so the line moves at a steady pace while the counts change wherever the scores
    are dense.
    """

    def __init__(self, analysis: ScoreAnalysis, steps: int = 100) -> None:
        if steps < 1:
            raise ValueError("the sweep needs at least one step")
        self.analysis = analysis
        low, _ = analysis.score_range
        start = float(analysis.sweep.thresholds[0])
        self.thresholds: FloatArray = read_only(np.linspace(start, low, steps + 1))

    def first(self) -> ThresholdFrame:
        return self._frame(0)

    def advance(self, frame: ThresholdFrame) -> ThresholdFrame:
        return self._frame(min(frame.step + 1, self.thresholds.size - 1))

    def _frame(self, step: int) -> ThresholdFrame:
        frame = operating_point(self.analysis, float(self.thresholds[step]), step)
        if step == self.thresholds.size - 1:
            return replace(frame, finished=True)
        return frame


# --- the side panel's numbers ---------------------------------------------------------------------


def number_rows(frame: ThresholdFrame) -> list[tuple[str, str, Series]]:
    """The numbers panel: (name, formatted value, the series whose colour keys it)."""
    counts, analysis = frame.counts, frame.analysis
    flagged = counts.tp + counts.fp
    rows: list[tuple[str, str, Series]] = [
        ("precision", f"{counts.precision:.3f}" if flagged else "— (0/0)", "precision"),
        ("recall", f"{counts.recall:.3f}", "recall"),
        ("F1", f"{counts.f_beta(1.0):.3f}", "f1"),
    ]
    if analysis.beta != 1.0:
        rows.append((f"F{analysis.beta:g}", f"{counts.f_beta(analysis.beta):.3f}", "f1"))
    rows += [
        ("accuracy", f"{counts.accuracy:.3f}", ""),
        ("  if none flagged", f"{1.0 - analysis.prevalence:.3f}", ""),
        ("specificity", f"{counts.specificity:.3f}", ""),
        ("cost / item", f"{frame.cost:.4g}", "cost"),
        ("AP", f"{analysis.average_precision:.3f}", ""),
        ("ROC AUC", f"{analysis.roc_auc:.3f}", ""),
    ]
    return rows


def count_text(value: int) -> str:
    """A count for a confusion cell: exact up to 999,999, then in millions ("1.00M"), so a
    cell sized for six digits never cuts a big CSV's count (the narration stays exact)."""
    return f"{value:,}" if value < 1_000_000 else f"{value / 1_000_000:.2f}M"


def cell_texts(counts: ConfusionCounts) -> dict[str, tuple[str, str]]:
    """Each confusion cell's (count, "TP · 12.5%") pair, keyed tp, fn, fp, tn."""
    values = {"tp": counts.tp, "fn": counts.fn, "fp": counts.fp, "tn": counts.tn}
    return {
        key: (count_text(value), f"{key.upper()} · {100.0 * value / counts.total:.1f}%")
        for key, value in values.items()
    }


def summary(frame: ThresholdFrame) -> str:
    """A one-line plain-text alternative for screen readers: the key numbers of this frame."""
    c = frame.counts
    return (
        f"threshold {frame.threshold:.2f}, precision {c.precision:.2f}, recall {c.recall:.2f}, "
        f"cost per item {frame.cost:.3g}"
    )


# --- the score source ----------------------------------------------------------------------------


AnalysisKey = tuple[float, float, float]  # cost_fp, cost_fn, beta


def _analysis_key(params: Mapping[str, Value]) -> AnalysisKey:
    return float(params["cost_fp"]), float(params["cost_fn"]), float(params["beta"])


@dataclass(frozen=True)
class PreparedCsv:
    """A user's scores and, when computed ahead on the loading worker, their analysis."""

    data: LabelledScores
    analysis: tuple[AnalysisKey, ScoreAnalysis] | None = None


def prepare_csv(path: Path, params: Mapping[str, Value]) -> PreparedCsv:
    """Read a label,score CSV and analyse it for `params` (pure, so a worker thread calls it).

    Sorting 2 million scores takes most of a second: done here, the GUI thread only adopts
    the result. Data the run will refuse (one class) or resample are not analysed ahead.
    """
    data = load_label_score_csv(path)
    if params["rebalance_real"]:
        return PreparedCsv(data)
    key = _analysis_key(params)
    try:
        analysis = analyze_scores(data.labels, data.scores, *key)
    except ValueError:
        return PreparedCsv(data)  # the run says why, with the usual message
    return PreparedCsv(data, (key, analysis))


HEAVY_ROWS = 250_000  # a CSV with more rows builds its runs on a worker (50 ms and more)


class PrThresholdState:
    """The user's CSV and the score sources; `stepper(params, seed)` builds a run."""

    def __init__(self) -> None:
        self.csv_data: LabelledScores | None = None
        self.source = ""
        self._synthetic: dict[tuple[int, float, float, int], LabelledScores] = {}
        # The last analysis, with the data and costs it belongs to: restarts that change
        # only the number of steps, and a CSV analysed by the loading worker, reuse it.
        self._analysis: tuple[LabelledScores, AnalysisKey, ScoreAnalysis] | None = None

    def labelled_scores(self, params: Mapping[str, Value], seed: int) -> LabelledScores:
        dataset = params["dataset"]
        rate = float(params["positive_rate"])
        if dataset == DATASET_SYNTHETIC:
            key = (int(params["n_samples"]), rate, float(params["separation"]), seed)
            if key not in self._synthetic:
                self._synthetic = {key: synthetic_scores(*key)}  # keep only the latest
            return self._synthetic[key]
        if dataset == DATASET_BREAST_CANCER:
            data = breast_cancer_scores()  # CsvError (a ValueError) if the bundled file is missing
        elif dataset == DATASET_CSV:
            if self.csv_data is None:
                raise ValueError("No CSV loaded yet: use “Load scores CSV…” under the parameters.")
            data = self.csv_data
        else:
            raise ValueError(f"unknown dataset {dataset!r}")
        return resample_to_rate(data, rate, seed) if params["rebalance_real"] else data

    def stepper(self, params: Mapping[str, Value], seed: int) -> ThresholdSweepStepper:
        """Parameters → scores → analysis → stepper; ValueError says what is wrong."""
        plan = self.plan(params, seed)
        stepper = plan.build()
        plan.adopt(stepper)
        assert isinstance(stepper, ThresholdSweepStepper)
        return stepper

    def heavy_run(self, params: Mapping[str, Value]) -> bool:
        """True when the run analyses a CSV too big to do it on the GUI thread."""
        data = self.csv_data
        return (
            params["dataset"] == DATASET_CSV and data is not None and data.scores.size > HEAVY_ROWS
        )

    def plan(self, params: Mapping[str, Value], seed: int) -> RunPlan[ThresholdFrame]:
        """The run for these values, split so a worker can build it (see `RunPlan`).

        Captured here: the scores (the CSV, resampled by `build` when rebalancing, or the
        synthetic / bundled ones) and the last analysis, whose sorted sweep a change of
        costs reuses. `adopt` keeps the new analysis for the next restart.
        """
        values = dict(params)
        csv = self.csv_data if values["dataset"] == DATASET_CSV else None
        source = self.labelled_scores(values, seed) if csv is None else csv
        rebalance = csv is not None and bool(values["rebalance_real"])
        key = _analysis_key(values)
        cached = self._analysis
        made: list[tuple[LabelledScores, AnalysisKey, ScoreAnalysis]] = []

        def build() -> Stepper[ThresholdFrame]:
            data = (
                resample_to_rate(source, float(values["positive_rate"]), seed)
                if rebalance
                else source
            )
            if cached is not None and cached[0] is data and cached[1] == key:
                analysis = cached[2]
            else:
                # New costs for the same scores: reuse the sorted sweep, recompute the rest.
                sweep = cached[2].sweep if cached is not None and cached[0] is data else None
                analysis = analyze_scores(data.labels, data.scores, *key, sweep=sweep)
            made.append((data, key, analysis))
            return ThresholdSweepStepper(analysis, steps=int(values["steps"]))

        def adopt(_stepper: Stepper[ThresholdFrame]) -> None:
            self._analysis = made[-1]
            self.source = made[-1][0].source

        return RunPlan(build, adopt)

    def read_csv(self, path: str | Path) -> LabelledScores:
        """Read a label,score CSV (CsvError says why not); not yet adopted."""
        return load_label_score_csv(path)

    def adopt_csv(self, data: LabelledScores | None) -> LabelledScores | None:
        """Make `data` the CSV runs use; returns the previous one (for a revert)."""
        previous, self.csv_data = self.csv_data, data
        return previous

    def swap_prepared(self, prepared: PreparedCsv | None) -> PreparedCsv | None:
        """Adopt a CSV read (and maybe analysed) by `prepare_csv`; returns the one replaced."""
        previous = self.adopt_csv(None if prepared is None else prepared.data)
        if prepared is not None and prepared.analysis is not None:
            key, analysis = prepared.analysis
            self._analysis = (prepared.data, key, analysis)
        return None if previous is None else PreparedCsv(previous)

    def source_html(self, analysis: ScoreAnalysis, cost_color: str, f1_color: str) -> str:
        """Where the scores came from, and the two recommended thresholds with their keys."""
        return (
            f"{escape(self.source)}<br><span style='color:{cost_color}'>▮</span> cheapest "
            f"threshold {analysis.cost_optimal_threshold:.3g} &nbsp; "
            f"<span style='color:{f1_color}'>▮</span> best F1 {analysis.f1_optimal_threshold:.3g}"
        )
