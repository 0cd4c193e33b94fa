"""Loading a user's CSV on a worker thread: the GUI keeps ticking, Cancel, errors, closing.

The precision/recall view carries these tests because its files are the biggest (2 million
rows); every loader goes through the same `VisualizerView.load_user_file`, and the per-view
test modules load their own small files through it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from visualizers.core.loading import UserFileLoad, stop_all_loads
from visualizers.core.registry import all_specs, get
from visualizers.matrix_factorization.spec import DATA_CSV
from visualizers.matrix_factorization.view import MatrixFactorizationView
from visualizers.missing_data.view import MissingDataView
from visualizers.pr_threshold.spec import DATASET_CSV, DATASET_SYNTHETIC
from visualizers.pr_threshold.view import PrThresholdView
from visualizers.regularization.view import RegularizationView

VIEW_CLASS = PrThresholdView
ROWS = 400_000  # about a second of parsing on the worker


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(7)
    labels = rng.integers(0, 2, ROWS)
    scores = rng.normal(labels.astype(float), 1.0)
    path = tmp_path_factory.mktemp("big") / "scores.csv"
    path.write_text(
        "label,score\n" + "".join(f"{a},{b:.5f}\n" for a, b in zip(labels, scores, strict=True)),
        encoding="utf-8",
    )
    return path


def ticking(view: QWidget, run: Callable[[], UserFileLoad]) -> tuple[UserFileLoad, list[float]]:
    """Start `run` with a 20 ms timer counting ticks; the tick times once the load ends."""
    view.repaint()  # the view's first paint belongs to opening it, not to the load
    # Earlier tests' widgets wait for deletion in the event queue (processEvents leaves
    # deferred deletes alone); destroying them all took ~0.9 s of the first loop turn.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    ticks.append(time.perf_counter())
    load = run()
    load.wait(60_000)
    ticks.append(time.perf_counter())
    timer.stop()
    return load, ticks


def test_a_big_csv_loads_while_the_event_loop_keeps_ticking(
    view: PrThresholdView, big_csv: Path
) -> None:
    load, ticks = ticking(view, lambda: view.load_csv(big_csv))
    assert load.result is True
    assert view.params["dataset"] == DATASET_CSV
    frame = view.current_frame
    assert frame is not None and frame.analysis.sweep.size == ROWS
    assert f"{ROWS:,} rows" in view.csv_label.text()
    # The load took a while, and the GUI thread ran its timer during it (a parse on the GUI
    # thread gives no tick until it ends). How long the longest stall is, is a figure for
    # benchmarks/csv_load_stall.py, not a timed assertion here.
    assert ticks[-1] - ticks[0] > 0.3
    assert len(ticks) > 10
    assert view.load_csv_button.isEnabled()
    assert not view.file_loader.progress_row.isVisible()  # type: ignore[union-attr]


def test_the_progress_row_shows_during_a_slow_load_and_the_button_waits(
    view: PrThresholdView, big_csv: Path, qtbot: QtBot
) -> None:
    seen: list[int] = []
    load = view.load_csv(big_csv)
    load.progressed.connect(seen.append)
    assert view.loading and not view.load_csv_button.isEnabled()
    loader = view.file_loader
    assert loader is not None
    qtbot.waitUntil(loader.progress_row.isVisible, timeout=5000)
    assert load.wait()
    assert seen and seen == sorted(seen) and 0 < seen[-1] <= 1000
    assert not loader.progress_row.isVisible() and view.load_csv_button.isEnabled()
    assert not view.loading


def test_cancel_keeps_the_previous_data_and_run(
    view: PrThresholdView, big_csv: Path, qtbot: QtBot
) -> None:
    assert view.params["dataset"] == DATASET_SYNTHETIC
    before = view.current_frame
    load = view.load_csv(big_csv)
    with qtbot.waitSignal(load.progressed, timeout=5000):
        pass
    assert view.file_loader is not None
    view.file_loader.cancel_button.click()
    with qtbot.waitSignal(view.load_finished, timeout=5000) as outcome:
        pass
    assert outcome.args == [False]
    assert load.result is False
    assert view.params["dataset"] == DATASET_SYNTHETIC
    assert view.current_frame is before
    assert view.state.csv_data is None
    assert "Load cancelled" in view.explanation.warning_text()
    assert view.load_csv_button.isEnabled()


def test_a_new_load_replaces_one_in_progress(
    view: PrThresholdView, big_csv: Path, tmp_path: Path
) -> None:
    small = tmp_path / "small.csv"
    small.write_text("1,0.9\n0,0.1\n1,0.7\n0,0.4\n", encoding="utf-8")
    first = view.load_csv(big_csv)
    second = view.load_csv(small)
    assert second.wait() and not first.wait()
    frame = view.current_frame
    assert frame is not None and frame.analysis.sweep.size == 4
    assert "Load cancelled" not in view.explanation.warning_text()


def test_the_handle_is_not_a_bool(view: PrThresholdView, tmp_path: Path) -> None:
    # Code written for the old synchronous load_csv must fail, not pass without waiting.
    small = tmp_path / "small.csv"
    small.write_text("1,0.9\n0,0.1\n", encoding="utf-8")
    load = view.load_csv(small)
    with pytest.raises(TypeError, match="wait"):
        bool(load)
    assert load.wait()


def test_closing_the_view_mid_load_stops_the_worker(qtbot: QtBot, big_csv: Path) -> None:
    spec = get("pr_threshold")
    assert spec is not None
    view = PrThresholdView(spec)
    view.show()
    load = view.load_csv(big_csv)
    worker = load.worker
    assert worker is not None
    with qtbot.waitSignal(load.progressed, timeout=5000):
        pass
    started = time.perf_counter()
    view.shutdown()  # what closing the tab does
    assert worker.isFinished()
    assert time.perf_counter() - started < 2.0
    assert load.result is False
    assert view.state.csv_data is None
    view.deleteLater()
    qtbot.wait(50)  # queued signals of the finished worker reach nobody


def test_deleting_the_view_without_shutdown_is_safe(qtbot: QtBot, big_csv: Path) -> None:
    spec = get("pr_threshold")
    assert spec is not None
    view = PrThresholdView(spec)
    load = view.load_csv(big_csv)
    with qtbot.waitSignal(load.progressed, timeout=5000):
        pass
    view.deleteLater()
    qtbot.wait(20)
    stop_all_loads()  # the app does this when it quits
    qtbot.wait(50)


def test_malformed_csvs_name_the_line_and_column(qtbot: QtBot, tmp_path: Path) -> None:
    spec = get("missing_data")
    assert spec is not None
    view = MissingDataView(spec)
    qtbot.addWidget(view)
    before = view.current_frame
    huge = tmp_path / "huge.csv"
    rows = "\n".join(f"{i},{i % 7},{2 * i}" for i in range(20))
    huge.write_text(f"height,weight,score\n1,1e200,3\n{rows}\n", encoding="utf-8")
    assert not view.load_csv(huge).wait()
    message = view.explanation.warning_text()
    assert "line 2" in message and "weight" in message and "too large" in message
    assert view.current_frame is before

    spec = get("regularization")
    assert spec is not None
    other = RegularizationView(spec)
    qtbot.addWidget(other)
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('a,b,y\n1,2,3\n4,"5,6\n7,8,9\n', encoding="utf-8")
    assert not other.load_csv(unclosed).wait()
    message = other.explanation.warning_text()
    assert "unclosed.csv" in message and "line" in message and "never closed" in message
    view.shutdown()
    other.shutdown()


def test_a_ratings_run_is_built_on_the_worker_and_matches_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    spec = get("matrix_factorization")
    assert spec is not None
    view = MatrixFactorizationView(spec)
    qtbot.addWidget(view)
    rng = np.random.default_rng(3)
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "user,item,rating\n"
        + "".join(f"u{u},i{i},{rng.integers(1, 6)}\n" for u in range(40) for i in range(30)),
        encoding="utf-8",
    )
    threads: list[int] = []
    build = view.state.stepper_for_csv

    def spying(named: Any, params: Any, seed: int) -> Any:
        threads.append(threading.get_ident())
        return build(named, params, seed)

    view.state.stepper_for_csv = spying
    assert view.load_csv(ratings).wait()
    assert threads and threads[0] != threading.get_ident()
    assert view.params["data"] == DATA_CSV
    view.player.seek(3)
    ahead = view.current_frame
    assert ahead is not None and ahead.model is not None
    assert ahead.problem is not None and ahead.problem.data.shape == (40, 30)
    # The same run built again on the GUI thread, from the view's own state.
    assert view.restart()
    view.player.seek(3)
    again = view.current_frame
    assert again is not None and again.model is not None
    np.testing.assert_array_equal(ahead.model.P, again.model.P)
    np.testing.assert_array_equal(ahead.model.Q, again.model.Q)
    view.shutdown()


def test_a_regression_csv_run_and_its_first_frames_come_from_the_worker(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from visualizers.gradient_descent import view as gd_view
    from visualizers.gradient_descent.spec import CSV_PROBLEM

    spec = get("gradient_descent")
    assert spec is not None
    view = gd_view.GradientDescentView(spec)
    qtbot.addWidget(view)
    rng = np.random.default_rng(4)
    x = rng.uniform(-1, 1, 2_000)
    data = tmp_path / "xy.csv"
    data.write_text(
        "x,y\n" + "".join(f"{a:.4f},{0.5 * a + 0.2 + 0.1 * rng.normal():.4f}\n" for a in x),
        encoding="utf-8",
    )
    threads: list[int] = []
    build = gd_view.stepper_for

    def spying(*args: Any) -> Any:
        threads.append(threading.get_ident())
        return build(*args)

    monkeypatch.setattr(gd_view, "stepper_for", spying)
    assert view.load_csv(data).wait()
    assert threads and threads[0] != threading.get_ident()
    assert view.params["problem"] == CSV_PROBLEM
    history = view.history
    assert history is not None
    computed = len(history.frames())
    assert computed >= gd_view.FIT_AHEAD or history.complete
    assert view.state.current() is view.stepper  # the state narrates the adopted run
    assert view.explain(history[10])
    ahead = [f.thetas.copy() for f in history.frames()]
    assert view.restart()  # the same run built on the GUI thread
    again = view.history
    assert again is not None
    again.extend_to(computed - 1)
    for mine, theirs in zip(ahead, again.frames()[:computed], strict=True):
        np.testing.assert_array_equal(mine, theirs.thetas)
    view.shutdown()


@pytest.mark.parametrize("view_class", [MissingDataView, RegularizationView])
def test_table_csv_runs_are_built_on_the_worker(
    qtbot: QtBot, tmp_path: Path, view_class: type[MissingDataView | RegularizationView]
) -> None:
    spec = next(s for s in all_specs() if s.view.endswith(f":{view_class.__name__}"))
    view = view_class(spec)
    qtbot.addWidget(view)
    rng = np.random.default_rng(6)
    X = rng.normal(size=(300, 4))
    y = X @ [1.0, -0.5, 0.0, 2.0] + rng.normal(0, 0.3, 300)
    table = tmp_path / "table.csv"
    table.write_text(
        "a,b,c,d,y\n"
        + "".join(",".join(f"{v:.5f}" for v in (*r, t)) + "\n" for r, t in zip(X, y, strict=True)),
        encoding="utf-8",
    )
    threads: list[int] = []
    build = view.state.stepper_for_csv

    def spying(named: Any, params: Any, seed: int) -> Any:
        threads.append(threading.get_ident())
        return build(named, params, seed)

    view.state.stepper_for_csv = spying
    assert view.load_csv(table).wait()
    assert threads and threads[0] != threading.get_ident()
    assert "table.csv" in view.csv_label.text()
    history = view.history
    assert history is not None
    ahead = history[3]
    assert view.restart()  # the same run, built on the GUI thread from the view's state
    again = view.history
    assert again is not None
    assert view.explain(again[3]) == view.explain(ahead)
    view.shutdown()
