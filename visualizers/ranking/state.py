"""What the ranking view shows, as frames the player steps through (pure, no Qt).

Two animations over one user's recommended list:

- *grow k*: frame k − 1 shows the top k, so the metrics@k and their curves over k are read
  left to right, one more slot per step;
- *re-rank*: a fixed cutoff k, and each step promotes the most relevant video not yet in
  place into the next slot (what a user dragging the list into order would do), until the
  top k is the ideal order and NDCG@k reaches 1.

Every number on screen (the metrics at k, the curves, MAP and mean NDCG over users) and the
narration `explain(frame)` come from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from visualizers.core.frames import Frame, read_only
from visualizers.ranking.algorithm import (
    RankingAtK,
    RecommendationLists,
    ranking_metrics,
    synthetic_recommendations,
)
from visualizers.ranking.spec import RERANK

Value = int | float | str | bool
RELEVANCE_NAMES = ("skipped", "watched", "liked", "shared")


@dataclass(frozen=True, kw_only=True)
class RankingFrame(Frame):
    """One user's list in its current order, the cutoff k and every metric over k."""

    user: int
    k: int
    rerank: bool
    lists: RecommendationLists  # every user's list, with this user's scores as now ordered
    metrics: RankingAtK
    moved: int | None = None  # the slot a promotion just filled (re-rank mode)

    @property
    def hits(self) -> int:
        """Relevant items in the top k."""
        return int(np.count_nonzero(self.metrics.ranked_relevance[: self.k] > 0))

    @property
    def relevant(self) -> int:
        return int(np.count_nonzero(self.metrics.ranked_relevance > 0))


def promoted(relevance: NDArray[np.float64], slot: int) -> NDArray[np.float64] | None:
    """Ranked relevance after promoting the most relevant item at or below `slot` into it.

    None when that item is already in the slot (nothing to move). Items between the two
    positions shift down one place, as when a list item is dragged up.
    """
    best = slot + int(np.argmax(relevance[slot:]))
    if relevance[best] == relevance[slot]:
        return None
    order = np.r_[np.arange(slot), best, np.delete(np.arange(slot, relevance.size), best - slot)]
    return relevance[order]


def explain(frame: RankingFrame) -> str:
    """Rich text for this frame: the metrics at k in words, and what the step did."""
    r, k, i = frame.metrics, frame.k, frame.k - 1
    lines = []
    if frame.rerank:
        if frame.moved is None:
            lines.append(
                f"<b>The model's order.</b> Each step promotes the most relevant video "
                f"left into the next slot, until the top {k} is ideal."
            )
        else:
            name = RELEVANCE_NAMES[int(r.ranked_relevance[frame.moved])]
            lines.append(
                f"<b>Step {frame.step}</b>: a {name} video moved up to slot {frame.moved + 1}."
            )
        if frame.finished:
            lines.append(f"The top {k} is now in the ideal order: NDCG@{k} is exactly 1.")
    lines.append(
        f"<b>User {frame.user + 1}, top {k}</b>: {frame.hits} of the {k} shown are relevant → "
        f"precision@{k} <b>{r.precision[i]:.2f}</b>; they are {frame.hits} of the user's "
        f"{frame.relevant} relevant videos → recall@{k} <b>{r.recall[i]:.2f}</b>. "
        f"AP@{k} <b>{r.average_precision[i]:.2f}</b> rewards putting the hits first; "
        f"NDCG@{k} <b>{r.ndcg[i]:.2f}</b> also rewards putting the <i>most</i> relevant "
        "(shared, liked) first, discounting rank r by 1/log₂(r+1), with gain = relevance."
    )
    lines.append(
        f"Over all {frame.lists.n_users} users: MAP@{k} <b>{r.mean_average_precision[i]:.2f}</b>, "
        f"mean NDCG@{k} <b>{r.mean_ndcg[i]:.2f}</b>. Offline metrics shortlist models; an A/B "
        "test on watch time decides."
    )
    return "<br>".join(lines)


