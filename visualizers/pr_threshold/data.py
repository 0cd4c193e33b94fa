"""Where the threshold visualizer's labels and scores come from (pure NumPy, no Qt).

Three sources: synthetic scores with adjustable separation and imbalance; a real
classifier's scores on the Wisconsin breast-cancer data (shipped precomputed as
resources/datasets/breast_cancer_scores.csv, rebuilt by `python -m
visualizers.pr_threshold.data <path to breast_cancer.csv>` with our own gradient-descent
logistic regression); and a user's `label,score` CSV, whose bad rows are reported by row
number.
"""

from __future__ import annotations

import math
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from visualizers.core.csv_reader import (
    CsvReadError,
    check_magnitude,
    iter_rows,
    parse_number,
    read_csv_file,
    sniff_format,
)
from visualizers.core.resources import resources_dir

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

# visualizers.core.resources is the one frozen-aware place that knows where resources/ is.
DATASETS_DIR = resources_dir() / "datasets"
BREAST_CANCER_SCORES = DATASETS_DIR / "breast_cancer_scores.csv"
MAX_CSV_ROWS = 2_000_000  # a bigger file is almost surely the wrong file


class CsvError(CsvReadError):
    """A user CSV that can't be read; the message names the row and what to fix."""


@dataclass(frozen=True)
class LabelledScores:
    """True labels (True = positive) and a classifier's scores, plus where they came from."""

    labels: BoolArray
    scores: FloatArray
    source: str

    def __post_init__(self) -> None:
        if self.labels.shape != self.scores.shape or self.labels.ndim != 1:
            raise ValueError("labels and scores must be 1-D arrays of equal length")
        self.labels.flags.writeable = False
        self.scores.flags.writeable = False

    @property
    def positive_rate(self) -> float:
        return float(np.mean(self.labels)) if self.labels.size else 0.0


def _sigmoid(z: FloatArray) -> FloatArray:
    return 1.0 / (1.0 + np.exp(-z))


def synthetic_scores(
    n: int = 2000, positive_rate: float = 0.2, separation: float = 1.5, seed: int = 0
) -> LabelledScores:
    """Scores of an imaginary classifier: logits ~ N(∓separation/2, 1) per class, squashed.

    `separation` is the distance between the class means in standard deviations (0 = no
    skill). At least one item of each class is kept, so a tiny rate still has a positive.
    """
    if n < 2:
        raise ValueError("need at least two items")
    if not 0.0 < positive_rate < 1.0:
        raise ValueError(f"the positive rate must be between 0 and 1, got {positive_rate}")
    n_pos = min(max(round(n * positive_rate), 1), n - 1)
    rng = np.random.default_rng(seed)
    labels = np.zeros(n, dtype=bool)
    labels[:n_pos] = True
    logits = rng.standard_normal(n) + np.where(labels, separation / 2.0, -separation / 2.0)
    # Shuffle so the data doesn't arrive sorted by class (which would hide tie-order bugs).
    order = rng.permutation(n)
    return LabelledScores(
        labels=labels[order],
        scores=_sigmoid(logits[order]),
        source=f"synthetic: {n:,} items, {n_pos:,} positive, separation {separation:g}σ",
    )


def resample_to_rate(data: LabelledScores, positive_rate: float, seed: int = 0) -> LabelledScores:
    """Subsample one class so that the positives make up `positive_rate` of the data.

    Keeps every item of the class that limits the rate and draws the other class without
    replacement, so the score distributions within each class stay the same: exactly the
    situation where ROC barely moves and precision (and the PR curve) does.
    """
    if not 0.0 < positive_rate < 1.0:
        raise ValueError(f"the positive rate must be between 0 and 1, got {positive_rate}")
    positives = np.flatnonzero(data.labels)
    negatives = np.flatnonzero(~data.labels)
    if positives.size == 0 or negatives.size == 0:
        return data  # nothing to rebalance; the analysis reports the missing class
    rng = np.random.default_rng(seed)
    wanted_pos = positive_rate / (1.0 - positive_rate) * negatives.size
    if wanted_pos <= positives.size:
        positives = rng.choice(positives, size=max(1, round(wanted_pos)), replace=False)
    else:
        wanted_neg = (1.0 - positive_rate) / positive_rate * positives.size
        negatives = rng.choice(negatives, size=max(1, round(wanted_neg)), replace=False)
    keep = np.sort(np.r_[positives, negatives])
    return LabelledScores(
        labels=data.labels[keep].copy(),
        scores=data.scores[keep].copy(),
        source=f"{data.source}; resampled to {positive_rate:.0%} positive "
        f"({positives.size:,} of {keep.size:,})",
    )


