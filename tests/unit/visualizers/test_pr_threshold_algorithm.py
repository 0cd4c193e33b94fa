"""The threshold metrics and data sources agree with scikit-learn (no Qt).

Tied scores get their own cases: a hand-written curve that walks samples one at a time
(instead of distinct thresholds) passes on continuous scores and fails exactly there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from sklearn import metrics as skm

from visualizers.pr_threshold import data as data_module
from visualizers.pr_threshold.algorithm import (
    ConfusionCounts,
    ThresholdSweep,
    average_precision,
    confusion_at_threshold,
    f_beta,
    precision_recall,
    precision_recall_curve,
    roc_auc,
    roc_curve,
)
from visualizers.pr_threshold.data import (
    CsvError,
    LabelledScores,
    breast_cancer_scores,
    build_breast_cancer_scores,
    fit_logistic_regression,
    parse_label_score_csv,
    resample_to_rate,
    synthetic_scores,
)
from visualizers.pr_threshold.state import ThresholdSweepStepper, analyze_scores, operating_point

TOL = 1e-12


def scored_data(
    seed: int, n: int, decimals: int | None
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Random labels and scores; `decimals` rounds the scores to create many ties."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    scores = rng.random(n) + 0.3 * labels
    if decimals is not None:
        scores = np.round(scores, decimals)
    if labels.min() == labels.max():  # keep both classes
        labels[0] = 1 - labels[0]
    return labels, scores


CASES = [
    pytest.param(
        seed,
        n,
        decimals,
        id=f"seed{seed}-n{n}-{'ties' + str(decimals) if decimals is not None else 'random'}",
    )
    for seed, n, decimals in [
        (0, 50, None),
        (1, 1000, None),
        (2, 200, 1),  # ~13 distinct scores: heavy ties
        (3, 1000, 2),
        (4, 30, 0),  # two or three distinct scores only
        (5, 7, None),
    ]
]


def close(actual: object, expected: object) -> None:
    np.testing.assert_allclose(np.asarray(actual), np.asarray(expected), rtol=0, atol=TOL)


# --- precision_recall and the point metrics ----------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_precision_recall_matches_sklearn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 2, 100), rng.integers(0, 2, 100)
    precision, recall = precision_recall(y_true, y_pred)
    close(precision, skm.precision_score(y_true, y_pred))
    close(recall, skm.recall_score(y_true, y_pred))


def test_precision_recall_small_example_by_hand() -> None:
    # TP = 2 (items 0, 1), FP = 1 (item 2), FN = 1 (item 3).
    assert precision_recall([1, 1, 0, 1, 0], [1, 1, 1, 0, 0]) == (2 / 3, 2 / 3)


def test_precision_recall_zero_division_cases() -> None:
    # Nothing predicted positive: precision is 0/0 → zero_division; recall is 0/2.
    assert precision_recall([1, 1, 0], [0, 0, 0]) == (0.0, 0.0)
    assert precision_recall([1, 1, 0], [0, 0, 0], zero_division=1.0) == (1.0, 0.0)
    # No actual positives: recall is 0/0 → zero_division; precision is 0/1.
    assert precision_recall([0, 0, 0], [1, 0, 0]) == (0.0, 0.0)
    assert precision_recall([0, 0, 0], [0, 0, 0], zero_division=1.0) == (1.0, 1.0)
    # Same convention as scikit-learn's zero_division=0, with no warning.
    assert skm.precision_score([1, 1, 0], [0, 0, 0], zero_division=0) == 0.0
    assert skm.recall_score([0, 0, 0], [1, 0, 0], zero_division=0) == 0.0


def test_precision_recall_accepts_booleans() -> None:
    assert precision_recall(np.array([True, False]), np.array([True, True])) == (0.5, 1.0)


@pytest.mark.parametrize(
    ("y_true", "y_pred", "message"),
    [
        ([1, 0], [1], "2 labels"),
        ([], [], "empty"),
        ([1, 2], [1, 0], "y_true must hold only 0 and 1"),
        ([1, 0], [1, 3], "y_pred must hold only 0 and 1"),
        (["a", "b"], [1, 0], "0/1 labels"),
        ([[1, 0]], [[1, 0]], "1-D"),
    ],
)
def test_precision_recall_rejects_bad_input(y_true: object, y_pred: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        precision_recall(y_true, y_pred)  # type: ignore[arg-type]


@pytest.mark.parametrize(("seed", "n", "decimals"), CASES)
@pytest.mark.parametrize("beta", [0.5, 1.0, 2.0])
def test_f_beta_matches_sklearn(seed: int, n: int, decimals: int | None, beta: float) -> None:
    labels, scores = scored_data(seed, n, decimals)
    for threshold in np.quantile(scores, [0.0, 0.3, 0.7, 1.0]):
        predicted = (scores >= threshold).astype(int)
        close(
            f_beta(labels, predicted, beta),
            skm.fbeta_score(labels, predicted, beta=beta, zero_division=0),
        )
    close(f_beta([1, 0], [0, 0], beta), skm.fbeta_score([1, 0], [0, 0], beta=beta, zero_division=0))


def test_counts_rates() -> None:
    counts = ConfusionCounts(tp=3, fp=1, fn=2, tn=4)
    assert counts.total == 10
    close(counts.precision, 0.75)
    close(counts.recall, 0.6)
    close(counts.specificity, 0.8)
    close(counts.false_positive_rate, 0.2)
    close(counts.accuracy, 0.7)
    close(counts.f_beta(1.0), 2 * 0.75 * 0.6 / (0.75 + 0.6))
    assert ConfusionCounts(0, 0, 0, 5).precision == 0.0


@pytest.mark.parametrize(("seed", "n", "decimals"), CASES)
def test_confusion_matrix_and_sweep_match_sklearn(seed: int, n: int, decimals: int | None) -> None:
    labels, scores = scored_data(seed, n, decimals)
    sweep = ThresholdSweep.from_scores(labels, scores)
    distinct = np.unique(scores)
    # Exactly at every score, between scores, and beyond both ends.
    probes = np.r_[distinct, (distinct[1:] + distinct[:-1]) / 2, distinct[0] - 1, distinct[-1] + 1]
    for threshold in probes:
        expected = skm.confusion_matrix(labels, (scores >= threshold).astype(int), labels=[0, 1])
        np.testing.assert_array_equal(
            confusion_at_threshold(labels, scores, threshold).as_matrix(), expected
        )
        np.testing.assert_array_equal(sweep.counts_at(float(threshold)).as_matrix(), expected)


def test_sweep_first_entry_flags_nothing_and_last_flags_everything() -> None:
    labels, scores = scored_data(0, 100, 1)
    sweep = ThresholdSweep.from_scores(labels, scores)
    assert sweep.tps[0] == 0 and sweep.fps[0] == 0
    assert sweep.thresholds[0] > scores.max()
    assert (sweep.tps[-1], sweep.fps[-1]) == (labels.sum(), (1 - labels).sum())
    assert np.all(np.diff(sweep.thresholds) < 0)
    assert not sweep.tps.flags.writeable


# --- curves and areas ------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "n", "decimals"), CASES)
def test_precision_recall_curve_matches_sklearn(seed: int, n: int, decimals: int | None) -> None:
    labels, scores = scored_data(seed, n, decimals)
    ours = precision_recall_curve(labels, scores)
    theirs = skm.precision_recall_curve(labels, scores)
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.shape == reference.shape
        close(mine, reference)


@pytest.mark.parametrize(("seed", "n", "decimals"), CASES)
@pytest.mark.parametrize("drop_intermediate", [False, True])
def test_roc_curve_matches_sklearn(
    seed: int, n: int, decimals: int | None, drop_intermediate: bool
) -> None:
    labels, scores = scored_data(seed, n, decimals)
    ours = roc_curve(labels, scores, drop_intermediate=drop_intermediate)
    theirs = skm.roc_curve(labels, scores, drop_intermediate=drop_intermediate)
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.shape == reference.shape
        np.testing.assert_allclose(mine, reference, rtol=0, atol=TOL)  # inf == inf passes


@pytest.mark.parametrize(("seed", "n", "decimals"), CASES)
def test_average_precision_and_auc_match_sklearn(seed: int, n: int, decimals: int | None) -> None:
    labels, scores = scored_data(seed, n, decimals)
    close(average_precision(labels, scores), skm.average_precision_score(labels, scores))
    close(roc_auc(labels, scores), skm.roc_auc_score(labels, scores))


def test_ties_count_as_one_threshold() -> None:
    # A positive and a negative tie at 0.5. Walking samples one by one would invent a point
    # where the positive is flagged and the negative isn't (or the reverse, depending on
    # input order); the real curve jumps over the tie in one step.
    labels = np.array([0, 1, 1, 0])
    scores = np.array([0.5, 0.5, 0.9, 0.1])
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    close(thresholds, [0.1, 0.5, 0.9])
    close(precision, [0.5, 2 / 3, 1.0, 1.0])
    close(recall, [1.0, 1.0, 0.5, 0.0])
    close(roc_auc(labels, scores), skm.roc_auc_score(labels, scores))
    close(roc_auc(labels, scores), 0.875)  # the tie counts half
    # Swapping the tied items' input order changes nothing.
    close(
        average_precision(labels[[1, 0, 2, 3]], scores[[1, 0, 2, 3]]),
        average_precision(labels, scores),
    )


def test_all_equal_scores() -> None:
    labels = np.array([0, 1, 0, 1, 1])
    scores = np.full(5, 0.3)
    close(roc_auc(labels, scores), 0.5)
    close(average_precision(labels, scores), skm.average_precision_score(labels, scores))
    analysis = analyze_scores(labels, scores)
    assert analysis.all_scores_equal
    assert "All scores are equal" in operating_point(analysis, 0.3).explanation


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.integers(0, 6)), min_size=2, max_size=40).filter(
        lambda rows: len({label for label, _ in rows}) == 2
    )
)
def test_curves_match_sklearn_on_arbitrary_tied_data(rows: list[tuple[bool, int]]) -> None:
    labels = np.array([int(label) for label, _ in rows])
    scores = np.array([score / 6 for _, score in rows])
    close(average_precision(labels, scores), skm.average_precision_score(labels, scores))
    close(roc_auc(labels, scores), skm.roc_auc_score(labels, scores))
    for mine, reference in zip(
        precision_recall_curve(labels, scores),
        skm.precision_recall_curve(labels, scores),
        strict=True,
    ):
        close(mine, reference)


@pytest.mark.parametrize("labels", [[0, 0, 0], [1, 1, 1]])
def test_one_class_is_a_message(labels: list[int]) -> None:
    with pytest.raises(ValueError, match="need both classes"):
        analyze_scores(labels, [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="ROC curve needs"):
        roc_auc(labels, [0.1, 0.2, 0.3])


def test_nan_score_is_a_message() -> None:
    with pytest.raises(ValueError, match="score 2 is nan"):
        analyze_scores([0, 1, 1], [0.1, float("nan"), 0.3])


# --- analysis and stepper ----------------------------------------------------------------


@pytest.mark.parametrize(("seed", "n", "decimals"), CASES)
def test_optimal_thresholds_match_brute_force(seed: int, n: int, decimals: int | None) -> None:
    labels, scores = scored_data(seed, n, decimals)
    analysis = analyze_scores(labels, scores, cost_fp=1.0, cost_fn=4.0)
    candidates = np.r_[np.unique(scores), np.inf]
    costs = []
    f1s = []
    for threshold in candidates:
        matrix = skm.confusion_matrix(labels, (scores >= threshold).astype(int), labels=[0, 1])
        costs.append((1.0 * matrix[0, 1] + 4.0 * matrix[1, 0]) / n)
        f1s.append(skm.f1_score(labels, (scores >= threshold).astype(int), zero_division=0))
    chosen = analysis.sweep.counts_at(analysis.cost_optimal_threshold)
    close((chosen.fp + 4.0 * chosen.fn) / n, min(costs))
    close(analysis.sweep.counts_at(analysis.f1_optimal_threshold).f_beta(1.0), max(f1s))
    close(analysis.average_precision, skm.average_precision_score(labels, scores))
    close(analysis.roc_auc, skm.roc_auc_score(labels, scores))
    # The step-drawn PR curve's area is the average precision.
    x, y = analysis.pr_step_recall, analysis.pr_step_precision
    close(np.sum(-np.diff(x) * y[:-1]), analysis.average_precision)
    assert analysis.negative_counts.sum() + analysis.positive_counts.sum() == n


def test_stepper_sweeps_high_to_low() -> None:
    data = synthetic_scores(500, 0.3, 1.0, seed=1)
    analysis = analyze_scores(data.labels, data.scores)
    stepper = ThresholdSweepStepper(analysis, steps=20)
    frames = [stepper.first()]
    while not frames[-1].finished:
        frames.append(stepper.advance(frames[-1]))
    assert len(frames) == 21
    assert [f.step for f in frames] == list(range(21))
    assert frames[0].counts.tp + frames[0].counts.fp == 0  # flags nothing
    assert frames[-1].counts.tn + frames[-1].counts.fn == 0  # flags everything
    thresholds = [f.threshold for f in frames]
    assert thresholds == sorted(thresholds, reverse=True)
    assert all(f.analysis is analysis for f in frames)
    with pytest.raises(AttributeError):
        frames[0].threshold = 0.0  # type: ignore[misc]
    assert "Threshold" in frames[5].explanation and "Accuracy" in frames[5].explanation


def test_algorithm_modules_import_no_qt() -> None:
    code = (
        "import sys; import visualizers.pr_threshold.algorithm, "
        "visualizers.pr_threshold.data, visualizers.pr_threshold.spec, "
        "visualizers.pr_threshold.state; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert result.stdout.strip() == "[]"


# --- data sources -----------------------------------------------------------------------------


def test_synthetic_scores_rate_and_separation() -> None:
    data = synthetic_scores(1000, 0.1, 2.0, seed=3)
    assert data.labels.sum() == 100
    assert np.all((data.scores > 0) & (data.scores < 1))
    assert roc_auc(data.labels, data.scores) > 0.85
    no_skill = synthetic_scores(20_000, 0.5, 0.0, seed=3)
    assert abs(roc_auc(no_skill.labels, no_skill.scores) - 0.5) < 0.02
    assert synthetic_scores(10, 0.01, 1.0).labels.sum() == 1  # always one of each class


def test_resample_to_rate_keeps_within_class_scores() -> None:
    data = synthetic_scores(2000, 0.3, 1.5, seed=4)
    for rate in (0.02, 0.3, 0.8):
        resampled = resample_to_rate(data, rate, seed=0)
        assert abs(resampled.positive_rate - rate) < 0.01
        assert set(resampled.scores[resampled.labels]) <= set(data.scores[data.labels])


def test_parse_csv_with_header_and_blank_lines() -> None:
    parsed = parse_label_score_csv("label,score\n1,0.9\n\n0, 0.2\ntrue,1e-3\n")
    np.testing.assert_array_equal(parsed.labels, [True, False, True])
    close(parsed.scores, [0.9, 0.2, 0.001])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no data rows"),
        ("label,score\n", "no data rows"),
        ("1,0.5\n0,abc\n", "row 2: score 'abc' is not a number"),
        ("label,score\n1,0.5\n2,0.4\n", "row 3: label '2' is not 0 or 1"),
        ("1,0.5\n0,nan\n", "row 2: score is NaN"),
        ("1,0.5\n0,inf\n", "row 2: score 'inf' is infinite"),
        ("1,0.5,7\n", "row 1: expected 2 values"),
    ],
)
def test_parse_csv_bad_rows_name_the_row(text: str, message: str) -> None:
    with pytest.raises(CsvError, match=message):
        parse_label_score_csv(text)


def test_load_csv_missing_file_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(CsvError, match="can't read"):
        data_module.load_label_score_csv(tmp_path / "missing.csv")
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CsvError, match="not a UTF-8"):
        data_module.load_label_score_csv(tmp_path / "binary.csv")


def test_logistic_regression_by_gradient_descent_separates_classes() -> None:
    rng = np.random.default_rng(0)
    features = rng.standard_normal((400, 2))
    labels = features @ np.array([2.0, -1.0]) + 0.3 * rng.standard_normal(400) > 0
    weights, _ = fit_logistic_regression(features, labels)
    assert weights[0] > 0 > weights[1]
    assert roc_auc(labels, features @ weights) > 0.97


def test_shipped_breast_cancer_scores_are_reproducible() -> None:
    shipped = breast_cancer_scores()
    assert shipped.labels.size == 569 and int(shipped.labels.sum()) == 212
    assert 0.9 < roc_auc(shipped.labels, shipped.scores) < 0.99
    import sklearn.datasets

    raw = Path(sklearn.datasets.__file__).parent / "data" / "breast_cancer.csv"
    rebuilt: LabelledScores = build_breast_cancer_scores(raw)
    np.testing.assert_array_equal(rebuilt.labels, shipped.labels)
    close(rebuilt.scores, shipped.scores)


def test_bad_labels_name_the_argument() -> None:
    with pytest.raises(ValueError, match="y_true must hold only 0 and 1"):
        confusion_at_threshold([1, 2], [0.1, 0.2], 0.5)
    with pytest.raises(ValueError, match="y_true must hold only 0 and 1"):
        f_beta([1, 2], [1, 0])
    with pytest.raises(ValueError, match="y_pred must hold only 0 and 1"):
        f_beta([1, 0], [1, 2])


def test_defaults_are_f1_and_the_full_roc_curve() -> None:
    labels, scores = scored_data(7, 300, 1)
    predicted = (scores >= 0.6).astype(int)
    close(f_beta(labels, predicted), skm.f1_score(labels, predicted))
    fpr, tpr, _ = roc_curve(labels, scores)
    reference = skm.roc_curve(labels, scores, drop_intermediate=False)
    close(fpr, reference[0])
    close(tpr, reference[1])
    counts = confusion_at_threshold(labels, scores, 0.6)
    assert counts.as_matrix().dtype == np.int64


@pytest.mark.parametrize("beta", [0.5, 1.0, 2.0])
def test_sweep_f_beta_at_every_threshold_matches_sklearn(beta: float) -> None:
    labels, scores = scored_data(8, 200, 2)
    sweep = ThresholdSweep.from_scores(labels, scores)
    values = sweep.f_beta(beta)
    for threshold, value in zip(sweep.thresholds, values, strict=True):
        predicted = (scores >= threshold).astype(int)
        close(value, skm.fbeta_score(labels, predicted, beta=beta, zero_division=0))
