"""The Today page, the start screen: what is due, what is new, the streak, the next due time,
and one key (Enter) to start reviewing."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.studio import Studio
from app.study.core.today import TodaySummary, describe_next_due, today_summary
from app.theme import font_pt, secondary_text
from visualizers.core.flow_layout import FlowLayout

FIGURES_ROW_WIDTH = 560  # px: wider than this, the four tiles take two rows


class TodayPage(QWidget):
    """Refreshed when shown, and whenever progress changes while it is shown."""

    start_requested = Signal()
    browse_requested = Signal()

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.studio = studio
        self.summary: TodaySummary | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("todayHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.figures = QLabel(self)
        self.figures.setObjectName("todayFigures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QLabel(self)
        self.detail.setObjectName("todayDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = QPushButton("Start reviewing  (Enter)", self)
        self.start_button.setObjectName("startReview")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(36)
        self.start_button.clicked.connect(self.start_requested)
        self.browse_button = QPushButton("Browse all questions  (Ctrl+B)", self)
        self.browse_button.clicked.connect(self.browse_requested)
        buttons = FlowLayout()  # wraps at large text
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.browse_button)
        buttons.addStretch(1)

        # The page scrolls when the tab is shorter than it (200 % text on a 720 px screen):
        # it was the tallest tab, and the window could not be shorter than it.
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 24)
        column.addWidget(self.heading)
        column.addSpacing(8)
        column.addWidget(self.figures)
        column.addSpacing(8)
        column.addWidget(self.detail)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.start_requested)
        studio.progress_changed.connect(self._on_progress_changed)  # dropped when deleted
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # No refresh here: showEvent makes the figures (at start-up it came first, and the
        # start page worked them out twice before the first paint).

    def _on_progress_changed(self, _question_id: object) -> None:
        if self.isVisible():  # a hidden page is brought up to date when it is next shown
            self.refresh()

    def refresh(self) -> None:
        service = self.studio.study
        now = datetime.now().astimezone()
        log = self.studio.store.reviews()  # read once: the queue and the streak both walk it
        self.summary = s = today_summary(service.queue(now, log), service.cards(), log, now)
        muted = secondary_text().name()  # the palette's caption colour, not plain "gray"
        self.heading.setText(f"<h1>Today</h1><p style='color:{muted};'>{now:%A %d %B}</p>")
        tiles = (
            ("Due now", str(s.due)),
            ("New waiting", str(s.new)),
            ("Reviewed today", str(s.reviewed_today)),
            ("Streak", f"{s.streak_days} day{'s' if s.streak_days != 1 else ''}"),
        )
        cells = [
            f"<td style='padding: 4px 36px 4px 0;'><span style='color:{muted};'>{name}</span><br>"
            f"<span style='font-size: {font_pt(2.6)}pt; font-weight: 600;'>{value}</span></td>"
            for name, value in tiles
        ]
        one_row = f"<table><tr>{''.join(cells)}</tr></table>"
        # At large text one row of four tiles is wider than a 1280 px screen leaves: 2 × 2.
        measure = QTextDocument()
        measure.setDefaultFont(self.figures.font())
        measure.setHtml(one_row)
        if measure.idealWidth() > FIGURES_ROW_WIDTH:
            rows = (cells[:2], cells[2:])
            one_row = "<table>" + "".join(f"<tr>{''.join(r)}</tr>" for r in rows) + "</table>"
        self.figures.setText(one_row)
        waiting = s.due + s.new + s.ahead
        if waiting:
            plan = (
                f"<p>{s.due} question(s) to review and {s.new} new one(s) are waiting"
                + (f", and {s.ahead} still in its learning steps" if s.ahead else "")
                + ". Press <b>Enter</b> to start.</p>"
            )
        else:
            plan = (
                "<p><b>All done for today.</b> Nothing is due; new questions resume tomorrow.</p>"
            )
        self.detail.setText(
            plan + f"<p style='color:{muted};'>Next question due: "
            f"{describe_next_due(s.next_due, now)}.</p>"
        )
        self.start_button.setEnabled(bool(waiting))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()
        self.setFocus()
