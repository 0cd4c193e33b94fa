"""The k-means view: runs to convergence, every dataset and init, centroid editing with the
mouse, the CSV loader's messages, the background elbow view, and the drawn pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from visualizers.core.after_paint import AfterPaint
from visualizers.kmeans import raster
from visualizers.kmeans.algorithm import KMeansFrame, kmeans
from visualizers.kmeans.datasets import DATASETS, IRIS, UNIFORM_NOISE, USER_CSV
from visualizers.kmeans.items import ElbowJobs
from visualizers.kmeans.state import ElbowRequest
from visualizers.kmeans.view import CLUSTER_COLORS, KMeansView, argb_table

VIEW_CLASS = KMeansView
VIEW_SIZE = (1300, 850)


def frame(view: KMeansView) -> KMeansFrame:
    current = view.current_frame
    assert isinstance(current, KMeansFrame)
    return current


def run_to_end(view: KMeansView) -> KMeansFrame:
    history = view.player.history
    assert history is not None
    view.player.seek(10_000)
    assert history.complete
    return frame(view)


def wait_for_elbow(qtbot: QtBot, view: KMeansView) -> None:
    qtbot.waitUntil(
        lambda: view.state.elbow is not None and not view.elbow_jobs.busy(), timeout=20_000
    )


class _FakeMouse:
    """Just enough of pyqtgraph's MouseClickEvent / MouseDragEvent for the ViewBox overrides."""

    def __init__(
        self,
        scene: QPointF,
        button: Qt.MouseButton,
        start: QPointF | None = None,
        is_start: bool = False,
        is_finish: bool = False,
    ) -> None:
        self._scene, self._button, self._start = scene, button, start or scene
        self._is_start, self._is_finish = is_start, is_finish
        self.accepted = False

    def button(self) -> Qt.MouseButton:
        return self._button

    def scenePos(self) -> QPointF:
        return self._scene

    def buttonDownScenePos(self) -> QPointF:
        return self._start

    def isStart(self) -> bool:
        return self._is_start

    def isFinish(self) -> bool:
        return self._is_finish

    def accept(self) -> None:
        self.accepted = True


def test_default_run_converges_to_the_same_answer_as_kmeans(view: KMeansView) -> None:
    last = run_to_end(view)
    result = kmeans(last.points, 4, seed=0)
    np.testing.assert_array_equal(last.labels, result.labels)
    assert last.inertia == pytest.approx(result.inertia)
    assert "converged" in view.explain(last)
    view.player.seek(0)
    assert frame(view).phase == "data"
    view.player.step_forward()
    assert frame(view).phase == "seed" and "k-means++" in view.explanation.text.text()


def test_explanation_names_the_numbers_of_each_half_step(view: KMeansView) -> None:
    view.set_params(init="random", seed=3)
    history = view.player.history
    assert history is not None
    view.player.seek(10_000)
    frames = history.frames()
    assign = [f for f in frames if f.phase == "assign"][1]
    update = next(f for f in frames if f.phase == "update")
    assert f"<b>{assign.n_changed:,}</b> of" in view.explain(assign)
    assert update.moved is not None
    assert f"c1 {update.moved[0]:.3g}" in view.explain(update)
    assert "→" in view.explain(update)
    view.player.seek(frames.index(update))
    assert f"c1 {update.moved[0]:.3g}" in view.explanation.text.text()  # what the panel shows


@pytest.mark.parametrize("dataset", [d for d in DATASETS if d != USER_CSV])
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_every_dataset_and_init_runs(view: KMeansView, dataset: str, init: str) -> None:
    assert view.set_params(dataset=dataset, init=init, k=3, n_points=400)
    last = run_to_end(view)
    assert np.isfinite(last.centroids).all() and len(last.centroids) == 3
    assert view.explanation.warning_text() == ""
    if dataset == UNIFORM_NOISE:
        assert "no clusters" in view.dataset_note.text()
    if dataset == IRIS:
        assert len(last.points) == 150


def test_k_up_to_twelve_and_too_many_clusters_for_the_data(view: KMeansView) -> None:
    assert view.set_params(k=12, n_points=2000)
    assert len(run_to_end(view).centroids) == 12
    assert not view.set_params(k=12, n_points=10)  # n = 10 < k
    assert "need at least 12" in view.explanation.warning_text()
    assert view.params["n_points"] == 2000  # the previous run stays


