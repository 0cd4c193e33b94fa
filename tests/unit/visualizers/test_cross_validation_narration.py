"""The cross-validation narration on a hand-built experiment: 10 events, 2 folds.

Every share, row range, user list and score in the expected text is worked out from the
small arrays below, so a wrong index, a swapped number or a changed sentence fails.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.cross_validation.spec import SPEC
from visualizers.cross_validation.state import (
    GAP,
    HEADER_ROWS,
    K_GRID,
    NEGATIVE,
    POSITIVE,
    STRATEGIES,
    USER_BASE,
    CrossValidationFrame,
    CrossValidationState,
    CrossValidationStepper,
    EventLog,
    Experiment,
    fold_chart,
    make_event_log,
    run_experiment,
)


def idx(*rows: int) -> np.ndarray:
    return np.array(rows, dtype=np.intp)


def experiment() -> Experiment:
    y = np.array([1, 0, 1, 1, 0, 0, 1, 0, 0, 0])  # 4 positive of 10
    users = np.array([0, 1, 2, 3, 4, 5, 6, 7, 0, 1])  # 8 users
    log = EventLog(np.zeros((10, 2)), y, users, np.zeros(10, dtype=int))
    splits = {
        "k-fold": [
            (idx(5, 6, 7, 8, 9), idx(0, 1, 2, 3, 4)),
            (idx(0, 1, 2, 3, 4), idx(5, 6, 7, 8, 9)),
        ],
        # test folds with 3 of 5 positive (60%), then 1 of 5 (20%)
        "stratified": [
            (idx(1, 4, 5, 6, 9), idx(0, 2, 3, 7, 8)),
            (idx(0, 2, 3, 7, 8), idx(1, 4, 5, 6, 9)),
        ],
        # test users 0–6 (seven of them: the text lists six and "…"), then user 7 alone
        "grouped by user": [
            (
                idx(
                    7,
                ),
                idx(0, 1, 2, 3, 4, 5, 6, 8, 9),
            ),
            (
                idx(0, 1, 2, 3, 4, 5, 6, 8, 9),
                idx(
                    7,
                ),
            ),
        ],
        "time series": [(idx(0, 1, 2, 3), idx(4, 5, 6)), (idx(0, 1, 2, 3, 4, 5, 6), idx(7, 8, 9))],
    }
    scores = {
        "k-fold": np.array([0.8, 0.6]),
        "stratified": np.array([0.4, 1.0]),
        "grouped by user": np.array([0.25, 0.75]),
        "time series": np.array([0.5, 0.3]),
    }
    return Experiment(
        log=log,
        splits=splits,
        scores=scores,
        leaked=np.array([0.9, 0.7]),
        honest=np.array([0.55, 0.45]),
        nested_scores=np.array([0.62, 0.58]),
        nested_k=np.array([3, 9]),
        plain_means=np.array([0.5, 0.66, 0.71, 0.64, 0.6, 0.6]),
        knn_k=5,
    )


def frames() -> list[CrossValidationFrame]:
    stepper = CrossValidationStepper(experiment())
    out = [stepper.first()]
    while not out[-1].finished:
        out.append(stepper.advance(out[-1]))
    return out


def test_the_opening_counts_events_users_and_positives() -> None:
    first = frames()[0]
    assert first.explanation == (
        "10 events in time order from 8 users, 4 positive (40%). Each strategy splits them "
        "into <b>2 folds</b>: every row of a block is one fold, orange = test, blue = train, "
        "grey = unused. Step to score each fold with 5-nearest neighbours."
    )
    assert first.means == {} and not first.finished and first.folds_done == 0


def test_each_fold_names_every_strategys_score_and_what_makes_it_different() -> None:
    one, two = frames()[1:]
    assert one.explanation.startswith(
        "<b>Fold 1 of 2</b> — accuracy: k-fold <b>0.80</b> (5 test rows); stratified "
        "<b>0.40</b> (60% positive in the test fold vs 40% overall); grouped by user "
        "<b>0.25</b> (test users 0, 1, 2, 3, 4, 5…, none in training); time series <b>0.50</b> "
        "(trains on rows 0–3, tests 4–6). <br>Leakage: target-encoding the zip code (pure "
        "noise) on all rows scores <b>0.90</b> on this fold, fitted inside the fold <b>0.55</b> "
        "(always predicting the majority class: 0.60). Nested CV: the inner loop picked k = 3, "
        "outer accuracy 0.62."
    )
    assert "Mean ± sd" not in one.explanation
    assert (
        "stratified <b>1.00</b> (20% positive in the test fold vs 40% overall)" in two.explanation
    )
    assert "(test users 7, none in training)" in two.explanation
    assert "(trains on rows 0–6, tests 7–9)" in two.explanation
    assert "picked k = 9, outer accuracy 0.58." in two.explanation


def test_the_last_fold_sums_up_spread_leakage_and_nested_cv() -> None:
    last = frames()[-1]
    assert last.finished and last.folds_done == 2 and last.step == 2
    # mean ± population sd of each pair: 0.7 ± 0.1, 0.7 ± 0.3, 0.5 ± 0.25, 0.4 ± 0.1
    assert last.explanation.endswith(
        "<br><b>Mean ± sd over folds:</b> k-fold 0.70 ± 0.10; stratified 0.70 ± 0.30; grouped "
        "by user 0.50 ± 0.25; time series 0.40 ± 0.10. Random folds let k-NN recognise users "
        "it trained on; grouped folds ask about new users, as production does. Leakage gap: "
        "0.80 vs 0.50 (<b>+0.30</b> of pure optimism). Choosing k by plain CV reports 0.71 "
        "for k = 5; the nested estimate is 0.60."
    )
    assert last.means == pytest.approx(
        {"k-fold": 0.7, "stratified": 0.7, "grouped by user": 0.5, "time series": 0.4}
    )
    assert frames()[1].means == pytest.approx(
        {"k-fold": 0.8, "stratified": 0.4, "grouped by user": 0.25, "time series": 0.5}
    )


def test_the_majority_baseline_takes_the_larger_class() -> None:
    exp = experiment()
    assert exp.baseline == pytest.approx(0.6) and exp.n_splits == 2
    flipped = Experiment(
        **{**exp.__dict__, "log": EventLog(exp.log.X, 1 - exp.log.y, exp.log.users, exp.log.zips)}
    )
    assert flipped.baseline == pytest.approx(0.6)


def test_fold_chart_codes_header_gaps_and_ticks() -> None:
    exp = experiment()
    codes, ticks = fold_chart(exp)
    assert codes.shape == (HEADER_ROWS + 4 * 3, 10)
    expected_label = [POSITIVE if v else NEGATIVE for v in exp.log.y]
    assert codes[0].tolist() == codes[1].tolist() == expected_label
    assert codes[2].tolist() == [USER_BASE + u % 6 for u in exp.log.users] == codes[3].tolist()
    for block in range(4):
        assert (codes[HEADER_ROWS + 3 * block] == GAP).all()
    # time series fold 1: rows 7–9 unused (0), 0–3 train (1), 4–6 test (2)
    assert codes[HEADER_ROWS + 3 * 3 + 1].tolist() == [1, 1, 1, 1, 2, 2, 2, 0, 0, 0]
    assert ticks == [
        (0.5, "class"),
        (2.5, "user"),
        (5.5, "k-fold"),
        (8.5, "stratified"),
        (11.5, "grouped by user"),
        (14.5, "time series"),
    ]
    assert tuple(exp.splits) == STRATEGIES and len(K_GRID) == len(exp.plain_means)


def test_event_log_shapes_ranges_and_drift() -> None:
    log = make_event_log(4000, 12, 0.3, 0.0, 7, 5)
    assert log.X.shape == (4000, 2) and set(np.unique(log.users)) <= set(range(12))
    assert set(np.unique(log.zips)) == set(range(7))
    assert log.y.mean() == pytest.approx(0.3, abs=0.12)
    # Each user's rows sit around its own centre (sd 0.7), inside [−3, 13].
    assert log.X.min() > -3.5 and log.X.max() < 13.5
    rising = make_event_log(4000, 12, 0.5, 0.9, 7, 5)
    assert rising.y[2000:].mean() > rising.y[:2000].mean() + 0.2
    assert make_event_log(1, 1, 0.5, 0.9, 1, 0).y.shape == (1,)


def test_shuffled_kfold_keeps_each_fold_sorted_and_covers_every_row() -> None:
    values = {**SPEC.defaults(), "shuffle": True}
    exp = run_experiment(values, 2)
    tests = [te for _, te in exp.splits["k-fold"]]
    assert sorted(np.concatenate(tests).tolist()) == list(range(len(exp.log.y)))
    assert all((np.diff(te) > 0).all() for te in tests)
    assert any((np.diff(te) > 1).any() for te in tests)  # no longer contiguous blocks
    plain = run_experiment({**values, "shuffle": False}, 2)
    assert all((np.diff(te) == 1).all() for _, te in plain.splits["k-fold"])


def test_the_experiment_is_cached_per_parameters_and_seed() -> None:
    state = CrossValidationState()
    values = SPEC.defaults()
    first = state.experiment(values, 0)
    assert state.experiment(dict(values), 0) is first
    assert state.experiment(values, 1) is not first
    assert state.stepper(values, 1).experiment is state.experiment(values, 1)


def test_six_test_users_are_listed_without_an_ellipsis() -> None:
    exp = experiment()
    six = idx(0, 1, 2, 3, 4, 5, 8, 9)  # users 0–5
    splits = {**exp.splits, "grouped by user": [(idx(6, 7), six), (six, idx(6, 7))]}
    stepper = CrossValidationStepper(Experiment(**{**exp.__dict__, "splits": splits}))
    text = stepper.advance(stepper.first()).explanation
    assert "(test users 0, 1, 2, 3, 4, 5, none in training)" in text


def test_fold_limits_are_at_their_boundaries() -> None:
    base = {**SPEC.defaults(), "n_splits": 5, "zip_levels": 3}
    # As many users as folds is enough for grouped CV; one fewer is not.
    assert run_experiment({**base, "n_users": 5, "n_samples": 60}, 0).n_splits == 5
    with pytest.raises(ValueError, match=r"^grouped CV with 5 folds needs at least 5 users"):
        run_experiment({**base, "n_users": 4, "n_samples": 60}, 0)
    # k + 1 ≤ n // 2: 12 rows allow 5 folds, 11 rows do not (at most 11 // 2 − 1 = 4).
    assert run_experiment({**base, "n_users": 6, "n_samples": 12}, 0).n_splits == 5
    with pytest.raises(ValueError, match=r"^11 rows are too few for 5 folds: use at most 4 folds$"):
        run_experiment({**base, "n_users": 6, "n_samples": 11}, 0)


def test_the_experiment_keeps_k_and_is_reproducible() -> None:
    values = {**SPEC.defaults(), "knn_k": 7, "shuffle": True}
    exp = run_experiment(values, 3)
    assert exp.knn_k == 7
    again = CrossValidationState().experiment(values, 3)
    np.testing.assert_array_equal(again.log.y, exp.log.y)
    for (_, a), (_, b) in zip(again.splits["k-fold"], exp.splits["k-fold"], strict=True):
        np.testing.assert_array_equal(a, b)
