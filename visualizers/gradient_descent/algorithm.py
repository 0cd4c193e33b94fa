"""Gradient descent, pure NumPy (no Qt): the answer to question 25 and the loop the view animates.

`gradient_descent` fits linear regression by full-batch gradient descent on the mean
squared error — the function the question view shows — by running `descent_steps` to the
end. `GradientDescentStepper` walks that same generator for one or several optimizers
(plain, momentum, Adam; batch, mini-batch or stochastic gradients) side by side on the
same `Problem`: the regression loss over (w, b), or a 2-D test surface (an elongated
bowl, a saddle, Rosenbrock's valley). Every frame is immutable, carries its optimizer
state, and never holds NaN: a step that would blow up is not taken, and the runner stops
with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from visualizers.core.frames import Frame, read_only

Array = NDArray[np.float64]
OptimizerName = Literal["plain", "momentum", "adam"]
BatchMode = Literal["batch", "mini-batch", "stochastic"]

OPTIMIZERS: tuple[OptimizerName, ...] = ("plain", "momentum", "adam")
BATCH_MODES: tuple[BatchMode, ...] = ("batch", "mini-batch", "stochastic")
OPTIMIZER_TITLES: dict[str, str] = {"plain": "Plain GD", "momentum": "Momentum", "adam": "Adam"}

# A loss this many times its starting value means the run has left the basin for good.
DIVERGENCE_FACTOR = 1e4
ADAM_BETA2 = 0.999
ADAM_EPS = 1e-8


class DivergenceError(ValueError):
    """Gradient descent blew up: the learning rate is too large for the loss's curvature."""


@dataclass(frozen=True)
class LinearFit:
    """Result of `gradient_descent`: y ≈ X @ weights + bias."""

    weights: Array
    bias: float
    losses: Array  # mean squared error before each epoch's update (and after the last)
    converged: bool  # the gradient became negligibly small before `epochs` ran out


def gradient_descent(
    X: ArrayLike,
    y: ArrayLike,
    lr: float = 0.01,
    epochs: int = 1000,
    tol: float = 1e-9,
) -> LinearFit:
    """Fit linear regression y ≈ X·w + b by batch gradient descent on the mean squared error.

    Loss:      L(w, b) = (1/n) Σᵢ (xᵢ·w + b − yᵢ)²
    Gradient:  ∂L/∂w = (2/n) Xᵀ r,   ∂L/∂b = (2/n) Σᵢ rᵢ,   where r = X·w + b − y
    Update:    w ← w − lr·∂L/∂w,     b ← b − lr·∂L/∂b

    X has shape (n, d) (a 1-D X is one feature); y has shape (n,). The loop is
    `descent_steps`, the one the visualizer animates; this runs it to the end. It stops
    early once the gradient is `tol` times smaller than at the start. On well-conditioned
    data the result matches the least-squares solution (numpy.linalg.lstsq with a column
    of ones).

    Raises ValueError for malformed input, and DivergenceError (a ValueError) when the
    loss stops being finite or grows far past where it started — the sign that `lr` is
    larger than 2/λ_max, where λ_max is the largest curvature of L.
    """
    X, y = _check_regression_data(X, y)
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate must be a positive number, got {lr}")
    if int(epochs) != epochs or epochs < 1:
        raise ValueError(f"epochs must be a positive whole number, got {epochs}")
    n, d = X.shape

    def loss(theta: Array) -> float:  # θ = (w₁, …, w_d, b)
        r = X @ theta[:d] + theta[d] - y
        return float(r @ r) / n

    def gradient(theta: Array, batch: Batch) -> Array:
        r = X @ theta[:d] + theta[d] - y
        return np.append((2.0 / n) * (X.T @ r), (2.0 / n) * r.sum())

    losses: list[float] = []
    for step in descent_steps(loss, gradient, np.zeros(d + 1), lr, int(epochs), tol):
        if step.status == "diverged":
            raise DivergenceError(_divergence_message(X, lr, step.step))
        losses.append(step.loss)
    theta = step.theta
    return LinearFit(theta[:d], float(theta[d]), np.asarray(losses), step.status == "converged")


