"""The question browser (Anki's browser): a table of every question with its schedule,
sortable by any column, filtered by the same search box words as the navigation pane."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.search import Filters, question_matches, rank_questions
from app.studio import Studio
from app.study.core.browser_rows import DIFFICULTY_ORDER, BrowserRow, browser_rows
from app.study.core.scheduler import RATING_LABELS, format_interval
from app.study.core.status import STATUS_LABELS

COLUMNS = (
    "#",
    "Question",
    "Category",
    "Difficulty",
    "Status",
    "Due",
    "Stability",
    "Lapses",
    "Last grade",
)
SORT_ROLE = Qt.ItemDataRole.UserRole + 7
NUMBER_ROLE = Qt.ItemDataRole.UserRole


class _SortItem(QTableWidgetItem):
    """Sorts by the value stored under SORT_ROLE, not by the displayed text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return bool(mine < theirs)


class QuestionBrowser(QWidget):
    """Double-click (or Enter) opens the question in the Study tab."""

    question_requested = Signal(int)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionBrowser")
        self.studio = studio
        self.rows: list[BrowserRow] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("browserSearch")
        self.search.setPlaceholderText(
            "Search: every word must appear (title, key points, answer…)"
        )
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("browserTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.cellDoubleClicked.connect(self._open_row)
        self.table.activated.connect(lambda index: self._open_row(index.row(), 0))
        self.message = QLabel(self)
        self.message.setObjectName("browserMessage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._refilter = QTimer(self, singleShot=True, interval=80)
        self._refilter.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._refilter.start)
        # A bound method, not a lambda: Qt drops the connection when this tab is closed and
        # deleted (a lambda kept calling into the deleted widget).
        studio.progress_changed.connect(self._on_progress_changed)
        # Filled when shown (showEvent): the tab opens shown, so filling here as well did the
        # whole table twice.

    def _on_progress_changed(self, _question_id: object) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        studio = self.studio
        now = datetime.now().astimezone()
        states = studio.store.all_states()
        all_rows = browser_rows(
            studio.library, studio.study.cards(), studio.store.reviews(), states, now
        )
        query = self.search.text().strip()
        if query:
            pool = [
                q
                for q in studio.library.questions
                if question_matches(q, states.get(q.id), Filters(query=query))
            ]
            order = {h.question.number: i for i, h in enumerate(rank_questions(pool, query))}
            self.rows = sorted(
                (r for r in all_rows if r.number in order), key=lambda r: order[r.number]
            )
        else:
            self.rows = all_rows
        table = self.table
        sort_column = table.horizontalHeader().sortIndicatorSection()
        sort_order = table.horizontalHeader().sortIndicatorOrder()
        table.setSortingEnabled(False)
        # Sized to their contents once, after filling: with ResizeToContents on, every
        # setItem re-measured its column over all rows (2 s for 106 questions, 1 ms a cell).
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            due_text = (
                "—"
                if row.due is None
                else ("now" if row.due <= now else f"in {format_interval(row.due - now)}")
            )
            cells: list[tuple[str, object]] = [
                (str(row.number), row.number),
                (row.title + (" ★" if row.bookmarked else ""), row.title.lower()),
                (row.category, row.category),
                (row.difficulty.capitalize(), DIFFICULTY_ORDER.get(row.difficulty, 9)),
                (STATUS_LABELS[row.status], row.status),
                (due_text, row.due.timestamp() if row.due else float("inf")),
                (
                    "—" if row.stability is None else f"{row.stability:.1f} d",
                    row.stability if row.stability is not None else -1.0,
                ),
                (str(row.lapses), row.lapses),
                (
                    "—" if row.last_grade is None else RATING_LABELS[row.last_grade],
                    row.last_grade or 0,
                ),
            ]
            for c, (text, key) in enumerate(cells):
                item = _SortItem(text)
                item.setData(SORT_ROLE, key)
                item.setData(NUMBER_ROLE, row.number)
                if c != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(r, c, item)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        if query and sort_column == 0 and sort_order == Qt.SortOrder.AscendingOrder:
            pass  # ranked order stays until the user sorts by a column
        else:
            table.sortItems(sort_column, sort_order)
        total = len(studio.library.questions)
        if query and not self.rows:
            self.message.setText(f"No question matches “{query}”. Try fewer or shorter words.")
        elif query:
            self.message.setText(
                f"{len(self.rows)} of {total} questions match, most relevant first"
            )
        else:
            self.message.setText(f"{total} questions · click a column header to sort")

    def _open_row(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        number = item.data(NUMBER_ROLE) if item else None
        if isinstance(number, int):
            self.question_requested.emit(number)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()
