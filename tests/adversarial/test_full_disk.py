"""A disk that fills up mid-session, and a read-only progress folder, against every write
the UI makes: grades, undo, marks, notes, mock interviews, predictions, practice, settings.

Each attack asserts that no exception escapes into the UI, that the banner says what
happened, that the screens show what the learner did, and that once the disk has room
again the held writes land in the file. What is on disk is read through a separate
SQLite connection to the file, never through the store under test.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app import studio as studio_module
from app.content import load_library
from app.main_window import MainWindow
from app.store import ReviewRecord, Store
from app.study.core import export_import
from app.study.core.service import StudyService
from app.study.ui import menu, unsaved
from app.study.ui.review_view import ReviewView

LIBRARY = load_library()
WRITES = ("BEGIN", "INSERT", "UPDATE", "DELETE", "COMMIT", "REPLACE")


def _sqlite_full() -> Exception:
    return sqlite3.OperationalError("database or disk is full")


def _enospc() -> Exception:
    return OSError(errno.ENOSPC, "No space left on device")


class FullDisk:
    """The store's file connection on a disk that can fill up (every write then fails)."""

    def __init__(self, conn: sqlite3.Connection, error: Callable[[], Exception]) -> None:
        self._real = conn
        self._error = error
        self.full = False

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self.full and sql.lstrip().upper().startswith(WRITES):
            raise self._error()
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _on_file(path: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _answer(asked: list[str], text: str, answer: bool) -> bool:
    asked.append(text)
    return answer


def _count(path: Path, table: str) -> int:
    return int(_on_file(path, f"SELECT COUNT(*) FROM {table}")[0][0])


class Session:
    def __init__(self, window: MainWindow, store: Store, disk: FullDisk) -> None:
        self.window, self.store, self.disk = window, store, disk
        self.path = store.path

    def fill(self) -> None:
        self.disk.full = True

    def free_and_retry(self) -> None:
        self.disk.full = False
        assert self.window.studio.retry_pending()
        assert not self.store.holding and not self.store.pending
        assert "now saved" in self.window.banner_label.text()

    def assert_held(self) -> None:
        assert self.store.holding and self.store.pending
        text = self.window.banner_label.text()
        assert self.window.banner.isVisibleTo(self.window)
        assert "Couldn't save" in text and "kept in memory" in text and "retried" in text


def _open(
    tmp_path: Path, error: Callable[[], Exception] = _sqlite_full
) -> tuple[MainWindow, Store]:
    store = Store(tmp_path / "progress.sqlite3")
    disk = FullDisk(store._conn, error)
    store._conn = disk  # type: ignore[assignment]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(LIBRARY, store, settings)
    return window, store


@pytest.fixture(params=[_sqlite_full, _enospc], ids=["sqlite-full", "enospc"])
def session(
    request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Session]:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(unsaved, "ask_export", lambda *_: False)
    window, store = _open(tmp_path, request.param)
    qtbot.addWidget(window)
    disk = store._disk or store._conn
    assert isinstance(disk, FullDisk)
    yield Session(window, store, disk)
    window.close()
    store.close()


def _graded_card(window: MainWindow) -> tuple[ReviewView, str]:
    """The review session's first card, revealed and ready for a grade."""
    review = menu.open_review(window)
    card = review.question_view
    question = card.question
    assert question is not None
    card.reveal()
    return review, question.id


def test_grade_in_a_review_session_on_a_full_disk(session: Session) -> None:
    review, qid = _graded_card(session.window)
    session.fill()
    review.question_view.recall.grade(3)  # raised OperationalError into the crash dialog
    session.assert_held()
    assert review.current_question_id != qid  # graded: the session moved on
    assert [r.question_id for r in session.store.reviews()] == [qid]
    assert session.store.state(qid).studied
    assert _count(session.path, "review_log") == 0
    session.free_and_retry()
    assert _on_file(session.path, "SELECT question_id, rating FROM review_log") == [(qid, 3)]
    assert _on_file(session.path, "SELECT studied FROM question_state WHERE question_id = ?", qid)
    # The schedule on the file equals the one the session showed.
    with Store(session.path) as reopened:
        cards = StudyService(LIBRARY, reopened).cards()
    assert cards[qid].due == session.window.studio.study.card(qid).due


def test_undo_on_a_full_disk(session: Session) -> None:
    review, qid = _graded_card(session.window)
    review.question_view.recall.grade(4)
    assert _count(session.path, "review_log") == 1
    session.fill()
    session.window.undo_last_grade()
    session.assert_held()
    assert session.store.reviews() == [] and not session.store.state(qid).studied
    assert _count(session.path, "review_log") == 1
    session.free_and_retry()
    assert _count(session.path, "review_log") == 0
    assert _on_file(session.path, "SELECT studied FROM question_state") == [(0,)]


def test_marks_on_a_full_disk_match_what_is_shown(session: Session) -> None:
    window, store = session.window, session.store
    question = LIBRARY.questions[3]
    window.show_question(question.number)
    view = window.question_view
    session.fill()
    view.toggle_bookmark()  # Ctrl+D raised OperationalError; the button lied
    view.toggle_known()
    session.assert_held()
    state = store.state(question.id)
    assert view.bookmark_button.isChecked() is state.bookmarked is True
    assert view.known_button.isChecked() is state.known is True
    assert view.studied_button.isChecked() is state.studied is True
    assert "★" in view.bookmark_button.text()
    assert _count(session.path, "question_state") == 0
    session.free_and_retry()
    assert _on_file(
        session.path,
        "SELECT bookmarked, studied, known FROM question_state WHERE question_id = ?",
        question.id,
    ) == [(1, 1, 1)]


def test_mock_interview_save_on_a_full_disk(session: Session) -> None:
    mock = menu.open_mock_interview(session.window)
    clock = [1000.0]
    mock.clock = lambda: clock[0]
    mock.preset.setCurrentIndex(mock.preset.findData("quick"))
    mock.start()
    assert mock.session is not None
    slots = list(mock.session.slots)
    for slot in slots:
        mock.scratch.setPlainText(f"my plan for {slot.round}")
        clock[0] += slot.seconds + 1
        mock._tick()
    session.fill()
    mock.save()
    session.assert_held()
    assert mock.stack.currentWidget() is not mock.rubric_page  # the summary is shown
    [saved] = session.store.mock_sessions()
    assert sum(r.source == "mock" for r in session.store.reviews()) == len(slots)
    assert _count(session.path, "mock_session") == 0
    session.free_and_retry()
    assert _on_file(session.path, "SELECT uid FROM mock_session") == [(saved.uid,)]
    assert _on_file(session.path, "SELECT COUNT(*) FROM review_log WHERE source = 'mock'") == [
        (len(slots),)
    ]
    assert _count(session.path, "activity_log") == 1


def test_prediction_on_a_full_disk(session: Session) -> None:
    window = session.window
    number = next(q.number for q in LIBRARY.questions if q.visualizer == "gradient_descent")
    window.show_question(number)
    recall = window.question_view.recall
    prompt = recall.current_prompt
    assert prompt is not None
    recall.predict_group.button(prompt.correct).setChecked(True)
    session.fill()
    recall.predict_button.click()
    session.assert_held()
    [prediction] = session.store.predictions()
    assert prediction.prompt_id == prompt.id and prediction.correct
    assert _count(session.path, "prediction_log") == 0
    session.free_and_retry()
    assert _on_file(session.path, "SELECT prompt_id, correct FROM prediction_log") == [
        (prompt.id, 1)
    ]


def test_practice_draft_attempt_and_reveal_on_a_full_disk(session: Session) -> None:
    from app.practice.qt.pane import PracticePane
    from app.store import PracticeAttempt

    question = LIBRARY.question(21)
    assert question is not None
    pane = PracticePane(session.store)
    pane.set_question(question)
    session.fill()
    pane.editor.setPlainText("def cosine_similarity(a, b):\n    return 1.0\n")
    pane.save_draft()
    pane.show_reference()
    session.store.add_practice_attempt(
        PracticeAttempt(question.id, "pass", "[]", 0, 1, 1_700_000_000.0)
    )
    session.assert_held()
    assert "return 1.0" in (session.store.practice_draft(question.id) or "")
    assert len(session.store.reference_reveals(question.id)) == 1
    assert _count(session.path, "practice_draft") == 0
    session.free_and_retry()
    assert "return 1.0" in _on_file(session.path, "SELECT code FROM practice_draft")[0][0]
    assert _count(session.path, "practice_reveal") == 1
    assert _count(session.path, "practice_attempt") == 1
    pane.deleteLater()


def test_settings_and_position_on_a_full_disk(session: Session) -> None:
    window = session.window
    window.show_question(LIBRARY.questions[0].number)
    session.fill()
    window.next_question()  # remembers the position: must not raise
    assert window.question_view.question == LIBRARY.questions[1]
    session.assert_held()
    stored = session.store.get_value("last_position")
    assert stored == f"question:{LIBRARY.questions[1].number}"
    session.free_and_retry()
    assert _on_file(session.path, "SELECT value FROM kv WHERE key = 'last_position'") == [(stored,)]


def test_next_write_after_the_disk_frees_up_lands_everything(session: Session) -> None:
    window, store = session.window, session.store
    window.show_question(LIBRARY.questions[2].number)
    session.fill()
    window.question_view.toggle_bookmark()
    session.assert_held()
    session.disk.full = False
    window.question_view.toggle_studied()  # the next write is also the retry
    assert not store.holding and not store.pending
    assert _on_file(session.path, "SELECT bookmarked, studied FROM question_state") == [(1, 1)]


def test_held_writes_are_retried_on_a_timer(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(studio_module, "RETRY_MS", 50)
    window, store = _open(tmp_path)
    qtbot.addWidget(window)
    disk = store._conn
    assert isinstance(disk, FullDisk)
    window.show_question(LIBRARY.questions[0].number)
    disk.full = True
    window.question_view.toggle_bookmark()
    assert store.holding
    qtbot.wait(200)
    assert store.holding  # still full: still held, nothing raised from the timer
    disk.full = False
    qtbot.waitUntil(lambda: not store.holding, timeout=3000)
    assert _on_file(store.path, "SELECT bookmarked FROM question_state") == [(1,)]
    window.close()
    store.close()


def test_note_typed_on_a_full_disk_is_never_lost(qtbot: QtBot, tmp_path: Path) -> None:
    """A real SQLITE_FULL: the file may not grow past its current size (max_page_count)."""
    store = Store(tmp_path / "progress.sqlite3")
    window = MainWindow(
        LIBRARY, store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    view = window.question_view
    first = LIBRARY.questions[0]
    window.show_question(first.number)
    disk = store._conn
    pages = disk.execute("PRAGMA page_count").fetchone()[0]
    disk.execute(f"PRAGMA max_page_count = {pages}")
    typed = "my long note " * 2000
    view.notes.setPlainText(typed)
    view.save_note()
    assert store.holding and "Couldn't save" in window.banner_label.text()
    window.next_question()
    window.show_question(first.number)
    assert view.notes.toPlainText() == typed == store.state(first.id).note
    assert _on_file(store.path, "SELECT note FROM question_state") in ([], [("",)])
    # Quitting now, with the disk still full: the held note also goes to a notes file.
    recovered = view.write_unsaved_notes()
    assert recovered is not None and typed in recovered.read_text(encoding="utf-8")
    recovered.unlink()
    disk.execute("PRAGMA max_page_count = 1073741823")
    assert window.studio.retry_pending()
    assert _on_file(store.path, "SELECT note FROM question_state") == [(typed,)]
    window.close()
    store.close()


def test_quitting_while_the_disk_is_still_full_offers_the_export(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    exported = tmp_path / "kept.json"
    monkeypatch.setattr(unsaved, "ask_export", lambda _w, text: _answer(asked, text, True))
    monkeypatch.setattr(unsaved, "choose_path", lambda _w: exported)
    window, store = _open(tmp_path / "a")
    qtbot.addWidget(window)
    disk = store._conn
    assert isinstance(disk, FullDisk)
    review, qid = _graded_card(window)
    disk.full = True
    review.question_view.recall.grade(2)
    window.close()
    [text] = asked
    assert "1 review" in text and "could not be saved" in text and "full" in text
    # The file is the Study → Export format, and Study → Import takes it back.
    other = Store(tmp_path / "b" / "progress.sqlite3")
    report = export_import.import_progress(StudyService(LIBRARY, other), exported)
    assert report.reviews_added == 1
    assert [(r.question_id, r.rating) for r in other.reviews()] == [(qid, 2)]
    other.close()
    store.close()


# -- a read-only progress folder ---------------------------------------------------------------


@pytest.fixture
def read_only_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A progress file with one earlier review, opened from a folder that can't be written."""
    path = tmp_path / "progress.sqlite3"
    with Store(path) as earlier:
        earlier.append_review(ReviewRecord("e" * 32, LIBRARY.questions[5].id, 3, 1_700_000_000.0))
    monkeypatch.setattr(Store, "_folder_writable", lambda _self: False)
    store = Store(path)
    assert store.read_only
    yield store
    store.close()


def test_read_only_session_offers_to_export_its_work_at_quit(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only_store: Store
) -> None:
    asked: list[str] = []
    exported = tmp_path / "exports" / "session.json"
    exported.parent.mkdir()
    monkeypatch.setattr(unsaved, "ask_export", lambda _w, text: _answer(asked, text, True))
    monkeypatch.setattr(unsaved, "choose_path", lambda _w: exported)
    before = (tmp_path / "progress.sqlite3").read_bytes()
    window = MainWindow(
        LIBRARY, read_only_store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show_banner(read_only_store.read_only_message or "")
    assert "offered to export" in window.banner_label.text()
    review, qid = _graded_card(window)
    review.question_view.recall.grade(4)
    marked = LIBRARY.questions[7]
    window.show_question(marked.number)
    window.question_view.toggle_bookmark()
    window.close()
    [text] = asked
    assert "read-only" in text and "1 review" in text and "mark" in text
    assert (tmp_path / "progress.sqlite3").read_bytes() == before  # the file untouched
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == export_import.FORMAT
    # Later, with a writable folder: the import adds exactly the session's work.
    monkeypatch.undo()
    with Store(tmp_path / "progress.sqlite3") as writable:
        report = export_import.import_progress(StudyService(LIBRARY, writable), exported)
        assert report.reviews_added == 1
        assert {r.question_id for r in writable.reviews()} == {LIBRARY.questions[5].id, qid}
        assert writable.state(marked.id).bookmarked


def test_read_only_quit_without_export_is_logged_not_silent(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    read_only_store: Store,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(unsaved, "ask_export", lambda *_: False)
    monkeypatch.setattr(unsaved, "choose_path", lambda _w: pytest.fail("no file was asked for"))
    window = MainWindow(
        LIBRARY, read_only_store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show_question(LIBRARY.questions[1].number)
    window.question_view.toggle_known()
    with caplog.at_level("WARNING", logger="ml_interview_studio"):
        window.close()
    assert any("quit without saving" in r.getMessage() for r in caplog.records)


def test_nothing_to_export_asks_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unsaved, "ask_export", lambda *_: pytest.fail("nothing was unsaved"))
    store = Store(tmp_path / "progress.sqlite3")
    window = MainWindow(
        LIBRARY, store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.show_question(LIBRARY.questions[1].number)
    window.question_view.toggle_bookmark()
    window.close()
    store.close()


# -- the store alone -------------------------------------------------------------------------


def test_a_write_the_memory_copy_refuses_raises_and_is_not_queued(tmp_path: Path) -> None:
    with Store(tmp_path / "p.sqlite3") as store:
        disk = FullDisk(store._conn, _sqlite_full)
        store._conn = disk  # type: ignore[assignment]
        disk.full = True
        store.set_bookmarked("q1", True)
        with pytest.raises(sqlite3.IntegrityError):  # a grade of 7 is a bug, not a full disk
            store.append_review(ReviewRecord("u", "q1", 7, 1.0))
        assert [w.name for w in store.pending] == ["set_bookmarked"]
        disk.full = False


def test_a_replay_refused_half_way_keeps_the_rest(tmp_path: Path) -> None:
    with Store(tmp_path / "p.sqlite3") as store:
        disk = FullDisk(store._conn, _sqlite_full)
        store._conn = disk  # type: ignore[assignment]
        disk.full = True
        for i in range(3):
            store.append_review(ReviewRecord(f"u{i}", "q1", 3, 1_700_000_000.0 + i))
        calls = [0]
        real = disk.execute

        def second_fails(sql: str, *args: Any) -> sqlite3.Cursor:
            if sql.startswith("BEGIN"):
                calls[0] += 1
                if calls[0] == 2:
                    raise _sqlite_full()
            return real(sql, *args)

        disk.full = False
        disk.execute = second_fails  # type: ignore[method-assign]
        assert store.flush_pending() is False
        assert len(store.pending) == 2 and store.holding
        assert [r.uid for r in store.reviews()] == ["u0", "u1", "u2"]  # the session sees all
        assert _count(store.path, "review_log") == 1
        assert store.flush_pending() is True
        assert _count(store.path, "review_log") == 3


def test_read_only_quit_export_carries_practice_runs_and_predictions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only_store: Store
) -> None:
    """The learner's practice run (really graded) and prediction travel through the file."""
    from app.practice.grader import grade
    from app.practice.problems import all_problems
    from app.practice.qt.pane import PracticePane

    asked: list[str] = []
    exported = tmp_path / "exports" / "session.json"
    exported.parent.mkdir()
    monkeypatch.setattr(unsaved, "ask_export", lambda _w, text: _answer(asked, text, True))
    monkeypatch.setattr(unsaved, "choose_path", lambda _w: exported)
    window = MainWindow(
        LIBRARY, read_only_store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    # A prediction, through the recall panel.
    number = next(q.number for q in LIBRARY.questions if q.visualizer == "gradient_descent")
    window.show_question(number)
    recall = window.question_view.recall
    prompt = recall.current_prompt
    assert prompt is not None
    recall.predict_group.button(prompt.correct).setChecked(True)
    recall.predict_button.click()
    # A practice run, graded by the real runner and saved by the pane as after Run tests.
    question = LIBRARY.question(21)
    assert question is not None
    pane = PracticePane(read_only_store)
    qtbot.addWidget(pane)
    pane.set_question(question)
    code = "def cosine_similarity(a, b):\n    return 1.0\n"
    pane.editor.setPlainText(code)
    pane.save_draft()
    report = grade(all_problems()[21], code, time_limit=20.0)
    pane._on_finished((21, code, report))
    pane.show_reference()
    window.close()
    [text] = asked
    assert "prediction" in text and "practice run" in text and "code draft" in text
    assert "does not carry" not in text and "carries all of them" in text
    monkeypatch.undo()
    path = tmp_path / "progress.sqlite3"
    with Store(path) as writable:
        result = export_import.import_progress(StudyService(LIBRARY, writable), exported)
        assert (result.predictions_added, result.attempts_added) == (1, 1)
        assert result.drafts_added == [question.id] and result.reveals_added == 1
    # What landed in the file, read by a connection of its own.
    assert _on_file(path, "SELECT prompt_id, correct FROM prediction_log") == [(prompt.id, 1)]
    [(stored_code, passed, failed, results)] = _on_file(
        path, "SELECT code, passed, failed, results_json FROM practice_attempt"
    )
    assert (stored_code, passed, failed) == (code, report.passed, report.failed)
    assert len(json.loads(results)["cases"]) == len(report.cases) > 0
    assert _on_file(path, "SELECT code FROM practice_draft") == [(code,)]
    assert _count(path, "practice_reveal") == 1
    pane.deleteLater()
