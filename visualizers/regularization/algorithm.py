"""Ridge and lasso, the answer to question 3, and the coordinate descent the visualizer animates.

Both use scikit-learn's parametrisation, so the tests can compare with `Ridge` and `Lasso`:

- ridge minimises ‖y − Xw − b‖² + α‖w‖² (closed form on centred data);
- lasso minimises 1/(2n)‖y − Xw − b‖² + α‖w‖₁ by cyclic coordinate descent, where each
  coordinate update is a soft-threshold: that threshold is what makes exact zeros.

The intercept b is never penalised: the data are centred, the slopes fitted, and
b = ȳ − x̄·w. `coordinate_descent` is the loop; `lasso` runs it to convergence and the
visualizer shows it one sweep at a time, so the answer and the animation are one loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
PENALTIES: tuple[str, ...] = ("lasso (L1)", "ridge (L2)")


def _checked(X: ArrayLike, y: ArrayLike, alpha: float) -> tuple[Array, Array]:
    A = np.asarray(X, dtype=np.float64)
    t = np.asarray(y, dtype=np.float64)
    if A.ndim != 2 or t.ndim != 1 or A.shape[0] != t.shape[0]:
        raise ValueError(f"X must be (n, p) and y (n,); got {A.shape} and {t.shape}")
    if A.shape[0] < 2:
        raise ValueError("at least two samples are needed")
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(t))):
        raise ValueError("X and y must not contain NaN or infinity")
    if not alpha >= 0:
        raise ValueError("the penalty α must be zero or positive")
    return A, t


def soft_threshold(value: float, threshold: float) -> float:
    """sign(v)·max(|v| − t, 0): values within the threshold of zero become exactly zero."""
    if value > threshold:
        return value - threshold
    if value < -threshold:
        return value + threshold
    return 0.0


def ridge(X: ArrayLike, y: ArrayLike, alpha: float) -> tuple[Array, float]:
    """(coef, intercept) minimising ‖y − Xw − b‖² + α‖w‖², as scikit-learn's `Ridge(alpha)`."""
    A, t = _checked(X, y, alpha)
    x_mean, y_mean = A.mean(axis=0), float(t.mean())
    Ac = A - x_mean
    gram = Ac.T @ Ac + alpha * np.eye(A.shape[1])
    # lstsq, not solve: with α = 0 and collinear columns the Gram matrix is singular.
    coef = np.linalg.lstsq(gram, Ac.T @ (t - y_mean), rcond=None)[0]
    return coef, y_mean - float(x_mean @ coef)


@dataclass(frozen=True)
class Sweep:
    """The slopes after one full pass over the coordinates, and the point after each update."""

    coef: Array
    moves: Array  # (p, p): row j is w right after coordinate j was updated
    change: float  # largest |Δw_j| in this sweep


def coordinate_descent(
    X: ArrayLike,
    y: ArrayLike,
    alpha: float,
    penalty: str = PENALTIES[0],
    start: Array | None = None,
) -> Iterator[Sweep]:
    """Cyclic coordinate descent on centred data, from `start` (w = 0), one `Sweep` at a time.

    The generator never ends on its own: the caller decides when the sweeps have converged.

    For coordinate j with the others fixed, let c = x_jᵀ(r + x_j w_j) (r the residual) and
    z = x_jᵀx_j. Lasso's one-dimensional problem is solved by w_j = S(c, nα) / z (S the
    soft-threshold); ridge's by w_j = c / (z + α). A column that is all constant stays 0.
    """
    A, t = _checked(X, y, alpha)
    if penalty not in PENALTIES:
        raise ValueError(f"unknown penalty {penalty!r}; use one of {PENALTIES}")
    n, p = A.shape
    Ac = A - A.mean(axis=0)
    residual = t - t.mean()
    norms = np.einsum("ij,ij->j", Ac, Ac)
    w = np.zeros(p) if start is None else np.array(start, dtype=np.float64)
    residual -= Ac @ w
    lasso_penalty = penalty == PENALTIES[0]
    while True:
        moves = np.empty((p, p))
        change = 0.0
        for j in range(p):
            old = w[j]
            if norms[j] > 0.0:
                c = float(Ac[:, j] @ residual) + norms[j] * old
                if lasso_penalty:
                    new = soft_threshold(c, n * alpha) / norms[j]
                else:
                    new = c / (norms[j] + alpha)
                if new != old:
                    residual -= Ac[:, j] * (new - old)
                    w[j] = new
                    change = max(change, abs(new - old))
            moves[j] = w
        yield Sweep(w.copy(), moves, change)


def lasso(
    X: ArrayLike, y: ArrayLike, alpha: float, tol: float = 1e-12, max_sweeps: int = 100_000
) -> tuple[Array, float]:
    """(coef, intercept) minimising 1/(2n)‖y − Xw − b‖² + α‖w‖₁, as scikit-learn's `Lasso(alpha)`.

    Runs `coordinate_descent` until no slope moves more than `tol` in a sweep.
    """
    A, t = _checked(X, y, alpha)
    coef = np.zeros(A.shape[1])
    for count, sweep in enumerate(coordinate_descent(A, t, alpha, PENALTIES[0]), start=1):
        coef = sweep.coef
        if sweep.change <= tol or count >= max_sweeps:
            break
    return coef, float(t.mean() - A.mean(axis=0) @ coef)


def objective(
    X: Array, y: Array, coef: Array, intercept: float, alpha: float, penalty: str
) -> float:
    """The value each method minimises, in scikit-learn's parametrisation."""
    residual = y - X @ coef - intercept
    if penalty == PENALTIES[0]:
        return float(residual @ residual / (2 * len(y)) + alpha * np.abs(coef).sum())
    return float(residual @ residual + alpha * coef @ coef)


def regularization_path(
    X: Array, y: Array, alphas: Array, penalty: str, tol: float = 1e-9, max_sweeps: int = 2000
) -> tuple[Array, Array]:
    """(coefs (len(alphas), p), intercepts) fitted at each α, in the order given."""
    coefs = np.empty((len(alphas), X.shape[1]))
    coef = np.zeros(X.shape[1])
    for i, alpha in enumerate(alphas):
        if penalty == PENALTIES[0]:
            # Warm start from the neighbouring α: the path is traced in a few sweeps a point.
            for count, sweep in enumerate(
                coordinate_descent(X, y, float(alpha), penalty, start=coef), start=1
            ):
                coef = sweep.coef
                if sweep.change <= tol or count >= max_sweeps:
                    break
        else:
            coef = ridge(X, y, float(alpha))[0]
        coefs[i] = coef
    return coefs, y.mean() - coefs @ X.mean(axis=0)


def lasso_alpha_max(X: Array, y: Array) -> float:
    """The smallest α at which every lasso slope is zero: max_j |x_jᵀ(y − ȳ)| / n."""
    Ac = X - X.mean(axis=0)
    return float(np.abs(Ac.T @ (y - y.mean())).max() / len(y))


def mse(X: Array, y: Array, coef: Array, intercept: float) -> float:
    residual = y - X @ coef - intercept
    return float(residual @ residual / len(y))
