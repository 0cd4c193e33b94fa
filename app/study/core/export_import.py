"""Move progress between machines, and export the deck for reading or for Anki (no Qt).

Progress file: one JSON document (`FORMAT`, `VERSION`) with the question states (marks,
notes, each with its `updated_at`), the whole review log, the mock-interview history and
(from version 2) the prediction log, the study-time log, every practice run (code, results,
time), the practice drafts and the reference reveals. A version-1 file (without the last
five) still imports.
An import is validated completely before anything is written, and then written in one
transaction (all or nothing). The file is hostile input: its JSON is parsed with bounds
(nesting depth, digits in a number, no NaN or Infinity, no lone surrogates), every id is
checked with `fullmatch`, and every problem becomes an `ImportValidationError` ("Import
refused: …") rather than an exception from the parser. It merges:

- reviews, mock interviews and predictions are append-only and identified by `uid`: new
  ones are added, known ones skipped (a known uid with different content is reported, local
  kept);
- study time, practice runs and reference reveals have no uid: a natural key ((kind,
  question, start), (question, time), (question, time)) identifies them, and a key the file
  has more often than this machine is added that many more times, so a re-import adds
  nothing; a practice run's code and results are text, never run or imported;
- a practice draft, like a question state, replaces the local one only when newer;
- a question state from the file replaces the local one only when it is strictly newer;
  when the local one is newer (or equally new but different), the local one is kept and
  the difference is reported as a conflict. Nothing is overwritten silently: every
  replaced state is listed, and a backup of the database is taken first.

Deck exports: Markdown (one section per category) and Anki's import format: tab-separated
text with `#separator:tab`, `#html:true` and `#tags column:3` header lines.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import __version__
from app.content import Library
from app.store import (
    MAX_NOTE_CHARS,
    MAX_PRACTICE_CODE_CHARS,
    ActivityRecord,
    ImportBatch,
    MockSessionRecord,
    PracticeAttempt,
    PracticeDraft,
    PredictionRecord,
    QuestionState,
    ReferenceReveal,
    ReviewRecord,
    Store,
)
from app.study.core.backup import backup_now
from app.study.core.service import ACTIVITY_KINDS, MAX_ACTIVITY_SECONDS, SOURCES, StudyService

FORMAT = "ml-interview-studio-progress"
VERSION = 2  # 2: predictions, study time, practice runs, drafts and reference reveals
MAX_IMPORT_BYTES = 32 * 1024 * 1024
_UID = re.compile(r"[0-9a-f]{32}")
_QID = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")
_QID_OR_NONE = re.compile(r"|[a-z0-9][a-z0-9-]{0,119}")  # study time outside a question
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")  # a visualizer or prompt id: text only
MAX_RESULTS_CHARS = 1_000_000  # one practice run's results (JSON text)
MAX_RESULT_CASES = 10_000
MAX_CASE_TEXT = 200_000  # one field of one case (a message, the value it got)
MAX_TESTS = 100_000  # passed / failed counts of one run
MAX_CHOICE = 99  # a prediction's chosen answer (an index into the prompt's choices)
MAX_DEPTH = 20  # the format needs 5 levels (a mock summary's per-question scores)
MAX_NUMBER_CHARS = 40  # digits of any number: timestamps and counts need far fewer
MAX_QUOTE = 60
_EARLIEST = 946684800.0  # 2000-01-01: anything older is not a real timestamp


class ImportValidationError(ValueError):
    """The file is not a valid progress export; `problems` says where and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))
        self.problems = problems


@dataclass(frozen=True)
class ProgressFile:
    exported_at: float
    states: tuple[QuestionState, ...]
    reviews: tuple[ReviewRecord, ...]
    mock_sessions: tuple[MockSessionRecord, ...]
    predictions: tuple[PredictionRecord, ...] = ()
    activity: tuple[ActivityRecord, ...] = ()
    attempts: tuple[PracticeAttempt, ...] = ()
    drafts: tuple[PracticeDraft, ...] = ()
    reveals: tuple[ReferenceReveal, ...] = ()


