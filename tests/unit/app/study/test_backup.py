"""Daily backups: one per day, made with the backup API, the last N kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from app.store import Store
from app.study.core.backup import backups, daily_backup


def test_one_backup_a_day_and_only_the_last_n_kept(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    with Store(db) as store:
        store.set_note("q", "kept in the backup")
        folder = tmp_path / "backups"
        start = date(2025, 1, 1)
        for day in range(10):
            made = daily_backup(db, folder, keep=3, today=start + timedelta(days=day))
            assert made is not None
        assert daily_backup(db, folder, keep=3, today=start + timedelta(days=9)) is None
    names = [p.name for p in backups(folder)]
    assert names == [f"progress-2025-01-{d:02d}.sqlite3" for d in (8, 9, 10)]
    with closing(sqlite3.connect(folder / names[-1])) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT note FROM question_state").fetchone()[0] == "kept in the backup"
    assert not list(folder.glob("*.partial"))


def test_no_database_no_backup(tmp_path: Path) -> None:
    assert daily_backup(tmp_path / "missing.sqlite3", tmp_path / "b") is None
