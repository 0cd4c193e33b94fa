"""The defects that broke a learner's trust (issue 14), each driven like a user in a window."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from app.content import Question
from app.main_window import MainWindow
from app.question_view import QuestionView
from app.study.ui import menu

CTRL = Qt.KeyboardModifier.ControlModifier


def _shown(view: QuestionView) -> Question:
    question = view.question
    assert question is not None
    return question


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


@pytest.fixture
def window(main_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return main_window((1280, 720), activate=True)


def _bookmarks(window: MainWindow) -> set[str]:
    return {qid for qid, s in window.store.all_states().items() if s.bookmarked}


def test_question_shortcuts_act_on_the_review_card_in_front(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_question(5)  # the hidden Study tab shows Q5
    study_id = _shown(window.question_view).id
    # Q1 graded: the review card in front is Q2, which has a visualizer.
    menu.study_service(window).record_review(window.library.questions[0].id, 3)
    review = menu.open_review(window)
    assert _shown(review.question_view).number == 2
    card = review.question_view
    card_id = _shown(card).id
    assert card_id != study_id
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    assert card.revealed and not window.question_view.revealed
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    assert _bookmarks(window) == {card_id}
    assert card.bookmark_button.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    assert window.store.state(card_id).known and not window.store.state(study_id).known
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert not window.store.state(card_id).studied  # Know it set it; Ctrl+E took it back
    before = window.tabs.count()
    qtbot.keyClick(window, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.count() == before + 1
    assert window.tabs.tabText(window.tabs.currentIndex()).replace("&&", "&") in {
        s.title for s in __import__("visualizers.core.registry", fromlist=["x"]).all_specs()
    }


def test_question_shortcuts_do_nothing_where_no_question_is_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_question(3)
    menu.open_dashboard(window)
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    assert _bookmarks(window) == set()
    assert not window.question_view.revealed
    assert not window.bookmark_action.isEnabled()


def test_bookmark_in_review_updates_the_study_tab_and_the_tree(
    window: MainWindow, qtbot: QtBot
) -> None:
    review = menu.open_review(window)
    number = _shown(review.question_view).number
    window.tabs.setCurrentWidget(window.question_view)
    window.show_question(number)
    menu.open_review(window)
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    assert window.question_view.bookmark_button.isChecked()  # same question, other tab
    item = window.navigator._items[("question", str(number))]
    assert "★" in item.text(0)


def test_typed_answer_and_prediction_survive_leaving_and_returning(window: MainWindow) -> None:
    number = next(q.number for q in window.library.questions if q.visualizer == "kmeans")
    window.show_question(number)
    recall = window.question_view.recall
    recall.answer_box.setPlainText("Lloyd: assign, then update")
    recall.predict_group.button(1).setChecked(True)
    window.show_question(1)
    assert recall.answer_box.toPlainText() == ""
    window.show_question(number)
    assert recall.answer_box.toPlainText() == "Lloyd: assign, then update"
    assert recall.predict_group.checkedId() == 1
    assert recall.predict_button.isEnabled()


def test_study_pane_starts_at_the_top_for_each_question(window: MainWindow) -> None:
    window.show_question(23)
    recall = window.question_view.recall
    window.question_view.reveal()
    bar = recall.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    window.show_question(24)
    assert bar.value() == 0


def test_grade_button_interval_equals_the_confirmation(window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.question_view)
    window.show_question(2)
    recall = window.question_view.recall
    window.question_view.reveal()
    for rating in (2,):
        button_text = recall.grade_buttons[rating].text()
        interval = button_text.split("·")[-1].strip()
        recall.grade(rating)
        assert f"in {interval} (" in recall.status.text(), (button_text, recall.status.text())


def test_reading_mode_shows_no_grading_widgets_and_study_mode_hides_follow_ups(
    window: MainWindow,
) -> None:
    window.tabs.setCurrentWidget(window.question_view)
    window.show_question(10)
    view = window.question_view
    question = _shown(view)
    view.reveal()
    html = view.browser.toHtml()
    follow_up = question.follow_ups[0]
    first_words = " ".join(re.sub(r"[`*$\\]", "", follow_up.answer).split()[:4])
    assert "show the answer" in html
    assert first_words not in view.browser.toPlainText()
    view._on_anchor(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("followup:0"))
    assert first_words in view.browser.toPlainText()
    window.reading_action.trigger()
    assert not view.recall.isVisibleTo(view)
    assert "show the answer" not in view.browser.toHtml()
    window.reading_action.trigger()
    assert view.recall.isVisibleTo(view)


def test_status_bar_does_not_repeat_the_question_count(window: MainWindow) -> None:
    status = window.statusBar().currentMessage()
    assert "questions" not in status and "due" in status
    assert window.navigator.summary.text() == f"{len(window.library.questions)} questions"


def test_a_search_with_no_match_says_so(window: MainWindow, qtbot: QtBot) -> None:
    window.navigator.search.setText("zzzyx qqq")
    qtbot.waitUntil(lambda: window.navigator.no_match.isVisible())
    assert "No question matches" in window.navigator.no_match.text()
    window.navigator.search.clear()
    qtbot.waitUntil(lambda: not window.navigator.no_match.isVisible())


def test_search_lists_results_by_relevance_and_highlights_the_answer(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.navigator.search.setText("momentum")
    qtbot.waitUntil(lambda: window.navigator.results.isVisible())
    first = window.navigator.results.topLevelItem(0)
    assert first is not None
    number = int(first.data(0, Qt.ItemDataRole.UserRole + 1))
    window.navigator.results.setCurrentItem(first)
    assert _shown(window.question_view).number == number
    window.question_view.reveal()
    html = window.question_view.browser.toHtml()
    assert "#fff1a8" in html or "#7a6a00" in html  # the highlight colour, light or dark


def test_undo_puts_the_card_back_in_the_review_tab(window: MainWindow, qtbot: QtBot) -> None:
    review = menu.open_review(window)
    first = review.current_question_id
    qtbot.keyClick(review.question_view, Qt.Key.Key_Space)
    qtbot.keyClick(review.question_view, Qt.Key.Key_3)
    assert window.store.review_count() == 1 and review.current_question_id != first
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.store.review_count() == 0
    assert review.current_question_id == first
    assert not review.question_view.revealed


def test_today_page_enter_starts_reviewing(window: MainWindow, qtbot: QtBot) -> None:
    assert window.tabs.currentWidget() is window.today
    assert "10" in window.today.figures.text()  # ten new waiting
    qtbot.keyClick(window.today, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.find_tab(
        __import__("app.study.ui.review_view", fromlist=["ReviewView"]).ReviewView
    )


def test_tree_shows_each_question_status(window: MainWindow) -> None:
    service = menu.study_service(window)
    qs = window.library.questions
    service.record_review(qs[0].id, 1)  # learning
    service.record_review(qs[1].id, 4)  # known (review state, days away)
    window.studio.notify()
    nav = window.navigator
    assert nav.status_of(qs[0].number) == "learning"
    assert nav.status_of(qs[1].number) == "known"
    assert nav.status_of(qs[2].number) == "new"
    item = nav._items[("question", str(qs[0].number))]
    assert "learning" in item.toolTip(0)


def test_browser_sorts_by_schedule_columns(window: MainWindow) -> None:
    service = menu.study_service(window)
    qs = window.library.questions
    service.record_review(qs[4].id, 1)
    service.record_review(qs[4].id, 1)
    service.record_review(qs[2].id, 4)
    browser = menu.open_browser(window)
    table = browser.table
    table.sortItems(7, Qt.SortOrder.DescendingOrder)  # lapses
    assert _cell(table, 0, 0) == str(qs[4].number)
    table.sortItems(8, Qt.SortOrder.DescendingOrder)  # last grade: Easy first
    assert _cell(table, 0, 8) == "Easy"
    table.sortItems(0, Qt.SortOrder.DescendingOrder)
    # numeric, not text, order: the largest number first ("99" would win as text)
    assert _cell(table, 0, 0) == str(max(q.number for q in qs))
    browser.search.setText("zzzyx")
    browser.refresh()
    assert table.rowCount() == 0 and "No question matches" in browser.message.text()


def test_a_closed_browse_tab_stops_listening_for_progress(window: MainWindow, qtbot: QtBot) -> None:
    """Grading after the Browse tab was closed must not call into the deleted widget.

    Found by the monkey test: the tab listened through a lambda, which Qt can't drop when
    the widget goes, so the next change raised "Internal C++ object already deleted".
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    browser = menu.open_browser(window)
    browser.show()
    window.close_tab(window.tabs.indexOf(browser))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with qtbot.captureExceptions() as caught:
        menu.study_service(window).record_review(window.library.questions[0].id, 3)
        window.studio.progress_changed.emit("")
    assert not [str(value) for _kind, value, _tb in caught]
