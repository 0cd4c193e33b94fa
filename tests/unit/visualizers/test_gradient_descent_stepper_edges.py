"""The gradient-descent stepper at its edges: Adam's first steps, batches, notes, messages.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/gradient_descent/algorithm.py`):
the frames' batch and epoch fields, the converged and diverged notes of a race, Adam's bias
correction, and every refused setting by its whole message. No Qt.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from visualizers.gradient_descent.algorithm import (
    ADAM_EPS,
    ElongatedBowl,
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
    Rosenbrock,
    Runner,
    gradient_descent,
    make_runners,
    optimizer_step,
)

RNG = np.random.default_rng(2)
X = RNG.uniform(0.0, 4.0, 30)
Y = 0.5 * X + 1.0 + RNG.normal(0, 0.2, 30)


def frames(stepper: GradientDescentStepper, count: int) -> list[GradientDescentFrame]:
    out = [stepper.first()]
    for _ in range(count):
        out.append(stepper.advance(out[-1]))
    return out


def test_adam_moves_each_coordinate_by_the_learning_rate_while_the_gradient_is_steady() -> None:
    # With a constant gradient the bias-corrected moments are g and g² at every step, so
    # each step is η·g / (|g| + ε): η in the gradient's direction, whatever its size.
    g = np.array([0.5, -3.0])
    theta, m, s = np.zeros(2), np.zeros(2), np.zeros(2)
    for t in (1, 2, 3):
        before = theta
        theta, m, s = optimizer_step("adam", 0.1, theta, g, m, s, 0.9, t)
        np.testing.assert_allclose(before - theta, 0.1 * g / (np.abs(g) + ADAM_EPS), rtol=1e-12)


def test_adams_epsilon_matters_only_for_tiny_gradients() -> None:
    g = np.array([ADAM_EPS, 1.0])
    theta, _, _ = optimizer_step("adam", 1.0, np.zeros(2), g, np.zeros(2), np.zeros(2), 0.9, 1)
    np.testing.assert_allclose(-theta, [0.5, 1.0 / (1.0 + ADAM_EPS)], rtol=1e-9)


def test_learning_rate_races_are_a_third_the_rate_and_three_times_it() -> None:
    runners = make_runners("momentum", 0.03, "learning rates")
    assert [r.lr for r in runners] == pytest.approx([0.01, 0.03, 0.09])
    assert [r.label for r in runners] == ["η = 0.01", "η = 0.03", "η = 0.09"]
    assert {r.optimizer for r in runners} == {"momentum"}
    (alone,) = make_runners("adam", 0.2, "none")
    assert (alone.label, alone.optimizer, alone.lr) == ("Adam", "adam", 0.2)


def test_the_first_frame_is_the_start_of_every_runner() -> None:
    stepper = GradientDescentStepper(
        ElongatedBowl(), make_runners("plain", 0.05, "optimizers"), (3.0, 2.0)
    )
    first = stepper.first()
    assert first.step == 0 and first.explanation == ""
    np.testing.assert_array_equal(first.thetas, [[3.0, 2.0]] * 3)
    np.testing.assert_array_equal(first.previous, first.thetas)
    assert not first.gradients.any() and first.gradients.shape == (3, 2)
    assert first.losses == pytest.approx([0.5 * (9.0 + 15.0 * 4.0)] * 3)
    assert first.status == ("running",) * 3 and first.notes == ("",) * 3


def test_mini_batches_cover_every_example_once_per_epoch_and_count_epochs() -> None:
    problem = LinearRegressionProblem(X, Y)
    stepper = GradientDescentStepper(
        problem, (Runner("GD", "plain", 0.01),), (0.0, 0.0), "mini-batch", batch_size=8
    )
    run = frames(stepper, 8)
    epoch_one = np.concatenate([f.batch for f in run[1:5]])  # 30 examples in batches of 8
    assert sorted(epoch_one.tolist()) == list(range(30))
    assert [len(f.batch) for f in run[1:5]] == [8, 8, 8, 6]
    assert run[3].epoch == pytest.approx(3 * 8 / 30)
    for f in run[1:]:
        np.testing.assert_array_equal(f.batch, stepper.batch_for_step(f.step))


@pytest.mark.parametrize(("asked", "used"), [(0, 1), (1, 1), (100, 30)])
def test_mini_batch_sizes_stay_between_one_and_the_data(asked: int, used: int) -> None:
    stepper = GradientDescentStepper(
        LinearRegressionProblem(X, Y),
        (Runner("GD", "plain", 0.01),),
        (0, 0),
        "mini-batch",
        batch_size=asked,
    )
    assert stepper.batch_size == used


def test_full_batches_and_surfaces_show_no_batch() -> None:
    full = GradientDescentStepper(
        LinearRegressionProblem(X, Y), (Runner("GD", "plain", 0.01),), (0, 0)
    )
    frame = frames(full, 2)[-1]
    assert frame.batch.shape == (0,) and frame.batch.dtype == np.intp
    assert frame.epoch == pytest.approx(2.0)  # each step is one pass
    surface = GradientDescentStepper(
        ElongatedBowl(), (Runner("GD", "plain", 0.01),), (1, 1), "stochastic"
    )
    assert surface.batch_mode == "batch" and surface.batch_size == 1
    frame = frames(surface, 3)[-1]
    assert frame.batch.shape == (0,) and frame.epoch == 3.0  # steps, for a surface
    stochastic = GradientDescentStepper(
        LinearRegressionProblem(X, Y), (Runner("GD", "plain", 0.01),), (0, 0), "stochastic"
    )
    assert stochastic.batch_size == 1 and frames(stochastic, 1)[-1].batch.shape == (1,)


def test_a_race_names_who_diverged_and_keeps_the_others_running() -> None:
    bowl = ElongatedBowl()  # curvature 15: stable only for η < 2/15 ≈ 0.133
    runners = (Runner("calm", "plain", 0.1), Runner("wild", "plain", 0.2))
    run = frames(GradientDescentStepper(bowl, runners, (3.0, 2.0), max_steps=300), 60)
    stopped = next(f for f in run if f.status[1] == "diverged")
    assert stopped.error is not None and stopped.error.startswith("wild: stopped at step ")
    assert f"stopped at step {stopped.step}:" in stopped.notes[1]
    assert stopped.status[0] == "running"
    later = run[run.index(stopped) + 3]
    assert not np.array_equal(later.thetas[0], stopped.thetas[0])  # the calm one goes on
    np.testing.assert_array_equal(later.thetas[1], stopped.thetas[1])  # the wild one stays


def test_a_lone_runner_s_note_has_no_label_and_a_converged_one_says_when() -> None:
    bowl = ElongatedBowl()
    (wild,) = frames(GradientDescentStepper(bowl, (Runner("GD", "plain", 0.2),), (3, 2)), 40)[-1:]
    assert wild.error is not None and wild.error.startswith("stopped at step ")
    run = frames(GradientDescentStepper(bowl, (Runner("GD", "plain", 0.1),), (3, 2), tol=1e-6), 400)
    done = next(f for f in run if f.status[0] == "converged")
    assert done.notes == (f"converged at step {done.step}: the gradient is (almost) zero",)
    assert done.finished and done.error is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"runners": ()}, "a run needs at least one optimizer"),
        (
            {"runners": (Runner("x", "sgd", 0.1),)},  # type: ignore[arg-type]
            "unknown optimizer 'sgd'; choose one of ('plain', 'momentum', 'adam')",
        ),
        ({"runners": (Runner("x", "plain", 0.0),)}, "the learning rate must be positive, got 0.0"),
        (
            {"runners": (Runner("x", "plain", float("inf")),)},
            "the learning rate must be positive, got inf",
        ),
        (
            {"batch_mode": "online"},
            "unknown batch mode 'online'; choose one of ('batch', 'mini-batch', 'stochastic')",
        ),
        ({"beta": 1.0}, "momentum β must be in [0, 1), got 1.0"),
        ({"beta": -0.1}, "momentum β must be in [0, 1), got -0.1"),
        ({"max_steps": 0}, "max_steps must be at least 1"),
        ({"start": (np.nan, 0.0)}, "the starting point must be finite"),
    ],
)
def test_refused_settings_are_whole_sentences(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "problem": ElongatedBowl(),
        "runners": (Runner("GD", "plain", 0.1),),
        "start": (1.0, 1.0),
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        GradientDescentStepper(**arguments)  # type: ignore[arg-type]


def test_the_edges_of_the_allowed_settings_are_allowed() -> None:
    stepper = GradientDescentStepper(
        ElongatedBowl(), (Runner("GD", "momentum", 0.1),), (1.0, 1.0), beta=0.0, max_steps=1
    )
    last = frames(stepper, 1)[-1]
    assert last.finished and last.step == 1


def test_a_start_where_the_loss_overflows_is_a_message_not_a_warning() -> None:
    with pytest.raises(
        ValueError,
        match=r"^the loss is not finite at the starting point; pick another start$",
    ):
        GradientDescentStepper(Rosenbrock(), (Runner("GD", "plain", 1e-3),), (1e200, 1e200))


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        (
            np.ones((2, 2, 2)),
            np.ones(2),
            "X must be 1-D or 2-D and y 1-D, got shapes (2, 2, 2) and (2,)",
        ),
        (np.ones((3, 2)), np.ones(2), "X has 3 rows but y has 2 values"),
        (
            np.ones((3, 1)),
            np.ones((3, 1)),
            "X must be 1-D or 2-D and y 1-D, got shapes (3, 1) and (3, 1)",
        ),
        (np.ones(0), np.ones(0), "there is no data to fit"),
        ([1.0, np.nan], [1.0, 2.0], "X and y must not contain NaN or infinity"),
        (
            [1.0, 2.0],
            [1.0, 1e101],
            "values above 1e100 overflow the squared loss; rescale the data first",
        ),
    ],
)
def test_bad_regression_data_is_named(x: object, y: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        gradient_descent(x, y)  # type: ignore[arg-type]


def test_values_up_to_1e100_are_fitted() -> None:
    with pytest.raises(ValueError, match="diverged"):  # fitted, though this rate can't cope
        gradient_descent([0.0, 1e100], [0.0, 1.0], lr=0.01, epochs=5)


def test_a_frame_without_runners_has_empty_two_column_rows() -> None:
    """The default of every per-runner array: no rows, but two columns (θ₀, θ₁)."""
    from visualizers.gradient_descent.algorithm import GradientDescentFrame

    frame = GradientDescentFrame(step=0, explanation="")
    for rows in (frame.thetas, frame.previous, frame.gradients):
        assert rows.shape == (0, 2) and rows.dtype == np.float64
