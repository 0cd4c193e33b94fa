"""Work that can wait until a widget has painted once more (Qt).

A view opens faster when what its first frame does not need runs after that frame is on
screen: `AfterPaint(widget).call(f)` runs `f` in the event-loop turn after `widget`'s
next paint event, not before it (a zero-delay timer started before the first paint can
run before it, since the paint waits for the layout's own posted events). A newer `call`
replaces one still waiting; a widget that is never painted (hidden) never runs it, until
it is shown and painted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Runs one callback after the next paint of `widget` (owned by it)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._pending: Callable[[], None] | None = None
        widget.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """True while a callback waits for the widget's next paint."""
        return self._pending is not None

    def call(self, callback: Callable[[], None]) -> None:
        """Run `callback` after the widget's next paint (instead of any still waiting)."""
        self._pending = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self._pending is not None:
            callback, self._pending = self._pending, None
            QTimer.singleShot(0, self, callback)
        return False
