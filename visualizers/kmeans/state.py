"""The k-means visualizer's state (pure, no Qt).

Parameters → dataset → stepper, with the dataset cache (keyed by value: dataset name,
size, spread and seed, or the number of the CSV load), the user's CSV and hand-placed
centroids, the centroid edits (drag, add, remove, arrow keys), the elbow / silhouette
request and its summary, and the ranges the view frames. The view draws what this says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
from numpy.typing import NDArray

from visualizers.core.frames import RunPlan, Stepper
from visualizers.core.text import escape
from visualizers.kmeans.algorithm import (
    ElbowResult,
    KMeansFrame,
    KMeansStepper,
    count_distinct,
)
from visualizers.kmeans.datasets import USER_CSV, Dataset, load_xy_csv, make_dataset
from visualizers.kmeans.narration import explain_step
from visualizers.kmeans.spec import INIT_CHOICES, IRIS

if TYPE_CHECKING:
    from visualizers.core.learner import LearnerPlan, LearnerResult, LearnerRun
    from visualizers.kmeans.learner import LearnerKMeans


Params = Mapping[str, int | float | str | bool]
FloatArray = NDArray[np.float64]

PLACED = INIT_CHOICES[2]
MAX_K = 12
ELBOW_MAX_POINTS = 20_000  # the elbow clusters a sample of bigger data (10 full runs of k-means)
HEAVY_POINTS = 20_000  # a CSV bigger than this builds its runs on a worker (0.1 s and more)
NUDGE = 0.02  # an arrow key moves a centroid by this share of the data's extent (×5 with Shift)


@dataclass(frozen=True)
class ElbowRequest:
    """What the background elbow computation should cluster, and how to describe it."""

    key: tuple[object, ...]
    points: FloatArray
    seed: int
    note: str  # e.g. " on a random 20,000 of the 100,000 points"


class KMeansState:
    """The current dataset, placed centroids and elbow result of one k-means view."""

    def __init__(self) -> None:
        self.csv: Dataset | None = None
        self._csv_loads = 0  # bumped by every CSV load: part of the dataset's cache key
        self.placed: FloatArray = np.empty((0, 2))
        self.dataset: Dataset | None = None
        self.dataset_key: tuple[object, ...] | None = None
        self.params: dict[str, int | float | str | bool] = {}
        self.run_seed = 0
        self.elbow: ElbowResult | None = None
        self._elbow_key: tuple[object, ...] | None = None
        self.elbow_note = ""
        self.stepper_now: KMeansStepper | None = None
        # "Animate my code": the learner's own run beside this one (cleared by a new run).
        self.learner: LearnerRun[LearnerKMeans] | None = None

    # -- data ----------------------------------------------------------------------------
    def load_dataset(self, params: Params, seed: int) -> Dataset:
        """The dataset these parameters name, made once per distinct key."""
        name = str(params["dataset"])
        if name == USER_CSV:
            if self.csv is None:
                raise ValueError(
                    "No CSV loaded yet: use “Load CSV…” below the parameters to pick a file "
                    "with two numeric columns (for example x,y)."
                )
            key: tuple[object, ...] = (name, self._csv_loads)
        else:
            key = (
                name,
                int(params["n_points"]),
                float(params["spread"]),
                int(params["seed"]) + seed,
            )
        if key != self.dataset_key or self.dataset is None:
            if name == USER_CSV and self.csv is not None:
                self.dataset = self.csv
            else:
                n, spread = int(params["n_points"]), float(params["spread"])
                self.dataset = make_dataset(name, n, spread, int(params["seed"]) + seed)
            self.dataset_key = key
        return self.dataset

    @staticmethod
    def read_csv(path: Path) -> Dataset:
        """A user's CSV of two numeric columns (ValueError saying which row is wrong)."""
        return load_xy_csv(path)

    def swap_csv(self, data: Dataset | None) -> Dataset | None:
        """Use `data` as the CSV dataset; returns what it replaces."""
        previous, self.csv = self.csv, data
        self._csv_loads += 1
        return previous

    # -- runs ----------------------------------------------------------------------------
    def stepper(self, params: Params, seed: int) -> KMeansStepper:
        """The run for these values (ValueError, with what to do, when impossible)."""
        plan = self.plan(params, seed)
        stepper = plan.build()
        plan.adopt(stepper)
        return cast(KMeansStepper, stepper)

    def heavy_run(self, params: Params) -> bool:
        """True when the run clusters a CSV too big to start on the GUI thread."""
        csv = self.csv
        return params["dataset"] == USER_CSV and csv is not None and len(csv.points) > HEAVY_POINTS

    def plan(self, params: Params, seed: int, csv: Dataset | None = None) -> RunPlan[KMeansFrame]:
        """The run for these values, split so a worker can build it (see `RunPlan`).

        Everything `build` needs is captured here, on the caller's thread: the dataset
        (the CSV, `csv` for one not installed yet, or the cached synthetic one; else its
        recipe), the parameters and a copy of the placed centroids. `build` (any thread)
        makes the dataset if needed and the stepper, raising ValueError when the run is
        impossible; `adopt` (the state's thread) makes it the current run. With `csv`
        given and a centroid init other than placed, this reads nothing of the state.
        """
        values = dict(params)
        name = str(values["dataset"])
        run_seed = int(values["seed"]) + seed
        n, spread = int(values["n_points"]), float(values["spread"])
        key: tuple[object, ...] | None
        if name == USER_CSV:
            ready = self.csv if csv is None else csv
            if ready is None:
                raise ValueError(
                    "No CSV loaded yet: use “Load CSV…” below the parameters to pick a file "
                    "with two numeric columns (for example x,y)."
                )
            key = None  # the CSV's key is the load that installed it: read when adopted
        else:
            key = (name, n, spread, run_seed)
            ready = self.dataset if key == self.dataset_key else None
        placed = self.placed[:MAX_K].copy() if str(values["init"]) == PLACED else None
        made: list[Dataset] = []  # what build made, for adopt (only build writes it)

        def build() -> Stepper[KMeansFrame]:
            dataset = ready if ready is not None else make_dataset(name, n, spread, run_seed)
            made.append(dataset)
            return _make_stepper(dataset, values, run_seed, placed)

        def adopt(stepper: Stepper[KMeansFrame]) -> None:
            self.dataset = made[-1]
            self.dataset_key = key if key is not None else (USER_CSV, self._csv_loads)
            self.params = values
            self.run_seed = run_seed
            self.learner = None
            self.stepper_now = cast(KMeansStepper, stepper)

        return RunPlan(build, adopt)

    def csv_plan(self) -> Callable[[Dataset, Params, int], RunPlan[KMeansFrame]] | None:
        """What a CSV load's worker calls to plan the run on the new data (None: not ahead).

        Placed centroids are the state's, edited while the file loads: those runs start
        on the GUI thread once the data are installed.
        """
        if self.params.get("init") == PLACED:
            return None
        return lambda data, params, seed: self.plan(params, seed, csv=data)

    def explain(self, frame: KMeansFrame) -> str:
        """The narration for `frame`, a frame of the current run, with its numbers."""
        if self.stepper_now is None:
            return frame.explanation
        text = explain_step(self.stepper_now, frame)
        if self.learner is not None:
            text = f"<b>{escape(self.learner.comparison(frame.step))}</b><br><br>{text}"
        return text

    # -- the learner's run ("Animate my code") --------------------------------------------
    # (`learner` is imported when a run is first asked for: most opens never need it)
    @staticmethod
    def learner_values() -> dict[str, int | float | str | bool]:
        """Parameters the learner's contract needs: none (their init is the run's start)."""
        return {}

    @staticmethod
    def learner_plan(frames: list[KMeansFrame]) -> LearnerPlan:
        """The calls of the learner's kmeans that retrace this run (ValueError if none)."""
        from visualizers.kmeans import learner

        return learner.plan(frames)

    def load_learner(
        self,
        plan: LearnerPlan,
        results: list[LearnerResult | None],
        frames: list[KMeansFrame],
    ) -> LearnerRun[LearnerKMeans]:
        """Keep the learner's run (the results of `plan`'s calls) beside this one."""
        from visualizers.kmeans import learner

        self.learner = learner.load(plan, results, frames)
        return self.learner

    def inactive_parameters(self) -> dict[str, str]:
        """Parameters that do nothing with the current values, each with the reason."""
        out: dict[str, str] = {}
        if self.params.get("init") == PLACED:
            out["k"] = "k is the number of centroids you placed"
        if self.params.get("dataset") in (IRIS, USER_CSV):
            out["n_points"] = "Only for synthetic datasets"
            out["spread"] = "Only for synthetic datasets"
        return out

    @staticmethod
    def summary(frame: KMeansFrame) -> str:
        """The half-step's key numbers in one plain sentence (the plot's text alternative)."""
        if frame.phase == "seed":
            return f"k-means++ chose centroid {len(frame.centroids)} at point {frame.chosen}."
        if frame.inertia is None:
            return (
                f"{len(frame.points)} points, {len(frame.centroids)} centroids, not assigned yet."
            )
        what = "assign" if frame.phase == "assign" else "update"
        changed = f", {frame.n_changed} points changed cluster" if what == "assign" else ""
        done = " Finished." if frame.finished else ""
        return f"Iteration {frame.iteration}, {what}: inertia {frame.inertia:,.4g}{changed}.{done}"

    def run_k(self) -> int:
        """The k being run: the placed count when centroids were placed by hand."""
        return len(self.placed) if self.params.get("init") == PLACED else int(self.params["k"])

    def frame_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """(x range, y range) that shows every point with a 6 % margin (at least 0.5)."""
        if self.dataset is None:
            raise RuntimeError("no dataset yet: call stepper() first")
        points = self.dataset.points
        lo, hi = points.min(axis=0), points.max(axis=0)
        pad = np.maximum((hi - lo) * 0.06, 0.5)
        return (
            (float(lo[0] - pad[0]), float(hi[0] + pad[0])),
            (float(lo[1] - pad[1]), float(hi[1] + pad[1])),
        )

    # -- centroid edits (each returns the centroids to restart from) ----------------------
    def place(self, centroids: FloatArray) -> dict[str, int | float | str | bool]:
        """Remember these as the placed centroids; the parameters that run them."""
        self.placed = np.array(centroids, dtype=np.float64).reshape(-1, 2)[:MAX_K]
        return {"init": PLACED, "k": max(1, len(self.placed))}

    @staticmethod
    def moved(centroids: FloatArray, index: int, x: float, y: float) -> FloatArray:
        """`centroids` with centroid `index` at (x, y) (unchanged if there is no such one)."""
        out = np.array(centroids, dtype=np.float64).reshape(-1, 2)
        if 0 <= index < len(out):
            out[index] = (x, y)
        return out

    @staticmethod
    def added(centroids: FloatArray, x: float, y: float) -> FloatArray:
        """`centroids` plus one at (x, y); ValueError when there are already MAX_K."""
        if len(centroids) >= MAX_K:
            raise ValueError(f"At most {MAX_K} centroids; right-click one to remove it first.")
        return np.vstack([np.asarray(centroids, dtype=np.float64).reshape(-1, 2), [[x, y]]])

    @staticmethod
    def removed(centroids: FloatArray, index: int) -> FloatArray:
        return np.delete(np.asarray(centroids, dtype=np.float64).reshape(-1, 2), index, axis=0)

    def nudged(self, centroids: FloatArray, index: int, dx: int, dy: int, big: bool) -> FloatArray:
        """Centroid `index` moved by an arrow key: NUDGE of the data's extent (×5 with Shift)."""
        (x0, x1), (y0, y1) = self.frame_range()
        step = NUDGE * (5.0 if big else 1.0)
        out = np.array(centroids, dtype=np.float64).reshape(-1, 2)
        if 0 <= index < len(out):
            out[index] += (dx * step * (x1 - x0), dy * step * (y1 - y0))
        return out

    # -- choosing k ----------------------------------------------------------------------
    def elbow_request(self, force: bool = False) -> ElbowRequest | None:
        """The elbow computation the current data needs, or None when it is already done/under way."""
        dataset = self.dataset
        if dataset is None:
            return None
        key = (self.dataset_key, self.run_seed)
        if key == self._elbow_key and not force:
            return None
        self._elbow_key, self.elbow = key, None
        points, note = dataset.points, ""
        if len(points) > ELBOW_MAX_POINTS:
            rng = np.random.default_rng(self.run_seed)
            points = points[rng.choice(len(points), ELBOW_MAX_POINTS, replace=False)]
            note = f" on a random {ELBOW_MAX_POINTS:,} of the {len(dataset.points):,} points"
        self.elbow_note = note
        return ElbowRequest(key, points, self.run_seed, note)

    def elbow_computed(self, key: tuple[object, ...], result: ElbowResult) -> bool:
        """Keep `result` if it answers the latest request; False for a stale one."""
        if key != self._elbow_key:
            return False
        self.elbow = result
        return True

    def elbow_summary(self) -> str:
        """What the elbow and silhouette plots say, in one paragraph."""
        result = self.elbow
        if result is None:
            return f"Computing k = 1…10 in the background{self.elbow_note}…"
        ks = np.array(result.ks, dtype=float)
        sil = np.array(result.silhouettes)
        defined = np.isfinite(sil)
        best = (
            f"highest silhouette at k = {int(ks[defined][np.argmax(sil[defined])])}. "
            if defined.any()
            else ""
        )
        sample = (
            f" Silhouette on a random {result.silhouette_sample:,} of {result.n_points:,} "
            "points (it costs O(n²))."
            if result.silhouette_sample < result.n_points
            else ""
        )
        return (
            f"k-means++ for k = 1…{int(ks[-1])}{self.elbow_note}: {best}Look for the elbow "
            f"where inertia stops falling fast.{sample}"
        )

    def elbow_marks(self) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
        """(k, inertia) and (k, silhouette) of the k being run, where known."""
        result, k = self.elbow, self.run_k()
        if result is None or k not in result.ks:
            return None, None
        i = result.ks.index(k)
        inertia, silhouette = result.inertias[i], result.silhouettes[i]
        return (
            (float(k), inertia) if np.isfinite(inertia) else None,
            (float(k), silhouette) if np.isfinite(silhouette) else None,
        )


