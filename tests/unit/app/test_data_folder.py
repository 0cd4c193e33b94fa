"""The doubled data folder of earlier versions is moved up once, never deleted (pure)."""

from __future__ import annotations

from pathlib import Path

from app.data_folder import move_legacy_data


def test_doubled_folder_moves_into_its_parent(tmp_path: Path) -> None:
    target = tmp_path / "ML Interview Studio"
    legacy = target / "ML Interview Studio"
    (legacy / "backups").mkdir(parents=True)
    (legacy / "progress.sqlite3").write_bytes(b"db")
    (legacy / "progress.sqlite3-wal").write_bytes(b"wal")
    (legacy / "backups" / "b1.sqlite3").write_bytes(b"b")
    moved = move_legacy_data(legacy, target)
    assert sorted(moved) == ["backups", "progress.sqlite3", "progress.sqlite3-wal"]
    assert (target / "progress.sqlite3").read_bytes() == b"db"
    assert (target / "backups" / "b1.sqlite3").read_bytes() == b"b"
    assert not legacy.exists()


def test_nothing_moves_when_the_new_folder_is_in_use(tmp_path: Path) -> None:
    target = tmp_path / "new"
    legacy = tmp_path / "old"
    legacy.mkdir()
    target.mkdir()
    (legacy / "progress.sqlite3").write_bytes(b"old")
    (target / "progress.sqlite3").write_bytes(b"new")
    assert move_legacy_data(legacy, target) == []
    assert (legacy / "progress.sqlite3").read_bytes() == b"old"
    assert (target / "progress.sqlite3").read_bytes() == b"new"


def test_same_or_missing_folder_is_left_alone(tmp_path: Path) -> None:
    assert move_legacy_data(tmp_path, tmp_path) == []
    assert move_legacy_data(tmp_path / "missing", tmp_path / "x") == []
    assert not (tmp_path / "x").exists()


def test_an_entry_already_at_the_target_stays_where_it_was(tmp_path: Path) -> None:
    target = tmp_path / "new"
    legacy = tmp_path / "old"
    legacy.mkdir()
    target.mkdir()
    (legacy / "settings.ini").write_text("old")
    (target / "settings.ini").write_text("new")
    (legacy / "progress.sqlite3").write_bytes(b"db")
    assert move_legacy_data(legacy, target) == ["progress.sqlite3"]
    assert (legacy / "settings.ini").read_text() == "old"  # kept, not overwritten
    assert (target / "settings.ini").read_text() == "new"
