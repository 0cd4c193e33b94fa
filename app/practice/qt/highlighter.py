"""Python syntax colouring for the code editor, computed by Pygments.

Pygments lexes the whole document (a practice file is a few hundred lines at most) once per
change; each block then takes its slice of the tokens. A block's state records whether it
ends inside a string, so opening or closing a docstring re-colours the blocks after it.
"""

from __future__ import annotations

import bisect

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument


def _formats(dark: bool) -> dict[str, QTextCharFormat]:
    """Token kind → format, from a Pygments style that suits the theme."""
    from pygments.styles import get_style_by_name

    style = get_style_by_name("monokai" if dark else "friendly")
    formats: dict[str, QTextCharFormat] = {}
    for token, spec in style:
        fmt = QTextCharFormat()
        if spec["color"]:
            fmt.setForeground(QColor(f"#{spec['color']}"))
        if spec["bold"]:
            fmt.setFontWeight(QFont.Weight.Bold)
        if spec["italic"]:
            fmt.setFontItalic(True)
        formats[str(token)] = fmt
    return formats


class PythonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        from pygments.lexers import PythonLexer

        self._lexer = PythonLexer(stripnl=False, ensurenl=False)
        self._formats = _formats(dark)
        self._revision = -1
        self._spans: list[tuple[int, int, str]] = []  # (start, length, token) over the document
        self._starts: list[int] = []

    def set_dark(self, dark: bool) -> None:
        self._formats = _formats(dark)
        self.rehighlight()

    def _relex(self) -> None:
        document = self.document()
        if document.revision() == self._revision and self._spans:
            return
        self._revision = document.revision()
        text = document.toPlainText()
        spans: list[tuple[int, int, str]] = []
        for start, token, value in self._lexer.get_tokens_unprocessed(text):
            spans.append((start, len(value), str(token)))
        self._spans = spans
        self._starts = [start for start, _length, _token in spans]

    def _format_for(self, token: str) -> QTextCharFormat | None:
        while token:
            fmt = self._formats.get(token)
            if fmt is not None and (
                fmt.foreground().style() or fmt.fontItalic() or fmt.fontWeight() > 400
            ):
                return fmt
            token = token.rpartition(".")[0]
        return None

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._relex()
        block = self.currentBlock()
        begin, end = block.position(), block.position() + len(text)
        inside_string = False
        first = max(0, bisect.bisect_right(self._starts, begin) - 1)
        for start, length, token in self._spans[first:]:
            if start + length <= begin:
                continue
            if start >= end:
                break
            fmt = self._format_for(token)
            if fmt is not None:
                left = max(start, begin)
                right = min(start + length, end)
                self.setFormat(left - begin, right - left, fmt)
            if start + length > end and "String" in token:
                inside_string = True
        self.setCurrentBlockState(1 if inside_string else 0)