# --- User CSV ----------------------------------------------------------------------------

_TRUE_LABELS = {"1", "1.0", "true", "yes", "positive", "pos"}
_FALSE_LABELS = {"0", "0.0", "false", "no", "negative", "neg"}


def parse_label_score_csv(text: str, source: str = "CSV") -> LabelledScores:
    """Parse `label,score` lines (an optional header row is skipped).

    Labels are 0/1 (also true/false, yes/no, positive/negative); scores are finite numbers.
    Raises CsvError naming the first bad row, e.g. "row 7: score 'abc' is not a number".
    Reading, limits and the magnitude rule are `visualizers.core.csv_reader`'s; rows are
    collected in compact arrays as they stream in, so a huge file is refused in bounded memory.
    """
    labels = bytearray()
    scores = array("d")
    delimiter, decimal_comma = sniff_format(text, ",;\t")
    try:
        rows = iter_rows(text, name=source, max_rows=MAX_CSV_ROWS, delimiter=delimiter)
        for row, stripped in rows:
            if not labels and _looks_like_header(stripped, decimal_comma):
                continue
            if len(stripped) != 2:
                raise CsvError(
                    f"row {row}: expected 2 values (label,score), found {len(stripped)}: "
                    f"{','.join(stripped)[:60]!r}"
                )
            label_text, score_text = stripped
            if label_text.lower() in _TRUE_LABELS:
                labels.append(1)
            elif label_text.lower() in _FALSE_LABELS:
                labels.append(0)
            else:
                raise CsvError(f"row {row}: label {label_text[:40]!r} is not 0 or 1")
            score = parse_number(score_text, decimal_comma=decimal_comma)
            if score is None:
                raise CsvError(f"row {row}: score {score_text[:40]!r} is not a number")
            if math.isnan(score):
                raise CsvError(f"row {row}: score is NaN; remove the row or give it a number")
            if math.isinf(score):
                raise CsvError(f"row {row}: score {score_text[:40]!r} is infinite")
            check_magnitude(score, name=source, line=row, column="score")
            scores.append(score)
            if len(scores) > MAX_CSV_ROWS:
                raise CsvError(f"the CSV has more than {MAX_CSV_ROWS:,} rows; use a sample")
    except CsvReadError as error:
        raise CsvError(str(error)) from None
    if not labels:
        raise CsvError("the CSV has no data rows; expected lines of label,score such as 1,0.87")
    return LabelledScores(
        labels=np.frombuffer(bytes(labels), dtype=np.uint8).astype(bool),
        scores=np.frombuffer(scores, dtype=np.float64).copy(),
        source=f"{source}: {len(labels):,} rows",
    )


def _looks_like_header(fields: list[str], decimal_comma: bool = False) -> bool:
    """A first row whose score column isn't a number is taken for a header."""
    if len(fields) != 2:
        return False
    if parse_number(fields[1], decimal_comma=decimal_comma) is None:
        return fields[0].lower() not in _TRUE_LABELS | _FALSE_LABELS
    return False


def load_label_score_csv(path: str | Path) -> LabelledScores:
    """Read and parse a `label,score` CSV file; unreadable files raise CsvError too."""
    file = Path(path)
    try:
        text = read_csv_file(file)
    except CsvReadError as error:
        message = str(error).replace("could not read", "can't read")
        raise CsvError(message) from None
    return parse_label_score_csv(text, source=file.name)


def write_label_score_csv(path: str | Path, data: LabelledScores, comment: str = "") -> None:
    lines = [f"# {line}" for line in comment.splitlines()] if comment else []
    lines.append("label,score")
    lines += [f"{int(y)},{s:.17g}" for y, s in zip(data.labels, data.scores, strict=True)]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- The real classifier -----------------------------------------------------------------

