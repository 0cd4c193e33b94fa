"""The bias–variance simulation and narration: the numbers on screen, checked independently."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.neighbors import KNeighborsRegressor

from visualizers.bias_variance.spec import SPEC
from visualizers.bias_variance.state import BiasVarianceState, simulate
from visualizers.core.frames import History


def test_terms_are_recomputed_from_the_fits() -> None:
    s = simulate(SPEC.defaults(), 0)
    for i in (0, 3, 12):
        P = s.predictions[i]
        mean_fit = P.mean(axis=0)
        assert s.bias2[i] == pytest.approx(np.mean((mean_fit - np.sin(2 * np.pi * s.x_eval)) ** 2))
        assert s.variance[i] == pytest.approx(np.mean(np.var(P, axis=0)))
        assert s.expected[i] == pytest.approx(s.bias2[i] + s.variance[i] + 0.3**2)
        # The measured error on new targets agrees with the decomposition.
        assert s.measured[i] == pytest.approx(s.expected[i], rel=0.1)


def test_knn_fits_equal_sklearn() -> None:
    s = simulate(SPEC.preset_values("knn"), 0)
    i = s.settings.index(4)
    oracle = (
        KNeighborsRegressor(n_neighbors=4).fit(s.x[:, None], s.Y[:, 7]).predict(s.x_eval[:, None])
    )
    # Evenly spaced x has exact distance ties; compare where the 4 nearest are unambiguous.
    distance = np.sort(np.abs(s.x_eval[:, None] - s.x[None, :]), axis=1)
    clear = distance[:, 4] - distance[:, 3] > 1e-9
    np.testing.assert_allclose(s.predictions[i, 7][clear], oracle[clear])


def test_the_stories_the_presets_tell() -> None:
    u = simulate(SPEC.preset_values("classic_u"), 0)
    assert 0 < u.best < len(u.settings) - 1  # a U: the minimum is inside
    more = simulate(SPEC.preset_values("more_data"), 0)
    assert more.variance[12] < u.variance[12] / 5
    dd = simulate(SPEC.preset_values("double_descent"), 0)
    peak = int(np.argmax(dd.expected))
    assert dd.settings[peak] in (13, 14, 15)
    assert dd.expected[-1] < dd.expected[peak] / 100
    noisy = simulate(SPEC.preset_values("noisy"), 0)
    assert noisy.expected.min() >= 1.0


def test_explanation_shows_the_terms_and_the_threshold() -> None:
    state = BiasVarianceState()
    params = SPEC.preset_values("double_descent")
    history = History(state.stepper(params, 0))
    s = state.simulation(params, 0)
    frame = history[14]
    assert f"Bias² = {s.bias2[14]:.4g}" in frame.explanation
    assert f"variance = {s.variance[14]:.4g}" in frame.explanation
    assert "interpolation threshold" in frame.explanation
    assert "double descent" in history[30].explanation
    history.extend_to(1000)
    assert len(history) == 61 and history.last.finished


def test_knn_at_k_one_is_mostly_variance() -> None:
    s = simulate(SPEC.preset_values("knn"), 0)
    assert s.settings[-1] == 1
    assert s.variance[-1] > 5 * s.bias2[-1]
    assert s.variance[-1] == pytest.approx(0.3**2, rel=0.3)  # copies one noisy point: ≈ σ²
    assert s.bias2[0] > s.variance[0]  # k = n: the global mean, pure bias
