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

import itertools
import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from visualizers.core.plotting import MIN_PLOT_HEIGHT, MIN_PLOT_WIDTH, register_plot

EXPLANATION_LINES = 6
SIDE_MIN_WIDTH, SIDE_MAX_WIDTH = 230, 380
_BIG = 16_777_215  # QWIDGETSIZE_MAX
# A widget with this dynamic property set arranges its own grid: adopt_plot_grids leaves it be
# (deleting a grid a view still holds crashed the process).
REFLOW_MANAGED = "reflowManaged"


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

    def minimum_width(self, columns: int) -> int:
        """The narrowest this grid can be with `columns` columns (margins included)."""
        widths, _ = self._track_sizes(columns, preferred=False)
        return self._with_margins(widths, [0]).width()

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
        visible = self._visible_width()
        for cell, r, c, rs, cs in placed:
            width = sum(widths[c : c + cs]) + gap * (cs - 1)
            height = sum(heights[r : r + rs]) + gap * (rs - 1)
            maximum = cell.item.maximumSize()
            height = min(height, maximum.height())
            width = min(width, maximum.width())
            if visible is not None and width > visible:
                # A wide neighbour in the column (a big table at large text) must not make
                # a plot wider than the scroll area shows: it could never be seen whole.
                width = max(cell.item.minimumSize().width(), visible)
            cell.item.setGeometry(QRect(xs[c], ys[r], width, height))

    def _visible_width(self) -> int | None:
        """The width of the scroll area viewport this grid scrolls in, if any."""
        owner = self.parentWidget()
        widget = owner
        while widget is not None and owner is not None:
            parent = widget.parentWidget()
            if parent is not None and isinstance(parent.parentWidget(), QScrollArea):
                # What the viewport shows right of where this grid's widget starts.
                offset = owner.mapTo(widget, QPoint(0, 0)).x() + self.contentsMargins().left()
                return max(1, parent.width() - offset - 4)
            widget = parent
        return None

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
        if not isinstance(grid, QGridLayout) or widget.property(REFLOW_MANAGED):
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


def size_to_current_page(tabs: QTabWidget) -> None:
    """Make `tabs` as tall/wide as its current page needs, not as its largest page.

    A QStackedWidget asks for the largest of all its pages, so a short page (two plots)
    was stretched to the height of a tall one (six plots in one column) and its plots grew
    taller than the screen. Pages not shown get an Ignored size policy, which the stacked
    layout leaves out of its size.
    """

    def update(_index: int = -1) -> None:
        if not shiboken6.isValid(tabs):
            return
        current = tabs.currentWidget()
        for i in range(tabs.count()):
            page = tabs.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        tabs.updateGeometry()

    tabs.currentChanged.connect(update)
    update()


def settle_layout(widget: QWidget) -> None:
    """Lay out a page just shown, its scroll bars included, before its first paint.

    Qt lays out a new page in posted events, and a scroll area hides the scroll bars it
    doesn't need in a queued call after that. Painted before both, a visualizer's first
    frame had four scroll bars it never keeps and plots a few pixels off their final size,
    and the event loop then painted every plot again. Running those events now (twice, and
    of the queued calls only this page's scroll areas') gives the first paint its final
    geometry.
    """
    areas = widget.findChildren(QScrollArea)
    for _ in range(2):  # the scroll bars' sizes change the layout once more
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for area in areas:
            QCoreApplication.sendPostedEvents(area, QEvent.Type.MetaCall)


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
    responder: _Responsive | None = None


def arrange_visualizer(
    view: QWidget,
    plots: QWidget,
    side: QWidget,
    explanation: QWidget,
    controls: QWidget,
) -> TabLayout:
    """Lay out one visualizer tab on `view` (which must have no layout yet)."""
    import pyqtgraph as pg

    for plot in plots.findChildren(pg.PlotWidget):
        # Plots a view made without `themed_plot` get the same content-sized minimum,
        # re-theming and a name for assistive technology.
        register_plot(plot)
        if not plot.accessibleName():
            title = plot.getPlotItem().titleLabel.text
            plot.setAccessibleName(f"Plot: {title}" if title and "<" not in title else "Plot")
    grids = adopt_plot_grids(plots)
    for tabs in [plots, *plots.findChildren(QTabWidget)]:
        if isinstance(tabs, QTabWidget):
            size_to_current_page(tabs)
    if not plots.accessibleName():
        plots.setAccessibleName("Plots")
    describe = getattr(explanation, "describe_also", None)
    if callable(describe):
        describe(plots)  # a screen reader hears the step's explanation on the plots too
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

    # Scrolls sideways only if even SIDE_MAX_WIDTH can't hold it (huge text): never clips.
    side_scroll = scroll_box(side, view)
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
    arranged = TabLayout(plots_scroll, centre, side_scroll, top, grids)
    arranged.responder = _Responsive(view, arranged, plots, side, explanation)
    return arranged


