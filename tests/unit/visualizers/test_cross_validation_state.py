"""The cross-validation state: the fold chart, per-fold scores against scikit-learn, the stories."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier

from visualizers.core.frames import History
from visualizers.cross_validation.spec import SPEC
from visualizers.cross_validation.state import (
    HEADER_ROWS,
    K_GRID,
    STRATEGIES,
    TEST,
    TRAIN,
    CrossValidationFrame,
    CrossValidationState,
    fold_chart,
    fold_rows,
    run_experiment,
)


def test_chart_rows_are_the_splits() -> None:
    exp = run_experiment(SPEC.defaults(), 0)
    codes, ticks = fold_chart(exp)
    k = exp.n_splits
    assert codes.shape == (HEADER_ROWS + len(STRATEGIES) * (k + 1), len(exp.log.y))
    assert [label for _, label in ticks] == ["class", "user", *STRATEGIES]
    for fold in range(k):
        for name, row in zip(STRATEGIES, fold_rows(exp, fold), strict=True):
            train, test = exp.splits[name][fold]
            np.testing.assert_array_equal(np.flatnonzero(codes[row] == TEST), test)
            np.testing.assert_array_equal(np.flatnonzero(codes[row] == TRAIN), train)


def test_kfold_scores_equal_sklearn_cross_val_score() -> None:
    params = SPEC.resolve({"knn_k": 7})
    exp = run_experiment(params, 3)
    oracle = cross_val_score(
        KNeighborsClassifier(n_neighbors=7), exp.log.X, exp.log.y, cv=KFold(params["n_splits"])
    )
    np.testing.assert_allclose(exp.scores["k-fold"], oracle)


def test_plain_cv_means_equal_sklearn_grid_search() -> None:
    exp = run_experiment(SPEC.defaults(), 1)
    search = GridSearchCV(
        KNeighborsClassifier(), {"n_neighbors": list(K_GRID)}, cv=KFold(exp.n_splits)
    ).fit(exp.log.X, exp.log.y)
    np.testing.assert_allclose(exp.plain_means, search.cv_results_["mean_test_score"])


def test_explanation_names_each_fold_score_and_the_summary() -> None:
    state = CrossValidationState()
    history: History[CrossValidationFrame] = History(state.stepper(SPEC.defaults(), 0))
    exp = state.experiment(SPEC.defaults(), 0)
    history.extend_to(99)
    assert len(history) == exp.n_splits + 1 and history.last.finished
    second = history[2]
    for name in STRATEGIES:
        assert f"{name} <b>{exp.scores[name][1]:.2f}</b>" in second.explanation
    gap = exp.leaked.mean() - exp.honest.mean()
    assert f"+{gap:.2f}" in history.last.explanation
    assert history.last.means["grouped by user"] == pytest.approx(
        exp.scores["grouped by user"].mean()
    )


@pytest.mark.parametrize("seed", range(3))
def test_presets_tell_their_story(seed: int) -> None:
    leak = run_experiment(SPEC.preset_values("leakage"), seed)
    assert leak.leaked.mean() > leak.honest.mean() + 0.15
    few = run_experiment(SPEC.preset_values("few_users"), seed)
    assert few.scores["grouped by user"].mean() < few.scores["k-fold"].mean() - 0.15


def test_impossible_settings_are_messages() -> None:
    with pytest.raises(ValueError, match="users"):
        run_experiment(SPEC.resolve({"n_users": 3, "n_splits": 5}), 0)


def test_stratified_folds_hold_the_positive_share_better_than_contiguous_ones() -> None:
    exp = run_experiment(SPEC.preset_values("rare_positives"), 0)
    y = exp.log.y

    def spread(name: str) -> float:
        return float(np.ptp([y[test].mean() for _, test in exp.splits[name]]))

    assert spread("stratified") < spread("k-fold")
    for _, test in exp.splits["stratified"]:
        assert abs(y[test].sum() - y.sum() / exp.n_splits) < 1.0
