"""The progress store under a read-only folder, a full disk, a second writer and odd files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
from app.study.core import scheduler
from app.study.core.service import StudyService
from tests.adversarial.conftest import ROOT

LIBRARY = load_library()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _can_mount() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    done = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return done.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs user and mount namespaces")


def _in_read_only_mount(
    tmp_path: Path, prepare: str, check: str
) -> subprocess.CompletedProcess[str]:
    """Run `prepare` (Python) on a fresh tmpfs, remount it read-only, then run `check`."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    (tmp_path / "prepare.py").write_text(prepare)
    (tmp_path / "check.py").write_text(check)
    script = (
        f"mount -t tmpfs -o size=8m tmpfs {mount} && "
        f"{sys.executable} {tmp_path / 'prepare.py'} && "
        f"mount -o remount,ro {mount} && "
        f"{sys.executable} {tmp_path / 'check.py'}"
    )
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=90,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
        },
        check=False,
    )


@needs_mount
def test_read_only_folder_opens_read_only_and_keeps_the_file(tmp_path: Path) -> None:
    data = tmp_path / "mnt" / "data"
    done = _in_read_only_mount(
        tmp_path,
        f"""
from pathlib import Path
from app.store import Store
with Store(Path({str(data / "progress.sqlite3")!r})) as store:
    store.set_note("q-one", "typed before the disk went read-only")
""",
        f"""
import hashlib
from pathlib import Path
from app import crash_handler
from app.store import Store
path = Path({str(data / "progress.sqlite3")!r})
before = hashlib.sha256(path.read_bytes()).hexdigest()
log = crash_handler.install(path.parent / "logs")
store = Store(path)
assert store.read_only and "read-only" in store.read_only_message, store.read_only_message
assert store.state("q-one").note == "typed before the disk went read-only"
store.set_note("q-one", "edited in memory")
assert store.state("q-one").note == "edited in memory"
store.close()
assert hashlib.sha256(path.read_bytes()).hexdigest() == before
assert log is None or not str(log).startswith(str(path.parent))
print("OK")
""",
    )
    assert "OK" in done.stdout, done.stderr[-3000:]


@needs_mount
def test_app_starts_on_a_read_only_folder(tmp_path: Path) -> None:
    data = tmp_path / "mnt" / "data"
    done = _in_read_only_mount(
        tmp_path,
        f"import os; os.makedirs({str(data)!r})",
        f"""
import os, sys
os.environ["ML_STUDIO_DATA_DIR"] = {str(data)!r}
from app.main import main
code = main(["--quit-after-shown"])
print("EXIT", code)
""",
    )
    assert "EXIT 0" in done.stdout, (done.stdout[-2000:], done.stderr[-3000:])


def test_folder_that_cannot_be_created_gives_a_read_only_session() -> None:
    store = Store(Path("/dev/null/ml-studio/progress.sqlite3"))
    assert store.read_only and store.read_only_message is not None
    store.set_bookmarked("q", True)
    assert store.state("q").bookmarked
    store.close()


def test_crash_handler_never_aborts_on_an_unwritable_folder() -> None:
    from app import crash_handler

    try:
        path = crash_handler.install(Path("/dev/null/logs"))
        assert path is None or "/dev/null" not in str(path)
    finally:
        crash_handler.uninstall()


