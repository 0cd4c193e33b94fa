"""How a visualizer tab is arranged, so that it reflows instead of clipping.

A tab is: the plots (in a scroll area) above the explanation (a resizable pane at least
`EXPLANATION_LINES` lines tall), the side column (parameters, extra controls, export) on
the right in a collapsible splitter pane, and the player along the bottom.

Nothing here lets a plot be squeezed below what it needs: `plotting.register_plot` gives
every plot a minimum size that covers its title and axes (≥ 240 × 160). When the tab is too
small for all plots side by side, the plots' grid uses fewer columns (`ReflowGridLayout`,
which `adopt_plot_grids` swaps in for a view's own `QGridLayout` of plots) and the scroll
area scrolls, rather than a layout cutting a plot at the edge of its neighbour. The
minimum sizes no longer add up to more than a small screen: asking for a 1024 × 700
window gives one (it was 1151 px wide, from a 316 px navigator + a 513 px plot grid + a
300 px side column).
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from visualizers.core.plotting import MIN_PLOT_HEIGHT, MIN_PLOT_WIDTH

EXPLANATION_LINES = 6
SIDE_MIN_WIDTH, SIDE_MAX_WIDTH = 230, 380
_BIG = 16_777_215  # QWIDGETSIZE_MAX


@dataclass
class _Cell:
    item: QLayoutItem
    row: int
    column: int
    row_span: int
    column_span: int


class ReflowGridLayout(QLayout):
    """A grid that keeps its declared positions while they fit, and uses fewer columns when not.

    `addWidget(w, row, column, row_span, column_span)` as for `QGridLayout`. With the
    declared number of columns the items sit where they were put; when the width can't
    give every column its widest item's minimum, the items flow in reading order into as
    many columns as fit (down to one), each row as tall as its tallest item needs.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: list[_Cell] = []
        self._columns_now = 0
        self._pending = False

    # -- QLayout API ---------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        row = 1 + max((c.row + c.row_span - 1 for c in self._cells), default=-1)
        self._cells.append(_Cell(item, row, 0, 1, 1))

    def addWidget(  # noqa: N802 (Qt name)
        self,
        widget: QWidget,
        row: int = -1,
        column: int = 0,
        row_span: int = 1,
        column_span: int = 1,
    ) -> None:
        self.addChildWidget(widget)
        self.add_cell(QWidgetItem(widget), row, column, row_span, column_span)

    def add_cell(
        self, item: QLayoutItem, row: int, column: int, row_span: int = 1, column_span: int = 1
    ) -> None:
        if row < 0:
            row = 1 + max((c.row + c.row_span - 1 for c in self._cells), default=-1)
        self._cells.append(_Cell(item, row, column, max(1, row_span), max(1, column_span)))
        self.invalidate()

    def count(self) -> int:
        return len(self._cells)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._cells[index].item if 0 <= index < len(self._cells) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        if 0 <= index < len(self._cells):
            return self._cells.pop(index).item
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        widths, heights = self._track_sizes(self.declared_columns(), preferred=True)
        return self._with_margins(widths, heights)

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        # As narrow as one column; as short as the arrangement in use now needs.
        one_column, _ = self._track_sizes(1, preferred=False)
        _, heights = self._track_sizes(self._columns_now or self.declared_columns(), False)
        size = self._with_margins(one_column, heights)
        return size

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        columns = self.columns_for_width(inner.width())
        if columns != self._columns_now:
            self._columns_now = columns
            if not self._pending:
                # Our minimum height depends on the column count: ask the parents again.
                self._pending = True
                QTimer.singleShot(0, self._relayout)
        self._place(inner, columns)

    # -- arrangement ---------------------------------------------------------------------
    def declared_columns(self) -> int:
        return max((c.column + c.column_span for c in self._cells), default=1)

    def columns_now(self) -> int:
        """How many columns the last layout pass used."""
        return self._columns_now or self.declared_columns()

    def columns_for_width(self, width: int) -> int:
        """The most columns (≤ declared) whose minimum widths fit in `width`."""
        for columns in range(self.declared_columns(), 0, -1):
            widths, _ = self._track_sizes(columns, preferred=False)
            if sum(widths) + self._gap() * (len(widths) - 1) <= width:
                return columns
        return 1

    def _gap(self) -> int:
        spacing = self.spacing()
        return spacing if spacing >= 0 else 6

    def _arrangement(self, columns: int) -> list[tuple[_Cell, int, int, int, int]]:
        visible = [c for c in self._cells if not c.item.isEmpty()]
        if columns >= self.declared_columns():
            return [(c, c.row, c.column, c.row_span, c.column_span) for c in visible]
        out = []
        row = column = 0
        for cell in sorted(visible, key=lambda c: (c.row, c.column)):
            span = min(cell.column_span, columns)
            if column + span > columns:
                row, column = row + 1, 0
            out.append((cell, row, column, 1, span))
            column += span
            if column >= columns:
                row, column = row + 1, 0
        return out

    def _track_sizes(self, columns: int, preferred: bool) -> tuple[list[int], list[int]]:
        placed = self._arrangement(columns)
        n_rows = max((r + rs for _, r, _, rs, _ in placed), default=1)
        n_cols = max((c + cs for _, _, c, _, cs in placed), default=1)
        widths, heights = [0] * n_cols, [0] * n_rows
        gap = self._gap()
        for cell, r, c, rs, cs in sorted(placed, key=lambda p: (p[3], p[4])):
            size = cell.item.sizeHint() if preferred else cell.item.minimumSize()
            if preferred:
                size = size.expandedTo(cell.item.minimumSize())
            need_w = size.width() - gap * (cs - 1) - sum(widths[c : c + cs])
            if need_w > 0:
                for i in range(c, c + cs):
                    widths[i] += -(-need_w // cs)
            need_h = size.height() - gap * (rs - 1) - sum(heights[r : r + rs])
            if need_h > 0:
                for i in range(r, r + rs):
                    heights[i] += -(-need_h // rs)
        return widths, heights

    def _with_margins(self, widths: list[int], heights: list[int]) -> QSize:
        m = self.contentsMargins()
        gap = self._gap()
        return QSize(
            sum(widths) + gap * max(0, len(widths) - 1) + m.left() + m.right(),
            sum(heights) + gap * max(0, len(heights) - 1) + m.top() + m.bottom(),
        )

    def _place(self, inner: QRect, columns: int) -> None:
        placed = self._arrangement(columns)
        widths, heights = self._track_sizes(columns, preferred=False)
        gap = self._gap()
        # Extra width is shared evenly by the columns; extra height only by rows that can
        # grow (a caption row keeps its height, the plots take the rest).
        spare_w = inner.width() - sum(widths) - gap * (len(widths) - 1)
        if spare_w > 0:
            for i in range(len(widths)):
                widths[i] += spare_w // len(widths) + (1 if i < spare_w % len(widths) else 0)
        growable = [False] * len(heights)
        for cell, r, _c, rs, _cs in placed:
            if cell.item.maximumSize().height() >= _BIG // 2:
                for i in range(r, r + rs):
                    growable[i] = True
        spare_h = inner.height() - sum(heights) - gap * (len(heights) - 1)
        grow = [i for i, g in enumerate(growable) if g] or list(range(len(heights)))
        if spare_h > 0:
            for k, i in enumerate(grow):
                heights[i] += spare_h // len(grow) + (1 if k < spare_h % len(grow) else 0)
        xs = [inner.left()]
        for w in widths[:-1]:
            xs.append(xs[-1] + w + gap)
        ys = [inner.top()]
        for h in heights[:-1]:
            ys.append(ys[-1] + h + gap)
        for cell, r, c, rs, cs in placed:
            width = sum(widths[c : c + cs]) + gap * (cs - 1)
            height = sum(heights[r : r + rs]) + gap * (rs - 1)
            maximum = cell.item.maximumSize()
            height = min(height, maximum.height())
            width = min(width, maximum.width())
            cell.item.setGeometry(QRect(xs[c], ys[r], width, height))

    def _relayout(self) -> None:
        self._pending = False
        if shiboken6.isValid(self):
            self.invalidate()
            parent = self.parentWidget()
            if parent is not None:
                parent.updateGeometry()


def adopt_plot_grid(grid: QGridLayout) -> ReflowGridLayout | None:
    """Replace `grid` (installed on a widget) by a ReflowGridLayout with the same cells."""
    owner = grid.parentWidget()
    if owner is None or owner.layout() is not grid:
        return None
    cells: list[tuple[QWidget, int, int, int, int]] = []
    for index in range(grid.count()):
        position: tuple[int, int, int, int] = grid.getItemPosition(index)  # type: ignore[assignment]
        item = grid.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is None:
            return None  # a spacer or nested layout: leave this grid as the view built it
        cells.append((widget, *position))
    margins, spacing = grid.contentsMargins(), grid.spacing()
    while grid.count():
        grid.takeAt(0)
    shiboken6.delete(grid)
    reflow = ReflowGridLayout()
    reflow.setContentsMargins(margins)
    reflow.setSpacing(spacing)
    owner.setLayout(reflow)
    for widget, row, column, row_span, column_span in cells:
        reflow.addWidget(widget, row, column, row_span, column_span)
    return reflow


def adopt_plot_grids(root: QWidget) -> list[ReflowGridLayout]:
    """Swap every QGridLayout under `root` that holds two or more plots for a ReflowGridLayout."""
    import pyqtgraph as pg

    adopted = []
    for widget in [root, *root.findChildren(QWidget)]:
        grid = widget.layout()
        if not isinstance(grid, QGridLayout):
            continue
        plots = 0
        for index in range(grid.count()):
            item = grid.itemAt(index)
            child = item.widget() if item is not None else None
            if child is not None and (
                isinstance(child, pg.PlotWidget) or child.findChild(pg.PlotWidget) is not None
            ):
                plots += 1
        if plots >= 2:
            reflow = adopt_plot_grid(grid)
            if reflow is not None:
                adopted.append(reflow)
    return adopted


def scroll_box(widget: QWidget, parent: QWidget, *, horizontal: bool = True) -> QScrollArea:
    """`widget` in a frameless, resizable scroll area (scrolls only when it must)."""
    scroll = QScrollArea(parent)
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


@dataclass
class TabLayout:
    """The widgets `arrange_visualizer` built, for the view and for tests."""

    plots_scroll: QScrollArea
    centre: QSplitter
    side_scroll: QScrollArea
    top: QSplitter
    grids: list[ReflowGridLayout]


def arrange_visualizer(
    view: QWidget,
    plots: QWidget,
    side: QWidget,
    explanation: QWidget,
    controls: QWidget,
) -> TabLayout:
    """Lay out one visualizer tab on `view` (which must have no layout yet)."""
    grids = adopt_plot_grids(plots)
    plots_scroll = scroll_box(plots, view)
    plots_scroll.setObjectName("plots_scroll")
    # Room for at least one whole plot, scroll bars included.
    plots_scroll.setMinimumSize(MIN_PLOT_WIDTH + 24, MIN_PLOT_HEIGHT + 24)
    plots_scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    centre = QSplitter(Qt.Orientation.Vertical, view)
    centre.setObjectName("centre_splitter")
    centre.addWidget(plots_scroll)
    centre.addWidget(explanation)
    centre.setStretchFactor(0, 1)
    centre.setStretchFactor(1, 0)
    centre.setChildrenCollapsible(False)

    side_scroll = scroll_box(side, view, horizontal=False)
    side_scroll.setObjectName("side_scroll")
    side_scroll.setMinimumWidth(SIDE_MIN_WIDTH)
    side_scroll.setMaximumWidth(SIDE_MAX_WIDTH)

    top = QSplitter(Qt.Orientation.Horizontal, view)
    top.setObjectName("side_splitter")
    top.addWidget(centre)
    top.addWidget(side_scroll)
    top.setStretchFactor(0, 1)
    top.setStretchFactor(1, 0)
    top.setCollapsible(0, False)
    top.setCollapsible(1, True)  # drag the handle to the right edge to hide the controls

    layout = QVBoxLayout(view)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(top, 1)
    layout.addWidget(controls)
    return TabLayout(plots_scroll, centre, side_scroll, top, grids)


def plot_fully_visible(plot: QWidget, window: QWidget) -> bool:
    """Whether `plot` is shown whole: its rectangle lies inside every ancestor's, up to `window`."""
    if not plot.isVisible():
        return False
    rect = QRect(plot.mapTo(window, plot.rect().topLeft()), plot.size())
    widget = plot.parentWidget()
    while widget is not None:
        visible = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not visible.contains(rect):
            return False
        if widget is window:
            return True
        widget = widget.parentWidget()
    return True
