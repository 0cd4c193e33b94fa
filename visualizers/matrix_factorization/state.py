"""Everything the matrix-factorization view shows that is not drawing (pure, no Qt).

The parameters and the user's CSV, a cache of the synthetic rating matrices, `stepper()`
(parameters → data → a narrated `FactorizationStepper`), overfitting detection, the
"pick a user" recommendations with their "why", the cold-start experiment, and the text
of the explanation and of both side panels. The view only draws what this module computes,
so every number on screen is unit-tested without a QApplication.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from visualizers.core.csv_reader import read_csv_file
from visualizers.core.text import escape
from visualizers.matrix_factorization.algorithm import (
    Factorization,
    FactorizationFrame,
    FactorizationStepper,
    Method,
    factor_alignment,
)
from visualizers.matrix_factorization.data import (
    GENRES,
    RatingData,
    parse_rating_csv,
    simulate_new_user,
    synthetic_ratings,
)
from visualizers.matrix_factorization.recommend import (
    Recommendation,
    fold_in_user,
    genre_scores,
    popularity_scores,
    predicted_row,
    recommend_for_user,
    top_unseen,
)
from visualizers.matrix_factorization.spec import DATA_CSV

if TYPE_CHECKING:
    from visualizers.core.learner import LearnerPlan, LearnerResult, LearnerRun


Value = int | float | str | bool
TOP_N = 5
KNOWN_SHOWN = 6  # known ratings listed in the user panel before "… and n more"
# Test RMSE this far above its best, while train RMSE keeps falling, is called overfitting.
OVERFIT_MARGIN = 1.02
_CACHE_SIZE = 4


# --- overfitting and narration ----------------------------------------------------------------


def is_overfitting(model: Factorization) -> bool:
    """Test RMSE has risen clearly above its best while train RMSE kept falling since then."""
    test = model.test_rmse
    if len(test) < 3:
        return False
    best = int(np.argmin(test))
    return test[-1] > OVERFIT_MARGIN * test[best] and model.train_rmse[-1] < model.train_rmse[best]


def narrate(frame: FactorizationFrame) -> FactorizationFrame:
    """The frame with its overfitting flag, factor alignment and explanation filled in."""
    if frame.model is None or frame.problem is None:
        return frame
    truth = frame.problem.data.true_item_factors
    alignment = factor_alignment(frame.model.Q, truth) if truth is not None else None
    filled = replace(frame, overfitting=is_overfitting(frame.model), alignment=alignment)
    return replace(filled, explanation=explain(filled))


def explain(frame: FactorizationFrame) -> str:
    """The explanation panel's rich text for this epoch, with the live numbers, warnings first."""
    p, model = frame.problem, frame.model
    if p is None or model is None:
        return ""
    n_users, n_items = p.data.shape
    n_train = int(p.train_mask.sum())
    n_test = int(p.test_mask.sum())
    step_size = f", η = {p.lr:g}" if p.method == "SGD" else ""
    test_text = f", test RMSE <b>{model.test_rmse[-1]:.3f}</b>" if model.test_rmse else ""
    lines = [
        f"<b>{p.method}, epoch {model.epochs} of {p.epochs}</b> (rank {p.rank}, λ = {p.reg:g}"
        f"{step_size}): train RMSE <b>{model.train_rmse[-1]:.3f}</b>{test_text}, "
        f"objective J = {model.objective[-1]:,.1f}. {n_train:,} training ratings of "
        f"{n_users} × {n_items} ({100.0 * p.data.observed.mean():.1f}% observed), "
        f"{n_test:,} held out."
    ]
    if frame.overfitting:
        best = int(np.argmin(model.test_rmse))
        lines.append(
            f"<b>Overfitting:</b> test RMSE has risen from {model.test_rmse[best]:.3f} "
            f"(epoch {best}) to {model.test_rmse[-1]:.3f} while train RMSE kept falling: a high "
            "rank with little regularization memorizes the training ratings. Raise λ, lower the "
            "rank or stop early."
        )
    if p.rank > min(n_users, n_items):
        lines.append(
            f"The rank {p.rank} exceeds min(users, videos) = {min(n_users, n_items)}: the extra "
            "factors add no expressive power, only room to memorize."
        )
    empty_users = int((~p.train_mask.any(axis=1)).sum())
    empty_items = int((~p.train_mask.any(axis=0)).sum())
    if empty_users or empty_items:
        lines.append(
            f"{empty_users} user(s) and {empty_items} video(s) have no training ratings: nothing "
            "trains their factors (ALS sets them to 0, SGD leaves them at their tiny random "
            "start), so their predictions fall back to the biases (cold start)."
        )
    if p.method == "SGD":
        lines.append(
            "Each epoch visits every training rating once, in random order, and nudges p_u, q_i "
            "and the biases against its error (rating − prediction); missing cells are never read."
        )
        if model.epochs <= 15:
            lines.append(
                "A flat start is normal: P = Q = 0 is a saddle point, and the small random "
                "initial factors take a few epochs to grow away from it."
            )
    else:
        lines.append(
            "Each ALS epoch solves every user's factors exactly with the videos fixed, then "
            "every video's with the users fixed: no learning rate, and J never rises."
        )
    if p.data.noise is not None:
        floor = (
            f" Learned video factors explain {100 * frame.alignment:.0f}% of the hidden genre "
            "tastes (after the best linear map: factors are only defined up to one)."
            if frame.alignment is not None
            else ""
        )
        lines.append(
            f"The ratings carry noise σ = {p.data.noise:g}: no model's test RMSE can beat "
            f"about that.{floor}"
        )
    return "<br>".join(lines)


