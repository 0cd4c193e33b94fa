"""The gradient-descent state's small decisions, each against values worked out here:
the reasons for inactive parameters, the colour ramp, axis names, the plot window's
cap and margin, arrow-key steps, the text alternative and the loss-curve buckets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from visualizers.gradient_descent.spec import SPEC
from visualizers.gradient_descent.state import (
    GradientDescentState,
    inactive_parameters,
    loss_peaks,
    plot_window,
    surface_colors,
)

SYNTHETIC_ONLY = "Only for the synthetic line"
EXACT = "Test surfaces use the exact gradient"


def params(**values: object) -> dict[str, int | float | str | bool]:
    return SPEC.resolve(values)


def test_inactive_parameters_give_their_reasons() -> None:
    assert inactive_parameters(params(problem="saddle", optimizer="plain")) == {
        "n_points": SYNTHETIC_ONLY,
        "slope": SYNTHETIC_ONLY,
        "noise": SYNTHETIC_ONLY,
        "outliers": SYNTHETIC_ONLY,
        "scaling": "Test surfaces have no data to scale",
        "batch_mode": EXACT,
        "batch_size": EXACT,
        "momentum": "Plain gradient descent has no momentum",
    }
    assert inactive_parameters(
        params(problem="synthetic line", batch_mode="full batch", optimizer="adam")
    ) == {"batch_size": "Only for mini-batch gradients"}
    race = inactive_parameters(
        params(problem="synthetic line", batch_mode="mini-batch", compare="optimizers")
    )
    assert race == {"optimizer": "The race runs all three optimizers"}


@pytest.mark.parametrize(("dark", "high"), [(True, (70, 110, 170)), (False, (150, 185, 225))])
def test_surface_colours_ramp_from_the_background_to_a_blue(
    dark: bool, high: tuple[int, int, int]
) -> None:
    colours = surface_colors((10, 20, 30), dark)
    assert colours.dtype == np.uint8 and colours.shape == (256, 3)
    assert colours[0].tolist() == [10, 20, 30] and colours[-1].tolist() == list(high)
    for i in (1, 100, 200):
        expected = [
            int(lo + (hi - lo) * i / 255) for lo, hi in zip((10, 20, 30), high, strict=True)
        ]
        assert colours[i].tolist() == expected


def test_axis_names_follow_the_problem_and_scaling(tmp_path: Path) -> None:
    state = GradientDescentState()
    assert state.axis_names() == ("x", "y")
    state.stepper(params(problem="diabetes (BMI)"), 0)
    assert state.axis_names() == ("BMI (kg/m²)", "progression")
    state.stepper(params(problem="diabetes (BMI)", scaling="standardize"), 0)
    assert state.axis_names() == ("BMI (kg/m²) (scaled)", "progression (scaled)")
    path = tmp_path / "h.csv"
    path.write_text("height,weight\n1,2\n2,4.5\n3,5.5\n", encoding="utf-8")
    data = state.read_csv(path)
    assert data.source == "CSV: h.csv"
    state.swap_csv(data)
    state.stepper(params(problem="synthetic line"), 0)
    assert state.axis_names() == ("x", "y")  # a loaded CSV names only the CSV problem's axes
    state.stepper(params(problem="CSV file"), 0)
    assert state.axis_names() == ("height", "weight")


def test_plot_window_is_capped_around_the_windows_centre_and_padded() -> None:
    window = (10.0, 14.0, -3.0, -1.0)  # centre (12, −2), 4 × 2
    # Far to the upper right: capped at 40 windows around the centre, then 6 % margins.
    x0, x1, y0, y1 = plot_window(window, np.array([[1e9, 1e9], [11.0, -2.5]]))
    cap_x1, cap_y1 = 12.0 + 40 * 4 / 2, -2.0 + 40 * 2 / 2
    assert (x0, x1) == pytest.approx(
        (10.0 - 0.06 * (cap_x1 - 10.0), cap_x1 + 0.06 * (cap_x1 - 10.0))
    )
    assert (y0, y1) == pytest.approx((-3.0 - 0.06 * (cap_y1 + 3.0), cap_y1 + 0.06 * (cap_y1 + 3.0)))
    # Far to the lower left.
    low = plot_window(window, np.array([[-1e9, -1e9]]))
    assert low[0] == pytest.approx((12.0 - 80.0) - 0.06 * (14.0 - (12.0 - 80.0)))
    assert low[2] == pytest.approx((-2.0 - 40.0) - 0.06 * (-1.0 - (-2.0 - 40.0)))
    # A path just past one edge: the window grows to it plus 6 % of the new span.
    grown = plot_window(window, np.array([[15.0, -2.0], [12.0, -4.0]]))
    assert grown == pytest.approx((10.0 - 0.3, 15.0 + 0.3, -4.0 - 0.18, -1.0 + 0.18))
    # NaN rows are ignored; an empty path keeps the window.
    assert plot_window(window, np.array([[np.nan, 1e9], [11.0, -2.0]])) == window
    assert plot_window(window, np.empty((0, 2))) == window


def test_arrow_keys_move_the_start_by_two_or_ten_percent_and_clamp() -> None:
    state = GradientDescentState()
    assert state.nudged_start(1, -1) == pytest.approx({"start_u": 0.04, "start_v": -0.04})
    state.stepper(params(problem="saddle", start_u=0.5, start_v=-0.3), 0)
    assert state.nudged_start(-1, 1) == pytest.approx({"start_u": 0.46, "start_v": -0.26})
    assert state.nudged_start(1, -1, big=True) == pytest.approx({"start_u": 0.7, "start_v": -0.5})
    state.stepper(params(problem="saddle", start_u=-0.9, start_v=0.95), 0)
    assert state.nudged_start(-1, 1, big=True) == {"start_u": -1.0, "start_v": 1.0}
    assert state.start_values(-10.0, 10.0) == {"start_u": -1.0, "start_v": 1.0}
    assert state.start_values(10.0, -10.0) == {"start_u": 1.0, "start_v": -1.0}


def test_nothing_to_say_before_a_run() -> None:
    with pytest.raises(RuntimeError, match=r"^no run yet: call stepper\(\) first$"):
        GradientDescentState().current()


def test_summary_marks_runners_that_stopped() -> None:
    state = GradientDescentState()
    stepper = state.stepper(
        params(problem="elongated bowl", compare="learning rates", learning_rate=0.1), 0
    )
    frame = stepper.first()
    while not frame.finished and "running" in frame.status:
        frame = stepper.advance(frame)
        if any(s != "running" for s in frame.status):
            break
    text = state.summary(frame)
    assert text.startswith(f"Step {frame.step}. ") and text.endswith(".")
    parts = text[len(f"Step {frame.step}. ") : -1].split("; ")
    assert len(parts) == len(frame.status)
    for part, status, theta, loss in zip(
        parts, frame.status, frame.thetas, frame.losses, strict=True
    ):
        body = f": x = {theta[0]:.4g}, y = {theta[1]:.4g}, loss {loss:.4g}"
        if status == "running":
            assert part.endswith(body)
        else:
            assert part.endswith(f"{body}, {status}")
    assert any(s != "running" for s in frame.status)


def test_loss_peaks_boundaries_and_direction() -> None:
    def curve(values: list[float]) -> np.ndarray:
        return np.column_stack([np.arange(float(len(values))), values])

    # every = 2 and exactly 4 buckets: decimated; 7 points: left as they are.
    rising_then_falling = curve([1.0, 5.0, 4.0, 2.0, 3.0, 3.0, 6.0, 0.5])
    out = loss_peaks(rising_then_falling, 2)
    # Bucket [1, 5] rises: min then max; [4, 2] falls: max then min; [3, 3] counts as falling.
    assert out.tolist() == [
        [0.0, 1.0],
        [0.0, 5.0],
        [2.0, 4.0],
        [2.0, 2.0],
        [4.0, 3.0],
        [4.0, 3.0],
        [6.0, 6.0],
        [6.0, 0.5],
    ]
    seven = rising_then_falling[:7]
    assert np.array_equal(loss_peaks(seven, 2), seven)
    assert np.array_equal(loss_peaks(rising_then_falling, 1), rising_then_falling)
    # Direction is judged by the bucket's first and last values, not its second.
    wiggle = curve([5.0, 9.0, 1.0, 2.0] * 4)
    four = loss_peaks(wiggle, 4)
    assert four[:2, 1].tolist() == [9.0, 1.0]  # 5 → 2 falls: max first


def test_data_problems_carry_their_names_titles_and_scaling() -> None:
    from visualizers.gradient_descent.state import dataset_for, problem_for

    line = dataset_for(params(problem="synthetic line", scaling="none"), 0, None)
    assert (line.x_name, line.y_name, line.source) == (
        "x",
        "y",
        "synthetic: y = slope·x + 1 + noise",
    )
    bmi = dataset_for(params(problem="diabetes (BMI)", scaling="none"), 0, None)
    assert (bmi.x_name, bmi.y_name, bmi.source) == (
        "BMI (kg/m²)",
        "progression",
        "diabetes (Efron et al. 2004)",
    )
    scaled = dataset_for(params(problem="diabetes (BMI)", scaling="standardize"), 0, None)
    assert (scaled.x_name, scaled.y_name) == (
        "BMI (kg/m²) (standardize)",
        "progression (standardize)",
    )
    np.testing.assert_allclose(scaled.x, (bmi.x - bmi.x.mean()) / bmi.x.std(), atol=1e-9)
    assert problem_for(params(problem="diabetes (BMI)"), 0).title == bmi.source
    with pytest.raises(
        ValueError, match=r"^no CSV loaded yet: use “Load CSV…” to choose a two-column file$"
    ):
        dataset_for(params(problem="CSV file"), 0, None)
    with pytest.raises(ValueError, match=r"^'saddle' is not a data problem$"):
        dataset_for(params(problem="saddle"), 0, None)


def test_raw_features_far_from_zero_get_the_scaling_hint() -> None:
    from visualizers.gradient_descent.state import stepper_for

    hint = "; or set feature scaling to standardize"
    raw = stepper_for(params(problem="diabetes (BMI)", scaling="none"), 0)  # BMI ≈ 26 ± 4
    assert raw.divergence_hint == hint
    assert (
        stepper_for(params(problem="diabetes (BMI)", scaling="standardize"), 0).divergence_hint
        == ""
    )
    assert stepper_for(params(problem="synthetic line", scaling="none"), 0).divergence_hint == ""
    assert stepper_for(params(problem="saddle"), 0).divergence_hint == ""


def test_switching_problem_brings_its_settings_unless_set_in_the_same_edit() -> None:
    from visualizers.gradient_descent.state import follow_problem

    before = params(problem="saddle", learning_rate=0.3, max_steps=50)
    after = follow_problem(before, {"problem": "elongated bowl"})
    assert after == {"problem": "elongated bowl", "learning_rate": 0.1, "max_steps": 300}
    assert follow_problem(before, {"learning_rate": 0.2}) == {"learning_rate": 0.2}
    kept = follow_problem(before, {"problem": "synthetic line"})  # no settings of its own
    assert kept == {"problem": "synthetic line"}
