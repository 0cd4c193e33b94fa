"""Everything the neural-network playground shows, computed without Qt.

`PlaygroundState` turns the spec's parameters into data, a network and a stepper whose
frames carry the decision surface, each hidden neuron's activation map, the loss curves
and the narration. `backprop_table` gives the numbers of one backward pass for the
"backprop" panel. The view only draws what these return.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from visualizers.core.frames import Frame, read_only
from visualizers.neural_network.algorithm import (
    EpochResult,
    FloatArray,
    Layer,
    activate,
    activation_slope,
    forward,
    init_params,
    make_dataset,
    mlp_loss_and_gradients,
    split,
    training_epochs,
)

GRID = 48  # decision-surface resolution (GRID × GRID points)
EXTENT = 1.9  # the surface covers [-EXTENT, EXTENT]² (data is scaled to fit inside)
VALIDATION_SHARE = 0.3


@dataclass(frozen=True)
class NetworkFrame(Frame):
    epoch: int = 0
    params: tuple[Layer, ...] = ()
    train_loss: float = float("nan")
    val_loss: float = float("nan")
    train_accuracy: float = float("nan")
    val_accuracy: float = float("nan")
    best_epoch: int = 0
    stopped_early: bool = False
    # P(class) on the grid, shape (GRID, GRID, classes); [row = y, column = x]
    surface: FloatArray = field(default_factory=lambda: np.zeros((1, 1, 1)))
    # one (GRID, GRID, neurons) array per hidden layer: each neuron's activation map
    neuron_maps: tuple[FloatArray, ...] = ()
    # (epochs so far + 1, 2): train and validation loss after every epoch
    loss_history: FloatArray = field(default_factory=lambda: np.zeros((0, 2)))


@dataclass(frozen=True)
class BackpropRow:
    """One layer of one example's backward pass, as numbers for the table."""

    layer: str
    inputs: FloatArray  # a of the layer below (the example's features for the first)
    z: FloatArray
    output: FloatArray  # f(z) for hidden layers, softmax probabilities for the output
    delta: FloatArray  # ∂L/∂z for this example
    weight_update: FloatArray  # −η · outer(inputs, delta), shape of W


def grid_points() -> FloatArray:
    axis = np.linspace(-EXTENT, EXTENT, GRID)
    xx, yy = np.meshgrid(axis, axis)
    return np.c_[xx.ravel(), yy.ravel()]


class PlaygroundStepper:
    """One epoch of mini-batch SGD per frame; frame 0 is the untrained network."""

    def __init__(self, state: PlaygroundState) -> None:
        self.state = state
        self._epochs: Iterator[EpochResult] = training_epochs(
            state.initial_params,
            state.X_train,
            state.y_train,
            state.X_val,
            state.y_val,
            learning_rate=state.learning_rate,
            batch_size=state.batch_size,
            l2=state.l2,
            dropout=state.dropout,
            activation=state.activation,
            epochs=state.epochs,
            patience=state.patience,
            seed=state.seed,
        )
        self._losses: list[tuple[float, float]] = []

    def first(self) -> NetworkFrame:
        return self._frame(next(self._epochs))

    def advance(self, frame: NetworkFrame) -> NetworkFrame:
        try:
            result = next(self._epochs)
        except StopIteration:  # defensive: the last frame is already marked finished
            return frame
        except FloatingPointError as exc:
            return NetworkFrame(
                step=frame.step + 1,
                explanation=str(exc),
                finished=True,
                error=str(exc),
                epoch=frame.epoch,
                params=frame.params,
                train_loss=frame.train_loss,
                val_loss=frame.val_loss,
                train_accuracy=frame.train_accuracy,
                val_accuracy=frame.val_accuracy,
                best_epoch=frame.best_epoch,
                surface=frame.surface,
                neuron_maps=frame.neuron_maps,
                loss_history=frame.loss_history,
            )
        return self._frame(result)

    def _frame(self, result: EpochResult) -> NetworkFrame:
        state = self.state
        self._losses.append((result.train_loss, result.val_loss))
        passed = forward(result.params, state.grid, state.activation)
        surface = passed.probabilities.reshape(GRID, GRID, -1)
        maps = tuple(read_only(a.reshape(GRID, GRID, -1)) for a in passed.activations[1:])
        diverged = not np.isfinite(result.train_loss) or result.train_loss > 1e3
        finished = result.epoch >= state.epochs or result.stopped_early or diverged
        error = None
        if diverged:
            error = (
                f"The loss blew up to {result.train_loss:.3g} at epoch {result.epoch}: "
                f"η = {state.learning_rate:g} is too large for this network; lower it."
            )
        frame = NetworkFrame(
            step=result.epoch,
            explanation="",
            finished=finished,
            error=error,
            epoch=result.epoch,
            params=tuple((read_only(W), read_only(b)) for W, b in result.params),
            train_loss=result.train_loss,
            val_loss=result.val_loss,
            train_accuracy=result.train_accuracy,
            val_accuracy=result.val_accuracy,
            best_epoch=result.best_epoch,
            stopped_early=result.stopped_early,
            surface=read_only(surface),
            neuron_maps=maps,
            loss_history=read_only(np.array(self._losses)),
        )
        return replace(frame, explanation=state.explain(frame))


