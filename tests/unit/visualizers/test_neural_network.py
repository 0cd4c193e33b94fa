"""The MLP answer against central finite differences, and the playground's claims (no Qt)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from visualizers.neural_network.algorithm import (
    ACTIVATIONS,
    init_params,
    make_dataset,
    mlp_loss_and_gradients,
    softmax,
    train_mlp,
)
from visualizers.neural_network.spec import SPEC
from visualizers.neural_network.state import PlaygroundState


def numerical_gradients(params, X, y, l2, activation, masks=None):  # type: ignore[no-untyped-def]
    grads = []
    h = 1e-6
    for W, b in params:
        layer = []
        for array in (W, b):
            numeric = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                old = array[index]
                array[index] = old + h
                plus, _ = mlp_loss_and_gradients(params, X, y, l2, activation, masks)
                array[index] = old - h
                minus, _ = mlp_loss_and_gradients(params, X, y, l2, activation, masks)
                array[index] = old
                numeric[index] = (plus - minus) / (2 * h)
            layer.append(numeric)
        grads.append(tuple(layer))
    return grads


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b)))


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_gradients_match_central_differences(activation: str, l2: float) -> None:
    rng = np.random.default_rng(3)
    params = init_params([3, 5, 4, 3], activation, seed=1)
    # Keep ReLU inputs away from the kink, where the finite difference is not a derivative.
    X = rng.normal(size=(9, 3))
    y = rng.integers(0, 3, 9)
    _, grads = mlp_loss_and_gradients(params, X, y, l2, activation)
    expected = numerical_gradients(params, X, y, l2, activation)
    for (gW, gb), (nW, nb) in zip(grads, expected, strict=True):
        assert relative_error(gW, nW) < 1e-6
        assert relative_error(gb, nb) < 1e-6


def test_dropout_masks_enter_the_gradient() -> None:
    rng = np.random.default_rng(4)
    params = init_params([2, 6, 2], "tanh", seed=2)
    X = rng.normal(size=(5, 2))
    y = rng.integers(0, 2, 5)
    masks = [(rng.random((5, 6)) < 0.5) / 0.5]
    _, grads = mlp_loss_and_gradients(params, X, y, 0.0, "tanh", masks)
    expected = numerical_gradients(params, X, y, 0.0, "tanh", masks)
    for (gW, gb), (nW, nb) in zip(grads, expected, strict=True):
        assert relative_error(gW, nW) < 1e-6
        assert relative_error(gb, nb) < 1e-6


def test_loss_is_cross_entropy_plus_half_l2_of_the_weights_only() -> None:
    params = init_params([2, 3, 2], "tanh", seed=0)
    params[0] = (params[0][0], np.array([5.0, -5.0, 2.0]))  # biases must not be penalised
    X = np.array([[0.3, -0.2], [1.0, 0.5]])
    y = np.array([1, 0])
    hidden = np.tanh(X @ params[0][0] + params[0][1])
    logits = hidden @ params[1][0] + params[1][1]
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    cross_entropy = -np.mean(np.log(p[np.arange(2), y]))
    weights = np.sum(params[0][0] ** 2) + np.sum(params[1][0] ** 2)
    loss, _ = mlp_loss_and_gradients(params, X, y, l2=0.2)
    assert loss == pytest.approx(cross_entropy + 0.1 * weights, rel=1e-12)


def test_softmax_never_overflows() -> None:
    probabilities = softmax(np.array([[1000.0, 0.0, -1000.0], [-1e308, 1e308, 0.0]]))
    assert np.all(np.isfinite(probabilities))
    assert probabilities[0, 0] == pytest.approx(1.0) and probabilities[1, 1] == pytest.approx(1.0)
    params = [(np.array([[800.0, -800.0]]), np.zeros(2))]
    loss, grads = mlp_loss_and_gradients(params, np.array([[1.0]]), np.array([1]))
    assert np.isfinite(loss) and loss == pytest.approx(1600.0)
    assert all(np.all(np.isfinite(g)) for pair in grads for g in pair)


def test_default_settings_reach_97_percent_on_two_moons() -> None:
    state = PlaygroundState(SPEC.defaults(), seed=SPEC.seed)
    last = state.run_to_end()
    assert last.val_accuracy >= 0.97 and last.train_accuracy >= 0.97


def test_train_mlp_is_the_animated_loop_run_to_the_end() -> None:
    X, y = make_dataset("two moons", 200, 0.1, seed=5)
    result = train_mlp(X, y, (8, 8), learning_rate=0.3, epochs=150, seed=5)
    assert result.epoch == 150
    assert result.train_accuracy >= 0.97


def _gap_and_validation_rise(preset: str) -> tuple[float, float]:
    gaps, rises = [], []
    for seed in range(4):
        last = PlaygroundState(SPEC.preset_values(preset), seed).run_to_end()
        gaps.append(last.train_accuracy - last.val_accuracy)
        rises.append(last.val_loss - float(last.loss_history[:, 1].min()))
    return float(np.mean(gaps)), float(np.mean(rises))


@pytest.mark.slow  # 12 trainings of 500 epochs (~25 s): left out of mutation runs
def test_dropout_and_l2_close_the_overfitting_gap() -> None:
    gap, rise = _gap_and_validation_rise("overfitting")
    assert gap > 0.05 and rise > 0.2, "the overfitting preset must overfit"
    for tamed in ("overfitting_dropout", "overfitting_l2"):
        tamed_gap, tamed_rise = _gap_and_validation_rise(tamed)
        assert tamed_gap < gap - 0.05, tamed
        assert tamed_rise < rise / 2, tamed


def test_early_stopping_stops_patience_epochs_after_the_best() -> None:
    values = SPEC.preset_values("early_stopping")
    last = PlaygroundState(values, seed=0).run_to_end()
    assert last.stopped_early and last.finished
    assert last.epoch - last.best_epoch == values["patience"]
    assert last.epoch < int(values["epochs"])


def test_backprop_table_follows_the_chain_rule() -> None:
    state = PlaygroundState(SPEC.defaults(), seed=0)
    stepper = state.stepper()
    frame = stepper.advance(stepper.first())
    rows = state.backprop_table(frame, example=3)
    assert [r.layer for r in rows] == ["hidden 1", "hidden 2", "output (softmax)"]
    target = np.zeros(2)
    target[state.y_train[3]] = 1.0
    np.testing.assert_allclose(rows[-1].delta, rows[-1].output - target, atol=1e-12)
    for below, above in itertools.pairwise(rows):
        W = frame.params[rows.index(above)][0]
        slope = 1.0 - below.output**2  # tanh
        np.testing.assert_allclose(below.delta, (above.delta @ W.T) * slope, atol=1e-12)
    for row in rows:
        expected = -state.learning_rate * np.outer(row.inputs, row.delta)
        np.testing.assert_allclose(row.weight_update, expected, atol=1e-12)


def test_a_huge_learning_rate_is_reported_not_crashed() -> None:
    values = SPEC.resolve({"learning_rate": 10.0, "activation": "sigmoid", "epochs": 100})
    last = PlaygroundState(values, seed=0).run_to_end()
    assert last.finished
    assert np.isfinite(last.train_loss) or last.error is not None


def test_explanation_names_the_numbers_on_screen() -> None:
    state = PlaygroundState(SPEC.defaults(), seed=0)
    stepper = state.stepper()
    frame = stepper.advance(stepper.first())
    assert f"{frame.train_loss:.4f}" in frame.explanation
    assert f"{frame.val_accuracy:.1%}" in frame.explanation
    assert "2 → 8 → 8 → 2" in frame.explanation
