"""k-means clustering from scratch, the answer to question 23 (pure NumPy, no Qt).

`kmeans` is the interview answer: Lloyd's algorithm with k-means++ or random seeding,
shown from this source in the question view and checked against scikit-learn's Lloyd
k-means in the tests. `KMeansStepper` replays the very same helpers one half-step at a
time (seeding, assign, update) as immutable frames for the visualizer, and
`silhouette_score` / `elbow_curve` back the "choose k" view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from visualizers.core.frames import Frame, read_only

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
InitMethod = Literal["k-means++", "random"]


@dataclass(frozen=True)
class KMeansResult:
    """What `kmeans` returns: centroids (k, d), labels (n,), inertia and iterations used."""

    centroids: FloatArray
    labels: IntArray
    inertia: float
    n_iter: int


# --------------------------------------------------------------------------- helpers


def check_data(points: ArrayLike, k: int) -> FloatArray:
    """`points` as a float (n, d) array, or a ValueError saying why k clusters won't work."""
    data = np.asarray(points, dtype=np.float64)
    if data.ndim != 2:
        raise ValueError(f"points must be a 2-D array (points × features), got shape {data.shape}")
    n = data.shape[0]
    if n == 0 or data.shape[1] == 0:
        raise ValueError("there are no data points to cluster")
    bad_rows = np.flatnonzero(~np.isfinite(data).all(axis=1))
    if bad_rows.size:
        shown = ", ".join(str(i) for i in bad_rows[:5])
        raise ValueError(
            f"points contains NaN or infinity (rows {shown}); remove or impute them first"
        )
    if isinstance(k, bool) or int(k) != k or k < 1:
        raise ValueError(f"k must be a positive whole number, got {k!r}")
    if k > n:
        raise ValueError(f"k = {k} clusters need at least {k} points, but there are only {n}")
    n_distinct = len(np.unique(data, axis=0)) if k > 1 else 1
    if k > n_distinct:
        noun = "point" if n_distinct == 1 else "points"
        raise ValueError(
            f"k = {k} clusters need at least {k} distinct points, but the data has only "
            f"{n_distinct} distinct {noun} (duplicates count once); lower k"
        )
    return data


def nearest_centroid(points: FloatArray, centroids: FloatArray) -> tuple[IntArray, FloatArray]:
    """For every point, the index of its nearest centroid and the squared distance to it.

    Ties go to the lowest index, as with `argmin`.
    """
    if points.shape[1] == 2 and 0 < len(centroids) <= _MAX_2D_CENTROIDS:
        return _nearest_centroid_2d(points, centroids)  # the visualizer's case, ~4x faster
    # ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖²: one matrix product and (k, n) memory, instead of the
    # (n, k, d) array that broadcasting points[:, None] - C[None] would allocate. ‖x‖² is the
    # same for every centroid, so it is added only after choosing.
    scores = (centroids**2).sum(axis=1)[:, None] - 2.0 * (centroids @ points.T)
    # A running minimum over the k rows. Measured on 100,000 points, argmin over a short
    # axis and masked assignment (labels[closer] = j) are both ~5x slower than this
    # branch-free select: labels + closer * (j - labels) is j where closer, else labels.
    labels = np.zeros(points.shape[0], dtype=np.intp)
    best = scores[0].copy()
    for j in range(1, len(centroids)):
        closer = scores[j] < best  # strict, so ties keep the lower index
        np.minimum(best, scores[j], out=best)
        labels += closer * (j - labels)
    # Rounding can leave a tiny negative where a point sits on its centroid.
    squared = np.maximum(best + (points**2).sum(axis=1), 0.0)
    return labels, squared


_MAX_2D_CENTROIDS = 255  # labels are built as uint8 in the 2-D helper
_CHUNK = 16_384  # points per block in the 2-D helper: its work buffers stay in cache


