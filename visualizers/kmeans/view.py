"""The k-means visualizer: points coloured by cluster over shaded Voronoi regions, centroids
with trails, inertia per half-step, and an elbow / silhouette view computed in the background.

Thin view over `visualizers.kmeans.algorithm`: every number shown comes from a frame.
Points are drawn as an image (see `raster.py` for why), re-rendered when the visible range
changes. Centroids can be dragged, added with a left click and removed with a right
click; each edit restarts the run from the edited centroids ("placed by clicking").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import palette_colors, themed_plot
from visualizers.core.registry import VisualizerSpec
from visualizers.kmeans import raster
from visualizers.kmeans.algorithm import ElbowResult, KMeansFrame, KMeansStepper, elbow_curve
from visualizers.kmeans.algorithm import nearest_centroid as _nearest_centroid
from visualizers.kmeans.datasets import USER_CSV, Dataset, load_xy_csv, make_dataset
from visualizers.kmeans.spec import INIT_CHOICES

PLACED = INIT_CHOICES[2]
MAX_K = 12
# Twelve cluster colours: Okabe–Ito first, then distinct extras; legible on light and dark.
CLUSTER_COLORS: tuple[str, ...] = (
    "#e69f00",
    "#0072b2",
    "#009e73",
    "#cc79a7",
    "#d55e00",
    "#56b4e9",
    "#b59b00",
    "#7f3c8d",
    "#e73f74",
    "#3969ac",
    "#80ba5a",
    "#8c564b",
)
HIT_RADIUS_PX = 14.0  # how close (screen pixels) a click must be to grab a centroid
ELBOW_MAX_POINTS = 20_000  # the elbow clusters a sample of bigger data (10 full runs of k-means)
REGION_ALPHA = 46  # Voronoi shading opacity (of 255): visible, yet quieter than the points
REGION_CELL_PX = 3  # Voronoi shading resolution: one cell per 3×3 screen pixels


def _argb_table() -> NDArray[np.uint32]:
    """Premultiplied ARGB32 colour of every raster code (see `raster.py`)."""
    rgba = np.zeros((256, 4), dtype=np.float64)
    for j, name in enumerate(CLUSTER_COLORS):
        color = QColor(name)
        rgba[j] = (color.red(), color.green(), color.blue(), 255)
        rim = color.darker(170)
        rgba[raster.RIM + j] = (rim.red(), rim.green(), rim.blue(), 255)
        rgba[raster.REGION + j] = (color.red(), color.green(), color.blue(), REGION_ALPHA)
    for level in range(raster.RAMP_LEVELS):
        # Pale yellow → deep red: "more likely to be the next seed" reads as hotter.
        t = level / (raster.RAMP_LEVELS - 1)
        rgba[raster.RAMP + level] = (250 - 60 * t, 220 - 200 * t, 120 - 100 * t, 255)
    rgba[raster.UNASSIGNED] = (150, 150, 150, 255)
    rgba[raster.UNASSIGNED + 1] = (80, 80, 80, 255)
    alpha = rgba[:, 3] / 255.0
    r, g, b = (np.round(rgba[:, i] * alpha).astype(np.uint32) for i in range(3))
    argb = (rgba[:, 3].astype(np.uint32) << 24) | (r << 16) | (g << 8) | b
    return argb.astype(np.uint32)


class _RasterItem(pg.GraphicsObject):
    """Two images drawn untransformed in device pixels: the cheapest way Qt can put pixels
    on screen.

    pyqtgraph's ImageItem converts its array (and a lookup table) on every paint and draws
    it through the view's y-flipping transform; this item keeps premultiplied ARGB32
    QImages, Qt's native raster format, and blits them: a coarse background (the Voronoi
    regions, one pixel per cell, scaled up without smoothing) and full-resolution points on
    top. Each layer is replaced on its own, so a frame that only recolours points doesn't
    touch the regions and vice versa.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._ratio = 1.0
        self._points: NDArray[np.uint32] | None = None  # (height, width)
        self._points_image: QImage | None = None
        self._regions: NDArray[np.uint32] | None = None  # (rows, columns)
        self._regions_image: QImage | None = None
        self._cell = 1

    def set_rect(self, rect: QRectF, ratio: float = 1.0) -> None:
        """The data rectangle both layers cover; `ratio` is device pixels per logical pixel."""
        if rect != self._rect or ratio != self._ratio:
            self.prepareGeometryChange()
            self._rect, self._ratio = QRectF(rect), ratio

    def set_points(self, pixels: NDArray[np.uint32] | None) -> None:
        """`pixels` (height, width, C-contiguous), first row at the top; kept, not copied, so
        the caller may redraw into the same buffer and call this again."""
        self._points = pixels
        self._points_image = self._wrap(pixels)
        self.update()

    def set_regions(self, pixels: NDArray[np.uint32] | None, cell: int = 1) -> None:
        """`pixels` (rows, columns): one per `cell`×`cell` device pixels, the last row at the
        bottom-left corner (the top row may stick out above the rectangle; it is clipped)."""
        self._regions, self._cell = pixels, cell
        self._regions_image = self._wrap(pixels)
        self.update()

    @staticmethod
    def _wrap(pixels: NDArray[np.uint32] | None) -> QImage | None:
        if pixels is None:
            return None
        height, width = pixels.shape
        return QImage(
            pixels.data, width, height, 4 * width, QImage.Format.Format_ARGB32_Premultiplied
        )

    def pixels(self) -> NDArray[np.uint32] | None:
        """What is drawn, at device resolution (height, width): points over regions."""
        points, regions = self._points, self._regions
        if regions is None:
            return None if points is None else points.copy()
        full = np.repeat(np.repeat(regions, self._cell, axis=0), self._cell, axis=1)
        if points is None:
            return full
        height, width = points.shape
        full = full[len(full) - height :, :width]  # the grid is anchored at the bottom
        return np.where(points != 0, points, full)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._rect

    def paint(self, painter: QPainter, *args: object) -> None:
        if self._points_image is None and self._regions_image is None:
            return
        target = painter.transform().mapRect(self._rect)
        painter.save()
        painter.resetTransform()
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        corner = QPointF(target.left(), target.top())
        if self._regions_image is not None:
            rows, columns = self._regions_image.height(), self._regions_image.width()
            scale = self._cell / self._ratio
            top = target.bottom() - rows * scale  # anchored at the bottom-left corner
            painter.drawImage(
                QRectF(corner.x(), top, columns * scale, rows * scale), self._regions_image
            )
        if self._points_image is not None:
            self._points_image.setDevicePixelRatio(self._ratio)
            painter.drawImage(corner, self._points_image)
        painter.restore()


