"""Heavy runs (big user data) are built on a worker after a load and after a parameter change.

k-means with a 100,000-point CSV, precision/recall with 400,000 scores and missing data with
1,500 rows: the event loop keeps ticking while the run is built, Cancel keeps the previous
parameters and run, a second change supersedes the first, closing the tab mid-build is safe,
and light runs stay synchronous. The oracle for each run built on the worker is the same
run built synchronously by a fresh state on the test's thread (and, for the numbers, NumPy).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from visualizers.core.base import VisualizerView
from visualizers.core.frames import RunPlan
from visualizers.core.loading import UserFileLoad
from visualizers.core.registry import get
from visualizers.kmeans import state as kmeans_state
from visualizers.kmeans.datasets import USER_CSV as KMEANS_CSV
from visualizers.kmeans.view import KMeansView
from visualizers.missing_data import state as missing_state
from visualizers.missing_data.view import MissingDataView
from visualizers.pr_threshold import state as pr_state
from visualizers.pr_threshold.spec import DATASET_CSV as PR_CSV
from visualizers.pr_threshold.view import PrThresholdView

KMEANS_POINTS = 100_000
PR_ROWS = 400_000
MISSING_ROWS = 1_500


def _write(path: Path, header: str, rows: np.ndarray) -> Path:
    path.write_text(
        header + "\n" + "".join(",".join(f"{v:.5f}" for v in row) + "\n" for row in rows),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def csvs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("heavy")
    rng = np.random.default_rng(11)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0], [8.0, 8.0]])
    points = centres[rng.integers(0, 4, KMEANS_POINTS)] + rng.normal(size=(KMEANS_POINTS, 2))
    labels = rng.integers(0, 2, PR_ROWS)
    scores = rng.normal(labels.astype(float), 1.0)
    x = rng.normal(size=(MISSING_ROWS, 3))
    y = x @ np.array([1.5, -0.7, 0.4]) + rng.normal(scale=0.5, size=MISSING_ROWS)
    small = centres[rng.integers(0, 4, 500)] + rng.normal(size=(500, 2))
    return {
        "kmeans": _write(folder / "points.csv", "x,y", points),
        "kmeans_small": _write(folder / "few.csv", "x,y", small),
        "pr": _write_scores(folder / "scores.csv", labels, scores),
        "missing": _write(folder / "table.csv", "a,b,c,y", np.column_stack([x, y])),
    }


def _write_scores(path: Path, labels: np.ndarray, scores: np.ndarray) -> Path:
    path.write_text(
        "label,score\n" + "".join(f"{a},{b:.5f}\n" for a, b in zip(labels, scores, strict=True)),
        encoding="utf-8",
    )
    return path


def _make[V: VisualizerView[Any, Any]](qtbot: QtBot, view_class: type[V], spec_id: str) -> V:
    spec = get(spec_id)
    assert spec is not None
    view = view_class(spec)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


@pytest.fixture
def kmeans(qtbot: QtBot, csvs: dict[str, Path]) -> Iterator[KMeansView]:
    view = _make(qtbot, KMeansView, "kmeans")
    view.set_params(init="random", k=4)
    assert view.load_csv(csvs["kmeans"]).wait()
    yield view
    view.shutdown()


def ticking(run: Callable[[], object], pending: Callable[[], UserFileLoad | None]) -> int:
    """Start `run` with a 20 ms timer; how many ticks came while its run was being built.

    A run built on the GUI thread gives none: the timer can't fire until the build returns.
    """
    # Earlier tests' widgets wait for deletion (processEvents leaves deferred deletes
    # alone): destroy them now, not in the first turn of the loop being measured.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    during: list[bool] = []

    def tick() -> None:
        handle = pending()
        during.append(handle is not None and handle.running)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    run()
    handle = pending()
    assert handle is not None, "the run was built synchronously"
    assert handle.wait(60_000)
    timer.stop()
    return sum(during)


def _slowed(planned: Callable[..., RunPlan[Any]]) -> Callable[..., RunPlan[Any]]:
    """`planned`, whose builds first sleep 0.15 s: longer than a few ticks on any machine.

    A build on the GUI thread would sleep there too and give no tick; the sleep only makes
    a quick build (k-means now takes ~20 ms) last long enough to count ticks during it.
    """

    def slow(*args: Any, **kwargs: Any) -> RunPlan[Any]:
        plan = planned(*args, **kwargs)

        def build() -> Any:
            time.sleep(0.15)
            return plan.build()

        return RunPlan(build, plan.adopt)

    return slow


# -- k-means: the first run after a load ---------------------------------------------------------
def test_a_big_kmeans_csv_builds_its_first_run_on_the_worker(
    qtbot: QtBot, csvs: dict[str, Path]
) -> None:
    view = _make(qtbot, KMeansView, "kmeans")
    view.set_params(init="k-means++", k=4)
    threads: list[int] = []
    plan = view.state.plan

    def spying(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return plan(*args, **kwargs)

    view.state.plan = spying  # type: ignore[method-assign]
    assert view.load_csv(csvs["kmeans"]).wait()
    assert threads and threads[0] != threading.get_ident()
    assert view.params["dataset"] == KMEANS_CSV
    assert view.state.dataset is view.state.csv
    assert view.state.stepper_now is view.stepper
    assert view.state.dataset_key == (KMEANS_CSV, 1)
    frame = view.current_frame
    assert frame is not None and len(frame.points) == KMEANS_POINTS
    # The oracle: a fresh state given the same data builds the same start on this thread.
    fresh = kmeans_state.KMeansState()
    fresh.swap_csv(view.state.csv)
    again = fresh.stepper(dict(view.params), view.seed).first()
    np.testing.assert_array_equal(frame.centroids, again.centroids)
    assert view.explain(frame)  # narrated by the adopted stepper
    view.shutdown()


# -- k-means: parameter changes with the big CSV ---------------------------------------------------
def test_a_kmeans_change_with_a_big_csv_is_built_while_the_gui_ticks(kmeans: KMeansView) -> None:
    before = kmeans.current_frame
    kmeans.state.plan = _slowed(kmeans.state.plan)  # type: ignore[method-assign]
    ticks = ticking(lambda: kmeans.set_params(k=7), lambda: kmeans.pending_run)
    assert ticks >= 2  # the timer ran during the build
    assert not kmeans.building
    frame = kmeans.current_frame
    assert frame is not None and frame is not before
    assert kmeans.params["k"] == 7 and kmeans.state.params["k"] == 7
    assert kmeans.player.index == 0
    # Frame 1 (the random start) has 7 centroids, the same as a synchronous build gives.
    kmeans.player.seek(1)
    fresh = kmeans_state.KMeansState()
    fresh.swap_csv(kmeans.state.csv)
    stepper = fresh.stepper(dict(kmeans.params), kmeans.seed)
    np.testing.assert_array_equal(
        kmeans.current_frame.centroids,  # type: ignore[union-attr]
        stepper.advance(stepper.first()).centroids,
    )
    loader = kmeans.file_loader
    assert loader is not None and loader.button.isEnabled()
    assert not loader.progress_row.isVisible()


def test_the_busy_row_shows_during_a_heavy_change(qtbot: QtBot, kmeans: KMeansView) -> None:
    loader = kmeans.file_loader
    assert loader is not None
    kmeans.set_params(k=9)
    build = kmeans.pending_run
    assert build is not None and kmeans.building
    assert not loader.button.isEnabled()
    assert loader.progress_bar.maximum() == 0  # busy: no percentage
    assert loader.cancel_button.accessibleName() == "Cancel the new run"
    assert kmeans.parameter_panel.isEnabled()  # the panel stays usable
    assert build.wait()
    assert loader.progress_bar.maximum() == 1000 and loader.button.isEnabled()


def test_cancel_keeps_the_previous_parameters_and_run(qtbot: QtBot, kmeans: KMeansView) -> None:
    before, stepper = kmeans.current_frame, kmeans.stepper
    kmeans.set_params(k=8)
    build = kmeans.pending_run
    assert build is not None
    assert kmeans.params["k"] == 8  # the panel shows what is being computed
    loader = kmeans.file_loader
    assert loader is not None
    loader.cancel_button.click()
    with qtbot.waitSignal(build.finished, timeout=10_000) as outcome:
        pass
    assert outcome.args == [False]
    assert kmeans.params["k"] == 4
    assert kmeans.parameter_panel.values()["k"] == 4
    assert kmeans.current_frame is before and kmeans.stepper is stepper
    assert kmeans.state.stepper_now is stepper and kmeans.state.params["k"] == 4
    assert "Cancelled" in kmeans.explanation.warning_text()
    assert not kmeans.building and loader.button.isEnabled()


def test_a_second_change_supersedes_the_first(qtbot: QtBot, kmeans: KMeansView) -> None:
    kmeans.set_params(k=5)
    first = kmeans.pending_run
    kmeans.set_params(k=6)
    second = kmeans.pending_run
    assert first is not None and second is not None and second is not first
    assert first.result is False  # dropped at once: its result will never be shown
    assert second.wait()
    qtbot.wait(50)  # the first worker's late signals reach nobody
    assert kmeans.params["k"] == 6 and kmeans.state.run_k() == 6
    kmeans.player.seek(1)
    assert len(kmeans.current_frame.centroids) == 6  # type: ignore[union-attr]


def test_a_light_change_after_a_heavy_one_supersedes_it_synchronously(
    qtbot: QtBot, kmeans: KMeansView, csvs: dict[str, Path]
) -> None:
    kmeans.set_params(k=5)
    heavy = kmeans.pending_run
    assert kmeans.set_params(dataset="Gaussian blobs", k=3)  # synthetic 1,000 points: light
    assert heavy is not None and heavy.result is False
    assert kmeans.pending_run is None and kmeans.state.params["k"] == 3
    qtbot.wait(100)
    assert kmeans.params["dataset"] == "Gaussian blobs"


def test_closing_the_view_mid_build_is_safe(qtbot: QtBot, csvs: dict[str, Path]) -> None:
    view = _make(qtbot, KMeansView, "kmeans")
    view.set_params(init="random")
    assert view.load_csv(csvs["kmeans"]).wait()
    stepper = view.stepper
    view.set_params(k=10)
    build = view.pending_run
    assert build is not None and build.worker is not None
    worker = build.worker
    view.shutdown()
    assert worker.isFinished()
    assert build.result is False and view.stepper is stepper
    qtbot.wait(50)  # the finished worker's queued signals change nothing
    assert view.stepper is stepper


def test_light_kmeans_runs_stay_synchronous(qtbot: QtBot, csvs: dict[str, Path]) -> None:
    view = _make(qtbot, KMeansView, "kmeans")
    assert view.load_csv(csvs["kmeans_small"]).wait()
    assert view.set_params(k=5)
    assert view.pending_run is None and view.state.params["k"] == 5
    assert view.set_params(n_points=30_000, dataset="Gaussian blobs")  # synthetic: as before
    assert view.pending_run is None
    view.shutdown()


def test_a_run_refused_on_the_worker_keeps_the_previous_one(
    qtbot: QtBot, kmeans: KMeansView
) -> None:
    before = kmeans.current_frame

    def build() -> Any:
        raise ValueError("no run here")

    # A big CSV's run can't be refused by k-means itself (100,000 distinct points take any
    # k), so the plan's build raises the way a stepper refuses its parameters.
    kmeans.state.plan = lambda *a, **k: RunPlan(build)  # type: ignore[method-assign]
    kmeans.set_params(k=11)
    build_handle = kmeans.pending_run
    assert build_handle is not None and not build_handle.wait()
    assert "no run here" in kmeans.explanation.warning_text()
    assert kmeans.params["k"] == 4 and kmeans.current_frame is before


# -- precision/recall and missing data -------------------------------------------------------------
def test_a_precision_recall_cost_change_on_a_big_csv_is_built_on_the_worker(
    qtbot: QtBot, csvs: dict[str, Path]
) -> None:
    view = _make(qtbot, PrThresholdView, "pr_threshold")
    assert view.load_csv(csvs["pr"]).wait()
    assert view.params["dataset"] == PR_CSV
    before = view.current_frame
    ticks = ticking(lambda: view.set_params(cost_fn=9.0), lambda: view.pending_run)
    assert ticks >= 1
    frame = view.current_frame
    assert frame is not None and frame is not before
    assert view.params["cost_fn"] == 9.0
    # Oracle: the lowest cost per item over every "score ≥ t" rule, counted with NumPy from
    # the file's scores, is what the worker's analysis found, and its threshold reaches it.
    data = view.state.csv_data
    assert data is not None
    cost_fp, cost_fn = float(view.params["cost_fp"]), 9.0
    positive = data.labels == 1
    order = np.argsort(-data.scores, kind="stable")
    ranked, hits = data.scores[order], positive[order]
    last_of_tie = np.r_[ranked[1:] != ranked[:-1], True]
    tp = np.cumsum(hits)[last_of_tie]
    fp = np.cumsum(~hits)[last_of_tie]
    fn = positive.sum() - tp
    costs = np.r_[cost_fn * positive.sum(), cost_fp * fp + cost_fn * fn] / data.scores.size
    analysis = frame.analysis
    assert analysis.cost_fn == 9.0
    assert float(np.min(analysis.expected_cost)) == pytest.approx(float(costs.min()))
    chosen = data.scores >= analysis.cost_optimal_threshold
    direct = (
        cost_fp * np.sum(chosen & ~positive) + cost_fn * np.sum(~chosen & positive)
    ) / data.scores.size
    assert direct == pytest.approx(float(costs.min()))
    assert view.state.heavy_run(view.params) and pr_state.HEAVY_ROWS < PR_ROWS
    # Cancel: the previous costs and run come back.
    kept = view.current_frame
    view.set_params(cost_fp=3.0)
    build = view.pending_run
    assert build is not None
    view.cancel_run()
    assert not build.wait()
    assert view.params["cost_fp"] != 3.0 and view.current_frame is kept
    view.shutdown()


def test_a_missing_data_change_on_a_big_csv_is_built_on_the_worker(
    qtbot: QtBot, csvs: dict[str, Path]
) -> None:
    view = _make(qtbot, MissingDataView, "missing_data")
    assert view.load_csv(csvs["missing"]).wait()
    assert view.state.heavy_run(view.params)
    spec = view.spec
    other = next(
        choice
        for p in spec.parameters
        if p.name == "mechanism"
        for choice in p.choices
        if choice != view.params["mechanism"]
    )
    ticks = ticking(lambda: view.set_params(mechanism=other), lambda: view.pending_run)
    assert ticks >= 1
    assert view.params["mechanism"] == other
    stepper = view.stepper
    assert isinstance(stepper, missing_state.MissingDataStepper)
    fresh = missing_state.MissingDataState()
    fresh.swap_csv((view.state.csv, "table.csv"))
    oracle = fresh.stepper(dict(view.params), view.seed).experiment
    np.testing.assert_array_equal(stepper.experiment.mask, oracle.mask)
    assert [m.slope for m in stepper.experiment.results] == [m.slope for m in oracle.results]
    # The experiment the worker ran is the state's cache now: a restart reuses it.
    assert view.state.experiment(dict(view.params), view.seed) is stepper.experiment
    view.shutdown()


def test_the_busy_row_stays_shown_when_a_heavy_change_replaces_another(
    qtbot: QtBot, kmeans: KMeansView
) -> None:
    loader = kmeans.file_loader
    assert loader is not None
    kmeans.set_params(k=5)
    loader.slot.setCurrentWidget(loader.progress_row)  # as after SHOW_AFTER_MS
    kmeans.set_params(k=6)  # replaces it: the row must not drop back to the label
    assert loader.slot.currentWidget() is loader.progress_row
    build = kmeans.pending_run
    assert build is not None and build.wait()
    assert loader.slot.currentWidget() is loader.label


# -- regularization, and the raised caps ------------------------------------------------------------
def test_a_regularization_change_on_a_big_csv_is_built_on_the_worker(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from visualizers.regularization import state as reg_state
    from visualizers.regularization.view import RegularizationView

    rows = reg_state.MAX_CSV_ROWS  # the raised cap is accepted
    assert rows > 2_000
    rng = np.random.default_rng(4)
    x = rng.normal(size=(rows, 8))
    y = x @ rng.normal(size=8) + rng.normal(size=rows)
    path = _write(tmp_path / "wide.csv", ",".join(f"f{i}" for i in range(8)) + ",y", np.c_[x, y])
    view = _make(qtbot, RegularizationView, "regularization")
    assert view.load_csv(path).wait()
    # The load's worker fitted this penalty's path and the state kept it: an α change
    # solves once and stays here; the other penalty needs its own path, on the worker.
    assert not view.state.heavy_run(view.params)
    assert view.set_params(alpha=float(view.params["alpha"]) * 0.5)
    assert not view.building
    other = next(
        c
        for p in view.spec.parameters
        if p.name == "penalty"
        for c in p.choices
        if c != view.params["penalty"]
    )
    # The path on 10,000 × 8 takes only ~20 ms, less than a tick: the build is made to last
    # (a sleep, which a build on the GUI thread would spend without ticking either).
    view.state.plan = _slowed(view.state.plan)
    assert view.state.heavy_run({**view.params, "penalty": other})
    ticks = ticking(lambda: view.set_params(penalty=other), lambda: view.pending_run)
    assert ticks >= 1 and view.params["penalty"] == other
    built = view.history
    assert built is not None
    # Oracle: a fresh state with the same CSV builds the same run on this thread.
    fresh = reg_state.RegularizationState()
    assert view.state.csv is not None
    fresh.swap_csv((view.state.csv, "wide.csv"))
    again = fresh.stepper(dict(view.params), view.seed)
    np.testing.assert_allclose(built[0].coef, again.first().coef)
    # What the worker made is the state's cache: an α change on the GUI thread reuses it.
    data = view.state.dataset(dict(view.params), view.seed)
    assert view.state.path(data, other) is view.stepper.path  # type: ignore[union-attr]
    view.shutdown()


def test_the_missing_data_cap_is_raised_and_still_refuses_bigger_files(tmp_path: Path) -> None:
    cap = missing_state.MAX_CSV_ROWS
    assert cap > 2_000
    rng = np.random.default_rng(8)
    ok = _write(tmp_path / "ok.csv", "a,b,c,y", rng.normal(size=(cap, 4)))
    table, _name = missing_state.read_named_csv(ok)
    assert len(table.y) == cap
    too_big = _write(tmp_path / "big.csv", "a,b,c,y", rng.normal(size=(cap + 1, 4)))
    with pytest.raises(ValueError, match=f"{cap:,}"):
        missing_state.read_named_csv(too_big)


def test_comparing_the_learners_run_uses_the_run_on_screen(
    qtbot: QtBot, kmeans: KMeansView
) -> None:
    kmeans.set_params(k=6)
    assert kmeans.building
    # 100,000 points are too many to animate the learner's code on, but before saying so the
    # pending run is built here, at once: the run compared is never the one being replaced.
    with pytest.raises(ValueError, match="at most"):
        kmeans.prepare_learner_run()
    assert not kmeans.building and kmeans.state.run_k() == 6
    history = kmeans.history
    assert history is not None and len(history[1].centroids) == 6
    assert kmeans.state.stepper_now is kmeans.stepper


def test_a_load_started_during_a_heavy_build_gets_its_row_back(
    qtbot: QtBot, kmeans: KMeansView, csvs: dict[str, Path]
) -> None:
    loader = kmeans.file_loader
    assert loader is not None
    load = kmeans.load_csv(csvs["kmeans"])  # a load first, then a heavy change meanwhile
    kmeans.set_params(k=5)
    build = kmeans.pending_run
    assert build is not None and loader.progress_bar.maximum() == 0
    kmeans.cancel_run()  # Cancel goes to the load first: cancel the build by hand here
    assert not build.wait()
    if load.running:  # the row says "loading" again, with a percentage and its Cancel
        assert loader.progress_bar.maximum() == 1000
        assert loader.cancel_button.accessibleName() == "Cancel loading"
    assert load.wait()
    assert not loader.progress_row.isVisible() and loader.button.isEnabled()


def test_placed_centroids_on_a_big_csv_start_the_run_built_on_the_worker(
    kmeans: KMeansView,
) -> None:
    placed = np.array([[0.0, 0.0], [6.0, 1.0], [8.0, 8.0]])
    assert kmeans.place_centroids(placed)
    build = kmeans.pending_run
    assert build is not None and build.wait()
    assert kmeans.state.run_k() == 3
    kmeans.state.placed[:] = 99.0  # the plan copied them: a later edit can't reach the run
    frames = kmeans.history
    assert frames is not None
    frames.extend_to(2)  # computed after the edit
    start = next(f for f in frames.frames() if len(f.centroids) == 3)
    np.testing.assert_array_equal(start.centroids, placed)