@dataclass
class ImportReport:
    reviews_added: int = 0
    reviews_known: int = 0
    states_added: list[str] = field(default_factory=list)
    states_updated: list[str] = field(default_factory=list)  # file newer: replaced
    states_same: int = 0
    conflicts: list[str] = field(default_factory=list)  # local kept
    mock_added: int = 0
    predictions_added: int = 0
    predictions_known: int = 0
    activity_added: int = 0
    activity_known: int = 0
    attempts_added: int = 0
    attempts_known: int = 0
    drafts_added: list[str] = field(default_factory=list)
    drafts_updated: list[str] = field(default_factory=list)  # file newer: replaced
    drafts_same: int = 0
    reveals_added: int = 0
    reveals_known: int = 0
    unknown_questions: list[str] = field(default_factory=list)
    backup: Path | None = None

    def describe(self) -> str:
        lines = [
            f"{self.reviews_added} review(s) added, {self.reviews_known} already here.",
            f"{len(self.states_added)} question state(s) added, "
            f"{len(self.states_updated)} replaced by newer ones from the file, "
            f"{self.states_same} unchanged.",
            f"{self.mock_added} mock interview(s) added.",
            f"{self.predictions_added} prediction(s) added, {self.predictions_known} already here.",
            f"{self.activity_added} stretch(es) of study time added, "
            f"{self.activity_known} already here.",
            f"{self.attempts_added} practice run(s) added, {self.attempts_known} already here; "
            f"{len(self.drafts_added)} code draft(s) added, {len(self.drafts_updated)} replaced "
            f"by newer ones, {self.drafts_same} unchanged; {self.reveals_added} reference "
            f"reveal(s) added, {self.reveals_known} already here.",
        ]
        if self.states_updated:
            lines.append("Replaced (the file was newer): " + ", ".join(self.states_updated))
        if self.conflicts:
            lines.append(f"{len(self.conflicts)} conflict(s), this machine's data kept:")
            lines += [f"  • {c}" for c in self.conflicts]
        if self.unknown_questions:
            lines.append(
                "Not in this version's questions (kept anyway): "
                + ", ".join(sorted(self.unknown_questions))
            )
        if self.backup is not None:
            lines.append(f"A backup taken before the import is at {self.backup}.")
        return "\n".join(lines)


# -- export -------------------------------------------------------------------------------


def export_progress(service: StudyService) -> dict[str, Any]:
    store = service.store
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": round(time.time(), 3),
        "questions": [
            {
                "question_id": s.question_id,
                "bookmarked": s.bookmarked,
                "studied": s.studied,
                "known": s.known,
                "note": s.note,
                "updated_at": s.updated_at,
            }
            for s in sorted(store.all_states().values(), key=lambda s: s.question_id)
        ],
        "reviews": [
            {
                "uid": r.uid,
                "question_id": r.question_id,
                "rating": r.rating,
                "reviewed_at": r.reviewed_at,
                "duration_ms": r.duration_ms,
                "desired_retention": r.desired_retention,
                "source": r.source,
            }
            for r in store.reviews()
        ],
        "mock_sessions": [
            {
                "uid": m.uid,
                "started_at": m.started_at,
                "finished_at": m.finished_at,
                "summary": json.loads(m.summary_json),
            }
            for m in store.mock_sessions()
        ],
        "predictions": [
            {
                "uid": p.uid,
                "question_id": p.question_id,
                "visualizer": p.visualizer,
                "prompt_id": p.prompt_id,
                "chosen": p.chosen,
                "correct": p.correct,
                "predicted_at": p.predicted_at,
            }
            for p in store.predictions()
        ],
        "activity": [
            {
                "kind": a.kind,
                "question_id": a.question_id,
                "started_at": a.started_at,
                "seconds": a.seconds,
            }
            for a in store.activity()
        ],
        "practice_attempts": [
            {
                "question_id": t.question_id,
                "code": t.code,
                "results_json": _exportable_results(t.results_json),
                "passed": t.passed,
                "failed": t.failed,
                "created_at": t.created_at,
            }
            for t in store.all_practice_attempts()
        ],
        "practice_drafts": [
            {"question_id": d.question_id, "code": d.code, "updated_at": d.updated_at}
            for d in store.practice_drafts()
        ],
        "reference_reveals": [
            {"question_id": r.question_id, "revealed_at": r.revealed_at}
            for r in store.all_reference_reveals()
        ],
    }


