"""`train_mlp` passes every setting on to the animated loop; predictions use the activation.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/neural_network/algorithm.py`):
the first tests trained with tanh and the default seed only, so a `train_mlp` that dropped
its activation, L2 or seed, or sized the output layer wrongly, went unnoticed. No Qt.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.neural_network.algorithm import (
    Layer,
    accuracy,
    forward,
    init_params,
    make_dataset,
    mlp_loss_and_gradients,
    predict,
    train_mlp,
    training_epochs,
)


def _loop_to_the_end(
    X: np.ndarray,
    y: np.ndarray,
    hidden: tuple[int, ...] = (8, 8),
    activation: str = "tanh",
    learning_rate: float = 0.3,
    batch_size: int = 32,
    l2: float = 0.0,
    epochs: int = 300,
    seed: int = 0,
) -> tuple[Layer, ...]:
    """The documented defaults, spelled out, through the loop the visualizer animates."""
    params = init_params([X.shape[1], *hidden, int(y.max()) + 1], activation, seed)
    *_, last = training_epochs(
        params,
        X,
        y,
        np.zeros((0, X.shape[1])),
        np.zeros(0, dtype=np.int64),
        learning_rate=learning_rate,
        batch_size=batch_size,
        l2=l2,
        activation=activation,
        epochs=epochs,
        seed=seed,
    )
    return last.params


def test_train_mlp_hands_every_setting_to_the_loop() -> None:
    X, y = make_dataset("xor", 120, 0.1, seed=2)
    result = train_mlp(
        X, y, (6,), activation="relu", learning_rate=0.2, batch_size=16, l2=0.01, epochs=12, seed=7
    )
    expected = _loop_to_the_end(
        X, y, (6,), activation="relu", learning_rate=0.2, batch_size=16, l2=0.01, epochs=12, seed=7
    )
    assert result.epoch == 12
    for (W, b), (W_loop, b_loop) in zip(result.params, expected, strict=True):
        np.testing.assert_array_equal(W, W_loop)
        np.testing.assert_array_equal(b, b_loop)


def test_train_mlp_defaults_are_the_loops_defaults() -> None:
    X, y = make_dataset("two moons", 60, 0.1, seed=1)
    result = train_mlp(X, y, epochs=3)
    expected = _loop_to_the_end(X, y, epochs=3)
    for (W, _), (W_loop, _) in zip(result.params, expected, strict=True):
        np.testing.assert_array_equal(W, W_loop)
    assert [W.shape for W, _ in result.params] == [(2, 8), (8, 8), (8, 2)]  # one output per class


def test_three_classes_get_three_outputs() -> None:
    X, y = make_dataset("gaussian blobs", 90, 0.3, seed=3)
    assert len(np.unique(y)) == int(y.max()) + 1
    result = train_mlp(X, y, (4,), epochs=2)
    assert result.params[-1][0].shape[1] == int(y.max()) + 1


def test_predictions_and_accuracy_use_the_networks_activation() -> None:
    rng = np.random.default_rng(4)
    X = rng.normal(size=(200, 2)) * 3.0
    params = init_params([2, 16, 3], "relu", seed=4)
    by_relu = forward(params, X, "relu").probabilities.argmax(1)
    by_tanh = forward(params, X, "tanh").probabilities.argmax(1)
    assert np.any(by_relu != by_tanh)  # the two activations disagree somewhere here
    np.testing.assert_array_equal(predict(params, X, "relu"), by_relu)
    np.testing.assert_array_equal(predict(params, X), by_tanh)  # tanh by default
    assert accuracy(params, X, by_relu, "relu") == 1.0
    assert accuracy(params, X, by_relu, "tanh") < 1.0
    assert np.isnan(accuracy(params, X[:0], by_relu[:0], "relu"))


def test_the_loops_own_defaults_are_the_documented_ones() -> None:
    # 300 epochs of tanh SGD without L2 (η 0.3, batches of 32, seed 0) unless told otherwise.
    X, y = make_dataset("two moons", 40, 0.1, seed=6)
    params = init_params([2, 3, 2], "tanh", seed=6)
    empty_X, empty_y = np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    results = list(training_epochs(params, X, y, empty_X, empty_y))
    assert [r.epoch for r in results] == list(range(301))
    last = results[-1]
    loss, _ = mlp_loss_and_gradients(list(last.params), X, y, 0.0, "tanh")
    assert last.train_loss == loss  # no L2 term, tanh hidden units
    spelled_out = list(
        training_epochs(
            params,
            X,
            y,
            empty_X,
            empty_y,
            learning_rate=0.3,
            batch_size=32,
            l2=0.0,
            activation="tanh",
            epochs=3,
            seed=0,
        )
    )
    for ours, theirs in zip(results[:4], spelled_out, strict=True):
        np.testing.assert_array_equal(ours.params[0][0], theirs.params[0][0])


@pytest.mark.parametrize("dropout", [1.0, -0.1, 1.5])
def test_dropout_outside_zero_to_one_is_refused_by_name(dropout: float) -> None:
    X, y = make_dataset("xor", 20, 0.1, seed=1)
    params = init_params([2, 3, 2], "tanh", seed=1)
    with pytest.raises(ValueError, match=r"^dropout must be in \[0, 1\)$"):
        next(training_epochs(params, X, y, X, y, dropout=dropout))
