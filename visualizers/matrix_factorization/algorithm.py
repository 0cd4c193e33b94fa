"""Matrix factorization of a partly observed rating matrix: the answer to question 22 (no Qt).

`matrix_factorization` learns user factors P and item factors Q (plus optional biases) by
stochastic gradient descent on the observed entries only; `alternating_least_squares` fits
the same model and objective by closed-form ridge solves, as the method to compare against.
Both are written as epoch generators (`sgd_epochs`, `als_epochs`): the answer functions run
them to the end and `FactorizationStepper` steps the same generators one epoch per frame, so
the code the question view shows is the code that animates.

The model and the objective both methods minimize (Koren, Bell & Volinsky, 2009):

    r̂_ui = μ + b_u + b_i + p_u · q_i
    J = Σ_(u,i)∈Ω [ (r_ui − r̂_ui)² + λ (‖p_u‖² + ‖q_i‖² + b_u² + b_i²) ]

Ω is the set of training ratings. The penalty sits inside the sum, so it is charged once per
rating: that is what per-entry SGD descends, and its ALS counterpart is ALS-WR (Zhou et al.,
2008), whose ridge strength for a user is λ·n_u, n_u being the user's number of ratings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from visualizers.core.frames import Frame, read_only
from visualizers.matrix_factorization.data import RatingData

Method = Literal["SGD", "ALS"]
INIT_SCALE = 0.1  # small random factors: P = Q = 0 is a stationary point that never moves
TEST_FRACTION = 0.2
# Added to every ALS ridge system so a user with fewer ratings than factors and λ = 0
# still has a unique (minimum-norm) solution instead of a singular matrix.
_RIDGE_FLOOR = 1e-9


class DivergedError(ValueError):
    """Training produced inf or NaN, almost always a learning rate that is too large."""


class Ratings(NamedTuple):
    """The observed entries of a rating matrix as parallel arrays (COO form)."""

    users: NDArray[np.intp]
    items: NDArray[np.intp]
    values: NDArray[np.float64]


@dataclass(frozen=True)
class Factorization:
    """Learned factors (read-only arrays) and the per-epoch history of a run.

    `objective`, `train_rmse` and `test_rmse` have one entry per epoch, index 0 being the
    random start; `test_rmse` is empty when there were no held-out ratings.
    """

    P: NDArray[np.float64]
    Q: NDArray[np.float64]
    user_bias: NDArray[np.float64]
    item_bias: NDArray[np.float64]
    global_mean: float
    objective: tuple[float, ...]
    train_rmse: tuple[float, ...]
    test_rmse: tuple[float, ...]

    @property
    def epochs(self) -> int:
        """Epochs trained so far."""
        return len(self.objective) - 1

    @property
    def rank(self) -> int:
        return int(self.P.shape[1])

    def predict(self) -> NDArray[np.float64]:
        """The full predicted matrix μ + b_u + b_i + P Qᵀ."""
        return (
            self.global_mean + self.user_bias[:, None] + self.item_bias[None, :] + self.P @ self.Q.T
        )

    def predict_entries(
        self, users: NDArray[np.intp], items: NDArray[np.intp]
    ) -> NDArray[np.float64]:
        """Predictions for the (user, item) pairs given as two index arrays."""
        dots = np.einsum("ij,ij->i", self.P[users], self.Q[items])
        return self.global_mean + self.user_bias[users] + self.item_bias[items] + dots


def matrix_factorization(
    R: ArrayLike,
    mask: ArrayLike,
    rank: int,
    lr: float,
    reg: float,
    epochs: int,
    seed: int,
    *,
    biases: bool = True,
    batch_size: int = 128,
    test_mask: ArrayLike | None = None,
    start: Factorization | None = None,
) -> Factorization:
    """Factor R ≈ μ + b_u + b_i + P Qᵀ by SGD on the entries where `mask` is true.

    Missing is not zero: entries outside `mask` are never read, so they may hold anything,
    NaN included. Minimizes J = Σ_Ω [(r − r̂)² + λ(‖p_u‖² + ‖q_i‖² + b_u² + b_i²)]; the
    epochs themselves are `sgd_epochs`, the generator the visualizer animates one frame per
    epoch, and this function simply runs it to the end.

    `biases=False` fits the plain model r̂ = p_u · q_i. `test_mask` marks held-out ratings
    whose RMSE is recorded every epoch; `start` resumes an earlier run (epoch t always
    shuffles with the seed (seed, t), so 3 + 2 epochs equal 5). Raises ValueError for bad
    input, and DivergedError when the loss stops being finite (lower `lr`).
    """
    _check_hyperparameters(rank, reg, epochs, lr=lr, batch_size=batch_size)
    train = observed_entries(R, mask)
    test = _optional_entries(R, test_mask)
    first = start or initial_factorization(
        np.shape(R), rank, train, seed, biases=biases, reg=reg, test=test
    )
    model = first
    for model in sgd_epochs(first, train, lr, reg, epochs, seed, biases, batch_size, test):  # noqa: B007
        pass  # each epoch yields the model; the answer is the last one
    return model


def sgd_epochs(
    model: Factorization,
    train: Ratings,
    lr: float,
    reg: float,
    epochs: int,
    seed: int,
    biases: bool = True,
    batch_size: int = 128,
    test: Ratings | None = None,
) -> Iterator[Factorization]:
    """Yield the model after each of `epochs` SGD epochs, starting from `model`.

    Per rating, with e = r_ui − r̂_ui (the factor 2 folded into `lr`):

        p_u ← p_u + lr (e q_i − reg p_u)        q_i ← q_i + lr (e p_u − reg q_i)
        b_u ← b_u + lr (e − reg b_u)            b_i ← b_i + lr (e − reg b_i)

    Speed: this is *mini-batch* SGD, vectorized. Every epoch visits the ratings in a fresh
    random order, `batch_size` at a time; each rating in a batch gets the update above,
    computed from the factors as they were before the batch (so q_i uses the old p_u), and
    updates that hit the same user or item add up (`np.add.at`). `batch_size=1` is textbook
    per-entry SGD; 128 follows the same path at NumPy speed instead of a Python loop per rating.
    """
    P, Q = model.P.copy(), model.Q.copy()
    b_user, b_item = model.user_bias.copy(), model.item_bias.copy()
    mu = model.global_mean
    users, items, ratings = train
    for epoch in range(model.epochs, model.epochs + epochs):
        order = np.random.default_rng((seed, epoch)).permutation(ratings.size)
        # Overflow is expected when lr is too large; it is caught below as a message.
        with np.errstate(over="ignore", invalid="ignore"):
            for start_at in range(0, ratings.size, batch_size):
                batch = order[start_at : start_at + batch_size]
                u, i, r = users[batch], items[batch], ratings[batch]
                e = r - (mu + b_user[u] + b_item[i] + np.sum(P[u] * Q[i], axis=1))
                step_p = lr * (e[:, None] * Q[i] - reg * P[u])
                step_q = lr * (e[:, None] * P[u] - reg * Q[i])
                np.add.at(P, u, step_p)
                np.add.at(Q, i, step_q)
                if biases:
                    np.add.at(b_user, u, lr * (e - reg * b_user[u]))
                    np.add.at(b_item, i, lr * (e - reg * b_item[i]))
        model = _record_epoch(model, P, Q, b_user, b_item, train, test, reg, epoch + 1)
        yield model


def alternating_least_squares(
    R: ArrayLike,
    mask: ArrayLike,
    rank: int,
    reg: float,
    epochs: int,
    seed: int,
    *,
    biases: bool = True,
    test_mask: ArrayLike | None = None,
    start: Factorization | None = None,
) -> Factorization:
    """Fit the same model and objective as `matrix_factorization` by alternating ridge solves.

    The epochs are `als_epochs` (what the visualizer animates), run to the end.
    A user with no ratings gets p_u = 0, b_u = 0, i.e. the prediction μ + b_i.
    """
    _check_hyperparameters(rank, reg, epochs)
    train = observed_entries(R, mask)
    test = _optional_entries(R, test_mask)
    first = start or initial_factorization(
        np.shape(R), rank, train, seed, biases=biases, reg=reg, test=test
    )
    model = first
    for model in als_epochs(first, train, reg, epochs, biases, test):  # noqa: B007
        pass  # each epoch yields the model; the answer is the last one
    return model


def als_epochs(
    model: Factorization,
    train: Ratings,
    reg: float,
    epochs: int,
    biases: bool = True,
    test: Ratings | None = None,
) -> Iterator[Factorization]:
    """Yield the model after each of `epochs` ALS epochs, starting from `model`.

    With Q (and the item biases) fixed, J splits into one small ridge regression per user:
    p_u = (Q_uᵀ Q_u + λ n_u I)⁻¹ Q_uᵀ (r_u − μ − b_items), Q_u holding the n_u videos u rated
    (with biases, [p_u, b_u] is solved together against [q_i, 1]). Then P is held and every
    q_i is solved the same way. Each half-step lands exactly on its minimum, so there is no
    learning rate and J never rises. All users are solved at once: their k × k systems are
    built by one matrix product with the 0/1 mask and handed to a batched `np.linalg.solve`.
    """
    rank = model.rank
    shape = (model.P.shape[0], model.Q.shape[0])
    users, items, ratings = train
    weights = np.zeros(shape)
    weights[users, items] = 1.0
    targets = np.zeros(shape)
    P, Q = model.P.copy(), model.Q.copy()
    b_user, b_item = model.user_bias.copy(), model.item_bias.copy()
    mu = model.global_mean
    for epoch in range(model.epochs, model.epochs + epochs):
        with np.errstate(over="ignore", invalid="ignore"):
            targets[users, items] = ratings - mu - b_item[items]
            solved = _ridge_rows(weights, targets, _with_ones(Q, biases), reg)
            P, b_user = solved[:, :rank], (solved[:, rank] if biases else b_user)
            targets[users, items] = ratings - mu - b_user[users]
            solved = _ridge_rows(weights.T, targets.T, _with_ones(P, biases), reg)
            Q, b_item = solved[:, :rank], (solved[:, rank] if biases else b_item)
        model = _record_epoch(model, P, Q, b_user, b_item, train, test, reg, epoch + 1)
        yield model


def _with_ones(factors: NDArray[np.float64], biases: bool) -> NDArray[np.float64]:
    """Factors with a column of ones appended when the bias is solved along with them."""
    if not biases:
        return factors
    return np.column_stack([factors, np.ones(len(factors))])


def _ridge_rows(
    weights: NDArray[np.float64],
    targets: NDArray[np.float64],
    features: NDArray[np.float64],
    reg: float,
) -> NDArray[np.float64]:
    """Solve, for every row u, min_x Σ_i w_ui (t_ui − x·f_i)² + reg·n_u ‖x‖² (n_u = Σ_i w_ui)."""
    n_rows, n_cols = weights.shape
    dim = features.shape[1]
    outer = (features[:, :, None] * features[:, None, :]).reshape(n_cols, dim * dim)
    gram = (weights @ outer).reshape(n_rows, dim, dim)
    ridge = reg * weights.sum(axis=1) + _RIDGE_FLOOR
    gram += ridge[:, None, None] * np.eye(dim)
    rhs = (weights * targets) @ features
    solution: NDArray[np.float64] = np.linalg.solve(gram, rhs[:, :, None])[:, :, 0]
    return solution


def observed_entries(R: ArrayLike, mask: ArrayLike) -> Ratings:
    """The (user, item, rating) triples where `mask` is true; ValueError for unusable input."""
    matrix = np.asarray(R, dtype=np.float64)
    observed = np.asarray(mask)
    if matrix.ndim != 2:
        raise ValueError(f"the rating matrix must be 2-D (users × items), got shape {matrix.shape}")
    if observed.shape != matrix.shape:
        raise ValueError(f"the mask has shape {observed.shape} but the ratings have {matrix.shape}")
    if observed.dtype != np.bool_:
        if not np.isin(observed, (0, 1)).all():
            raise ValueError("the mask must hold only 0/1 or True/False")
        observed = observed.astype(bool)
    users, items = np.nonzero(observed)
    if users.size == 0:
        raise ValueError("no observed ratings to learn from")
    values = matrix[users, items]
    bad = ~np.isfinite(values)
    if bad.any():
        first = int(np.argmax(bad))
        raise ValueError(
            f"{int(bad.sum())} observed rating(s) are NaN or infinite, the first at user "
            f"{int(users[first]) + 1}, item {int(items[first]) + 1}: fix them or mark them missing"
        )
    return Ratings(users, items, values)


def _optional_entries(R: ArrayLike, test_mask: ArrayLike | None) -> Ratings | None:
    if test_mask is None or not np.any(test_mask):
        return None
    return observed_entries(R, test_mask)


def _check_hyperparameters(
    rank: int, reg: float, epochs: int, *, lr: float = 1.0, batch_size: int = 1
) -> None:
    if rank < 1:
        raise ValueError(f"the rank must be at least 1, got {rank}")
    if not (lr > 0 and np.isfinite(lr)):
        raise ValueError(f"the learning rate must be a positive number, got {lr}")
    if not (reg >= 0 and np.isfinite(reg)):
        raise ValueError(f"the regularization must be a number ≥ 0, got {reg}")
    if epochs < 0:
        raise ValueError(f"epochs must be ≥ 0, got {epochs}")
    if batch_size < 1:
        raise ValueError(f"the batch size must be at least 1, got {batch_size}")


def initial_factorization(
    shape: tuple[int, ...],
    rank: int,
    train: Ratings,
    seed: int,
    *,
    biases: bool = True,
    reg: float = 0.0,
    test: Ratings | None = None,
) -> Factorization:
    """Epoch 0: small seeded N(0, 0.1²) factors, zero biases, μ = mean training rating."""
    n_users, n_items = int(shape[0]), int(shape[1])
    rng = np.random.default_rng(seed)
    P = rng.normal(0.0, INIT_SCALE, (n_users, rank))
    Q = rng.normal(0.0, INIT_SCALE, (n_items, rank))
    mu = float(train.values.mean()) if biases else 0.0
    empty = Factorization(
        P=P,
        Q=Q,
        user_bias=np.zeros(n_users),
        item_bias=np.zeros(n_items),
        global_mean=mu,
        objective=(),
        train_rmse=(),
        test_rmse=(),
    )
    return _record_epoch(empty, P, Q, empty.user_bias, empty.item_bias, train, test, reg, 0)


def _record_epoch(
    previous: Factorization,
    P: NDArray[np.float64],
    Q: NDArray[np.float64],
    user_bias: NDArray[np.float64],
    item_bias: NDArray[np.float64],
    train: Ratings,
    test: Ratings | None,
    reg: float,
    epoch: int,
) -> Factorization:
    """A new read-only result with this epoch's objective and RMSEs appended."""
    with np.errstate(over="ignore", invalid="ignore"):
        model = Factorization(
            P=_frozen(P),
            Q=_frozen(Q),
            user_bias=_frozen(user_bias),
            item_bias=_frozen(item_bias),
            global_mean=previous.global_mean,
            objective=previous.objective,
            train_rmse=previous.train_rmse,
            test_rmse=previous.test_rmse,
        )
        loss = objective(model, train, reg)
        train_error = rmse(model, train)
        test_error = rmse(model, test) if test is not None else None
    if not (np.isfinite(loss) and np.isfinite(model.P).all() and np.isfinite(model.Q).all()):
        raise DivergedError(
            f"training diverged in epoch {epoch}: the loss became infinite or NaN. "
            "The learning rate is too large for these ratings: try a smaller one."
        )
    return replace(
        model,
        objective=(*previous.objective, loss),
        train_rmse=(*previous.train_rmse, train_error),
        test_rmse=previous.test_rmse if test_error is None else (*previous.test_rmse, test_error),
    )


