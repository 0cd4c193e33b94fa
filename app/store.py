"""The user's progress in SQLite: bookmarks, studied/known marks, notes, last position (no Qt).

Design choices that keep progress safe:
- every write is its own transaction in WAL mode with `synchronous=FULL`, so a write the
  caller saw return is on disk, and a crash mid-write leaves the previous state;
- the schema carries a version (`PRAGMA user_version`) and migrates forward step by step;
- a database that fails to open, fails `PRAGMA quick_check` or lacks one of the app's
  tables is *moved aside* (renamed with a timestamp, never deleted) and a fresh one is
  started; `Store.recovery_message` tells the UI what happened and where the old file went;
- a folder the app may not write to (a read-only disk, no permission) or a database from a
  newer version of the app never stops the app and is never touched: the progress is
  copied into memory and the session runs *read-only* (`Store.read_only`), with
  `Store.read_only_reason` naming the cause (and the version) for a banner;
- a note is saved with compare-and-set (`set_note(..., expected=...)`): a second window or
  instance that edited the same note in between is detected (`NoteConflict`), never
  silently overwritten by a stale editor;
- the cached FSRS card of a question is compare-and-set as well: a writer caches the card
  a review produced only if the question's reviews are still the ones the card was built
  from (`ReviewBase`), and an undo drops its question's card, so a cache that
  `current_card_cache` finds up to date needs no replay of the log at start-up;
- a write the disk refuses mid-session (a full disk, an I/O error, a lock held too long)
  never raises into the UI: the store copies the database into memory, applies the write
  there and keeps it in `pending`; reads then come from that copy, so every screen shows
  what the learner did. `flush_pending()` (called on the next write, by the Qt layer's
  timer and at quit) replays the pending writes on the file and goes back to it once all
  of them landed. In a read-only session the same list says what can't be saved, so the
  app can offer to export it before quitting.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Concatenate

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
    # 2: study mode. `review_log` is append-only (the app never updates a row and deletes one
    # only to undo a grade): the FSRS schedule in `card_state` is a cache that can be rebuilt
    # by replaying it. A `card_state` row exists only while it was built from exactly the
    # question's reviews in the log; `last_review_id` is the newest of them.
    # `uid` identifies a review across machines, so an import merges without duplicates.
    """
    CREATE TABLE review_log (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        uid               TEXT    NOT NULL UNIQUE,
        question_id       TEXT    NOT NULL,
        rating            INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        reviewed_at       REAL    NOT NULL,
        duration_ms       INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
        desired_retention REAL    NOT NULL CHECK (desired_retention > 0 AND desired_retention < 1),
        source            TEXT    NOT NULL DEFAULT 'review'
    );
    CREATE INDEX review_log_by_question ON review_log (question_id, reviewed_at);
    CREATE TABLE card_state (
        question_id    TEXT    PRIMARY KEY,
        card_json      TEXT    NOT NULL,
        last_review_id INTEGER NOT NULL
    );
    CREATE TABLE mock_session (
        uid          TEXT PRIMARY KEY,
        started_at   REAL NOT NULL,
        finished_at  REAL NOT NULL,
        summary_json TEXT NOT NULL
    );
    """,
    # 3 (study): predictions are their own record, not reviews; time studied is measured
    # from real activity (answering, watching a visualizer, a mock interview).
    """
    CREATE TABLE prediction_log (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        uid          TEXT    NOT NULL UNIQUE,
        question_id  TEXT    NOT NULL,
        visualizer   TEXT    NOT NULL,
        prompt_id    TEXT    NOT NULL,
        chosen       INTEGER NOT NULL,
        correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
        predicted_at REAL    NOT NULL
    );
    CREATE TABLE activity_log (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        kind        TEXT    NOT NULL,
        question_id TEXT    NOT NULL DEFAULT '',
        started_at  REAL    NOT NULL,
        seconds     REAL    NOT NULL CHECK (seconds >= 0)
    );
    """,
    # 4 (practice): coding practice: every run of the tests (append-only), the draft being edited, and
    # each time the reference solution was shown.
    """
    CREATE TABLE practice_attempt (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        question_id  TEXT    NOT NULL,
        code         TEXT    NOT NULL,
        results_json TEXT    NOT NULL,
        passed       INTEGER NOT NULL,
        failed       INTEGER NOT NULL,
        created_at   REAL    NOT NULL
    );
    CREATE INDEX practice_attempt_by_question ON practice_attempt (question_id, created_at);
    CREATE TABLE practice_draft (
        question_id TEXT PRIMARY KEY,
        code        TEXT NOT NULL,
        updated_at  REAL NOT NULL
    );
    CREATE TABLE practice_reveal (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        question_id TEXT NOT NULL,
        revealed_at REAL NOT NULL
    );
    """,
)

MAX_NOTE_CHARS = 100_000
MAX_PRACTICE_CODE_CHARS = 512 * 1024


@dataclass(frozen=True)
class PracticeAttempt:
    """One run of a practice problem's tests: the code, its results (JSON), when."""

    question_id: str
    code: str
    results_json: str
    passed: int
    failed: int
    created_at: float
    id: int | None = None


