"""The playground's narration and backprop text on hand-made frames and a tiny network.

Loss, accuracy and history values are chosen here, so the words for the three cases
(random start, overfitting, learning) and the early-stopping note are decided by the
test's own comparisons; the backprop text is checked against the table's numbers
formatted here.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.neural_network.spec import SPEC
from visualizers.neural_network.state import (
    EXTENT,
    GRID,
    NetworkFrame,
    PlaygroundState,
    grid_points,
)


def tiny(**values: object) -> PlaygroundState:
    base = {"hidden_layers": 1, "neurons": 3, "points": 60, "epochs": 30, "patience": 4}
    return PlaygroundState(SPEC.resolve({**base, **values}), seed=0)


def frame(
    epoch: int, train_acc: float, val_acc: float, val_loss: float, best: float, **kw: object
) -> NetworkFrame:
    history = np.array([[0.9, 0.9], [0.5, best], [0.4, val_loss]])
    return NetworkFrame(
        step=epoch,
        explanation="",
        epoch=epoch,
        train_loss=0.12345,
        val_loss=val_loss,
        train_accuracy=train_acc,
        val_accuracy=val_acc,
        best_epoch=7,
        loss_history=history,
        **kw,  # type: ignore[arg-type]
    )


def lines(state: PlaygroundState, f: NetworkFrame) -> list[str]:
    return state.explain(f).split("<br>")


def test_the_first_two_lines_give_the_network_and_the_numbers() -> None:
    state = tiny()
    # 2 → 3 → 2: 2·3 + 3 + 3·2 + 2 = 17 parameters
    assert state.sizes == [2, 3, 2] and state.parameter_count == 17
    text = lines(state, frame(5, 0.875, 0.8, 0.3, 0.3))
    assert text[0] == "<b>Epoch 5</b> of 30 · network 2 → 3 → 2 (17 parameters, tanh)"
    assert text[1] == (
        "Train loss <b>0.1235</b>, validation loss <b>0.3000</b> · accuracy 87.5% train, "
        "80.0% validation."
    )


def test_epoch_zero_explains_the_random_start() -> None:
    text = lines(tiny(), frame(0, 0.5, 0.9, 0.3, 0.1))  # would read as overfitting otherwise
    assert text[2] == (
        "The weights are random, so the surface is nearly flat: every point gets about the "
        "same probability. Each step runs forward, measures the cross-entropy, and pushes "
        "the error back through the layers."
    )


def test_overfitting_needs_a_gap_and_a_validation_loss_rising_past_its_best() -> None:
    state = tiny()
    learning = (
        "Each hidden neuron draws one soft line (tanh/sigmoid) or hinge (ReLU) in the plane; "
        "the next layer combines them into the curved boundary."
    )
    overfit = lines(state, frame(9, 0.95, 0.8, 0.4, 0.3))  # gap 15 %, loss 0.4 > 1.05·0.3
    assert overfit[2] == (
        "Overfitting: train accuracy is 15% above validation and the validation loss is "
        "rising from its best (epoch 7). L2, dropout, more data or early stopping help."
    )
    assert lines(state, frame(9, 0.95, 0.8, 0.31, 0.3))[2] == learning  # within 5 % of best
    assert lines(state, frame(9, 0.95, 0.8, 0.315, 0.3))[2] == learning  # exactly 5 %: not yet
    assert lines(state, frame(9, 0.85, 0.8, 0.4, 0.3))[2] == learning  # gap exactly 5 %
    assert lines(state, frame(9, 0.86, 0.8, 0.4, 0.3))[2].startswith("Overfitting")


def test_early_stopping_is_announced_with_patience_and_best_epoch() -> None:
    state = tiny(patience=4)
    stopped = lines(state, frame(11, 0.8, 0.8, 0.3, 0.3, stopped_early=True))
    assert stopped[-1] == (
        "Early stopping: no validation improvement for 4 epochs; the best network was at epoch 7."
    )
    assert len(lines(state, frame(11, 0.8, 0.8, 0.3, 0.3))) == 3


def test_grid_covers_the_extent_row_by_row() -> None:
    points = grid_points()
    assert points.shape == (GRID * GRID, 2)
    assert points[0].tolist() == [-EXTENT, -EXTENT] and points[-1].tolist() == [EXTENT, EXTENT]
    assert points[1, 0] > points[0, 0] and points[1, 1] == points[0, 1]  # x varies fastest


def test_frames_carry_surface_maps_and_the_loss_history() -> None:
    state = tiny(epochs=5)
    stepper = state.stepper()
    f = stepper.first()
    assert f.epoch == 0 and not f.finished
    assert f.surface.shape == (GRID, GRID, 2)
    np.testing.assert_allclose(f.surface.sum(axis=2), 1.0)
    assert len(f.neuron_maps) == 1 and f.neuron_maps[0].shape == (GRID, GRID, 3)
    history = [(f.train_loss, f.val_loss)]
    while not f.finished:
        f = stepper.advance(f)
        history.append((f.train_loss, f.val_loss))
    assert f.epoch == 5 and f.step == 5
    np.testing.assert_allclose(f.loss_history, history)
    assert f.explanation == state.explain(f)
    # The hidden map of neuron j at grid point g is tanh(W[:, j]·g + b[j]).
    W, b = f.params[0]
    g = grid_points()
    np.testing.assert_allclose(f.neuron_maps[0].reshape(-1, 3), np.tanh(g @ W + b), atol=1e-12)
    assert stepper.advance(f) is f  # nothing after the last epoch


def test_backprop_text_shows_each_layers_numbers() -> None:
    state = tiny()
    stepper = state.stepper()
    f = stepper.advance(stepper.first())
    rows = state.backprop_table(f, 2)
    text = state.backprop_html(f, 2)
    x = state.X_train[2]
    assert text.startswith(
        f"<b>Example 2</b>: x = ({x[0]:+.2f}, {x[1]:+.2f}), class {int(state.y_train[2])}. "
        "Forward, then back:<br><b>hidden 1</b>: z = ["
    )
    for row in rows:
        z = ", ".join(f"{v:+.3f}" for v in row.z)
        delta = ", ".join(f"{v:+.3f}" for v in row.delta)
        biggest = max(abs(float(v)) for v in row.weight_update.ravel())
        assert f"<b>{row.layer}</b>: z = [{z}] → out = [" in text
        assert f"<br>&nbsp;&nbsp;δ = ∂L/∂z = [{delta}]" in text
        assert f"<br>&nbsp;&nbsp;ΔW = −η·aᵀδ: largest change {biggest:.2e} (η = 0.3)" in text
    assert text.endswith(
        "<br>At the output δ = p − onehot(y); each layer below gets δ·Wᵀ scaled by the "
        "activation's slope f′(z). A saturated tanh or a dead ReLU has slope ≈ 0 and passes "
        "almost nothing back."
    )
    # An index past the end is clamped to the last training example.
    last = len(state.y_train) - 1
    assert state.backprop_html(f, 10_000).startswith(f"<b>Example {last}</b>")
    assert state.backprop_html(f, -5).startswith("<b>Example 0</b>")
    assert state.backprop_html(NetworkFrame(step=0, explanation=""), 0) == ""


def test_wide_layers_are_cut_after_six_values() -> None:
    state = tiny(neurons=8)
    f = state.stepper().first()
    text = state.backprop_html(f, 0)
    hidden = state.backprop_table(f, 0)[0]
    six = ", ".join(f"{v:+.3f}" for v in hidden.z[:6])
    assert f"z = [{six}, …] → out" in text


def test_dataset_split_and_classes() -> None:
    state = tiny(points=100)
    assert len(state.y_train) + len(state.y_val) == 100
    assert len(state.y_val) == pytest.approx(30, abs=1)
    assert state.classes == 2


def test_relu_backprop_uses_the_step_slope_and_clamps_the_example() -> None:
    state = tiny(activation="relu", neurons=6)
    stepper = state.stepper()
    f = stepper.advance(stepper.first())
    rows = state.backprop_table(f, 4)
    hidden, out = rows
    target = np.zeros(2)
    target[state.y_train[4]] = 1.0
    np.testing.assert_allclose(out.delta, out.output - target, atol=1e-12)
    W = f.params[1][0]
    np.testing.assert_allclose(hidden.delta, (out.delta @ W.T) * (hidden.z > 0), atol=1e-12)
    np.testing.assert_allclose(hidden.output, np.maximum(hidden.z, 0.0), atol=1e-12)
    np.testing.assert_allclose(hidden.inputs, state.X_train[4])
    last = len(state.y_train) - 1
    np.testing.assert_allclose(state.backprop_table(f, 10_000)[0].inputs, state.X_train[last])
    np.testing.assert_allclose(state.backprop_table(f, -3)[0].inputs, state.X_train[0])
    text = state.backprop_html(f, 4)
    six = ", ".join(f"{v:+.3f}" for v in hidden.z)
    assert f"z = [{six}] → out" in text  # exactly six values: no ellipsis
