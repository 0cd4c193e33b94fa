"""The player: one QTimer per open visualizer, walking a frame `History` forwards and back.

The player owns no frame data of its own; it holds an index into a `History` (which
computes frames lazily and never recomputes them), so stepping back and scrubbing are
just indexing. Speed is a multiplier of `BASE_STEPS_PER_SECOND`; above what the timer can
tick, several steps are taken per tick and only the last one is shown (`frame_changed`
is emitted once per tick), so 16x never floods the GUI thread with redraws.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from visualizers.core.frames import Frame, History

BASE_STEPS_PER_SECOND = 8.0
MIN_SPEED = 0.25
MAX_SPEED = 16.0
SPEEDS: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
# About 60 redraws a second at most: faster ticks would only queue paints nobody sees.
MIN_TICK_MS = 16


class Player(QObject):
    """Play / pause / step / seek over a frame history, driven by a single QTimer."""

    frame_changed = Signal(int)  # the index of the frame now shown
    playback_toggled = Signal(bool)  # True when playing started, False when it stopped
    timeline_grew = Signal(int)  # the number of frames computed so far
    history_replaced = Signal()  # a new run (new stepper) replaced the old history

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history: History[Any] | None = None
        self._index = 0
        self._speed = 1.0
        self._loop = False
        self._carry = 0.0  # fractional steps owed by earlier ticks at slow/odd speeds
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._apply_speed()

    # -- state -----------------------------------------------------------------------
    @property
    def history(self) -> History[Any] | None:
        return self._history

    @property
    def index(self) -> int:
        return self._index

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def loop(self) -> bool:
        return self._loop

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def current(self) -> Frame | None:
        return None if self._history is None else self._history[self._index]

    def computed(self) -> int:
        """How many frames exist so far (the timeline's extent)."""
        return 0 if self._history is None else len(self._history)

    def at_end(self) -> bool:
        """True on the last frame of a completed run."""
        h = self._history
        return h is None or (h.complete and self._index >= len(h) - 1)

    # -- run -------------------------------------------------------------------------
    def set_history(self, history: History[Any]) -> None:
        """Start showing a new run at frame 0; keeps playing if it was playing."""
        self._history = history
        self._index = 0
        self._carry = 0.0
        self.history_replaced.emit()
        self.timeline_grew.emit(len(history))
        self.frame_changed.emit(0)

    # -- transport -------------------------------------------------------------------
    def play(self) -> None:
        if self._history is None or self.playing:
            return
        if self.at_end():
            # Play at the end of a run means "again", as in any media player.
            self.seek(0)
        self._carry = 0.0
        self._timer.start()
        self.playback_toggled.emit(True)

    def pause(self) -> None:
        if self.playing:
            self._timer.stop()
            self.playback_toggled.emit(False)

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def step_forward(self) -> bool:
        """Show the next frame (computing it if needed); False when the run is over."""
        return self._advance(1)

    def step_back(self) -> bool:
        """Show the previous frame; False when already at frame 0."""
        if self._history is None or self._index == 0:
            return False
        self._index -= 1
        self.frame_changed.emit(self._index)
        return True

    def seek(self, index: int) -> None:
        """Show frame `index`, computing up to it if needed (clamped to the run's length)."""
        if self._history is None:
            return
        before = len(self._history)
        self._index = self._history.extend_to(max(0, int(index)))
        if len(self._history) != before:
            self.timeline_grew.emit(len(self._history))
        self.frame_changed.emit(self._index)

    def compute_ahead(self, index: int) -> int:
        """Compute frames up to `index` without moving; returns the number of frames."""
        if self._history is None:
            return 0
        before = len(self._history)
        self._history.extend_to(index)
        if len(self._history) != before:
            self.timeline_grew.emit(len(self._history))
        return len(self._history)

    def reset(self) -> None:
        """Back to frame 0 and stop."""
        self.pause()
        self.seek(0)

    def set_speed(self, speed: float) -> None:
        self._speed = min(MAX_SPEED, max(MIN_SPEED, float(speed)))
        self._apply_speed()

    def set_loop(self, loop: bool) -> None:
        self._loop = bool(loop)

    def shutdown(self) -> None:
        """Stop the clock for good (the view is closing)."""
        self._timer.stop()

    # -- clock -----------------------------------------------------------------------
    def _apply_speed(self) -> None:
        steps_per_second = BASE_STEPS_PER_SECOND * self._speed
        self._timer.setInterval(max(MIN_TICK_MS, round(1000.0 / steps_per_second)))

    def _steps_per_tick(self) -> float:
        return BASE_STEPS_PER_SECOND * self._speed * self._timer.interval() / 1000.0

    def tick(self) -> None:
        """One clock tick: advance by the speed's worth of steps (the timer calls this)."""
        self._carry += self._steps_per_tick()
        steps = int(self._carry)
        self._carry -= steps
        if steps == 0:
            return
        if not self._advance(steps):
            if self._loop and self._history is not None and len(self._history) > 1:
                self.seek(0)
            else:
                self.pause()

    def _advance(self, steps: int) -> bool:
        h = self._history
        if h is None:
            return False
        before = len(h)
        target = h.extend_to(self._index + steps)
        if len(h) != before:
            self.timeline_grew.emit(len(h))
        if target == self._index:
            return False
        self._index = target
        self.frame_changed.emit(self._index)
        return True
