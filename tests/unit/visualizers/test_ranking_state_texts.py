"""The ranking state on hand-made lists: narration, summary, step numbers, finished lists.

Two users; user 2's list (relevance in the model's order) is 3, 0, 2, 1, 0. At k = 3:
2 of 3 shown are relevant (precision 0.67), 2 of its 3 relevant (recall 0.67; at k = 2 it
is 0.33), DCG@3 = 3 + 0 + 2/log₂4 = 4 against the ideal 3 + 2/log₂3 + 1/2, so NDCG@3 = 0.84
(at k = 2 it is 0.70). scikit-learn's `ndcg_score` checks the NDCG.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import ndcg_score

from visualizers.core.registry import get
from visualizers.ranking.algorithm import RecommendationLists, synthetic_recommendations
from visualizers.ranking.state import RankingFrame, RankingState, RankingStepper, summary

RELEVANCE = np.array([[1.0, 0.0, 0.0, 0.0, 2.0], [3.0, 0.0, 2.0, 1.0, 0.0]])
SCORES = np.array([[5.0, 4.0, 3.0, 2.0, 1.0], [5.0, 4.0, 3.0, 2.0, 1.0]])


def frame_at(k: int) -> RankingFrame:
    lists = RecommendationLists(relevance=RELEVANCE, scores=SCORES)
    stepper = RankingStepper(lists, user=1, k=5, rerank=False)
    frame = stepper.first()
    while frame.k < k:
        frame = stepper.advance(frame)
    return frame


def test_hand_worked_ndcg_agrees_with_scikit_learn() -> None:
    ideal = 3 + 2 / math.log2(3) + 1 / 2
    assert ndcg_score(RELEVANCE[1:], SCORES[1:], k=3) == pytest.approx(4 / ideal)
    assert f"{4 / ideal:.2f}" == "0.84"
    assert f"{3 / (3 + 2 / math.log2(3)):.2f}" == "0.70"


def test_summary_reads_every_number_at_k() -> None:
    assert summary(frame_at(3)) == "k 3, precision 0.67, recall 0.67, NDCG 0.84"


def test_narration_names_the_user_from_one_and_keeps_its_lines() -> None:
    lines = frame_at(3).explanation.split("<br>")
    assert len(lines) == 2
    assert lines[0].startswith(
        "<b>User 2, top 3</b>: 2 of the 3 shown are relevant → precision@3 <b>0.67</b>; "
        "they are 2 of the user's 3 relevant videos → recall@3 <b>0.67</b>. "
    )
    assert lines[0].endswith(
        "NDCG@3 <b>0.84</b> also rewards putting the <i>most</i> relevant (shared, liked) "
        "first, discounting rank r by 1/log₂(r+1), with gain = relevance."
    )
    assert lines[1].startswith("Over all 2 users: MAP@3 <b>")
    assert lines[1].endswith("Offline metrics shortlist models; an A/B test on watch time decides.")


def test_grow_k_numbers_its_steps_from_zero_and_ends_at_the_last_item() -> None:
    lists = RecommendationLists(relevance=RELEVANCE, scores=SCORES)
    stepper = RankingStepper(lists, user=1, k=5, rerank=False)
    frames = [stepper.first()]
    while not frames[-1].finished:
        frames.append(stepper.advance(frames[-1]))
    assert [(f.step, f.k) for f in frames] == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]


def test_a_one_item_list_is_finished_at_once() -> None:
    lists = RecommendationLists(relevance=np.array([[2.0]]), scores=np.array([[0.5]]))
    assert RankingStepper(lists, user=0, k=3, rerank=False).first().finished
    assert RankingStepper(lists, user=0, k=3, rerank=True).first().finished


def test_re_ranking_an_ideal_list_has_nothing_to_move() -> None:
    # User 1's list in the model's order is 1, 0, 0, 0, 2: its top 1 is not ideal, but
    # user 2 sorted by relevance (3, 2, 1, 0, 0) already is, for every k.
    ideal = np.array([[1.0, 0.0, 0.0, 0.0, 2.0], [3.0, 2.0, 1.0, 0.0, 0.0]])
    lists = RecommendationLists(relevance=ideal, scores=SCORES)
    stepper = RankingStepper(lists, user=1, k=4, rerank=True)
    first = stepper.first()
    assert first.finished and first.moved is None
    after = stepper.advance(first)
    assert after.finished and after.step == 1
    assert after.metrics.ranked_relevance.tolist() == [3.0, 2.0, 1.0, 0.0, 0.0]
    assert not RankingStepper(lists, user=0, k=1, rerank=True).first().finished


def test_the_lists_use_the_parameter_seed_offset_by_the_run_seed() -> None:
    spec = get("ranking")
    assert spec is not None
    values = spec.resolve({"users": 4, "items": 12, "quality": 1.0, "seed": 3})
    lists = RankingState().lists_for(values, 2)
    expected = synthetic_recommendations(n_users=4, n_items=12, model_quality=1.0, seed=3 + 2)
    np.testing.assert_array_equal(lists.relevance, expected.relevance)
    np.testing.assert_array_equal(lists.scores, expected.scores)
