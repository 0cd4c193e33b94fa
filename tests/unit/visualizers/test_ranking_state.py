"""The ranking state (no Qt): growing k, re-ranking toward the ideal order, the narration."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn import metrics as skm

from visualizers.core.registry import for_question, get
from visualizers.ranking.algorithm import synthetic_recommendations
from visualizers.ranking.spec import GROW_K, RERANK
from visualizers.ranking.state import (
    RankingFrame,
    RankingState,
    RankingStepper,
    explain,
    promoted,
    summary,
)


def params(**values: object) -> dict[str, int | float | str | bool]:
    spec = get("ranking")
    assert spec is not None
    return spec.resolve(values)


def run(stepper: RankingStepper) -> list[RankingFrame]:
    frames = [stepper.first()]
    while not frames[-1].finished:
        frames.append(stepper.advance(frames[-1]))
        assert len(frames) < 500
    return frames


def test_question_14_opens_the_ranking_visualizer() -> None:
    assert [spec.id for spec in for_question(14)] == ["ranking"]


def test_promotion_moves_the_best_remaining_item_up_and_shifts_the_rest() -> None:
    relevance = np.array([0.0, 1.0, 3.0, 2.0])
    moved = promoted(relevance, 0)
    assert moved is not None and moved.tolist() == [3.0, 0.0, 1.0, 2.0]
    assert promoted(np.array([3.0, 1.0, 1.0]), 1) is None  # a tie is already in place
    assert promoted(np.array([2.0, 2.0, 0.0]), 0) is None


def test_growing_k_steps_through_every_cutoff_and_narrates_by_hand_numbers() -> None:
    lists = synthetic_recommendations(n_users=4, n_items=12, model_quality=1.0, seed=3)
    frames = run(RankingStepper(lists, 2, k=5, rerank=False))
    assert [f.k for f in frames] == list(range(1, 13))
    assert frames[-1].finished and not frames[-2].finished
    ranked = lists.relevance[2][np.argsort(-lists.scores[2], kind="stable")]
    for frame in frames:
        k = frame.k
        hits = int(np.count_nonzero(ranked[:k] > 0))
        assert f"precision@{k} <b>{hits / k:.2f}</b>" in frame.explanation
        total = int(np.count_nonzero(ranked > 0))
        assert f"recall@{k} <b>{(hits / total if total else 0.0):.2f}</b>" in frame.explanation
        assert frame.explanation == explain(frame)
    assert "k 12" in summary(frames[-1])


@pytest.mark.parametrize("seed", range(4))
def test_re_ranking_ends_in_the_ideal_top_k_with_ndcg_one(seed: int) -> None:
    lists = synthetic_recommendations(n_users=5, n_items=20, model_quality=0.3, seed=seed)
    k = 8
    frames = run(RankingStepper(lists, 1, k=k, rerank=True))
    assert len(frames) - 1 <= k  # at most one promotion per slot
    final = frames[-1]
    ranked = final.metrics.ranked_relevance
    ideal = np.sort(lists.relevance[1])[::-1]
    np.testing.assert_array_equal(ranked[:k], ideal[:k])
    assert sorted(ranked.tolist()) == sorted(lists.relevance[1].tolist())  # same videos
    user_scores = final.lists.scores[1:2]
    if lists.relevance[1].any():
        expected = skm.ndcg_score(final.lists.relevance[1:2], user_scores, k=k)
        assert final.metrics.ndcg[k - 1] == pytest.approx(expected) == pytest.approx(1.0)
        assert "NDCG@8 is exactly 1" in final.explanation
    # Other users' lists are untouched, so MAP moves only through this user.
    np.testing.assert_array_equal(final.lists.relevance[0], lists.relevance[0])
    for before, after in itertools.pairwise(frames):
        assert after.moved is not None and after.step == before.step + 1
        assert after.metrics.ndcg[k - 1] >= before.metrics.ndcg[k - 1] - 1e-12


def test_state_builds_either_animation_and_caches_the_lists() -> None:
    state = RankingState()
    grow = state.stepper(params(animation=GROW_K), 0)
    assert not grow.rerank and grow.user == 0
    rerank = state.stepper(params(animation=RERANK, k=10, user=20, users=3), 0)
    assert rerank.rerank and rerank.k == 10 and rerank.user == 2  # user clamped to the lists
    assert state.lists_for(params(k=3), 0) is state.lists_for(params(k=7), 0)
    assert state.lists_for(params(quality=2.0), 0) is not state.lists_for(params(), 0)


def test_prompt_answers_hold_for_their_presets() -> None:
    spec = get("ranking")
    assert spec is not None
    assert all(p.questions == (14,) for p in spec.predictions) and len(spec.predictions) == 3

    def frames(preset: str) -> list[RankingFrame]:
        assert spec is not None
        return run(RankingState().stepper(spec.preset_values(preset), spec.seed))

    good = frames("good-model")
    recall = good[-1].metrics.recall
    assert np.all(np.diff(recall) >= 0) and recall[-1] == 1.0
    random = frames("random-ranker")[-1]
    share = float(np.mean(random.lists.relevance[random.user] > 0))
    assert random.metrics.precision[-1] == pytest.approx(share)
    assert 0.15 < share < 0.45  # "about 30%"
    fixed = frames("fix-the-order")
    assert len(fixed) - 1 <= 10 and fixed[-1].metrics.ndcg[9] == pytest.approx(1.0)
    assert fixed[0].metrics.ndcg[9] < 1.0


def test_re_rank_narration_and_argument_checks() -> None:
    lists = synthetic_recommendations(n_users=3, n_items=10, model_quality=0.0, seed=1)
    frames = run(RankingStepper(lists, 0, k=4, rerank=True))
    assert "<b>The model's order.</b>" in frames[0].explanation
    assert "until the top 4 is ideal" in frames[0].explanation
    if len(frames) > 1:
        moved = frames[1].moved
        assert moved is not None
        name = ("skipped", "watched", "liked", "shared")[
            int(frames[1].metrics.ranked_relevance[moved])
        ]
        assert (
            f"<b>Step 1</b>: a {name} video moved up to slot {moved + 1}." in frames[1].explanation
        )
    assert (
        f"Over all 3 users: MAP@4 <b>{frames[-1].metrics.mean_average_precision[3]:.2f}</b>"
        in frames[-1].explanation
    )
    assert RankingStepper(lists, 0, k=0, rerank=True).k == 1
    assert RankingStepper(lists, 0, k=99, rerank=True).k == 10
    for user in (-1, 3):
        with pytest.raises(ValueError, match="user must be between 1 and 3"):
            RankingStepper(lists, user, k=3, rerank=False)
    r = frames[-1].metrics
    assert summary(frames[-1]) == (
        f"k 4, precision {r.precision[3]:.2f}, recall {r.recall[3]:.2f}, NDCG {r.ndcg[3]:.2f}"
    )


def test_growing_k_keeps_every_frames_metrics_equal_to_a_fresh_computation() -> None:
    """Growing k reuses the first frame's metrics (the lists don't change): they must still
    be exactly what the lists give, for every frame."""
    from visualizers.core import registry
    from visualizers.ranking.algorithm import ranking_metrics
    from visualizers.ranking.state import RankingState

    spec = registry.get("ranking")
    assert spec is not None
    params = {p.name: p.default for p in spec.parameters}
    params["animation"] = "grow k down the list"
    stepper = RankingState().stepper(params, 0)
    frame = stepper.first()
    seen = 1
    while not frame.finished:
        frame = stepper.advance(frame)
        seen += 1
        fresh = ranking_metrics(frame.lists, frame.user)
        for name in ("precision", "recall", "average_precision", "ndcg", "mean_ndcg"):
            assert np.array_equal(getattr(frame.metrics, name), getattr(fresh, name)), name
    assert seen == frame.lists.n_items
