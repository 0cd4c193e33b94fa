"""Drawing the gradient-descent view's loss surface: the shaded image, its contours, the axes.

Qt and pyqtgraph only; the shade, the contour segments and the colours are computed by
`state.py` (`surface`, `surface_colors`). Split from `view.py`, which builds the plots and
forwards events.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor

from visualizers.core.explanation import escape
from visualizers.gradient_descent.algorithm import Problem
from visualizers.gradient_descent.state import surface, surface_colors

GRID = 120  # contour grid resolution per axis
LEVELS = 14  # contour lines

Window = tuple[float, float, float, float]


def draw_surface(
    plot: pg.PlotWidget,
    items: tuple[pg.ImageItem, pg.PlotDataItem],
    problem: Problem,
    window: Window,
    name: str,
    colors: tuple[QColor, bool],
) -> None:
    """The loss over `window` as a shaded image under its contours; `plot` framed on it.

    `items` are the image and the contour lines, `name` the problem's (for the title),
    `colors` the background and whether the theme is dark. The view range is limited to
    the window.
    """
    image, contours = items
    background, dark = colors
    x0, x1, y0, y1 = window
    shade, segments = surface(problem, window, GRID, LEVELS)
    image.setImage(shade, levels=(float(shade.min()), float(shade.max())))
    rgb = (background.red(), background.green(), background.blue())
    image.setLookupTable(surface_colors(rgb, dark))
    image.setRect(x0, y0, x1 - x0, y1 - y0)
    contours.setData(segments[:, 0], segments[:, 1])
    item = plot.getPlotItem()
    item.setLabel("bottom", problem.param_names[0])
    item.setLabel("left", problem.param_names[1])
    # Short: a pyqtgraph title's width is a minimum width for the whole plot.
    item.setTitle(f"Loss L({', '.join(problem.param_names)}): {escape(name)}")
    # Limits first: the previous run's limits would clip the new range.
    item.vb.setLimits(xMin=x0, xMax=x1, yMin=y0, yMax=y1)
    item.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)


def frame_loss_plot(plot: pg.PlotWidget, max_steps: int, low: float, high: float) -> None:
    """The loss plot's ranges for a new run: every step across, [low, high] (log10) up."""
    item = plot.getPlotItem()
    item.setLimits(xMin=0)
    item.vb.disableAutoRange()
    item.vb.setRange(xRange=(0, max_steps), padding=0.02)
    show_loss_range(plot, low, high)


def show_loss_range(plot: pg.PlotWidget, low: float, high: float) -> None:
    """The loss plot's y range: [low, high] in log10 units with 5 % to spare."""
    pad = 0.05 * max(high - low, 1e-3)
    plot.getPlotItem().vb.setYRange(low - pad, high + pad, padding=0)


def loss_decimation(plot: pg.PlotWidget) -> int:
    """Steps per bucket of the loss curves: about one bucket per horizontal pixel."""
    vb = plot.getPlotItem().vb
    (x0, x1), _ = vb.viewRange()
    width = max(vb.width(), 1.0)
    return max(1, int((x1 - x0) / width))