def _make_stepper(
    dataset: Dataset,
    params: Mapping[str, int | float | str | bool],
    run_seed: int,
    placed: FloatArray | None,
) -> KMeansStepper:
    """The stepper for `dataset` (pure: the run a plan builds on any thread)."""
    if placed is not None:
        if len(placed) > 0 and count_distinct(dataset.points, len(placed)) < len(placed):
            raise ValueError(
                f"{len(placed)} placed centroids but the data has fewer distinct points; "
                "right-click some centroids to remove them"
            )
        return KMeansStepper(dataset.points, len(placed), init=placed, note=dataset.note)
    return KMeansStepper(
        dataset.points,
        int(params["k"]),
        init=str(params["init"]),
        seed=run_seed,
        note=dataset.note,
    )


def inertia_range(
    trace: FloatArray, x_high: float, y_range: tuple[float, float]
) -> tuple[float | None, tuple[float, float] | None]:
    """New (x high, y range) for the inertia plot, or None where the shown one still fits.

    Ranges jump rather than follow every frame: each range change re-lays out both axes,
    which cost more than the rest of a frame.
    """
    x_last = float(trace[-1, 0])
    low, high = float(trace[:, 1].min()), float(trace[:, 1].max())
    span = max(high - low, abs(high) * 1e-6, 1e-12)
    new_x = max(5.0, 2 * x_last) if (x_last > x_high or x_high > 4 * max(x_last, 2.5)) else None
    y_lo, y_hi = y_range
    new_y = (
        (low - 0.08 * span, high + 0.08 * span)
        if high > y_hi or low < y_lo or (y_hi - y_lo) > 3 * span
        else None
    )
    return new_x, new_y
