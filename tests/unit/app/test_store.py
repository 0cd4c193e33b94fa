"""Progress survives reopening; a corrupt database is moved aside, a too-new one left alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import MAX_NOTE_CHARS, Store, StoreError


def test_round_trip_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "data" / "progress.sqlite3"
    store = Store(path)
    store.set_bookmarked("q-one", True)
    store.set_studied("q-one", True)
    store.set_note("q-two", "remember the σ² term ✓")
    store.set_value("last_position", "question:7")
    store.close()

    again = Store(path)
    assert again.recovery_message is None
    one = again.state("q-one")
    assert one.bookmarked and one.studied and not one.known
    assert again.state("q-two").note == "remember the σ² term ✓"
    assert again.get_value("last_position") == "question:7"
    assert set(again.all_states()) == {"q-one", "q-two"}
    assert again.state("never-touched").bookmarked is False
    again.close()


def test_toggling_off(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.set_bookmarked("q", True)
        assert store.set_bookmarked("q", False).bookmarked is False


def test_corrupt_file_is_moved_aside_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    store = Store(path)
    assert store.recovery_message is not None
    assert "moved aside" in store.recovery_message
    aside = list(tmp_path.glob("progress.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert str(aside[0]) in store.recovery_message
    store.set_bookmarked("q", True)  # the new database works
    assert store.state("q").bookmarked
    store.close()


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    store = Store(path)
    for i in range(300):
        store.set_note(f"q{i}", "x" * 200)
    store.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over the b-tree pages, keep the header
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    recovered = Store(path)
    assert recovered.recovery_message is not None
    assert list(tmp_path.glob("progress.sqlite3.corrupt-*"))
    recovered.close()


def test_database_from_a_newer_app_is_left_in_place_read_only(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with Store(path) as store:
        assert store.read_only and "newer version" in (store.read_only_message or "")
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_note_limit(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        with pytest.raises(ValueError, match="limited"):
            store.set_note("q", "x" * (MAX_NOTE_CHARS + 1))
        assert store.state("q").note == ""


def test_unopenable_path_is_an_error_not_a_move(tmp_path: Path) -> None:
    folder = tmp_path / "progress.sqlite3"
    folder.mkdir()  # a folder where the file should be: can't open, must not be renamed
    with pytest.raises(StoreError, match="cannot open"):
        Store(folder)
    assert folder.is_dir() and not list(tmp_path.glob("*.corrupt-*"))
