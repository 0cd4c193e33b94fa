"""A layout that wraps its items onto more lines when the width runs out (large text).

A row of buttons in a `QHBoxLayout` asks for the sum of its buttons' widths as a minimum:
at 150 % text the question toolbar alone needed 744 px, and with the navigator the window
could not be narrower than the 1280 px screen. Used by the question toolbar, the review
header, the navigator's filters, the mock interview's rounds and the player bar. `FlowLayout` asks only for its widest item
and says how tall it gets at a given width (`heightForWidth`), like word-wrapped text.

`add_stretch()` marks where a line's spare width goes (the items after it sit at the right
end of their line, as after `QHBoxLayout.addStretch`), as does a widget with an Expanding
horizontal size policy (it grows to fill its line); `add_spacing(n)` leaves a gap that is
dropped at the start of a line.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    """Items left to right; an item that doesn't fit starts the next line."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- building ------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)
        self.invalidate()

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 (QBoxLayout's name)
        """Put `widget` before the item now at `index` (as `QBoxLayout.insertWidget`)."""
        self.addChildWidget(widget)
        index = len(self._items) if index < 0 else min(index, len(self._items))
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def add_stretch(self) -> None:
        """The spare width of the line this falls on goes here."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802 (QBoxLayout's name)
        """As `add_stretch` (the QBoxLayout spelling, so a box layout can be swapped in)."""
        del stretch  # one stretch per line: the spare width is shared evenly
        self.add_stretch()

    def add_spacing(self, width: int) -> None:
        """A fixed gap (left out at the start of a line)."""
        self.addItem(QSpacerItem(width, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    # -- QLayout API ---------------------------------------------------------------------
    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self.invalidate()
            return item
        return None

    def spacing(self) -> int:
        return self._spacing

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Everything on one line.
        visible = [i for i in self._items if not i.isEmpty() or _is_spacer(i)]
        width = sum(i.sizeHint().width() for i in visible)
        width += self._spacing * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        return self._grow(QSize(width, height))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        # As narrow as the widest item; the height follows from heightForWidth.
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return self._grow(size)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        height = self._arrange(rect, place=True)
        owner = self.parentWidget()
        if owner is not None and owner.layout() is self and owner.minimumHeight() != height:
            # A QSplitter (and a scroll area's page) ignores height-for-width: the wrapped
            # lines would be cut off (the fourth grade button at 200 % text). The owner
            # asks for them as its minimum; the width decides, so this settles at once.
            owner.setMinimumHeight(height)

    # -- arrangement ---------------------------------------------------------------------
    def _grow(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty() and not _is_spacer(item):
                continue
            hint = item.sizeHint().width()
            line = lines[-1]
            if not line and _is_spacer(item):
                continue  # no gap or stretch at the start of a line
            gap = self._spacing if line else 0
            if line and used + gap + hint > width:
                lines.append([])
                if _is_spacer(item):
                    used = 0
                    continue
                line, gap = lines[-1], 0
                used = 0
            line.append(item)
            used += gap + hint
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, place: bool) -> int:
        m = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(1, inner.width())
        y = inner.top()
        lines = self._lines(width)
        for number, line in enumerate(lines):
            while line and _is_spacer(line[-1]):
                line.pop()  # trailing gaps and stretches take nothing
            widths = [min(item.sizeHint().width(), width) for item in line]
            height = max((item.sizeHint().height() for item in line), default=0)
            if place:
                spare = width - sum(widths) - self._spacing * max(0, len(line) - 1)
                stretches = [k for k, item in enumerate(line) if _stretches(item)]
                for k in stretches:
                    widths[k] += max(0, spare) // len(stretches)
                x = inner.left()
                for item, item_width in zip(line, widths, strict=True):
                    item_height = min(item.sizeHint().height(), height)
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(item_width, item_height)))
                    x += item_width + self._spacing
            y += height + (self._spacing if number < len(lines) - 1 else 0)
        return y - inner.top() + m.top() + m.bottom()


def _is_spacer(item: QLayoutItem) -> bool:
    return item.spacerItem() is not None


def _stretches(item: QLayoutItem) -> bool:
    """A stretch, or a widget that wants width (an Expanding horizontal size policy)."""
    spacer = item.spacerItem()
    if spacer is not None:
        return spacer.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding
    widget = item.widget()
    return (
        widget is not None
        and widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding
    )
