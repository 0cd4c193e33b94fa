"""Small pyqtgraph helpers shared by the views: themed plots that never clip their content.

Every plot made by `themed_plot` (or passed to `register_plot`) is kept in a registry:

- its Qt minimum size follows what its content needs (title, axes and tick labels: the
  `PlotItem`'s own minimum), and is never below `MIN_PLOT_WIDTH` × `MIN_PLOT_HEIGHT`, so
  a layout can't squeeze a plot until its title is cut ("Expected cost per ite") — the
  layout around it has to scroll or reflow instead (`visualizers.core.layout`);
- `retheme_plots()` re-applies the application palette to every registered plot at once
  (background, axes, tick labels, title and text items drawn in the old foreground); the
  theme module calls it when the user or the system switches theme.

Plots take their colours from the Qt palette, so a view reads well in both themes without
a per-theme code path.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable
from typing import Any

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsItem, QWidget

from visualizers.core.palette import SERIES

# The one (Okabe–Ito) palette lives in `visualizers.core.palette`; this name stays for views.
SERIES_COLORS: tuple[str, ...] = SERIES

# The smallest plot worth reading (issue 15); a plot whose content needs more gets more.
MIN_PLOT_WIDTH, MIN_PLOT_HEIGHT = 240, 160
MIN_DATA_HEIGHT = 90  # the view box's share of a plot's minimum height

# Legends, axes and what stays fixed for a run are cached as pixmaps: a frame blits them
# instead of replaying their drawing (axes alone cost milliseconds a frame).
STATIC_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache

_REGISTRY: weakref.WeakSet[pg.PlotWidget] = weakref.WeakSet()
# The foreground each registered plot was last themed with: text drawn in it follows a switch.
_FOREGROUND: weakref.WeakKeyDictionary[pg.PlotWidget, str] = weakref.WeakKeyDictionary()


def palette_colors(widget: QWidget | None = None) -> tuple[QColor, QColor]:
    """(background, foreground) for plots, from the widget's (or the application's) palette."""
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)


def is_dark(widget: QWidget) -> bool:
    background, _ = palette_colors(widget)
    return background.lightnessF() < 0.5


class _ContentMinimum(QObject):
    """Keeps a PlotWidget's minimum size at least what its PlotItem's layout needs.

    A title longer than the plot is wide wraps onto more lines (like a word-wrapped
    label) instead of demanding its one-line width: at 200 % text "Loss surface L(w, b) —
    synthetic: y = slope·x + 1 + noise" alone would need 800 px.
    """

    def __init__(self, plot: pg.PlotWidget) -> None:
        super().__init__(plot)
        self._plot = plot
        self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if not self._busy and (
            kind == QEvent.Type.LayoutRequest
            or (kind == QEvent.Type.Resize and watched is self._plot)
        ):
            self._busy = True
            try:
                wrap_title(self._plot)
                fit_to_content(self._plot)
                _refit_central_item(self._plot)
            finally:
                self._busy = False
        return False


def _refit_central_item(plot: pg.PlotWidget) -> None:
    """Give the PlotItem the view's rectangle again once its minimum allows it.

    pyqtgraph sizes the PlotItem only when the view is resized; if the item's minimum was
    larger then (a title not yet wrapped), it stayed larger than the view: clipped.
    """
    item = plot.getPlotItem()
    view_rect = plot.range
    if item.geometry() != view_rect and plot.autoPixelRange:
        item.setGeometry(view_rect)


def wrap_title(plot: pg.PlotWidget) -> None:
    """Wrap the plot's title onto more lines when it doesn't fit on one."""
    title = plot.getPlotItem().titleLabel
    if not title.text or not title.isVisible():
        return
    # Before the first layout the label has no width yet: estimate it from the widget's
    # (the title sits above the view box, between the left and right axes).
    item = plot.getPlotItem()
    axes = sum(
        item.getAxis(side).width() for side in ("left", "right") if item.getAxis(side).isVisible()
    )
    estimate = float(plot.width() - 2 * plot.frameWidth() - axes - 16)
    if "updateMin" not in vars(title):
        # pyqtgraph's LabelItem re-derives its minimum from the text on every resize; this
        # label re-wraps to its new width instead (see _label_update_min).
        title.updateMin = lambda label=title: _label_update_min(label)
    _rewrap(title, estimate if title.geometry().width() <= 1 else None)
    _label_update_min(title)


def _rewrap(label: Any, estimate: float | None = None) -> None:
    """Set the label's text width: one line if it fits in its space, else wrapped to it."""
    text_item = label.item
    available = max(60.0, estimate if estimate is not None else label.geometry().width() - 2)
    # Titles are re-set on every frame by some views: skip the measuring when neither the
    # text, its font nor the space changed.
    key = (label.text, str(label.opts.get("size")), round(available))
    if getattr(label, "wrap_key", None) == key:
        return
    label.wrap_key = key
    document = text_item.document()
    previous = text_item.textWidth()
    document.setTextWidth(-1)
    natural = document.idealWidth()
    document.setTextWidth(1)
    longest_word = document.idealWidth()
    width = -1.0 if natural <= available else max(available, longest_word)
    if width != previous:
        text_item.setTextWidth(width)
    else:
        document.setTextWidth(previous)
    # Always the longest word, wrapped or not (as a word-wrapped label): a minimum that
    # depended on the current width would feed back into the layout that sets the width.
    label.wrap_minimum_width = math.ceil(longest_word)


