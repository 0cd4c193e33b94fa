"""Drawing helpers of the matrix-factorization view: colour tables, legends, brushes, curves.

Qt and pyqtgraph, no state: each function turns numbers the state computed into something
pyqtgraph draws. Split from `view.py`, which builds the plots and forwards events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtGui import QColor

from visualizers.core import palette
from visualizers.core.plotting import SERIES_COLORS
from visualizers.matrix_factorization.algorithm import FactorizationFrame

if TYPE_CHECKING:
    from visualizers.core.learner import LearnerRun


# Okabe–Ito (visualizers.core.palette), one colour per genre in data.GENRES order; grey stands
# in for its black.
GENRE_COLORS = (
    palette.ORANGE,
    palette.SKY_BLUE,
    palette.GREEN,
    palette.YELLOW,
    palette.BLUE,
    palette.VERMILLION,
    palette.PURPLE,
    palette.GREY,
)


def packed_lut(name: str) -> NDArray[np.uint32]:
    """A 256-entry colour table with each RGBA colour packed into one uint32."""
    table = np.ascontiguousarray(
        pg.colormap.get(name).getLookupTable(0.0, 1.0, 256, alpha=True), dtype=np.uint8
    )
    packed: NDArray[np.uint32] = table.view(np.uint32).reshape(256)
    return packed


def scale_html(lut: NDArray[np.uint32], low: str, high: str) -> str:
    """A colour bar in text: eight blocks of the table between its two end labels."""
    colors = lut.view(np.uint8).reshape(256, 4)
    stops = "".join(
        f"<span style='color:{QColor(*(int(c) for c in colors[i][:3])).name()}'>█</span>"
        for i in range(0, 256, 32)
    )
    return f"{low} {stops} {high}"


def genre_brushes(groups: NDArray[np.int64] | None, count: int, alpha: int) -> list[Any]:
    """One brush per point: its genre's colour, or a single series colour without genres."""
    if groups is None:
        color = QColor(SERIES_COLORS[1] if alpha > 150 else SERIES_COLORS[0])
        color.setAlpha(alpha)
        return [pg.mkBrush(color)] * count
    brushes = []
    for name in GENRE_COLORS:
        color = QColor(name)
        color.setAlpha(alpha)
        brushes.append(pg.mkBrush(color))
    return [brushes[int(g) % len(brushes)] for g in groups]


def point_tip(x: float, y: float, data: object) -> str:
    """The hover text of a user or item in the latent space."""
    return f"{data}\nfactors ({x:.2f}, {y:.2f})"


def show_learner_curve(
    plot: pg.PlotWidget,
    curve_item: pg.PlotDataItem,
    run: LearnerRun[Any] | None,
    frame: FactorizationFrame,
) -> None:
    """The learner's training-RMSE curve up to this step, keyed in the legend (or hidden)."""
    legend = plot.getPlotItem().legend
    keyed = any(sample.item is curve_item for sample, _ in legend.items)
    if run is None:
        if keyed:
            legend.removeItem(curve_item)
            curve_item.setVisible(False)
        return
    if not keyed:
        legend.addItem(curve_item, "your train")
    curve_item.setVisible(True)
    curve = np.array([p for p in run.extra["curve"] if p[0] <= frame.step] or [[0, 0]][:0])
    if len(curve):
        assert frame.model is not None
        # A diverging run would squash the reference's curve: clip what is drawn.
        top = 3.0 * max(float(np.max(frame.model.train_rmse)), 1e-9)
        curve_item.setData(curve[:, 0], np.minimum(curve[:, 1], top))
    else:
        curve_item.setData([], [])
