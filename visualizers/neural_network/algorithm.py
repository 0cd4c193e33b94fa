"""A small multilayer perceptron in plain NumPy: the answer to question 6, and what the playground trains.

`mlp_loss_and_gradients` is the interview answer: one forward pass, softmax cross-entropy
with L2 on the weights, and backpropagation written layer by layer. `training_epochs` is
the training loop the visualizer animates (mini-batch SGD, inverted dropout, early
stopping); `train_mlp` is that same loop run to the end. No Qt.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Layer = tuple[FloatArray, FloatArray]  # (W of shape (inputs, outputs), b of shape (outputs,))

ACTIVATIONS: tuple[str, ...] = ("tanh", "relu", "sigmoid")


def activate(z: FloatArray, activation: str) -> FloatArray:
    """The hidden-layer non-linearity applied element-wise."""
    if activation == "tanh":
        return np.tanh(z)
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "sigmoid":
        # Split by sign so exp never overflows for large |z|.
        out = np.empty_like(z)
        positive = z >= 0
        out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
        ez = np.exp(z[~positive])
        out[~positive] = ez / (1.0 + ez)
        return out
    raise ValueError(f"unknown activation {activation!r}; choose one of {ACTIVATIONS}")


def activation_slope(z: FloatArray, a: FloatArray, activation: str) -> FloatArray:
    """d a / d z, written in terms of the already computed output `a` where that is cheaper."""
    if activation == "tanh":
        return 1.0 - a * a
    if activation == "relu":
        return (z > 0).astype(np.float64)
    if activation == "sigmoid":
        return a * (1.0 - a)
    raise ValueError(f"unknown activation {activation!r}; choose one of {ACTIVATIONS}")


def softmax(logits: FloatArray) -> FloatArray:
    """Row-wise softmax; subtracting the row maximum keeps exp from overflowing."""
    # A logit ~1e308 below the maximum gives −inf here, whose exp is the right 0.
    with np.errstate(over="ignore"):
        shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def init_params(sizes: Sequence[int], activation: str, seed: int) -> list[Layer]:
    """Random weights scaled for the activation (He for ReLU, Glorot otherwise), zero biases."""
    if len(sizes) < 2 or any(s < 1 for s in sizes):
        raise ValueError(f"a network needs at least an input and an output layer, got {sizes}")
    rng = np.random.default_rng(seed)
    params: list[Layer] = []
    for fan_in, fan_out in itertools.pairwise(sizes):
        scale = np.sqrt(2.0 / fan_in) if activation == "relu" else np.sqrt(2.0 / (fan_in + fan_out))
        params.append((rng.normal(0.0, scale, (fan_in, fan_out)), np.zeros(fan_out)))
    return params


@dataclass(frozen=True)
class ForwardPass:
    """Every intermediate value of one forward pass, kept for backpropagation and display."""

    pre_activations: tuple[FloatArray, ...]  # z of each layer (hidden layers, then output)
    activations: tuple[FloatArray, ...]  # input X, then a of each hidden layer (after dropout)
    probabilities: FloatArray  # softmax of the output layer


def forward(
    params: Sequence[Layer],
    X: FloatArray,
    activation: str = "tanh",
    dropout_masks: Sequence[FloatArray] | None = None,
) -> ForwardPass:
    """Run `X` through the network. `dropout_masks[i]` (already scaled by 1/keep) multiplies
    hidden layer i's output: inverted dropout, so nothing changes at inference time."""
    zs: list[FloatArray] = []
    activations: list[FloatArray] = [X]
    a = X
    for index, (W, b) in enumerate(params):
        z = a @ W + b
        zs.append(z)
        if index == len(params) - 1:
            break
        a = activate(z, activation)
        if dropout_masks is not None:
            a = a * dropout_masks[index]
        activations.append(a)
    return ForwardPass(tuple(zs), tuple(activations), softmax(zs[-1]))


