"""The confusion-matrix panel of the precision/recall view (Qt): four cells and the numbers.

Only widgets; every number and word comes from `state.py` (`cell_texts`, `number_rows`).
Cells and the numbers label have fixed sizes, so new text never asks the window for a
relayout: a relayout on every drag event re-measures all rich text in the window (~5 ms per
label).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from visualizers.pr_threshold.state import Series, ThresholdFrame, cell_texts, number_rows

# Confusion-matrix cells: light tints with dark text, readable in either palette.
CELL_STYLES = {
    "tp": ("#bfe8d6", "True positive", "a harmful video removed"),
    "fn": ("#f7d9a0", "False negative", "a harmful video missed"),
    "fp": ("#f7c2b0", "False positive", "a harmless video removed"),
    "tn": ("#c9def0", "True negative", "a harmless video left up"),
}
CELL_PLACES = {"tp": (1, 1), "fn": (1, 2), "fp": (2, 1), "tn": (2, 2)}


class ConfusionPanel(QFrame):
    """The confusion matrix at the threshold, the headline numbers and the data's source."""

    def __init__(self, series_colors: dict[Series, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colors = series_colors
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Confusion matrix and metrics")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        heading = QLabel("<b>Confusion matrix at the threshold</b>", self)
        heading.setWordWrap(True)  # at large text it is wider than the matrix below it
        layout.addWidget(heading)
        matrix = QGridLayout()
        matrix.setSpacing(3)
        for column, text in ((1, "predicted +"), (2, "predicted −")):
            header = QLabel(text, self)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            matrix.addWidget(header, 0, column)
        for row, text in ((1, "actual +"), (2, "actual −")):
            matrix.addWidget(QLabel(text, self), row, 0)
        metrics = QFontMetrics(self.font())
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.4)  # follows the system text size
        big.setBold(True)
        self._big_points = big.pointSizeF()
        big_metrics = QFontMetrics(big)
        cell_size = QSize(
            max(big_metrics.horizontalAdvance("200,000"), metrics.horizontalAdvance("TP · 100.0%"))
            + 10,
            big_metrics.lineSpacing() + metrics.lineSpacing() + 12,
        )
        self.cells: dict[str, QLabel] = {}
        for key, (row, column) in CELL_PLACES.items():
            color, name, example = CELL_STYLES[key]
            cell = QLabel(self)
            cell.setObjectName(f"cell_{key}")
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.setStyleSheet(
                f"QLabel {{ background: {color}; color: #1a1a1a; border-radius: 4px;"
                " padding: 3px; }"
            )
            cell.setToolTip(f"{name}: {example}")
            cell.setAccessibleName(name)  # its text (the count) is what a screen reader reads
            cell.setFixedSize(cell_size)
            matrix.addWidget(cell, row, column)
            self.cells[key] = cell
        layout.addLayout(matrix)
        self.numbers_label = QLabel(self)
        self.numbers_label.setObjectName("numbers")
        self.numbers_label.setTextFormat(Qt.TextFormat.RichText)
        # Sized for the widest text it will ever show, so it never clips nor relayouts.
        worst = QTextDocument()
        worst.setDefaultFont(self.font())
        names = ("precision", "recall", "F1", "F0.25", "accuracy", "  if none flagged",
                 "specificity", "cost / item", "AP", "ROC AUC")  # fmt: skip
        worst.setHtml(self._rows_html([(name, "— (0/0)", "cost") for name in names]))
        self.numbers_label.setFixedSize(
            int(worst.idealWidth()) + 8, int(worst.size().height()) + metrics.lineSpacing()
        )
        layout.addWidget(self.numbers_label)
        layout.addStretch(1)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.9)
        self.source_label.setFont(small)
        layout.addWidget(self.source_label)

    def show_frame(self, frame: ThresholdFrame) -> None:
        for key, (count, share) in cell_texts(frame.counts).items():
            self.cells[key].setText(
                f"<b style='font-size:{self._big_points:.1f}pt'>{count}</b><br>{share}"
            )

        self.numbers_label.setText(self._rows_html(number_rows(frame)))

    def _rows_html(self, rows: list[tuple[str, str, Series]]) -> str:
        html_rows = "".join(
            "<tr><td style='padding-right:10px'>"
            + (
                f"<span style='color:{self._colors[series]}'>■</span> "
                if series
                else "&nbsp;&nbsp;&nbsp;"
            )
            + f"{name}</td><td align='right'><b>{value}</b></td></tr>"
            for name, value, series in rows
        )
        return f"<table cellspacing='0'>{html_rows}</table>"