def summary(frame: FactorizationFrame) -> str:
    """Plain-text key numbers of this epoch, for screen readers."""
    model = frame.model
    if model is None:
        return ""
    test = f", test RMSE {model.test_rmse[-1]:.3f}" if model.test_rmse else ""
    return f"epoch {model.epochs}: train RMSE {model.train_rmse[-1]:.3f}{test}"


class NarratedStepper:
    """`FactorizationStepper` whose frames carry the state's narration and flags."""

    def __init__(self, inner: FactorizationStepper) -> None:
        self.inner = inner
        self.problem = inner.problem

    def first(self) -> FactorizationFrame:
        return narrate(self.inner.first())

    def advance(self, frame: FactorizationFrame) -> FactorizationFrame:
        return narrate(self.inner.advance(frame))


# --- parameters, data and the stepper ------------------------------------------------------------


class MatrixFactorizationState:
    """The user's data and the dataset cache; `stepper(params, seed)` builds a run."""

    def __init__(self) -> None:
        self.csv_data: RatingData | None = None
        self.csv_name = ""
        self._cache: dict[tuple[int, int, float, float, int], RatingData] = {}
        # "Animate my code": the learner's own training curve beside this run's.
        self.learner: LearnerRun[float] | None = None

    def data_for(self, params: Mapping[str, Value], seed: int) -> RatingData:
        """The rating matrix these parameters ask for (synthetic ones are cached)."""
        if params["data"] == DATA_CSV:
            if self.csv_data is None:
                raise ValueError("No CSV loaded yet: use “Load ratings CSV…” below the parameters.")
            return self.csv_data
        key = (
            int(params["users"]),
            int(params["videos"]),
            float(params["observed"]),
            float(params["noise"]),
            int(params["seed"]) + seed,
        )
        data = self._cache.get(key)
        if data is None:
            data = synthetic_ratings(*key)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = data
        return data

    def stepper(self, params: Mapping[str, Value], seed: int) -> NarratedStepper:
        """Parameters → data → stepper; ValueError (a message for the user) when unusable."""
        data = self.data_for(params, seed)
        method: Method = "ALS" if params["method"] == "ALS" else "SGD"
        self.learner = None
        return NarratedStepper(
            FactorizationStepper(
                data,
                method=method,
                rank=int(params["rank"]),
                lr=float(params["lr"]),
                reg=float(params["reg"]),
                epochs=int(params["epochs"]),
                seed=int(params["seed"]) + seed,
                biases=bool(params["biases"]),
            )
        )

    def explain(self, frame: FactorizationFrame) -> str:
        """The frame's narration, led by how the learner's run compares when one is loaded."""
        if self.learner is None:
            return frame.explanation
        return f"<b>{escape(self.learner.comparison(frame.step))}</b><br><br>{frame.explanation}"

    # -- the learner's run ("Animate my code") --------------------------------------------
    # (`learner` is imported when a run is first asked for: most opens never need it)
    @staticmethod
    def learner_values() -> dict[str, Value]:
        """Parameters that make the reference the contract's model (SGD, no biases)."""
        from visualizers.matrix_factorization import learner

        return learner.values()

    @staticmethod
    def learner_plan(frames: list[FactorizationFrame]) -> LearnerPlan:
        """The calls of the learner's matrix_factorization at this run's checkpoints."""
        from visualizers.matrix_factorization import learner

        return learner.plan(frames)

    def load_learner(
        self,
        plan: LearnerPlan,
        results: list[LearnerResult | None],
        frames: list[FactorizationFrame],
    ) -> LearnerRun[float]:
        """Keep the learner's training curve (the results of `plan`'s calls) beside this run."""
        from visualizers.matrix_factorization import learner

        self.learner = learner.load(plan, results, frames)
        return self.learner

    def parse_csv(self, text: str, name: str) -> RatingData:
        """Parse a user,item,rating CSV (ValueError names the bad line); not yet adopted."""
        return parse_rating_csv(text, name)

    def adopt_csv(self, data: RatingData | None, name: str = "") -> RatingData | None:
        """Make `data` the CSV runs use; returns the previous one (for a revert)."""
        previous = self.csv_data
        self.csv_data, self.csv_name = data, name
        return previous

    @staticmethod
    def read_csv(path: Path) -> tuple[RatingData, str]:
        """(ratings, file name) of a user,item,rating CSV file; pure, so a worker may call it."""
        return parse_rating_csv(read_csv_file(path), path.name), path.name

    def swap_csv(self, named: tuple[RatingData, str] | None) -> tuple[RatingData, str] | None:
        """Adopt (ratings, file name) as the CSV; returns the pair it replaced (for a revert).

        Drops the learner's run: it retraced a run on the old data, and a load whose run
        was built ahead (`stepper_for_csv`) never calls `stepper`, which would drop it.
        """
        replaced = None if self.csv_data is None else (self.csv_data, self.csv_name)
        self.adopt_csv(*(named or (None, "")))
        self.learner = None
        return replaced

    @staticmethod
    def stepper_for_csv(
        named: tuple[RatingData, str], params: Mapping[str, Value], seed: int
    ) -> NarratedStepper:
        """The run `stepper` will build once `named` is adopted, made by a fresh state.

        Touches no existing state, so the loading worker builds it (and its first frame,
        the slow part for a big file) off the GUI thread.
        """
        fresh = MatrixFactorizationState()
        fresh.swap_csv(named)
        return fresh.stepper(params, seed)

    def csv_summary(self) -> str:
        data = self.csv_data
        if data is None:
            return "No CSV loaded: using synthetic genre ratings."
        n_users, n_items = data.shape
        return (
            f"{escape(self.csv_name)}: {int(data.observed.sum()):,} ratings, "
            f"{n_users} users × {n_items} items."
        )