@dataclass(frozen=True)
class QuestionState:
    question_id: str
    bookmarked: bool = False
    studied: bool = False
    known: bool = False
    note: str = ""
    updated_at: float = 0.0


@dataclass(frozen=True)
class ReviewRecord:
    """One graded review: a row of the append-only `review_log`."""

    uid: str
    question_id: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: float  # seconds since the epoch (UTC)
    duration_ms: int | None = None
    desired_retention: float = 0.9
    source: str = "review"  # "review", "predict" or "mock"
    id: int | None = None


# What a cached card was built from: (id of the question's newest review, how many reviews
# it has), (0, 0) for none. Ids only grow (AUTOINCREMENT), so the pair changes with every
# review appended or deleted: the compare-and-set key of the card cache.
type ReviewBase = tuple[int, int]
NO_REVIEWS: ReviewBase = (0, 0)


def review_bases(records: list[ReviewRecord]) -> dict[str, ReviewBase]:
    """Each question's `ReviewBase` in `records` (a log read in one go)."""
    bases: dict[str, ReviewBase] = {}
    for record in records:
        newest, count = bases.get(record.question_id, NO_REVIEWS)
        bases[record.question_id] = (max(newest, record.id or 0), count + 1)
    return bases


@dataclass(frozen=True)
class MockSessionRecord:
    """A finished mock interview; `summary_json` is owned by `app.study.core.mock_interview`."""

    uid: str
    started_at: float
    finished_at: float
    summary_json: str


@dataclass(frozen=True)
class PredictionRecord:
    """One locked-in predict-then-watch answer (kept apart from the review log)."""

    uid: str
    question_id: str
    visualizer: str
    prompt_id: str
    chosen: int
    correct: bool
    predicted_at: float


@dataclass(frozen=True)
class ActivityRecord:
    """A stretch of real study time: "answer", "visualizer" or "mock"."""

    kind: str
    question_id: str
    started_at: float
    seconds: float


@dataclass(frozen=True)
class PracticeDraft:
    """The code being edited for a practice problem (one per question)."""

    question_id: str
    code: str
    updated_at: float


@dataclass(frozen=True)
class ReferenceReveal:
    """One time the reference solution of a practice problem was shown."""

    question_id: str
    revealed_at: float


@dataclass(frozen=True)
class ImportBatch:
    """Everything a progress import writes, applied by `Store.apply_import_batch` at once.

    Reviews and predictions are merged by uid; the logs without one (study time, practice
    runs, reference reveals) by a natural key, as many times as the batch has a key more
    than this database; states and drafts replace the stored ones only when newer.
    """

    states: tuple[QuestionState, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()
    sessions: tuple[MockSessionRecord, ...] = ()
    predictions: tuple[PredictionRecord, ...] = ()
    activity: tuple[ActivityRecord, ...] = ()
    attempts: tuple[PracticeAttempt, ...] = ()
    drafts: tuple[PracticeDraft, ...] = ()
    reveals: tuple[ReferenceReveal, ...] = ()


class StoreError(Exception):
    """The store could not be opened even after moving a bad file aside."""


class NoteConflict(StoreError):  # noqa: N818 (a conflict, not a failure of the store)
    """The stored note changed since the editor loaded it; `stored` is the newer text."""

    def __init__(self, question_id: str, stored: str) -> None:
        super().__init__(f"the note of {question_id} was changed elsewhere")
        self.question_id = question_id
        self.stored = stored


class _NewerSchema(sqlite3.DatabaseError):
    """The file was written by a newer app: it is left alone, never moved or migrated."""

    def __init__(self, version: int) -> None:
        super().__init__(
            f"the database was written by a newer version of the app (schema {version}, "
            f"this app knows {len(MIGRATIONS)})"
        )
        self.version = version


def _expected_tables() -> set[str]:
    """Every table the migrations create (a database lacking one is treated as damaged)."""
    found: set[str] = set()
    for script in MIGRATIONS:
        found.update(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script, re.I))
        for dropped in re.findall(r"DROP TABLE (?:IF EXISTS )?(\w+)", script, re.I):
            found.discard(dropped)
    return found


