"""The shared Player and its controls: transport, speed, loop, scrubbing, shortcuts."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from visualizers.core.frames import Frame, History
from visualizers.core.player import BASE_STEPS_PER_SECOND, MAX_SPEED, MIN_SPEED, Player
from visualizers.core.player_controls import PlayerControls


@dataclasses.dataclass(frozen=True)
class CountFrame(Frame):
    pass


class Counter:
    def __init__(self, stop: int) -> None:
        self.stop = stop

    def first(self) -> CountFrame:
        return CountFrame(step=0, explanation="start")

    def advance(self, frame: CountFrame) -> CountFrame:
        n = frame.step + 1
        return CountFrame(step=n, explanation=f"step {n}", finished=n >= self.stop)


@pytest.fixture
def player(qtbot: QtBot) -> Player:
    p = Player()
    p.set_history(History(Counter(stop=20)))
    return p


def test_step_forward_back_and_seek(player: Player) -> None:
    seen: list[int] = []
    player.frame_changed.connect(seen.append)
    assert player.step_forward() and player.step_forward()
    assert player.index == 2
    assert player.step_back() and player.index == 1
    player.seek(15)
    assert player.index == 15 and player.current is not None and player.current.step == 15
    player.seek(500)  # clamped to the end of the run
    assert player.index == 20 and player.at_end()
    assert not player.step_forward()
    player.reset()
    assert player.index == 0 and not player.step_back()
    assert seen == [1, 2, 1, 15, 20, 0]


def test_speed_is_clamped_and_fast_speeds_take_several_steps_a_tick(player: Player) -> None:
    player.set_speed(100)
    assert player.speed == MAX_SPEED
    player.set_speed(0.01)
    assert player.speed == MIN_SPEED
    player.set_speed(16)
    player.play()
    player.tick()
    per_tick = BASE_STEPS_PER_SECOND * 16 * 16 / 1000  # 16 ms ticks
    assert player.index == int(per_tick) >= 2
    player.pause()


def test_play_stops_at_the_end_or_loops(qtbot: QtBot, player: Player) -> None:
    player.set_speed(16)
    player.play()
    qtbot.waitUntil(lambda: not player.playing, timeout=5000)
    assert player.at_end()
    player.set_loop(True)
    player.play()  # at the end, play starts again from 0
    assert player.index == 0
    for _ in range(20):
        player.tick()
    assert player.playing  # looping never stops by itself
    player.shutdown()
    assert not player.playing


def test_controls_follow_the_player_and_scrub_it(qtbot: QtBot, player: Player) -> None:
    controls = PlayerControls(player)
    qtbot.addWidget(controls)
    player.seek(7)
    assert controls.timeline.value() == 7
    assert controls.step_label.text() == "step 7 / 7+"
    player.seek(20)
    assert controls.step_label.text() == "step 20 / 20"
    controls.timeline.setValue(3)
    assert player.index == 3
    qtbot.mouseClick(controls.back_button, Qt.MouseButton.LeftButton)
    assert player.index == 2
    qtbot.mouseClick(controls.forward_button, Qt.MouseButton.LeftButton)
    assert player.index == 3
    controls.speed_box.setCurrentText("4x")
    assert player.speed == 4.0
    controls.loop_box.setChecked(True)
    assert player.loop
    qtbot.mouseClick(controls.play_button, Qt.MouseButton.LeftButton)
    assert player.playing
    qtbot.mouseClick(controls.play_button, Qt.MouseButton.LeftButton)
    assert not player.playing
    qtbot.mouseClick(controls.reset_button, Qt.MouseButton.LeftButton)
    assert player.index == 0