def _frozen(array: NDArray[np.float64]) -> NDArray[np.float64]:
    frozen: NDArray[np.float64] = read_only(array)
    return frozen


def objective(model: Factorization, train: Ratings, reg: float) -> float:
    """J = Σ_Ω [(r − r̂)² + λ(‖p_u‖² + ‖q_i‖² + b_u² + b_i²)], the penalty once per rating."""
    u, i, r = train
    errors = r - model.predict_entries(u, i)
    penalty = (
        np.sum(model.P[u] ** 2, axis=1)
        + np.sum(model.Q[i] ** 2, axis=1)
        + model.user_bias[u] ** 2
        + model.item_bias[i] ** 2
    )
    return float(np.sum(errors**2) + reg * np.sum(penalty))


def rmse(model: Factorization, ratings: Ratings) -> float:
    """Root-mean-square error of the model's predictions on these ratings."""
    u, i, r = ratings
    return float(np.sqrt(np.mean((r - model.predict_entries(u, i)) ** 2)))


def split_observed(
    mask: ArrayLike, test_fraction: float, seed: int
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Split the observed entries at random into (train mask, test mask).

    Test entries are never taken from a user or item with a single rating, so nobody loses
    their only training signal to the held-out set.
    """
    observed = np.asarray(mask, dtype=bool)
    if not 0.0 <= test_fraction < 1.0:
        raise ValueError("the held-out fraction must be in [0, 1)")
    rng = np.random.default_rng((seed, 7))
    users, items = np.nonzero(observed)
    candidates = (observed.sum(axis=1)[users] > 1) & (observed.sum(axis=0)[items] > 1)
    pool = np.flatnonzero(candidates)
    count = min(round(test_fraction * users.size), pool.size)
    chosen = rng.choice(pool, size=count, replace=False)
    test = np.zeros_like(observed)
    test[users[chosen], items[chosen]] = True
    return observed & ~test, test


def factor_alignment(learned: NDArray[np.float64], truth: NDArray[np.float64]) -> float:
    """R² of the best affine map from learned factors to the true ones (1 = truth recovered).

    Factors are only identified up to an invertible linear map (P A, Q A⁻ᵀ fit equally
    well), so they are compared after the least-squares map that best aligns them.
    """
    design = np.column_stack([learned, np.ones(len(learned))])
    coefficients, *_ = np.linalg.lstsq(design, truth, rcond=None)
    residual = truth - design @ coefficients
    total = np.sum((truth - truth.mean(axis=0)) ** 2)
    if total == 0.0:
        return 1.0
    return float(max(0.0, 1.0 - np.sum(residual**2) / total))


# --- The stepper the visualizer animates ---------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What stays fixed during a run: the data, the train/test split and the hyperparameters."""

    data: RatingData
    train_mask: NDArray[np.bool_]
    test_mask: NDArray[np.bool_]
    method: Method
    rank: int
    lr: float
    reg: float
    epochs: int
    seed: int
    biases: bool


@dataclass(frozen=True)
class FactorizationFrame(Frame):
    """The model after `step` epochs; `problem` is shared by every frame of a run.

    `overfitting` and `alignment` (learned vs true item factors, synthetic data only) are
    filled in by the visualizer's state module, which also writes the explanation.
    """

    problem: Problem | None = None
    model: Factorization | None = None
    overfitting: bool = False
    alignment: float | None = None


class FactorizationStepper:
    """One epoch of SGD or ALS per frame: the `sgd_epochs` / `als_epochs` generators, stepped."""

    def __init__(
        self,
        data: RatingData,
        *,
        method: Method,
        rank: int,
        lr: float,
        reg: float,
        epochs: int,
        seed: int,
        biases: bool = True,
    ) -> None:
        _check_hyperparameters(rank, reg, epochs, lr=lr)
        train_mask, test_mask = split_observed(data.observed, TEST_FRACTION, seed)
        if not train_mask.any():
            raise ValueError("no observed ratings to learn from: raise the fraction observed")
        self.problem = Problem(
            data=data,
            train_mask=_frozen_mask(train_mask),
            test_mask=_frozen_mask(test_mask),
            method=method,
            rank=rank,
            lr=lr,
            reg=reg,
            epochs=epochs,
            seed=seed,
            biases=biases,
        )
        self._train = observed_entries(data.ratings, train_mask)
        self._test = _optional_entries(data.ratings, test_mask)
        self._epochs: Iterator[Factorization] | None = None
        self._last: Factorization | None = None

    def first(self) -> FactorizationFrame:
        p = self.problem
        model = initial_factorization(
            p.data.shape, p.rank, self._train, p.seed, biases=p.biases, reg=p.reg, test=self._test
        )
        return self._frame(model, finished=p.epochs == 0)

    def _epochs_from(self, model: Factorization) -> Iterator[Factorization]:
        p = self.problem
        remaining = p.epochs - model.epochs
        if p.method == "ALS":
            return als_epochs(model, self._train, p.reg, remaining, p.biases, self._test)
        return sgd_epochs(
            model, self._train, p.lr, p.reg, remaining, p.seed, p.biases, test=self._test
        )

    def advance(self, frame: FactorizationFrame) -> FactorizationFrame:
        assert frame.model is not None
        if self._epochs is None or frame.model is not self._last:
            # Normally the generator is already there; a frame from elsewhere restarts it.
            self._epochs = self._epochs_from(frame.model)
        try:
            model = next(self._epochs)
        except DivergedError as error:
            self._epochs = None
            return replace(frame, step=frame.step + 1, finished=True, error=str(error))
        except StopIteration:
            return replace(frame, finished=True)
        return self._frame(model, finished=model.epochs >= self.problem.epochs)

    def _frame(self, model: Factorization, finished: bool) -> FactorizationFrame:
        self._last = model
        return FactorizationFrame(
            step=model.epochs,
            explanation="",
            finished=finished,
            problem=self.problem,
            model=model,
        )


def _frozen_mask(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    frozen: NDArray[np.bool_] = read_only(mask)
    return frozen
