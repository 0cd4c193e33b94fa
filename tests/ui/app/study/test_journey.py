"""The learner's journey end to end, checking what is stored after each step (issue 14):
open Today → review 5 cards typing answers and ticking key points → undo → predict and
watch → a mock interview that times out → export."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
from app.study.ui import menu
from app.study.ui.review_view import ReviewView
from visualizers.core.base import VisualizerView


def test_the_study_journey(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    store = Store(tmp_path / "progress.sqlite3")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_library(), store, settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # 1. Today is the start page; Enter starts reviewing.
    assert window.tabs.currentWidget() is window.today
    assert window.today.summary is not None and window.today.summary.new == 10
    qtbot.keyClick(window.today, Qt.Key.Key_Return)
    review = window.tabs.currentWidget()
    assert isinstance(review, ReviewView)
    assert store.review_count() == 0

    # 2. Five cards: type an answer, reveal, tick some key points, grade with the key.
    seen: list[str] = []
    for i in range(5):
        card = review.question_view
        question = card.question
        assert question is not None and question.id not in seen  # never straight back
        seen.append(question.id)
        card.recall.answer_box.setFocus()
        qtbot.keyClicks(card.recall.answer_box, f"my answer {i}")
        card.setFocus()
        qtbot.keyClick(card, Qt.Key.Key_Space)  # reveal
        assert card.revealed and card.recall.checklist_box.isVisible()
        for box in card.recall.checks[: i + 1]:
            box.setChecked(True)
        suggested = card.recall.suggested_grade()
        card.setFocus()
        qtbot.keyClick(card, getattr(Qt.Key, f"Key_{suggested}"))
        reviews = store.reviews()
        assert len(reviews) == i + 1
        assert (reviews[-1].question_id, reviews[-1].rating) == (question.id, suggested)
        assert store.state(question.id).studied
    assert len(set(seen)) == 5
    answer_time = [a for a in store.activity() if a.kind == "answer"]
    assert {a.question_id for a in answer_time} <= set(seen)

    # 3. Undo the last grade: the review leaves the log and its card is back in front.
    last = seen[-1]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.question_id for r in store.reviews()] == seen[:4]
    assert not store.state(last).studied
    assert review.current_question_id == last

    # 4. Predict, then watch: stored as a prediction, verdict in the visualizer tab.
    number = next(q.number for q in window.library.questions if q.visualizer == "gradient_descent")
    window.show_question(number)
    recall = window.question_view.recall
    prompt = recall.current_prompt
    assert prompt is not None
    wrong = (prompt.correct + 1) % len(prompt.choices)
    recall.predict_group.button(wrong).setChecked(True)
    recall.predict_button.click()
    [prediction] = store.predictions()
    assert (prediction.prompt_id, prediction.chosen, prediction.correct) == (
        prompt.id,
        wrong,
        False,
    )
    assert len(store.reviews()) == 4  # not a review
    view = window.tabs.currentWidget()
    assert isinstance(view, VisualizerView)
    watch = window.prediction_watch
    assert not watch.revealed
    for _ in range(prompt.watch_steps):
        view.player.step_forward()
    assert watch.revealed and "Not quite" in watch.label.text()

    # 5. A mock interview where every question times out.
    mock = menu.open_mock_interview(window)
    clock = [5000.0]
    mock.clock = lambda: clock[0]
    mock.preset.setCurrentIndex(mock.preset.findData("quick"))
    mock.start()
    assert mock.session is not None and not window.navigator.isEnabled()
    slots = list(mock.session.slots)
    for slot in slots:
        mock.scratch.setPlainText(f"notes for {slot.round}")
        clock[0] += slot.seconds + 1
        mock._tick()  # time is up: on to the next question, or to scoring
    assert mock.stack.currentWidget() is mock.rubric_page
    assert window.navigator.isEnabled()
    mock.save()
    [session] = store.mock_sessions()
    summary = json.loads(session.summary_json)
    assert [q["answered"] for q in summary["questions"]] == [True] * len(slots)
    assert summary["overall"] == 0.0  # nothing scored: nothing earned
    assert set(summary["rounds"]) == {"screening", "coding", "system-design", "theory"}
    assert sum(1 for r in store.reviews() if r.source == "mock") == len(slots)
    assert any(a.kind == "mock" for a in store.activity())

    # 6. Export: progress as JSON, the deck as an Anki package.
    progress = tmp_path / "progress.json"
    menu.export_to(window, progress, "json")
    exported = json.loads(progress.read_text(encoding="utf-8"))
    assert len(exported["reviews"]) == len(store.reviews())
    deck = tmp_path / "deck.apkg"
    menu.export_to(window, deck, "apkg")
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == len(window.library.questions)
    conn.close()

    window.close()
    store.close()