Batch = NDArray[np.intp] | None  # the examples a gradient is estimated from (None: all)
Status = Literal["running", "converged", "diverged"]


@dataclass(frozen=True)
class DescentStep:
    """Where one optimizer stands after `step` updates, as `descent_steps` yields it."""

    step: int
    theta: Array  # parameters (the last finite ones once diverged)
    loss: float  # full-data loss at θ
    gradient: Array  # the gradient (estimate) this step followed; zeros at step 0
    velocity: Array  # momentum's v, or Adam's m
    second_moment: Array  # Adam's v (zeros otherwise)
    status: Status


def descent_steps(
    loss: Callable[[Array], float],
    gradient: Callable[[Array, Batch], Array],
    theta0: Array,
    lr: float,
    max_steps: int,
    tol: float,
    optimizer: OptimizerName = "plain",
    beta: float = 0.9,
    batches: Callable[[int], Batch] | None = None,
) -> Iterator[DescentStep]:
    """Gradient descent one step at a time, from θ₀: yields step 0, then every update.

    Each step follows the gradient estimated on `batches(step)` (all data when None),
    moved by the optimizer (`optimizer_step`). Stops as "converged" once the full-data
    gradient is `tol` times smaller than at the start (never below tol in absolute
    terms), and as "diverged" — keeping the last finite θ, so nothing NaN escapes — when
    the loss stops being finite or grows DIVERGENCE_FACTOR times past max(L(θ₀), 1).
    """
    theta = np.asarray(theta0, dtype=np.float64)
    zeros = np.zeros_like(theta)
    v, s = zeros, zeros
    # Overflow shows up as a non-finite loss, checked below; not as a warning.
    with np.errstate(all="ignore"):
        current = loss(theta)
        stop_norm = tol * max(1.0, float(np.linalg.norm(gradient(theta, None))))
    limit = DIVERGENCE_FACTOR * max(current, 1.0)
    yield DescentStep(0, theta, current, zeros, v, s, "running")
    for t in range(1, max_steps + 1):
        with np.errstate(all="ignore"):
            g = gradient(theta, batches(t) if batches is not None else None)
            new_theta, new_v, new_s = optimizer_step(optimizer, lr, theta, g, v, s, beta, t)
            new_loss = loss(new_theta) if np.all(np.isfinite(new_theta)) else math.inf
        if not (math.isfinite(new_loss) and new_loss <= limit):
            yield DescentStep(t, theta, current, g, v, s, "diverged")
            return
        theta, v, s, current = new_theta, new_v, new_s, new_loss
        with np.errstate(all="ignore"):
            done = float(np.linalg.norm(gradient(theta, None))) <= stop_norm
        yield DescentStep(t, theta, current, g, v, s, "converged" if done else "running")
        if done:
            return


def _check_regression_data(X: ArrayLike, y: ArrayLike) -> tuple[Array, Array]:
    """X as an (n, d) float array and y as (n,), or a ValueError saying what is wrong."""
    try:
        Xa = np.asarray(X, dtype=np.float64)
        ya = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"X and y must be numeric arrays ({exc})") from exc
    if Xa.ndim == 1:
        Xa = Xa[:, None]
    if Xa.ndim != 2 or ya.ndim != 1:
        raise ValueError(f"X must be 1-D or 2-D and y 1-D, got shapes {Xa.shape} and {ya.shape}")
    if Xa.shape[0] != ya.shape[0]:
        raise ValueError(f"X has {Xa.shape[0]} rows but y has {ya.shape[0]} values")
    if ya.size == 0 or Xa.shape[1] == 0:
        raise ValueError("there is no data to fit")
    if not (np.all(np.isfinite(Xa)) and np.all(np.isfinite(ya))):
        raise ValueError("X and y must not contain NaN or infinity")
    # Squared residuals of values beyond ~1e150 overflow float64 before the first step.
    if max(float(np.max(np.abs(Xa))), float(np.max(np.abs(ya)))) > 1e100:
        raise ValueError("values above 1e100 overflow the squared loss; rescale the data first")
    return Xa, ya