def point_tips(data: RatingData) -> tuple[list[str], list[str]]:
    """Hover texts of the latent-space points: (one per video, one per user)."""
    if data.user_favorite is None:
        return list(data.item_names), list(data.user_names)
    users = [
        f"{name} (hidden favourite: {data.genres[int(g)]})"
        for name, g in zip(data.user_names, data.user_favorite, strict=True)
    ]
    return list(data.item_names), users


def latent_legend_html(data: RatingData, colors: Sequence[str]) -> str:
    """The key under the latent space: marker shapes, and one colour per genre if known."""
    if data.item_genre is None:
        return "● videos, ▲ users. Hover a point for its name."
    keys = " ".join(
        f"<span style='color:{colors[g % len(colors)]}'>■</span>&nbsp;{escape(name)}"
        for g, name in enumerate(data.genres)
    )
    return f"● videos, ▲ users (coloured by hidden favourite): {keys}"


# --- "pick a user": known ratings and recommendations with their why ---------------------------


@dataclass(frozen=True)
class UserPanel:
    """One user's known ratings (best first), the model's predictions and the top unseen."""

    user: int
    known_items: NDArray[np.intp]
    known_ratings: NDArray[np.float64]  # NaN where the user has no training rating
    predicted: NDArray[np.float64]
    recommendations: tuple[Recommendation, ...]
    truth: NDArray[np.float64] | None  # noise-free ratings, synthetic data only


