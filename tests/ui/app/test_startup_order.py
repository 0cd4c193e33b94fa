"""Start-up order: the window is shown before the Study tab is built, and nothing is lost.

The Study tab sits behind Today, so its question view (and the modules it imports) are
built after the first paint (`MainWindow.after_first_paint`), or at once when something
asks for it. Either way the learner's last question comes back and Today stays in front.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import LAST_POSITION_KEY, MainWindow
from app.question_view import QuestionView
from app.store import Store
from visualizers.core.explanation import replace_html


def _window(qtbot: QtBot, tmp_path: Path, last: str | None = None) -> tuple[MainWindow, Store]:
    store = Store(tmp_path / "progress.sqlite3")
    if last is not None:
        store.set_value(LAST_POSITION_KEY, last)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_library(), store, settings)
    qtbot.addWidget(window)
    return window, store


def test_study_tab_is_built_after_the_first_paint(qtbot: QtBot, tmp_path: Path) -> None:
    window, store = _window(qtbot, tmp_path, "question:7")
    assert not isinstance(window.tabs.widget(1), QuestionView)  # not built for the first paint
    window.after_first_paint(window.finish_startup, fallback_ms=5000)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), QuestionView), timeout=3000)
    assert window.tabs.widget(1) is window.question_view
    assert window.tabs.currentWidget() is window.today  # still the start page in front
    assert window.tabs.tabText(1) == "Study"
    question = window.question_view.question
    assert question is not None and question.number == 7  # the last position came back
    assert window.navigator.visible_question_numbers()  # the tree was there all along
    window.close()
    store.close()


def test_asking_for_the_study_tab_builds_it_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    window, store = _window(qtbot, tmp_path, "question:3")
    view = window.question_view  # e.g. a menu action before the idle build
    assert window.tabs.widget(1) is view and window.tabs.currentWidget() is window.today
    assert view.question is not None and view.question.number == 3
    window.finish_startup()  # the idle build later finds it done
    assert window.question_view is view and window.tabs.count() == 2
    window.close()
    store.close()


def test_navigating_first_shows_that_question_not_the_last_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, store = _window(qtbot, tmp_path, "question:3")
    window.show_question(5)
    assert window.tabs.currentWidget() is window.question_view
    question = window.question_view.question
    assert question is not None and question.number == 5
    assert store.get_value(LAST_POSITION_KEY) == "question:5"
    window.close()
    store.close()


def test_replace_html_replaces_and_survives_an_outside_clear(qtbot: QtBot) -> None:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    replace_html(edit, "<b>first</b> text")
    assert edit.toPlainText() == "first text"
    replace_html(edit, "<i>second</i>")
    assert edit.toPlainText() == "second"
    edit.clear()  # someone else emptied it: the same HTML must come back
    replace_html(edit, "<i>second</i>")
    assert edit.toPlainText() == "second"
    edit.setHtml("other")
    replace_html(edit, "<i>second</i>")
    assert edit.toPlainText() == "second"


def test_the_visualizers_menu_is_filled_after_the_first_paint(qtbot: QtBot, tmp_path: Path) -> None:
    window, store = _window(qtbot, tmp_path)
    assert window.visualizers_menu.isEmpty()  # the registry is not read for the first paint
    window.after_first_paint(window.finish_startup, fallback_ms=5000)
    window.show()
    qtbot.waitUntil(lambda: not window.visualizers_menu.isEmpty(), timeout=3000)
    window.close()
    store.close()


def test_the_search_box_offers_its_clear_button_once_there_is_text(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, store = _window(qtbot, tmp_path)
    search = window.navigator.search
    assert not search.isClearButtonEnabled()  # its icon is not made for the first paint
    qtbot.keyClicks(search, "bias")
    assert search.isClearButtonEnabled()
    search.clear()
    assert search.isClearButtonEnabled()  # stays: the next text needs it again
    window.close()
    store.close()