def _divergence_message(X: Array, lr: float, epoch: int) -> str:
    """Why the run blew up, with the learning rate that would have been stable."""
    n = X.shape[0]
    design = np.hstack([X, np.ones((n, 1))])
    # Hessian of the MSE is (2/n)·[X 1]ᵀ[X 1]; plain GD is stable only for lr < 2/λ_max.
    # Scale first so huge inputs can't overflow the product: λ(s²A) = s²·λ(A).
    scale = float(np.max(np.abs(design)))
    unit = design / scale
    with np.errstate(over="ignore"):
        lam_max = float(np.linalg.eigvalsh((2.0 / n) * unit.T @ unit)[-1]) * scale * scale
    return (
        f"diverged at epoch {epoch}: learning rate {lr:g} too large for this curvature "
        f"(largest curvature λ_max = {lam_max:.4g}, so steps are stable only for "
        f"lr < 2/λ_max = {2.0 / lam_max:.4g})"
    )


# ---------------------------------------------------------------------------------------
# Problems: what the stepper descends. Each is a loss over a 2-D parameter θ.
# ---------------------------------------------------------------------------------------
class Problem:
    """A differentiable loss over a 2-D parameter θ, with a window to plot it in."""

    title: str = ""
    param_names: tuple[str, str] = ("x", "y")
    n_examples: int = 0  # > 0 when gradients can be estimated from mini-batches
    window: tuple[float, float, float, float] = (-1.0, 1.0, -1.0, 1.0)  # x0, x1, y0, y1
    minimum: tuple[float, float] | None = None
    loss_floor: float = 0.0  # the loss never goes below this (for a log axis)

    def loss(self, theta: Array) -> float:
        raise NotImplementedError

    def gradient(self, theta: Array, batch: NDArray[np.intp] | None = None) -> Array:
        """∇L(θ); with `batch`, the estimate from those examples only."""
        raise NotImplementedError

    def loss_grid(self, xs: Array, ys: Array) -> Array:
        """L on the grid, shape (len(ys), len(xs)); row i is ys[i]."""
        raise NotImplementedError

    def max_curvature(self, theta: Array) -> float:
        """Largest eigenvalue of the Hessian at θ (the curvature that limits the step)."""
        raise NotImplementedError

    def start_from(self, u: float, v: float) -> Array:
        """θ at relative position (u, v) ∈ [-1, 1]² of the plotting window."""
        x0, x1, y0, y1 = self.window
        return np.array(
            [x0 + (u + 1.0) / 2.0 * (x1 - x0), y0 + (v + 1.0) / 2.0 * (y1 - y0)], dtype=np.float64
        )

    def relative(self, theta: ArrayLike) -> tuple[float, float]:
        """Inverse of `start_from`: where θ sits in the window, as (u, v) ∈ [-1, 1]²."""
        t = np.asarray(theta, dtype=np.float64)
        x0, x1, y0, y1 = self.window
        return (2.0 * (t[0] - x0) / (x1 - x0) - 1.0, 2.0 * (t[1] - y0) / (y1 - y0) - 1.0)


