"""`PolylineSet`: a few animated lines and markers as one cheap pyqtgraph item.

For views that move a handful of lines every frame (trajectories, fitted lines, loss
curves). One `PlotDataItem` per line re-derives bounds, pixel padding and display data
through several layers on every `setData` and repaint, and redraws every point of a
growing trail each frame — the dominant cost of an animation frame. This item:

- keeps each line as a ready-to-draw array, with bounds updated incrementally and an
  O(1) `boundingRect` (data bounds padded by a few pixels plus 5% room to grow, so a
  slowly growing trail rarely changes it);
- when a line only gained points at its end (the player stepping forward), invalidates
  just the new segments and the markers that moved, not the whole plot area;
- optionally (``layered=True``) draws each line into its own device-sized image that
  only ever receives the new segments, so a frame of a 5,000-step trail costs a few
  segments and a blit of the exposed area instead of 5,000 strokes. Layers are rebuilt
  when the view's transform changes (pan, zoom, resize) or a line changes otherwise
  (scrubbing back, a new run); they render exactly what direct drawing would (opaque,
  non-antialiased pens);
- draws wide pens as separate segments (much faster to rasterise than a wide polyline
  with joins) and markers as pre-rendered antialiased pixmaps at a fixed pixel size.

Lines are given in data coordinates (apply log10 yourself on a log axis); points are
copied, non-finite ones dropped. Line i is drawn above line i - 1; markers above all
lines, marker i with marker brush i (the last brush for the rest).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

try:  # pyqtgraph's zero-copy QLineF array (what PlotCurveItem draws wide pens with)
    from pyqtgraph.Qt.internals import PrimitiveArray as _PrimitiveArray
except ImportError:  # pragma: no cover - older pyqtgraph: fall back to polylines
    _PrimitiveArray = None

Points = NDArray[np.float64]
Bounds = tuple[float, float, float, float]  # x0, y0, x1, y1


def _bounds(points: Points) -> Bounds | None:
    if not len(points):
        return None
    low, high = points.min(axis=0), points.max(axis=0)
    return float(low[0]), float(low[1]), float(high[0]), float(high[1])


def _union(*parts: Bounds | None) -> Bounds | None:
    present = [b for b in parts if b is not None]
    if not present:
        return None
    return (
        min(b[0] for b in present),
        min(b[1] for b in present),
        max(b[2] for b in present),
        max(b[3] for b in present),
    )


class _Layer:
    """One line pre-drawn in device pixels, and how much of it is drawn."""

    def __init__(self) -> None:
        self.image: QImage | None = None
        self.drawn = 0  # points of the line already in the image (0: must be cleared)


class PolylineSet(pg.GraphicsObject):
    """Several lines, each with its own pen, plus optional round markers, as one item."""

    def __init__(
        self,
        pens: Sequence[QPen],
        marker_brushes: Sequence[QBrush] = (),
        marker_pen: QPen | None = None,
        marker_size: float = 0.0,
        layered: bool = False,
    ) -> None:
        super().__init__()
        self._pens = [QPen(pen) for pen in pens]
        self._marker_brushes = list(marker_brushes)
        self._marker_pen = QPen(marker_pen) if marker_pen is not None else QPen(Qt.PenStyle.NoPen)
        self._marker_radius = marker_size / 2.0
        count = len(self._pens)
        self._lines: list[Points | None] = [None] * count
        self._line_bounds: list[Bounds | None] = [None] * count
        self._segments: list[Points | None] = [None] * count  # (n - 1, 4), built lazily
        self._markers = np.zeros((0, 2))
        self._finite_markers = self._markers
        self._marker_bounds: Bounds | None = None
        self._visible = [True] * count
        self._bounds: Bounds | None = None
        self._rect: QRectF | None = None
        self._pixel: tuple[float, float] | None = None
        self._widest = max((p.widthF() for p in self._pens), default=1.0)
        self._scratch: Any = None  # a reusable QLineF array for drawLines
        self._marker_pixmaps: dict[tuple[int, float], QPixmap] = {}
        self._layered = layered and _PrimitiveArray is not None
        self._layers = [_Layer() for _ in range(count)]
        self._layer_key: tuple[Any, ...] | None = None  # transform and size they were drawn at
        # paint() gets option.exposedRect: partial repaints draw only what they expose.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    # -- data ------------------------------------------------------------------------
    def set_lines(self, lines: Sequence[Points | None], markers: Points | None = None) -> None:
        """New points for the first len(lines) lines (arrays (n, 2) or None), and markers.

        A line that only gained points at its end repaints just its new segments.
        """
        dirty: list[Points] = []
        for i, points in enumerate(lines):
            old = self._lines[i]
            if points is not None:
                points = np.array(points, dtype=np.float64).reshape(-1, 2)
                if not np.isfinite(points).all():
                    points = points[np.isfinite(points).all(axis=1)]
            if old is None and points is None:
                continue
            if (
                old is not None
                and points is not None
                and len(old)
                and len(points) >= len(old)
                and np.array_equal(points[: len(old)], old)
            ):
                if len(points) == len(old):
                    continue  # unchanged
                tail = points[len(old) - 1 :]  # appended: the new segments only
                dirty.append(tail)
                self._line_bounds[i] = _union(self._line_bounds[i], _bounds(tail))
            else:
                dirty.extend(p for p in (old, points) if p is not None and len(p))
                self._line_bounds[i] = None if points is None else _bounds(points)
                self._layers[i].drawn = 0
            self._lines[i] = points
            self._segments[i] = None
        if markers is not None:
            dirty.extend(self._replace_markers(markers))
        if dirty:
            self._changed(dirty)

    def set_markers(self, points: Points) -> None:
        """Marker positions, shape (m, 2)."""
        dirty = self._replace_markers(points)
        if dirty:
            self._changed(dirty)

    def _replace_markers(self, points: Points) -> list[Points]:
        points = np.array(points, dtype=np.float64).reshape(-1, 2)
        if len(self._markers) == len(points) and np.array_equal(self._markers, points):
            return []
        old = self._finite_markers
        self._markers = points
        finite = points if np.isfinite(points).all() else points[np.isfinite(points).all(axis=1)]
        self._finite_markers = finite
        self._marker_bounds = _bounds(finite)
        return [p for p in (old, finite) if len(p)]

    def clear(self) -> None:
        self.set_lines([None] * len(self._pens), np.zeros((0, 2)))

    def line(self, index: int) -> PolylineView:
        """A read-only handle on line `index` with `getData()`, like a PlotDataItem's."""
        return PolylineView(self, index)

    def line_data(self, index: int) -> tuple[Points, Points]:
        """(x, y) of line `index` as drawn (non-finite points dropped)."""
        points = self._lines[index]
        if points is None:
            return np.zeros(0), np.zeros(0)
        return points[:, 0], points[:, 1]

    def getData(self) -> tuple[Points, Points]:  # noqa: N802 (ScatterPlotItem's name)
        """The markers' (x, y), as `ScatterPlotItem.getData()` gives its points."""
        return self._markers[:, 0], self._markers[:, 1]

    def set_line_visible(self, index: int, visible: bool) -> None:
        """Show or hide line `index` and marker `index`."""
        self._visible[index] = bool(visible)
        self.update()

    def _changed(self, dirty: list[Points]) -> None:
        """Invalidate after a data change: only `dirty` points' area, if the rect holds."""
        old_bounds = self._bounds
        self._bounds = _union(*self._line_bounds, self._marker_bounds)
        if old_bounds is not None and self._bounds is not None and self._rect_holds(self._bounds):
            # Repaint only what moved: a full repaint re-blits the whole plot behind.
            region = _bounds(np.concatenate(dirty)) if len(dirty) > 1 else _bounds(dirty[0])
            if region is not None:
                pad_x, pad_y = self._pad()
                x0, y0, x1, y1 = region
                self.update(
                    QRectF(x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y)
                )
            return
        self._rect = None
        self.prepareGeometryChange()  # schedules a repaint of the old and new rects
        self.update()
        self.informViewBoundsChanged()

    # -- geometry --------------------------------------------------------------------
    def _rect_holds(self, bounds: Bounds) -> bool:
        rect = self._rect
        if rect is None or rect.isEmpty():
            return False
        x0, y0, x1, y1 = bounds
        pad_x, pad_y = self._pad()
        return (
            rect.left() <= x0 - pad_x
            and rect.top() <= y0 - pad_y
            and rect.right() >= x1 + pad_x
            and rect.bottom() >= y1 + pad_y
        )

    def _pad(self) -> tuple[float, float]:
        """Half the widest pen or a marker, plus slack, in data units."""
        pad_px = max(self._widest / 2.0, self._marker_radius + self._marker_pen.widthF()) + 2.0
        px, py = self._pixel_size()
        return pad_px * px, pad_px * py

    def _pixel_size(self) -> tuple[float, float]:
        """Data units per device pixel along x and y (cached until the view changes)."""
        if self._pixel is None:
            dx, dy = self.pixelVectors()
            if dx is None or dy is None:
                return 0.0, 0.0  # not in a view yet: don't cache
            self._pixel = (abs(dx.x()) + abs(dy.x()), abs(dx.y()) + abs(dy.y()))
        return self._pixel

    def dataBounds(  # noqa: N802 (pyqtgraph's name: ViewBox auto-range asks for it)
        self,
        ax: int,
        frac: float = 1.0,
        orthoRange: Any = None,
    ) -> tuple[float, float] | tuple[None, None]:
        if self._bounds is None:
            return (None, None)
        return (self._bounds[ax], self._bounds[ax + 2])

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph hook)
        # The pixel padding of the bounding rect is in data units of the old view.
        super().viewTransformChanged()
        self._pixel = None
        self._rect = None
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        if self._rect is None:
            if self._bounds is None:
                self._rect = QRectF()
            else:
                x0, y0, x1, y1 = self._bounds
                pad_x, pad_y = self._pad()
                # 5% room each way: a trail creeping outwards keeps the same rect (and
                # so avoids a full repaint) for a while.
                grow_x, grow_y = 0.05 * (x1 - x0), 0.05 * (y1 - y0)
                self._rect = QRectF(
                    x0 - pad_x - grow_x,
                    y0 - pad_y - grow_y,
                    (x1 - x0) + 2 * (pad_x + grow_x),
                    (y1 - y0) + 2 * (pad_y + grow_y),
                )
        return self._rect

    # -- drawing ---------------------------------------------------------------------
    def _segments_for(self, index: int) -> Points:
        """Line `index` as segments (x0, y0, x1, y1), built once per change."""
        cached = self._segments[index]
        if cached is None:
            points = self._lines[index]
            assert points is not None
            cached = np.concatenate([points[:-1], points[1:]], axis=1)
            self._segments[index] = cached
        return cached

    def _draw_segments(self, painter: QPainter, segments: Points) -> None:
        if self._scratch is None:
            assert _PrimitiveArray is not None
            self._scratch = _PrimitiveArray(QLineF, 4)
        self._scratch.resize(len(segments))
        self._scratch.ndarray()[:] = segments
        painter.drawLines(*self._scratch.drawargs())

    def _draw_line(self, painter: QPainter, index: int, cull: QRectF | None) -> None:
        """Line `index` in item coordinates; only segments near `cull` if given."""
        points = self._lines[index]
        if points is None or len(points) < 2:
            return
        painter.setPen(self._pens[index])
        if _PrimitiveArray is None or self._pens[index].widthF() <= 1.0:
            painter.drawPolyline(pg.functions.arrayToQPolygonF(points[:, 0], points[:, 1]))
            return
        segments = self._segments_for(index)
        if cull is not None:
            xs, ys = segments[:, 0::2], segments[:, 1::2]
            segments = segments[
                (xs.max(axis=1) >= cull.left())
                & (xs.min(axis=1) <= cull.right())
                & (ys.max(axis=1) >= cull.top())
                & (ys.min(axis=1) <= cull.bottom())
            ]
        if len(segments):
            self._draw_segments(painter, segments)

    def _sync_layers(self, transform: QTransform, widget: QWidget) -> bool:
        """Bring every line's layer up to date for this view; False if layers can't be used."""
        ratio = widget.devicePixelRatioF()
        width, height = widget.width(), widget.height()
        if width <= 0 or height <= 0:
            return False
        key = (
            transform.m11(),
            transform.m12(),
            transform.m21(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            width,
            height,
            ratio,
        )
        if key != self._layer_key:
            self._layer_key = key
            for layer in self._layers:
                layer.image = None
        for i, layer in enumerate(self._layers):
            points = self._lines[i]
            if points is None or len(points) < 2:
                layer.drawn = 0
                continue
            if layer.image is None:
                layer.image = QImage(
                    round(width * ratio),
                    round(height * ratio),
                    QImage.Format.Format_ARGB32_Premultiplied,
                )
                layer.image.setDevicePixelRatio(ratio)
                layer.drawn = 0
            if layer.drawn == len(points):
                continue
            if layer.drawn == 0:
                layer.image.fill(Qt.GlobalColor.transparent)
            start = max(layer.drawn - 1, 0)
            p = QPainter(layer.image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            p.setTransform(transform)
            p.setPen(self._pens[i])
            self._draw_segments(p, self._segments_for(i)[start:])
            p.end()
            layer.drawn = len(points)
        return True

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem | None = None,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        exposed = getattr(option, "exposedRect", None)
        if exposed is not None and exposed.contains(self.boundingRect()):
            exposed = None  # everything is exposed: nothing to cull
        transform = painter.transform()
        if self._layered and widget is not None and self._sync_layers(transform, widget):
            target = QRectF(0, 0, widget.width(), widget.height())
            if exposed is not None:
                pad_x, pad_y = self._pad()
                grown = exposed.adjusted(-pad_x, -pad_y, pad_x, pad_y)
                target = target.intersected(transform.mapRect(grown))
            source = QRect(
                round(target.left()),
                round(target.top()),
                round(target.width()) + 1,
                round(target.height()) + 1,
            )
            painter.resetTransform()
            for i, layer in enumerate(self._layers):
                if layer.image is not None and layer.drawn and self._visible[i]:
                    ratio = layer.image.devicePixelRatio()
                    painter.drawImage(
                        QRectF(source),
                        layer.image,
                        QRectF(
                            source.left() * ratio,
                            source.top() * ratio,
                            source.width() * ratio,
                            source.height() * ratio,
                        ),
                    )
            painter.setTransform(transform)
        else:
            # After a partial update only a small rect is exposed: draw only the
            # segments that cross it (Qt would otherwise stroke all, then clip).
            cull = None
            if exposed is not None:
                pad_x, pad_y = self._pad()
                cull = exposed.adjusted(-pad_x, -pad_y, pad_x, pad_y)
            for i in range(len(self._lines)):
                if self._visible[i]:
                    self._draw_line(painter, i, cull)
        self._draw_markers(painter, transform)

    def _draw_markers(self, painter: QPainter, transform: QTransform) -> None:
        if not (len(self._markers) and self._marker_brushes and self._marker_radius > 0):
            return
        # Markers keep their pixel size: stamp pre-rendered pixmaps in device space.
        painter.resetTransform()
        ratio = painter.device().devicePixelRatioF()
        last = len(self._marker_brushes) - 1
        for i in range(len(self._markers)):
            x, y = self._markers[i]
            if (i < len(self._visible) and not self._visible[i]) or not (
                np.isfinite(x) and np.isfinite(y)
            ):
                continue
            pixmap = self._marker_pixmap(min(i, last), ratio)
            half = pixmap.width() / ratio / 2.0
            centre = transform.map(QPointF(float(x), float(y)))
            painter.drawPixmap(QPointF(centre.x() - half, centre.y() - half), pixmap)
        painter.setTransform(transform)

    def _marker_pixmap(self, index: int, ratio: float) -> QPixmap:
        """Marker `index` rendered once (antialiased) at this device pixel ratio."""
        key = (index, ratio)
        pixmap = self._marker_pixmaps.get(key)
        if pixmap is None:
            r = self._marker_radius
            side = int(np.ceil(2 * (r + self._marker_pen.widthF() / 2.0 + 1.0)))
            pixmap = QPixmap(round(side * ratio), round(side * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(self._marker_pen)
            p.setBrush(self._marker_brushes[index])
            p.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r)
            p.end()
            self._marker_pixmaps[key] = pixmap
        return pixmap


class PolylineView:
    """One line of a `PolylineSet`, for code and tests that expect `getData()`."""

    def __init__(self, owner: PolylineSet, index: int) -> None:
        self.owner = owner
        self.index = index

    def getData(self) -> tuple[Points, Points]:  # noqa: N802 (PlotDataItem's name)
        return self.owner.line_data(self.index)