def _label_update_min(label: Any) -> None:
    if label.geometry().width() > 1 and label.text:
        _rewrap(label)
    bounds = label.itemRect()
    width = float(getattr(label, "wrap_minimum_width", bounds.width()))
    height = float(bounds.height())
    hints = {
        Qt.SizeHint.MinimumSize: (width, height),
        Qt.SizeHint.PreferredSize: (float(bounds.width()), height),
        Qt.SizeHint.MaximumSize: (-1, -1),
        Qt.SizeHint.MinimumDescent: (0, 0),
    }
    # Only a change re-lays out: an unconditional updateGeometry would post layout
    # requests forever (each request re-wraps the title).
    if getattr(label, "_sizeHint", None) != hints:
        label._sizeHint = hints
        label.setMinimumWidth(width)
        label.setMinimumHeight(height)
        label.updateGeometry()
    # PlotItem pins the title row at 30 px (again on every setTitle): a wrapped or
    # large-text title needs more. Only a different height is set (each set re-lays out).
    owner = label.parentItem()
    grid = getattr(owner, "layout", None)
    if grid is not None and hasattr(grid, "setRowFixedHeight") and label.isVisible():
        row = max(30.0, float(math.ceil(height) + 4))
        if grid.rowMinimumHeight(0) != row or grid.rowMaximumHeight(0) != row:
            grid.setRowFixedHeight(0, row)
        # setTitle also caps the label itself at 30 px: a taller (wrapped or large-text)
        # title kept a 30 px box in its taller row and was drawn above the plot, cut off.
        if label.maximumHeight() < row:
            label.setMaximumHeight(row)


def content_minimum(plot: pg.PlotWidget) -> QSize:
    """The smallest widget size at which the plot's title, axes and labels are not cut."""
    item = plot.getPlotItem()
    hint = item.effectiveSizeHint(Qt.SizeHint.MinimumSize)
    frame = 2 * plot.frameWidth()
    return QSize(math.ceil(hint.width()) + frame + 2, math.ceil(hint.height()) + frame + 2)


def fit_to_content(plot: pg.PlotWidget) -> None:
    """Raise (or lower) the plot's minimum size to what its content needs, ≥ the floor."""
    needed = content_minimum(plot)
    width = max(MIN_PLOT_WIDTH, needed.width())
    # Title and axes plus a data area worth looking at (a wrapped title must not eat it).
    height = max(MIN_PLOT_HEIGHT, needed.height() + MIN_DATA_HEIGHT)
    # Only a real change touches the widget: a new minimum re-lays out the whole view.
    if plot.minimumWidth() != width or plot.minimumHeight() != height:
        plot.setMinimumSize(width, height)