class LinearRegressionProblem(Problem):
    """Mean squared error of y ≈ w·x + b over θ = (w, b): the loss `gradient_descent` minimises."""

    param_names = ("w", "b")

    def __init__(self, x: ArrayLike, y: ArrayLike, title: str = "linear regression") -> None:
        X, yy = _check_regression_data(x, y)
        if X.shape[1] != 1:
            raise ValueError("the visualizer fits one feature: x must be a single column")
        if X.shape[0] < 2:
            raise ValueError("at least two data points are needed to fit a line")
        self.x: Array = X[:, 0].copy()
        self.y: Array = yy.copy()
        if float(np.ptp(self.x)) == 0.0:
            raise ValueError("every x value is the same, so the slope is undefined; vary x")
        self.title = title
        self.n_examples = self.x.size
        # Centred statistics make the grid loss accurate even when L* ≪ mean(y²).
        self._x_mean = float(self.x.mean())
        self._y_mean = float(self.y.mean())
        xc, yc = self.x - self._x_mean, self.y - self._y_mean
        self._sxx = float(xc @ xc) / self.n_examples
        self._sxy = float(xc @ yc) / self.n_examples
        self._syy = float(yc @ yc) / self.n_examples
        w_opt = self._sxy / self._sxx
        b_opt = self._y_mean - w_opt * self._x_mean
        self.minimum = (w_opt, b_opt)
        self.loss_floor = max(0.0, self._syy - self._sxy * w_opt)
        half = max(1.5 * max(abs(w_opt), abs(b_opt)), 1.0)
        self.window = (w_opt - half, w_opt + half, b_opt - half, b_opt + half)
        # (2/n)[x 1]ᵀ[x 1] is constant: the loss is a quadratic bowl in (w, b).
        h = 2.0 * np.array([[self._sxx + self._x_mean**2, self._x_mean], [self._x_mean, 1.0]])
        self._lam_max = float(np.linalg.eigvalsh(h)[-1])

    def residual(self, theta: Array, batch: NDArray[np.intp] | None = None) -> Array:
        x, y = (self.x, self.y) if batch is None else (self.x[batch], self.y[batch])
        return theta[0] * x + theta[1] - y

    def loss(self, theta: Array) -> float:
        r = self.residual(theta)
        return float(r @ r) / r.size

    def gradient(self, theta: Array, batch: NDArray[np.intp] | None = None) -> Array:
        x = self.x if batch is None else self.x[batch]
        r = self.residual(theta, batch)
        return np.array([2.0 * float(r @ x) / r.size, 2.0 * float(r.sum()) / r.size])

    def loss_grid(self, xs: Array, ys: Array) -> Array:
        w = xs[None, :]
        b = ys[:, None]
        offset = b + w * self._x_mean - self._y_mean
        grid = self._syy - 2.0 * w * self._sxy + w * w * self._sxx + offset * offset
        return np.maximum(grid, 0.0)

    def max_curvature(self, theta: Array) -> float:
        return self._lam_max


class ElongatedBowl(Problem):
    """L = ½(x² + κy²): a narrow valley where too large a step zig-zags across."""

    title = "elongated bowl"
    window = (-4.0, 4.0, -2.5, 2.5)
    minimum = (0.0, 0.0)
    kappa = 15.0

    def loss(self, theta: Array) -> float:
        return 0.5 * float(theta[0] ** 2 + self.kappa * theta[1] ** 2)

    def gradient(self, theta: Array, batch: NDArray[np.intp] | None = None) -> Array:
        return np.array([theta[0], self.kappa * theta[1]], dtype=np.float64)

    def loss_grid(self, xs: Array, ys: Array) -> Array:
        return 0.5 * (xs[None, :] ** 2 + self.kappa * ys[:, None] ** 2)

    def max_curvature(self, theta: Array) -> float:
        return self.kappa


class Saddle(Problem):
    """L = ½x² + ¼(y² − 1)²: a saddle at the origin between minima at (0, ±1)."""

    title = "saddle"
    window = (-2.0, 2.0, -2.0, 2.0)
    minimum = (0.0, 1.0)

    def loss(self, theta: Array) -> float:
        x, y = float(theta[0]), float(theta[1])
        well = y * y - 1.0  # products, not **: a Python float overflows to inf, not an error
        return 0.5 * x * x + 0.25 * well * well

    def gradient(self, theta: Array, batch: NDArray[np.intp] | None = None) -> Array:
        x, y = float(theta[0]), float(theta[1])
        return np.array([x, y * (y * y - 1.0)], dtype=np.float64)

    def loss_grid(self, xs: Array, ys: Array) -> Array:
        return 0.5 * xs[None, :] ** 2 + 0.25 * (ys[:, None] ** 2 - 1.0) ** 2

    def max_curvature(self, theta: Array) -> float:
        y = float(theta[1])
        return max(1.0, abs(3.0 * y * y - 1.0))