def summary(frame: RankingFrame) -> str:
    """Plain-text key numbers for screen readers."""
    r, k = frame.metrics, frame.k
    return (
        f"k {k}, precision {r.precision[k - 1]:.2f}, recall {r.recall[k - 1]:.2f}, "
        f"NDCG {r.ndcg[k - 1]:.2f}"
    )


class RankingStepper:
    """Frames of one animation over one user's list (see the module docstring)."""

    def __init__(self, lists: RecommendationLists, user: int, k: int, rerank: bool) -> None:
        if not 0 <= user < lists.n_users:
            raise ValueError(f"user must be between 1 and {lists.n_users}")
        self.lists = lists
        self.user = user
        self.rerank = rerank
        self.k = min(max(1, k), lists.n_items)

    def _frame(
        self,
        step: int,
        k: int,
        lists: RecommendationLists,
        moved: int | None,
        finished: bool,
        metrics: RankingAtK | None = None,
    ) -> RankingFrame:
        """A frame; `metrics` of the same lists are reused (they are every k's, so growing k
        changes none of them, and computing them is the whole cost of a step)."""
        frame = RankingFrame(
            step=step,
            explanation="",
            finished=finished,
            user=self.user,
            k=k,
            rerank=self.rerank,
            lists=lists,
            metrics=metrics if metrics is not None else ranking_metrics(lists, self.user),
            moved=moved,
        )
        return replace(frame, explanation=explain(frame))

    def first(self) -> RankingFrame:
        if not self.rerank:
            return self._frame(0, 1, self.lists, None, self.lists.n_items == 1)
        relevance = ranking_metrics(self.lists, self.user).ranked_relevance
        return self._frame(0, self.k, self.lists, None, _ideal(relevance, self.k))

    def advance(self, frame: RankingFrame) -> RankingFrame:
        if not self.rerank:
            k = min(frame.k + 1, self.lists.n_items)
            return self._frame(
                frame.step + 1, k, self.lists, None, k == self.lists.n_items, frame.metrics
            )
        relevance = frame.metrics.ranked_relevance
        slot = next((s for s in range(self.k) if promoted(relevance, s) is not None), None)
        reordered = None if slot is None else promoted(relevance, slot)
        if slot is None or reordered is None:
            return replace(frame, step=frame.step + 1, finished=True)
        lists = _with_order(frame.lists, self.user, reordered)
        return self._frame(frame.step + 1, self.k, lists, slot, _ideal(reordered, self.k))


def _ideal(relevance: NDArray[np.float64], k: int) -> bool:
    """True when no promotion would change the top k (it is in the ideal order)."""
    return all(promoted(relevance, s) is None for s in range(k))


def _with_order(
    lists: RecommendationLists, user: int, ranked_relevance: NDArray[np.float64]
) -> RecommendationLists:
    """The lists with this user's row replaced by `ranked_relevance`, scored in that order."""
    relevance = np.array(lists.relevance)
    scores = np.array(lists.scores)
    relevance[user] = ranked_relevance
    scores[user] = -np.arange(ranked_relevance.size, dtype=np.float64)
    return RecommendationLists(relevance=read_only(relevance), scores=read_only(scores))


class RankingState:
    """Parameters → lists (cached) → a stepper."""

    def __init__(self) -> None:
        self._lists: dict[tuple[int, int, float, int], RecommendationLists] = {}

    def lists_for(self, params: Mapping[str, Value], seed: int) -> RecommendationLists:
        key = (int(params["users"]), int(params["items"]), float(params["quality"]),
               int(params["seed"]) + seed)  # fmt: skip
        if key not in self._lists:
            self._lists = {key: synthetic_recommendations(*key)}  # keep only the latest
        return self._lists[key]

    def stepper(self, params: Mapping[str, Value], seed: int) -> RankingStepper:
        lists = self.lists_for(params, seed)
        user = min(int(params["user"]), lists.n_users) - 1
        return RankingStepper(lists, user, int(params["k"]), params["animation"] == RERANK)
