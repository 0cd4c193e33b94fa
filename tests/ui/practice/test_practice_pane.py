"""The practice pane: edit, run in a child process, keep attempts, stay responsive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.content import Library, load_library
from app.practice.grader import Report
from app.practice.qt.animate import AnimationView
from app.practice.qt.editor import CodeEditor
from app.practice.qt.pane import PracticePane
from app.question_view import QuestionView
from app.store import Store

COSINE = """\
import math


def cosine_similarity(a, b):
    a, b = list(map(float, a)), list(map(float, b))
    if not a or len(a) != len(b):
        raise ValueError("lengths")
    sa, sb = max(map(abs, a)), max(map(abs, b))
    if sa == 0 or sb == 0:
        raise ValueError("zero vector")
    a, b = [x / sa for x in a], [x / sb for x in b]
    dot = sum(x * y for x, y in zip(a, b))
    return max(-1.0, min(1.0, dot / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))))
"""


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "progress.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def pane(qtbot: QtBot, store: Store, library: Library) -> PracticePane:
    widget = PracticePane(store)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    question = library.question(21)
    assert question is not None
    widget.set_question(question)
    widget.show()
    return widget


def _run(pane: PracticePane, qtbot: QtBot, timeout: int = 30_000) -> Report:
    with qtbot.waitSignal(pane.run_finished, timeout=timeout) as blocker:
        qtbot.keyClick(pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    report = blocker.args[0]
    assert isinstance(report, Report)
    return report


def test_starter_is_shown_and_never_the_answer(pane: PracticePane) -> None:
    code = pane.code()
    assert "def cosine_similarity(a, b):" in code and "# your code" in code
    assert "norm" not in code.split('"""')[-1]  # below the docstring: no solution


def test_a_correct_solution_passes_and_the_attempt_survives_a_restart(
    pane: PracticePane, qtbot: QtBot, store: Store, library: Library, tmp_path: Path
) -> None:
    pane.editor.setPlainText(COSINE)
    report = _run(pane, qtbot)
    assert report.all_passed
    assert "passed, 0 failed" in pane.status.text()
    assert pane.results.topLevelItemCount() == len(report.cases)
    pane.save_draft()
    store.close()
    reopened = Store(tmp_path / "progress.sqlite3")
    try:
        attempts = reopened.practice_attempts("cosine-similarity")
        assert len(attempts) == 1 and attempts[0].code == COSINE and attempts[0].failed == 0
        again = PracticePane(reopened)
        qtbot.addWidget(again)
        question = library.question(21)
        assert question is not None
        again.set_question(question)
        assert again.code() == COSINE  # the draft came back
        assert "0 failed" not in again.history.itemText(0) or "passed" in again.history.itemText(0)
    finally:
        reopened.close()


def test_first_failure_is_expanded_with_why_and_a_trimmed_traceback(
    pane: PracticePane, qtbot: QtBot
) -> None:
    pane.editor.setPlainText(
        "def cosine_similarity(a, b):\n    return helper(a)\n\n\ndef helper(a):\n    return a[99]\n"
    )
    report = _run(pane, qtbot)
    assert report.failed == len(report.cases)
    first = pane.results.topLevelItem(0)
    assert first is not None and first.isExpanded()
    children = [first.child(i) for i in range(first.childCount())]
    rows = {c.text(0): c.text(1) for c in children if c is not None}
    assert rows["why"].startswith("expected 0.888889, but it raised IndexError")
    assert "line 6, in helper" in rows["traceback"] and "child.py" not in rows["traceback"]
    second = pane.results.topLevelItem(1)
    assert second is not None and not second.isExpanded()
    details = pane.details.toPlainText()  # the selected (first failing) case, untruncated
    assert "IndexError" in details and "line 6, in helper" in details


def test_the_window_stays_responsive_during_an_endless_loop(
    pane: PracticePane, qtbot: QtBot
) -> None:
    pane.time_limit = 2.0
    pane.editor.setPlainText("def cosine_similarity(a, b):\n    while True:\n        pass\n")
    ticks: list[int] = []
    timer = QTimer(pane, interval=50)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    report = _run(pane, qtbot)
    timer.stop()
    assert len(ticks) >= 20  # about 2 s of the event loop turning while the child spun
    assert report.problem is not None and "time limit" in report.problem
    assert not pane.running and pane.run_button.isEnabled()