def _nearest_centroid_2d(points: FloatArray, centroids: FloatArray) -> tuple[IntArray, FloatArray]:
    """`nearest_centroid` for 2-D points, the same answer without BLAS or (k, n) arrays.

    Why a separate helper: with d = 2 the matrix product does almost no arithmetic, so the
    general version is bound by memory traffic over (k, n) temporaries and by BLAS threads
    (which, on a busy machine, made it 2-5x slower again). Here each centroid costs a few
    passes over the x and y coordinates, (x − cx)² + (y − cy)² (exact, no cancellation),
    in cache-sized blocks copied into small reused buffers. Masked writes such as
    labels[closer] = j mispredict branches on mixed masks (~30x slower than a pass of
    arithmetic), so labels are kept as max(labels, closer · j) in uint8: centroids are
    visited in increasing j, so j is larger than every label set so far. Measured on
    100,000 points, k = 8: ~1.5 ms vs ~6 ms for the general path (one thread; see
    benchmarks/kmeans_lloyd.py).
    """
    n = points.shape[0]
    squared = np.empty(n)
    labels = np.zeros(n, dtype=np.uint8)
    size = min(n, _CHUNK)
    x, y, dx, dy = (np.empty(size) for _ in range(4))
    closer, step = np.empty(size, dtype=np.bool_), np.empty(size, dtype=np.uint8)
    targets = centroids.tolist()
    for start in range(0, n, size):
        stop = min(start + size, n)
        m = stop - start
        xs, ys, ddx, ddy, near, jump = x[:m], y[:m], dx[:m], dy[:m], closer[:m], step[:m]
        np.copyto(xs, points[start:stop, 0])
        np.copyto(ys, points[start:stop, 1])
        best, chosen = squared[start:stop], labels[start:stop]
        for j, (cx, cy) in enumerate(targets):
            np.square(np.subtract(xs, cx, out=ddx), out=ddx)
            np.square(np.subtract(ys, cy, out=ddy), out=ddy)
            if j == 0:
                np.add(ddx, ddy, out=best)
                continue
            np.add(ddx, ddy, out=ddx)
            np.less(ddx, best, out=near)  # strict, so ties keep the lower index
            np.minimum(best, ddx, out=best)
            np.multiply(near.view(np.uint8), np.uint8(j), out=jump)
            np.maximum(chosen, jump, out=chosen)
    return labels.astype(np.intp), squared


def update_centroids(
    points: FloatArray, labels: IntArray, centroids: FloatArray
) -> tuple[FloatArray, IntArray]:
    """Each centroid moved to the mean of its points; also returns the re-seeded cluster ids.

    Empty clusters: the mean of no points is 0/0 = NaN. Like scikit-learn, an empty
    cluster is re-seeded with the point farthest from its current centroid (the largest
    single term of the inertia), taken out of the cluster it was in; several empty
    clusters take the farthest points in order. A cluster left with no points by that
    keeps its previous position, so the result is never NaN.
    """
    k, d = centroids.shape
    counts = np.bincount(labels, minlength=k).astype(np.float64)
    sums = np.stack(
        [np.bincount(labels, weights=points[:, j], minlength=k) for j in range(d)], axis=1
    )
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        errors = ((points - centroids[labels]) ** 2).sum(axis=1)
        farthest = np.argsort(-errors, kind="stable")[: empty.size]
        for cluster, point in zip(empty, farthest, strict=True):
            sums[labels[point]] -= points[point]
            counts[labels[point]] -= 1
            sums[cluster] = points[point]
            counts[cluster] = 1
    means = sums / np.maximum(counts, 1.0)[:, None]
    return np.where(counts[:, None] > 0, means, centroids), empty


