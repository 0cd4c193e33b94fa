"""The playground's stepper (no Qt): it trains with every setting of the state, draws the
surface with the state's activation, ends on an overflow with a frame that keeps the last
network, and its backpropagation table uses the chosen activation's slope."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import visualizers.neural_network.state as nn_state
from visualizers.neural_network.algorithm import forward, training_epochs
from visualizers.neural_network.spec import SPEC
from visualizers.neural_network.state import GRID, PlaygroundState

SETTINGS = {
    "batch_size": 5,
    "l2": 0.01,
    "dropout": 0.2,
    "activation": "relu",
    "learning_rate": 0.05,
    "epochs": 3,
}


def test_the_run_trains_with_every_setting_of_the_state() -> None:
    state = PlaygroundState(SPEC.resolve(SETTINGS), seed=7)
    assert (state.batch_size, state.l2, state.dropout, state.seed) == (5, 0.01, 0.2, 7)
    stepper = state.stepper()
    frames = [stepper.first()]
    frames.append(stepper.advance(frames[0]))
    frames.append(stepper.advance(frames[1]))
    direct = list(
        itertools.islice(
            training_epochs(
                state.initial_params,
                state.X_train,
                state.y_train,
                state.X_val,
                state.y_val,
                learning_rate=0.05,
                batch_size=5,
                l2=0.01,
                dropout=0.2,
                activation="relu",
                epochs=3,
                seed=7,
            ),
            3,
        )
    )
    for frame, result in zip(frames, direct, strict=True):
        for (W, b), (W2, b2) in zip(frame.params, result.params, strict=True):
            np.testing.assert_array_equal(W, W2)
            np.testing.assert_array_equal(b, b2)
        assert frame.train_loss == result.train_loss and frame.val_loss == result.val_loss


def test_the_surface_and_neuron_maps_use_the_state_s_activation() -> None:
    state = PlaygroundState(SPEC.resolve(SETTINGS), seed=1)
    stepper = state.stepper()
    frame = stepper.advance(stepper.first())
    passed = forward(list(frame.params), state.grid, "relu")
    np.testing.assert_allclose(
        frame.surface, passed.probabilities.reshape(GRID, GRID, -1), atol=1e-12
    )
    for got, want in zip(frame.neuron_maps, passed.activations[1:], strict=True):
        np.testing.assert_allclose(got, want.reshape(GRID, GRID, -1), atol=1e-12)


def test_an_overflow_ends_the_run_on_a_frame_that_keeps_the_last_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = "the weights overflowed at epoch 1: lower the learning rate"
    real = nn_state.training_epochs

    def overflowing(*args, **kwargs):  # type: ignore[no-untyped-def]
        epochs = real(*args, **kwargs)
        yield next(epochs)
        raise FloatingPointError(message)

    monkeypatch.setattr(nn_state, "training_epochs", overflowing)
    stepper = PlaygroundState(SPEC.defaults(), seed=0).stepper()
    first = stepper.first()
    last = stepper.advance(first)
    assert last.step == first.step + 1 and last.finished
    assert last.error == message and last.explanation == message
    for name in (
        "epoch",
        "params",
        "train_loss",
        "val_loss",
        "train_accuracy",
        "val_accuracy",
        "best_epoch",
        "surface",
        "neuron_maps",
        "loss_history",
    ):
        assert getattr(last, name) is getattr(first, name), name


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_the_backprop_table_uses_the_activation_s_slope(activation: str) -> None:
    state = PlaygroundState(SPEC.resolve({"activation": activation}), seed=0)
    stepper = state.stepper()
    frame = stepper.advance(stepper.first())
    rows = state.backprop_table(frame, example=2)
    for below, above in itertools.pairwise(rows):
        W = frame.params[rows.index(above)][0]
        if activation == "relu":
            slope = (below.z > 0).astype(float)
        else:
            slope = below.output * (1.0 - below.output)
        np.testing.assert_allclose(below.delta, (above.delta @ W.T) * slope, atol=1e-12)
    for row in rows:
        expected = -state.learning_rate * np.outer(row.inputs, row.delta)
        np.testing.assert_allclose(row.weight_update, expected, atol=1e-12)