# What a progress file holds, in the order a confirmation names them.
SECTIONS = (
    "questions",
    "reviews",
    "mock_sessions",
    "predictions",
    "activity",
    "practice_attempts",
    "practice_drafts",
    "reference_reveals",
)


def _exportable_results(text: str) -> str:
    """A run's results as the import accepts them: oversized ones are shortened, said so.

    The app writes results far below `MAX_RESULTS_CHARS`; a run whose messages were huge
    keeps its pass/fail per case and the first part of each text, so the file still imports.
    """
    if len(text) <= MAX_RESULTS_CHARS:
        check = _Checker()
        _check_results(check, text, "results")
        if not check.problems:
            return text
        # Not in the shape the import takes (never written by the app): said, not dropped.
        return json.dumps(
            {"problem": f"(results in an unknown form: {_quote(text)})", "cases": []},
            ensure_ascii=False,
        )
    try:
        data = json.loads(text)
        cases = data["cases"] if isinstance(data, dict) else None
    except (ValueError, KeyError, RecursionError):
        cases = None
    note = f"(the results had {len(text):,} characters; shortened for the export)"
    if isinstance(cases, list):
        short = [
            {k: v[:2000] if isinstance(v, str) else v for k, v in case.items()}
            for case in cases[:MAX_RESULT_CASES]
            if isinstance(case, dict)
        ]
        shortened = json.dumps({"problem": note, "cases": short})
        if len(shortened) <= MAX_RESULTS_CHARS:
            return shortened
    return json.dumps({"problem": note, "cases": []})


def write_text_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def write_progress(service: StudyService, path: Path) -> dict[str, int]:
    data = export_progress(service)
    write_text_atomically(path, json.dumps(data, ensure_ascii=False, indent=1))
    return {k: len(data[k]) for k in SECTIONS}


# -- validation ---------------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(f"{where}: {message}")

    def number(self, item: dict[str, Any], key: str, where: str, low: float, high: float) -> float:
        value = item.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.fail(f"{where}.{key}", f"must be a number (got {_quote(value)})")
            return low
        if not low <= value <= high:
            self.fail(f"{where}.{key}", f"must be between {low} and {high} (got {value})")
        return float(value)

    def whole(self, item: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
        value = item.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                f"{where}.{key}",
                f"must be a whole number from {low} to {high} (got {_quote(value)})",
            )
            return low
        return value

    def string(self, item: dict[str, Any], key: str, where: str, max_chars: int) -> str:
        value = item.get(key)
        if not isinstance(value, str) or len(value) > max_chars:
            self.fail(
                f"{where}.{key}",
                f"must be text of at most {max_chars:,} characters (got {_quote(value)})",
            )
            return ""
        return value

    def flag(self, item: dict[str, Any], key: str, where: str) -> bool:
        value = item.get(key)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", f"must be true or false (got {_quote(value)})")
            return False
        return value

    def text(self, item: dict[str, Any], key: str, where: str, pattern: re.Pattern[str]) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not pattern.fullmatch(value):
            self.fail(f"{where}.{key}", f"is not a valid {key} (got {_quote(value)})")
            return ""
        return value

    def items(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key)
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{key}[{i}]", item))
            else:
                self.fail(f"{key}[{i}]", "must be an object")
        return out


def _quote(value: object) -> str:
    """A short excerpt of a value from the file, for a message."""
    if isinstance(value, dict | list):
        return f"a {'list' if isinstance(value, list) else 'object'} of {len(value)} item(s)"
    text = repr(value[: MAX_QUOTE + 1] if isinstance(value, str) else value)
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE] + "…"


def _bounded_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number with {len(digits):,} digits")
    return int(digits)