def register_plot(plot: pg.PlotWidget) -> pg.PlotWidget:
    """Add a plot to the registry: content-sized minimum, re-themed on a theme switch."""
    if plot in _REGISTRY:
        return plot
    _REGISTRY.add(plot)
    _, foreground = palette_colors(plot)
    _FOREGROUND[plot] = foreground.name()
    watcher = _ContentMinimum(plot)
    plot.getPlotItem().installEventFilter(watcher)
    plot.installEventFilter(watcher)
    wrap_title(plot)
    fit_to_content(plot)
    return plot


def registered_plots() -> list[pg.PlotWidget]:
    """Every live registered plot (tests and the layout audit read it)."""
    alive = [plot for plot in list(_REGISTRY) if shiboken6.isValid(plot)]
    for plot in list(_REGISTRY):
        if plot not in alive:
            _REGISTRY.discard(plot)
    return alive


def themed_plot(
    parent: QWidget,
    title: str = "",
    x_label: str = "",
    y_label: str = "",
) -> pg.PlotWidget:
    """A registered PlotWidget with palette colours, axis labels and no context menu.

    No grid: pyqtgraph draws grid lines as part of each axis, with alpha blending across
    the whole plot, which made every animation frame several times slower.
    """
    background, foreground = palette_colors(parent)
    # enableMenu=False at construction: pyqtgraph otherwise builds the view box's context
    # menu (~2.7 ms of an 8.5 ms plot) only for setMenuEnabled(False) to discard it.
    plot = pg.PlotWidget(parent=parent, background=background, enableMenu=False)
    plot.setMinimumSize(MIN_PLOT_WIDTH, MIN_PLOT_HEIGHT)
    item = plot.getPlotItem()
    item.hideButtons()  # the "A" auto-range button is noise in a teaching view
    fg = foreground.name()
    if title:
        item.setTitle(title, color=fg, size=title_size())
    for side, label in (("bottom", x_label), ("left", y_label)):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))
        if label:
            axis.setLabel(label, color=fg)
    plain_title = title if "<" not in title else ""
    plot.setAccessibleName(f"Plot: {plain_title or x_label or 'chart'}")
    return register_plot(plot)


def cache_static(plots: Iterable[pg.PlotWidget], items: Iterable[QGraphicsItem] = ()) -> None:
    """Cache each plot's left and bottom axes, and `items`, as pixmaps (`STATIC_CACHE`).

    For what changes only with a run or a view range: a frame whose repaint touches them
    then blits them instead of replaying their drawing.
    """
    for plot in plots:
        for side in ("left", "bottom"):
            plot.getPlotItem().getAxis(side).setCacheMode(STATIC_CACHE)
    for item in items:
        item.setCacheMode(STATIC_CACHE)


def title_size(scale: float = 1.1) -> str:
    """A plot title's font size: relative to the application font (the system's text size)."""
    return f"{QApplication.font().pointSizeF() * scale:.1f}pt"


def _same_colour(value: Any, name: str) -> bool:
    try:
        return bool(pg.mkColor(value).name() == name)
    except Exception:  # not a colour pyqtgraph understands: leave it alone
        return False


def apply_palette(plot: pg.PlotWidget, palette: QPalette | None = None) -> None:
    """Re-colour one plot from `palette` (default: the application's)."""
    palette = palette or QApplication.palette()
    background = palette.color(QPalette.ColorRole.Base)
    fg = palette.color(QPalette.ColorRole.Text).name()
    old = _FOREGROUND.get(plot, fg)
    plot.setBackground(background)
    item = plot.getPlotItem()
    for side in ("bottom", "left", "top", "right"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))  # also recolours the axis label (pyqtgraph does it)
    title = item.titleLabel
    if title.text and _same_colour(title.opts.get("color") or old, old):
        title.setText(title.text, color=fg)
    for child in item.getViewBox().allChildren():
        if isinstance(child, pg.TextItem) and _same_colour(child.color, old):
            child.setColor(fg)
    _FOREGROUND[plot] = fg


def retheme_plots(palette: QPalette | None = None) -> int:
    """Re-apply the palette to every registered plot; returns how many were re-themed."""
    plots = registered_plots()
    for plot in plots:
        apply_palette(plot, palette)
    return len(plots)
