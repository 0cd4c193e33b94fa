"""Keyboard only (issues 15 and 21): key events sent to whatever has focus, no mouse.

- Space and Home reach the player while a parameter spin box has focus (the spin box used
  to swallow them); a focused check box keeps Space.
- The journey: open a question, reveal, grade, open its visualizer, step, and move the
  threshold (the PR visualizer's animation sweeps it), with key events only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(main_window: Callable[..., MainWindow]) -> MainWindow:
    return main_window((1400, 900), activate=True)


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QWidget:
    """Send one key to the focused widget (as a keyboard would); returns that widget."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifiers)
    return target


def test_space_and_home_reach_the_player_from_a_spin_box(window: MainWindow, qtbot: QtBot) -> None:
    view: Any = window.open_visualizer("gradient_descent")
    assert view is not None
    player = view.player
    spin = view.parameter_panel.editors["learning_rate"].spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    value = spin.value()
    for _ in range(3):
        player.step_forward()
    assert player.index == 3
    assert id(press(qtbot, Qt.Key.Key_Home)) == id(spin)  # the spin box had focus
    assert player.index == 0
    press(qtbot, Qt.Key.Key_Space)
    assert player.playing
    press(qtbot, Qt.Key.Key_Space)
    assert not player.playing
    assert spin.value() == value and spin.hasFocus()


def test_a_focused_check_box_keeps_space(window: MainWindow, qtbot: QtBot) -> None:
    view = window.open_visualizer("gradient_descent")
    loop = view.controls.loop_box  # type: ignore[union-attr]
    loop.setFocus()
    qtbot.waitUntil(loop.hasFocus)
    press(qtbot, Qt.Key.Key_Space)
    assert loop.isChecked()
    assert not view.player.playing  # type: ignore[union-attr]


def test_keyboard_only_journey(window: MainWindow, qtbot: QtBot) -> None:
    # Open a question: Go → Next question (Ctrl+Down) until Q14, which has the PR visualizer.
    window.navigator.tree.setFocus()
    qtbot.waitUntil(window.navigator.tree.hasFocus)
    for _ in range(40):
        question = window.question_view.question
        if question is not None and question.visualizer == "pr_threshold":
            break
        press(qtbot, Qt.Key.Key_Down, CTRL)
    question = window.question_view.question
    assert question is not None and question.visualizer == "pr_threshold"

    # Reveal (Ctrl+R), then grade "Good" with the 3 key.
    press(qtbot, Qt.Key.Key_R, CTRL)
    assert window.question_view.revealed
    recall = window.question_view.recall
    assert recall.can_grade
    press(qtbot, Qt.Key.Key_3)
    assert not recall.can_grade, "the 3 key did not grade"

    # Open its visualizer (Ctrl+Shift+V): a tab with keyboard focus inside it.
    press(qtbot, Qt.Key.Key_V, CTRL | SHIFT)
    view: Any = window.find_visualizer("pr_threshold")
    assert view is not None and window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.isAncestorOf(QApplication.focusWidget()) or view.hasFocus())

    # Step (→) and watch the threshold move with it; ← steps back.
    player = view.player
    start = player.current.threshold
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Right)
    assert player.index == 5
    moved = player.current.threshold
    assert moved != start
    press(qtbot, Qt.Key.Key_Left)
    assert player.index == 4

    # Tab moves focus through the tab's controls and reaches the parameter panel.
    panel = view.parameter_panel
    for _ in range(60):
        press(qtbot, Qt.Key.Key_Tab)
        if panel.isAncestorOf(QApplication.focusWidget()):
            break
    assert panel.isAncestorOf(QApplication.focusWidget())

    # Asking for the same visualizer again focuses the open tab, no duplicate.
    tabs = window.tabs.count()
    window.tabs.setCurrentWidget(window.question_view)
    window.question_view.setFocus()
    press(qtbot, Qt.Key.Key_V, CTRL | SHIFT)
    assert window.tabs.count() == tabs and window.tabs.currentWidget() is view
