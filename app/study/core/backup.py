"""Daily automatic backup of the progress database, keeping the last N (no Qt).

The copy is made with SQLite's online backup API (consistent even while the app writes,
WAL included), into a temporary file renamed into place, so a crash mid-backup never
leaves a half-written backup under a real name.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date
from pathlib import Path

DEFAULT_KEEP = 7
_NAME = re.compile(r"^progress-(\d{4}-\d{2}-\d{2})(?:-[\w]+)?\.sqlite3$")


def backup_now(source: Path, folder: Path, name: str) -> Path:
    """Copy the database at `source` to `folder/name` with the backup API; return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    partial = folder / (name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=5.0)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, target)
    return target


def backups(folder: Path) -> list[Path]:
    """Backups in `folder`, oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=lambda p: (p.name, p.stat().st_mtime))


def daily_backup(
    source: Path, folder: Path, keep: int = DEFAULT_KEEP, today: date | None = None
) -> Path | None:
    """Back up `source` once per day and prune to the newest `keep` daily backups.

    Returns the new backup, or None when today's already exists or there is no database.
    """
    if not source.exists():
        return None
    day = (today or date.today()).isoformat()
    name = f"progress-{day}.sqlite3"
    created = None if (folder / name).exists() else backup_now(source, folder, name)
    daily = [
        p for p in backups(folder) if re.fullmatch(r"progress-\d{4}-\d{2}-\d{2}\.sqlite3", p.name)
    ]
    for old in daily[: max(0, len(daily) - max(1, keep))]:
        old.unlink(missing_ok=True)
    return created


def startup_backup(source: Path, folder: Path, keep: object = DEFAULT_KEEP) -> str | None:
    """The daily backup at start-up; returns a message for the user if it failed."""
    try:
        count = max(1, min(365, int(str(keep))))
    except ValueError:
        count = DEFAULT_KEEP
    try:
        daily_backup(source, folder, keep=count)
    except (OSError, sqlite3.Error) as exc:
        return f"Today's automatic backup of your progress failed ({exc}); your data is untouched."
    return None
