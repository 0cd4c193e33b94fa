"""The user's progress in SQLite: bookmarks, studied/known marks, notes, last position (no Qt).

Design choices that keep progress safe:
- every write is its own transaction in WAL mode with `synchronous=FULL`, so a write the
  caller saw return is on disk, and a crash mid-write leaves the previous state;
- the schema carries a version (`PRAGMA user_version`) and migrates forward step by step;
- a database that fails to open or fails `PRAGMA quick_check` is *moved aside* (renamed
  with a timestamp, never deleted) and a fresh one is started; `Store.recovery_message`
  tells the UI what happened and where the old file went.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Each entry upgrades the schema by one version; never edit an entry that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE question_state (
        question_id TEXT PRIMARY KEY,
        bookmarked  INTEGER NOT NULL DEFAULT 0,
        studied     INTEGER NOT NULL DEFAULT 0,
        known       INTEGER NOT NULL DEFAULT 0,
        note        TEXT    NOT NULL DEFAULT '',
        updated_at  REAL    NOT NULL
    );
    CREATE TABLE kv (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)

MAX_NOTE_CHARS = 100_000


@dataclass(frozen=True)
class QuestionState:
    question_id: str
    bookmarked: bool = False
    studied: bool = False
    known: bool = False
    note: str = ""
    updated_at: float = 0.0


class StoreError(Exception):
    """The store could not be opened even after moving a bad file aside."""


class Store:
    """Progress database at `path` (created with its folder when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recovery_message: str | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = self._open_checked()
        except sqlite3.OperationalError as exc:
            # Locked by another running instance, no permission, disk full: the file itself
            # may be fine, so it is left exactly where it is.
            raise StoreError(f"cannot open the progress database at {path}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            moved = self._move_aside()
            self.recovery_message = (
                f"Your progress database could not be read ({exc}). It was moved aside to "
                f"{moved} so nothing is lost, and a new empty one was started."
            )
            try:
                self._conn = self._open_checked()
            except sqlite3.DatabaseError as again:
                raise StoreError(f"cannot create a progress database at {path}: {again}") from again

    # -- opening and recovery -------------------------------------------------------------

    def _open_checked(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(
                    f"integrity check failed: {result[0] if result else 'no answer'}"
                )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._migrate(conn)
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(
                f"the database was written by a newer version of the app (schema {version}, "
                f"this app knows {len(MIGRATIONS)})"
            )
        for target in range(version + 1, len(MIGRATIONS) + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- question state -------------------------------------------------------------------

    def state(self, question_id: str) -> QuestionState:
        row = self._conn.execute(
            "SELECT question_id, bookmarked, studied, known, note, updated_at "
            "FROM question_state WHERE question_id = ?",
            (question_id,),
        ).fetchone()
        return _row_to_state(row) if row else QuestionState(question_id)

    def all_states(self) -> dict[str, QuestionState]:
        rows = self._conn.execute(
            "SELECT question_id, bookmarked, studied, known, note, updated_at FROM question_state"
        ).fetchall()
        return {row[0]: _row_to_state(row) for row in rows}

    def _set(self, question_id: str, column: str, value: object) -> QuestionState:
        assert column in ("bookmarked", "studied", "known", "note")
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO question_state (question_id, updated_at) VALUES (?, ?) "
                "ON CONFLICT(question_id) DO NOTHING",
                (question_id, time.time()),
            )
            conn.execute(
                f"UPDATE question_state SET {column} = ?, updated_at = ? WHERE question_id = ?",
                (value, time.time(), question_id),
            )
        return self.state(question_id)

    def set_bookmarked(self, question_id: str, value: bool) -> QuestionState:
        return self._set(question_id, "bookmarked", int(value))

    def set_studied(self, question_id: str, value: bool) -> QuestionState:
        return self._set(question_id, "studied", int(value))

    def set_known(self, question_id: str, value: bool) -> QuestionState:
        return self._set(question_id, "known", int(value))

    def set_note(self, question_id: str, note: str) -> QuestionState:
        if len(note) > MAX_NOTE_CHARS:
            raise ValueError(
                f"a note is limited to {MAX_NOTE_CHARS:,} characters (this one has {len(note):,})"
            )
        return self._set(question_id, "note", note)

    # -- small key/value settings that belong with the progress (last position) ----------------

    def get_value(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_value(self, key: str, value: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _row_to_state(row: tuple[object, ...]) -> QuestionState:
    qid, bookmarked, studied, known, note, updated_at = row
    return QuestionState(
        question_id=str(qid),
        bookmarked=bool(bookmarked),
        studied=bool(studied),
        known=bool(known),
        note=str(note),
        updated_at=float(updated_at),  # type: ignore[arg-type]
    )


def _split_sql(script: str) -> list[str]:
    """Statements of a migration (they contain no semicolons inside literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