def test_database_from_a_newer_version_is_left_in_place(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with Store(path) as store:
        store.set_note("q-one", "from the future app")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = _digest(path)
    with Store(path) as store:
        assert store.read_only and store.recovery_message is None
        assert "schema version 99" in (store.read_only_message or "")
        assert store.state("q-one").note == "from the future app"
    assert _digest(path) == before and not list(tmp_path.glob("*.corrupt-*"))


def test_database_missing_a_table_is_recovered_like_a_corrupt_one(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE card_state")
    conn.close()
    with Store(path) as store:
        assert store.recovery_message is not None and "missing" in store.recovery_message
        assert store.card_states() == {}
    assert list(tmp_path.glob("progress.sqlite3.corrupt-*"))


def test_note_save_is_compare_and_set(tmp_path: Path) -> None:
    from app.store import NoteConflict

    path = tmp_path / "progress.sqlite3"
    with Store(path) as first, Store(path) as second:
        loaded = first.state("q").note
        second.set_note("q", "saved by the other window")
        with pytest.raises(NoteConflict) as conflict:
            first.set_note("q", "stale editor text", expected=loaded)
        assert conflict.value.stored == "saved by the other window"
        assert second.state("q").note == "saved by the other window"


def test_schedule_cache_from_several_writers_matches_a_replay(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    stores = [Store(path) for _ in range(3)]
    services = [StudyService(LIBRARY, s) for s in stores]
    ids = [q.id for q in LIBRARY.questions[:5]]
    for service in services:
        service.cards()  # each instance caches the schedule it saw at start
    for round_ in range(3):
        for i, service in enumerate(services):
            for qid in ids:
                service.record_review(qid, 1 + (i + round_) % 4, at=1.8e9 + 60 * round_ + i)
    for store in stores:
        store.close()
    with Store(path) as store:
        cards = StudyService(LIBRARY, store).cards()
        replayed = scheduler.replay(store.reviews())
        assert set(cards) == set(replayed)
        assert all(scheduler.cards_equal(cards[q], replayed[q]) for q in replayed)


# -- the window: full disk, second writer, failed toggles ---------------------------------


@pytest.fixture
def window_pair(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, MainWindow]]:
    opened: list[tuple[MainWindow, Store]] = []
    for name in ("a", "b"):
        store = Store(tmp_path / "progress.sqlite3")
        settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(LIBRARY, store, settings)
        opened.append((window, store))
    yield opened[0][0], opened[1][0]
    for window, store in opened:
        window.close()
        window.deleteLater()
        store.close()


def test_refused_bookmark_is_held_and_the_button_matches_the_store(
    window_pair: tuple[MainWindow, MainWindow],
) -> None:
    window, _ = window_pair
    view, store = window.question_view, window.store
    question = LIBRARY.questions[3]
    window.show_question(question.number)
    disk = store._conn
    disk.execute("PRAGMA query_only = ON")  # every write is refused, as on a failing disk
    view.toggle_bookmark()
    assert view.bookmark_button.isChecked() is store.state(question.id).bookmarked is True
    assert store.holding and "Couldn't save" in window.banner_label.text()
    disk.execute("PRAGMA query_only = OFF")
    assert window.studio.retry_pending() and not store.holding
    assert store.state(question.id).bookmarked


def test_stale_window_never_overwrites_a_note_saved_elsewhere(
    window_pair: tuple[MainWindow, MainWindow],
) -> None:
    a, b = window_pair
    question = LIBRARY.questions[0]
    a.show_question(question.number)
    b.show_question(question.number)
    b.question_view.notes.setPlainText("written in window B")
    b.question_view.save_note()
    a.show_question(LIBRARY.questions[1].number)  # A never edited: its empty editor is stale
    assert a.store.state(question.id).note == "written in window B"
    # Both edited: both texts are kept.
    a.show_question(question.number)
    b.question_view.notes.setPlainText("B again")
    b.question_view.save_note()
    a.question_view.notes.setPlainText("A's own words")
    a.question_view.save_note()
    stored = a.store.state(question.id).note
    assert "A's own words" in stored and "B again" in stored


def test_remembering_the_position_never_raises_on_a_refused_write(tmp_path: Path) -> None:
    with Store(tmp_path / "progress.sqlite3") as store:
        disk = store._conn
        disk.execute("PRAGMA query_only = ON")
        assert store.set_value("last_position", "question:3") is False  # held in memory
        assert store.get_value("last_position") == "question:3"
        disk.execute("PRAGMA query_only = OFF")
        store.set_value("last_position", "question:4")  # the next write retries: both land
        assert not store.holding and store.get_value("last_position") == "question:4"
        assert store.set_value("last_position", "question:5") is True
