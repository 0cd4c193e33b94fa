"""The learner's run drawn over the gradient-descent view ("Animate my code").

A dashed purple path and a diamond at its head on the contour plot, the learner's current
line on the data, and its loss curve beside the reference's. Qt and pyqtgraph only: the run
itself (positions and losses per reference frame) comes from `learner.py` via the state.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from visualizers.core.learner import LearnerRun
from visualizers.core.learner_view import show_overlay
from visualizers.core.palette import PURPLE


class LearnerPathOverlay:
    """The learner's items on the three plots, hidden until a run is loaded."""

    def __init__(
        self, contour: pg.PlotWidget, data: pg.PlotWidget, loss: pg.PlotWidget, fg: QColor
    ) -> None:
        pen = pg.mkPen(PURPLE, width=3, style=Qt.PenStyle.DashLine)
        self.path = pg.PlotDataItem(pen=pen)
        self.head = pg.ScatterPlotItem(
            symbol="d", size=16, brush=pg.mkBrush(PURPLE), pen=pg.mkPen(fg, width=1.5)
        )
        self.fit = pg.PlotDataItem(pen=pen)
        # The loss plot's items are drawn in log10 units (the view's `_fill_trail`): a curve
        # item, which log mode leaves alone.
        self.loss = pg.PlotCurveItem(pen=pen)
        self.legend = pg.LegendItem(offset=(8, 8), labelTextColor=fg)
        self.legend.setParentItem(contour.getPlotItem().vb)
        self.legend.addItem(self.path, "your code")
        for plot, item in (
            (contour, self.path),
            (contour, self.head),
            (data, self.fit),
            (loss, self.loss),
        ):
            item.setZValue(25)
            plot.addItem(item, ignoreBounds=True)
        show_overlay(self._items(), False)

    def _items(self) -> tuple[Any, ...]:
        return (self.path, self.head, self.fit, self.loss, self.legend)

    def draw(
        self,
        run: LearnerRun[Any] | None,
        step: int,
        x_span: NDArray[np.float64] | None,
        loss_floor: float,
        loss_top: float,
    ) -> None:
        """The run up to reference step `step`; hidden when there is no run."""
        if not show_overlay(self._items(), run is not None):
            return
        assert run is not None
        path = [p for p in run.per_frame[: step + 1] if p is not None]
        points = np.array(path) if path else np.zeros((0, 2))
        points = points[np.isfinite(points).all(axis=1)]
        self.path.setData(points[:, 0], points[:, 1])
        self.head.setData(points[-1:, 0], points[-1:, 1])
        if len(points) and x_span is not None:
            w, b = points[-1]
            self.fit.setData(x_span, w * x_span + b)
        else:
            self.fit.setData([], [])
        losses = run.extra["losses"]
        losses = losses[losses[:, 0] <= step]
        shown = np.minimum(np.log10(np.maximum(losses[:, 1], loss_floor)), loss_top)
        self.loss.setData(losses[:, 0], shown)