def user_panel(frame: FactorizationFrame, user: int) -> UserPanel:
    """What the "pick a user" tab shows for `user` (0-based) at this frame."""
    assert frame.model is not None and frame.problem is not None
    model, problem = frame.model, frame.problem
    data = problem.data
    seen = problem.train_mask[user]
    known = np.where(seen, data.ratings[user], np.nan)
    recs = recommend_for_user(model, user, seen, np.nan_to_num(known), n=TOP_N)
    items = np.flatnonzero(seen)
    items = items[np.argsort(-known[items], kind="stable")]
    truth = None
    if data.true_user_factors is not None and data.true_user_bias is not None:
        truth = data.true_rating(data.true_user_factors[user], float(data.true_user_bias[user]))
    return UserPanel(user, items, known, predicted_row(model, user), recs, truth)


def user_html(panel: UserPanel, data: RatingData) -> str:
    """The "pick a user" tab's rich text."""
    names = data.item_names
    user = panel.user
    items = panel.known_items
    head = f"<b>{escape(data.user_names[user])}</b>"
    if data.user_favorite is not None:
        favourite = data.genres[int(data.user_favorite[user])]
        head += f" — hidden favourite genre: <b>{escape(favourite)}</b>"
    parts = [head, f"<br>{items.size} known rating(s) the model trained on."]
    if items.size:
        rows = "".join(
            f"<tr><td>{escape(names[i])}</td><td align='right'>{panel.known_ratings[i]:.1f}</td>"
            f"<td align='right'>{panel.predicted[i]:.1f}</td></tr>"
            for i in items[:KNOWN_SHOWN]
        )
        more = (
            f"<br><i>… and {items.size - KNOWN_SHOWN} more</i>" if items.size > KNOWN_SHOWN else ""
        )
        parts.append(
            "<table cellspacing='0' cellpadding='3'><tr><th align='left'>known</th>"
            f"<th>rated</th><th>model</th></tr>{rows}</table>{more}"
        )
    else:
        parts.append(
            "<br>No training ratings: the model can only offer μ + b_i, the same list for "
            "everyone (cold start)."
        )
    if panel.recommendations:
        truth = panel.truth
        rows = ""
        for r in panel.recommendations:
            why = ", ".join(escape(names[b]) for b in r.because) or "popular overall"
            true_cell = f"<td align='right'>{truth[r.item]:.1f}</td>" if truth is not None else ""
            rows += (
                f"<tr><td>{escape(names[r.item])}</td><td align='right'>{r.predicted:.1f}</td>"
                f"{true_cell}<td>near {why}</td></tr>"
            )
        true_head = "<th>truth</th>" if truth is not None else ""
        parts.append(
            f"<br><b>Top {len(panel.recommendations)} unseen</b> (□ in the latent space)"
            f"<table cellspacing='0' cellpadding='3'><tr><th align='left'>video</th>"
            f"<th>model</th>{true_head}<th align='left'>why: nearest liked videos</th></tr>"
            f"{rows}</table>"
        )
    return "".join(parts)


# --- cold start ---------------------------------------------------------------------------------


