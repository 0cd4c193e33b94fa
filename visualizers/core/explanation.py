"""The explanation panel: what the current step did, in words and live numbers.

Shows `frame.explanation` (Qt rich text) and, above it, a warning strip for
`frame.error` (e.g. divergence) or for a message from the view itself (a bad parameter
or CSV: the previous run stays on screen and the strip says why).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from visualizers.core.frames import Frame

# Amber strip with dark text reads the same in light and dark palettes.
_WARNING_STYLE = (
    "QLabel { background: #ffe8a3; color: #3b2a00; border: 1px solid #d9a400;"
    " border-radius: 4px; padding: 4px 6px; }"
)


class ExplanationPanel(QFrame):
    """Rich-text explanation of the current frame plus an optional warning strip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.warning = QLabel(self)
        self.warning.setObjectName("explanation_warning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet(_WARNING_STYLE)
        self.warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning.hide()
        self.text = QLabel(self)
        self.text.setObjectName("explanation_text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The scroll area absorbs the label's changing height: without it every new
        # explanation would re-lay out (and repaint) the whole view, plots included.
        self.text_area = QScrollArea(self)
        self.text_area.setWidget(self.text)
        self.text_area.setWidgetResizable(True)
        self.text_area.setFrameShape(QFrame.Shape.NoFrame)
        self.text_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.warning)
        layout.addWidget(self.text_area, 1)
        self._message: str | None = None
        self._frame_error: str | None = None
        self._last_html = ""

    def set_frame(self, frame: Frame) -> None:
        if frame.explanation != self._last_html:
            # setText re-lays out rich text; skip it when nothing changed (cheap frames).
            self._last_html = frame.explanation
            self.text.setText(frame.explanation)
        self._frame_error = frame.error
        self._refresh_warning()

    def show_message(self, message: str) -> None:
        """A message from the view (not from a frame), shown until `clear_message()`."""
        self._message = message
        self._refresh_warning()

    def clear_message(self) -> None:
        self._message = None
        self._refresh_warning()

    def warning_text(self) -> str:
        """The plain text of the warning strip ("" when hidden)."""
        return self.warning.text() if not self.warning.isHidden() else ""

    def _refresh_warning(self) -> None:
        parts = [p for p in (self._message, self._frame_error) if p]
        if parts:
            text = "\n".join("⚠ " + p for p in parts)
            if text != self.warning.text():
                self.warning.setText(text)
            self.warning.show()
        elif not self.warning.isHidden():
            self.warning.hide()


def escape(text: str) -> str:
    """HTML-escape user-visible text before putting it into an explanation."""
    return html.escape(text, quote=False)