def _describe_problem(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _cannot_write(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    words = ("readonly", "read-only", "disk i/o", "disk is full", "unable to open")
    return "locked" not in text and any(word in text for word in words)


# What a pending write is called in messages ("2 reviews and 1 mark couldn't be saved").
_WRITE_NOUNS: dict[str, tuple[str, str]] = {
    "append_review": ("review", "reviews"),
    "delete_review": ("undone review", "undone reviews"),
    "set_bookmarked": ("mark", "marks"),
    "set_studied": ("mark", "marks"),
    "set_known": ("mark", "marks"),
    "set_note": ("note", "notes"),
    "put_state": ("imported question", "imported questions"),
    "apply_import": ("import", "imports"),
    "apply_import_batch": ("import", "imports"),
    "import_reviews": ("import", "imports"),
    "add_mock_session": ("mock interview", "mock interviews"),
    "add_prediction": ("prediction", "predictions"),
    "add_practice_attempt": ("practice run", "practice runs"),
    "set_practice_draft": ("code draft", "code drafts"),
    "record_reference_reveal": ("reference reveal", "reference reveals"),
    "set_value": ("setting", "settings"),
    "add_activity": ("stretch of study time", "stretches of study time"),
}


@dataclass(frozen=True)
class PendingWrite:
    """A write applied to the in-memory copy but not (yet) to the file."""

    name: str
    function: Callable[..., Any] = field(repr=False)
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    at: float


def describe_writes(writes: list[PendingWrite]) -> str:
    """ "2 reviews, 1 mark and 1 note" (the card-cache rebuilds are not the learner's work)."""
    counts = Counter(w.name for w in writes if w.name in _WRITE_NOUNS)
    nouns: Counter[tuple[str, str]] = Counter()
    for name in _WRITE_NOUNS:  # the learner's work first, study time last
        if counts[name]:
            nouns[_WRITE_NOUNS[name]] += counts[name]
    parts = [f"{n} {one if n == 1 else many}" for (one, many), n in nouns.items()]
    if not parts:
        return "some changes"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _write[**P, R](
    method: Callable[Concatenate[Store, P], R],
) -> Callable[Concatenate[Store, P], R]:
    """Mark a Store method as a write: a refused disk keeps it in memory (see the module)."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        return self._run_write(method, args, kwargs)

    return wrapper


_log = logging.getLogger("ml_interview_studio")

# Errors of the disk, not of the data: the same write can succeed later.
_DISK_ERRORS = (sqlite3.OperationalError, OSError)


class Store:
    """Progress database at `path` (created with its folder when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recovery_message: str | None = None
        self.read_only = False
        self.read_only_reason: str | None = None
        # Writes kept in memory (a refused disk, or a read-only session), oldest first.
        self.pending: list[PendingWrite] = []
        self.write_problem: str | None = None  # why the pending writes are not on disk
        # Called with ("held", reason) when writes start being kept in memory and with
        # ("saved", "") when they all reached the file (the Qt layer shows a banner).
        self.write_listener: Callable[[str, str], None] | None = None
        self._disk: sqlite3.Connection | None = None  # the file, while writes are held
        self._write_depth = 0
        self.closed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._start_read_only(
                f"the folder {path.parent} can't be created ({exc.strerror or exc})"
            )
            return
        if not self._folder_writable():
            self._start_read_only(f"the folder {path.parent} is read-only")
            return
        try:
            self._conn = self._open_checked()
        except _NewerSchema as exc:
            self._start_read_only(
                f"{path.name} was written by a newer version of the app (schema version "
                f"{exc.version}; this version knows {len(MIGRATIONS)}). The file was left "
                "untouched; update the app to keep studying with it"
            )
        except sqlite3.OperationalError as exc:
            if _cannot_write(exc) and not path.is_dir():
                # A read-only file, a full disk: reading may still work, writing can't.
                self._start_read_only(f"{path.name} can't be written ({exc})")
                return
            # Locked by another running instance, a folder in the way: the file itself may
            # be fine, so it is left exactly where it is.
            raise StoreError(f"cannot open the progress database at {path}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            try:
                moved = self._move_aside()
            except OSError as move_error:
                self._start_read_only(
                    f"{path.name} could not be read ({exc}) nor moved aside "
                    f"({move_error.strerror or move_error})"
                )
                return
            self.recovery_message = (
                f"Your progress database could not be read ({exc}). It was moved aside to "
                f"{moved} so nothing is lost, and a new empty one was started."
            )
            try:
                self._conn = self._open_checked()
            except sqlite3.DatabaseError as again:
                raise StoreError(f"cannot create a progress database at {path}: {again}") from again

    def _folder_writable(self) -> bool:
        folder = self.path.parent
        if not os.access(folder, os.W_OK | os.X_OK):
            return False
        # access() can't see a read-only mount for root: try to create a file.
        probe = folder / f".write-test-{os.getpid()}"
        try:
            probe.touch()
            probe.unlink()
        except OSError:
            return False
        return True

    def _start_read_only(self, reason: str) -> None:
        """Work on an in-memory copy of whatever can be read; nothing is written to disk."""
        self.read_only = True
        self.read_only_reason = reason
        memory = sqlite3.connect(":memory:", isolation_level=None)
        copied = False
        if self.path.is_file():
            try:
                self._copy_into(memory)
                version = memory.execute("PRAGMA user_version").fetchone()[0]
                if version > len(MIGRATIONS) and not self._has_tables(memory):
                    raise sqlite3.DatabaseError("unknown layout")
                if version <= len(MIGRATIONS):
                    self._migrate(memory)
                copied = self._has_tables(memory)
            except (sqlite3.Error, OSError, ValueError):
                copied = False
        if not copied:
            memory.close()
            memory = sqlite3.connect(":memory:", isolation_level=None)
            self._migrate(memory)
        self._conn = memory

    def _copy_into(self, memory: sqlite3.Connection) -> None:
        """Copy the database file into `memory` without writing anything next to it.

        A WAL database needs its -shm file even to read; on a read-only folder that can't
        be created, so the second try opens the file as immutable (the main file only).
        """
        last: sqlite3.Error | None = None
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                source = sqlite3.connect(f"{self.path.as_uri()}?{options}", uri=True, timeout=5.0)
                try:
                    source.backup(memory)
                    return
                finally:
                    source.close()
            except sqlite3.Error as exc:
                last = exc
        assert last is not None
        raise last

    @staticmethod
    def _has_tables(conn: sqlite3.Connection) -> bool:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return _expected_tables() <= {str(r[0]) for r in rows}

    @property
    def read_only_message(self) -> str | None:
        """What the banner says in a read-only session (None when writes reach the disk)."""
        if not self.read_only:
            return None
        return (
            f"Read-only session: {self.read_only_reason}. Your progress is shown, but the "
            "marks, notes, reviews and practice runs you make now can't be saved to it: they "
            "are kept in memory until you quit. When you quit you are offered to export them to a "
            "progress file (or use Study → Export… at any time) and import it later."
        )

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
            if not self._has_tables(conn):
                raise sqlite3.DatabaseError("one of the app's tables is missing")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise _NewerSchema(int(version))
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
        """Close the file (after one last try to write what is pending)."""
        if self.closed:
            return
        self.flush_pending()
        self.closed = True
        if self._disk is not None:
            self._disk.close()
            self._disk = None
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            # A COMMIT the disk refused can leave the transaction open: end it.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- writes the disk refused: kept in memory, retried -----------------------------------

    @property
    def holding(self) -> bool:
        """True while writes are kept in memory because the file refused them."""
        return self._disk is not None

    def _run_write[R](
        self, method: Callable[..., R], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> R:
        if self._write_depth:  # a write inside another write (or inside a replay)
            return method(self, *args, **kwargs)
        self._write_depth += 1
        try:
            just_held = False
            if not self.read_only and self._disk is None:
                try:
                    return method(self, *args, **kwargs)
                except _DISK_ERRORS as exc:
                    if not self._hold_in_memory(exc):
                        raise
                    just_held = True
            # Applied to the in-memory copy first: a write that fails there too (bad data)
            # raises to the caller as usual and is not queued.
            result = method(self, *args, **kwargs)
            self.pending.append(PendingWrite(method.__name__, method, args, kwargs, time.time()))
        finally:
            self._write_depth -= 1
        if just_held and self.write_listener is not None:
            self.write_listener("held", self.write_problem or "")
        if self._disk is not None and len(self.pending) > 1:
            self.flush_pending()  # the next write is also a retry
        return result

    def _hold_in_memory(self, problem: Exception) -> bool:
        """Copy the file into memory and work there from now on; False if it can't be read."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._conn.backup(memory)
        except sqlite3.Error:
            memory.close()
            return False
        self._disk, self._conn = self._conn, memory
        self.write_problem = _describe_problem(problem)
        return True

    def flush_pending(self) -> bool:
        """Write what is held in memory to the file; True when nothing is left pending.

        Each pending write is replayed in order (its own transaction) and leaves the list
        once it is on disk; a write that the disk refuses again stops the replay, to be
        tried later. When the list is empty the store goes back to the file.
        """
        if self.read_only or self._disk is None:
            return not self.pending
        if self._write_depth or self.closed:
            return False
        memory = self._conn
        self._conn = self._disk
        self._write_depth += 1
        try:
            while self.pending:
                write = self.pending[0]
                try:
                    write.function(self, *write.args, **write.kwargs)
                except NoteConflict as conflict:
                    self._merge_note(write, conflict)
                except _DISK_ERRORS as exc:
                    self.write_problem = _describe_problem(exc)
                    return False
                except (sqlite3.Error, ValueError) as exc:
                    # It can never land (its row is already there, say): the file keeps
                    # its own version; never let a retry raise into the UI.
                    _log.warning("dropped a held %s that the file refuses: %s", write.name, exc)
                self.pending.pop(0)
        finally:
            self._write_depth -= 1
            if self.pending:
                self._conn = memory
        memory.close()
        self._disk = None
        self.write_problem = None
        if self.write_listener is not None:
            self.write_listener("saved", "")
        return True

    def _merge_note(self, write: PendingWrite, conflict: NoteConflict) -> None:
        """A held note whose stored version changed meanwhile: keep both texts."""
        question_id, text = write.args[0], write.args[1]
        merged = (
            f"{text}\n\n— also saved from another window —\n{conflict.stored}"
            if conflict.stored.strip() and conflict.stored.strip() not in text
            else text
        )
        self.set_note(question_id, merged[:MAX_NOTE_CHARS], expected=conflict.stored)

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

    @_write
    def set_bookmarked(self, question_id: str, value: bool) -> QuestionState:
        return self._set(question_id, "bookmarked", int(value))

    @_write
    def set_studied(self, question_id: str, value: bool) -> QuestionState:
        return self._set(question_id, "studied", int(value))

    @_write
    def set_known(self, question_id: str, value: bool) -> QuestionState:
        return self._set(question_id, "known", int(value))

    @_write
    def set_note(self, question_id: str, note: str, expected: str | None = None) -> QuestionState:
        """Store `note`; with `expected`, only if the stored note is still `expected`.

        The compare and the write are one transaction, so a second window or instance that
        saved the same note in between raises `NoteConflict` instead of being overwritten.
        """
        if len(note) > MAX_NOTE_CHARS:
            raise ValueError(
                f"a note is limited to {MAX_NOTE_CHARS:,} characters (this one has {len(note):,})"
            )
        if expected is None:
            return self._set(question_id, "note", note)
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT note FROM question_state WHERE question_id = ?", (question_id,)
            ).fetchone()
            stored = str(row[0]) if row else ""
            if stored != expected:
                raise NoteConflict(question_id, stored)
            conn.execute(
                "INSERT INTO question_state (question_id, note, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(question_id) DO UPDATE SET note = excluded.note, "
                "updated_at = excluded.updated_at",
                (question_id, note, time.time()),
            )
        return self.state(question_id)

    # -- small key/value settings that belong with the progress (last position) ----------------

    def get_value(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    @_write
    def set_value(self, key: str, value: str) -> bool:
        """Remember a small setting; False when it is only in memory (a refused disk).

        These values (the last position) are conveniences; a full disk must not turn
        moving to the next question into an error (the write is held and retried).
        """
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        return self._disk is None and not self.read_only

    # -- study mode: append-only review log, cached FSRS cards, mock interviews ------------------

    @_write
    def append_review(
        self, record: ReviewRecord, card_json: str | None = None, based_on: ReviewBase = NO_REVIEWS
    ) -> tuple[ReviewRecord, bool]:
        """Append `record`, and cache the card it produced, in one transaction.

        The card is cached only if the question's reviews in the log are still the ones it
        was built from (`based_on`): compare-and-set. Another writer's review or undo of the
        same question in between makes the caller's card wrong; then the cached card is
        dropped, and the next read replays the log. Returns the record with its id and
        whether the card was cached. When this returns, the review is on disk (WAL +
        synchronous=FULL).
        """
        with self._transaction() as conn:
            current = _review_base(conn, record.question_id) == based_on
            cursor = conn.execute(
                "INSERT INTO review_log (uid, question_id, rating, reviewed_at, duration_ms, "
                "desired_retention, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                _review_values(record),
            )
            row_id = int(cursor.lastrowid or 0)
            cached = current and card_json is not None
            if cached:
                conn.execute(
                    "INSERT INTO card_state (question_id, card_json, last_review_id) "
                    "VALUES (?, ?, ?) ON CONFLICT(question_id) DO UPDATE SET "
                    "card_json = excluded.card_json, last_review_id = excluded.last_review_id",
                    (record.question_id, card_json, row_id),
                )
            else:
                conn.execute("DELETE FROM card_state WHERE question_id = ?", (record.question_id,))
        return replace(record, id=row_id), cached

    @_write
    def import_reviews(self, records: list[ReviewRecord]) -> int:
        """Append the records whose uid is not here yet (one transaction); return how many."""
        added = 0
        with self._transaction() as conn:
            for record in records:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO review_log (uid, question_id, rating, reviewed_at, "
                    "duration_ms, desired_retention, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    _review_values(record),
                )
                added += cursor.rowcount
        return added

    def reviews(self, question_id: str | None = None) -> list[ReviewRecord]:
        """The review log in the order the reviews happened (oldest first)."""
        sql = (
            "SELECT id, uid, question_id, rating, reviewed_at, duration_ms, desired_retention, "
            "source FROM review_log"
        )
        args: tuple[object, ...] = ()
        if question_id is not None:
            sql += " WHERE question_id = ?"
            args = (question_id,)
        rows = self._conn.execute(sql + " ORDER BY reviewed_at, id", args).fetchall()
        return [
            ReviewRecord(
                id=int(r[0]),
                uid=str(r[1]),
                question_id=str(r[2]),
                rating=int(r[3]),
                reviewed_at=float(r[4]),
                duration_ms=None if r[5] is None else int(r[5]),
                desired_retention=float(r[6]),
                source=str(r[7]),
            )
            for r in rows
        ]

    def review_count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0])

    def current_card_cache(self) -> dict[str, tuple[str, ReviewBase]] | None:
        """question id -> (cached card JSON, what it was built from), or None when the cache
        lags the log: a reviewed question without a card, a card older than its question's
        newest review (an import appends without touching the cache), or a card of a question
        with no review left. Read in one statement, so in one snapshot of the file.
        """
        rows = self._conn.execute(
            "SELECT r.question_id, r.latest, r.n, c.card_json, c.last_review_id FROM "
            f"({_REVIEW_BASES_SQL}) AS r LEFT JOIN card_state AS c USING (question_id) "
            "UNION ALL SELECT question_id, NULL, 0, card_json, last_review_id FROM card_state "
            "WHERE question_id NOT IN (SELECT question_id FROM review_log)"
        ).fetchall()
        cache: dict[str, tuple[str, ReviewBase]] = {}
        for question_id, latest, count, card_json, last_review_id in rows:
            if latest is None or last_review_id is None or int(last_review_id) != int(latest):
                return None
            cache[str(question_id)] = (str(card_json), (int(latest), int(count)))
        return cache

    def card_states(self) -> dict[str, str]:
        """question id -> the FSRS card (JSON) after its latest review."""
        rows = self._conn.execute("SELECT question_id, card_json FROM card_state").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    @_write
    def replace_card_states(self, cards: dict[str, tuple[str, ReviewBase]]) -> None:
        """Swap the whole card cache (after a rebuild from the log) in one transaction.

        `cards` maps a question id to (card JSON, the `ReviewBase` it was replayed from); a
        card whose question's reviews changed since the log was read is left out
        (compare-and-set, as in `append_review`).
        """
        with self._transaction() as conn:
            now = {
                str(qid): (int(latest), int(count))
                for qid, latest, count in conn.execute(_REVIEW_BASES_SQL)
            }
            conn.execute("DELETE FROM card_state")
            conn.executemany(
                "INSERT INTO card_state (question_id, card_json, last_review_id) VALUES (?, ?, ?)",
                [
                    (qid, text, base[0])
                    for qid, (text, base) in cards.items()
                    if now.get(qid) == base
                ],
            )

    @_write
    def put_state(self, state: QuestionState) -> None:
        """Write a whole question state with its own timestamp (used by import)."""
        if len(state.note) > MAX_NOTE_CHARS:
            raise ValueError(f"a note is limited to {MAX_NOTE_CHARS:,} characters")
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO question_state (question_id, bookmarked, studied, known, note, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(question_id) DO UPDATE SET "
                "bookmarked = excluded.bookmarked, studied = excluded.studied, "
                "known = excluded.known, note = excluded.note, updated_at = excluded.updated_at",
                (
                    state.question_id,
                    int(state.bookmarked),
                    int(state.studied),
                    int(state.known),
                    state.note,
                    state.updated_at,
                ),
            )

    def apply_import(
        self,
        states: list[QuestionState],
        reviews: list[ReviewRecord],
        sessions: list[MockSessionRecord],
    ) -> tuple[int, int]:
        """Write an import in ONE transaction: all of it or, on any error, none of it.

        Returns (reviews added, mock interviews added); known uids are skipped. The same
        write as `apply_import_batch` (which holds it in memory on a full disk), for a
        batch of only these three kinds.
        """
        added = self.apply_import_batch(
            ImportBatch(states=tuple(states), reviews=tuple(reviews), sessions=tuple(sessions))
        )
        return added["reviews"], added["mock_sessions"]

    @_write
    def add_mock_session(self, record: MockSessionRecord) -> bool:
        """Save a finished mock interview; False when one with this uid is already there."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO mock_session (uid, started_at, finished_at, summary_json) "
                "VALUES (?, ?, ?, ?)",
                (record.uid, record.started_at, record.finished_at, record.summary_json),
            )
        return cursor.rowcount > 0

    def mock_sessions(self) -> list[MockSessionRecord]:
        """Finished mock interviews, most recent first."""
        rows = self._conn.execute(
            "SELECT uid, started_at, finished_at, summary_json FROM mock_session "
            "ORDER BY started_at DESC"
        ).fetchall()
        return [MockSessionRecord(str(r[0]), float(r[1]), float(r[2]), str(r[3])) for r in rows]

    # -- undo, predictions, activity (migration 3) ------------------------------------------------

    @_write
    def delete_review(self, uid: str) -> bool:
        """Remove one review (the learner's undo of a grade just given) and its question's
        cached card, now built from a review that is gone; the caller rebuilds the card
        cache from the log. True when a row was removed."""
        with self._transaction() as conn:
            conn.execute(
                "DELETE FROM card_state WHERE question_id IN "
                "(SELECT question_id FROM review_log WHERE uid = ?)",
                (uid,),
            )
            cursor = conn.execute("DELETE FROM review_log WHERE uid = ?", (uid,))
        return cursor.rowcount > 0

    @_write
    def add_prediction(self, record: PredictionRecord) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO prediction_log (uid, question_id, visualizer, prompt_id, "
                "chosen, correct, predicted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    record.uid,
                    record.question_id,
                    record.visualizer,
                    record.prompt_id,
                    record.chosen,
                    int(record.correct),
                    record.predicted_at,
                ),
            )

    def predictions(self) -> list[PredictionRecord]:
        """Every locked-in prediction, oldest first."""
        rows = self._conn.execute(
            "SELECT uid, question_id, visualizer, prompt_id, chosen, correct, predicted_at "
            "FROM prediction_log ORDER BY predicted_at, id"
        ).fetchall()
        return [
            PredictionRecord(
                str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), bool(r[5]), float(r[6])
            )
            for r in rows
        ]

    @_write
    def add_activity(self, record: ActivityRecord) -> None:
        if record.seconds <= 0:
            return
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO activity_log (kind, question_id, started_at, seconds) "
                "VALUES (?, ?, ?, ?)",
                (record.kind, record.question_id, record.started_at, float(record.seconds)),
            )

    def activity(self) -> list[ActivityRecord]:
        rows = self._conn.execute(
            "SELECT kind, question_id, started_at, seconds FROM activity_log "
            "ORDER BY started_at, id"
        ).fetchall()
        return [ActivityRecord(str(r[0]), str(r[1]), float(r[2]), float(r[3])) for r in rows]

    # -- coding practice ---------------------------------------------------------------------

    @_write
    def add_practice_attempt(self, attempt: PracticeAttempt) -> PracticeAttempt:
        code = attempt.code[:MAX_PRACTICE_CODE_CHARS]
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO practice_attempt (question_id, code, results_json, passed, failed,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    attempt.question_id,
                    code,
                    attempt.results_json,
                    attempt.passed,
                    attempt.failed,
                    attempt.created_at,
                ),
            )
        return replace(attempt, code=code, id=cursor.lastrowid)

    def practice_attempts(self, question_id: str) -> list[PracticeAttempt]:
        """Every test run of a question, most recent first."""
        rows = self._conn.execute(
            "SELECT question_id, code, results_json, passed, failed, created_at, id"
            " FROM practice_attempt WHERE question_id = ? ORDER BY created_at DESC, id DESC",
            (question_id,),
        ).fetchall()
        return [
            PracticeAttempt(
                str(r[0]), str(r[1]), str(r[2]), int(r[3]), int(r[4]), float(r[5]), int(r[6])
            )
            for r in rows
        ]

    def practice_draft(self, question_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT code FROM practice_draft WHERE question_id = ?", (question_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    @_write
    def set_practice_draft(self, question_id: str, code: str | None) -> None:
        """Saves the code being edited; None forgets it (back to the starter)."""
        with self._transaction() as conn:
            if code is None:
                conn.execute("DELETE FROM practice_draft WHERE question_id = ?", (question_id,))
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO practice_draft (question_id, code, updated_at)"
                    " VALUES (?, ?, ?)",
                    (question_id, code[:MAX_PRACTICE_CODE_CHARS], time.time()),
                )

    @_write
    def record_reference_reveal(self, question_id: str, when: float | None = None) -> None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO practice_reveal (question_id, revealed_at) VALUES (?, ?)",
                (question_id, time.time() if when is None else when),
            )

    def reference_reveals(self, question_id: str) -> list[float]:
        rows = self._conn.execute(
            "SELECT revealed_at FROM practice_reveal WHERE question_id = ? ORDER BY revealed_at",
            (question_id,),
        ).fetchall()
        return [float(r[0]) for r in rows]

    # -- whole-database reads and the import of a progress file ------------------------------

    def all_practice_attempts(self) -> list[PracticeAttempt]:
        """Every test run of every question, oldest first."""
        rows = self._conn.execute(
            "SELECT question_id, code, results_json, passed, failed, created_at, id"
            " FROM practice_attempt ORDER BY created_at, id"
        ).fetchall()
        return [
            PracticeAttempt(
                str(r[0]), str(r[1]), str(r[2]), int(r[3]), int(r[4]), float(r[5]), int(r[6])
            )
            for r in rows
        ]

    def practice_drafts(self) -> list[PracticeDraft]:
        """Every saved draft, by question id."""
        rows = self._conn.execute(
            "SELECT question_id, code, updated_at FROM practice_draft ORDER BY question_id"
        ).fetchall()
        return [PracticeDraft(str(r[0]), str(r[1]), float(r[2])) for r in rows]

    def all_reference_reveals(self) -> list[ReferenceReveal]:
        """Every reveal of a reference solution, oldest first."""
        rows = self._conn.execute(
            "SELECT question_id, revealed_at FROM practice_reveal ORDER BY revealed_at, id"
        ).fetchall()
        return [ReferenceReveal(str(r[0]), float(r[1])) for r in rows]

    @_write
    def apply_import_batch(self, batch: ImportBatch) -> dict[str, int]:
        """Write a whole progress import in ONE transaction: all of it or none of it.

        Returns how many rows of each kind were added (or, for states and drafts, written).
        Merging happens here, against the rows inside the transaction, so applying the same
        batch twice (or replaying it after a held write) adds nothing the second time.
        """
        for state in batch.states:
            if len(state.note) > MAX_NOTE_CHARS:
                raise ValueError(f"a note is limited to {MAX_NOTE_CHARS:,} characters")
        for code in [a.code for a in batch.attempts] + [d.code for d in batch.drafts]:
            if len(code) > MAX_PRACTICE_CODE_CHARS:
                raise ValueError(
                    f"practice code is limited to {MAX_PRACTICE_CODE_CHARS:,} characters"
                )
        added = dict.fromkeys(
            (
                "states",
                "reviews",
                "mock_sessions",
                "predictions",
                "activity",
                "attempts",
                "drafts",
                "reveals",
            ),
            0,
        )
        with self._transaction() as conn:
            for state in batch.states:
                conn.execute(
                    "INSERT INTO question_state (question_id, bookmarked, studied, known, note, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(question_id) DO UPDATE "
                    "SET bookmarked = excluded.bookmarked, studied = excluded.studied, "
                    "known = excluded.known, note = excluded.note, "
                    "updated_at = excluded.updated_at",
                    (
                        state.question_id,
                        int(state.bookmarked),
                        int(state.studied),
                        int(state.known),
                        state.note,
                        state.updated_at,
                    ),
                )
                added["states"] += 1
            for record in batch.reviews:
                added["reviews"] += conn.execute(
                    "INSERT OR IGNORE INTO review_log (uid, question_id, rating, reviewed_at, "
                    "duration_ms, desired_retention, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    _review_values(record),
                ).rowcount
            for session in batch.sessions:
                added["mock_sessions"] += conn.execute(
                    "INSERT OR IGNORE INTO mock_session (uid, started_at, finished_at, "
                    "summary_json) VALUES (?, ?, ?, ?)",
                    (session.uid, session.started_at, session.finished_at, session.summary_json),
                ).rowcount
            for p in batch.predictions:
                added["predictions"] += conn.execute(
                    "INSERT OR IGNORE INTO prediction_log (uid, question_id, visualizer, "
                    "prompt_id, chosen, correct, predicted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        p.uid,
                        p.question_id,
                        p.visualizer,
                        p.prompt_id,
                        p.chosen,
                        int(p.correct),
                        p.predicted_at,
                    ),
                ).rowcount
            have = _key_counts(conn, "SELECT kind, question_id, started_at FROM activity_log")
            for a in batch.activity:
                if _seen(have, (a.kind, a.question_id, a.started_at)):
                    continue
                conn.execute(
                    "INSERT INTO activity_log (kind, question_id, started_at, seconds) "
                    "VALUES (?, ?, ?, ?)",
                    (a.kind, a.question_id, a.started_at, float(a.seconds)),
                )
                added["activity"] += 1
            have = _key_counts(conn, "SELECT question_id, created_at FROM practice_attempt")
            for t in batch.attempts:
                if _seen(have, (t.question_id, t.created_at)):
                    continue
                conn.execute(
                    "INSERT INTO practice_attempt (question_id, code, results_json, passed, "
                    "failed, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (t.question_id, t.code, t.results_json, t.passed, t.failed, t.created_at),
                )
                added["attempts"] += 1
            for d in batch.drafts:
                added["drafts"] += conn.execute(
                    "INSERT INTO practice_draft (question_id, code, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(question_id) DO UPDATE SET code = excluded.code, "
                    "updated_at = excluded.updated_at "
                    "WHERE excluded.updated_at > practice_draft.updated_at",
                    (d.question_id, d.code, d.updated_at),
                ).rowcount
            have = _key_counts(conn, "SELECT question_id, revealed_at FROM practice_reveal")
            for r in batch.reveals:
                if _seen(have, (r.question_id, r.revealed_at)):
                    continue
                conn.execute(
                    "INSERT INTO practice_reveal (question_id, revealed_at) VALUES (?, ?)",
                    (r.question_id, r.revealed_at),
                )
                added["reveals"] += 1
        return added


def _key_counts(conn: sqlite3.Connection, sql: str) -> Counter[tuple[object, ...]]:
    """How many rows of a log have each natural key (a log without uids)."""
    return Counter(tuple(row) for row in conn.execute(sql))


def _seen(have: Counter[tuple[object, ...]], key: tuple[object, ...]) -> bool:
    """True (and one fewer left) when this database already has a row with `key`."""
    if have[key] > 0:
        have[key] -= 1
        return True
    return False


# Every reviewed question's `ReviewBase` as it is in the log now.
_REVIEW_BASES_SQL = (
    "SELECT question_id, MAX(id) AS latest, COUNT(*) AS n FROM review_log GROUP BY question_id"
)


def _review_base(conn: sqlite3.Connection, question_id: str) -> ReviewBase:
    row = conn.execute(
        "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM review_log WHERE question_id = ?",
        (question_id,),
    ).fetchone()
    return (int(row[0]), int(row[1]))


def _review_values(record: ReviewRecord) -> tuple[object, ...]:
    return (
        record.uid,
        record.question_id,
        record.rating,
        record.reviewed_at,
        record.duration_ms,
        record.desired_retention,
        record.source,
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
