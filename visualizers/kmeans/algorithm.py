"""k-means clustering from scratch, the answer to question 23 (pure NumPy, no Qt).

`kmeans` is the interview answer: it runs `lloyd_steps` — Lloyd's algorithm with
k-means++ or random seeding, one half-step at a time — to the end. The question view
shows both (and the helpers they call) from this source; the tests check them against
scikit-learn's Lloyd k-means. `KMeansStepper` turns the very same generator's half-steps
into immutable frames for the visualizer, passing the faster assignment of `fast.py`.
`silhouette_score` / `elbow_curve` back the "choose k" view.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from visualizers.core.frames import Frame, read_only
from visualizers.kmeans.fast import nearest_centroid_fast

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


def count_distinct(data: FloatArray, limit: int) -> int:
    """How many distinct rows `data` has, counting no further than `limit`.

    k-means only needs to know whether there are k distinct points. `np.unique(axis=0)`
    sorts the rows as opaque records, which holds the GIL for ~60 ms on 100,000 points
    (a run built on a worker thread then freezes the window as if it ran there); this
    takes one vectorised comparison per distinct row found, k at most.
    """
    remaining = np.ones(data.shape[0], dtype=bool)
    found = 0
    while found < limit:
        first = int(np.argmax(remaining))
        if not remaining[first]:
            break
        found += 1
        remaining &= np.any(data != data[first], axis=1)
    return found


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
    n_distinct = count_distinct(data, k)
    if k > n_distinct:
        noun = "point" if n_distinct == 1 else "points"
        raise ValueError(
            f"k = {k} clusters need at least {k} distinct points, but the data has only "
            f"{n_distinct} distinct {noun} (duplicates count once); lower k"
        )
    return data


def nearest_centroid(points: FloatArray, centroids: FloatArray) -> tuple[IntArray, FloatArray]:
    """For every point, the index of its nearest centroid and the squared distance to it.

    Ties go to the lowest index, as with `argmin`. The (n, k, d) difference array is the
    readable way; at scale, expand ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖² into one matrix product
    and (n, k) memory, as `visualizers.kmeans.fast.nearest_centroid_fast` (what the
    visualizer runs, with the same tie rule) does.
    """
    d2 = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (n, k)
    labels = d2.argmin(1)
    return labels, d2[np.arange(len(points)), labels]


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
    """Starting centroids for a "random" start (k distinct data points) or from an explicit
    (k, d) array; k-means++ seeds itself, one step at a time, in `lloyd_steps`."""
    if isinstance(init, str):
        if init != "random":
            raise ValueError(f'init must be "k-means++", "random" or a (k, d) array, got {init!r}')
        return points[rng.choice(points.shape[0], size=k, replace=False)].copy()
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

    The loop itself is `lloyd_steps`, which the visualizer animates one half-step at a
    time; here it simply runs to the end. Same seed, same result. Raises ValueError for
    NaN/inf in X, k < 1, or k larger than the number of distinct points.
    """
    last = deque(lloyd_steps(X, k, init, max_iter, tol, seed), maxlen=1)[0]  # run to the end
    assert last.labels is not None  # the loop always ends after an assignment
    return KMeansResult(last.centroids, last.labels, last.inertia, last.iteration)


@dataclass(frozen=True)
class LloydStep:
    """One half-step of Lloyd's algorithm, as `lloyd_steps` yields it."""

    phase: Literal["seed", "init", "assign", "update"]
    centroids: FloatArray  # (m, d): m < k while k-means++ is still choosing
    labels: IntArray | None  # None before the first assignment
    inertia: float  # for these centroids and labels (NaN before the first assignment)
    iteration: int  # Lloyd iterations started so far
    chosen: int | None = None  # seed: the data point k-means++ drew
    probabilities: FloatArray | None = None  # seed: each point's chance of being drawn
    changed: int = 0  # assign: points whose cluster changed
    relocated: IntArray | None = None  # update: empty clusters re-seeded
    shift: float = 0.0  # update: Σⱼ ‖Δcⱼ‖²
    converged: bool = False  # update: the stopping rule fired
    final: bool = False  # the last step of the run


