"""The benchmark's menu → first frame: it ends when the new view's first paint pass ends,
not before the paint and not after what the view defers past it."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from benchmarks.first_frame import measure_open

PAINT_S, DEFERRED_S, OPEN_S = 0.06, 0.2, 0.03


class _SlowView(QWidget):
    """Paints in PAINT_S; after its first paint it runs DEFERRED_S of deferred work."""

    def __init__(self) -> None:
        super().__init__()
        self.deferred_done = False

    def paintEvent(self, event: QPaintEvent) -> None:
        time.sleep(PAINT_S)
        if not self.deferred_done:
            QTimer.singleShot(0, self._deferred)

    def _deferred(self) -> None:
        if not self.deferred_done:
            self.deferred_done = True
            time.sleep(DEFERRED_S)


class _Window(QWidget):
    """Just the menu's call: `open_visualizer` adds a view, taking OPEN_S to build it."""

    def __init__(self) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)

    def open_visualizer(self, spec_id: str) -> _SlowView:
        time.sleep(OPEN_S)
        view = _SlowView()
        self.column.addWidget(view)
        view.show()  # as a tab made current is
        return view


def _window(qtbot: QtBot) -> _Window:
    window = _Window()
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    return window


def test_the_clock_stops_when_the_first_paint_is_done_not_after_deferred_work(
    qtbot: QtBot,
) -> None:
    window = _window(qtbot)
    app = QApplication.instance()
    assert app is not None
    view, ms = measure_open(app, window, "any")
    assert isinstance(view, _SlowView)
    assert ms >= (OPEN_S + PAINT_S) * 1000  # the build and the first paint
    assert ms < (OPEN_S + PAINT_S + DEFERRED_S) * 1000  # not what ran after the paint
    qtbot.waitUntil(lambda: view.deferred_done)


def test_the_older_measure_is_the_call_and_a_synchronous_repaint(qtbot: QtBot) -> None:
    window = _window(qtbot)
    app = QApplication.instance()
    assert app is not None
    view, ms = measure_open(app, window, "any", sync_repaint=True)
    assert (OPEN_S + PAINT_S) * 1000 <= ms < (OPEN_S + PAINT_S + DEFERRED_S) * 1000
    assert isinstance(view, _SlowView) and not view.deferred_done  # no event loop turn yet