class _Responsive(QObject):
    """Re-arranges a tab when it is resized or its plots need a different minimum.

    - The side column gives up width (down to `SIDE_MIN_WIDTH`) before the plots scroll
      sideways; a side column the user collapsed stays collapsed.
    - When the plots and a six-line explanation don't both fit in the height, the
      explanation moves to the top of the side column (and back when there is room).
    """

    def __init__(
        self,
        view: QWidget,
        arranged: TabLayout,
        plots: QWidget,
        side: QWidget,
        explanation: QWidget,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._arranged = arranged
        self._plots = plots
        self._side = side
        self._explanation = explanation
        self._busy = False
        self._watched: set[QWidget] = set()  # splitter panes whose width sets their height
        self._window_start = 0.0
        self._adjustments = 0
        view.installEventFilter(self)
        plots.installEventFilter(self)
        # The visible height changes without the tab resizing (the explanation moving, the
        # centre splitter dragged): side-by-side plots are re-capped to it.
        arranged.plots_scroll.viewport().installEventFilter(self)

    def explanation_in_side(self) -> bool:
        return self._explanation.parentWidget() is self._side

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if watched is self._view and kind == QEvent.Type.Resize:
            self.adjust(resized=True)
        elif kind == QEvent.Type.Resize and watched is self._arranged.plots_scroll.viewport():
            self._cap_side_by_side_plots()
        elif kind == QEvent.Type.Resize and watched in self._watched:
            assert isinstance(watched, QWidget)
            self._fit_wrapped_height(watched)
        elif watched is self._plots and kind == QEvent.Type.LayoutRequest:
            self.adjust()
        return False

    def adjust(self, resized: bool = False) -> None:
        if self._busy or not shiboken6.isValid(self._view):
            return
        # A safety valve: if layout requests keep coming back (an arrangement that flips
        # between two states), stop re-arranging until the tab is resized again.
        now = time.monotonic()
        if resized or now - self._window_start > 1.0:
            self._window_start, self._adjustments = now, 0
        self._adjustments += 1
        if self._adjustments > 40:
            return
        self._busy = True
        try:
            self._place_explanation()
            self._size_side()
            self._cap_side_by_side_plots()
        finally:
            self._busy = False

    def _place_explanation(self) -> None:
        top = self._arranged.top
        needed = self._plots.minimumSizeHint().height() + 4
        explanation = self._explanation.minimumSizeHint().height()
        handle = self._arranged.centre.handleWidth()
        fits = needed + explanation + handle <= top.height()
        side_layout = self._side.layout()
        if not fits and not self.explanation_in_side() and isinstance(side_layout, QVBoxLayout):
            side_layout.insertWidget(0, self._explanation)
        elif (
            fits
            and self.explanation_in_side()
            and needed + explanation + handle + 24 <= (top.height())
        ):
            self._arranged.centre.insertWidget(1, self._explanation)
            self._arranged.centre.setStretchFactor(1, 0)

    def _cap_side_by_side_plots(self) -> None:
        """No plot in a side-by-side splitter is taller than the scroll area shows.

        A horizontal QSplitter makes every pane as tall as the tallest: k-means' cluster
        plot beside a column of three plots was 740 px tall at 200 % text, more than the
        scroll area could show, so it could never be seen whole. The plot keeps the top of
        its pane at the visible height (never below its own minimum); the column beside it
        scrolls.
        """
        import pyqtgraph as pg

        if not shiboken6.isValid(self._plots):
            return
        visible = self._arranged.plots_scroll.viewport().height()
        splitters = [self._plots] if isinstance(self._plots, QSplitter) else []
        splitters += self._plots.findChildren(QSplitter)
        for splitter in splitters:
            if splitter.orientation() != Qt.Orientation.Horizontal:
                continue
            for index in range(splitter.count()):
                plot = splitter.widget(index)
                if plot is not None and not isinstance(plot, pg.PlotWidget):
                    self._fit_wrapped_height(plot)
                if not isinstance(plot, pg.PlotWidget):
                    continue
                cap = _BIG if visible <= 1 else max(plot.minimumHeight(), visible)
                if plot.maximumHeight() != cap:
                    plot.setMaximumHeight(cap)

    def _fit_wrapped_height(self, pane: QWidget) -> None:
        """A splitter pane with word-wrapped text asks for the height that text needs.

        A QSplitter ignores height-for-width: k-means' column of three plots and two wrapped
        notes got its plain minimum, and its layout then squeezed the plots below theirs to
        make room for the wrapped lines (at 200 % text they overlapped by 50 px).
        """
        if pane not in self._watched:
            self._watched.add(pane)
            pane.installEventFilter(self)
        needed = wrapped_minimum_height(pane)
        if needed > 0 and pane.minimumHeight() != needed:
            pane.setMinimumHeight(needed)

    def _size_side(self) -> None:
        top = self._arranged.top
        sizes = top.sizes()
        if len(sizes) != 2 or sizes[1] == 0:
            return  # not laid out yet, or collapsed by the user
        scroll = self._arranged.plots_scroll
        bar = scroll.verticalScrollBar().sizeHint().width()
        want_centre = self._plots.minimumSizeHint().width() + bar + 2 * scroll.frameWidth()
        total = sum(sizes)
        side_scroll = self._arranged.side_scroll
        hint = min(SIDE_MAX_WIDTH, max(SIDE_MIN_WIDTH, side_scroll.sizeHint().width()))
        # The side column's own minimum (its widest row) comes first: it must not clip.
        side_min = self._side.minimumSizeHint()
        side_bar = bar if side_min.height() > side_scroll.viewport().height() else 0
        floor = side_min.width() + side_bar + 2 * side_scroll.frameWidth()
        floor = min(SIDE_MAX_WIDTH, max(SIDE_MIN_WIDTH, floor))
        # Room for more grid columns (up to those declared) when the side column can give it.
        # Measured from the one-column width (the plots' minimum), never from the columns in
        # use now: a choice that depended on the current arrangement would flip it back.
        grids = [g for g in self._arranged.grids if shiboken6.isValid(g)]
        for columns in range(max((g.declared_columns() for g in grids), default=1), 1, -1):
            extra = max(
                g.minimum_width(min(columns, g.declared_columns())) - g.minimum_width(1)
                for g in grids
            )
            if extra > 0 and total - want_centre - extra - 8 >= floor:
                want_centre += extra + 8
                break
        side = max(floor, min(max(hint, floor), total - want_centre))
        if total - side < want_centre:
            # Not enough for both: a plot must fit whole in its view; the side column can
            # scroll sideways (huge text in a small window).
            side = max(SIDE_MIN_WIDTH, total - want_centre)
        if side != sizes[1]:
            top.setSizes([total - side, side])


def wrapped_minimum_height(widget: QWidget, width: int | None = None) -> int:
    """The height `widget`'s vertical layout needs at `width` (default: its own width):
    each item's minimum, a word-wrapped text's at that width. 0 when it has no such layout.

    (`heightForWidth` would ask for every plot's preferred height instead; a QSplitter or
    a grid cell given only the plain minimum squeezed the plots under the wrapped text.)
    """
    layout = widget.layout()
    width = widget.width() if width is None else width
    if not widget.hasHeightForWidth() or width <= 1 or not isinstance(layout, QVBoxLayout):
        return 0
    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    items = [layout.itemAt(i) for i in range(layout.count())]
    shown = [item for item in items if item is not None and not item.isEmpty()]
    needed = margins.top() + margins.bottom() + max(0, layout.spacing()) * (len(shown) - 1)
    for item in shown:
        minimum = item.minimumSize().height()
        if item.hasHeightForWidth():
            minimum = max(minimum, item.heightForWidth(inner))
        needed += minimum
    return needed


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


def _reveal(plot: QWidget) -> None:
    """Select the tab pages holding `plot` and scroll every scroll area around it to it."""
    from PySide6.QtWidgets import QStackedWidget

    chain = []
    widget: QWidget | None = plot
    while widget is not None:
        chain.append(widget)
        widget = widget.parentWidget()
    for child, parent in itertools.pairwise(chain):
        if isinstance(parent, QStackedWidget):
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
    for child in chain:
        holder = child.parentWidget()
        viewport_owner = holder.parentWidget() if holder is not None else None
        if isinstance(viewport_owner, QScrollArea) and viewport_owner.widget() is child:
            # Not ensureWidgetVisible: a QGraphicsView answers its micro-focus query with
            # a scene item's rectangle, and the scroll area then scrolls to that instead.
            corner = plot.mapTo(child, QPoint(0, 0))
            half_w, half_h = plot.width() // 2, plot.height() // 2
            viewport_owner.ensureVisible(
                corner.x() + half_w, corner.y() + half_h, half_w + 1, half_h + 1
            )


def plot_problems(root: QWidget, window: QWidget | None = None, reveal: bool = True) -> list[str]:
    """Every plot under `root` that is clipped, cut by its window, smaller than the floor or
    overlapping a neighbour.

    A plot is clipped when its PlotItem (title, axes, view box) extends past the widget's
    viewport — pyqtgraph then draws the part that fits. With `reveal`, the tab page and
    scroll position that show each plot are selected first (secondary plots may scroll);
    a plot found wrong is measured once more after the layout settled (scrolling a cell
    into view can re-wrap a title and re-cap the cells through posted layout requests).
    """
    import pyqtgraph as pg
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    window = window or root.window()
    problems = []
    for plot in root.findChildren(pg.PlotWidget):
        if reveal:
            _reveal(plot)
            QApplication.processEvents()
        found = _one_plot_problems(plot, window, reveal)
        if found and reveal:
            for _ in range(6):
                QThread.msleep(20)
                QApplication.processEvents()
            _reveal(plot)
            QApplication.processEvents()
            found = _one_plot_problems(plot, window, reveal)
        problems += found
    return problems


def _one_plot_problems(plot: QWidget, window: QWidget, reveal: bool) -> list[str]:
    problems: list[str] = []
    item = plot.getPlotItem()  # type: ignore[attr-defined]
    title = item.titleLabel.text or plot.objectName() or "plot"
    name = f"{title[:50]!r}"
    if plot.width() < MIN_PLOT_WIDTH or plot.height() < MIN_PLOT_HEIGHT:
        problems.append(f"{name} is {plot.width()}×{plot.height()} (< 240×160)")
    viewport = plot.viewport().rect()  # type: ignore[attr-defined]
    item_rect = plot.mapFromScene(item.sceneBoundingRect()).boundingRect()  # type: ignore[attr-defined]
    if not viewport.adjusted(-2, -2, 2, 2).contains(item_rect):  # integer rounding
        problems.append(
            f"{name} content {item_rect.width()}×{item_rect.height()} is clipped by its"
            f" {viewport.width()}×{viewport.height()} view"
        )
    label = item.titleLabel
    if label.text and label.isVisible():
        text_width = label.item.boundingRect().width()
        if text_width > label.geometry().width() + 2:
            problems.append(
                f"{name} title is {text_width:.0f} px wide in a {label.geometry().width():.0f}"
                " px space"
            )
        text_height = label.item.boundingRect().height()
        if text_height > label.geometry().height() + 2:
            problems.append(
                f"{name} title is {text_height:.0f} px tall in a"
                f" {label.geometry().height():.0f} px space (cut at the top)"
            )
    if reveal and not plot_fully_visible(plot, window):
        problems.append(f"{name} is not fully visible in the window")
    parent = plot.parentWidget()
    if parent is not None and plot.isVisible():
        for sibling in parent.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            # A layout squeezed below its minimum stacks its widgets on top of each other.
            if (
                sibling is not plot
                and sibling.isVisible()
                and not sibling.isWindow()
                and sibling.geometry().intersects(plot.geometry())
            ):
                kind = type(sibling).__name__
                problems.append(f"{name} overlaps a {kind} {sibling.objectName()!r}".rstrip())
                break
    return problems