def lloyd_steps(
    X: ArrayLike,
    k: int,
    init: InitMethod | ArrayLike = "k-means++",
    max_iter: int = 300,
    tol: float = 1e-4,
    seed: int | None = 0,
    assign: Callable[[FloatArray, FloatArray], tuple[IntArray, FloatArray]] = nearest_centroid,
) -> Iterator[LloydStep]:
    """Lloyd's k-means, one half-step at a time: seeding, then assign / update until it stops.

    Stops when no label changes, when the centroids' total squared shift is at most
    `tol` × (mean feature variance), or after `max_iter` iterations; unless no label
    changed, one last assignment labels the points for the final centroids. An empty
    cluster is re-seeded with the point farthest from its centroid (`update_centroids`).
    `assign` finds each point's nearest centroid (the visualizer passes a faster one).
    """
    data = check_data(X, k)
    if max_iter < 1 or tol < 0:
        raise ValueError("max_iter must be at least 1 and tol must be non-negative")
    rng = np.random.default_rng(seed)
    nan = float("nan")
    if isinstance(init, str) and init == "k-means++":
        centroids = np.empty((0, data.shape[1]))
        for chosen, probabilities in kmeans_plus_plus_steps(data, k, rng):
            centroids = np.vstack([centroids, data[chosen]])
            yield LloydStep("seed", centroids, None, nan, 0, chosen, probabilities)
    else:
        centroids = initial_centroids(data, k, init, rng)
        yield LloydStep("init", centroids, None, nan, 0)
    threshold = shift_threshold(data, tol)

    labels = np.full(data.shape[0], -1, dtype=np.intp)
    done = False
    for iteration in range(1, max_iter + 1):
        new_labels, _ = assign(data, centroids)
        changed = int((new_labels != labels).sum())
        labels = new_labels
        yield LloydStep(
            "assign", centroids, labels, inertia_of(data, centroids, labels), iteration,
            changed=changed,
        )  # fmt: skip
        new_centroids, relocated = update_centroids(data, labels, centroids)
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids = new_centroids
        converged = changed == 0 or shift <= threshold
        # No label changed and no cluster re-seeded: the labels already fit the centroids.
        done = changed == 0 and relocated.size == 0
        yield LloydStep(
            "update", centroids, labels, inertia_of(data, centroids, labels), iteration,
            relocated=relocated, shift=shift, converged=converged, final=done,
        )  # fmt: skip
        if converged:
            break
    if not done:
        # Report labels for the centroids returned.
        final_labels, _ = assign(data, centroids)
        yield LloydStep(
            "assign", centroids, final_labels, inertia_of(data, centroids, final_labels),
            iteration, changed=int((final_labels != labels).sum()), final=True,
        )  # fmt: skip


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
    n_distinct = count_distinct(data, max(ks, default=0))  # enough to tell which k are usable
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
        # `kmeans`'s own loop, with the fast assignment: ten runs in the background.
        steps = lloyd_steps(data, k, seed=seed, max_iter=100, assign=nearest_centroid_fast)
        last = deque(steps, maxlen=1)[0]
        assert last.labels is not None  # the loop always ends after an assignment
        inertias.append(last.inertia)
        labels = last.labels if sample is None else last.labels[sample]
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
    """`lloyd_steps` as frames: one frame per half-step (seeding, assign, update).

    It pulls the very generator `kmeans` runs to the end, so the last frame's centroids,
    labels, inertia and iteration count are `kmeans(points, k, init, ..., seed)`'s.
    `init` may be an (m, d) array of placed centroids (then k = m). The history asks for
    frames in order, each once, which is what a generator gives.
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
        self.k = k
        self.max_iter = max_iter
        self.note = note  # a dataset note the narration appends to the first frame
        self.init_name = init if isinstance(init, str) else "placed"
        self._steps: Iterator[LloydStep] | None = None
        self._pending: LloydStep | None = None
        if k == 0 and not isinstance(init, str):  # no centroids placed yet: wait for clicks
            self._points = read_only(check_data(points, 1))
        else:
            self._points = read_only(np.asarray(points, dtype=np.float64))
            self._steps = lloyd_steps(
                self._points, k, init, max_iter, tol, seed, assign=nearest_centroid_fast
            )
            # The loop's first step checks the data and k: bad input is refused here, when
            # the run is built, not in the middle of playing it.
            self._pending = next(self._steps)
        self.threshold = shift_threshold(self._points, tol)

    @property
    def points(self) -> FloatArray:
        return self._points

    def _next(self) -> LloydStep:
        if self._pending is not None:
            step, self._pending = self._pending, None
            return step
        if self._steps is None:
            raise RuntimeError("this run has no centroids to move")
        return next(self._steps)

    # -- frames ---------------------------------------------------------------------------

    def first(self) -> KMeansFrame:
        n = self._points.shape[0]
        blank = KMeansFrame(
            step=0,
            explanation="",  # written when shown: `visualizers.kmeans.narration`
            phase="data",
            points=self._points,
            centroids=read_only(np.empty((0, self._points.shape[1]))),
            labels=_labels_array(np.full(n, -1)),
            iteration=0,
            inertia=None,
            inertia_trace=(),
            trail=(),
        )
        if self.init_name == "placed" and self.k == 0:
            return replace(blank, finished=True, phase="init")
        if self.init_name == "placed":
            start = read_only(self._next().centroids)
            return replace(blank, phase="init", centroids=start, trail=(start,))
        return blank

    def advance(self, frame: KMeansFrame) -> KMeansFrame:
        step = self._next()
        new = replace(frame, step=frame.step + 1, phase=step.phase, iteration=step.iteration)
        if step.phase == "seed":
            assert step.probabilities is not None  # a seed step has them
            centroids = read_only(step.centroids)
            return replace(
                new,
                centroids=centroids,
                trail=(centroids,) if len(centroids) == self.k else (),
                probabilities=read_only(step.probabilities.astype(np.float32)),
                chosen=step.chosen,
            )
        if step.phase == "init":
            start = read_only(step.centroids)
            return replace(new, centroids=start, trail=(start,))
        if step.phase == "assign":
            assert step.labels is not None  # an assign step has labels
            x = float(step.iteration) if step.final else step.iteration - 0.5
            return replace(
                new,
                finished=step.final,
                labels=_labels_array(step.labels),
                inertia=step.inertia,
                inertia_trace=(*frame.inertia_trace, (x, step.inertia)),
                trail=frame.trail or (frame.centroids,),
                probabilities=None,
                chosen=None,
                moved=None,
                n_changed=step.changed,
                relocated=(),
            )
        centroids = read_only(step.centroids)
        relocated = step.relocated if step.relocated is not None else ()
        return replace(
            new,
            finished=step.final,
            centroids=centroids,
            inertia=step.inertia,
            inertia_trace=(*frame.inertia_trace, (float(step.iteration), step.inertia)),
            trail=(*frame.trail, centroids),
            moved=read_only(np.sqrt(((centroids - frame.centroids) ** 2).sum(axis=1))),
            relocated=tuple(int(j) for j in relocated),
            converged=step.converged and not step.final,
        )


def _labels_array(labels: ArrayLike) -> NDArray[np.int16]:
    """Labels stored compactly (k ≤ 12 in the view, −1 = unassigned) and read-only."""
    return read_only(np.asarray(labels, dtype=np.int16))
