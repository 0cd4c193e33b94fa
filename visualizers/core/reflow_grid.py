"""A scrolling grid of plot cells that reflows into fewer columns instead of squeezing them (Qt).

The precision/recall and matrix-factorization views lay out their plots with it; it arranges
its own grid, so `core.layout.adopt_plot_grids` leaves it alone (REFLOW_MANAGED).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

from visualizers.core.layout import REFLOW_MANAGED, wrapped_minimum_height


class ReflowGrid(QScrollArea):
    """Cells laid out in as many columns (up to `max_columns`) as fit at `cell_width` each.

    Every cell keeps at least `cell_width` × `cell_height`; when the rows don't fit in the
    height, the grid scrolls vertically rather than shrinking a plot below its minimum.
    """

    def __init__(
        self,
        cells: Sequence[QWidget],
        cell_width: int,
        cell_height: int,
        max_columns: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._cells = list(cells)
        self._cell_width, self._cell_height = cell_width, cell_height
        self._max_columns = max_columns
        self.columns = 0
        inner = QWidget(self)
        inner.setProperty(REFLOW_MANAGED, True)  # this class arranges the grid itself
        self._grid = QGridLayout(inner)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        for cell in self._cells:
            cell.setParent(inner)
            cell.setMinimumSize(cell_width - 4, cell_height)
        self.setWidget(inner)
        self.setMinimumWidth(cell_width)
        self._arrange(max_columns)
        # A cell's minimum grows with the text size: the hints below follow it.
        inner.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """At least as tall as the tallest cell's minimum, so every cell fits in the view."""
        hint = super().minimumSizeHint()
        tallest = max(
            (max(c.minimumHeight(), c.minimumSizeHint().height()) for c in self._cells),
            default=self._cell_height,
        )
        return QSize(hint.width(), tallest + 2 + 2 * self.frameWidth())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """One row of cells. QScrollArea's own hint (the whole grid, up to 24 lines of
        text) made the scroll area around a view's plots taller than it shows at 200 % text,
        so no cell could be scrolled wholly into view; this grid scrolls its own rows."""
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self._cap_cells()
            self.updateGeometry()
        return False

    def columns_for(self, width: int) -> int:
        """The most columns whose widest cells (never narrower than `cell_width`) fit `width`."""
        spacing = self._grid.spacing()
        for columns in range(self._max_columns, 1, -1):
            needed = sum(
                max(
                    self._cell_width,
                    *(cell.minimumSizeHint().width() for cell in self._cells[column::columns]),
                )
                for column in range(columns)
            )
            if needed + spacing * (columns - 1) <= width:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for cell in self._cells:
            self._grid.removeWidget(cell)
        for index, cell in enumerate(self._cells):
            self._grid.addWidget(cell, index // columns, index % columns)
        rows = -(-len(self._cells) // columns)
        for column in range(self._max_columns):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for row in range(len(self._cells)):
            self._grid.setRowStretch(row, 1 if row < rows else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        # The viewport's width: a vertical scroll bar, when shown, takes its share.
        self._arrange(self.columns_for(self.viewport().width()))
        self._cap_cells()
        super().resizeEvent(event)

    def _cap_cells(self) -> None:
        """No cell taller than the view shows (their preferred heights, summed for a
        word-wrapped caption's height-for-width, made each cell taller than the view).
        Re-done when a cell's minimum changes (a title re-wrapped at a new width)."""
        visible = self.viewport().height()
        for cell in self._cells:
            cap = max(cell.minimumHeight(), wrapped_minimum_height(cell), visible - 2)
            if cell.maximumHeight() != cap:
                cell.setMaximumHeight(cap)
