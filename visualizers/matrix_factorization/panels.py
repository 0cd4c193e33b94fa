"""The matrix-factorization view's side tabs: pick a user, and the cold-start experiment (Qt).

Only widgets: the text they show is written by `state.py`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from visualizers.matrix_factorization.data import GENRES


def _text_panel(parent: QWidget, name: str) -> QTextBrowser:
    text = QTextBrowser(parent)
    text.setObjectName(name)
    text.setOpenLinks(False)
    # Wrap between words only: a narrow table cell scrolls instead of splitting a word.
    text.setWordWrapMode(QTextOption.WrapMode.WordWrap)
    return text


class RecommendationTabs(QTabWidget):
    """ "Pick a user" and "Cold start"; `changed` fires when any of their inputs changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Recommendations")
        self.addTab(self._build_user_tab(), "Pick a user")
        self.addTab(self._build_cold_start_tab(), "Cold start")
        self.currentChanged.connect(lambda _i: self.changed.emit())

    def _build_user_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        label = QLabel("&User", tab)
        row.addWidget(label)
        self.user_spin = QSpinBox(tab)
        self.user_spin.setObjectName("mf_user_spin")
        self.user_spin.setAccessibleName("User whose ratings and recommendations are shown")
        self.user_spin.setAccessibleName("User")
        self.user_spin.setRange(1, 1)
        self.user_spin.setToolTip("Or click a row of a heatmap, or a user (▲) in the latent space.")
        self.user_spin.valueChanged.connect(lambda _v: self.changed.emit())
        label.setBuddy(self.user_spin)
        row.addWidget(self.user_spin)
        row.addStretch(1)
        layout.addLayout(row)
        self.user_text = _text_panel(tab, "mf_user_text")
        self.user_text.setAccessibleName("Known ratings and recommendations")
        layout.addWidget(self.user_text, 1)
        return tab

    def _build_cold_start_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        self.genre_combo = QComboBox(tab)
        self.genre_combo.setObjectName("mf_cold_genre")
        self.genre_combo.setAccessibleName("New user loves")
        self.genre_combo.addItems(list(GENRES))
        self.genre_combo.setToolTip("The new user's hidden favourite, and their onboarding answer.")
        self.cold_count = QSpinBox(tab)
        self.cold_count.setObjectName("mf_cold_count")
        self.cold_count.setAccessibleName("Ratings so far")
        self.cold_count.setRange(0, 30)
        self.cold_count.setValue(0)
        self.cold_count.setToolTip("How many videos the new user has rated so far.")
        form.addRow("New user &loves", self.genre_combo)
        form.addRow("&Ratings so far", self.cold_count)
        layout.addLayout(form)
        self.genre_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.cold_count.valueChanged.connect(lambda _v: self.changed.emit())
        self.cold_text = _text_panel(tab, "mf_cold_text")
        self.cold_text.setAccessibleName("Cold-start comparison")
        layout.addWidget(self.cold_text, 1)
        return tab
