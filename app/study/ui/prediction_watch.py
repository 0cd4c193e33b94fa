"""Predict, then watch: the strip shown on top of a visualizer opened for a prediction.

It repeats the prediction while the run plays, and shows the verdict only once the player
has advanced the prompt's `watch_steps` steps (or the run ended sooner): the learner sees
the answer happen before being told it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from app.study.core.predictions import Prompt
from app.theme import secondary_text, tone


class PredictionWatch(QFrame):
    """Watches `player` (a visualizer's Player) and reveals the verdict when it is earned."""

    verdict_shown = Signal(bool)  # right?

    def __init__(self, prompt: Prompt, chosen: int, player: object, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("predictionWatch")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.prompt = prompt
        self.chosen = chosen
        self.player = player
        self.revealed = False
        self.label = QLabel(self)
        self.label.setObjectName("predictionVerdict")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Hide")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.label.setText(
            f"<b>Your prediction:</b> {prompt.choices[chosen]}<br>"
            f"<span style='color:{secondary_text().name()};'>{prompt.how_to_check} Play (Space) or step (→): the "
            f"verdict appears after {prompt.watch_steps} step(s) of the run.</span>"
        )
        frame_changed = getattr(player, "frame_changed", None)
        if frame_changed is not None:
            frame_changed.connect(self._on_frame)

    def _on_frame(self, index: int) -> None:
        if self.revealed:
            return
        history = getattr(self.player, "history", None)
        ended = history is not None and history.complete and index >= len(history) - 1
        if index >= self.prompt.watch_steps or (ended and index > 0):
            self.reveal()

    def reveal(self) -> None:
        self.revealed = True
        right = self.chosen == self.prompt.correct
        colour = tone("good" if right else "bad").name()
        self.setStyleSheet(f"#predictionWatch {{ border-left: 4px solid {colour}; }}")
        self.label.setText(
            f"<b>Your prediction:</b> {self.prompt.choices[self.chosen]}<br>"
            + self.prompt.verdict(self.chosen)
        )
        self.show()
        self.verdict_shown.emit(right)