def cold_start_scores(
    model: Factorization, p: NDArray[np.float64], b: float
) -> NDArray[np.float64]:
    """A folded-in new user's predicted rating of every video: μ + b + b_i + q_i · p."""
    scores: NDArray[np.float64] = model.global_mean + b + model.item_bias + model.Q @ p
    return scores


@dataclass(frozen=True)
class ColdStart:
    """A simulated new user and three recommenders' top lists, scored by the user's truth."""

    genre: int
    count: int
    rated: NDArray[np.int64]
    truth: NDArray[np.float64]
    lists: dict[str, NDArray[np.intp]]  # recommender name → its top-N unseen videos
    ideal: float  # mean true rating of the best possible top-N

    def mean_truth(self, name: str) -> float:
        picks = self.lists[name]
        return float(np.mean(self.truth[picks])) if len(picks) else float("nan")


def cold_start(frame: FactorizationFrame, genre: int, count: int) -> ColdStart | None:
    """The cold-start experiment for a new user loving `genre` with `count` ratings.

    None for data without hidden tastes (a CSV): there is no truth to score against.
    """
    assert frame.model is not None and frame.problem is not None
    model, problem = frame.model, frame.problem
    data = problem.data
    if not data.synthetic or data.item_genre is None:
        return None
    rated, ratings, truth = simulate_new_user(data, genre, count, problem.seed + 101)
    p, b = fold_in_user(model, rated, ratings, problem.reg, problem.biases)
    seen = np.zeros(data.shape[1], dtype=bool)
    seen[rated] = True
    popularity = popularity_scores(data.ratings, problem.train_mask)
    content = genre_scores(popularity, data.item_genre, genre)
    lists = {
        "MF, folded in": top_unseen(cold_start_scores(model, p, b), seen, TOP_N),
        "Popularity": top_unseen(popularity, seen, TOP_N),
        f"Genre ({GENRES[genre]})": top_unseen(content, seen, TOP_N),
    }
    ideal = float(np.mean(np.sort(truth[~seen])[::-1][:TOP_N]))
    return ColdStart(genre, count, rated, truth, lists, ideal)


COLD_START_NEEDS_SYNTHETIC = (
    "The cold-start demo simulates a new user from the synthetic data's hidden "
    "tastes; switch Ratings to “synthetic genres” to use it."
)


def cold_start_html(result: ColdStart | None, data: RatingData) -> str:
    """The cold-start tab's rich text: the three lists side by side and a verdict."""
    if result is None:
        return COLD_START_NEEDS_SYNTHETIC
    header = "".join(f"<th align='left'>{escape(name)}</th>" for name in result.lists)
    rows = ""
    for rank in range(TOP_N):
        cells = ""
        for picks in result.lists.values():
            if rank < len(picks):
                item = int(picks[rank])
                cells += (
                    f"<td>{escape(data.item_names[item])} <i>({result.truth[item]:.1f})</i></td>"
                )
            else:
                cells += "<td></td>"
        rows += f"<tr>{cells}</tr>"
    means = "".join(f"<td><b>{result.mean_truth(name):.2f}</b></td>" for name in result.lists)
    if result.count == 0:
        verdict = (
            "With <b>no ratings</b> the fold-in gives p = 0: the model can only rank by "
            "μ + b_i, which is popularity in disguise. It knows nothing personal, so the "
            "onboarding question (favourite genre) is the better bet."
        )
    else:
        verdict = (
            f"With <b>{result.count} rating(s)</b> one ridge solve against the fixed video "
            "factors places the user in the latent space, no retraining needed; each extra "
            "rating sharpens the estimate, and popularity never personalizes."
        )
    return (
        f"A new user who loves <b>{escape(GENRES[result.genre])}</b> has rated "
        f"{result.count} video(s). Each list's top {TOP_N}, with the user's <i>(true rating)</i>:"
        f"<table cellspacing='0' cellpadding='3'><tr>{header}</tr>{rows}"
        f"<tr>{means}</tr></table>"
        f"Mean true rating of each list (best possible {result.ideal:.2f}).<br>{verdict}"
    )
