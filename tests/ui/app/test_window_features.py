"""Main-window pieces of issue 15: navigation pane toggle, visualizer beside the answer,
and the Visualizers menu focusing an open visualizer instead of duplicating it."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.main_window import MainWindow

Factory = Callable[..., MainWindow]  # the `main_window` fixture of tests/conftest.py


def test_navigation_pane_toggles_and_is_remembered(main_window: Factory) -> None:
    window = main_window()
    assert window.navigator.isVisible()
    assert window.navigation_action.shortcut().toString() == "Ctrl+\\"
    window.navigation_action.trigger()
    assert not window.navigator.isVisible()
    window.close()
    again = main_window()
    assert not again.navigation_action.isChecked() and not again.navigator.isVisible()
    again.navigation_action.trigger()
    assert again.navigator.isVisible()


def test_visualizers_menu_focuses_an_open_visualizer(main_window: Factory) -> None:
    window = main_window()
    window.visualizers_menu.aboutToShow.emit()  # a user opening the menu
    action = next(a for a in window.visualizers_menu.actions() if "k-means" in a.text())
    action.trigger()
    count = window.tabs.count()
    view = window.tabs.currentWidget()
    window.tabs.setCurrentWidget(window.question_view)
    action.trigger()
    assert window.tabs.count() == count
    assert window.tabs.currentWidget() is view


def test_visualizer_beside_the_answer(main_window: Factory, qtbot: QtBot) -> None:
    window = main_window()
    question = next(q for q in window.library.questions if q.visualizer == "pr_threshold")
    window.show_question(question.number)
    window.beside_action.trigger()
    assert window.beside_action.isChecked()
    tabs = window.tabs.count()
    window.question_view.open_visualizer()
    view = window.beside_view
    assert view is not None and window.tabs.count() == tabs
    # The answer and the visualizer are on screen together, side by side.
    assert window.tabs.currentWidget() is window.question_view
    assert view.isVisible() and window.question_view.isVisible()
    assert (
        view.mapTo(window, view.rect().topLeft()).x()
        > window.question_view.mapTo(window, window.question_view.rect().topRight()).x()
    )
    assert window.splitter.sizes()[2] >= 400
    # Asking again focuses it; a different visualizer takes its place, the old one a tab.
    assert window.open_visualizer("pr_threshold") is view
    other = window.open_visualizer("kmeans")
    assert window.beside_view is other and window.tabs.count() == tabs + 1
    assert window.find_visualizer("pr_threshold") is view and view in window.visualizer_tabs()
    window._move_beside_to_tab()
    assert window.beside_view is None and window.tabs.count() == tabs + 2
    assert not window.beside_pane.isVisible()


def test_answer_tables_have_padded_cells(main_window: Factory) -> None:
    """A Markdown table in an answer: every cell padded (columns never run together)."""
    from PySide6.QtGui import QTextCursor, QTextDocument

    from app.rendering import render_markdown

    window = main_window()
    html = window.question_view._page(render_markdown("| a | b |\n|---|---|\n| one | two |\n"))
    document = QTextDocument()
    document.setHtml(html)
    block = document.begin()
    table = None
    while block.isValid() and table is None:
        table = QTextCursor(block).currentTable()
        block = block.next()
    assert table is not None, "no table in the rendered answer"
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column).format().toTableCellFormat()
            assert cell.leftPadding() >= 4 and cell.rightPadding() >= 4
