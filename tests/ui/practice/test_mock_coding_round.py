"""The mock interview's coding round, driven like a learner: from the practice pane's button
to the setup, two problems in the editor (one right, one wrong), Ctrl+Enter, a hint, the time
running out, the scores with the references, and the summary in the store."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow
from app.practice import coding_round as cr
from app.study.core.export_import import export_progress, parse_progress
from app.study.ui import menu
from tests.ui.test_accessibility import describe, unnamed_controls

# Written for this test, apart from the app's reference: a sort-then-sweep over tuples.
MERGE_INTERVALS = """\
def merge_intervals(intervals):
    pairs = []
    for start, end in intervals:
        if end < start:
            raise ValueError("an interval ends before it starts")
        pairs.append((start, end))
    pairs.sort()
    out = []
    for start, end in pairs:
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out
"""

# The classic wrong answer: the dot product, never normalized.
UNNORMALIZED_COSINE = """\
def cosine_similarity(a, b):
    return float(sum(x * y for x, y in zip(a, b)))
"""


@pytest.fixture
def window(main_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return main_window((1300, 850))


def test_a_coding_round_from_the_pane_to_the_history(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The practice pane's "Coding round…" opens the mock interview, coding mode picked.
    window.show_question(21)
    window.question_view.practice.button.click()
    pane = window.question_view.practice.pane
    assert pane.round_button.isVisible()
    pane.round_button.click()
    view = menu.open_mock_interview(window)
    assert window.tabs.currentWidget() is view and view.mode == "coding"
    assert view.stack.currentWidget() is view.setup_page and view.coding_options.isVisible()
    assert not view.questions_options.isVisible()
    # A practice draft of Q21 must survive the round untouched (the round starts at the starter).
    window.store.set_practice_draft(_id(window, 21), "# my practice draft")

    monkeypatch.setattr(cr, "pick_problems", lambda numbers, rng, count: [21, 125][:count])
    clock = [5000.0]
    view.clock = lambda: clock[0]
    view.problem_count.setValue(2)
    view.round_minutes.setValue(45)
    view.start_button.click()
    session, page = view.coding_session, view.coding_page
    assert session is not None and page is not None
    assert [r.number for r in session.problems] == [21, 125]
    assert view.stack.currentWidget() is page and page.countdown.text() == "45:00"
    # The rest of the app is locked, as in the other mock rounds.
    assert not window.navigator.isEnabled()
    for name in ("review", "dashboard", "next", "open_visualizer"):
        action = window.findChild(QAction, f"action_{name}")
        assert action is not None and not action.isEnabled(), name
    window.close_tab(window.tabs.indexOf(view))
    assert window.tabs.indexOf(view) >= 0  # a running round is not closed with its tab
    first, second = page.panes
    assert [describe(w) for w in unnamed_controls(view)] == []  # screen-reader names
    assert first.problem is not None and first.problem.number == 21
    assert "# your code" in first.code() and "my practice draft" not in first.code()
    assert not first.reference_button.isVisible() and not first.animate_button.isVisible()
    assert "Constraints" in first.statement.toPlainText()

    # Problem 1: a hint, then the wrong answer, run with Ctrl+Enter.
    first.hint_button.click()
    assert session.problems[0].hints == 1
    first.editor.setPlainText(UNNORMALIZED_COSINE)
    clock[0] += 300
    qtbot.keyClick(first.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.problems[0].runs == 1, timeout=30_000)
    assert session.problems[0].failed > 0

    # Problem 2: switch (Ctrl+PgDown from the editor, back, then the button), type, run.
    qtbot.keyClick(first.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert session.index == 1
    qtbot.keyClick(second.editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert session.index == 0
    page.next_button.click()
    assert session.index == 1 and page.stack.currentWidget() is second
    assert session.problems[0].seconds == pytest.approx(300.0)
    second.editor.setPlainText(MERGE_INTERVALS)
    second.editor.moveCursor(second.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(second.editor, "# checked by hand on [[1, 3], [2, 6]]")
    clock[0] += 600
    qtbot.keyClick(second.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.problems[1].runs == 1, timeout=30_000)
    assert session.problems[1].solved and session.problems[1].failed == 0

    # The clock runs out: pens down, on to the scores.
    clock[0] += 45 * 60
    view._tick()
    assert session.ended and not view.timer.isActive()
    assert view.stack.currentWidget() is view.coding_score_page
    assert window.navigator.isEnabled()
    scored = view.coding_score_page.widget()
    assert scored is not None
    text = " ".join(label.text() for label in scored.findChildren(QLabel))
    assert "1 of 2 solved" in text and "the time ran out" in text
    assert "hints used: 1 of" in text and "1 run(s)" in text
    assert [describe(w) for w in unnamed_controls(view)] == []
    codes = {e.accessibleName(): e.toPlainText() for e in scored.findChildren(QPlainTextEdit)}
    assert "return float(sum(" in codes["Your code for problem 1"]
    assert "def cosine_similarity" in codes["Reference solution of problem 1"]
    assert "def merge_intervals" in codes["Reference solution of problem 2"]

    # Saved with the other mock interviews, in the shape the import accepts.
    [record] = window.store.mock_sessions()
    summary = json.loads(record.summary_json)
    assert summary["mode"] == "coding" and summary["timed_out"] is True
    assert f"score {summary['overall']:.0%}" in text
    cosine, intervals = summary["questions"]
    assert (cosine["number"], cosine["runs"], cosine["hints"]) == (21, 1, 1)
    assert cosine["tests_failed"] > 0 and cosine["score"] < 1
    assert intervals["tests_failed"] == 0 and intervals["score"] == 1.0
    assert summary["time_used_s"] == 45 * 60
    assert cosine["used_s"] + intervals["used_s"] == pytest.approx(45 * 60)
    document = export_progress(window.studio.study)
    assert len(parse_progress(json.dumps(document)).mock_sessions) == 1
    # Each run is in the question's practice history; the practice draft is untouched.
    assert len(window.store.practice_attempts(_id(window, 125))) == 1
    assert window.store.practice_draft(_id(window, 21)) == "# my practice draft"
    assert view.history.rowCount() == 1
    kind = view.history.item(0, 1)
    assert kind is not None and kind.text() == "Coding round"


def test_finishing_early_scores_an_unrun_problem_zero(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = menu.open_coding_round(window)
    monkeypatch.setattr(cr, "pick_problems", lambda numbers, rng, count: [125, 21, 22][:count])
    clock = [0.0]
    view.clock = lambda: clock[0]
    view.problem_count.setValue(3)
    view.round_minutes.setValue(500)  # out of bounds: the spin box keeps it at 120
    view.start()
    session = view.coding_session
    assert session is not None and session.limit_s == 120 * 60
    assert view.coding_page is not None and view.coding_page.tabs.count() == 3
    clock[0] += 90
    view.coding_page.end_button.click()
    assert session.ended
    [record] = window.store.mock_sessions()
    summary = json.loads(record.summary_json)
    assert summary["overall"] == 0.0 and summary["timed_out"] is False
    assert [q["answered"] for q in summary["questions"]] == [True, False, False]
    assert summary["time_used_s"] == 90.0


def _id(window: MainWindow, number: int) -> str:
    question = window.library.question(number)
    assert question is not None
    return question.id


OLD_ROUND = {
    "started_at": 1_750_000_000.0,
    "seconds": 1200.0,
    "limit_seconds": 2700.0,
    "outcomes": [
        {
            "number": 21,
            "title": "Cosine similarity",
            "passed": 3,
            "total": 12,
            "seconds": 1200.0,
            "hints": 2,
            "reference_shown": False,
        }
    ],
}


def test_rounds_of_the_old_window_join_the_history_once(window: MainWindow) -> None:
    window.store.set_value(cr.LEGACY_HISTORY_KEY, json.dumps([OLD_ROUND]))
    view = menu.open_mock_interview(window)
    assert view.history.rowCount() == 1
    cells = [view.history.item(0, c) for c in range(view.history.columnCount())]
    texts = [c.text() if c is not None else "" for c in cells]
    assert texts[1] == "Coding round" and texts[2] == "25%" and texts[4] == "25%"
    assert texts[-1] == "20:00"
    kind = view.history.item(0, 1)
    assert (
        kind is not None and kind.toolTip() == "Q21 Cosine similarity: 3/12 tests, 1 run, 2 hints"
    )
    assert window.store.get_value(cr.LEGACY_HISTORY_KEY) == "[]"
    window.close_tab(window.tabs.indexOf(view))
    window.store.set_value(cr.LEGACY_HISTORY_KEY, json.dumps([OLD_ROUND]))  # again: same uid
    view = menu.open_mock_interview(window)
    assert len(window.store.mock_sessions()) == 1 and view.history.rowCount() == 1


def test_an_imported_bare_coding_summary_shows_in_the_history(window: MainWindow) -> None:
    document = {
        "format": "ml-interview-studio-progress",
        "version": 1,
        "exported_at": 1_750_000_100.0,
        "questions": [],
        "reviews": [],
        "mock_sessions": [
            {
                "uid": "e" * 32,
                "started_at": 1_750_000_000.0,
                "finished_at": 1_750_000_050.0,
                "summary": {"mode": "coding", "questions": [{"number": 125}]},
            }
        ],
    }
    parsed = parse_progress(json.dumps(document))
    window.store.apply_import([], [], list(parsed.mock_sessions))
    view = menu.open_mock_interview(window)
    cells = [view.history.item(0, c) for c in range(view.history.columnCount())]
    assert [c.text() if c is not None else "" for c in cells][1:4] == ["Coding round", "—", "—"]


def test_quitting_mid_round_saves_the_round(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = menu.open_coding_round(window)
    monkeypatch.setattr(cr, "pick_problems", lambda numbers, rng, count: [21, 125][:count])
    clock = [0.0]
    view.clock = lambda: clock[0]
    view.start()
    assert view.coding_page is not None
    view.coding_page.panes[0].editor.setPlainText("def cosine_similarity(a, b):\n    pass\n")
    clock[0] += 125
    view.save_unfinished_round()  # what QApplication.aboutToQuit calls
    [record] = window.store.mock_sessions()
    summary = json.loads(record.summary_json)
    assert summary["time_used_s"] == 125.0 and summary["timed_out"] is False
    view.save_unfinished_round()  # nothing running any more: nothing saved twice
    assert len(window.store.mock_sessions()) == 1
