"""Each predict-then-watch prompt's answer is what its preset's run shows by `watch_steps`.

The runs are built exactly as the views build them (through each state module), and the
claims are checked with independent computations (scikit-learn, the iris labels, plain
NumPy), so a prompt whose "correct" answer stopped being true fails here.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris

from visualizers.core.frames import History
from visualizers.core.registry import VisualizerSpec
from visualizers.gradient_descent.algorithm import GradientDescentFrame
from visualizers.gradient_descent.spec import SPEC as GD
from visualizers.gradient_descent.state import GradientDescentState
from visualizers.kmeans.algorithm import KMeansFrame
from visualizers.kmeans.spec import SPEC as KM
from visualizers.kmeans.state import KMeansState
from visualizers.similarity.algorithm import SimilarityFrame
from visualizers.similarity.spec import SPEC as SIM
from visualizers.similarity.state import SimilarityState


def _prompt(
    spec: VisualizerSpec, prompt_id: str
) -> tuple[dict[str, int | float | str | bool], int]:
    prompt = next(p for p in spec.predictions if p.id == prompt_id)
    return spec.preset_values(prompt.preset), prompt.watch_steps


def _gd(prompt_id: str) -> list[GradientDescentFrame]:
    values, steps = _prompt(GD, prompt_id)
    history = History(GradientDescentState().stepper(values, GD.seed))
    history.extend_to(steps)
    return list(history.frames())[: steps + 1]


def _km(prompt_id: str) -> tuple[KMeansState, KMeansFrame]:
    values, steps = _prompt(KM, prompt_id)
    state = KMeansState()
    history = History(state.stepper(values, KM.seed))
    return state, history[steps]


def _sim(prompt_id: str) -> tuple[SimilarityState, SimilarityFrame]:
    values, steps = _prompt(SIM, prompt_id)
    state = SimilarityState()
    return state, History(state.stepper(values, SIM.seed))[steps]


@pytest.mark.parametrize("spec", [GD, KM, SIM])
def test_every_question_has_two_or_three_prompts_of_its_own(spec: VisualizerSpec) -> None:
    counts = Counter(n for p in spec.predictions for n in p.questions)
    assert {n: counts[n] for n in spec.questions} == {
        n: min(max(counts[n], 2), 3) for n in spec.questions
    }
    assert 3 <= len(spec.presets) <= 5


def test_gd_too_large_rate_blows_up_while_the_middle_one_survives() -> None:
    frames = _gd("gd_lr_race")
    assert frames[-1].status[2] == "diverged"
    assert "diverged" not in frames[-1].status[:2]


def test_gd_momentum_crosses_the_minimum_repeatedly() -> None:
    xs = np.array([f.thetas[0, 0] for f in _gd("gd_momentum_overshoot")])
    assert int((np.diff(np.sign(xs)) != 0).sum()) >= 2


def test_gd_only_momentum_reaches_rosenbrocks_minimum() -> None:
    last = _gd("gd_rosenbrock_race")[-1]
    distance = np.linalg.norm(last.thetas - [1.0, 1.0], axis=1)
    assert distance[1] < 1e-3 and min(distance[0], distance[2]) > 0.1
    assert last.status[1] == "converged"


def test_gd_unscaled_diabetes_diverges_at_once() -> None:
    assert _gd("gd_unscaled")[-1].status == ("diverged",)


def test_gd_minibatch_loss_falls_overall_but_often_rises() -> None:
    losses = np.array([f.losses[0] for f in _gd("gd_minibatch")])
    assert losses[-1] < 0.5 * losses[0]
    assert int((np.diff(losses) > 0).sum()) >= 10


def test_kmeans_bad_start_stops_far_from_the_best_clustering() -> None:
    state, frame = _km("kmeans_bad_start")
    assert frame.finished
    assert state.dataset is not None
    best = KMeans(4, n_init=10, random_state=0).fit(state.dataset.points).inertia_
    assert frame.inertia is not None and frame.inertia > 3 * best


def test_kmeans_more_clusters_lower_inertia() -> None:
    state, frame = _km("kmeans_k_too_large")
    assert frame.finished and state.dataset is not None
    four = KMeans(4, n_init=10, random_state=0).fit(state.dataset.points).inertia_
    assert frame.inertia is not None and frame.inertia < four


def test_kmeans_cuts_through_the_moons() -> None:
    state, frame = _km("kmeans_moons")
    assert frame.finished and state.dataset is not None
    points = state.dataset.points
    # Which moon a point belongs to, by the geometry of the two arcs: the upper moon's
    # centre is (0, 0) and the lower's (3, 1.5) (radius 3 each, scaled by the generator).
    to_upper = np.abs(np.hypot(points[:, 0], points[:, 1]) - 3.0)
    to_lower = np.abs(np.hypot(points[:, 0] - 3.0, points[:, 1] - 1.5) - 3.0)
    moon = to_upper < to_lower
    labels = np.asarray(frame.labels)
    agreement = max(np.mean(labels == moon), np.mean(labels != moon))
    assert 0.6 < agreement < 0.85


def test_kmeans_iris_clusters_misplace_about_six_flowers() -> None:
    state, frame = _km("kmeans_iris")
    assert frame.finished and state.dataset is not None
    iris = load_iris()
    petals, species = iris.data[:, 2:], iris.target
    order = np.lexsort(petals.T)
    ours = np.lexsort(state.dataset.points.T)
    assert np.allclose(petals[order], state.dataset.points[ours])
    labels = np.empty(150, dtype=int)
    labels[order] = np.asarray(frame.labels)[ours]
    # Duplicated measurements make the matching ambiguous only between identical points,
    # which always share a cluster.
    misplaced = sum(
        int((labels == c).sum() - Counter(species[labels == c]).most_common(1)[0][1])
        for c in range(3)
    )
    assert misplaced == 6


def test_kmeans_finds_four_clusters_in_noise() -> None:
    _, frame = _km("kmeans_noise")
    assert frame.finished and len(np.unique(frame.labels)) == 4


def test_cosine_curve_ignores_lengths() -> None:
    state, _ = _sim("cos_lengths")
    unit = SimilarityState()
    unit.stepper(SIM.resolve({"a_length": 1.0, "b_length": 1.0}), SIM.seed)
    assert np.allclose(state.cosine_curve()[1], unit.cosine_curve()[1])


@pytest.mark.parametrize(
    ("prompt_id", "cosine"), [("cos_right_angle", 0.0), ("cos_opposite", -1.0)]
)
def test_cosine_at_right_angles_and_opposite(prompt_id: str, cosine: float) -> None:
    _, frame = _sim(prompt_id)
    assert frame.cosine == pytest.approx(cosine, abs=1e-12)


def _lengths(state: SimilarityState, frame: SimilarityFrame, metric: str) -> np.ndarray:
    catalogue = state.catalogue(400, SIM.seed)
    return np.linalg.norm(catalogue[list(frame.top_by[metric])], axis=1)


def test_dot_product_retrieval_favours_long_vectors() -> None:
    for prompt_id in ("retrieval_dot_popular", "content_match_length"):
        state, frame = _sim(prompt_id)
        shared = set(frame.top_by["cosine"]) & set(frame.top_by["dot product"])
        assert len(shared) <= 5
        average = np.linalg.norm(state.catalogue(400, SIM.seed), axis=1).mean()
        assert _lengths(state, frame, "dot product").mean() > 1.8 * average


def test_euclidean_retrieval_for_a_short_query_picks_short_vectors() -> None:
    state, frame = _sim("retrieval_short_query")
    assert _lengths(state, frame, "euclidean").mean() < 0.5