def test_reset_reference_and_hints(pane: PracticePane, qtbot: QtBot, store: Store) -> None:
    starter = pane.code()
    pane.editor.setPlainText("x = 1\n")
    pane.reset_to_starter()
    assert pane.code() == starter
    assert store.reference_reveals("cosine-similarity") == []
    pane.show_reference()
    assert len(store.reference_reveals("cosine-similarity")) == 1
    assert "def cosine_similarity" in pane.reference_dialog.findChild(CodeEditor).toPlainText()  # type: ignore[union-attr]
    pane.reference_dialog.close()
    hints = pane._hints()
    if hints:
        pane.show_next_hint()
        assert (
            hints[0][:20] in pane.statement.toPlainText().replace("\n", " ")
            or pane._hints_shown == 1
        )
        assert pane.hint_button.text() == f"Hint (1/{len(hints)})"


def test_editor_indents_and_matches_brackets(qtbot: QtBot) -> None:
    editor = CodeEditor()
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor, "def f(x):")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "def f(x):\n        "
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "def f(x):\n    "
    qtbot.keyClicks(editor, "return (x[0])")
    cursor = editor.textCursor()
    cursor.setPosition(len("def f(x):\n    return "))
    editor.setTextCursor(cursor)
    assert editor.matching_brackets() == (
        len("def f(x):\n    return "),
        len(editor.toPlainText()) - 1,
    )


def test_question_view_offers_practice_only_for_coding_questions(
    qtbot: QtBot, store: Store, library: Library
) -> None:
    view = QuestionView(library, store)
    qtbot.addWidget(view)
    view.show()
    first = library.question(1)
    coding = library.question(24)
    assert first is not None and coding is not None
    view.show_question(first)
    assert not view.practice.button.isVisible()
    view.show_question(coding)
    assert view.practice.button.isVisible()
    view.practice.button.click()
    assert view.practice.pane.isVisible() and not view.recall.isVisible()
    assert "def precision_recall" in view.practice.pane.code()
    view.show_question(first)
    assert not view.practice.pane.isVisible() and view.recall.isVisible()
    QApplication.processEvents()


MF = """\
import numpy as np


def matrix_factorization(R, mask, rank, lr, reg, epochs, seed):
    R, mask = np.asarray(R, float), np.asarray(mask, bool)
    users, items = np.nonzero(mask)
    rng = np.random.default_rng(seed)
    P = rng.normal(scale=0.1, size=(R.shape[0], rank))
    Q = rng.normal(scale=0.1, size=(R.shape[1], rank))
    for _ in range(epochs):
        for j in rng.permutation(len(users)):
            u, i = users[j], items[j]
            e = R[u, i] - P[u] @ Q[i]
            P[u], Q[i] = P[u] + lr * (e * Q[i] - reg * P[u]), Q[i] + lr * (e * P[u] - reg * Q[i])
    return P, Q
"""

LOGISTIC = """\
import numpy as np


def logistic_regression(X, y, lr, epochs):
    X, y = np.asarray(X, float), np.asarray(y, float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w, b = w - lr * X.T @ (p - y) / len(y), b - lr * (p - y).mean()
    return w, b
"""


@pytest.mark.parametrize(("number", "code", "label"), [(101, LOGISTIC, "w = ")])
def test_more_animations_draw_both_sides(
    qtbot: QtBot, store: Store, library: Library, number: int, code: str, label: str
) -> None:
    widget = PracticePane(store)
    qtbot.addWidget(widget)
    question = library.question(number)
    assert question is not None
    widget.set_question(question)
    widget.editor.setPlainText(code)
    widget.animate()
    view = widget.animation_view
    assert isinstance(view, AnimationView)
    with qtbot.waitSignal(view.steps_ready, timeout=60_000):
        pass
    view.stop()
    view.slider.setValue(view.slider.maximum())
    text = view.step_label.text()
    assert text.count(label) == 2 and "d0473f" not in text  # both sides drawn, no error


def test_matrix_factorization_shows_the_learner_curve_beside_the_reference(
    qtbot: QtBot, store: Store, library: Library
) -> None:
    from visualizers.core import registry
    from visualizers.matrix_factorization.view import MatrixFactorizationView

    spec = registry.get("matrix_factorization")
    assert spec is not None
    view = spec.load_view_class()(spec)
    assert isinstance(view, MatrixFactorizationView)
    qtbot.addWidget(view)
    assert view.set_params(users=40, videos=30, epochs=30, method="ALS")
    pane = PracticePane(store)
    qtbot.addWidget(pane)
    pane.visualizer_opener = lambda visualizer_id: view
    question = library.question(22)
    assert question is not None
    pane.set_question(question)
    pane.editor.setPlainText(MF)
    with qtbot.waitSignal(pane.learner_run_loaded, timeout=60_000):
        pane.animate()
    assert view.params["method"] == "SGD" and view.params["biases"] is False
    run = view.learner_run()
    assert run is not None
    assert run.difference is None, run.difference_text
    assert view.history is not None
    view.player.seek(len(view.history) - 1)
    epochs, _ = view.mine_curve.getData()
    assert view.mine_curve.isVisible() and epochs[-1] == 30
    pane.save_draft()