def _bounded_float(digits: str) -> float:
    value = float(digits) if len(digits) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise ValueError(f"the number {digits[:20]}… is too large")
    return value


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_tree(data: Any) -> None:
    """Refuse deep nesting and text that can't be stored (lone surrogates), without recursion."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ImportValidationError([f"nested more than {MAX_DEPTH} levels deep"])
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ImportValidationError(
                    [f"contains text that is not valid Unicode near {_quote(value[:20])}"]
                ) from exc
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, depth + 1))
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _load_json(text: str) -> Any:
    try:
        data = json.loads(
            text,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as exc:
        raise ImportValidationError([f"not valid JSON: {str(exc)[:120]}"]) from exc
    except (ValueError, OverflowError) as exc:
        raise ImportValidationError([f"not a usable number: {str(exc)[:120]}"]) from exc
    except RecursionError as exc:  # json's C decoder recurses once per nesting level
        raise ImportValidationError([f"nested more than {MAX_DEPTH} levels deep"]) from exc
    _check_tree(data)
    return data


def _check_summary(c: _Checker, summary: object, where: str) -> dict[str, Any]:
    """A mock-interview summary must have the shape the history table reads."""
    if not isinstance(summary, dict):
        c.fail(where, "must be an object")
        return {}
    version = summary.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 1:
        c.fail(f"{where}.version", f"must be 1 (got {_quote(version)})")
    for key, high in (("overall", 1.0), ("time_used_s", 1e6), ("over_time", 1e4)):
        if key in summary:
            c.number(summary, key, where, 0.0, high)
    rounds = summary.get("rounds", {})
    if not isinstance(rounds, dict):
        c.fail(f"{where}.rounds", f"must be an object of round → score (got {_quote(rounds)})")
    else:
        for name in rounds:
            if name not in _ROUNDS:
                c.fail(f"{where}.rounds", f"{_quote(name)} is not a round")
            else:
                c.number(rounds, name, f"{where}.rounds", 0.0, 1.0)
    mode = summary.get("mode", "questions")
    if mode not in ("questions", "coding"):
        c.fail(f"{where}.mode", f"must be questions or coding (got {_quote(mode)})")
    for key, high in (("limit_s", 1e6), ("solved", 200.0)):
        if key in summary:
            c.number(summary, key, where, 0.0, high)
    if "timed_out" in summary:
        c.flag(summary, "timed_out", where)
    questions = summary.get("questions", [])
    if not isinstance(questions, list) or len(questions) > 200:
        c.fail(f"{where}.questions", "must be a list of at most 200 items")
    elif not all(isinstance(q, dict) for q in questions):
        c.fail(f"{where}.questions", "every item must be an object")
    else:
        for i, question in enumerate(questions):
            _check_summary_question(c, question, f"{where}.questions[{i}]")
    return summary


_ROUNDS = ("screening", "coding", "system-design", "theory", "behavioral")
# A summary's per-question numbers (the coding round's fields too): each optional, bounded.
_QUESTION_NUMBERS: tuple[tuple[str, float], ...] = (
    ("budget_s", 1e6),
    ("used_s", 1e6),
    ("score", 1.0),
    ("number", 9999.0),
    ("tests_passed", 1e5),
    ("tests_failed", 1e5),
    ("best_passed", 1e5),
    ("runs", 1e6),
    ("hints", 1e3),
)


def _check_summary_question(c: _Checker, question: dict[str, Any], where: str) -> None:
    """One question (or coding problem) of a mock summary: known keys must be well formed."""
    if "round" in question and question["round"] not in _ROUNDS:
        c.fail(f"{where}.round", f"{_quote(question['round'])} is not a round")
    if "question_id" in question:
        c.text(question, "question_id", where, _QID)
    for key, high in _QUESTION_NUMBERS:
        if key in question:
            c.number(question, key, where, 0.0, high)
    for key in ("answered", "changed_after_run"):
        if key in question:
            c.flag(question, key, where)
    scores = question.get("scores", {})
    if not isinstance(scores, dict) or len(scores) > 20:
        c.fail(f"{where}.scores", "must be an object of at most 20 rubric scores")
        return
    for item, score in scores.items():
        if len(item) > 200 or isinstance(score, bool) or score not in (0, 1, 2):
            c.fail(f"{where}.scores", f"{_quote(item)} must be scored 0, 1 or 2")


def parse_progress(text: str) -> ProgressFile:
    """Validate a progress export completely; raise `ImportValidationError` listing problems."""
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportValidationError([f'not an {FORMAT} file (no "format": "{FORMAT}")'])
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportValidationError(["version: must be a whole number ≥ 1"])
    if version > VERSION:
        raise ImportValidationError(
            [
                f"the file was written by a newer app (format version {version}; this app reads {VERSION})"
            ]
        )
    now = time.time() + 2 * 86400  # tolerate a little clock skew between machines
    c = _Checker()
    exported_at = c.number(data, "exported_at", "file", _EARLIEST, now)
    states: list[QuestionState] = []
    seen_states: set[str] = set()
    for where, item in c.items(data, "questions"):
        qid = c.text(item, "question_id", where, _QID)
        note = item.get("note")
        if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
            c.fail(f"{where}.note", f"must be text of at most {MAX_NOTE_CHARS:,} characters")
            note = ""
        if qid and qid in seen_states:
            c.fail(f"{where}.question_id", f"{qid!r} appears twice")
        seen_states.add(qid)
        states.append(
            QuestionState(
                question_id=qid,
                bookmarked=c.flag(item, "bookmarked", where),
                studied=c.flag(item, "studied", where),
                known=c.flag(item, "known", where),
                note=note,
                updated_at=c.number(item, "updated_at", where, _EARLIEST, now),
            )
        )
    reviews: list[ReviewRecord] = []
    seen_uids: set[str] = set()
    for where, item in c.items(data, "reviews"):
        uid = c.text(item, "uid", where, _UID)
        if uid and uid in seen_uids:
            c.fail(f"{where}.uid", "appears twice")
        seen_uids.add(uid)
        rating = item.get("rating")
        if isinstance(rating, bool) or not isinstance(rating, int) or rating not in (1, 2, 3, 4):
            c.fail(f"{where}.rating", f"must be 1, 2, 3 or 4 (got {_quote(rating)})")
            rating = 3
        duration = item.get("duration_ms")
        if duration is not None and (
            isinstance(duration, bool)
            or not isinstance(duration, int)
            or not 0 <= duration <= 86_400_000
        ):
            c.fail(f"{where}.duration_ms", f"must be null or milliseconds (got {_quote(duration)})")
            duration = None
        source = item.get("source")
        if not isinstance(source, str) or source not in SOURCES:
            c.fail(f"{where}.source", f"must be one of {', '.join(SOURCES)} (got {_quote(source)})")
            source = "review"
        reviews.append(
            ReviewRecord(
                uid=uid,
                question_id=c.text(item, "question_id", where, _QID),
                rating=int(rating),
                reviewed_at=c.number(item, "reviewed_at", where, _EARLIEST, now),
                duration_ms=duration,
                desired_retention=c.number(item, "desired_retention", where, 0.5, 0.99),
                source=str(source),
            )
        )
    sessions: list[MockSessionRecord] = []
    seen_sessions: set[str] = set()
    for where, item in c.items(data, "mock_sessions"):
        summary = _check_summary(c, item.get("summary"), f"{where}.summary")
        uid = c.text(item, "uid", where, _UID)
        if uid and uid in seen_sessions:
            c.fail(f"{where}.uid", "appears twice")
        seen_sessions.add(uid)
        sessions.append(
            MockSessionRecord(
                uid=uid,
                started_at=c.number(item, "started_at", where, _EARLIEST, now),
                finished_at=c.number(item, "finished_at", where, _EARLIEST, now),
                summary_json=json.dumps(summary, ensure_ascii=False, sort_keys=True),
            )
        )
    sections = _parse_version_2(c, data, now)
    if c.problems:
        raise ImportValidationError(c.problems)
    return ProgressFile(exported_at, tuple(states), tuple(reviews), tuple(sessions), **sections)


def _section(c: _Checker, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    """A list version 2 added: absent means none (a version-1 file has none of them)."""
    return c.items(data, key) if key in data else []


def _parse_version_2(c: _Checker, data: dict[str, Any], now: float) -> dict[str, Any]:
    """The records version 2 added, each field checked as strictly as a review's."""
    predictions: list[PredictionRecord] = []
    seen: set[str] = set()
    for where, item in _section(c, data, "predictions"):
        uid = c.text(item, "uid", where, _UID)
        if uid and uid in seen:
            c.fail(f"{where}.uid", "appears twice")
        seen.add(uid)
        predictions.append(
            PredictionRecord(
                uid=uid,
                question_id=c.text(item, "question_id", where, _QID),
                visualizer=c.text(item, "visualizer", where, _NAME),
                prompt_id=c.text(item, "prompt_id", where, _NAME),
                chosen=c.whole(item, "chosen", where, 0, MAX_CHOICE),
                correct=c.flag(item, "correct", where),
                predicted_at=c.number(item, "predicted_at", where, _EARLIEST, now),
            )
        )
    activity: list[ActivityRecord] = []
    for where, item in _section(c, data, "activity"):
        kind = item.get("kind")
        if not isinstance(kind, str) or kind not in ACTIVITY_KINDS:
            c.fail(
                f"{where}.kind", f"must be one of {', '.join(ACTIVITY_KINDS)} (got {_quote(kind)})"
            )
            kind = ACTIVITY_KINDS[0]
        activity.append(
            ActivityRecord(
                kind=kind,
                question_id=c.text(item, "question_id", where, _QID_OR_NONE),
                started_at=c.number(item, "started_at", where, _EARLIEST, now),
                seconds=c.number(item, "seconds", where, 0.0, MAX_ACTIVITY_SECONDS),
            )
        )
    attempts: list[PracticeAttempt] = []
    for where, item in _section(c, data, "practice_attempts"):
        results = c.string(item, "results_json", where, MAX_RESULTS_CHARS)
        if results:
            _check_results(c, results, f"{where}.results_json")
        elif "results_json" in item and isinstance(item["results_json"], str):
            c.fail(f"{where}.results_json", "must not be empty")
        attempts.append(
            PracticeAttempt(
                question_id=c.text(item, "question_id", where, _QID),
                code=c.string(item, "code", where, MAX_PRACTICE_CODE_CHARS),
                results_json=results,
                passed=c.whole(item, "passed", where, 0, MAX_TESTS),
                failed=c.whole(item, "failed", where, 0, MAX_TESTS),
                created_at=c.number(item, "created_at", where, _EARLIEST, now),
            )
        )
    drafts: list[PracticeDraft] = []
    seen = set()
    for where, item in _section(c, data, "practice_drafts"):
        qid = c.text(item, "question_id", where, _QID)
        if qid and qid in seen:
            c.fail(f"{where}.question_id", f"{qid!r} appears twice")
        seen.add(qid)
        drafts.append(
            PracticeDraft(
                question_id=qid,
                code=c.string(item, "code", where, MAX_PRACTICE_CODE_CHARS),
                updated_at=c.number(item, "updated_at", where, _EARLIEST, now),
            )
        )
    reveals = [
        ReferenceReveal(
            question_id=c.text(item, "question_id", where, _QID),
            revealed_at=c.number(item, "revealed_at", where, _EARLIEST, now),
        )
        for where, item in _section(c, data, "reference_reveals")
    ]
    return {
        "predictions": tuple(predictions),
        "activity": tuple(activity),
        "attempts": tuple(attempts),
        "drafts": tuple(drafts),
        "reveals": tuple(reveals),
    }


