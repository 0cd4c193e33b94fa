"""`AfterPaint`: work deferred until a widget has painted, never before, latest call only."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from visualizers.core.after_paint import AfterPaint


class _Canvas(QWidget):
    """A widget that counts its paints."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1


def _shown(qtbot: QtBot) -> _Canvas:
    canvas = _Canvas()
    qtbot.addWidget(canvas)
    canvas.resize(120, 80)
    canvas.show()
    qtbot.waitExposed(canvas)
    qtbot.waitUntil(lambda: canvas.paints > 0)
    return canvas


def test_the_callback_runs_after_the_next_paint_and_not_before(qtbot: QtBot) -> None:
    canvas = _shown(qtbot)
    after = AfterPaint(canvas)
    seen: list[int] = []
    after.call(lambda: seen.append(canvas.paints))
    qtbot.wait(60)  # event-loop turns, but nothing asked the canvas to paint
    assert seen == [] and after.pending
    before = canvas.paints
    canvas.update()
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [before + 1]  # run once the paint was done, in a later turn
    assert not after.pending
    canvas.update()
    qtbot.waitUntil(lambda: canvas.paints == before + 2)
    qtbot.wait(30)
    assert seen == [before + 1]  # once only


def test_a_newer_call_replaces_the_one_still_waiting(qtbot: QtBot) -> None:
    canvas = _shown(qtbot)
    after = AfterPaint(canvas)
    seen: list[str] = []
    after.call(lambda: seen.append("old run"))
    after.call(lambda: seen.append("new run"))
    canvas.update()
    qtbot.waitUntil(lambda: seen != [])
    qtbot.wait(30)
    assert seen == ["new run"]


def test_a_hidden_widget_runs_it_only_once_shown_and_painted(qtbot: QtBot) -> None:
    canvas = _shown(qtbot)
    canvas.hide()
    after = AfterPaint(canvas)
    seen: list[bool] = []
    after.call(lambda: seen.append(canvas.isVisible()))
    canvas.update()
    qtbot.wait(60)
    assert seen == []
    canvas.show()
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [True]
