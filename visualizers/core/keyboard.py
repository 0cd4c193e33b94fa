"""Arrow keys for the handles on a plot (Qt): the keyboard way to drag (issue 21).

Install `ArrowKeys` on a plot widget: it takes keyboard focus (Tab reaches it), and while
it has focus the arrow keys (Shift for bigger steps) emit `nudged` instead of stepping
the player, and the digit keys 1–9 emit `picked` (which handle the arrows move). Other
keys, e.g. Space, still reach the player's shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, 1),
    Qt.Key.Key_Down: (0, -1),
}
_DIGITS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(1, 10)}


class ArrowKeys(QObject):
    """Turns arrow and digit keys on a focused widget into `nudged` and `picked` signals."""

    nudged = Signal(int, int, bool)  # dx, dy (each −1, 0 or 1), bigger step (Shift held)
    picked = Signal(int)  # a digit key, 1–9

    def __init__(self, widget: QWidget, use_digits: bool = False) -> None:
        super().__init__(widget)
        self._digits = use_digits
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def _claims(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        return key in _ARROWS or (self._digits and key in _DIGITS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._claims(event):
                event.accept()  # the key goes to the plot, not to the player's shortcuts
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            if key in _ARROWS:
                dx, dy = _ARROWS[key]
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.nudged.emit(dx, dy, shift)
                return True
            if self._digits and key in _DIGITS:
                self.picked.emit(_DIGITS[key])
                return True
        return False
