"""Precision, recall and every threshold metric built on them (pure NumPy, no Qt).

`precision_recall` is the answer to question 24; the app shows its source. The rest are the
metrics the threshold visualizer is built on: the confusion matrix at a threshold, the
precision-recall and ROC curves, average precision, ROC AUC and F-beta. What the view shows
on top of them (costs, optimal thresholds, histograms, the sweep stepper, the narration)
lives in `state.py`.

One idea carries the speed: sort the scores once, then keep cumulative true- and
false-positive counts at every distinct score (`ThresholdSweep`). The counts at any
threshold are then one binary search away, so dragging the threshold over 100,000 scores
never re-sorts. Tied scores share a single entry, which is what makes the curves agree with
scikit-learn's where hand-written loops over samples go wrong. Every function is checked
against scikit-learn in tests/unit/visualizers/test_pr_threshold_algorithm.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def precision_recall(
    y_true: ArrayLike, y_pred: ArrayLike, zero_division: float = 0.0
) -> tuple[float, float]:
    """Precision and recall of binary predictions (1 = positive, 0 = negative).

    precision = TP / (TP + FP): of the items we flagged, the share that really are positive.
    recall    = TP / (TP + FN): of the items that really are positive, the share we flagged.

    Both can be 0 / 0, and neither has a right answer then, so the value is a convention:
    - nothing predicted positive (TP + FP = 0): precision is `zero_division`;
    - nothing actually positive (TP + FN = 0): recall is `zero_division`.
    The default 0.0 matches scikit-learn's `zero_division=0`: a model that flags nothing
    earns no precision credit, so it can't look good by refusing to answer.

    Raises ValueError if the inputs are empty, differ in length, or hold labels other than
    0 and 1 (True/False are accepted).
    """
    truth = _binary_labels(y_true, "y_true")
    predicted = _binary_labels(y_pred, "y_pred")
    if truth.shape != predicted.shape:
        raise ValueError(f"y_true has {truth.size} labels but y_pred has {predicted.size}")

    true_positives = int(np.count_nonzero(truth & predicted))
    false_positives = int(np.count_nonzero(~truth & predicted))
    false_negatives = int(np.count_nonzero(truth & ~predicted))

    flagged = true_positives + false_positives
    actual_positives = true_positives + false_negatives
    precision = true_positives / flagged if flagged else zero_division
    recall = true_positives / actual_positives if actual_positives else zero_division
    return precision, recall


def _binary_labels(values: ArrayLike, name: str) -> NDArray[np.bool_]:
    """`values` as a 1-D boolean array, or ValueError naming what is wrong."""
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty")
    if array.dtype == np.bool_:
        return array
    if not np.issubdtype(array.dtype, np.number):
        raise ValueError(f"{name} must hold 0/1 labels, got dtype {array.dtype}")
    is_one = array == 1
    if not np.all(is_one | (array == 0)):
        bad = array[~(is_one | (array == 0))][0]
        raise ValueError(f"{name} must hold only 0 and 1, found {bad!r}")
    return is_one


def _finite_scores(values: ArrayLike, size: int) -> FloatArray:
    scores = np.asarray(values, dtype=np.float64)
    if scores.ndim != 1:
        raise ValueError(f"scores must be 1-D, got shape {scores.shape}")
    if scores.size != size:
        raise ValueError(f"there are {size} labels but {scores.size} scores")
    if not np.all(np.isfinite(scores)):
        index = int(np.flatnonzero(~np.isfinite(scores))[0])
        raise ValueError(f"score {index + 1} is {scores[index]}; scores must be finite numbers")
    return scores


@dataclass(frozen=True)
class ConfusionCounts:
    """The four counts of a binary confusion matrix, and the rates derived from them.

    Undefined rates (0 / 0) are 0.0, the same convention as `precision_recall`.
    """

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def specificity(self) -> float:
        """True-negative rate TN / (TN + FP); 1 − specificity is the ROC curve's x."""
        return _ratio(self.tn, self.tn + self.fp)

    @property
    def false_positive_rate(self) -> float:
        return _ratio(self.fp, self.fp + self.tn)

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.total)

    def f_beta(self, beta: float = 1.0) -> float:
        """F-beta: the weighted harmonic mean of precision and recall (recall counts β× more).

        Written with counts, (1+β²)TP / ((1+β²)TP + β²FN + FP), which is the same number as
        the precision/recall formula but stays defined when precision is 0 / 0.
        """
        weight = beta * beta
        return _ratio((1 + weight) * self.tp, (1 + weight) * self.tp + weight * self.fn + self.fp)

    def as_matrix(self) -> IntArray:
        """scikit-learn's layout: rows are the truth (0, 1), columns the prediction (0, 1)."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]], dtype=np.int64)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def confusion_at_threshold(
    y_true: ArrayLike, scores: ArrayLike, threshold: float
) -> ConfusionCounts:
    """Counts when every item scoring >= `threshold` is predicted positive (one O(n) pass)."""
    truth = _binary_labels(y_true, "y_true")
    predicted = _finite_scores(scores, truth.size) >= threshold
    return ConfusionCounts(
        tp=int(np.count_nonzero(truth & predicted)),
        fp=int(np.count_nonzero(~truth & predicted)),
        fn=int(np.count_nonzero(truth & ~predicted)),
        tn=int(np.count_nonzero(~truth & ~predicted)),
    )


def f_beta(y_true: ArrayLike, y_pred: ArrayLike, beta: float = 1.0) -> float:
    """F-beta score of binary predictions; beta > 1 favours recall, beta < 1 precision."""
    if not beta > 0:
        raise ValueError(f"beta must be positive, got {beta}")
    truth = _binary_labels(y_true, "y_true")
    predicted = _binary_labels(y_pred, "y_pred")
    if truth.shape != predicted.shape:
        raise ValueError(f"y_true has {truth.size} labels but y_pred has {predicted.size}")
    counts = ConfusionCounts(
        tp=int(np.count_nonzero(truth & predicted)),
        fp=int(np.count_nonzero(~truth & predicted)),
        fn=int(np.count_nonzero(truth & ~predicted)),
        tn=int(np.count_nonzero(~truth & ~predicted)),
    )
    return counts.f_beta(beta)


@dataclass(frozen=True)
class ThresholdSweep:
    """Cumulative counts at every distinct score: sort once, then any threshold is O(log n).

    Entry i describes "predict positive when score >= thresholds[i]". Entry 0 is a threshold
    just above the highest score (flag nothing); entries 1.. are the distinct scores from
    high to low, so the last one flags everything. `tps[i]` / `fps[i]` count the positives /
    negatives scoring at least `thresholds[i]`; they only grow as the threshold falls.
    """

    thresholds: FloatArray
    tps: IntArray
    fps: IntArray
    n_pos: int
    n_neg: int
    distinct_ascending: FloatArray  # the distinct scores low to high, for searchsorted

    @classmethod
    def from_scores(cls, y_true: ArrayLike, scores: ArrayLike) -> ThresholdSweep:
        truth = _binary_labels(y_true, "y_true")
        values = _finite_scores(scores, truth.size)
        # A stable sort keeps equal scores in input order; only the counts at the end of
        # each run of ties are kept, so the order inside a run never matters.
        order = np.argsort(-values, kind="stable")
        sorted_scores = values[order]
        sorted_truth = truth[order]
        # Index of the last item of each run of equal scores (ties form one threshold).
        run_ends = np.r_[np.flatnonzero(np.diff(sorted_scores)), values.size - 1]
        tps = np.cumsum(sorted_truth, dtype=np.int64)[run_ends]
        fps = (run_ends + 1) - tps
        distinct = sorted_scores[run_ends]
        flag_nothing = np.nextafter(distinct[0], np.inf)
        return cls(
            thresholds=_frozen(np.r_[flag_nothing, distinct]),
            tps=_frozen(np.r_[0, tps].astype(np.int64)),
            fps=_frozen(np.r_[0, fps].astype(np.int64)),
            n_pos=int(tps[-1]),
            n_neg=int(fps[-1]),
            distinct_ascending=_frozen(distinct[::-1]),
        )

    @property
    def size(self) -> int:
        return self.n_pos + self.n_neg

    def index_at(self, threshold: float | FloatArray) -> IntArray:
        """Entry whose counts hold at `threshold` (how many distinct scores are >= it)."""
        below = np.searchsorted(self.distinct_ascending, threshold, side="left")
        return np.asarray(self.distinct_ascending.size - below, dtype=np.int64)

    def counts_at(self, threshold: float) -> ConfusionCounts:
        """Confusion counts for "positive when score >= threshold", by one binary search."""
        i = int(self.index_at(threshold))
        tp, fp = int(self.tps[i]), int(self.fps[i])
        return ConfusionCounts(tp=tp, fp=fp, fn=self.n_pos - tp, tn=self.n_neg - fp)

    def precision(self) -> FloatArray:
        """Precision at every entry (entry 0 flags nothing: 0 by convention)."""
        flagged = self.tps + self.fps
        return np.divide(
            self.tps, flagged, out=np.zeros(flagged.size), where=flagged != 0, dtype=np.float64
        )

    def recall(self) -> FloatArray:
        return self.tps / self.n_pos if self.n_pos else np.zeros(self.tps.size)

    def f_beta(self, beta: float = 1.0) -> FloatArray:
        weight = beta * beta
        fns = self.n_pos - self.tps
        denominator = (1 + weight) * self.tps + weight * fns + self.fps
        return np.divide(
            (1 + weight) * self.tps,
            denominator,
            out=np.zeros(self.tps.size),
            where=denominator != 0,
            dtype=np.float64,
        )


def _frozen[T: np.generic](array: NDArray[T]) -> NDArray[T]:
    """A read-only contiguous array (a copy only when needed; callers pass fresh arrays)."""
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array


def _require_positives(sweep: ThresholdSweep, what: str) -> None:
    if sweep.n_pos == 0:
        raise ValueError(f"{what} needs at least one positive (label 1); every label is 0")


def _require_both_classes(sweep: ThresholdSweep, what: str) -> None:
    _require_positives(sweep, what)
    if sweep.n_neg == 0:
        raise ValueError(f"{what} needs at least one negative (label 0); every label is 1")


def precision_recall_curve(
    y_true: ArrayLike, scores: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(precision, recall, thresholds) laid out like scikit-learn's precision_recall_curve.

    One point per distinct score, from the lowest threshold (recall 1) up; the final point
    (precision 1, recall 0) has no threshold, so `thresholds` is one shorter.
    """
    return pr_curve_of(ThresholdSweep.from_scores(y_true, scores))