def _same(now: tuple[object, ...], shown: tuple[object, ...]) -> bool:
    """True when `now` matches what was drawn: arrays by identity, anything else by value."""
    return len(now) == len(shown) and all(
        a is b or (not isinstance(a, np.ndarray) and a == b)
        for a, b in zip(now, shown, strict=True)
    )


class _CentroidViewBox(pg.ViewBox):
    """A ViewBox that lets the user drag, add (left click) and remove (right click) centroids.

    Drags that don't start on a centroid pan the view as usual.
    """

    centroid_dragged = Signal(int, float, float)  # index, x, y while dragging
    centroid_dropped = Signal(int, float, float)  # index, x, y where the drag ended
    point_clicked = Signal(float, float)  # a left click on empty space
    centroid_removed = Signal(int)  # a right click on a centroid

    def __init__(self) -> None:
        super().__init__()
        self.centroids: NDArray[np.float64] = np.empty((0, 2))
        self._dragging: int | None = None

    def hit(self, scene_pos: QPointF) -> int | None:
        """Index of the centroid under `scene_pos` (within HIT_RADIUS_PX), if any."""
        if len(self.centroids) == 0:
            return None
        best, best_d = None, HIT_RADIUS_PX
        for j, (x, y) in enumerate(self.centroids):
            p = self.mapViewToScene(QPointF(float(x), float(y)))
            d = float(np.hypot(p.x() - scene_pos.x(), p.y() - scene_pos.y()))
            if d <= best_d:
                best, best_d = j, d
        return best

    def mouseClickEvent(self, ev: Any) -> None:  # noqa: N802 (pyqtgraph override)
        if ev.button() == Qt.MouseButton.LeftButton:
            if self.hit(ev.scenePos()) is None:
                p = self.mapSceneToView(ev.scenePos())
                self.point_clicked.emit(p.x(), p.y())
            ev.accept()
        elif ev.button() == Qt.MouseButton.RightButton:
            j = self.hit(ev.scenePos())
            if j is not None:
                self.centroid_removed.emit(j)
            ev.accept()
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev: Any, axis: int | None = None) -> None:  # noqa: N802
        if ev.button() != Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
            return
        if ev.isStart():
            self._dragging = self.hit(ev.buttonDownScenePos())
        if self._dragging is None:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        p = self.mapSceneToView(ev.scenePos())
        if ev.isFinish():
            index, self._dragging = self._dragging, None
            self.centroid_dropped.emit(index, p.x(), p.y())
        else:
            self.centroid_dragged.emit(self._dragging, p.x(), p.y())


