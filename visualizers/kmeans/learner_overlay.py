"""The learner's k-means run drawn over the reference's ("Animate my code").

Filled diamonds for the learner's centroids, dashed links from each reference centroid to
the learner's, and rings on the points the learner labelled differently. Qt and pyqtgraph
only: what to draw at each step comes from `learner.py` via the state.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from visualizers.core.learner_view import show_overlay
from visualizers.core.palette import GREY, VERMILLION
from visualizers.kmeans.algorithm import KMeansFrame
from visualizers.kmeans.items import CLUSTER_COLORS


class LearnerCentroidsOverlay:
    """The learner's items in the cluster plot, hidden until a run is loaded."""

    def __init__(self, view_box: pg.ViewBox, fg: str) -> None:
        self.links = pg.PlotDataItem(
            connect="pairs", pen=pg.mkPen(fg, width=2, style=Qt.PenStyle.DashLine)
        )
        # Filled in the cluster's colour with a thick outline in the text colour: visible
        # over the points and apart from the reference's ringed centroids.
        self.centroids = pg.ScatterPlotItem(
            symbol="d", size=22, pen=pg.mkPen(fg, width=2.5), brush=pg.mkBrush(GREY)
        )
        self.points = pg.ScatterPlotItem(
            symbol="o", size=13, brush=pg.mkBrush(None), pen=pg.mkPen(VERMILLION, width=2)
        )
        self.legend = pg.LegendItem(offset=(8, 8), labelTextColor=fg)
        self.legend.setParentItem(view_box)
        self.legend.addItem(self.centroids, "your centroids")
        self.legend.addItem(self.points, "your label differs")
        for item in (self.links, self.centroids, self.points):
            item.setZValue(30)
            view_box.addItem(item, ignoreBounds=True)
        show_overlay(self._items(), False)

    def _items(self) -> tuple[Any, ...]:
        return (self.links, self.centroids, self.points, self.legend)

    def draw(self, mine: Any, frame: KMeansFrame) -> None:
        """The learner's step matching `frame` (None: hide everything)."""
        if not show_overlay(self._items(), mine is not None):
            return
        assert mine is not None
        centroids = np.asarray(mine.centroids)
        shown = np.isfinite(centroids).all(axis=1)
        colours = [CLUSTER_COLORS[j % len(CLUSTER_COLORS)] for j in range(len(centroids))]
        self.centroids.setData(
            centroids[shown, 0],
            centroids[shown, 1],
            brush=[pg.mkBrush(colours[j]) for j in np.flatnonzero(shown)],
        )
        reference = np.asarray(frame.centroids)
        if reference.shape == centroids.shape:
            pairs = np.empty((2 * int(shown.sum()), 2))
            pairs[0::2], pairs[1::2] = reference[shown], centroids[shown]
            self.links.setData(pairs[:, 0], pairs[:, 1])
        else:
            self.links.setData([], [])
        labels = mine.labels
        if labels is not None and frame.phase in ("assign", "update") and frame.labels[0] >= 0:
            wrong = np.flatnonzero(labels != np.asarray(frame.labels))
            self.points.setData(frame.points[wrong, 0], frame.points[wrong, 1])
        else:
            self.points.setData([], [])