class Rosenbrock(Problem):
    """L = (1 − x)² + 100(y − x²)²: a curved, flat-bottomed valley to the minimum at (1, 1)."""

    title = "Rosenbrock"
    window = (-2.0, 2.0, -1.0, 3.0)
    minimum = (1.0, 1.0)

    def loss(self, theta: Array) -> float:
        x, y = float(theta[0]), float(theta[1])
        across, along = 1.0 - x, y - x * x  # products, not **: overflow gives inf, not an error
        return across * across + 100.0 * along * along

    def gradient(self, theta: Array, batch: NDArray[np.intp] | None = None) -> Array:
        x, y = float(theta[0]), float(theta[1])
        return np.array([-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)])

    def loss_grid(self, xs: Array, ys: Array) -> Array:
        x = xs[None, :]
        return (1.0 - x) ** 2 + 100.0 * (ys[:, None] - x * x) ** 2

    def max_curvature(self, theta: Array) -> float:
        x, y = float(theta[0]), float(theta[1])
        hessian = np.array([[2.0 - 400.0 * (y - 3.0 * x * x), -400.0 * x], [-400.0 * x, 200.0]])
        return float(np.max(np.abs(np.linalg.eigvalsh(hessian))))


SURFACES: dict[str, type[Problem]] = {
    "elongated bowl": ElongatedBowl,
    "saddle": Saddle,
    "Rosenbrock": Rosenbrock,
}


# ---------------------------------------------------------------------------------------
# The stepper
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Runner:
    """One optimizer in a run (a race has several, on the same problem and batches)."""

    label: str
    optimizer: OptimizerName
    lr: float


def _frozen(array: ArrayLike) -> Array:
    """A read-only float copy for a frame."""
    return read_only(np.asarray(array, dtype=np.float64))


def _rows() -> Array:
    return np.zeros((0, 2))


@dataclass(frozen=True)
class GradientDescentFrame(Frame):
    """State of every runner after `step` updates. Arrays are read-only; rows are runners."""

    thetas: Array = field(default_factory=_rows)  # current parameters (never NaN)
    previous: Array = field(default_factory=_rows)  # parameters before this step
    gradients: Array = field(default_factory=_rows)  # gradient estimate used by this step
    velocity: Array = field(default_factory=_rows)  # momentum buffer v, or Adam's m
    second_moment: Array = field(default_factory=_rows)  # Adam's v (zeros otherwise)
    losses: Array = field(default_factory=lambda: np.zeros(0))  # full-data loss at thetas
    status: tuple[str, ...] = ()  # per runner: "running", "converged" or "diverged"
    notes: tuple[str, ...] = ()  # per runner: why it stopped ("" while running)
    batch: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    epoch: float = 0.0  # passes over the data so far (steps for analytic surfaces)


