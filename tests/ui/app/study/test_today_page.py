"""The Today page works its figures out when shown, and on progress only while shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.store import Store
from app.studio import Studio
from app.study.ui.today import TodayPage


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Studio]:
    store = Store(tmp_path / "progress.sqlite3")
    yield Studio(load_library(), store)
    store.close()


def _page(qtbot: QtBot, studio: Studio) -> TodayPage:
    page = TodayPage(studio)
    qtbot.addWidget(page)
    return page


def test_figures_are_made_on_show_and_follow_grades_while_shown(
    qtbot: QtBot, studio: Studio
) -> None:
    page = _page(qtbot, studio)
    assert page.summary is None  # nothing worked out before the page is shown
    page.show()
    qtbot.waitExposed(page)
    assert page.summary is not None
    assert (page.summary.reviewed_today, page.summary.new) == (0, 10)

    first = studio.library.questions[0].id
    studio.study.record_review(first, 3)
    studio.notify(first)
    assert page.summary.reviewed_today == 1
    assert "Reviewed today" in page.figures.text() and ">1<" in page.figures.text()


def test_a_hidden_page_catches_up_when_shown_again(qtbot: QtBot, studio: Studio) -> None:
    page = _page(qtbot, studio)
    page.show()
    qtbot.waitExposed(page)
    page.hide()
    for question in studio.library.questions[:2]:
        studio.study.record_review(question.id, 4)
        studio.notify(question.id)
    assert page.summary is not None and page.summary.reviewed_today == 0  # not worked out hidden
    page.show()
    assert page.summary.reviewed_today == 2
    assert page.summary.streak_days == 1
