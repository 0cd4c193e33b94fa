"""A plain-text scratchpad for code: monospace, Tab inserts spaces, Enter keeps the indent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

INDENT = 4


class CodePad(QPlainTextEdit):
    """Tab indents to the next multiple of four spaces, Shift+Tab dedents the line, and a new
    line starts at the previous line's indent (one level deeper after a trailing colon)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * INDENT)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        cursor = self.textCursor()
        if key == Qt.Key.Key_Tab and not cursor.hasSelection():
            column = cursor.positionInBlock()
            cursor.insertText(" " * (INDENT - column % INDENT))
            return
        if key == Qt.Key.Key_Backtab:
            self._dedent(cursor)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            line = cursor.block().text()[: cursor.positionInBlock()]
            indent = len(line) - len(line.lstrip(" "))
            if line.rstrip().endswith(":"):
                indent += INDENT
            cursor.insertText("\n" + " " * indent)
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    def _dedent(self, cursor: QTextCursor) -> None:
        text = cursor.block().text()
        remove = min(INDENT, len(text) - len(text.lstrip(" ")))
        if remove:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, remove
            )
            cursor.removeSelectedText()