_CASE_TEXTS = ("id", "kind", "title", "message", "got")


def _check_results(c: _Checker, text: str, where: str) -> None:
    """A practice run's results: JSON text, parsed with the same bounds, in the app's shape.

    It is only ever shown (the practice history); nothing in it is run or imported.
    """
    try:
        results = _load_json(text)
    except ImportValidationError as exc:
        c.fail(where, exc.problems[0])
        return
    if not isinstance(results, dict):
        c.fail(where, f"must be a JSON object (got {_quote(results)})")
        return
    problem = results.get("problem")
    if problem is not None and (not isinstance(problem, str) or len(problem) > MAX_CASE_TEXT):
        c.fail(f"{where}.problem", f"must be null or text (got {_quote(problem)})")
    cases = results.get("cases", [])
    if not isinstance(cases, list) or len(cases) > MAX_RESULT_CASES:
        c.fail(f"{where}.cases", f"must be a list of at most {MAX_RESULT_CASES:,} cases")
        return
    for i, case in enumerate(cases):
        here = f"{where}.cases[{i}]"
        if not isinstance(case, dict):
            c.fail(here, "must be an object")
            continue
        for key in _CASE_TEXTS:
            if key in case:
                c.string(case, key, here, MAX_CASE_TEXT)
        if "passed" in case:
            c.flag(case, "passed", here)


