"""The bias–variance narration and simulation layout, on hand-built numbers.

The simulation here is assembled by hand (chosen bias², variance and errors), so every
number the text must show is known before the module formats it; the words for which
term dominates and which side of the interpolation threshold a degree sits are checked
against comparisons made here.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.bias_variance.spec import SPEC
from visualizers.bias_variance.state import (
    EVAL_POINTS,
    BiasVarianceFrame,
    BiasVarianceState,
    BiasVarianceStepper,
    Simulation,
    simulate,
)

BIAS2 = np.array([0.5, 0.2, 0.05, 0.012, 0.02, 0.03])
VARIANCE = np.array([0.01, 0.03, 0.1, 0.4, 0.9, 0.5])
NOISE_VAR = 0.09
EXPECTED = BIAS2 + VARIANCE + NOISE_VAR  # 0.6, 0.32, 0.24, 0.502, 1.01, 0.62
MEASURED = np.array([0.61, 0.33, 0.25, 0.5, 1.0, 0.6])


def hand_simulation(family: str = "polynomial") -> Simulation:
    n = 4  # points per set; degree 3 has 4 coefficients: the interpolation threshold
    settings = (0, 1, 2, 3, 4, 5) if family == "polynomial" else (6, 5, 4, 3, 2, 1)
    x = (np.arange(n) + 0.5) / n
    return Simulation(
        family=family,
        x=x,
        Y=np.zeros((n, 7)),  # 7 training sets
        x_eval=np.linspace(0.0, 1.0, 5),
        truth=np.zeros(5),
        complexity=np.array(settings, dtype=float),
        settings=settings,
        predictions=np.zeros((6, 7, 5)),
        bias2=BIAS2,
        variance=VARIANCE,
        expected=EXPECTED,
        measured=MEASURED,
        noise_var=NOISE_VAR,
    )


def text(index: int, family: str = "polynomial") -> str:
    stepper = BiasVarianceStepper(hand_simulation(family))
    return stepper.explain(BiasVarianceFrame(step=index, explanation="", index=index))


def test_the_first_sentence_adds_up_the_three_terms() -> None:
    assert text(1).startswith(
        "<b>degree-1 polynomial</b> fitted to each of 7 training sets of 4 points "
        "(noise σ² = 0.090). <b>Bias² = 0.2</b> (mean fit vs truth), <b>variance = 0.03</b> "
        "(spread of the fits), so expected test error = 0.2 + 0.03 + 0.09 = <b>0.32</b>; "
        "measured on fresh noisy targets: 0.33."
    )


def test_the_larger_term_names_the_side_of_the_tradeoff() -> None:
    bias_side = " Bias dominates: the model is too rigid to follow the curve (underfitting side)."
    variance_side = " Variance dominates: the fits chase each set's noise (overfitting side)."
    for i in range(6):
        sentence = variance_side if VARIANCE[i] > BIAS2[i] else bias_side
        other = bias_side if sentence == variance_side else variance_side
        assert text(i).split("<br>")[0].endswith("." + sentence), i
        assert other not in text(i), i
    assert BIAS2[1] > VARIANCE[1] and VARIANCE[2] > BIAS2[2]  # both sides are exercised
    # Equal terms: not "variance dominates".
    sim = hand_simulation()
    even = Simulation(**{**sim.__dict__, "variance": BIAS2.copy()})
    frame = BiasVarianceFrame(step=0, explanation="", index=0)
    assert bias_side in BiasVarianceStepper(even).explain(frame)


def test_the_threshold_and_double_descent_sentences_sit_on_their_degrees() -> None:
    threshold = (
        "<br>Degree 3 has 4 coefficients for 4 points: the <b>interpolation threshold</b>, "
        "where the fit must pass through every noisy point and the variance peaks."
    )
    assert threshold in text(3)
    for i in (4, 5):
        assert (
            f"<br>Past the threshold ({i + 1} coefficients, 4 points) least squares has many "
            "exact fits; lstsq returns the one with the smallest coefficient norm, which grows "
            "smoother as the degree rises: the second descent of <b>double descent</b>."
        ) in text(i)
    for i in (0, 1, 2):
        assert "threshold" not in text(i) and "double descent" not in text(i)
    # k-NN has no threshold even where k + 1 equals the number of points.
    assert all("threshold" not in text(i, "k-NN") for i in range(6))


def test_the_running_best_appears_from_the_best_complexity_on() -> None:
    best = int(np.argmin(EXPECTED))  # 2: degree 2, 0.24
    assert best == 2
    for i in range(best):
        assert "Lowest expected error" not in text(i)
    for i in range(best, 6):
        low = min(EXPECTED[: i + 1])
        assert text(i).endswith(
            f"<br>Lowest expected error so far: {low:.4g} at the degree-2 polynomial."
        )
    assert text(5, "k-NN").endswith("at the 4-nearest-neighbour average.")
    assert text(0, "k-NN").startswith("<b>6-nearest-neighbour average</b> fitted")


def test_frames_step_through_every_complexity_and_finish_on_the_last() -> None:
    stepper = BiasVarianceStepper(hand_simulation())
    frame = stepper.first()
    seen = [frame]
    while not frame.finished:
        frame = stepper.advance(frame)
        seen.append(frame)
    assert [f.index for f in seen] == [0, 1, 2, 3, 4, 5] == [f.step for f in seen]
    assert [f.finished for f in seen] == [False] * 5 + [True]
    assert all(f.explanation == text(f.index) for f in seen)


def test_simulation_layout_inputs_grid_settings_and_noise() -> None:
    values = {**SPEC.defaults(), "n_points": 8, "n_sets": 5, "noise": 0.4, "max_degree": 3}
    s = simulate(values, 2)
    np.testing.assert_allclose(s.x, [(i + 0.5) / 8 for i in range(8)])
    np.testing.assert_allclose(s.x_eval, np.linspace(0, 1, 150))
    assert EVAL_POINTS == 150 and s.Y.shape == (8, 5)
    np.testing.assert_allclose(s.truth, np.sin(2 * np.pi * s.x_eval))
    assert s.settings == (0, 1, 2, 3) and s.complexity.tolist() == [0.0, 1.0, 2.0, 3.0]
    assert s.noise_var == pytest.approx(0.16)
    assert s.predictions.shape == (4, 5, 150)
    # Degree 1 on each set: a straight line, checked with numpy's own fit.
    for j in range(5):
        line = np.polyval(np.polyfit(s.x, s.Y[:, j], 1), s.x_eval)
        np.testing.assert_allclose(s.predictions[1, j], line, atol=1e-9)
    knn = simulate({**values, "family": "k-NN"}, 2)
    assert knn.settings == (8, 7, 6, 5, 4, 3, 2, 1)
    np.testing.assert_allclose(knn.complexity, [8 / k for k in knn.settings])
    assert knn.family == "k-NN" and s.family == "polynomial"
    with pytest.raises(ValueError, match="unknown model family 'spline'"):
        simulate({**values, "family": "spline"}, 2)


def test_the_fresh_test_noise_is_not_the_training_noise() -> None:
    s = simulate({**SPEC.defaults(), "n_sets": 200, "max_degree": 3}, 0)
    # Degree 3 fits well: measured ≈ expected within a few percent with 200 × 150 targets.
    assert s.measured[3] == pytest.approx(s.expected[3], rel=0.05)
    assert s.best == int(np.argmin(s.expected))


def test_the_simulation_is_cached_per_parameters_and_seed() -> None:
    state = BiasVarianceState()
    values = {**SPEC.defaults(), "max_degree": 2, "n_sets": 5}
    first = state.simulation(values, 0)
    assert state.simulation(dict(values), 0) is first
    assert state.simulation(values, 1) is not first
    assert state.simulation({**values, "noise": 0.5}, 1).noise_var == pytest.approx(0.25)
    assert state.stepper(values, 1).simulation is state.simulation(values, 1)


def test_the_simulation_is_reproducible_from_its_seed() -> None:
    values = {**SPEC.defaults(), "n_sets": 6, "max_degree": 2, "n_points": 10}
    a, b = simulate(values, 4), simulate(values, 4)
    np.testing.assert_array_equal(a.Y, b.Y)
    np.testing.assert_array_equal(a.measured, b.measured)
    assert not np.array_equal(simulate(values, 5).Y, a.Y)
