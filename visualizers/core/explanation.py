"""The explanation panel: what the current step did, in words and live numbers.

Shows `frame.explanation` (Qt rich text) and, above it, a warning strip for
`frame.error` (e.g. divergence) or for a message from the view itself (a bad parameter
or CSV: the previous run stays on screen and the strip says why).

The text keeps at least `MIN_LINES` lines visible, and when it scrolls it stops on the
top of a line, never half-way through one. Its plain text is also the panel's accessible
description, so a screen reader can follow a run step by step.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from visualizers.core.frames import Frame
from visualizers.core.text import escape as escape  # re-exported: older views import it here

MIN_LINES = 6

# Amber strip with dark text reads the same in light and dark palettes.
_WARNING_STYLE = (
    "QLabel { background: #ffe8a3; color: #3b2a00; border: 1px solid #d9a400;"
    " border-radius: 4px; padding: 4px 6px; }"
)


class ExplanationText(QTextEdit):
    """Read-only rich text whose size hint never depends on its content.

    A word-wrapped rich-text QLabel reports a new size hint (height-for-width) for every
    new text, so each `setText` re-laid out the whole view — plots included — and cost
    3–7 ms per update. A QTextEdit is a scroll area: new text only re-lays out its own
    document inside a fixed viewport, scrolls when it is too long, and keeps the reader's
    scroll position. `setText` / `text()` mirror QLabel's (`text()` is the source HTML).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # no undo stack growing with every frame
        self.setAcceptRichText(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # as a selectable QLabel
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The panel's colour, like the label it replaces, but opaque: a transparent
        # viewport would make every update repaint the panel, splitter and view behind it.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(2)
        self._html = ""

    def _lines_height(self, lines: int) -> int:
        # Rich text lines with sub/superscripts run a little taller than the font's spacing.
        spacing = self.fontMetrics().lineSpacing() + 1
        return lines * spacing + 2 * round(self.document().documentMargin()) + 2

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Constant, so new text never asks the view for a new layout.
        return QSize(400, self._lines_height(MIN_LINES + 1))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(160, self._lines_height(MIN_LINES))

    def snap_to_line(self) -> None:
        """Scroll so the top visible line starts at the top edge (no half-cut glyphs)."""
        bar = self.verticalScrollBar()
        value = bar.value()
        if value <= 0:
            return
        layout = self.document().documentLayout()
        block = self.document().begin()
        best = 0
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line_top = round(top + text_layout.lineAt(i).y())
                if line_top <= value:
                    best = line_top
                else:
                    break
            if top > value:
                break
            block = block.next()
        if best != value:
            bar.setValue(best)

    def setText(self, html: str) -> None:  # noqa: N802 (QLabel's name, kept for callers)
        if html == self._html:
            return
        self._html = html
        replace_html(self, html)
        self.snap_to_line()

    def text(self) -> str:
        """The HTML last set (as `QLabel.text()` returns it)."""
        return self._html


# The HTML `replace_html` last put in a text widget, and the document's revision then.
_HTML_PROPERTY = "replaced_html"
_REVISION_PROPERTY = "replaced_revision"


def replace_html(edit: QTextEdit, html: str) -> None:
    """Put `html` in `edit` in place of its content, laid out once, keeping the scroll.

    For text panels updated on every frame. `setHtml` empties the document first, so the
    scroll bar hides and reappears, resizing the viewport and laying the text out twice
    more (about 3 ms for a side panel of numbers); here the content is replaced in one edit
    block. Nothing happens when `html` is what this function put there last and nothing
    else edited the document since (`clear()`, `setHtml`).
    """
    document = edit.document()
    if (
        edit.property(_HTML_PROPERTY) == html
        and edit.property(_REVISION_PROPERTY) == document.revision()
    ):
        return
    bar = edit.verticalScrollBar()
    scrolled = bar.value()
    cursor = QTextCursor(edit.document())
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertHtml(html)
    cursor.endEditBlock()
    # The widget's own cursor to the top: Qt keeps that cursor in view when the panel is
    # resized or moved, and left at the end it scrolled the text down by itself.
    own = edit.textCursor()
    if own.position() != 0:
        own.movePosition(QTextCursor.MoveOperation.Start)
        edit.setTextCursor(own)
    if bar.value() != scrolled:
        bar.setValue(scrolled)
    edit.setProperty(_HTML_PROPERTY, html)
    edit.setProperty(_REVISION_PROPERTY, document.revision())


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
        # Updating it never changes a size hint, so never re-lays out the view around it.
        self.text = ExplanationText(self)
        self.text.setObjectName("explanation_text")
        self.text.setAccessibleName("Explanation of the current step")
        self.setAccessibleName("Explanation")
        self.text.verticalScrollBar().sliderReleased.connect(self.text.snap_to_line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.warning)
        layout.addWidget(self.text, 1)
        self._message: str | None = None
        self._frame_error: str | None = None
        self._described: list[QWidget] = []

    def describe_also(self, widget: QWidget) -> None:
        """Keep `widget`'s accessible description equal to the explanation (e.g. the plots)."""
        self._described.append(widget)
        widget.setAccessibleDescription(self.text.accessibleDescription())

    def set_frame(self, frame: Frame) -> None:
        # Re-laying out rich text costs ~0.5 ms: `setText` skips it when nothing changed.
        if frame.explanation != self.text.text():
            self.text.setText(frame.explanation)
            described = plain_text(frame.explanation)
            self.text.setAccessibleDescription(described)
            for widget in self._described:
                widget.setAccessibleDescription(described)
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


def plain_text(rich: str) -> str:
    """The words of a rich-text explanation, one line, for a screen reader."""
    if not rich:
        return ""
    document = QTextDocument()
    document.setHtml(rich)
    return " ".join(document.toPlainText().split())
