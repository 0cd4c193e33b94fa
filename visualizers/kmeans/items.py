"""The k-means view's drawing items (Qt): the raster layer for points and Voronoi regions,
the view box that turns mouse gestures into centroid edits, the elbow worker thread, and
the colour table of every raster code.

Kept apart from `view.py` so the view reads as "draw the state's frames, forward events".
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent, MouseDragEvent
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from visualizers.core.after_paint import AfterPaint
from visualizers.core.palette import CATEGORICAL
from visualizers.kmeans import raster
from visualizers.kmeans.algorithm import KMeansFrame, elbow_curve
from visualizers.kmeans.fast import nearest_centroid_fast
from visualizers.kmeans.state import ElbowRequest, inertia_range

CLUSTER_COLORS = CATEGORICAL
HIT_RADIUS_PX = 14.0  # how close (screen pixels) a click must be to grab a centroid
REGION_ALPHA = 46  # Voronoi shading opacity (of 255): visible, yet quieter than the points
REGION_CELL_PX = 3  # Voronoi shading resolution: one cell per 3×3 screen pixels


def argb_table() -> NDArray[np.uint32]:
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


class RasterItem(pg.GraphicsObject):
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


def same(now: tuple[object, ...], shown: tuple[object, ...]) -> bool:
    """True when `now` matches what was drawn: arrays by identity, anything else by value."""
    return len(now) == len(shown) and all(
        a is b or (not isinstance(a, np.ndarray) and a == b)
        for a, b in zip(now, shown, strict=True)
    )


class CentroidViewBox(pg.ViewBox):
    """A ViewBox that lets the user drag, add (left click) and remove (right click) centroids.

    Drags that don't start on a centroid pan the view as usual.
    """

    centroid_dragged = Signal(int, float, float)  # index, x, y while dragging
    centroid_dropped = Signal(int, float, float)  # index, x, y where the drag ended
    point_clicked = Signal(float, float)  # a left click on empty space
    centroid_removed = Signal(int)  # a right click on a centroid

    def __init__(self) -> None:
        super().__init__(enableMenu=False)  # right click removes a centroid: no context menu
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

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:  # noqa: N802 (pyqtgraph override)
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

    def mouseDragEvent(self, ev: MouseDragEvent, axis: int | None = None) -> None:  # noqa: N802
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


class ElbowWorker(QThread):
    """Runs `elbow_curve` off the GUI thread; cancelled with requestInterruption()."""

    progressed = Signal(int, int)
    computed = Signal(object, object)  # the request's key, its ElbowResult

    def __init__(self, request: ElbowRequest, parent: QWidget) -> None:
        super().__init__(parent)
        self.request = request
        self._points = request.points
        self._seed = request.seed

    def run(self) -> None:
        result = elbow_curve(
            self._points,
            seed=self._seed,
            progressed=lambda done, total: self.progressed.emit(done, total),
            cancelled=self.isInterruptionRequested,
        )
        if result is not None and not self.isInterruptionRequested():
            self.computed.emit(self.request.key, result)


class ElbowJobs(QObject):
    """The elbow computations of one view: the latest one reports, older ones are cancelled.

    `progressed` and `computed` come from the latest job only; a job that finishes is
    deleted; `shutdown` cancels them all and waits for their threads. `start` can queue a
    job until a plot's next paint, so its thread doesn't compete with that frame; a
    queued job counts as busy.
    """

    progressed = Signal(int, int)
    computed = Signal(object, object)  # the request's key, its ElbowResult

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._workers: list[ElbowWorker] = []
        self._latest: ElbowWorker | None = None
        self._queued: ElbowRequest | None = None

    def _start_queued(self) -> None:
        if self._queued is not None:
            self.start(self._queued)

    def start(self, request: ElbowRequest, after: AfterPaint | None = None) -> None:
        """Start `request` now, or `after` its widget's next paint (replacing older jobs)."""
        for worker in self._workers:
            worker.requestInterruption()
        self._latest = None
        self._queued = request if after is not None else None
        if after is not None:
            after.call(self._start_queued)
            return
        worker = ElbowWorker(request, self._parent)
        worker.progressed.connect(self._on_progressed)
        worker.computed.connect(self.computed)
        worker.finished.connect(self._on_finished)
        self._workers.append(worker)
        self._latest = worker
        worker.start(QThread.Priority.LowPriority)

    def busy(self) -> bool:
        return self._queued is not None or any(w.isRunning() for w in self._workers)

    def shutdown(self) -> None:
        self._queued = None
        for worker in list(self._workers):
            worker.requestInterruption()
        for worker in list(self._workers):
            worker.wait(10_000)

    def _on_progressed(self, done: int, total: int) -> None:
        if self.sender() is self._latest:
            self.progressed.emit(done, total)

    def _on_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, ElbowWorker) and worker in self._workers:
            self._workers.remove(worker)
            worker.deleteLater()


def fit_inertia_range(box: pg.ViewBox, trace: NDArray[np.float64]) -> None:
    """Widen the inertia plot's fixed range when the trace leaves it (`inertia_range`)."""
    (_, x_hi), y_range = box.viewRange()
    new_x, new_y = inertia_range(trace, x_hi, (y_range[0], y_range[1]))
    if new_x is not None:
        box.setXRange(0, new_x, padding=0)
    if new_y is not None:
        box.setYRange(*new_y, padding=0)


