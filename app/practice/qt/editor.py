"""A small code editor: monospace, line numbers, auto-indent, Tab = 4 spaces, bracket matching."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from app.practice.qt.highlighter import PythonHighlighter

INDENT = "    "
PAIRS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {v: k for k, v in PAIRS.items()}


class _LineNumbers(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        self._editor.paint_line_numbers(event)


class CodeEditor(QPlainTextEdit):
    """QPlainTextEdit for Python source."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("codeEditor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._numbers = _LineNumbers(self)
        self._dark = dark
        self.highlighter = PythonHighlighter(self.document(), dark)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._on_update_request)
        self.cursorPositionChanged.connect(self._update_extra_selections)
        self._update_margin()
        self._update_extra_selections()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.highlighter.set_dark(dark)
        self._update_extra_selections()
        self._numbers.update()

    # -- line numbers ------------------------------------------------------------------------

    def line_number_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        area = self.contentsRect()
        self._numbers.setGeometry(
            QRect(area.left(), area.top(), self.line_number_width(), area.height())
        )

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        painter = QPainter(self._numbers)
        background = QColor("#23252a") if self._dark else QColor("#eef0f3")
        painter.fillRect(event.rect(), background)
        painter.setPen(QColor("#8a9099") if self._dark else QColor("#6b7280"))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                font = painter.font()
                font.setBold(number == current)
                painter.setFont(font)
                painter.drawText(
                    0,
                    top,
                    self._numbers.width() - 6,
                    height,
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
            block = block.next()
            top = bottom
            number += 1
        painter.end()

    # -- current line and matching brackets --------------------------------------------------

    def _update_extra_selections(self) -> None:
        selections = []
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(QColor("#2c2f36") if self._dark else QColor("#f3f6fb"))
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line.cursor = self.textCursor()
        line.cursor.clearSelection()
        selections.append(line)
        for position in self.matching_brackets():
            mark = QTextEdit.ExtraSelection()
            mark.format.setBackground(QColor("#4b5b2a") if self._dark else QColor("#c8f0c0"))
            cursor = self.textCursor()
            cursor.setPosition(position)
            cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
            mark.cursor = cursor
            selections.append(mark)
        self.setExtraSelections(selections)

    def matching_brackets(self) -> tuple[int, ...]:
        """Positions of the bracket at (or just before) the cursor and its partner, if any."""
        text = self.toPlainText()
        position = self.textCursor().position()
        for at in (position, position - 1):
            if 0 <= at < len(text) and (text[at] in PAIRS or text[at] in CLOSERS):
                partner = _partner(text, at)
                return (at, partner) if partner is not None else ()
        return ()

    # -- typing ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        modifiers = event.modifiers()
        plain = not (
            modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        cursor = self.textCursor()
        if key == Qt.Key.Key_Tab and plain:
            if cursor.hasSelection():
                self._shift_lines(indent=True)
            else:
                cursor.insertText(INDENT)
            return
        if key == Qt.Key.Key_Backtab:
            self._shift_lines(indent=False)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            line = cursor.block().text()[: cursor.positionInBlock()]
            indent = line[: len(line) - len(line.lstrip(" "))]
            if line.rstrip().endswith(":"):
                indent += INDENT
            cursor.insertText("\n" + indent)
            self.ensureCursorVisible()
            return
        if key == Qt.Key.Key_Backspace and plain and not cursor.hasSelection():
            before = cursor.block().text()[: cursor.positionInBlock()]
            if before and not before.strip(" ") and len(before) % 4 == 0:
                for _ in range(4):
                    cursor.deletePreviousChar()
                return
        super().keyPressEvent(event)

    def _shift_lines(self, *, indent: bool) -> None:
        cursor = self.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        document = self.document()
        first = document.findBlock(start).blockNumber()
        last = document.findBlock(max(start, end - 1) if end > start else end).blockNumber()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for number in range(first, last + 1):
            block = document.findBlockByNumber(number)
            edit.setPosition(block.position())
            if indent:
                edit.insertText(INDENT)
            else:
                spaces = len(block.text()) - len(block.text().lstrip(" "))
                for _ in range(min(4, spaces)):
                    edit.deleteChar()
        edit.endEditBlock()


def _partner(text: str, at: int) -> int | None:
    """The index of the bracket that pairs with text[at] (strings and comments not skipped)."""
    char = text[at]
    if char in PAIRS:
        opening, closing, step = char, PAIRS[char], 1
    else:
        opening, closing, step = char, CLOSERS[char], -1
    depth = 0
    i = at
    while 0 <= i < len(text):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i
        i += step
    return None
