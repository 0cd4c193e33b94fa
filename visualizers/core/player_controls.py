"""The transport bar under every visualizer: play/pause, step, reset, speed, loop, timeline.

It only talks to a `Player`; keyboard shortcuts live in the base view so they can be
scoped to one visualizer (two open visualizers must not fight over Space).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from visualizers.core.player import SPEEDS, Player


def _speed_text(speed: float) -> str:
    return f"{speed:g}x"


class PlayerControls(QWidget):
    """Buttons, speed box, loop toggle, timeline slider and step counter bound to a Player."""

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        style = self.style()

        def button(icon: QStyle.StandardPixmap, tip: str) -> QToolButton:
            b = QToolButton(self)
            b.setIcon(style.standardIcon(icon))
            b.setToolTip(tip)
            b.setAutoRaise(True)
            return b

        self.reset_button = button(QStyle.StandardPixmap.SP_MediaSkipBackward, "Reset (Home)")
        self.back_button = button(QStyle.StandardPixmap.SP_MediaSeekBackward, "Step back (←)")
        self.play_button = button(QStyle.StandardPixmap.SP_MediaPlay, "Play / pause (Space)")
        self.forward_button = button(QStyle.StandardPixmap.SP_MediaSeekForward, "Step forward (→)")
        self.timeline = QSlider(Qt.Orientation.Horizontal, self)
        self.timeline.setToolTip("Drag to revisit any step already computed")
        self.timeline.setRange(0, 0)
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows belong to the view
        self.step_label = QLabel("step 0 / 0", self)
        # A fixed size (both ways: with only the width fixed, every setText still posts a
        # layout request) so a new step number never re-lays out the bar or the view.
        metrics = self.step_label.fontMetrics()
        self.step_label.setFixedSize(
            metrics.horizontalAdvance("step 00000 / 00000+") + 8,
            max(self.step_label.sizeHint().height(), metrics.height() + 4),
        )
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.speed_box = QComboBox(self)
        self.speed_box.setToolTip("Playback speed")
        for s in SPEEDS:
            self.speed_box.addItem(_speed_text(s), s)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.loop_box = QCheckBox("Loop", self)
        self.loop_box.setToolTip("Start again from step 0 at the end of the run")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.reset_button, self.back_button, self.play_button, self.forward_button):
            layout.addWidget(w)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.step_label)
        layout.addWidget(QLabel("Speed", self))
        layout.addWidget(self.speed_box)
        layout.addWidget(self.loop_box)

        self.reset_button.clicked.connect(player.reset)
        self.back_button.clicked.connect(player.step_back)
        self.forward_button.clicked.connect(player.step_forward)
        self.play_button.clicked.connect(player.toggle)
        self.timeline.valueChanged.connect(self._on_timeline_moved)
        self.speed_box.currentIndexChanged.connect(self._on_speed_chosen)
        self.loop_box.toggled.connect(player.set_loop)
        player.frame_changed.connect(self._on_frame_changed)
        player.timeline_grew.connect(self._on_timeline_grew)
        player.playback_toggled.connect(self._on_playback_toggled)

    def _on_speed_chosen(self, row: int) -> None:
        self.player.set_speed(float(self.speed_box.itemData(row)))

    def _on_timeline_moved(self, value: int) -> None:
        if value != self.player.index:
            self.player.seek(value)

    def _on_timeline_grew(self, count: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setMaximum(max(0, count - 1))
        self.timeline.blockSignals(False)
        self._update_label()

    def _on_frame_changed(self, index: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setValue(index)
        self.timeline.blockSignals(False)
        self._update_label()

    def _on_playback_toggled(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))

    def _update_label(self) -> None:
        history = self.player.history
        total = 0 if history is None else len(history) - 1
        more = "" if history is None or history.complete else "+"
        self.step_label.setText(f"step {self.player.index} / {total}{more}")
