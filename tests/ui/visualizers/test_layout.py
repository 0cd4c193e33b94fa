"""Visualizer tabs reflow instead of clipping (issue 15), checked offscreen.

Every visualizer in the registry, in the main window at the supported sizes, with and
without the navigation pane: no plot's content (title, axes, view box) runs past its
widget, none is smaller than 240 × 160, each can be brought fully into view. The same
checks run in a real window under Xvfb in tests/realwindow/.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow
from visualizers.core import registry
from visualizers.core.layout import ReflowGridLayout, plot_problems
from visualizers.core.plotting import MIN_PLOT_HEIGHT, MIN_PLOT_WIDTH

SPEC_IDS = [spec.id for spec in registry.all_specs()]


@pytest.fixture
def window(main_window: Callable[..., MainWindow]) -> MainWindow:
    return main_window(None)


def _settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900), (1920, 1080)])
@pytest.mark.parametrize("navigation", [True, False])
@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_no_plot_is_clipped_or_too_small(
    window: MainWindow, qtbot: QtBot, spec_id: str, size: tuple[int, int], navigation: bool
) -> None:
    window.resize(*size)
    if window.navigation_action.isChecked() != navigation:
        window.navigation_action.trigger()
    view = window.open_visualizer(spec_id)
    assert view is not None
    _settle(qtbot)
    assert plot_problems(view, window) == []


def test_a_small_window_request_is_honoured(window: MainWindow, qtbot: QtBot) -> None:
    """Asking for 1024×700 with every visualizer open gives 1024×700 (minimums add up to less)."""
    for spec_id in SPEC_IDS:
        window.open_visualizer(spec_id)
    window.resize(1024, 700)
    _settle(qtbot)
    assert window.minimumSizeHint().width() <= 1024
    assert (window.width(), window.height()) == (1024, 700)


def test_grid_uses_fewer_columns_when_narrow(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    grid = ReflowGridLayout(host)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(4)
    cells = []
    for i in range(6):
        cell = QLabel(f"cell {i}", host)
        cell.setMinimumSize(MIN_PLOT_WIDTH, MIN_PLOT_HEIGHT)
        grid.addWidget(cell, i // 3, i % 3)
        cells.append(cell)
    host.resize(3 * MIN_PLOT_WIDTH + 8, 2 * MIN_PLOT_HEIGHT + 4)
    host.show()
    _settle(qtbot)
    assert grid.columns_now() == 3
    assert cells[4].geometry().topLeft().toTuple() == (MIN_PLOT_WIDTH + 4, MIN_PLOT_HEIGHT + 4)
    # One pixel too narrow for three columns: two, in reading order, three rows.
    assert grid.columns_for_width(3 * MIN_PLOT_WIDTH + 7) == 2
    host.resize(3 * MIN_PLOT_WIDTH + 7, 3 * MIN_PLOT_HEIGHT + 8)
    _settle(qtbot)
    assert grid.columns_now() == 2
    width = 3 * MIN_PLOT_WIDTH + 7
    first_column = -(-(width - 4) // 2)  # the spare width is shared by the two columns
    assert [c.geometry().topLeft().toTuple() for c in cells[2:4]] == [
        (0, MIN_PLOT_HEIGHT + 4),
        (first_column + 4, MIN_PLOT_HEIGHT + 4),
    ]
    assert host.minimumSizeHint().height() >= 3 * MIN_PLOT_HEIGHT + 8
    for cell in cells:
        assert cell.width() >= MIN_PLOT_WIDTH and cell.height() >= MIN_PLOT_HEIGHT
    assert grid.columns_for_width(MIN_PLOT_WIDTH) == 1


def test_explanation_shows_six_lines_and_never_stops_mid_line(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(1280, 720)
    view = window.open_visualizer(SPEC_IDS[0])
    _settle(qtbot)
    text = view.explanation.text  # type: ignore[union-attr]
    line = text.fontMetrics().lineSpacing()
    assert text.viewport().height() >= 6 * line
    text.setText("<br>".join(f"line {i}" for i in range(40)))
    text.verticalScrollBar().setValue(int(line * 7.5))
    text.snap_to_line()
    value = text.verticalScrollBar().value()
    block = text.document().findBlockByLineNumber(0)
    layout = text.document().documentLayout()
    tops = set()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        for i in range(block.layout().lineCount()):
            tops.add(round(top + block.layout().lineAt(i).y()))
        block = block.next()
    assert value in tops
    assert 0 < value <= line * 7.5


@pytest.mark.parametrize("spec_id", SPEC_IDS)
def test_a_new_tab_is_laid_out_before_its_first_paint(
    main_window: Callable[..., MainWindow], qtbot: QtBot, spec_id: str
) -> None:
    # Opened by the menu's call, before any event-loop turn: the geometry the first paint
    # will use. It used to show the scroll areas' four scroll bars (removed by a queued
    # call a turn later) and plots a few pixels off their final size, painted twice.
    import pyqtgraph as pg
    from PySide6.QtWidgets import QAbstractScrollArea

    window = main_window((1400, 900))
    _settle(qtbot)
    view = window.open_visualizer(spec_id)
    assert view is not None

    def geometry() -> list[tuple[str, object]]:
        areas = [
            (
                a.objectName(),
                (a.verticalScrollBar().isVisible(), a.horizontalScrollBar().isVisible()),
            )
            for a in view.findChildren(QAbstractScrollArea)
            if a.objectName() in ("plots_scroll", "side_scroll")
        ]
        plots = [(p.objectName(), p.size().toTuple()) for p in view.findChildren(pg.PlotWidget)]
        return areas + plots

    at_open = geometry()
    assert [name for name, _ in at_open[:2]] == ["side_scroll", "plots_scroll"]
    assert all(bars == (False, False) for _, bars in at_open[:2])
    _settle(qtbot)
    assert geometry() == at_open
