"""Small pyqtgraph helpers shared by the views: palette-aware plots and a readable colour cycle.

Plots take their background and axis colours from the widget's Qt palette, so a view
reads well under both light and dark system themes without a per-theme code path.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from visualizers.core.palette import SERIES

# The one (Okabe–Ito) palette lives in `visualizers.core.palette`; this name stays for views.
SERIES_COLORS: tuple[str, ...] = SERIES


MIN_PLOT_WIDTH, MIN_PLOT_HEIGHT = 120, 90


def palette_colors(widget: QWidget) -> tuple[QColor, QColor]:
    """(background, foreground) for plots, from the widget's palette."""
    palette = widget.palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)


def is_dark(widget: QWidget) -> bool:
    background, _ = palette_colors(widget)
    return background.lightnessF() < 0.5


def themed_plot(
    parent: QWidget,
    title: str = "",
    x_label: str = "",
    y_label: str = "",
) -> pg.PlotWidget:
    """A PlotWidget with palette colours, axis labels and no context menu.

    No grid: pyqtgraph draws grid lines as part of each axis, with alpha blending across
    the whole plot, which made every animation frame several times slower.
    """
    background, foreground = palette_colors(parent)
    plot = pg.PlotWidget(parent=parent, background=background)
    # A plot squeezed to zero pixels has a singular view transform, which pyqtgraph's text
    # items can't invert; a small minimum keeps every plot drawable in a tiny window.
    plot.setMinimumSize(MIN_PLOT_WIDTH, MIN_PLOT_HEIGHT)
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()  # the "A" auto-range button is noise in a teaching view
    fg = foreground.name()
    if title:
        item.setTitle(title, color=fg, size="10pt")
    for side, label in (("bottom", x_label), ("left", y_label)):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))
        if label:
            axis.setLabel(label, color=fg)
    return plot