class PlaygroundState:
    """Parameters → data → network → stepper, plus the side computations the view shows."""

    def __init__(self, params: Mapping[str, object], seed: int) -> None:
        self.seed = seed
        self.dataset = str(params["dataset"])
        self.activation = str(params["activation"])
        self.learning_rate = float(params["learning_rate"])  # type: ignore[arg-type]
        self.batch_size = int(params["batch_size"])  # type: ignore[call-overload]
        self.l2 = float(params["l2"])  # type: ignore[arg-type]
        self.dropout = float(params["dropout"])  # type: ignore[arg-type]
        self.epochs = int(params["epochs"])  # type: ignore[call-overload]
        self.patience = int(params["patience"])  # type: ignore[call-overload]
        layers = int(params["hidden_layers"])  # type: ignore[call-overload]
        neurons = int(params["neurons"])  # type: ignore[call-overload]
        points = int(params["points"])  # type: ignore[call-overload]
        noise = float(params["noise"])  # type: ignore[arg-type]
        X, y = make_dataset(self.dataset, points, noise, seed)
        self.X_train, self.y_train, self.X_val, self.y_val = split(X, y, VALIDATION_SHARE, seed)
        self.classes = int(y.max()) + 1
        self.sizes = [2, *([neurons] * layers), self.classes]
        self.initial_params = init_params(self.sizes, self.activation, seed)
        self.grid = grid_points()

    def stepper(self) -> PlaygroundStepper:
        return PlaygroundStepper(self)

    @property
    def parameter_count(self) -> int:
        return sum(W.size + b.size for W, b in self.initial_params)

    def explain(self, frame: NetworkFrame) -> str:
        """The narration for one epoch, with the numbers on screen."""
        gap = frame.train_accuracy - frame.val_accuracy
        shape = " → ".join(str(s) for s in self.sizes)
        parts = [
            f"<b>Epoch {frame.epoch}</b> of {self.epochs} · network {shape} "
            f"({self.parameter_count} parameters, {html.escape(self.activation)})",
            f"Train loss <b>{frame.train_loss:.4f}</b>, validation loss "
            f"<b>{frame.val_loss:.4f}</b> · accuracy {frame.train_accuracy:.1%} train, "
            f"{frame.val_accuracy:.1%} validation.",
        ]
        if frame.epoch == 0:
            parts.append(
                "The weights are random, so the surface is nearly flat: every point gets "
                "about the same probability. Each step runs forward, measures the "
                "cross-entropy, and pushes the error back through the layers."
            )
        elif gap > 0.05 and frame.val_loss > frame.loss_history[:, 1].min() * 1.05:
            parts.append(
                f"Overfitting: train accuracy is {gap:.0%} above validation and the "
                "validation loss is rising from its best "
                f"(epoch {frame.best_epoch}). L2, dropout, more data or early stopping help."
            )
        else:
            parts.append(
                "Each hidden neuron draws one soft line (tanh/sigmoid) or hinge (ReLU) in "
                "the plane; the next layer combines them into the curved boundary."
            )
        if frame.stopped_early:
            parts.append(
                f"Early stopping: no validation improvement for {self.patience} epochs; "
                f"the best network was at epoch {frame.best_epoch}."
            )
        return "<br>".join(parts)

    def backprop_table(self, frame: NetworkFrame, example: int) -> list[BackpropRow]:
        """Forward values, error signals and weight updates for one training example."""
        if not frame.params:
            return []
        index = int(np.clip(example, 0, len(self.y_train) - 1))
        x = self.X_train[index : index + 1]
        y = self.y_train[index : index + 1]
        passed = forward(frame.params, x, self.activation)
        _, grads = mlp_loss_and_gradients(frame.params, x, y, 0.0, self.activation)
        rows: list[BackpropRow] = []
        delta = passed.probabilities.copy()
        delta[0, y[0]] -= 1.0
        deltas = [delta]
        for layer in range(len(frame.params) - 1, 0, -1):
            W, _ = frame.params[layer]
            z_prev = passed.pre_activations[layer - 1]
            a_prev = activate(z_prev, self.activation)
            deltas.insert(0, (deltas[0] @ W.T) * activation_slope(z_prev, a_prev, self.activation))
        for layer, (z, d, (gW, _)) in enumerate(
            zip(passed.pre_activations, deltas, grads, strict=True)
        ):
            last = layer == len(frame.params) - 1
            output = passed.probabilities if last else passed.activations[layer + 1]
            rows.append(
                BackpropRow(
                    "output (softmax)" if last else f"hidden {layer + 1}",
                    passed.activations[layer][0],
                    z[0],
                    output[0],
                    d[0],
                    -self.learning_rate * gW,
                )
            )
        return rows

    def backprop_html(self, frame: NetworkFrame, example: int) -> str:
        """The backprop table as rich text: one block per layer, the numbers rounded."""
        rows = self.backprop_table(frame, example)
        if not rows:
            return ""
        index = int(np.clip(example, 0, len(self.y_train) - 1))
        x = self.X_train[index]

        def vec(values: FloatArray, limit: int = 6) -> str:
            shown = ", ".join(f"{v:+.3f}" for v in values[:limit])
            return f"[{shown}{', …' if len(values) > limit else ''}]"

        lines = [
            f"<b>Example {index}</b>: x = ({x[0]:+.2f}, {x[1]:+.2f}), "
            f"class {int(self.y_train[index])}. Forward, then back:"
        ]
        for row in rows:
            biggest = float(np.abs(row.weight_update).max()) if row.weight_update.size else 0.0
            lines.append(
                f"<b>{html.escape(row.layer)}</b>: z = {vec(row.z)} → out = {vec(row.output)}"
                f"<br>&nbsp;&nbsp;δ = ∂L/∂z = {vec(row.delta)}"
                f"<br>&nbsp;&nbsp;ΔW = −η·aᵀδ: largest change {biggest:.2e}"
                f" (η = {self.learning_rate:g})"
            )
        lines.append(
            "At the output δ = p − onehot(y); each layer below gets δ·Wᵀ scaled by the "
            "activation's slope f′(z). A saturated tanh or a dead ReLU has slope ≈ 0 and "
            "passes almost nothing back."
        )
        return "<br>".join(lines)

    def run_to_end(self) -> NetworkFrame:
        """The last frame of the whole run (for tests and the presets' claims)."""
        stepper = self.stepper()
        frame = stepper.first()
        while not frame.finished:
            frame = stepper.advance(frame)
        return frame