class GradientDescentStepper:
    """Seeded, pure stepper: the same problem, runners, batches and seed give the same frames."""

    def __init__(
        self,
        problem: Problem,
        runners: tuple[Runner, ...],
        start: ArrayLike,
        batch_mode: BatchMode = "batch",
        batch_size: int = 8,
        beta: float = 0.9,
        max_steps: int = 300,
        seed: int = 0,
        tol: float = 1e-7,
        divergence_hint: str = "",
    ) -> None:
        if not runners:
            raise ValueError("a run needs at least one optimizer")
        for r in runners:
            if r.optimizer not in OPTIMIZERS:
                raise ValueError(f"unknown optimizer {r.optimizer!r}; choose one of {OPTIMIZERS}")
            if not (math.isfinite(r.lr) and r.lr > 0):
                raise ValueError(f"the learning rate must be positive, got {r.lr}")
        if batch_mode not in BATCH_MODES:
            raise ValueError(f"unknown batch mode {batch_mode!r}; choose one of {BATCH_MODES}")
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"momentum β must be in [0, 1), got {beta}")
        if max_steps < 1:
            raise ValueError("max_steps must be at least 1")
        theta0 = np.asarray(start, dtype=np.float64).reshape(2)
        if not np.all(np.isfinite(theta0)):
            raise ValueError("the starting point must be finite")
        self.problem = problem
        self.runners = runners
        self.start = theta0
        self.batch_mode: BatchMode = batch_mode if problem.n_examples else "batch"
        n = max(problem.n_examples, 1)
        sizes = {"batch": n, "mini-batch": min(max(1, int(batch_size)), n), "stochastic": 1}
        self.batch_size = sizes[self.batch_mode]
        self.beta = beta
        self.max_steps = int(max_steps)
        self.seed = int(seed)
        self.tol = tol
        self.divergence_hint = divergence_hint
        self._batches_per_epoch = math.ceil(n / self.batch_size)
        self._permutation_cache: tuple[int, NDArray[np.intp]] | None = None
        with np.errstate(over="ignore", invalid="ignore"):
            self._initial_loss = problem.loss(theta0)
        if not math.isfinite(self._initial_loss):
            raise ValueError("the loss is not finite at the starting point; pick another start")
        # One walk per runner: the loop `gradient_descent` runs, on this problem's gradient.
        self._walks = [
            descent_steps(
                problem.loss,
                problem.gradient,
                theta0,
                r.lr,
                self.max_steps,
                tol,
                r.optimizer,
                beta,
                self.batch_for_step,
            )
            for r in runners
        ]
        for walk in self._walks:
            next(walk)  # step 0 is the start, which `first` shows

    # -- batches -------------------------------------------------------------------------
    def batch_for_step(self, step: int) -> NDArray[np.intp] | None:
        """Examples used by update number `step` (1-based); None means all of them.

        Each epoch visits the data in a fresh permutation drawn from (seed, epoch), so the
        batches depend only on the seed and the step number — never on earlier calls.
        """
        if self.batch_mode == "batch":
            return None
        epoch, slot = divmod(step - 1, self._batches_per_epoch)
        cached = self._permutation_cache
        if cached is None or cached[0] != epoch:
            rng = np.random.default_rng([self.seed, epoch])
            cached = (epoch, rng.permutation(self.problem.n_examples).astype(np.intp))
            self._permutation_cache = cached
        return cached[1][slot * self.batch_size : (slot + 1) * self.batch_size]

    # -- frames --------------------------------------------------------------------------
    def first(self) -> GradientDescentFrame:
        k = len(self.runners)
        thetas = np.tile(self.start, (k, 1))
        zeros = np.zeros((k, 2))
        status = tuple("running" for _ in self.runners)
        frame = GradientDescentFrame(
            step=0,
            explanation="",
            thetas=_frozen(thetas),
            previous=_frozen(thetas),
            gradients=_frozen(zeros),
            velocity=_frozen(zeros),
            second_moment=_frozen(zeros),
            losses=_frozen(np.full(k, self._initial_loss)),
            status=status,
            notes=tuple("" for _ in self.runners),
        )
        return frame

    def advance(self, frame: GradientDescentFrame) -> GradientDescentFrame:
        step = frame.step + 1
        batch = self.batch_for_step(step)
        k = len(self.runners)
        thetas = np.array(frame.thetas)
        grads = np.zeros((k, 2))
        velocity = np.array(frame.velocity)
        second = np.array(frame.second_moment)
        losses = np.array(frame.losses)
        status = list(frame.status)
        notes = list(frame.notes)
        for i, runner in enumerate(self.runners):
            if status[i] != "running":
                continue
            now = next(self._walks[i])
            grads[i] = np.where(np.isfinite(now.gradient), now.gradient, 0.0)
            thetas[i], velocity[i], second[i], losses[i] = (
                now.theta, now.velocity, now.second_moment, now.loss
            )  # fmt: skip
            status[i] = now.status
            if now.status == "diverged":
                notes[i] = self._divergence_note(runner, now.theta, step)
            elif now.status == "converged":
                notes[i] = f"converged at step {step}: the gradient is (almost) zero"
        running = any(s == "running" for s in status)
        finished = not running or step >= self.max_steps
        diverged = [
            f"{r.label}: {note}" if k > 1 else note
            for r, s, note in zip(self.runners, status, notes, strict=True)
            if s == "diverged"
        ]
        return GradientDescentFrame(
            step=step,
            explanation="",
            finished=finished,
            error="; ".join(diverged) if diverged else None,
            thetas=_frozen(thetas),
            previous=_frozen(frame.thetas),
            gradients=_frozen(grads),
            velocity=_frozen(velocity),
            second_moment=_frozen(second),
            losses=_frozen(losses),
            status=tuple(status),
            notes=tuple(notes),
            batch=read_only(batch if batch is not None else np.zeros(0, dtype=np.intp)),
            epoch=step * self.batch_size / max(self.problem.n_examples, 1)
            if self.problem.n_examples
            else float(step),
        )

    def _divergence_note(self, runner: Runner, theta: Array, step: int) -> str:
        return self._divergence_reason(runner, theta, step) + self.divergence_hint

    def _divergence_reason(self, runner: Runner, theta: Array, step: int) -> str:
        lam = self.problem.max_curvature(theta)
        if runner.optimizer == "adam":
            return (
                f"stopped at step {step}: learning rate η = {runner.lr:g} too large for this "
                f"curvature (λ_max ≈ {lam:.3g}); Adam moves about η per step, so lower η"
            )
        bound = 2.0 / lam if runner.optimizer == "plain" else 2.0 * (1.0 + self.beta) / lam
        rule = "2/λ_max" if runner.optimizer == "plain" else "2(1+β)/λ_max"
        return (
            f"stopped at step {step}: learning rate η = {runner.lr:g} too large for this "
            f"curvature (λ_max ≈ {lam:.3g}; steps are stable only for η < {rule} ≈ {bound:.3g})"
        )


