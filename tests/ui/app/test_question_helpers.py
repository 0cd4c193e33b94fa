"""The answer's helpers appear under it as sections that open and close (question 23)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.question_view import QuestionView
from app.store import Store


@pytest.fixture
def question_view(qtbot: QtBot, tmp_path: Path) -> Iterator[QuestionView]:
    library = load_library()
    store = Store(tmp_path / "progress.sqlite3")
    view = QuestionView(library, store)
    qtbot.addWidget(view)
    question = next(q for q in library.questions if q.number == 23)
    view.show_question(question)
    view.reveal()
    yield view
    store.close()


def test_helper_sections_open_and_close(question_view: QuestionView) -> None:
    text = question_view.browser.toPlainText()
    assert "Helpers it calls" in text and "▸ update_centroids" in text
    assert "empty = np.flatnonzero(counts == 0)" not in text  # closed: only its name is shown
    question_view.browser.anchorClicked.emit(QUrl("helper:update_centroids"))
    text = question_view.browser.toPlainText()
    assert "▾ update_centroids" in text and "empty = np.flatnonzero(counts == 0)" in text
    question_view.browser.anchorClicked.emit(QUrl("helper:update_centroids"))
    assert "empty = np.flatnonzero(counts == 0)" not in question_view.browser.toPlainText()