def test_click_adds_right_click_removes_and_drag_moves_a_centroid(view: KMeansView) -> None:
    box = view.view_box
    view.player.seek(10_000)  # converged: four centroids on screen
    before = np.array(frame(view).centroids)
    empty = box.mapViewToScene(QPointF(0.0, 0.0))
    box.mouseClickEvent(_FakeMouse(empty, Qt.MouseButton.LeftButton))
    assert view.params["init"] == "placed by clicking" and view.params["k"] == 5
    start = frame(view)
    assert start.phase == "init" and len(start.centroids) == 5
    np.testing.assert_allclose(start.centroids[:4], before)
    np.testing.assert_allclose(start.centroids[4], [0.0, 0.0], atol=1e-6)

    on_last = box.mapViewToScene(QPointF(*start.centroids[4]))
    box.mouseClickEvent(_FakeMouse(on_last, Qt.MouseButton.RightButton))
    assert len(frame(view).centroids) == 4 and view.params["k"] == 4

    grab = box.mapViewToScene(QPointF(*frame(view).centroids[0]))
    target = box.mapViewToScene(QPointF(5.0, 5.0))
    box.mouseDragEvent(_FakeMouse(grab, Qt.MouseButton.LeftButton, grab, is_start=True))
    box.mouseDragEvent(_FakeMouse(target, Qt.MouseButton.LeftButton, grab, is_finish=True))
    np.testing.assert_allclose(frame(view).centroids[0], [5.0, 5.0], atol=1e-6)
    view.player.step_forward()  # watch the next assignment
    assert frame(view).phase == "assign"

    # Remove everything: the run waits for clicks instead of failing.
    for _ in range(4):
        c = frame(view).centroids[0]
        box.mouseClickEvent(_FakeMouse(box.mapViewToScene(QPointF(*c)), Qt.MouseButton.RightButton))
    assert len(frame(view).centroids) == 0 and "click on the plot" in view.explain(frame(view))


def test_csv_loader_messages_and_a_good_file(view: KMeansView, tmp_path: Path) -> None:
    assert not view.set_params(dataset=USER_CSV)
    assert "Load CSV" in view.explanation.warning_text()
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,NaN\n", encoding="utf-8")
    assert not view.load_csv(bad).wait()
    assert "lines 3" in view.explanation.warning_text()
    good = tmp_path / "users.csv"
    rows = "\n".join(f"{i % 7},{(i * 3) % 11}" for i in range(60))
    good.write_text("minutes,sessions\n" + rows + "\n", encoding="utf-8")
    assert view.load_csv(good).wait()
    assert view.params["dataset"] == USER_CSV
    assert frame(view).points.shape == (60, 2)
    assert "users.csv" in view.csv_label.text()
    assert view.cluster_plot.getPlotItem().getAxis("bottom").labelText == "minutes"


def test_elbow_is_computed_in_the_background_and_highlights_k(
    qtbot: QtBot, view: KMeansView
) -> None:
    wait_for_elbow(qtbot, view)
    result = view.state.elbow
    assert result is not None and result.ks == tuple(range(1, 11))
    assert np.nanargmax(result.silhouettes) == 3  # k = 4 for four blobs
    assert "highest silhouette at k = 4" in view.elbow_status.text()
    line, _ = view.elbow_marks[0]
    assert line.value() == 4
    view.set_params(k=6)
    assert view.elbow_marks[0][0].value() == 6
    assert view.state.elbow is result  # same data: not recomputed
    view.set_params(n_points=30_000)
    wait_for_elbow(qtbot, view)
    assert "on a random 20,000" in view.elbow_status.text()
    assert "Silhouette on a random 2,000" in view.elbow_status.text()