def read_progress_file(path: Path) -> ProgressFile:
    from app.content import _InvalidField, read_regular_file

    try:
        raw = read_regular_file(path, MAX_IMPORT_BYTES)
    except _InvalidField as exc:
        raise ImportValidationError([f"the file {exc.message}"]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportValidationError([f"not UTF-8 text (byte {exc.start})"]) from exc
    return parse_progress(text)


# -- merge --------------------------------------------------------------------------------


def _same(a: QuestionState, b: QuestionState) -> bool:
    return (a.bookmarked, a.studied, a.known, a.note) == (b.bookmarked, b.studied, b.known, b.note)


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


def plan_states(
    local: dict[str, QuestionState], incoming: tuple[QuestionState, ...], report: ImportReport
) -> list[QuestionState]:
    """Which incoming states to write; fills the report's added/updated/same/conflicts."""
    to_write: list[QuestionState] = []
    for theirs in incoming:
        mine = local.get(theirs.question_id)
        if mine is None:
            to_write.append(theirs)
            report.states_added.append(theirs.question_id)
        elif _same(mine, theirs):
            report.states_same += 1
        elif theirs.updated_at > mine.updated_at:
            to_write.append(theirs)
            report.states_updated.append(theirs.question_id)
        else:
            report.conflicts.append(
                f"{theirs.question_id}: this machine's marks/note ({_when(mine.updated_at)}) are "
                f"not older than the file's ({_when(theirs.updated_at)})"
            )
    return to_write


def plan_drafts(
    local: list[PracticeDraft], incoming: tuple[PracticeDraft, ...], report: ImportReport
) -> list[PracticeDraft]:
    """Which incoming practice drafts to write (newer than the local one, or new)."""
    mine_by_id = {d.question_id: d for d in local}
    to_write: list[PracticeDraft] = []
    for theirs in incoming:
        mine = mine_by_id.get(theirs.question_id)
        if mine is None:
            to_write.append(theirs)
            report.drafts_added.append(theirs.question_id)
        elif mine.code == theirs.code:
            report.drafts_same += 1
        elif theirs.updated_at > mine.updated_at:
            to_write.append(theirs)
            report.drafts_updated.append(theirs.question_id)
        else:
            report.conflicts.append(
                f"practice draft of {theirs.question_id}: this machine's ({_when(mine.updated_at)}) "
                f"is not older than the file's ({_when(theirs.updated_at)})"
            )
    return to_write


def _plan_logs(store: Store, incoming: ProgressFile, report: ImportReport) -> None:
    """Report the file's predictions and practice runs that differ from a local one with
    the same identity (the local one is kept; the store skips them)."""
    local_predictions = {p.uid: p for p in store.predictions()}
    for record in incoming.predictions:
        mine = local_predictions.get(record.uid)
        if mine is not None and mine != record:
            report.conflicts.append(
                f"prediction {record.uid[:8]}: differs from the one here with the same id; "
                "kept this one"
            )
    local_runs = {(t.question_id, t.created_at): t for t in store.all_practice_attempts()}
    for attempt in incoming.attempts:
        mine_run = local_runs.get((attempt.question_id, attempt.created_at))
        if mine_run is not None and (mine_run.code, mine_run.passed, mine_run.failed) != (
            attempt.code,
            attempt.passed,
            attempt.failed,
        ):
            report.conflicts.append(
                f"practice run of {attempt.question_id} at {_when(attempt.created_at)}: "
                "differs from the one here at the same time; kept this one"
            )


def import_progress(
    service: StudyService, path: Path, backup_folder: Path | None = None
) -> ImportReport:
    """Validate `path`, back up the database, merge, and rebuild the schedule from the log."""
    incoming = read_progress_file(path)  # raises before anything is touched
    store = service.store
    report = ImportReport()
    if backup_folder is not None and not getattr(store, "read_only", False):
        report.backup = backup_now(
            store.path,
            backup_folder,
            f"progress-{time.strftime('%Y-%m-%d')}-pre-import-{int(time.time())}.sqlite3",
        )
    known_ids = {q.id for q in service.library.questions}
    referenced = (
        {s.question_id for s in incoming.states}
        | {r.question_id for r in incoming.reviews}
        | {p.question_id for p in incoming.predictions}
        | {t.question_id for t in incoming.attempts}
        | {d.question_id for d in incoming.drafts}
        | {r.question_id for r in incoming.reveals}
    )
    report.unknown_questions = sorted(referenced - known_ids)

    to_write = plan_states(store.all_states(), incoming.states, report)

    local_reviews = {r.uid: r for r in store.reviews()}
    fresh: list[ReviewRecord] = []
    for record in incoming.reviews:
        mine = local_reviews.get(record.uid)
        if mine is None:
            fresh.append(record)
        else:
            report.reviews_known += 1
            if (mine.question_id, mine.rating, mine.reviewed_at) != (
                record.question_id,
                record.rating,
                record.reviewed_at,
            ):
                report.conflicts.append(
                    f"review {record.uid[:8]}: differs from the one here with the same id; kept this one"
                )
    _plan_logs(store, incoming, report)
    drafts = plan_drafts(store.practice_drafts(), incoming.drafts, report)
    batch = ImportBatch(
        states=tuple(to_write),
        reviews=tuple(fresh),
        sessions=incoming.mock_sessions,
        predictions=incoming.predictions,
        activity=incoming.activity,
        attempts=incoming.attempts,
        drafts=tuple(drafts),
        reveals=incoming.reveals,
    )
    try:
        added = store.apply_import_batch(batch)
    except sqlite3.Error as exc:  # a full disk: the transaction rolled back, nothing changed
        raise OSError(f"the import could not be written ({exc}); nothing was changed") from exc
    report.reviews_added, report.mock_added = added["reviews"], added["mock_sessions"]
    report.predictions_added = added["predictions"]
    report.activity_added = added["activity"]
    report.attempts_added = added["attempts"]
    report.reveals_added = added["reveals"]
    report.predictions_known = len(incoming.predictions) - report.predictions_added
    report.activity_known = len(incoming.activity) - report.activity_added
    report.attempts_known = len(incoming.attempts) - report.attempts_added
    report.reveals_known = len(incoming.reveals) - report.reveals_added
    if report.reviews_added:
        service.rebuild()
    return report


# -- deck exports -------------------------------------------------------------------------


def deck_markdown(library: Library) -> str:
    """Every question with its answer and key points, one section per category."""
    lines = [f"# ML Interview Studio — {len(library.questions)} questions", ""]
    for category in library.categories:
        lines += [f"## {category.title}", "", category.description.strip(), ""]
        for q in library.in_category(category.id):
            lines += [
                f"### Q{q.number}. {q.question}",
                "",
                f"*{q.difficulty.capitalize()} · rounds: {', '.join(q.rounds) or '—'} · "
                f"tags: {', '.join(q.tags)}*",
                "",
                q.answer.strip(),
                "",
                "**Key points**",
                "",
                *[f"- {k}" for k in q.key_points],
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
