"""The k-means visualizer: points coloured by cluster over shaded Voronoi regions, centroids
with trails, inertia per half-step, and an elbow / silhouette view computed in the background.

Draws what `KMeansState` and the frames say; every edit goes to the state. Points are
drawn as an image (see `raster.py` for why), re-rendered when the visible range changes.
Centroids can be dragged, added with a left click and removed with a right click — or,
with the plot focused, picked with the keys 1–9 and moved with the arrow keys; each edit
restarts the run from the edited centroids ("placed by clicking").
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSplitter, QVBoxLayout, QWidget

from visualizers.core.after_paint import AfterPaint
from visualizers.core.base import VisualizerView
from visualizers.core.frames import RunPlan, Stepper
from visualizers.core.keyboard import ArrowKeys
from visualizers.core.learner_view import LearnerRunHost
from visualizers.core.loading import UserFileLoad
from visualizers.core.palette import BLUE, GREEN, PURPLE, VERMILLION
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import palette_colors, themed_plot, title_size
from visualizers.core.registry import VisualizerSpec
from visualizers.kmeans.algorithm import ElbowResult, KMeansFrame
from visualizers.kmeans.datasets import USER_CSV, Dataset
from visualizers.kmeans.items import (
    CLUSTER_COLORS,
    REGION_CELL_PX,
    CentroidMarks,
    CentroidViewBox,
    ClusterLayers,
    ElbowJobs,
    argb_table,
    fit_inertia_range,
)
from visualizers.kmeans.state import MAX_K, PLACED, KMeansState

__all__ = ["CLUSTER_COLORS", "MAX_K", "PLACED", "REGION_CELL_PX", "KMeansView", "argb_table"]


if TYPE_CHECKING:
    from visualizers.kmeans.learner_overlay import LearnerCentroidsOverlay


class KMeansView(LearnerRunHost, VisualizerView[KMeansState, KMeansFrame]):
    """Lloyd's k-means, half-step by half-step, with k-means++ seeding and an elbow view."""

    def create_state(self, spec: VisualizerSpec) -> KMeansState:
        return KMeansState()

    # -- plots ---------------------------------------------------------------------------
    def build_plots(self) -> QWidget:
        self._frame: KMeansFrame | None = None
        self.elbow_jobs = ElbowJobs(self)
        self.elbow_jobs.progressed.connect(self._on_elbow_progressed)
        self.elbow_jobs.computed.connect(self._on_elbow_computed)
        self._drag_preview: NDArray[np.float64] | None = None
        self._framed_key: object = None
        # The data's range until the user pans or zooms: kept in view through resizes
        # (with the aspect locked, a resize would otherwise cut the data off at one side).
        self._framing: tuple[tuple[float, float], tuple[float, float]] | None = None
        self._selected = 0  # the centroid the arrow keys move
        # What is on screen now, compared by identity/value to skip redundant redraws.
        self._shown_centroids: object = None
        self._shown_trail = -1
        self._shown_elbow_k: tuple[int, ElbowResult | None] | None = None
        root = QSplitter(Qt.Orientation.Horizontal)
        background, foreground = palette_colors(root)
        fg = foreground.name()

        self.view_box = CentroidViewBox()
        self.cluster_plot = pg.PlotWidget(
            parent=root, background=background, viewBox=self.view_box, enableMenu=False
        )
        item = self.cluster_plot.getPlotItem()
        item.hideButtons()
        # Short: a plot title's width is a minimum width for the whole plot.
        item.setTitle(
            "drag a centroid · click to add · right-click to remove", color=fg, size=title_size(1.0)
        )
        keys = "Keys 1 to 9 pick a centroid, arrow keys move it (Shift: bigger steps)"
        self.cluster_plot.setToolTip(keys)
        self.cluster_plot.setAccessibleName("Points coloured by cluster, with centroids")
        self.cluster_plot.setAccessibleDescription(keys)
        self._keys = ArrowKeys(self.cluster_plot, use_digits=True)
        self._after_paint = AfterPaint(self.cluster_plot.viewport())
        self._keys.nudged.connect(self._on_centroid_nudged)
        self._keys.picked.connect(self._on_centroid_picked)
        for axis in (item.getAxis("bottom"), item.getAxis("left")):
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))
        self.view_box.setAspectLocked(True)  # Euclidean distance must look Euclidean
        self.view_box.disableAutoRange()

        self.layers = ClusterLayers(REGION_CELL_PX)
        self.points_image = self.layers.item
        self.view_box.addItem(self.points_image, ignoreBounds=True)
        self.marks = CentroidMarks(self.view_box, fg, background)
        self._overlay: LearnerCentroidsOverlay | None = None  # built with a learner's first run
        self.view_box.sigResized.connect(self._reframe)
        self.view_box.sigRangeChangedManually.connect(lambda *_: setattr(self, "_framing", None))
        # Zooms and resizes (a dozen while a tab is laid out) redraw the layers once, at paint.
        for changed in (self.view_box.sigRangeChanged, self.view_box.sigResized):
            changed.connect(lambda *_: self.points_image.update())
        self.cluster_plot.scene().sigPrepareForPaint.connect(self._redraw_images)
        self.view_box.centroid_dragged.connect(self._on_centroid_dragged)
        self.view_box.centroid_dropped.connect(self._on_centroid_dropped)
        self.view_box.point_clicked.connect(self._on_point_clicked)
        self.view_box.centroid_removed.connect(self._on_centroid_removed)

        side = QWidget(root)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.inertia_plot = themed_plot(side, "Inertia per half-step", "iteration", "inertia")
        self.inertia_curve = self.inertia_plot.plot(
            pen=pg.mkPen(BLUE, width=2), symbol="o", symbolSize=5, symbolBrush=BLUE
        )
        self.inertia_plot.getPlotItem().getViewBox().disableAutoRange()
        self.inertia_now = pg.ScatterPlotItem(size=11, brush=VERMILLION, pen=pg.mkPen(fg))
        self.inertia_plot.addItem(self.inertia_now)
        self.elbow_plot = themed_plot(side, "Elbow: inertia by k", "k", "inertia")
        self.silhouette_plot = themed_plot(side, "Silhouette score", "k", "silhouette")
        for plot, name in (
            (self.inertia_plot, "Inertia per half-step"),
            (self.elbow_plot, "Inertia for k = 1 to 10"),
            (self.silhouette_plot, "Silhouette score for k = 2 to 10"),
        ):
            plot.setAccessibleName(name)
            left = plot.getPlotItem().getAxis("left")
            left.enableAutoSIPrefix(False)
            left.setWidth(62)  # room for "110,000"; auto-width lags behind jumps in range
        self.elbow_curve = self.elbow_plot.plot(
            pen=pg.mkPen(GREEN, width=2), symbol="o", symbolSize=6, symbolBrush=GREEN
        )
        self.silhouette_curve = self.silhouette_plot.plot(
            pen=pg.mkPen(PURPLE, width=2), symbol="s", symbolSize=6, symbolBrush=PURPLE
        )
        self.elbow_marks = []
        for plot in (self.elbow_plot, self.silhouette_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(VERMILLION, width=1.5))
            mark = pg.ScatterPlotItem(size=14, brush=VERMILLION, pen=pg.mkPen(fg))
            plot.addItem(line)
            plot.addItem(mark)
            self.elbow_marks.append((line, mark))
        self.elbow_progress = QProgressBar(side)
        self.elbow_progress.setObjectName("elbow_progress")
        self.elbow_progress.setTextVisible(True)
        self.elbow_status = QLabel(side, wordWrap=True)
        self.elbow_status.setObjectName("elbow_status")
        self.dataset_note = QLabel(side, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.dataset_note.setObjectName("dataset_note")
        side_layout.addWidget(self.inertia_plot, 3)
        side_layout.addWidget(self.elbow_plot, 3)
        side_layout.addWidget(self.silhouette_plot, 3)
        side_layout.addWidget(self.elbow_progress)
        side_layout.addWidget(self.elbow_status)
        side_layout.addWidget(self.dataset_note, 2)

        root.addWidget(self.cluster_plot)
        root.addWidget(side)
        root.setStretchFactor(0, 5)
        root.setStretchFactor(1, 2)
        root.setSizes([700, 320])
        root.setChildrenCollapsible(False)
        return root

    def build_extra_controls(self) -> QWidget | None:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 0, 6, 0)
        loader = self.build_file_loader(
            "A text file with two numeric columns (a header row is optional); the "
            "first two numeric columns are clustered.",
            "Load a CSV of points",
            label_text="No CSV loaded.",
            dialog_title="Load a CSV of two numeric columns",
        )
        self.elbow_button = QPushButton("Recompute elbow", box)
        self.elbow_button.setAccessibleName("Recompute the elbow and silhouette curves")
        self.elbow_button.clicked.connect(lambda: self._start_elbow(force=True))
        layout.addWidget(loader)
        layout.addWidget(self.elbow_button)
        return box

    # -- runs ----------------------------------------------------------------------------
    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[KMeansFrame]:
        return self.state.stepper(params, seed)

    def heavy_run(self, params: dict[str, Value]) -> bool:
        return self.state.heavy_run(params)

    def plan_run(self, params: dict[str, Value], seed: int) -> RunPlan[KMeansFrame]:
        return self.state.plan(params, seed)

    def explain(self, frame: KMeansFrame) -> str:
        return self.state.explain(frame)

    def summary(self, frame: KMeansFrame) -> str:
        return self.state.summary(frame)

    def inactive_parameters(self) -> Mapping[str, str]:
        return self.state.inactive_parameters()

    def run_started(self, stepper: Stepper[KMeansFrame], first: KMeansFrame) -> None:
        dataset = self.state.dataset
        if dataset is None:
            return
        self._frame = None
        self.dataset_note.setText(dataset.note)
        plot_item = self.cluster_plot.getPlotItem()
        plot_item.setLabel("bottom", dataset.x_label)
        plot_item.setLabel("left", dataset.y_label)
        data_key = (self.state.dataset_key, int(self.params["seed"]))
        if data_key != self._framed_key:
            # New data: frame it; the same data keeps the user's zoom and pan.
            self._framed_key = data_key
            self._framing = self.state.frame_range()
            self._reframe()
        self._start_elbow(force=False)

    def _reframe(self, *_: object) -> None:
        if self._framing is not None:
            x_range, y_range = self._framing
            self.view_box.setRange(xRange=x_range, yRange=y_range, padding=0)

    # -- frames --------------------------------------------------------------------------
    def show_frame(self, frame: KMeansFrame) -> None:
        self._frame = frame
        self._drag_preview = None
        self.view_box.centroids = np.asarray(frame.centroids)
        self._redraw_images()
        # Assign frames reuse the previous centroids and update frames the previous labels
        # (the same array objects), so unchanged items are skipped: half the work per frame.
        if frame.centroids is not self._shown_centroids or len(frame.trail) != self._shown_trail:
            self._shown_centroids = frame.centroids
            self._shown_trail = len(frame.trail)
            self._draw_centroids(np.asarray(frame.centroids))
            self.marks.draw_trails(frame.trail)
        self.marks.draw_chosen(None if frame.chosen is None else frame.points[[frame.chosen]])
        if frame.inertia_trace:
            trace = np.array(frame.inertia_trace)
            self.inertia_curve.setData(trace[:, 0], trace[:, 1])
            self.inertia_now.setData([trace[-1, 0]], [trace[-1, 1]])
            fit_inertia_range(self.inertia_plot.getPlotItem().getViewBox(), trace)
        else:
            self.inertia_curve.setData([], [])
            self.inertia_now.setData([], [])
        self._mark_elbow_k()
        self._draw_learner(frame)

    # -- the learner's run ("Animate my code") --------------------------------------------
    learner_legend = "◆ <b>Your code</b> over the reference"

    @property
    def learner_overlay(self) -> LearnerCentroidsOverlay:
        """The learner's centroids on the cluster plot (built when first needed, then kept)."""
        if self._overlay is None:
            from visualizers.kmeans.learner_overlay import LearnerCentroidsOverlay

            self._overlay = LearnerCentroidsOverlay(self.view_box, palette_colors(self)[1].name())
        return self._overlay

    def _draw_learner(self, frame: KMeansFrame) -> None:
        self.sync_learner_strip()
        run = self.state.learner
        if run is None and self._overlay is None:
            return  # no run shown yet: nothing to draw or hide
        self.learner_overlay.draw(None if run is None else run.at(frame.step), frame)

    def _draw_centroids(self, centroids: NDArray[np.float64]) -> None:
        self.marks.draw(centroids, self._selected if self.cluster_plot.hasFocus() else None)

    def _redraw_images(self, *_: object) -> None:
        """Bring the points and Voronoi layers up to date with the frame, drag and zoom."""
        frame = self._frame
        if frame is not None:
            centroids = self._drag_preview if self._drag_preview is not None else frame.centroids
            self.layers.draw(frame, centroids, self.view_box, self.cluster_plot.devicePixelRatioF())

    # -- centroid editing ----------------------------------------------------------------
    def _current_centroids(self) -> NDArray[np.float64]:
        frame = self._frame
        return np.empty((0, 2)) if frame is None else np.array(frame.centroids, dtype=np.float64)

    def place_centroids(self, centroids: NDArray[np.float64]) -> bool:
        """Restart from these centroids ("placed by clicking"); False if they were refused."""
        self.player.pause()
        values = self.state.place(centroids)
        self.params.update(values)
        return self.set_params(**values)

    def _on_centroid_dragged(self, index: int, x: float, y: float) -> None:
        centroids = self._current_centroids()
        if index >= len(centroids):
            return
        centroids = self.state.moved(centroids, index, x, y)
        self._drag_preview = centroids
        self.view_box.centroids = centroids
        self._draw_centroids(centroids)
        self._shown_centroids = None
        self._redraw_images()  # the Voronoi regions follow the drag live

    def _on_centroid_dropped(self, index: int, x: float, y: float) -> None:
        self.place_centroids(self.state.moved(self._current_centroids(), index, x, y))

    def _on_point_clicked(self, x: float, y: float) -> None:
        try:
            centroids = self.state.added(self._current_centroids(), x, y)
        except ValueError as exc:
            self.show_message(str(exc))
            return
        self.place_centroids(centroids)

    def _on_centroid_removed(self, index: int) -> None:
        self.place_centroids(self.state.removed(self._current_centroids(), index))

    def _on_centroid_picked(self, number: int) -> None:
        if number <= len(self._current_centroids()):
            self._selected = number - 1
            self._draw_centroids(self._current_centroids())

    def _on_centroid_nudged(self, dx: int, dy: int, big: bool) -> None:
        centroids = self._current_centroids()
        if self._selected >= len(centroids):
            self.show_message("No centroid to move yet: step once, or click to place one.")
            return
        self.place_centroids(self.state.nudged(centroids, self._selected, dx, dy, big))

    # -- CSV -----------------------------------------------------------------------------
    def load_csv(self, path: str | Path) -> UserFileLoad:
        """Load a user CSV (off the GUI thread) and switch to it; a bad file keeps the run."""
        name = Path(path).name

        def loaded(data: Dataset) -> None:
            self.csv_label.setText(f"{name}: {len(data.points):,} points")

        return self.load_user_file(
            path,
            self.state.read_csv,
            self.state.swap_csv,
            loaded=loaded,
            run_ahead=self.state.csv_plan(),  # 100k points: the first run is built there too
            dataset=USER_CSV,
        )

    # -- elbow ---------------------------------------------------------------------------
    def _start_elbow(self, force: bool) -> None:
        request = self.state.elbow_request(force)
        if request is None:
            return
        self.elbow_curve.setData([], [])
        self.silhouette_curve.setData([], [])
        self._mark_elbow_k()
        self.elbow_progress.setRange(0, 10)
        self.elbow_progress.setValue(0)
        self.elbow_progress.show()
        self.elbow_status.setText(self.state.elbow_summary())
        # A new run's starts once the run's first frame is painted, not competing with it.
        self.elbow_jobs.start(request, after=None if force else self._after_paint)

    def _on_elbow_progressed(self, done: int, total: int) -> None:
        self.elbow_progress.setRange(0, total)
        self.elbow_progress.setValue(done)

    def _on_elbow_computed(self, key: tuple[object, ...], result: ElbowResult) -> None:
        if not self.state.elbow_computed(key, result):
            return
        ks = np.array(result.ks, dtype=float)
        self.elbow_curve.setData(ks, np.array(result.inertias))
        sil = np.array(result.silhouettes)
        defined = np.isfinite(sil)
        self.silhouette_curve.setData(ks[defined], sil[defined])
        self.elbow_progress.hide()
        self.elbow_status.setText(self.state.elbow_summary())
        self._mark_elbow_k()

    def _mark_elbow_k(self) -> None:
        """Highlight the k being run (the placed count when centroids were placed by hand)."""
        k, elbow = self.state.run_k(), self.state.elbow
        if (k, elbow) == self._shown_elbow_k:
            return
        self._shown_elbow_k = (k, elbow)
        for (line, mark), point in zip(self.elbow_marks, self.state.elbow_marks(), strict=True):
            line.setValue(k)
            mark.setData(*(([point[0]], [point[1]]) if point is not None else ([], [])))

    # -- lifecycle -----------------------------------------------------------------------
    def shutdown(self) -> None:
        super().shutdown()
        self.elbow_jobs.shutdown()
