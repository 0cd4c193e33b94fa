"""The progress dashboard (pyqtgraph): studied/due/retention per category and overall, a
review heat-map calendar, the due forecast and time studied per day, prediction
calibration, and the weakest questions. Redrawn on `progress_changed` when visible."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.studio import Studio
from app.study.core.stats import DashboardStats, compute_stats, format_duration
from app.theme import font_pt, secondary_text
from visualizers.core.plotting import SERIES_COLORS, is_dark, themed_plot

HEATMAP_WEEKS = 26
TIME_DAYS = 30
FORECAST_DAYS = 30
SHORT_TITLES = {
    "foundational-ml": "Foundations",
    "deep-learning": "Deep learning",
    "recommendation-systems": "RecSys",
    "ml-system-design": "System design",
    "coding": "Coding",
}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def heat_colour(count: int, dark: bool) -> QColor:
    """GitHub-style green steps: none, 1, 2–3, 4–6, 7+ reviews."""
    if count <= 0:
        return QColor(50, 54, 60) if dark else QColor(232, 234, 238)
    levels = ((1, "#9be9a8"), (3, "#40c463"), (6, "#30a14e"), (10**9, "#216e39"))
    if dark:
        levels = ((1, "#0e4429"), (3, "#006d32"), (6, "#26a641"), (10**9, "#39d353"))
    return QColor(next(c for limit, c in levels if count <= limit))


class Dashboard(QWidget):
    """Recomputed from the store whenever it is shown (and on `refresh()`)."""

    question_requested = Signal(int)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.studio = studio
        self.service = studio.study
        self.stats: DashboardStats | None = None
        self._closed = False
        self.summary = QLabel(self)
        self.summary.setObjectName("dashboardSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.weakest = QTableWidget(0, 5, self)
        self.weakest.setAccessibleName("Weakest questions")
        self.weakest.setHorizontalHeaderLabels(
            ["Q", "Question", "Recalled", "Lapses", "Recall now"]
        )
        self.weakest.verticalHeader().setVisible(False)
        self.weakest.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.weakest.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.weakest.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.weakest.cellDoubleClicked.connect(self._open_weak)
        self.weakest.setToolTip("Double-click to open the question")
        self._weak_title = QLabel(
            "<b>Weakest questions</b> (lowest share of reviews recalled)", self
        )

        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        # The tiles live in a scroll area: a narrow window scrolls the dashboard instead of
        # forcing the whole main window wider than the screen (the 1024 × 700 request).
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.summary)
        layout.addLayout(self.grid, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.category_plot: pg.PlotWidget | None = None
        self.heatmap_plot: pg.PlotWidget | None = None
        self.time_plot: pg.PlotWidget | None = None
        self.forecast_plot: pg.PlotWidget | None = None
        self.lower_tabs: QTabWidget | None = None
        studio.progress_changed.connect(self._on_progress_changed)
        self.refresh()

    def _on_progress_changed(self, _question_id: str) -> None:
        if self.isVisible() and not self._closed:
            self.refresh()

    # -- building ---------------------------------------------------------------------------

    def refresh(self, now: datetime | None = None) -> None:
        moment = now or datetime.now().astimezone()
        svc = self.service
        self.stats = compute_stats(
            svc.library,
            svc.store.reviews(),
            svc.cards(),
            svc.store.all_states(),
            moment,
            activity=svc.store.activity(),
            predictions=svc.store.predictions(),
            forecast_days=FORECAST_DAYS,
        )
        self._fill_summary(self.stats)
        for widget in (self.category_plot, self.heatmap_plot, self.lower_tabs):
            if widget is not None:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.category_plot = self._category_chart(self.stats)
        self.heatmap_plot = self._heatmap(self.stats, moment.date())
        self.forecast_plot = self._forecast_chart(self.stats)
        self.time_plot = self._time_chart(self.stats, moment.date())
        # The forecast and the time chart share a cell as tabs, so 1280×720 still fits.
        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(self.forecast_plot, f"Due forecast ({FORECAST_DAYS} days)")
        self.lower_tabs.addTab(self.time_plot, "Time studied")
        weak_box = QWidget(self)
        self.grid.addWidget(self.category_plot, 0, 0)
        self.grid.addWidget(self.heatmap_plot, 0, 1)
        self.grid.addWidget(self.lower_tabs, 1, 0)
        weak_layout = QVBoxLayout(weak_box)
        weak_layout.setContentsMargins(0, 0, 0, 0)
        weak_layout.addWidget(self._weak_title)
        weak_layout.addWidget(self.weakest)
        self.grid.addWidget(weak_box, 1, 1)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self._fill_weakest(self.stats)

    def _fill_summary(self, s: DashboardStats) -> None:
        o = s.overall
        tiles = (
            ("Studied", f"{o.studied} / {o.total}"),
            ("Due now", str(o.due)),
            ("Retention (30 d)", _percent(o.retention)),
            ("Predicted recall", _percent(o.recall_now)),
            ("Reviews", str(o.reviews)),
            ("Time studied", format_duration(s.total_seconds)),
            ("Streak", f"{s.streak_days} day{'s' if s.streak_days != 1 else ''}"),
            (
                "Predictions right",
                f"{s.predictions_right} / {s.predictions} ({_percent(s.calibration)})"
                if s.predictions
                else "—",
            ),
        )
        cells = "".join(
            f"<td style='padding: 2px 18px 2px 0;'><span style='color:{secondary_text().name()};'>{name}</span><br>"
            f"<span style='font-size: {font_pt(1.6)}pt; font-weight: 600;'>{value}</span></td>"
            for name, value in tiles
        )
        self.summary.setText(f"<table><tr>{cells}</tr></table>")

    def _category_chart(self, s: DashboardStats) -> pg.PlotWidget:
        plot = themed_plot(self, "Per category: studied and due (retention above)", "", "questions")
        item = plot.getPlotItem()
        n = len(s.categories)
        xs = list(range(n))
        studied = [c.studied for c in s.categories]
        due = [c.due for c in s.categories]
        totals = [c.total for c in s.categories]
        item.addItem(
            pg.BarGraphItem(
                x=[x - 0.2 for x in xs],
                height=totals,
                width=0.36,
                brush=QColor(128, 128, 128, 50),
                pen=pg.mkPen(QColor(128, 128, 128, 140)),
            )
        )
        item.addItem(
            pg.BarGraphItem(
                x=[x - 0.2 for x in xs],
                height=studied,
                width=0.36,
                brush=SERIES_COLORS[1],
                pen=None,
                name="studied",
            )
        )
        item.addItem(
            pg.BarGraphItem(
                x=[x + 0.2 for x in xs],
                height=due,
                width=0.36,
                brush=SERIES_COLORS[0],
                pen=None,
                name="due",
            )
        )
        top = max([*totals, 1])
        fg = self.palette().color(QPalette.ColorRole.Text)
        for x, c in zip(xs, s.categories, strict=True):
            label = pg.TextItem(_percent(c.retention), anchor=(0.5, 1.0), color=fg)
            label.setPos(x, max(c.total, c.studied, c.due) + 0.15 * top)
            item.addItem(label)
        # One legend row in the top-left corner, above the bars' percentage labels (which
        # stay below 1.2× the tallest bar while the range reaches 1.75×).
        legend = item.addLegend(offset=(10, 4), labelTextColor=fg, colCount=2)
        legend.addItem(
            pg.BarGraphItem(x=[0], height=[0], width=1, brush=SERIES_COLORS[1]), "studied"
        )
        legend.addItem(
            pg.BarGraphItem(x=[0], height=[0], width=1, brush=SERIES_COLORS[0]), "due now"
        )
        ticks = [
            (x, SHORT_TITLES.get(c.key, c.title)) for x, c in zip(xs, s.categories, strict=True)
        ]
        item.getAxis("bottom").setTicks([ticks])
        item.setXRange(-0.7, n - 0.3, padding=0)
        item.setYRange(0, top * 1.75, padding=0)
        item.setMouseEnabled(False, False)
        plot.setMinimumHeight(230)
        return plot

    def _heatmap(self, s: DashboardStats, today: date) -> pg.PlotWidget:
        plot = themed_plot(self, f"Reviews per day, last {HEATMAP_WEEKS} weeks")
        item = plot.getPlotItem()
        dark = is_dark(self)
        start = today - timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
        spots = []
        months: list[tuple[float, str]] = []
        day = start
        while day <= today:
            week = (day - start).days // 7
            count = s.reviews_per_day.get(day, 0)
            spots.append(
                {
                    "pos": (week, 6 - day.weekday()),
                    "brush": heat_colour(count, dark),
                    "data": f"{day:%a %d %b}: {count} review(s)",
                }
            )
            if day.day == 1 or day == start:
                months.append((week, f"{day:%b}"))
            day += timedelta(days=1)
        scatter = pg.ScatterPlotItem(
            spots=spots,
            symbol="s",
            size=0.82,
            pxMode=False,
            pen=None,
            hoverable=True,
            tip=lambda x, y, data: data,
        )
        item.addItem(scatter)
        item.getAxis("bottom").setTicks([months])
        item.getAxis("left").setTicks([[(6, "Mon"), (4, "Wed"), (2, "Fri"), (0, "Sun")]])
        item.setXRange(-0.6, HEATMAP_WEEKS - 0.4, padding=0)
        item.setYRange(-0.6, 6.6, padding=0)
        item.setMouseEnabled(False, False)
        item.setAspectLocked(True)
        plot.setMinimumHeight(200)
        return plot

    def _time_chart(self, s: DashboardStats, today: date) -> pg.PlotWidget:
        plot = themed_plot(self, "", f"days ago (last {TIME_DAYS})", "minutes")
        item = plot.getPlotItem()
        xs = list(range(-TIME_DAYS + 1, 1))
        minutes = [s.seconds_per_day.get(today + timedelta(days=x), 0.0) / 60 for x in xs]
        item.addItem(
            pg.BarGraphItem(x=xs, height=minutes, width=0.75, brush=SERIES_COLORS[2], pen=None)
        )
        item.setXRange(-TIME_DAYS + 0.3, 0.7, padding=0)
        item.setYRange(0, max([*minutes, 5.0]) * 1.15, padding=0)
        item.setMouseEnabled(False, False)
        plot.setMinimumHeight(200)
        return plot

    def _forecast_chart(self, s: DashboardStats) -> pg.PlotWidget:
        plot = themed_plot(self, "", "days from today", "questions due")
        item = plot.getPlotItem()
        xs = list(range(len(s.forecast)))
        item.addItem(
            pg.BarGraphItem(
                x=xs, height=list(s.forecast), width=0.75, brush=SERIES_COLORS[0], pen=None
            )
        )
        item.setXRange(-0.7, max(1, len(xs)) - 0.3, padding=0)
        item.setYRange(0, max([*s.forecast, 3]) * 1.15, padding=0)
        item.setMouseEnabled(False, False)
        plot.setMinimumHeight(200)
        return plot

    def _fill_weakest(self, s: DashboardStats) -> None:
        self.weakest.setRowCount(len(s.weakest))
        for row, w in enumerate(s.weakest):
            cells = (
                f"Q{w.number}",
                w.title,
                f"{w.recalled} of {w.reviews} ({w.real_recall:.0%})",
                str(w.lapses),
                f"{w.recall_now:.0%}",
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, w.number)
                if column != 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.weakest.setItem(row, column, cell)
        if not s.weakest:
            self.weakest.setRowCount(1)
            self.weakest.setItem(
                0, 1, QTableWidgetItem("Nothing reviewed yet — start with Study → Review queue.")
            )

    def _open_weak(self, row: int, _column: int) -> None:
        cell = self.weakest.item(row, 0)
        number = cell.data(Qt.ItemDataRole.UserRole) if cell else None
        if isinstance(number, int):
            self.question_requested.emit(number)

    # -- events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        # Hidden (or closed and awaiting deletion): the next showEvent redraws anyway.
        if event.type() == QEvent.Type.PaletteChange and self.isVisible() and not self._closed:
            self.refresh()

    def shutdown(self) -> None:
        self._closed = True