BREAST_CANCER_FEATURES = (0, 1)  # mean radius, mean texture: good but imperfect on their own
BREAST_CANCER_FEATURE_NAMES = ("mean radius", "mean texture")


def fit_logistic_regression(
    features: FloatArray, labels: BoolArray, learning_rate: float = 0.5, epochs: int = 3000
) -> tuple[FloatArray, float]:
    """Weights and bias minimizing mean log-loss, by plain batch gradient descent.

    Expects standardized features (so one learning rate suits every weight). The gradient
    of the mean log-loss is Xᵀ(p − y)/n for the weights and mean(p − y) for the bias.
    """
    n, d = features.shape
    target = labels.astype(np.float64)
    weights = np.zeros(d)
    bias = 0.0
    for _ in range(epochs):
        error = _sigmoid(features @ weights + bias) - target
        weights -= learning_rate * (features.T @ error) / n
        bias -= learning_rate * float(np.mean(error))
    return weights, bias


def out_of_fold_scores(
    features: FloatArray, labels: BoolArray, folds: int = 5, seed: int = 0
) -> FloatArray:
    """Each item's score from a model that never saw it (k-fold), so the curves are honest.

    Standardization is fitted on the training folds only, for the same reason.
    """
    n = labels.size
    fold_of = np.random.default_rng(seed).permutation(n) % folds
    scores = np.empty(n)
    for fold in range(folds):
        train, test = fold_of != fold, fold_of == fold
        mean = features[train].mean(axis=0)
        std = features[train].std(axis=0)
        weights, bias = fit_logistic_regression((features[train] - mean) / std, labels[train])
        scores[test] = _sigmoid(((features[test] - mean) / std) @ weights + bias)
    return scores


def build_breast_cancer_scores(raw_csv: str | Path) -> LabelledScores:
    """Out-of-fold logistic-regression scores from scikit-learn's copy of the UCI data.

    The raw file's first line is a header ("569,30,malignant,benign"); its last column is
    the target, 0 = malignant, 1 = benign. Malignant is our positive class: the one the
    screening exists to find.
    """
    table = np.loadtxt(raw_csv, delimiter=",", skiprows=1)
    features = table[:, list(BREAST_CANCER_FEATURES)]
    malignant = table[:, -1] == 0
    return LabelledScores(
        labels=malignant,
        scores=out_of_fold_scores(features, malignant),
        source="breast cancer (Wisconsin diagnostic)",
    )


@lru_cache(maxsize=1)
def breast_cancer_scores() -> LabelledScores:
    """The shipped real-classifier scores (569 tumours, 212 malignant)."""
    try:
        text = BREAST_CANCER_SCORES.read_text(encoding="utf-8")
    except OSError as error:
        raise CsvError(f"the bundled dataset is missing: {BREAST_CANCER_SCORES}") from error
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    data = parse_label_score_csv(body, source="breast cancer")
    return LabelledScores(
        labels=data.labels.copy(),
        scores=data.scores.copy(),
        source="breast cancer (Wisconsin diagnostic, 569 tumours): logistic regression on "
        "mean radius and mean texture, 5-fold out-of-fold scores",
    )


def main(argv: list[str]) -> int:
    """Rebuild the shipped CSV: `python -m visualizers.pr_threshold.data [breast_cancer.csv]`."""
    if argv:
        raw = Path(argv[0])
    else:  # scikit-learn (a test dependency) ships the UCI file inside its package
        import sklearn.datasets

        raw = Path(sklearn.datasets.__file__).parent / "data" / "breast_cancer.csv"
    data = build_breast_cancer_scores(raw)
    comment = (
        "Wisconsin diagnostic breast cancer data (UCI; Wolberg, Street, Mangasarian 1995),\n"
        "as shipped in scikit-learn (BSD-3-Clause). label 1 = malignant, 0 = benign.\n"
        "score = out-of-fold (5-fold) probability of malignancy from a logistic regression on\n"
        "standardized mean radius and mean texture, fitted by our own gradient descent\n"
        "(visualizers/pr_threshold/data.py). Rebuild: python -m visualizers.pr_threshold.data"
    )
    write_label_score_csv(BREAST_CANCER_SCORES, data, comment)
    print(f"wrote {BREAST_CANCER_SCORES} ({data.labels.size} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