def optimizer_step(
    optimizer: OptimizerName,
    lr: float,
    theta: Array,
    g: Array,
    v: Array,
    s: Array,
    beta: float,
    t: int,
) -> tuple[Array, Array, Array]:
    """One step from θ with gradient g (step number t); returns (θ, first moment, second moment)."""
    if optimizer == "plain":
        return theta - lr * g, v, s
    if optimizer == "momentum":
        # Same form as question 10's answer: v ← βv + ∇L, θ ← θ − ηv.
        v_new = beta * v + g
        return theta - lr * v_new, v_new, s
    m = beta * v + (1.0 - beta) * g
    s_new = ADAM_BETA2 * s + (1.0 - ADAM_BETA2) * g * g
    m_hat = m / (1.0 - beta**t)
    s_hat = s_new / (1.0 - ADAM_BETA2**t)
    return theta - lr * m_hat / (np.sqrt(s_hat) + ADAM_EPS), m, s_new


def make_runners(optimizer: OptimizerName, lr: float, compare: str) -> tuple[Runner, ...]:
    """The runners for a compare mode: one, the three optimizers, or three learning rates."""
    if compare == "optimizers":
        return tuple(Runner(OPTIMIZER_TITLES[o], o, lr) for o in OPTIMIZERS)
    if compare == "learning rates":
        return tuple(
            Runner(f"η = {rate:.3g}", optimizer, rate) for rate in (lr / 3.0, lr, lr * 3.0)
        )
    return (Runner(OPTIMIZER_TITLES[optimizer], optimizer, lr),)