def kmeans_plus_plus_steps(
    points: FloatArray, k: int, rng: np.random.Generator
) -> Iterator[tuple[int, FloatArray]]:
    """k-means++ seeding, one centroid at a time: yields (chosen point, probabilities used).

    The first centroid is a uniformly random point; each next one is point x with
    probability D(x)² / Σ D², D(x) being the distance to the nearest centroid chosen so
    far, so seeds spread out (Arthur & Vassilvitskii, 2007: O(log k) of the optimum in
    expectation). Chosen points have D = 0 and can't be picked twice.
    """
    n = points.shape[0]
    probabilities = np.full(n, 1.0 / n)
    chosen = int(rng.integers(n))
    yield chosen, probabilities
    squared = ((points - points[chosen]) ** 2).sum(axis=1)
    taken = [chosen]
    for _ in range(1, k):
        total = squared.sum()
        if total > 0:
            probabilities = squared / total
        else:  # distinct points closer than ~1e-154: D² underflows, so pick uniformly
            probabilities = np.ones(n)
            probabilities[taken] = 0.0
            probabilities /= probabilities.sum()
        chosen = int(rng.choice(n, p=probabilities))
        taken.append(chosen)
        yield chosen, probabilities
        np.minimum(squared, ((points - points[chosen]) ** 2).sum(axis=1), out=squared)


def initial_centroids(
    points: FloatArray, k: int, init: InitMethod | ArrayLike, rng: np.random.Generator
) -> FloatArray:
    """Starting centroids from an init method name or an explicit (k, d) array."""
    if isinstance(init, str):
        if init == "k-means++":
            indices = [i for i, _ in kmeans_plus_plus_steps(points, k, rng)]
        elif init == "random":
            indices = list(rng.choice(points.shape[0], size=k, replace=False))
        else:
            raise ValueError(f'init must be "k-means++", "random" or a (k, d) array, got {init!r}')
        return points[indices].copy()
    start = np.array(init, dtype=np.float64)
    if start.shape != (k, points.shape[1]):
        raise ValueError(
            f"init centroids must have shape ({k}, {points.shape[1]}), got {start.shape}"
        )
    if not np.isfinite(start).all():
        raise ValueError("init centroids contain NaN or infinity")
    return start


def inertia_of(points: FloatArray, centroids: FloatArray, labels: IntArray) -> float:
    """Within-cluster sum of squares: Σᵢ ‖xᵢ − c_{labelᵢ}‖²."""
    # take(labels, axis=0) is centroids[labels], ~10x faster on 100,000 labels.
    return float(((points - centroids.take(labels, axis=0)) ** 2).sum())


def shift_threshold(points: FloatArray, tol: float) -> float:
    """Convergence threshold on Σⱼ ‖Δcⱼ‖²: `tol` times the mean per-feature variance.

    Relative to the data's spread (scikit-learn's rule), so tol means the same whether
    the data are in millimetres or kilometres.
    """
    return float(tol * np.var(points, axis=0).mean())


# --------------------------------------------------------------------------- the answer


def kmeans(
    X: ArrayLike,
    k: int,
    init: InitMethod | ArrayLike = "k-means++",
    max_iter: int = 300,
    tol: float = 1e-4,
    seed: int | None = 0,
) -> KMeansResult:
    """Cluster the rows of `X` (n × d) into `k` groups with Lloyd's algorithm.

    Minimizes the inertia Σᵢ ‖xᵢ − c_{zᵢ}‖² by alternating two steps, neither of which
    can increase it: assign every point to its nearest centroid, then move every
    centroid to the mean of its points. That reaches a local optimum only, so the
    seeding matters: `init` is "k-means++" (spread-out seeds), "random" (k distinct data
    points) or a (k, d) array of starting centroids.

    Stops when no label changes, when the centroids' total squared shift is at most
    `tol` × (mean feature variance), or after `max_iter` iterations. An empty cluster is
    re-seeded with the point farthest from its centroid (see `update_centroids`).
    Same seed, same result. Raises ValueError for NaN/inf in X, k < 1, or k larger than
    the number of distinct points.
    """
    data = check_data(X, k)
    if max_iter < 1 or tol < 0:
        raise ValueError("max_iter must be at least 1 and tol must be non-negative")
    rng = np.random.default_rng(seed)
    centroids = initial_centroids(data, k, init, rng)
    threshold = shift_threshold(data, tol)

    labels = np.full(data.shape[0], -1, dtype=np.intp)
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        new_labels, _ = nearest_centroid(data, centroids)  # assign
        new_centroids, _ = update_centroids(data, new_labels, centroids)  # update
        shift = float(((new_centroids - centroids) ** 2).sum())
        unchanged = np.array_equal(new_labels, labels)
        labels, centroids = new_labels, new_centroids
        if unchanged or shift <= threshold:
            break
    # Report labels for the centroids returned (a no-op when no label changed).
    labels, _ = nearest_centroid(data, centroids)

    return KMeansResult(centroids, labels, inertia_of(data, centroids, labels), n_iter)


