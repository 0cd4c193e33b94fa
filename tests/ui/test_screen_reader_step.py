"""What a screen reader is given for one animation step (issue 21), read through QAccessible.

Orca 43 (checked under Xvfb, `tools/orca_step.sh`) speaks a change of the *focused*
object's description and nothing said elsewhere: the plots' and explanation's texts
changed on every step, but the tab that has the focus after it opens was an unnamed
"filler", so stepping with → was silent. Now the tab is named and its description is the
step; a focused step button's description carries it too; playing says nothing until the
pause (ten descriptions a second would drown the reader).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow


@pytest.fixture
def window(main_window: Callable[..., MainWindow]) -> MainWindow:
    return main_window((1280, 720), activate=True)


def accessible(widget: QWidget) -> tuple[str, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


def plain(html: str) -> str:
    """The characters of `html` without tags or any white space (layout may differ)."""
    return "".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_stepping_from_the_focused_tab_describes_the_step(window: MainWindow, qtbot: QtBot) -> None:
    view: Any = window.open_visualizer("pr_threshold")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    name, _ = accessible(view)
    assert name == "Precision, recall & the threshold visualizer"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.player.index == 1)
    assert view.hasFocus()  # the focused object is the tab: what Orca reads
    _, description = accessible(view)
    frame = view.current_frame
    assert description.startswith("Step 1: ")
    # The narration the learner reads (its numbers: the threshold of this step) is spoken.
    narration = plain(view.explain(frame))
    assert narration and narration in "".join(description.split())
    assert f"{frame.threshold:.4f}" in description


def test_a_focused_step_button_says_the_step_and_keeps_its_tooltip(
    window: MainWindow, qtbot: QtBot
) -> None:
    view: Any = window.open_visualizer("kmeans")
    step = next(b for b in view.findChildren(QToolButton) if b.accessibleName() == "Step forward")
    step.setFocus()
    qtbot.waitUntil(step.hasFocus)
    qtbot.keyClick(step, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.player.index == 1)
    name, description = accessible(step)
    assert name == "Step forward"
    assert description.startswith(step.toolTip())
    assert "Step 1: " in description


def test_playing_is_quiet_until_the_pause(window: MainWindow, qtbot: QtBot) -> None:
    view: Any = window.open_visualizer("pr_threshold")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    before = accessible(view)[1]
    view.player.play()
    qtbot.waitUntil(lambda: view.player.index >= 3, timeout=5000)
    assert accessible(view)[1] == before
    view.player.pause()
    qtbot.waitUntil(lambda: accessible(view)[1].startswith(f"Step {view.player.index}: "))