class _ElbowWorker(QThread):
    """Runs `elbow_curve` off the GUI thread; cancelled with requestInterruption()."""

    progressed = Signal(int, int)
    computed = Signal(object)  # ElbowResult

    def __init__(self, points: NDArray[np.float64], seed: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._points = points
        self._seed = seed

    def run(self) -> None:
        result = elbow_curve(
            self._points,
            seed=self._seed,
            progressed=lambda done, total: self.progressed.emit(done, total),
            cancelled=self.isInterruptionRequested,
        )
        if result is not None and not self.isInterruptionRequested():
            self.computed.emit(result)


class KMeansView(VisualizerView):
    """Lloyd's k-means, half-step by half-step, with k-means++ seeding and an elbow view."""

    def __init__(self, spec: VisualizerSpec, parent: QWidget | None = None) -> None:
        self._frame: KMeansFrame | None = None
        self._placed: NDArray[np.float64] = np.empty((0, 2))
        self._csv: Dataset | None = None
        self._dataset: Dataset | None = None
        self._dataset_key: tuple[object, ...] | None = None
        self._elbow_key: tuple[object, ...] | None = None
        self._elbow: ElbowResult | None = None
        self._workers: list[_ElbowWorker] = []
        self._drag_preview: NDArray[np.float64] | None = None
        self._elbow_worker: _ElbowWorker | None = None
        self._elbow_note = ""
        self._framed_key: object = None
        # What is on screen now, compared by identity/value to skip redundant redraws.
        self._shown_centroids: object = None
        self._shown_trail = -1
        self._shown_points: tuple[object, ...] = ()
        self._shown_regions: tuple[object, ...] = ()
        self._stamps: raster.Stamps | None = None
        self._stamps_key: tuple[object, ...] = ()
        self._point_pixels: NDArray[np.uint32] = np.zeros(1, dtype=np.uint32)
        self._shown_elbow_k: tuple[int, ElbowResult | None] | None = None
        super().__init__(spec, parent)

    # -- plots ---------------------------------------------------------------------------
    def build_plots(self) -> QWidget:
        root = QSplitter(Qt.Orientation.Horizontal)
        background, foreground = palette_colors(root)
        fg = foreground.name()

        self.view_box = _CentroidViewBox()
        self.cluster_plot = pg.PlotWidget(parent=root, background=background, viewBox=self.view_box)
        item = self.cluster_plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setTitle(
            "drag a centroid · click to add · right-click to remove", color=fg, size="9pt"
        )
        for axis_name in ("bottom", "left"):
            axis = item.getAxis(axis_name)
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))
        self.view_box.setAspectLocked(True)  # Euclidean distance must look Euclidean
        self.view_box.disableAutoRange()

        self._colours = _argb_table()
        self.points_image = _RasterItem()
        self.points_image.setZValue(-10)
        self.view_box.addItem(self.points_image, ignoreBounds=True)
        self.trails = [
            pg.PlotCurveItem(pen=pg.mkPen(CLUSTER_COLORS[j], width=2.5)) for j in range(MAX_K)
        ]
        for trail in self.trails:
            trail.setZValue(5)
            self.view_box.addItem(trail, ignoreBounds=True)
        self._centroid_brushes = [pg.mkBrush(c) for c in CLUSTER_COLORS]
        self._centroid_pen = pg.mkPen(fg, width=2.5)
        # A halo in the plot background colour keeps a centroid visible on top of a dense
        # cloud of its own cluster's colour.
        self.centroid_halo = pg.ScatterPlotItem(
            size=30, symbol="o", pen=None, brush=pg.mkBrush(background), pxMode=True
        )
        self.centroid_halo.setZValue(9)
        self.view_box.addItem(self.centroid_halo, ignoreBounds=True)
        self.centroid_item = pg.ScatterPlotItem(size=20, symbol="o", pxMode=True)
        self.centroid_item.setZValue(10)
        self.view_box.addItem(self.centroid_item, ignoreBounds=True)
        self.chosen_item = pg.ScatterPlotItem(
            size=26, symbol="o", brush=None, pen=pg.mkPen(fg, width=2.5), pxMode=True
        )
        self.chosen_item.setZValue(11)
        self.view_box.addItem(self.chosen_item, ignoreBounds=True)
        self.view_box.sigRangeChanged.connect(self._redraw_images)
        self.view_box.sigResized.connect(self._redraw_images)
        self.view_box.centroid_dragged.connect(self._on_centroid_dragged)
        self.view_box.centroid_dropped.connect(self._on_centroid_dropped)
        self.view_box.point_clicked.connect(self._on_point_clicked)
        self.view_box.centroid_removed.connect(self._on_centroid_removed)

        side = QWidget(root)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.inertia_plot = themed_plot(side, "Inertia per half-step", "iteration", "inertia")
        self.inertia_curve = self.inertia_plot.plot(
            pen=pg.mkPen("#0072b2", width=2), symbol="o", symbolSize=5, symbolBrush="#0072b2"
        )
        self.inertia_plot.getPlotItem().getViewBox().disableAutoRange()
        self.inertia_now = pg.ScatterPlotItem(size=11, brush="#d55e00", pen=pg.mkPen(fg))
        self.inertia_plot.addItem(self.inertia_now)
        self.elbow_plot = themed_plot(side, "Elbow: inertia for k = 1…10", "k", "inertia")
        self.silhouette_plot = themed_plot(side, "Silhouette score", "k", "silhouette")
        for plot in (self.inertia_plot, self.elbow_plot, self.silhouette_plot):
            left = plot.getPlotItem().getAxis("left")
            left.enableAutoSIPrefix(False)
            left.setWidth(62)  # room for "110,000"; auto-width lags behind jumps in range
        self.elbow_curve = self.elbow_plot.plot(
            pen=pg.mkPen("#009e73", width=2), symbol="o", symbolSize=6, symbolBrush="#009e73"
        )
        self.silhouette_curve = self.silhouette_plot.plot(
            pen=pg.mkPen("#cc79a7", width=2), symbol="s", symbolSize=6, symbolBrush="#cc79a7"
        )
        self.elbow_marks = []
        for plot in (self.elbow_plot, self.silhouette_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#d55e00", width=1.5))
            mark = pg.ScatterPlotItem(size=14, brush="#d55e00", pen=pg.mkPen(fg))
            plot.addItem(line)
            plot.addItem(mark)
            self.elbow_marks.append((line, mark))
        self.elbow_progress = QProgressBar(side)
        self.elbow_progress.setObjectName("elbow_progress")
        self.elbow_progress.setTextVisible(True)
        self.elbow_status = QLabel(side)
        self.elbow_status.setObjectName("elbow_status")
        self.elbow_status.setWordWrap(True)
        self.dataset_note = QLabel(side)
        self.dataset_note.setObjectName("dataset_note")
        self.dataset_note.setWordWrap(True)
        self.dataset_note.setTextFormat(Qt.TextFormat.RichText)
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
        self.csv_button = QPushButton("Load CSV…", box)
        self.csv_button.setToolTip(
            "A text file with two numeric columns (a header row is optional); the "
            "first two numeric columns are clustered."
        )
        self.csv_button.clicked.connect(self._choose_csv)
        self.csv_label = QLabel("No CSV loaded.", box)
        self.csv_label.setWordWrap(True)
        self.elbow_button = QPushButton("Recompute elbow", box)
        self.elbow_button.clicked.connect(lambda: self._start_elbow(force=True))
        layout.addWidget(self.csv_button)
        layout.addWidget(self.csv_label)
        layout.addWidget(self.elbow_button)
        return box

    # -- runs ----------------------------------------------------------------------------
    def create_stepper(self, params: dict[str, Value], seed: int) -> KMeansStepper:
        dataset = self._load_dataset(params, seed)
        run_seed = int(params["seed"]) + seed
        init = str(params["init"])
        if init == PLACED:
            placed = self._placed[:MAX_K]
            if len(placed) > 0 and len(np.unique(dataset.points, axis=0)) < len(placed):
                raise ValueError(
                    f"{len(placed)} placed centroids but the data has fewer distinct points; "
                    "right-click some centroids to remove them"
                )
            return KMeansStepper(dataset.points, len(placed), init=placed, note=dataset.note)
        return KMeansStepper(
            dataset.points,
            int(params["k"]),
            init=init,
            seed=run_seed,
            note=dataset.note,
        )

    def _load_dataset(self, params: dict[str, Value], seed: int) -> Dataset:
        name = str(params["dataset"])
        if name == USER_CSV:
            if self._csv is None:
                raise ValueError(
                    "No CSV loaded yet: use “Load CSV…” below the parameters to pick a file "
                    "with two numeric columns (for example x,y)."
                )
            key: tuple[object, ...] = (name, id(self._csv))
        else:
            key = (
                name,
                int(params["n_points"]),
                float(params["spread"]),
                int(params["seed"]) + seed,
            )
        if key != self._dataset_key or self._dataset is None:
            dataset = (
                self._csv
                if name == USER_CSV and self._csv is not None
                else make_dataset(name, int(params["n_points"]), float(params["spread"]), key[-1])  # type: ignore[arg-type]
            )
            self._dataset, self._dataset_key = dataset, key
        return self._dataset

    def run_started(self, stepper: Any, first: Any) -> None:
        dataset = self._dataset
        assert dataset is not None
        points = stepper.points
        self._frame = None
        self.dataset_note.setText(dataset.note)
        plot_item = self.cluster_plot.getPlotItem()
        plot_item.setLabel("bottom", dataset.x_label)
        plot_item.setLabel("left", dataset.y_label)
        data_key = (self._dataset_key, int(self.params["seed"]))
        if data_key != self._framed_key:
            # New data: frame it; the same data keeps the user's zoom and pan.
            self._framed_key = data_key
            lo, hi = points.min(axis=0), points.max(axis=0)
            pad = np.maximum((hi - lo) * 0.06, 0.5)
            self.view_box.setRange(
                xRange=(lo[0] - pad[0], hi[0] + pad[0]),
                yRange=(lo[1] - pad[1], hi[1] + pad[1]),
                padding=0,
            )
        self._start_elbow(force=False)

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
            path = np.stack(frame.trail) if len(frame.trail) > 1 else None  # (positions, k, 2)
            for j, trail in enumerate(self.trails):
                if path is not None and j < path.shape[1]:
                    trail.setData(path[:, j, 0], path[:, j, 1])
                    trail.show()
                elif trail.isVisible():
                    trail.hide()
        if frame.chosen is not None:
            self.chosen_item.setData(pos=frame.points[[frame.chosen]])
        elif len(self.chosen_item.data):
            self.chosen_item.setData([], [])
        if frame.inertia_trace:
            trace = np.array(frame.inertia_trace)
            self.inertia_curve.setData(trace[:, 0], trace[:, 1])
            self.inertia_now.setData([trace[-1, 0]], [trace[-1, 1]])
            self._fit_inertia_range(trace)
        else:
            self.inertia_curve.setData([], [])
            self.inertia_now.setData([], [])
        self._mark_elbow_k()

    def _fit_inertia_range(self, trace: NDArray[np.float64]) -> None:
        """Grow the inertia plot's range in jumps, not every frame: pyqtgraph re-lays out both
        axes on every range change, which cost more than the rest of a frame together."""
        box = self.inertia_plot.getPlotItem().getViewBox()
        (_, x_hi), (y_lo, y_hi) = box.viewRange()
        x_last = float(trace[-1, 0])
        low, high = float(trace[:, 1].min()), float(trace[:, 1].max())
        span = max(high - low, abs(high) * 1e-6, 1e-12)
        if x_last > x_hi or x_hi > 4 * max(x_last, 2.5):
            box.setXRange(0, max(5.0, 2 * x_last), padding=0)
        if high > y_hi or low < y_lo or (y_hi - y_lo) > 3 * span:
            box.setYRange(low - 0.08 * span, high + 0.08 * span, padding=0)

    def _draw_centroids(self, centroids: NDArray[np.float64]) -> None:
        k = len(centroids)
        self.centroid_halo.setData(pos=centroids)
        self.centroid_item.setData(
            pos=centroids, brush=self._centroid_brushes[:k], pen=self._centroid_pen
        )

    def _redraw_images(self, *_: object) -> None:
        """Bring the points and Voronoi layers up to date with the frame and the zoom.

        Each layer is redrawn only when what it shows changed: the regions when the
        centroids (or the view) change, i.e. on update half-steps and drags; the points
        when their colours (or the view) change, i.e. on assign half-steps and seeding.
        """
        frame = self._frame
        if frame is None:
            return
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        ratio = self.cluster_plot.devicePixelRatioF()
        width = max(1, int(self.view_box.width() * ratio))
        height = max(1, int(self.view_box.height() * ratio))
        view = (x0, x1, y0, y1, width, height)
        self.points_image.set_rect(QRectF(x0, y0, x1 - x0, y1 - y0), ratio)
        seeding = frame.probabilities is not None and frame.phase == "seed"
        colours = frame.probabilities if seeding else frame.labels
        centroids = self._drag_preview if self._drag_preview is not None else frame.centroids
        if len(centroids) == 0 or seeding:
            if self._shown_regions:
                self._shown_regions = ()
                self.points_image.set_regions(None)
        elif not _same((centroids, view), self._shown_regions):
            self._shown_regions = (centroids, view)
            # One nearest-centroid query per REGION_CELL_PX² pixels, scaled up by Qt.
            (columns, rows), cells = raster.region_cells(
                (x0, x1), (y0, y1), (width, height), REGION_CELL_PX
            )
            labels = _nearest_centroid(cells, np.asarray(centroids, dtype=np.float64))[0]
            shading = self._colours[raster.REGION + labels].reshape(rows, columns)
            self.points_image.set_regions(shading, REGION_CELL_PX)
        key = (colours, frame.points, view)
        if _same(key, self._shown_points):
            return
        self._shown_points = key
        radius, rim = raster.point_radius(len(frame.points))
        if self._stamps is None or not _same((frame.points, view), self._stamps_key):
            # Where the discs go depends only on the points and the view: computed once per
            # run and zoom, so a frame only writes colours.
            self._stamps_key = (frame.points, view)
            self._stamps = raster.stamp_indices(
                frame.points, (x0, x1), (y0, y1), (width, height), radius, rim
            )
            self._point_pixels = np.empty(width * height + 1, dtype=np.uint32)
        if seeding:
            assert frame.probabilities is not None
            codes = raster.probability_codes(frame.probabilities)
        else:
            codes = raster.label_codes(np.asarray(frame.labels))
        rims = self._colours[raster.rim_codes(codes)] if rim else None
        raster.draw_points(self._point_pixels, self._stamps, self._colours[codes], rims)
        self.points_image.set_points(self._point_pixels[:-1].reshape(height, width))

    # -- centroid editing ----------------------------------------------------------------
    def _current_centroids(self) -> NDArray[np.float64]:
        frame = self._frame
        return np.empty((0, 2)) if frame is None else np.array(frame.centroids, dtype=np.float64)

    def place_centroids(self, centroids: NDArray[np.float64]) -> bool:
        """Restart from these centroids ("placed by clicking"); False if they were refused."""
        self._placed = np.array(centroids, dtype=np.float64).reshape(-1, 2)[:MAX_K]
        self.params["k"] = max(1, len(self._placed))
        return self.set_params(init=PLACED, k=max(1, len(self._placed)))

    def _on_centroid_dragged(self, index: int, x: float, y: float) -> None:
        centroids = self._current_centroids()
        if index >= len(centroids):
            return
        centroids[index] = (x, y)
        self._drag_preview = centroids
        self.view_box.centroids = centroids
        self._draw_centroids(centroids)
        self._shown_centroids = None
        self._redraw_images()  # the Voronoi regions follow the drag live

    def _on_centroid_dropped(self, index: int, x: float, y: float) -> None:
        centroids = self._current_centroids()
        if index < len(centroids):
            centroids[index] = (x, y)
        self.player.pause()
        self.place_centroids(centroids)

    def _on_point_clicked(self, x: float, y: float) -> None:
        centroids = self._current_centroids()
        if len(centroids) >= MAX_K:
            self.show_message(f"At most {MAX_K} centroids; right-click one to remove it first.")
            return
        self.player.pause()
        self.place_centroids(np.vstack([centroids, [[x, y]]]))

    def _on_centroid_removed(self, index: int) -> None:
        centroids = self._current_centroids()
        self.player.pause()
        self.place_centroids(np.delete(centroids, index, axis=0))

    # -- CSV -----------------------------------------------------------------------------
    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Load a CSV of two numeric columns", "", "CSV files (*.csv *.txt);;All files (*)"
        )
        if path:
            self.load_csv(path)

    def load_csv(self, path: str | Path) -> bool:
        """Load a user CSV and switch to it; on a bad file, show why and keep the current run."""
        try:
            dataset = load_xy_csv(path)
        except ValueError as exc:
            self.show_message(str(exc))
            return False
        self._csv = dataset
        self.csv_label.setText(f"{Path(path).name}: {len(dataset.points):,} points")
        return self.set_params(dataset=USER_CSV)

    # -- elbow ---------------------------------------------------------------------------
    def _start_elbow(self, force: bool) -> None:
        dataset = self._dataset
        if dataset is None:
            return
        seed = int(self.params["seed"]) + self.seed
        key = (self._dataset_key, seed)
        if key == self._elbow_key and not force:
            return
        self._elbow_key = key
        self._elbow = None
        for worker in self._workers:
            worker.requestInterruption()
        points = dataset.points
        note = ""
        if len(points) > ELBOW_MAX_POINTS:
            rng = np.random.default_rng(seed)
            points = points[rng.choice(len(points), ELBOW_MAX_POINTS, replace=False)]
            note = f" on a random {ELBOW_MAX_POINTS:,} of the {len(dataset.points):,} points"
        self._elbow_note = note
        self.elbow_curve.setData([], [])
        self.silhouette_curve.setData([], [])
        self._mark_elbow_k()
        self.elbow_progress.setRange(0, 10)
        self.elbow_progress.setValue(0)
        self.elbow_progress.show()
        self.elbow_status.setText(f"Computing k = 1…10 in the background{note}…")
        worker = _ElbowWorker(points, seed, self)
        worker.progressed.connect(self._on_elbow_progressed)
        worker.computed.connect(self._on_elbow_computed)
        worker.finished.connect(self._on_worker_finished)
        self._workers.append(worker)
        self._elbow_worker = worker
        worker.start(QThread.Priority.LowPriority)

    def _on_worker_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, _ElbowWorker) and worker in self._workers:
            self._workers.remove(worker)
            worker.deleteLater()

    def _on_elbow_progressed(self, done: int, total: int) -> None:
        if self.sender() is not self._elbow_worker:
            return
        self.elbow_progress.setRange(0, total)
        self.elbow_progress.setValue(done)

    def _on_elbow_computed(self, result: ElbowResult) -> None:
        if self.sender() is not self._elbow_worker:
            return
        self._elbow = result
        ks = np.array(result.ks, dtype=float)
        self.elbow_curve.setData(ks, np.array(result.inertias))
        sil = np.array(result.silhouettes)
        defined = np.isfinite(sil)
        self.silhouette_curve.setData(ks[defined], sil[defined])
        self.elbow_progress.hide()
        sample = (
            f" Silhouette on a random {result.silhouette_sample:,} of {result.n_points:,} "
            "points (it costs O(n²))."
            if result.silhouette_sample < result.n_points
            else ""
        )
        best = (
            f"highest silhouette at k = {int(ks[defined][np.argmax(sil[defined])])}. "
            if defined.any()
            else ""
        )
        self.elbow_status.setText(
            f"k-means++ for k = 1…{int(ks[-1])}{self._elbow_note}: {best}Look for the elbow "
            f"where inertia stops falling fast.{sample}"
        )
        self._mark_elbow_k()

    def _mark_elbow_k(self) -> None:
        """Highlight the k being run (the placed count when centroids were placed by hand)."""
        placed = self.params["init"] == PLACED
        k = len(self._placed) if placed else int(self.params["k"])
        elbow = self._elbow
        if (k, elbow) == self._shown_elbow_k:
            return
        self._shown_elbow_k = (k, elbow)
        for (line, mark), values in zip(
            self.elbow_marks,
            (elbow.inertias if elbow else (), elbow.silhouettes if elbow else ()),
            strict=True,
        ):
            line.setValue(k)
            if elbow is not None and k in elbow.ks and np.isfinite(values[elbow.ks.index(k)]):
                mark.setData([k], [values[elbow.ks.index(k)]])
            else:
                mark.setData([], [])

    def elbow_result(self) -> ElbowResult | None:
        """The last completed elbow computation (for tests and screenshots)."""
        return self._elbow

    def elbow_busy(self) -> bool:
        return any(w.isRunning() for w in self._workers)

    # -- lifecycle -----------------------------------------------------------------------
    def shutdown(self) -> None:
        super().shutdown()
        for worker in list(self._workers):
            worker.requestInterruption()
        for worker in list(self._workers):
            worker.wait(10_000)