# --------------------------------------------------------------------------- choosing k


def silhouette_score(points: ArrayLike, labels: ArrayLike, chunk_size: int = 512) -> float:
    """Mean silhouette (b − a) / max(a, b) over all points, with Euclidean distances.

    a = mean distance to the other points of the own cluster, b = the smallest mean
    distance to the points of another cluster; a point alone in its cluster scores 0.
    Needs 2 ≤ number of clusters ≤ n − 1. O(n²) time, computed in row chunks so memory
    stays O(chunk × n); callers subsample large data.
    """
    data = np.asarray(points, dtype=np.float64)
    _, codes = np.unique(np.asarray(labels), return_inverse=True)
    codes = codes.reshape(-1)
    n = data.shape[0]
    n_clusters = int(codes.max()) + 1 if n else 0
    if not 2 <= n_clusters <= n - 1:
        raise ValueError(f"the silhouette needs 2 to n − 1 clusters; got {n_clusters} for n = {n}")
    sizes = np.bincount(codes).astype(np.float64)
    one_hot = np.zeros((n, n_clusters))
    one_hot[np.arange(n), codes] = 1.0
    scores = np.empty(n)
    for start in range(0, n, chunk_size):
        rows = slice(start, min(start + chunk_size, n))
        diff = data[rows, None, :] - data[None, :, :]
        distances = np.sqrt((diff**2).sum(axis=2))
        per_cluster = distances @ one_hot  # (chunk, clusters): summed distance to each cluster
        own = codes[rows]
        own_sum = per_cluster[np.arange(len(own)), own]
        own_size = sizes[own]
        a = own_sum / np.maximum(own_size - 1.0, 1.0)
        means = per_cluster / sizes
        means[np.arange(len(own)), own] = np.inf
        b = means.min(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = (b - a) / np.maximum(a, b)
        scores[rows] = np.where((own_size > 1) & np.isfinite(s), s, 0.0)
    return float(scores.mean())


@dataclass(frozen=True)
class ElbowResult:
    """Inertia and silhouette for each k (silhouette NaN where undefined, e.g. k = 1)."""

    ks: tuple[int, ...]
    inertias: tuple[float, ...]
    silhouettes: tuple[float, ...]
    silhouette_sample: int  # points the silhouette was computed on (a subsample of big data)
    n_points: int


def elbow_curve(
    points: ArrayLike,
    ks: Sequence[int] = tuple(range(1, 11)),
    seed: int = 0,
    max_silhouette_points: int = 2000,
    progressed: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ElbowResult | None:
    """k-means (k-means++, `seed`) for every k in `ks`: inertia on all points, silhouette on
    at most `max_silhouette_points` of them (it is O(n²)). Skips k beyond the number of
    distinct points. Calls `progressed(done, total)` after each k; returns None once
    `cancelled()` says so.
    """
    data = np.asarray(points, dtype=np.float64)
    n = data.shape[0]
    n_distinct = len(np.unique(data, axis=0))
    usable = tuple(k for k in ks if 1 <= k <= n_distinct)
    rng = np.random.default_rng(seed)
    sample = (
        rng.choice(n, size=max_silhouette_points, replace=False)
        if n > max_silhouette_points
        else None
    )
    inertias: list[float] = []
    silhouettes: list[float] = []
    for done, k in enumerate(usable, start=1):
        if cancelled is not None and cancelled():
            return None
        result = kmeans(data, k, seed=seed, max_iter=100)
        inertias.append(result.inertia)
        labels = result.labels if sample is None else result.labels[sample]
        points = data if sample is None else data[sample]
        n_labels = len(np.unique(labels))
        if 2 <= n_labels <= len(points) - 1:
            silhouettes.append(silhouette_score(points, labels))
        else:
            silhouettes.append(float("nan"))
        if progressed is not None:
            progressed(done, len(usable))
    sample_size = n if sample is None else len(sample)
    return ElbowResult(usable, tuple(inertias), tuple(silhouettes), sample_size, n)


# --------------------------------------------------------------------------- the stepper

Phase = Literal["data", "seed", "init", "assign", "update"]


@dataclass(frozen=True, kw_only=True)
class KMeansFrame(Frame):
    """One half-step of a k-means run; arrays are read-only and shared between frames."""

    phase: Phase
    points: FloatArray  # (n, d), the same array in every frame of a run
    centroids: FloatArray  # (m, d): m < k while k-means++ is still choosing
    labels: NDArray[np.int16]  # (n,), -1 before the first assignment
    iteration: int  # Lloyd iterations started so far
    inertia: float | None  # for these centroids and labels (None before assignment)
    inertia_trace: tuple[tuple[float, float], ...]  # (iteration, inertia) after each half-step
    trail: tuple[FloatArray, ...]  # centroid positions at the start and after each update
    probabilities: FloatArray | None = None  # k-means++: chance of each point being chosen
    chosen: int | None = None  # k-means++: index of the point chosen as the new centroid
    moved: FloatArray | None = None  # update: distance each centroid moved
    n_changed: int = 0  # assign: points whose cluster changed
    relocated: tuple[int, ...] = ()  # update: empty clusters re-seeded
    converged: bool = False


class KMeansStepper:
    """`kmeans` one half-step per frame: seeding, then assign / update until it stops.

    Uses the same helpers and the same stopping rule as `kmeans`, so the last frame's
    centroids, labels, inertia and iteration count equal `kmeans(points, k, init, ..., seed)`.
    `init` may be an (m, d) array of placed centroids (then k = m).
    """

    def __init__(
        self,
        points: ArrayLike,
        k: int,
        init: InitMethod | ArrayLike = "k-means++",
        seed: int | None = 0,
        max_iter: int = 300,
        tol: float = 1e-4,
        note: str = "",
    ) -> None:
        if not isinstance(init, str):
            k = int(np.asarray(init).shape[0])
        # k = 0 only happens with an empty placed array: the run waits for clicks.
        self._points: FloatArray = read_only(
            check_data(points, k if isinstance(init, str) else max(k, 1))
        )
        self.k = k
        self.max_iter = max_iter
        self._threshold = shift_threshold(self._points, tol)
        self._note = note
        rng = np.random.default_rng(seed)
        self._init_name = init if isinstance(init, str) else "placed"
        self._seeding: list[tuple[int, FloatArray]] = []
        self._start: FloatArray | None = None
        if isinstance(init, str) and init == "k-means++":
            self._seeding = [
                (i, read_only(p.astype(np.float32)))
                for i, p in kmeans_plus_plus_steps(self._points, k, rng)
            ]
        else:
            self._start = read_only(initial_centroids(self._points, k, init, rng))

    @property
    def points(self) -> FloatArray:
        return self._points

    # -- frames ---------------------------------------------------------------------------

    def first(self) -> KMeansFrame:
        n = self._points.shape[0]
        unassigned = _labels_array(np.full(n, -1))
        base = f"{n:,} points, k = {self.k}. "
        if self._init_name == "placed" and self.k == 0:
            return KMeansFrame(
                step=0,
                explanation=f"{n:,} points and no centroids yet: click on the plot to place "
                "up to 12 of them, then play." + self._note_html(),
                finished=True,
                phase="init",
                points=self._points,
                centroids=read_only(np.empty((0, self._points.shape[1]))),
                labels=unassigned,
                iteration=0,
                inertia=None,
                inertia_trace=(),
                trail=(),
            )
        if self._init_name == "placed":
            assert self._start is not None
            return KMeansFrame(
                step=0,
                explanation=base + "Starting from the centroids you placed. Step to assign "
                "every point to its nearest centroid." + self._note_html(),
                phase="init",
                points=self._points,
                centroids=self._start,
                labels=unassigned,
                iteration=0,
                inertia=None,
                inertia_trace=(),
                trail=(self._start,),
            )
        how = (
            "k-means++ will pick k spread-out data points as seeds."
            if self._seeding
            else "Random init will pick k data points at random as seeds."
        )
        return KMeansFrame(
            step=0,
            explanation=base + how + self._note_html(),
            phase="data",
            points=self._points,
            centroids=read_only(np.empty((0, self._points.shape[1]))),
            labels=unassigned,
            iteration=0,
            inertia=None,
            inertia_trace=(),
            trail=(),
        )

    def advance(self, frame: KMeansFrame) -> KMeansFrame:
        if frame.phase == "data" and not self._seeding:
            assert self._start is not None
            return self._init_frame(frame)
        if frame.phase in ("data", "seed") and len(frame.centroids) < self.k:
            return self._seed_frame(frame)
        if frame.phase == "update" or frame.phase in ("data", "seed", "init"):
            return self._assign_frame(frame)
        return self._update_frame(frame)

    # -- half-steps -----------------------------------------------------------------------

    def _init_frame(self, frame: KMeansFrame) -> KMeansFrame:
        assert self._start is not None
        return KMeansFrame(
            step=frame.step + 1,
            explanation=f"Random init: {self.k} data points chosen uniformly at random as the "
            "starting centroids. Nothing stops two of them landing in the same blob, which "
            "is why k-means++ exists.",
            phase="init",
            points=self._points,
            centroids=self._start,
            labels=frame.labels,
            iteration=0,
            inertia=None,
            inertia_trace=(),
            trail=(self._start,),
        )

    def _seed_frame(self, frame: KMeansFrame) -> KMeansFrame:
        m = len(frame.centroids)
        chosen, probabilities = self._seeding[m]
        centroids = read_only(np.vstack([frame.centroids, self._points[chosen]]))
        n = len(probabilities)
        if m == 0:
            text = (
                f"k-means++, centroid 1 of {self.k}: every point equally likely "
                f"(1/{n:,}); point #{chosen} was drawn."
            )
        else:
            p = float(probabilities[chosen])
            top = float(probabilities.max())
            text = (
                f"k-means++, centroid {m + 1} of {self.k}: each point's chance is D(x)² / ΣD², "
                f"its squared distance to the nearest centroid so far over the total. The "
                f"drawn point #{chosen} had probability <b>{p:.2%}</b> (most likely point: "
                f"{top:.2%}; uniform would be {1 / n:.2%}). Points already chosen have 0."
            )
        start = read_only(centroids) if m + 1 == self.k else None
        return KMeansFrame(
            step=frame.step + 1,
            explanation=text,
            phase="seed",
            points=self._points,
            centroids=centroids,
            labels=frame.labels,
            iteration=0,
            inertia=None,
            inertia_trace=(),
            trail=(start,) if start is not None else (),
            probabilities=probabilities,
            chosen=chosen,
        )

    def _assign_frame(self, frame: KMeansFrame) -> KMeansFrame:
        points = self._points
        labels, _ = nearest_centroid(points, frame.centroids)
        inertia = inertia_of(points, frame.centroids, labels)
        # After the stopping rule fired on the update, this is the final re-assignment.
        final = frame.phase == "update" and (frame.converged or frame.iteration >= self.max_iter)
        iteration = frame.iteration if final else frame.iteration + 1
        previous = np.asarray(frame.labels)
        first_assignment = frame.iteration == 0
        changed = int((labels != previous).sum())
        x = iteration - 0.5 if not final else float(iteration)
        if first_assignment:
            text = (
                f"<b>Assign</b> (iteration 1): each of the {len(points):,} points joins its "
                f"nearest centroid. Inertia (sum of squared distances to the own centroid): "
                f"<b>{inertia:,.6g}</b>."
            )
        else:
            before = frame.inertia if frame.inertia is not None else float("nan")
            label = "Final assign" if final else f"<b>Assign</b> (iteration {iteration})"
            text = (
                f"{label}: <b>{changed:,}</b> of {len(points):,} points changed cluster; inertia "
                f"{before:,.6g} → <b>{inertia:,.6g}</b> (never up: each point only moves to "
                f"a closer centroid)."
            )
            if changed == 0 and not final:
                text += " No point moved, so the next update leaves the centroids in place."
        if final:
            reason = (
                "the centroids moved less than the tolerance"
                if frame.converged
                else f"max_iter = {self.max_iter} was reached"
            )
            text += (
                f" Stopped after {frame.iteration} iterations because {reason}; labels "
                f"re-computed for the final centroids. Final inertia {inertia:,.6g}."
            )
        return KMeansFrame(
            step=frame.step + 1,
            explanation=text,
            finished=final,
            phase="assign",
            points=points,
            centroids=frame.centroids,
            labels=_labels_array(labels),
            iteration=iteration,
            inertia=inertia,
            inertia_trace=(*frame.inertia_trace, (x, inertia)),
            trail=frame.trail or (frame.centroids,),
            n_changed=changed if not first_assignment else len(points),
            converged=frame.converged,
        )

    def _update_frame(self, frame: KMeansFrame) -> KMeansFrame:
        points = self._points
        labels = np.asarray(frame.labels, dtype=np.intp)
        centroids, relocated = update_centroids(points, labels, frame.centroids)
        centroids = read_only(centroids)
        moved = np.sqrt(((centroids - frame.centroids) ** 2).sum(axis=1))
        shift = float((moved**2).sum())
        inertia = inertia_of(points, centroids, labels)
        before = frame.inertia if frame.inertia is not None else float("nan")
        # The same stopping rule as `kmeans`. When no label changed (and no empty cluster
        # was re-seeded) the labels already match the centroids, so the run ends here;
        # otherwise one last assignment follows, as in `kmeans`.
        unchanged = frame.n_changed == 0
        stops = unchanged or shift <= self._threshold
        strict = unchanged and relocated.size == 0
        tol_hit = stops and not strict
        out_of_iterations = frame.iteration >= self.max_iter
        moves = ", ".join(f"c{j + 1} {d:.3g}" for j, d in enumerate(moved))
        text = (
            f"<b>Update</b> (iteration {frame.iteration}): each centroid moves to the mean of "
            f"its points. Moved: {moves}. Inertia {before:,.6g} → <b>{inertia:,.6g}</b> "
            f"(the mean minimizes a sum of squared distances)."
        )
        if relocated.size:
            names = ", ".join(f"c{j + 1}" for j in relocated)
            text += (
                f" Empty cluster {names}: re-seeded with the point farthest from its "
                f"centroid, so no centroid becomes NaN."
            )
        if strict:
            text += f" No label changed, so Lloyd has converged after {frame.iteration} iterations."
        elif tol_hit and unchanged:
            text += " No label changed; one last assignment places the re-seeded point."
        elif tol_hit:
            text += (
                f" Total squared shift {shift:.3g} ≤ tolerance {self._threshold:.3g}: "
                "converged; one last assignment follows."
            )
        elif out_of_iterations:
            text += f" max_iter = {self.max_iter} reached; one last assignment follows."
        return KMeansFrame(
            step=frame.step + 1,
            explanation=text,
            finished=strict,
            phase="update",
            points=points,
            centroids=centroids,
            labels=frame.labels,
            iteration=frame.iteration,
            inertia=inertia,
            inertia_trace=(*frame.inertia_trace, (float(frame.iteration), inertia)),
            trail=(*frame.trail, centroids),
            moved=read_only(moved),
            relocated=tuple(int(j) for j in relocated),
            converged=tol_hit,
        )

    def _note_html(self) -> str:
        return f"<br><br>{self._note}" if self._note else ""


def _labels_array(labels: ArrayLike) -> NDArray[np.int16]:
    """Labels stored compactly (k ≤ 12 in the view, −1 = unassigned) and read-only."""
    return read_only(np.asarray(labels, dtype=np.int16))
