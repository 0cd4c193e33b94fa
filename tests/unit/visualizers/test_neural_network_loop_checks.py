"""The training loop's checks and what each epoch reports, for the neural-network answer.

A learning rate of zero (or below) and a batch of no examples are refused by name; a batch
of one example trains. Each epoch's train and validation losses are the full-batch losses
of the network it reports, with its own activation (not the default tanh), and the
accuracies are the share of points its argmax gets right.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.neural_network.algorithm import (
    forward,
    init_params,
    make_dataset,
    mlp_loss_and_gradients,
    training_epochs,
)


def _problem() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X, y = make_dataset("two moons", 80, 0.1, seed=4)
    return X[:60], y[:60], X[60:], y[60:]


@pytest.mark.parametrize(
    ("learning_rate", "batch_size"), [(0.0, 8), (-0.1, 8), (0.1, 0), (0.1, -3)]
)
def test_a_rate_of_zero_or_an_empty_batch_is_refused(learning_rate: float, batch_size: int) -> None:
    X, y, Xv, yv = _problem()
    params = init_params([2, 4, 2], "tanh", seed=0)
    with pytest.raises(
        ValueError, match=r"^the learning rate must be positive and the batch size at least 1$"
    ):
        next(
            training_epochs(
                params, X, y, Xv, yv, learning_rate=learning_rate, batch_size=batch_size
            )
        )


def test_a_batch_of_one_example_trains() -> None:
    X, y, Xv, yv = _problem()
    params = init_params([2, 4, 2], "tanh", seed=0)
    results = list(training_epochs(params, X, y, Xv, yv, batch_size=1, epochs=2, seed=1))
    assert [r.epoch for r in results] == [0, 1, 2]
    assert results[-1].train_loss < results[0].train_loss


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_each_epoch_reports_its_own_network_s_losses_and_accuracies(activation: str) -> None:
    X, y, Xv, yv = _problem()
    params = init_params([2, 6, 2], activation, seed=2)
    for result in training_epochs(
        params, X, y, Xv, yv, activation=activation, epochs=3, l2=0.01, seed=3
    ):
        loss, _ = mlp_loss_and_gradients(list(result.params), X, y, 0.01, activation)
        val_loss, _ = mlp_loss_and_gradients(list(result.params), Xv, yv, 0.01, activation)
        assert result.train_loss == pytest.approx(loss, rel=1e-12)
        assert result.val_loss == pytest.approx(val_loss, rel=1e-12)
        predicted = forward(list(result.params), X, activation).probabilities.argmax(1)
        assert result.train_accuracy == pytest.approx(float((predicted == y).mean()))


def test_a_full_batch_epoch_is_one_gradient_step_on_every_example() -> None:
    X, y, Xv, yv = _problem()
    params = init_params([2, 5, 2], "tanh", seed=3)
    epochs = training_epochs(
        params, X, y, Xv, yv, batch_size=len(y), learning_rate=0.2, l2=0.001, epochs=1
    )
    start, after = next(epochs), next(epochs)
    assert start.epoch == 0 and start.best_epoch == 0 and start.stopped_early is False
    _, grads = mlp_loss_and_gradients(params, X, y, 0.001, "tanh")
    for (W, b), (gW, gb), (W1, b1) in zip(params, grads, after.params, strict=True):
        np.testing.assert_allclose(W1, W - 0.2 * gW, atol=1e-12)
        np.testing.assert_allclose(b1, b - 0.2 * gb, atol=1e-12)


def test_dropout_changes_what_an_epoch_learns() -> None:
    X, y, Xv, yv = _problem()
    params = init_params([2, 8, 2], "tanh", seed=4)
    runs = [
        list(training_epochs(params, X, y, Xv, yv, dropout=p, epochs=1, seed=5))[-1]
        for p in (0.0, 0.5)
    ]
    W_plain, W_dropped = runs[0].params[0][0], runs[1].params[0][0]
    assert not np.allclose(W_plain, W_dropped)