class ClusterLayers:
    """The points and Voronoi layers of the cluster plot, redrawn only when what they show
    changed: the regions when the centroids (or the view) change, i.e. on update
    half-steps and drags; the points when their colours (or the view) change, i.e. on
    assign half-steps and seeding.
    """

    def __init__(self, cell_px: int) -> None:
        self.item = RasterItem()
        self.item.setZValue(-10)
        self._cell = cell_px
        self._colours = argb_table()
        self._shown_points: tuple[object, ...] = ()
        self._shown_regions: tuple[object, ...] = ()
        self._stamps: raster.Stamps | None = None
        self._stamps_key: tuple[object, ...] = ()
        self._pixels: NDArray[np.uint32] = np.zeros(1, dtype=np.uint32)

    def draw(
        self, frame: KMeansFrame, centroids: NDArray[np.float64], box: pg.ViewBox, ratio: float
    ) -> None:
        (x0, x1), (y0, y1) = box.viewRange()
        width = max(1, int(box.width() * ratio))
        height = max(1, int(box.height() * ratio))
        view = (x0, x1, y0, y1, width, height)
        self.item.set_rect(QRectF(x0, y0, x1 - x0, y1 - y0), ratio)
        seeding = frame.probabilities is not None and frame.phase == "seed"
        colours = frame.probabilities if seeding else frame.labels
        if len(centroids) == 0 or seeding:
            if self._shown_regions:
                self._shown_regions = ()
                self.item.set_regions(None)
        elif not same((centroids, view), self._shown_regions):
            self._shown_regions = (centroids, view)
            # One nearest-centroid query per cell² pixels, scaled up by Qt.
            (columns, rows), cells = raster.region_cells(
                (x0, x1), (y0, y1), (width, height), self._cell
            )
            labels = nearest_centroid_fast(cells, np.asarray(centroids, dtype=np.float64))[0]
            shading = self._colours[raster.REGION + labels].reshape(rows, columns)
            self.item.set_regions(shading, self._cell)
        key = (colours, frame.points, view)
        if same(key, self._shown_points):
            return
        self._shown_points = key
        radius, rim = raster.point_radius(len(frame.points))
        if self._stamps is None or not same((frame.points, view), self._stamps_key):
            # Where the discs go depends only on the points and the view: computed once per
            # run and zoom, so a frame only writes colours.
            self._stamps_key = (frame.points, view)
            self._stamps = raster.stamp_indices(
                frame.points, (x0, x1), (y0, y1), (width, height), radius, rim
            )
            self._pixels = np.empty(width * height + 1, dtype=np.uint32)
        if seeding and frame.probabilities is not None:
            codes = raster.probability_codes(frame.probabilities)
        else:
            codes = raster.label_codes(np.asarray(frame.labels))
        rims = self._colours[raster.rim_codes(codes)] if rim else None
        raster.draw_points(self._pixels, self._stamps, self._colours[codes], rims)
        self.item.set_points(self._pixels[:-1].reshape(height, width))


class CentroidMarks:
    """Centroids (numbered, on a halo), their trails and the k-means++ pick, on one view box."""

    def __init__(self, box: pg.ViewBox, fg: str, background: QColor) -> None:
        self.trails = [pg.PlotCurveItem(pen=pg.mkPen(c, width=2.5)) for c in CLUSTER_COLORS]
        self._brushes = [pg.mkBrush(c) for c in CLUSTER_COLORS]
        self._pen = pg.mkPen(fg, width=2.5)
        # A halo in the plot background colour keeps a centroid visible on top of a dense
        # cloud of its own cluster's colour.
        self.halo = pg.ScatterPlotItem(
            size=30, symbol="o", pen=None, brush=pg.mkBrush(background), pxMode=True
        )
        self.item = pg.ScatterPlotItem(size=20, symbol="o", pxMode=True)
        self.chosen = pg.ScatterPlotItem(
            size=26, symbol="o", brush=None, pen=pg.mkPen(fg, width=2.5), pxMode=True
        )
        # Each centroid carries its number, so clusters are told apart without colour.
        self.labels = [
            pg.TextItem(str(j + 1), color=fg, anchor=(-0.4, 1.2))
            for j in range(len(CLUSTER_COLORS))
        ]
        layers: list[tuple[pg.GraphicsObject, int]] = [(t, 5) for t in self.trails]
        layers += [(self.halo, 9), (self.item, 10), (self.chosen, 11)]
        layers += [(label, 12) for label in self.labels]
        for graphic, z in layers:
            graphic.setZValue(z)
            box.addItem(graphic, ignoreBounds=True)
        # Unused labels are emptied, never hidden: a hidden TextItem skips the transform
        # updates of zooms and resizes, and would reappear stale.
        for label in self.labels:
            label.setText("")

    def draw(self, centroids: NDArray[np.float64], selected: int | None) -> None:
        """Centroids at these positions; `selected` (the one the arrow keys move) is marked."""
        k = len(centroids)
        self.halo.setData(pos=centroids)
        self.item.setData(pos=centroids, brush=self._brushes[:k], pen=self._pen)
        for j, label in enumerate(self.labels):
            if j < k:
                text = f"{j + 1} ◀" if j == selected else str(j + 1)
                if label.toPlainText() != text:  # re-laying out text costs more than moving it
                    label.setText(text)
                label.setPos(float(centroids[j, 0]), float(centroids[j, 1]))
            elif label.toPlainText():
                label.setText("")

    def draw_trails(self, trail: tuple[NDArray[np.float64], ...]) -> None:
        path = np.stack(trail) if len(trail) > 1 else None  # (positions, k, 2)
        for j, line in enumerate(self.trails):
            if path is not None and j < path.shape[1]:
                line.setData(path[:, j, 0], path[:, j, 1])
                line.show()
            elif line.isVisible():
                line.hide()

    def draw_chosen(self, points: NDArray[np.float64] | None) -> None:
        if points is not None:
            self.chosen.setData(pos=points)
        elif len(self.chosen.data):
            self.chosen.setData([], [])
