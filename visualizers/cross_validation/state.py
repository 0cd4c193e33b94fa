"""State of the cross-validation visualizer (no Qt): data, every split, scores, stepper, narration.

The data are a seeded event log in time order: each row belongs to a user, has two
features that mostly identify that user, a label driven by the user's own rate plus a
drift over time, and a "zip code" column that carries no signal at all. The four
splitters run side by side on it; a k-NN classifier scores each fold; the leakage demo
target-encodes the zip code outside vs inside the folds; nested CV tunes k. The stepper
reveals one fold per frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from visualizers.core.frames import Frame
from visualizers.cross_validation.algorithm import (
    Split,
    fold_scores,
    group_kfold_splits,
    kfold_splits,
    leakage_scores,
    nested_cv,
    stratified_kfold_splits,
    time_series_splits,
)

STRATEGIES: tuple[str, ...] = ("k-fold", "stratified", "grouped by user", "time series")
K_GRID: tuple[int, ...] = (1, 3, 5, 9, 15, 25)
# Cell codes of the fold chart (the view maps them to colours).
UNUSED, TRAIN, TEST, NEGATIVE, POSITIVE, GAP = 0, 1, 2, 3, 4, 5
USER_BASE = 6  # user u is drawn with code USER_BASE + u % USER_SHADES
USER_SHADES = 6
HEADER_ROWS = 4  # class and user, two rows each

Params = dict[str, int | float | str | bool]


@dataclass(frozen=True)
class EventLog:
    """Rows in time order."""

    X: NDArray[np.float64]
    y: NDArray[np.int_]
    users: NDArray[np.int_]
    zips: NDArray[np.int_]


def make_event_log(
    n: int, n_users: int, positive_rate: float, drift: float, zip_levels: int, seed: int
) -> EventLog:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.0, 10.0, (n_users, 2))
    # U-shaped Beta with mean `positive_rate`: most users are mostly positive or mostly
    # negative, so knowing the user (its neighbourhood in feature space) gives labels away.
    concentration = 0.8
    propensity = rng.beta(
        positive_rate * concentration, (1 - positive_rate) * concentration, n_users
    )
    users = rng.integers(0, n_users, n)
    X = centres[users] + rng.normal(0.0, 0.7, (n, 2))
    t = np.arange(n) / max(n - 1, 1)
    p = np.clip(propensity[users] + drift * (t - 0.5), 0.0, 1.0)
    y = (rng.random(n) < p).astype(np.int_)
    zips = rng.integers(0, zip_levels, n)
    return EventLog(X, y, users, zips)


@dataclass(frozen=True)
class Experiment:
    """Everything the view shows for one set of parameters."""

    log: EventLog
    splits: dict[str, list[Split]]
    scores: dict[str, NDArray[np.float64]]
    leaked: NDArray[np.float64]
    honest: NDArray[np.float64]
    nested_scores: NDArray[np.float64]
    nested_k: NDArray[np.intp]
    plain_means: NDArray[np.float64]
    knn_k: int

    @property
    def baseline(self) -> float:
        """Accuracy of always predicting the majority class: what a useless feature scores."""
        share = float(self.log.y.mean())
        return max(share, 1.0 - share)

    @property
    def n_splits(self) -> int:
        return len(self.splits[STRATEGIES[0]])


def run_experiment(params: Params, seed: int) -> Experiment:
    n, k = int(params["n_samples"]), int(params["n_splits"])
    n_users = int(params["n_users"])
    if n_users < k:
        raise ValueError(
            f"grouped CV with {k} folds needs at least {k} users; raise Users or lower Folds"
        )
    if k + 1 > n // 2:
        raise ValueError(f"{n} rows are too few for {k} folds: use at most {n // 2 - 1} folds")
    log = make_event_log(
        n,
        n_users,
        float(params["positive_rate"]),
        float(params["drift"]),
        int(params["zip_levels"]),
        seed,
    )
    kfold = list(kfold_splits(n, k))
    if params["shuffle"]:
        order = np.random.default_rng(seed + 7).permutation(n)
        kfold = [(np.sort(order[tr]), np.sort(order[te])) for tr, te in kfold]
    splits = {
        STRATEGIES[0]: kfold,
        STRATEGIES[1]: list(stratified_kfold_splits(log.y, k)),
        STRATEGIES[2]: list(group_kfold_splits(log.users, k)),
        STRATEGIES[3]: list(time_series_splits(n, k)),
    }
    knn_k = int(params["knn_k"])
    scores = {name: fold_scores(log.X, log.y, s, knn_k) for name, s in splits.items()}
    leaked, honest = leakage_scores(log.zips, log.y, kfold)
    nested_scores, nested_k, plain = nested_cv(log.X, log.y, K_GRID, k)
    return Experiment(log, splits, scores, leaked, honest, nested_scores, nested_k, plain, knn_k)


def fold_chart(exp: Experiment) -> tuple[NDArray[np.int_], list[tuple[float, str]]]:
    """Cell codes, one row per fold per strategy (top first), plus class and user rows.

    Returns (codes (rows, n), [(row centre, label)]) for the axis.
    """
    n = len(exp.log.y)
    label_row = np.where(exp.log.y == 1, POSITIVE, NEGATIVE)
    user_row = USER_BASE + exp.log.users % USER_SHADES
    # Two rows each, so their axis labels have room.
    rows: list[NDArray[np.int_]] = [label_row, label_row, user_row, user_row]
    ticks = [(0.5, "class"), (2.5, "user")]
    for name in STRATEGIES:
        rows.append(np.full(n, GAP))
        first = len(rows)
        for train, test in exp.splits[name]:
            row = np.full(n, UNUSED)
            row[train], row[test] = TRAIN, TEST
            rows.append(row)
        ticks.append(((first + len(rows) - 1) / 2, name))
    return np.array(rows, dtype=np.int_), ticks


def fold_rows(exp: Experiment, fold: int) -> list[int]:
    """The chart row of fold `fold` in each strategy's block."""
    k = exp.n_splits
    return [HEADER_ROWS + i * (k + 1) + 1 + fold for i in range(len(STRATEGIES))]