def mlp_loss_and_gradients(
    params: Sequence[Layer],
    X: FloatArray,
    y: IntArray,
    l2: float = 0.0,
    activation: str = "tanh",
    dropout_masks: Sequence[FloatArray] | None = None,
) -> tuple[float, list[Layer]]:
    """Mean softmax cross-entropy plus (l2 / 2)·Σ‖W‖², and its gradient for every (W, b).

    Backpropagation: at the output, ∂L/∂z = (p − onehot(y)) / n. For each layer going
    back, ∂L/∂W = a_prevᵀ · δ (+ l2·W), ∂L/∂b = Σ δ over the batch, and the error signal
    for the layer below is δ_prev = (δ · Wᵀ) ⊙ f′(z_prev) (⊙ the dropout mask if any).
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    n = X.shape[0]
    if n == 0:
        raise ValueError("the batch is empty")
    passed = forward(params, X, activation, dropout_masks)
    probs = passed.probabilities
    classes = probs.shape[1]
    if y.min() < 0 or y.max() >= classes:
        raise ValueError(f"labels must be integers in 0..{classes - 1}")
    # log p for the true class, computed from the logits to stay finite when p underflows.
    logits = passed.pre_activations[-1]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    data_loss = float(np.mean(log_norm - shifted[np.arange(n), y]))
    penalty = 0.5 * l2 * sum(float(np.sum(W * W)) for W, _ in params)

    delta = probs.copy()
    delta[np.arange(n), y] -= 1.0
    delta /= n
    grads: list[Layer] = [(np.zeros(0), np.zeros(0))] * len(params)
    for index in range(len(params) - 1, -1, -1):
        W, _ = params[index]
        a_prev = passed.activations[index]
        grads[index] = (a_prev.T @ delta + l2 * W, delta.sum(axis=0))
        if index == 0:
            break
        delta = delta @ W.T
        z_prev = passed.pre_activations[index - 1]
        # a_prev already includes the mask; the slope must use the unmasked activation.
        delta = delta * activation_slope(z_prev, activate(z_prev, activation), activation)
        if dropout_masks is not None:
            delta = delta * dropout_masks[index - 1]
    return data_loss + penalty, grads


def predict(params: Sequence[Layer], X: FloatArray, activation: str = "tanh") -> IntArray:
    """The most probable class of every row of `X`."""
    return forward(params, np.asarray(X, dtype=np.float64), activation).probabilities.argmax(1)


def accuracy(params: Sequence[Layer], X: FloatArray, y: IntArray, activation: str) -> float:
    if len(y) == 0:
        return float("nan")
    return float(np.mean(predict(params, X, activation) == y))


@dataclass(frozen=True)
class EpochResult:
    """The network after one more epoch, with the figures the playground plots."""

    epoch: int
    params: tuple[Layer, ...]
    train_loss: float  # full-batch loss without dropout (what the model now is)
    val_loss: float
    train_accuracy: float
    val_accuracy: float
    best_epoch: int
    stopped_early: bool


def training_epochs(
    params: Sequence[Layer],
    X: FloatArray,
    y: IntArray,
    X_val: FloatArray,
    y_val: IntArray,
    *,
    learning_rate: float = 0.3,
    batch_size: int = 32,
    l2: float = 0.0,
    dropout: float = 0.0,
    activation: str = "tanh",
    epochs: int = 300,
    patience: int = 0,
    seed: int = 0,
) -> Iterator[EpochResult]:
    """Mini-batch SGD, one yielded result per epoch; epoch 0 is the untrained network.

    `dropout` is the probability of dropping a hidden unit during training; `patience`
    > 0 stops once the validation loss has not improved for that many epochs.
    """
    if not 0.0 <= dropout < 1.0:
        raise ValueError("dropout must be in [0, 1)")
    if learning_rate <= 0 or batch_size < 1:
        raise ValueError("the learning rate must be positive and the batch size at least 1")
    rng = np.random.default_rng(seed)
    current = [(W.copy(), b.copy()) for W, b in params]
    n = X.shape[0]
    best_val, best_epoch = np.inf, 0

    def evaluate(epoch: int, stopped: bool) -> EpochResult:
        frozen = tuple((W.copy(), b.copy()) for W, b in current)
        train_loss, _ = mlp_loss_and_gradients(current, X, y, l2, activation)
        if len(y_val):
            val_loss, _ = mlp_loss_and_gradients(current, X_val, y_val, l2, activation)
        else:
            val_loss = float("nan")
        return EpochResult(
            epoch,
            frozen,
            train_loss,
            val_loss,
            accuracy(current, X, y, activation),
            accuracy(current, X_val, y_val, activation),
            best_epoch,
            stopped,
        )

    first = evaluate(0, False)
    best_val = first.val_loss if np.isfinite(first.val_loss) else np.inf
    yield first
    keep = 1.0 - dropout
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            masks = None
            if dropout > 0.0:
                masks = [
                    (rng.random((len(batch), W.shape[1])) < keep) / keep for W, _ in current[:-1]
                ]
            _, grads = mlp_loss_and_gradients(current, X[batch], y[batch], l2, activation, masks)
            current = [
                (W - learning_rate * gW, b - learning_rate * gb)
                for (W, b), (gW, gb) in zip(current, grads, strict=True)
            ]
        if not all(np.all(np.isfinite(W)) for W, _ in current):
            raise FloatingPointError(
                f"the weights overflowed at epoch {epoch}: lower the learning rate"
            )
        result = evaluate(epoch, False)
        if result.val_loss < best_val - 1e-6:
            best_val, best_epoch = result.val_loss, epoch
        stop = patience > 0 and epoch - best_epoch >= patience
        yield EpochResult(
            epoch,
            result.params,
            result.train_loss,
            result.val_loss,
            result.train_accuracy,
            result.val_accuracy,
            best_epoch,
            stop,
        )
        if stop:
            return


def train_mlp(
    X: FloatArray,
    y: IntArray,
    hidden: Sequence[int] = (8, 8),
    *,
    activation: str = "tanh",
    learning_rate: float = 0.3,
    batch_size: int = 32,
    l2: float = 0.0,
    epochs: int = 300,
    seed: int = 0,
) -> EpochResult:
    """Train a fresh network to the end: `training_epochs` run out, the last result returned."""
    classes = int(np.max(y)) + 1
    params = init_params([X.shape[1], *hidden, classes], activation, seed)
    empty_X, empty_y = np.zeros((0, X.shape[1])), np.zeros(0, dtype=np.int64)
    *_, last = training_epochs(
        params,
        X,
        y,
        empty_X,
        empty_y,
        learning_rate=learning_rate,
        batch_size=batch_size,
        l2=l2,
        activation=activation,
        epochs=epochs,
        seed=seed,
    )
    return last


# -- 2-D datasets the playground offers ----------------------------------------------------

DATASETS: tuple[str, ...] = ("two moons", "circles", "spirals", "xor", "gaussian blobs")


def make_dataset(name: str, n: int, noise: float, seed: int) -> tuple[FloatArray, IntArray]:
    """`n` labelled 2-D points of a named toy problem, roughly inside [-1.5, 1.5]²."""
    rng = np.random.default_rng(seed)
    half = n // 2
    if name == "two moons":
        t1 = rng.uniform(0, np.pi, half)
        t2 = rng.uniform(0, np.pi, n - half)
        a = np.c_[np.cos(t1), np.sin(t1)]
        b = np.c_[1.0 - np.cos(t2), 0.5 - np.sin(t2)]
        X = np.r_[a, b] - [0.5, 0.25]
        y = np.r_[np.zeros(half), np.ones(n - half)]
    elif name == "circles":
        t = rng.uniform(0, 2 * np.pi, n)
        radius = np.r_[np.full(half, 1.0), np.full(n - half, 0.45)]
        X = np.c_[radius * np.cos(t), radius * np.sin(t)]
        y = np.r_[np.zeros(half), np.ones(n - half)]
    elif name == "spirals":
        t = np.sqrt(rng.uniform(0, 1, n)) * 3 * np.pi
        sign = np.r_[np.ones(half), -np.ones(n - half)]
        X = 0.45 * np.c_[sign * t * np.cos(t), sign * t * np.sin(t)] / np.pi
        y = np.r_[np.zeros(half), np.ones(n - half)]
    elif name == "xor":
        X = rng.uniform(-1, 1, (n, 2))
        y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(np.float64)
    elif name == "gaussian blobs":
        centres = np.array([[-0.8, -0.6], [0.8, -0.6], [0.0, 0.8]])
        y = rng.integers(0, 3, n).astype(np.float64)
        X = centres[y.astype(int)] + rng.normal(0, 0.3, (n, 2))
    else:
        raise ValueError(f"unknown dataset {name!r}; choose one of {DATASETS}")
    X = X + rng.normal(0.0, noise, X.shape)
    return X.astype(np.float64), y.astype(np.int64)


def split(
    X: FloatArray, y: IntArray, validation_share: float, seed: int
) -> tuple[FloatArray, IntArray, FloatArray, IntArray]:
    """A seeded random train/validation split."""
    order = np.random.default_rng(seed + 1).permutation(len(y))
    n_val = round(validation_share * len(y))
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]
