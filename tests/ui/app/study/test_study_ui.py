"""Study mode driven like a user: grade with keys 1–4, work the queue, tick key points,
predict then watch, sit a mock interview, see the dashboard, export and import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow
from app.study.core.export_import import ImportValidationError, parse_progress
from app.study.ui import menu
from visualizers.core.base import VisualizerView


@pytest.fixture
def window(main_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # Modal boxes would block the headless run: answer them at once.
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    win = main_window((1300, 850), activate=True)
    win.tabs.setCurrentWidget(win.question_view)
    return win


def test_keys_grade_only_after_reveal(window: MainWindow, qtbot: QtBot) -> None:
    view = window.question_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert window.store.review_count() == 0  # not revealed yet: no grade
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert view.recall.can_grade
    qtbot.keyClick(view, Qt.Key.Key_3)
    reviews = window.store.reviews()
    assert [r.rating for r in reviews] == [3]
    assert "next due" in view.recall.status.text()
    qtbot.keyClick(view, Qt.Key.Key_4)  # one grade per showing
    assert window.store.review_count() == 1
    assert window.store.state(reviews[0].question_id).studied


def test_typing_digits_in_the_notes_does_not_grade(window: MainWindow, qtbot: QtBot) -> None:
    window.question_view.reveal()
    window.question_view.notes.setFocus()
    qtbot.keyClicks(window.question_view.notes, "1234")
    assert window.question_view.notes.toPlainText() == "1234"
    assert window.store.review_count() == 0


def test_checklist_suggests_a_grade(window: MainWindow) -> None:
    recall = window.question_view.recall
    recall.answer_box.setPlainText("bias is error from wrong assumptions...")
    window.question_view.reveal()
    assert recall.checklist_box.isVisible() and recall.checks
    assert recall.suggested_grade() == 1
    for box in recall.checks:
        box.setChecked(True)
    assert recall.suggested_grade() == 4
    assert "Easy" in recall.suggestion.text()
    assert recall.answer_box.isReadOnly()


def test_review_queue_works_through_the_day(window: MainWindow, qtbot: QtBot) -> None:
    menu.study_service(window).new_per_day = 3
    view = menu.open_review(window)
    assert window.tabs.currentWidget() is view
    assert view.queue is not None and len(view.queue) == 3
    graded = 0
    while view.current_question_id is not None and graded < 30:
        qtbot.keyClick(view.question_view, Qt.Key.Key_Space)  # reveal
        qtbot.keyClick(view.question_view, Qt.Key.Key_4)  # Easy: out of today's queue
        graded += 1
    assert graded == 3
    assert view.stack.currentWidget() is view.done
    assert "All done" in view.done.text()
    assert menu.open_review(window) is view  # one review tab, reused


def test_again_comes_back_in_the_same_session(window: MainWindow) -> None:
    menu.study_service(window).new_per_day = 1
    view = menu.open_review(window)
    first = view.current_question_id
    view.question_view.reveal()
    view.question_view.recall.grade(1)
    assert view.current_question_id == first
    assert not view.question_view.recall.can_grade  # shown afresh, answer hidden again


def test_predict_then_watch_stores_a_prediction_and_waits_for_the_run(
    window: MainWindow,
) -> None:
    number = next(q.number for q in window.library.questions if q.visualizer == "gradient_descent")
    window.show_question(number)
    recall = window.question_view.recall
    assert recall.predict_box.isVisibleTo(window.question_view)
    prompt = recall.current_prompt
    assert prompt is not None
    before = window.tabs.count()
    recall.predict_group.button(prompt.correct).setChecked(True)
    recall.predict_button.click()
    # A prediction is its own record: no review, the question is not marked studied.
    assert window.store.reviews() == []
    question = window.library.question(number)
    assert question is not None and not window.store.state(question.id).studied
    [stored] = window.store.predictions()
    assert stored.prompt_id == prompt.id and stored.correct and stored.chosen == prompt.correct
    assert window.tabs.count() == before + 1
    view = window.tabs.currentWidget()
    assert isinstance(view, VisualizerView)
    # The visualizer opens in the scenario the prompt asks about.
    for name, value in prompt.values.items():
        assert view.params[name] == value, name
    watch = window.prediction_watch
    assert watch.isVisibleTo(view) and not watch.revealed
    assert "Right" not in watch.label.text()
    assert view.player.index == 0
    # The verdict waits for `watch_steps` steps, or for the run's end if it ends sooner
    # (a diverging run stops early): never at lock-in, never before a step was watched.
    steps = 0
    while not watch.revealed and steps < 500:
        view.player.step_forward()
        steps += 1
        history = view.player.history
        assert history is not None
        shown_answer = view.player.index >= prompt.watch_steps or (
            history.complete and view.player.index >= len(history) - 1
        )
        assert watch.revealed == shown_answer, steps
    assert steps >= 1 and "Right" in watch.label.text()
    assert "Right" not in recall.predict_result.text()  # the verdict is in the visualizer tab


def test_mock_interview_end_to_end(window: MainWindow) -> None:
    view = menu.open_mock_interview(window)
    now = [1000.0]
    view.clock = lambda: now[0]
    view.preset.setCurrentIndex(view.preset.findData("quick"))
    view.start()
    assert view.session is not None
    assert [s.round for s in view.session.slots] == [
        "screening",
        "coding",
        "system-design",
        "theory",
    ]
    # Mid-interview the answers are out of reach.
    assert not window.navigator.isEnabled() and not window.reveal_action.isEnabled()
    before = window.tabs.currentWidget()
    for name in ("review", "dashboard", "browser", "today", "next", "open_visualizer"):
        action = window.findChild(QAction, f"action_{name}")
        assert action is not None and not action.isEnabled(), name
        action.trigger()
    assert window.tabs.currentWidget() is before
    view.scratch.setPlainText("bias: error from wrong assumptions")
    now[0] += 181  # the 3-minute screening budget ran out: the interview moves on
    view._tick()
    assert view.session.index == 1
    assert view.countdown.text() == "10:00"
    for _ in range(3):
        now[0] += 60
        view.next_question()
    assert view.stack.currentWidget() is view.rubric_page
    assert window.navigator.isEnabled()
    review_action = window.findChild(QAction, "action_review")
    assert review_action is not None and review_action.isEnabled()
    scored = view.rubric_page.widget()
    assert scored is not None
    texts = " ".join(label.text() for label in scored.findChildren(QLabel))
    assert "bias: error from wrong assumptions" in texts  # the scratchpad beside…
    references = scored.findChildren(QTextBrowser)
    assert references and "Reference answer" in references[0].toPlainText()  # …the answer
    design_index = 2
    for group in view._score_groups[design_index].values():
        group.button(2).click()
    view.save()
    sessions = window.store.mock_sessions()
    assert len(sessions) == 1 and '"system-design": 1.0' in sessions[0].summary_json
    assert view.history.rowCount() == 1
    headers = [
        item.text()
        for c in range(view.history.columnCount())
        if (item := view.history.horizontalHeaderItem(c)) is not None
    ]
    assert "Theory" in headers
    assert {r.source for r in window.store.reviews()} == {"mock"}
    assert "Mock interview" in view.summary_label.text()


def test_scratchpad_is_monospace_with_four_space_tabs_and_auto_indent(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = menu.open_mock_interview(window)
    view.start()
    pad = view.scratch
    assert pad.font().fixedPitch() or "mono" in pad.font().family().lower()
    pad.setFocus()
    qtbot.keyClicks(pad, "def f(x):")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.keyClicks(pad, "return x")
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.keyClick(pad, Qt.Key.Key_Backtab)
    qtbot.keyClick(pad, Qt.Key.Key_Tab)
    assert pad.toPlainText() == "def f(x):\n    return x\n    "
    view.end_answers()


def test_dashboard_shows_figures_after_reviews(window: MainWindow) -> None:
    service = menu.study_service(window)
    for q in window.library.questions[:6]:
        service.record_review(q.id, 3, duration_ms=60_000)
    service.record_review(window.library.questions[0].id, 1, duration_ms=60_000)
    dash = menu.open_dashboard(window)
    assert dash.stats is not None
    assert dash.stats.overall.studied == 6 and dash.stats.overall.reviews == 7
    assert f"6 / {len(window.library.questions)}" in dash.summary.text()
    assert dash.weakest.rowCount() == 5
    assert dash.stats.weakest[0].question_id == window.library.questions[0].id


def test_export_then_import_on_a_fresh_window(window: MainWindow, tmp_path: Path) -> None:
    service = menu.study_service(window)
    service.record_review(window.library.questions[0].id, 3)
    window.show_question(window.library.questions[0].number)
    window.question_view.notes.setPlainText("my note")
    window.question_view.save_note()
    target = tmp_path / "out.json"
    message = menu.export_to(window, target, "json")
    assert "1 reviews" in message
    parse_progress(target.read_text(encoding="utf-8"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nope"}', encoding="utf-8")
    assert menu.import_from(window, bad) is None
    report = menu.import_from(window, target)
    assert report is not None and report.reviews_known == 1 and report.states_same == 1
    try:
        parse_progress(bad.read_text())
    except ImportValidationError as exc:
        assert exc.problems


def test_study_menu_has_the_actions_with_shortcuts(window: MainWindow) -> None:
    titles = [a.text().replace("&", "") for a in window.study_menu.actions()]
    for name in ("Review queue", "Dashboard", "Mock interview", "Export…", "Import…"):
        assert name in titles
    shortcuts = {
        a.text().replace("&", ""): a.shortcut().toString() for a in window.study_menu.actions()
    }
    assert shortcuts["Review queue"] == "Ctrl+Shift+Q"
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus.index("Study") < menus.index("Help")
