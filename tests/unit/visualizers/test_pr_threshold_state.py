"""The precision/recall state (no Qt): costs, optima, histograms, curve points, text, sources.

The oracle for every count is scikit-learn's confusion matrix, computed from the raw labels
and scores; costs are deliberately asymmetric so that swapping them cannot go unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from sklearn import metrics as skm

from visualizers.core.registry import get
from visualizers.pr_threshold.algorithm import ConfusionCounts
from visualizers.pr_threshold.data import synthetic_scores
from visualizers.pr_threshold.spec import DATASET_BREAST_CANCER, DATASET_CSV
from visualizers.pr_threshold.state import (
    PrThresholdState,
    ScoreAnalysis,
    ThresholdSweepStepper,
    analyze_scores,
    cell_texts,
    cost_at,
    expected_cost,
    explain,
    histogram_heights,
    number_rows,
    operating_point,
    pr_point,
    roc_point,
    summary,
)

COST_FP, COST_FN = 1.5, 7.0  # asymmetric on purpose


def data(seed: int = 0, n: int = 400) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    scores = np.round(rng.random(n) + 0.4 * labels, 2)
    return labels, scores


def sk_counts(
    labels: NDArray[np.int64], scores: NDArray[np.float64], t: float
) -> tuple[int, int, int, int]:
    """(tn, fp, fn, tp) from scikit-learn for "positive when score >= t"."""
    matrix = skm.confusion_matrix(labels, (scores >= t).astype(int), labels=[0, 1])
    tn, fp, fn, tp = (int(v) for v in matrix.ravel())
    return tn, fp, fn, tp


# --- the cost formula -----------------------------------------------------------------------------


def test_expected_cost_charges_each_error_its_own_price() -> None:
    assert expected_cost(3, 2, 10, COST_FP, COST_FN) == pytest.approx((3 * 1.5 + 2 * 7.0) / 10)
    counts = ConfusionCounts(tp=4, fp=3, fn=2, tn=1)
    assert cost_at(counts, COST_FP, COST_FN) == pytest.approx((3 * 1.5 + 2 * 7.0) / 10)
    assert cost_at(counts, 0.0, 1.0) == pytest.approx(0.2)  # only misses cost: 2 of 10


def test_the_cost_curve_and_every_frame_agree_with_sklearn_counts() -> None:
    labels, scores = data()
    analysis = analyze_scores(labels, scores, cost_fp=COST_FP, cost_fn=COST_FN)
    n = labels.size
    for index, t in enumerate(analysis.sweep.thresholds):
        _, fp, fn, _ = sk_counts(labels, scores, t)
        expected = (COST_FP * fp + COST_FN * fn) / n
        assert analysis.expected_cost[index] == pytest.approx(expected, abs=1e-12)
    for t in (0.2, 0.55, 0.9, 1.3):
        _, fp, fn, _ = sk_counts(labels, scores, t)
        expected = (COST_FP * fp + COST_FN * fn) / n
        frame = operating_point(analysis, t)
        assert frame.cost == pytest.approx(expected, abs=1e-12)
        assert f"Expected cost per item <b>{expected:.4g}</b>" in frame.explanation
        assert ("cost / item", f"{expected:.4g}", "cost") in number_rows(frame)


def test_the_cost_optimal_threshold_is_the_brute_force_minimum_and_moves_with_costs() -> None:
    labels, scores = data(1)
    candidates = np.r_[np.unique(scores), np.inf]

    def brute(cost_fp: float, cost_fn: float) -> float:
        costs = []
        for t in candidates:
            _, fp, fn, _ = sk_counts(labels, scores, t)
            costs.append(cost_fp * fp + cost_fn * fn)
        return float(min(costs)) / labels.size

    cautious = analyze_scores(labels, scores, cost_fp=COST_FP, cost_fn=COST_FN)
    lenient = analyze_scores(labels, scores, cost_fp=COST_FN, cost_fn=COST_FP)
    for analysis, (cost_fp, cost_fn) in ((cautious, (COST_FP, COST_FN)), (lenient, (7.0, 1.5))):
        best = operating_point(analysis, analysis.cost_optimal_threshold).cost
        assert best == pytest.approx(brute(cost_fp, cost_fn), abs=1e-12)
        assert float(np.min(analysis.expected_cost)) == pytest.approx(best, abs=1e-12)
    # Expensive misses flag more (a lower threshold) than expensive false alarms.
    assert cautious.cost_optimal_threshold < lenient.cost_optimal_threshold


def test_the_f1_optimal_threshold_is_the_brute_force_maximum() -> None:
    labels, scores = data(2)
    analysis = analyze_scores(labels, scores)
    best = max(
        skm.f1_score(labels, (scores >= t).astype(int), zero_division=0) for t in np.unique(scores)
    )
    chosen = analysis.f1_optimal_threshold
    f1 = skm.f1_score(labels, (scores >= chosen).astype(int), zero_division=0)
    assert f1 == pytest.approx(best, abs=1e-12)


# --- histograms, curve points, numbers ------------------------------------------------------------


def test_histogram_counts_and_densities() -> None:
    labels, scores = data(3)
    analysis = analyze_scores(labels, scores)
    negatives, positives = histogram_heights(analysis, density=False)
    expected, _ = np.histogram(scores[labels == 1], bins=analysis.bin_edges)
    np.testing.assert_array_equal(positives, expected)
    assert negatives.sum() == np.count_nonzero(labels == 0)
    negatives, positives = histogram_heights(analysis, density=True)
    width = np.diff(analysis.bin_edges)
    assert np.sum(negatives * width) == pytest.approx(1.0)
    assert np.sum(positives * width) == pytest.approx(1.0)
    reference, _ = np.histogram(scores[labels == 0], bins=analysis.bin_edges, density=True)
    np.testing.assert_allclose(negatives, reference)


def test_points_on_the_pr_and_roc_curves() -> None:
    labels, scores = data(4)
    analysis = analyze_scores(labels, scores)
    t = 0.6
    tn, fp, fn, tp = sk_counts(labels, scores, t)
    counts = analysis.sweep.counts_at(t)
    assert pr_point(counts) == pytest.approx((tp / (tp + fn), tp / (tp + fp)))
    assert roc_point(counts) == pytest.approx((fp / (fp + tn), tp / (tp + fn)))
    nothing = analysis.sweep.counts_at(10.0)
    assert pr_point(nothing) == (0.0, 1.0)  # flagging nothing is drawn at precision 1
    assert roc_point(nothing) == (0.0, 0.0)


def test_cell_texts_summary_and_rows() -> None:
    counts = ConfusionCounts(tp=30, fp=10, fn=20, tn=140)
    texts = cell_texts(counts)
    assert texts["tp"] == ("30", "TP · 15.0%") and texts["tn"] == ("140", "TN · 70.0%")
    labels, scores = data(5)
    analysis = analyze_scores(labels, scores, beta=2.0)
    frame = operating_point(analysis, 0.7)
    names = [name for name, _, _ in number_rows(frame)]
    assert names[:4] == ["precision", "recall", "F1", "F2"]
    assert f"precision {frame.counts.precision:.2f}" in summary(frame)
    empty = operating_point(analysis, 10.0)
    assert number_rows(empty)[0] == ("precision", "— (0/0)", "precision")
    assert "nothing is flagged" in empty.explanation


# --- the score sources --------------------------------------------------------------------------


def params(**values: object) -> dict[str, int | float | str | bool]:
    spec = get("pr_threshold")
    assert spec is not None
    return spec.resolve(values)


def test_state_builds_runs_from_each_source(tmp_path: Path) -> None:
    state = PrThresholdState()
    stepper = state.stepper(params(n_samples=500, positive_rate=0.1, cost_fn=9.0), 0)
    assert stepper.analysis.sweep.size == 500 and stepper.analysis.cost_fn == 9.0
    assert state.labelled_scores(
        params(n_samples=500, positive_rate=0.1), 0
    ) is state.labelled_scores(params(n_samples=500, positive_rate=0.1, cost_fn=2.0), 0)
    assert "synthetic" in state.source
    with pytest.raises(ValueError, match=r"^No CSV loaded yet: use “Load scores CSV…”"):
        state.stepper(params(dataset=DATASET_CSV), 0)
    csv = tmp_path / "s.csv"
    csv.write_text("1,0.9\n0,0.2\n1,0.4\n0,0.5\n", encoding="utf-8")
    loaded = state.read_csv(csv)
    assert state.adopt_csv(loaded) is None
    assert state.stepper(params(dataset=DATASET_CSV), 0).analysis.sweep.size == 4
    assert state.adopt_csv(None) is loaded
    real = state.stepper(params(dataset=DATASET_BREAST_CANCER, rebalance_real=True), 0)
    assert real.analysis.prevalence == pytest.approx(0.2, abs=0.01)
    html = state.source_html(real.analysis, "#111", "#222")
    assert "breast cancer" in html and f"{real.analysis.cost_optimal_threshold:.3g}" in html


def test_synthetic_scores_are_the_source_of_a_run() -> None:
    state = PrThresholdState()
    stepper = state.stepper(params(n_samples=300, positive_rate=0.3, separation=2.0), 4)
    reference = synthetic_scores(300, 0.3, 2.0, 4)
    np.testing.assert_array_equal(
        stepper.analysis.sweep.thresholds[1:], np.unique(reference.scores)[::-1]
    )


# --- presets and predict-then-watch prompts: each prompt's answer is what the run shows ---------


def preset_analysis(preset: str) -> ScoreAnalysis:
    spec = get("pr_threshold")
    assert spec is not None
    return PrThresholdState().stepper(spec.preset_values(preset), spec.seed).analysis


def test_every_question_has_two_or_three_prompts_of_its_own() -> None:
    spec = get("pr_threshold")
    assert spec is not None
    for question in spec.questions:
        count = sum(question in p.questions for p in spec.predictions)
        assert 2 <= count <= 3, (question, count)
    assert all(set(p.questions) <= set(spec.questions) for p in spec.predictions)


def test_prompt_answers_hold_for_their_presets() -> None:
    default = preset_analysis_values()
    rare = preset_analysis("imbalanced")
    nothing = operating_point(rare, float(rare.sweep.thresholds[0]))
    assert nothing.counts.accuracy == pytest.approx(0.99, abs=0.002)
    assert abs(rare.roc_auc - default.roc_auc) < 0.03
    assert rare.average_precision < default.average_precision - 0.2
    misses = preset_analysis("costly-false-negatives")
    removals = preset_analysis("costly-false-positives")
    assert misses.cost_optimal_threshold < misses.f1_optimal_threshold
    assert removals.cost_optimal_threshold > default.cost_optimal_threshold
    assert misses.cost_optimal_threshold < default.cost_optimal_threshold
    no_skill = preset_analysis("no-skill")
    assert no_skill.average_precision == pytest.approx(no_skill.prevalence, abs=0.05)
    assert no_skill.roc_auc == pytest.approx(0.5, abs=0.05)
    real = preset_analysis("real-classifier")
    precision = real.curve_precision
    assert np.any(np.diff(precision) > 0) and np.any(np.diff(precision) < 0)
    assert np.all(np.diff(real.curve_recall) >= 0)


def preset_analysis_values() -> ScoreAnalysis:
    spec = get("pr_threshold")
    assert spec is not None
    return PrThresholdState().stepper(spec.defaults(), spec.seed).analysis


# --- edges the mutation run found untested ---------------------------------------------------------


def test_analysis_defaults_and_argument_checks() -> None:
    labels, scores = data(9, 120)
    analysis = analyze_scores(labels, scores)
    assert (analysis.cost_fp, analysis.cost_fn, analysis.beta) == (1.0, 1.0, 1.0)
    assert analysis.bin_edges.size == 61
    free = analyze_scores(labels, scores, cost_fp=0.0, cost_fn=0.0)  # zero costs are allowed
    assert np.all(free.expected_cost == 0.0)
    for cost_fp, cost_fn in ((-1.0, 1.0), (1.0, -0.5)):
        with pytest.raises(ValueError, match=r"^costs can't be negative$"):
            analyze_scores(labels, scores, cost_fp=cost_fp, cost_fn=cost_fn)
    with pytest.raises(ValueError, match="beta must be positive"):
        analyze_scores(labels, scores, beta=0.0)
    with pytest.raises(
        ValueError, match=r"All 3 items are negatives.*one positive example \(label 1\)"
    ):
        analyze_scores([0, 0, 0], [0.1, 0.2, 0.3])
    with pytest.raises(
        ValueError, match=r"All 2 items are positives.*one negative example \(label 0\)"
    ):
        analyze_scores([1, 1], [0.1, 0.2])


def test_explanation_words_and_numbers() -> None:
    labels, scores = data(10, 300)
    analysis = analyze_scores(labels, scores, cost_fp=2.0, cost_fn=3.0, beta=2.0)
    tn, fp, fn, tp = sk_counts(labels, scores, 0.6)
    text = operating_point(analysis, 0.6).explanation
    assert f"flag every item scoring ≥ 0.6, {tp + fp:,} of {labels.size:,}." in text
    assert (
        f"Caught <b>{tp:,}</b> of {tp + fn:,} real positives (recall {100 * tp / (tp + fn):.1f}%)"
        in text
    )
    assert (
        f"<b>{fp:,}</b> of the flagged are false alarms (precision {100 * tp / (tp + fp):.1f}%)"
        in text
    )
    assert f"Accuracy {100 * (tp + tn) / labels.size:.1f}%" in text
    assert f"flagging nothing scores {100 * (tn + fp) / labels.size:.1f}%" in text
    assert "a false positive costs 2, a false negative 3" in text
    f2 = skm.fbeta_score(labels, (scores >= 0.6).astype(int), beta=2.0)
    assert f", F2 {f2:.3f};" in text
    assert f"best F1 at threshold {analysis.f1_optimal_threshold:.4g}." in text
    rows = dict((name, value) for name, value, _ in number_rows(operating_point(analysis, 0.6)))
    assert rows["precision"] == f"{tp / (tp + fp):.3f}" and rows["F2"] == f"{f2:.3f}"


def test_curve_points_and_densities_at_small_counts() -> None:
    assert pr_point(ConfusionCounts(tp=3, fp=3, fn=1, tn=5)) == (0.75, 0.5)
    labels = np.array([1, 0, 0, 0, 0])  # a single positive
    analysis = analyze_scores(labels, np.array([0.9, 0.1, 0.2, 0.3, 0.4]), bins=4)
    negatives, positives = histogram_heights(analysis, density=True)
    width = np.diff(analysis.bin_edges)
    assert np.sum(positives * width) == pytest.approx(1.0)
    assert np.sum(negatives * width) == pytest.approx(1.0)


def test_the_sweep_stepper_spans_the_scores_and_stays_on_its_last_frame() -> None:
    labels, scores = data(11, 100)
    analysis = analyze_scores(labels, scores)
    stepper = ThresholdSweepStepper(analysis, steps=10)
    assert stepper.thresholds.size == 11
    assert stepper.thresholds[0] == analysis.sweep.thresholds[0]
    assert stepper.thresholds[-1] == scores.min()
    assert not stepper.thresholds.flags.writeable
    frame = stepper.first()
    while not frame.finished:
        frame = stepper.advance(frame)
    again = stepper.advance(frame)
    assert again.threshold == frame.threshold and again.finished and again.step == 10
    with pytest.raises(ValueError, match="at least one step"):
        ThresholdSweepStepper(analysis, steps=0)


def test_every_analysis_array_matches_sklearn() -> None:
    labels, scores = data(12, 250)
    analysis = analyze_scores(labels, scores, bins=10)
    precision, recall, thresholds = skm.precision_recall_curve(labels, scores)
    np.testing.assert_allclose(analysis.curve_thresholds, thresholds[::-1])
    np.testing.assert_allclose(analysis.curve_precision, precision[:-1][::-1])
    np.testing.assert_allclose(analysis.curve_recall, recall[:-1][::-1])
    f1 = [skm.f1_score(labels, (scores >= t).astype(int)) for t in thresholds[::-1]]
    np.testing.assert_allclose(analysis.curve_f1, f1)
    fpr, tpr, _ = skm.roc_curve(labels, scores, drop_intermediate=False)
    np.testing.assert_allclose(analysis.roc_fpr, fpr)
    np.testing.assert_allclose(analysis.roc_tpr, tpr)
    np.testing.assert_allclose(analysis.bin_edges, np.linspace(scores.min(), scores.max(), 11))
    assert analysis.prevalence == pytest.approx(labels.mean())
    assert analysis.score_range == (scores.min(), scores.max())
    assert not analysis.all_scores_equal
    for array in (analysis.curve_thresholds, analysis.roc_fpr, analysis.expected_cost):
        assert not array.flags.writeable
    equal = analyze_scores([0, 1, 1], [0.5, 0.5, 0.5], bins=4)
    np.testing.assert_allclose(equal.bin_edges, np.linspace(0.0, 1.0, 5))
    assert equal.all_scores_equal
    assert "All scores are equal" in explain(operating_point(equal, 0.5))


def test_numbers_rows_and_cells_in_full() -> None:
    labels, scores = data(13, 200)
    analysis = analyze_scores(labels, scores, cost_fp=2.0, cost_fn=3.0)
    frame = operating_point(analysis, 0.7)
    tn, fp, fn, tp = sk_counts(labels, scores, 0.7)
    n = labels.size
    assert explain(frame) == frame.explanation
    assert number_rows(frame) == [
        ("precision", f"{tp / (tp + fp):.3f}", "precision"),
        ("recall", f"{tp / (tp + fn):.3f}", "recall"),
        ("F1", f"{2 * tp / (2 * tp + fp + fn):.3f}", "f1"),
        ("accuracy", f"{(tp + tn) / n:.3f}", ""),
        ("  if none flagged", f"{(tn + fp) / n:.3f}", ""),
        ("specificity", f"{tn / (tn + fp):.3f}", ""),
        ("cost / item", f"{(2 * fp + 3 * fn) / n:.4g}", "cost"),
        ("AP", f"{skm.average_precision_score(labels, scores):.3f}", ""),
        ("ROC AUC", f"{skm.roc_auc_score(labels, scores):.3f}", ""),
    ]
    assert cell_texts(frame.counts) == {
        "tp": (f"{tp:,}", f"TP · {100 * tp / n:.1f}%"),
        "fn": (f"{fn:,}", f"FN · {100 * fn / n:.1f}%"),
        "fp": (f"{fp:,}", f"FP · {100 * fp / n:.1f}%"),
        "tn": (f"{tn:,}", f"TN · {100 * tn / n:.1f}%"),
    }
    nothing = operating_point(analysis, 10.0)
    assert "precision 0/0, shown as 0" in nothing.explanation
    assert ", F" not in frame.explanation.split("F1")[1].split(";")[0]  # no F-beta when β = 1


def test_parameters_reach_the_analysis_and_the_sweep() -> None:
    state = PrThresholdState()
    assert state.source == "" and state.csv_data is None
    stepper = state.stepper(
        params(
            n_samples=300,
            positive_rate=0.3,
            separation=2.0,
            cost_fp=3.0,
            cost_fn=7.0,
            beta=2.0,
            steps=12,
        ),
        4,
    )
    analysis = stepper.analysis
    assert (analysis.cost_fp, analysis.cost_fn, analysis.beta) == (3.0, 7.0, 2.0)
    assert stepper.thresholds.size == 13
    reference = synthetic_scores(300, 0.3, 2.0, 4)
    assert analysis.sweep.size == 300 and analysis.sweep.n_pos == int(reference.labels.sum())
    assert state.source == reference.source


def test_confusion_counts_of_a_million_or_more_fit_a_six_digit_cell() -> None:
    from visualizers.pr_threshold.state import count_text

    assert count_text(0) == "0"
    assert count_text(999_999) == "999,999"
    assert count_text(1_000_173) == "1.00M"
    assert count_text(2_000_000) == "2.00M"
    assert all(len(count_text(n)) <= len("200,000") for n in (1_000_000, 1_999_999, 9_990_000))