def test_a_new_runs_elbow_waits_for_the_runs_first_painted_frame(
    qtbot: QtBot, view: KMeansView
) -> None:
    wait_for_elbow(qtbot, view)
    jobs = ElbowJobs(view)
    results: list[object] = []
    jobs.computed.connect(lambda key, result: results.append(key))
    canvas = QWidget()
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    qtbot.wait(100)  # its first paints are done
    after = AfterPaint(canvas)
    points = np.random.default_rng(0).normal(size=(300, 2))
    jobs.start(ElbowRequest(("blobs", 1), points, 1, ""), after=after)
    assert jobs.busy()  # queued counts as busy: a caller waiting for the elbow waits
    qtbot.wait(300)  # long enough for 300 points, had the job started
    assert results == [] and jobs.busy()
    canvas.update()
    qtbot.waitUntil(lambda: results == [("blobs", 1)], timeout=20_000)
    jobs.start(ElbowRequest(("blobs", 2), points, 2, ""))  # a forced one starts at once
    qtbot.waitUntil(lambda: results[-1] == ("blobs", 2), timeout=20_000)
    qtbot.waitUntil(lambda: not jobs.busy())
    jobs.shutdown()
    # The view's own: a parameter change with new data queues the elbow behind the frame.
    view.set_params(n_points=1_200)
    assert view.state.elbow is None and view.elbow_jobs.busy()
    wait_for_elbow(qtbot, view)


def test_points_and_voronoi_regions_are_drawn_in_cluster_colours(view: KMeansView) -> None:
    last = run_to_end(view)
    pixels = view.points_image.pixels()
    assert pixels is not None and pixels.dtype == np.uint32
    drawn = set(np.unique(pixels).tolist())
    table = argb_table()
    assert {int(table[j]) for j in range(4)} <= drawn  # the four cluster fills
    assert {int(table[raster.REGION + j]) for j in range(4)} <= drawn  # the shaded regions
    shot = view.cluster_plot.grab().toImage()
    colours = {
        shot.pixelColor(x, y).name()
        for x in range(0, shot.width(), 3)
        for y in range(0, shot.height(), 3)
    }
    assert {c.lower() for c in CLUSTER_COLORS[:4]} <= colours
    assert len(last.centroids) == 4


def test_shutdown_stops_a_running_elbow(view: KMeansView) -> None:
    view.set_params(n_points=100_000)
    view.shutdown()
    assert not view.elbow_jobs.busy()


def test_keys_pick_a_centroid_and_arrows_move_it(qtbot: QtBot, view: KMeansView) -> None:
    view.set_params(init="random", k=3)
    view.player.seek(1)  # the random start: three centroids
    before = np.array(frame(view).centroids)
    view.activateWindow()
    view.cluster_plot.setFocus()
    qtbot.waitUntil(view.cluster_plot.hasFocus)
    qtbot.keyClick(view.cluster_plot, Qt.Key.Key_2)
    assert view.marks.labels[1].toPlainText().startswith("2 ◀")
    qtbot.keyClick(view.cluster_plot, Qt.Key.Key_Right)
    qtbot.keyClick(view.cluster_plot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    after = np.array(frame(view).centroids)
    (x0, x1), (y0, y1) = view.state.frame_range()
    assert view.params["init"] == "placed by clicking"
    np.testing.assert_allclose(after[[0, 2]], before[[0, 2]])
    np.testing.assert_allclose(after[1] - before[1], [0.02 * (x1 - x0), -0.1 * (y1 - y0)])


def test_controls_created_here_have_accessible_names(view: KMeansView) -> None:
    for widget in (view.load_csv_button, view.elbow_button, view.preset_combo, view.cluster_plot):
        assert widget.accessibleName(), widget


def test_every_point_stays_in_view_through_resizes(qtbot: QtBot, view: KMeansView) -> None:
    points = frame(view).points
    for size in ((900, 700), (1500, 700), (1100, 1000)):
        view.resize(*size)
        qtbot.wait(20)
        (x0, x1), (y0, y1) = view.view_box.viewRange()
        assert x0 <= points[:, 0].min() and points[:, 0].max() <= x1, size
        assert y0 <= points[:, 1].min() and points[:, 1].max() <= y1, size


def test_the_plots_text_alternative_follows_the_run(view: KMeansView) -> None:
    view.player.seek(6)
    assert view.plots.accessibleDescription() == view.state.summary(frame(view))
    assert "inertia" in view.plots.accessibleDescription()