def pr_curve_of(sweep: ThresholdSweep) -> tuple[FloatArray, FloatArray, FloatArray]:
    _require_positives(sweep, "a precision-recall curve")
    precision = sweep.precision()[1:][::-1]
    recall = sweep.recall()[1:][::-1]
    return np.r_[precision, 1.0], np.r_[recall, 0.0], sweep.thresholds[1:][::-1].copy()


def roc_curve(
    y_true: ArrayLike, scores: ArrayLike, drop_intermediate: bool = False
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(fpr, tpr, thresholds) laid out like scikit-learn's roc_curve.

    Starts at (0, 0) with threshold +inf. `drop_intermediate` removes points on straight
    segments (scikit-learn's default is True; the curve's shape and area don't change).
    """
    return roc_curve_of(ThresholdSweep.from_scores(y_true, scores), drop_intermediate)


def roc_curve_of(
    sweep: ThresholdSweep, drop_intermediate: bool = False
) -> tuple[FloatArray, FloatArray, FloatArray]:
    _require_both_classes(sweep, "a ROC curve")
    tps, fps, thresholds = sweep.tps[1:], sweep.fps[1:], sweep.thresholds[1:]
    if drop_intermediate and tps.size > 2:
        # Keep a point only where the curve bends (a second difference is nonzero).
        bends = np.logical_or(np.diff(fps, 2), np.diff(tps, 2))
        keep = np.flatnonzero(np.r_[True, bends, True])
        tps, fps, thresholds = tps[keep], fps[keep], thresholds[keep]
    fpr = np.r_[0.0, fps / sweep.n_neg]
    tpr = np.r_[0.0, tps / sweep.n_pos]
    return fpr, tpr, np.r_[np.inf, thresholds]


def average_precision(y_true: ArrayLike, scores: ArrayLike) -> float:
    """Area under the precision-recall step curve: Σ (Rᵢ − Rᵢ₋₁)·Pᵢ over distinct thresholds.

    No interpolation between points (linear interpolation would overstate the area).
    """
    return average_precision_of(ThresholdSweep.from_scores(y_true, scores))


def average_precision_of(sweep: ThresholdSweep) -> float:
    _require_positives(sweep, "average precision")
    recall_gained = np.diff(sweep.recall())
    return float(max(0.0, np.sum(recall_gained * sweep.precision()[1:])))


def roc_auc(y_true: ArrayLike, scores: ArrayLike) -> float:
    """Area under the ROC curve (trapezoids, so a run of tied scores counts half)."""
    return roc_auc_of(ThresholdSweep.from_scores(y_true, scores))


def roc_auc_of(sweep: ThresholdSweep) -> float:
    fpr, tpr, _ = roc_curve_of(sweep)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1])) / 2.0)