@dataclass(frozen=True)
class CrossValidationFrame(Frame):
    """`folds_done` folds scored so far (0 before the first)."""

    folds_done: int = 0
    means: dict[str, float] = field(default_factory=dict)


class CrossValidationStepper:
    def __init__(self, experiment: Experiment) -> None:
        self.experiment = experiment

    def _frame(self, done: int) -> CrossValidationFrame:
        exp = self.experiment
        means = {name: float(s[:done].mean()) for name, s in exp.scores.items()} if done else {}
        frame = CrossValidationFrame(
            step=done,
            explanation="",
            finished=done >= exp.n_splits,
            folds_done=done,
            means=means,
        )
        return CrossValidationFrame(
            step=done,
            explanation=self.explain(frame),
            finished=frame.finished,
            folds_done=done,
            means=means,
        )

    def first(self) -> CrossValidationFrame:
        return self._frame(0)

    def advance(self, frame: CrossValidationFrame) -> CrossValidationFrame:
        return self._frame(frame.folds_done + 1)

    def explain(self, frame: CrossValidationFrame) -> str:
        exp = self.experiment
        k, n = exp.n_splits, len(exp.log.y)
        if frame.folds_done == 0:
            positives = int(exp.log.y.sum())
            return (
                f"{n} events in time order from {len(np.unique(exp.log.users))} users, "
                f"{positives} positive ({positives / n:.0%}). Each strategy splits them into "
                f"<b>{k} folds</b>: every row of a block is one fold, orange = test, blue = "
                "train, grey = unused. Step to score each fold with "
                f"{exp.knn_k}-nearest neighbours."
            )
        i = frame.folds_done - 1
        parts = []
        for name in STRATEGIES:
            train, test = exp.splits[name][i]
            score = exp.scores[name][i]
            if name == STRATEGIES[1]:
                share = exp.log.y[test].mean()
                note = f"{share:.0%} positive in the test fold vs {exp.log.y.mean():.0%} overall"
            elif name == STRATEGIES[2]:
                users = np.unique(exp.log.users[test])
                note = f"test users {', '.join(map(str, users[:6]))}{'…' if len(users) > 6 else ''}, none in training"
            elif name == STRATEGIES[3]:
                note = f"trains on rows 0–{train.max()}, tests {test.min()}–{test.max()}"
            else:
                note = f"{len(test)} test rows"
            parts.append(f"{name} <b>{score:.2f}</b> ({note})")
        text = f"<b>Fold {i + 1} of {k}</b> — accuracy: " + "; ".join(parts) + ". "
        text += (
            f"<br>Leakage: target-encoding the zip code (pure noise) on all rows scores "
            f"<b>{exp.leaked[i]:.2f}</b> on this fold, fitted inside the fold "
            f"<b>{exp.honest[i]:.2f}</b> (always predicting the majority class: "
            f"{exp.baseline:.2f}). Nested CV: the inner loop picked k = "
            f"{exp.nested_k[i]}, outer accuracy {exp.nested_scores[i]:.2f}."
        )
        if frame.finished:
            spread = "; ".join(
                f"{name} {exp.scores[name].mean():.2f} ± {exp.scores[name].std():.2f}"
                for name in STRATEGIES
            )
            best = int(np.argmax(exp.plain_means))
            text += (
                f"<br><b>Mean ± sd over folds:</b> {spread}. Random folds let k-NN recognise "
                "users it trained on; grouped folds ask about new users, as production does. "
                f"Leakage gap: {exp.leaked.mean():.2f} vs {exp.honest.mean():.2f} "
                f"(<b>+{exp.leaked.mean() - exp.honest.mean():.2f}</b> of pure optimism). "
                f"Choosing k by plain CV reports {exp.plain_means[best]:.2f} for k = "
                f"{K_GRID[best]}; the nested estimate is {exp.nested_scores.mean():.2f}."
            )
        return text


class CrossValidationState:
    """Parameters → experiment (cached) → stepper."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._experiment: Experiment | None = None

    def experiment(self, params: Params, seed: int) -> Experiment:
        key = (tuple(sorted(params.items())), seed)
        if key != self._key or self._experiment is None:
            self._experiment = run_experiment(params, seed)
            self._key = key
        return self._experiment

    def stepper(self, params: Params, seed: int) -> CrossValidationStepper:
        return CrossValidationStepper(self.experiment(params, seed))
