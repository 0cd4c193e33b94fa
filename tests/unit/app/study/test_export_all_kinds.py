"""Progress file version 2: every kind of the learner's data survives export → import.

The oracle is the database itself, read through a separate `sqlite3` connection (never the
export function): after the import, each table of the fresh store holds the same rows as the
original, and a second import adds no row anywhere.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.content import Library
from app.store import ActivityRecord, MockSessionRecord, PracticeAttempt, Store
from app.study.core import export_import as ei
from app.study.core.service import StudyService

T0 = 1_740_000_000.0

# Every table the learner's data lives in, and the columns that identify its content
# (autoincrement ids are local to a database and left out; `kv` holds the window's last
# position, which is not progress and is not exported).
TABLES: dict[str, str] = {
    "question_state": "question_id, bookmarked, studied, known, note, updated_at",
    "review_log": "uid, question_id, rating, reviewed_at, duration_ms, desired_retention, source",
    "card_state": "question_id, card_json",
    "mock_session": "uid, started_at, finished_at, summary_json",
    "prediction_log": "uid, question_id, visualizer, prompt_id, chosen, correct, predicted_at",
    "activity_log": "kind, question_id, started_at, seconds",
    "practice_attempt": "question_id, code, results_json, passed, failed, created_at",
    "practice_draft": "question_id, code, updated_at",
    "practice_reveal": "question_id, revealed_at",
}


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows (sorted), read from the file by a connection of its own."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {
            name: sorted(
                conn.execute(f"SELECT {columns} FROM {name}").fetchall(),
                key=repr,
            )
            for name, columns in TABLES.items()
        }
    finally:
        conn.close()


def _results(passed: int, failed: int) -> str:
    cases = [
        {
            "id": f"c{i}",
            "kind": "example",
            "title": f"case {i}",
            "passed": i < passed,
            "message": "" if i < passed else "expected 3, got 4",
            "got": "4",
        }
        for i in range(passed + failed)
    ]
    return json.dumps({"problem": None, "cases": cases})


def _fill(service: StudyService) -> None:
    """One or more rows of every kind, with awkward text (unicode, newlines, quotes)."""
    store = service.store
    store.set_note("cold-start", 'popularity prior → bandits\n"quoted" ✓')
    store.set_bookmarked("overfitting", True)
    for i, rating in enumerate((3, 1, 4)):
        service.record_review("cold-start", rating, duration_ms=20_000, at=T0 + i * 3600)
    store.add_mock_session(
        MockSessionRecord("cd" * 16, T0, T0 + 900, json.dumps({"overall": 0.5}, sort_keys=True))
    )
    service.record_prediction("gradient-descent", "gradient_descent", "gd_lr_big", 2, True, T0)
    service.record_prediction("k-means", "kmeans", "km_bad_init", 0, False, T0 + 7.25)
    service.record_activity("answer", "cold-start", T0 + 10.5, 42.0)
    service.record_activity("visualizer", "", T0 + 99.125, 300.0)
    service.record_activity("mock", "overfitting", T0 + 500.0, 61.5)
    code = "def softmax(z):\n    # naïve, then stable\n    return z\n"
    store.add_practice_attempt(
        PracticeAttempt("softmax-cross-entropy", code, _results(1, 2), 1, 2, T0 + 1000.5)
    )
    store.add_practice_attempt(
        PracticeAttempt("softmax-cross-entropy", code + "# v2\n", _results(3, 0), 3, 0, T0 + 1060.0)
    )
    store.add_practice_attempt(
        PracticeAttempt("logistic-regression-gd", "pass\n", _results(0, 1), 0, 1, T0 + 2000.0)
    )
    store.set_practice_draft("softmax-cross-entropy", code + "# editing\n")
    store.set_practice_draft("roc-auc-from-ranks", "def auc(y, s):\n    ...\n")
    store.record_reference_reveal("logistic-regression-gd", T0 + 2100.0)
    store.record_reference_reveal("logistic-regression-gd", T0 + 2200.0)


def test_every_kind_round_trips_into_a_fresh_store(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    _fill(service)
    original = _tables(service.store.path)
    assert all(original[name] for name in TABLES), "the fixture must fill every table"
    path = tmp_path / "export.json"
    ei.write_progress(service, path)

    fresh_path = tmp_path / "fresh" / "progress.sqlite3"
    with Store(fresh_path) as fresh:
        other = StudyService(library, fresh)
        report = ei.import_progress(other, path)
        assert (report.predictions_added, report.activity_added) == (2, 3)
        assert (report.attempts_added, len(report.drafts_added), report.reveals_added) == (3, 2, 2)
        assert not report.conflicts
        described = report.describe()
        for words in ("2 prediction(s) added", "3 stretch(es) of study time", "3 practice run(s)"):
            assert words in described
    assert _tables(fresh_path) == original


def test_importing_the_same_file_again_adds_nothing(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    _fill(service)
    path = tmp_path / "export.json"
    ei.write_progress(service, path)
    fresh_path = tmp_path / "fresh" / "progress.sqlite3"
    with Store(fresh_path) as fresh:
        other = StudyService(library, fresh)
        ei.import_progress(other, path)
        once = _tables(fresh_path)
        again = ei.import_progress(other, path)
        assert _tables(fresh_path) == once
        assert again.reviews_added == again.mock_added == again.predictions_added == 0
        assert again.activity_added == again.attempts_added == again.reveals_added == 0
        assert again.drafts_added == again.drafts_updated == [] and again.drafts_same == 2
        assert (again.predictions_known, again.activity_known) == (2, 3)
        assert (again.attempts_known, again.reveals_known) == (3, 2)
    # Importing into the machine the file came from adds nothing either.
    before = _tables(service.store.path)
    ei.import_progress(service, path)
    assert _tables(service.store.path) == before


def test_logs_without_uids_merge_by_key_counting_repeats(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    """Two reveals at the same moment are two rows: the merge keeps both, adds no third."""
    service.store.record_reference_reveal("roc-auc-from-ranks", T0)
    service.store.record_reference_reveal("roc-auc-from-ranks", T0)
    path = tmp_path / "export.json"
    ei.write_progress(service, path)
    other_path = tmp_path / "other" / "progress.sqlite3"
    with Store(other_path) as other_store:
        other_store.record_reference_reveal("roc-auc-from-ranks", T0)  # one already here
        other_store.add_activity(ActivityRecord("answer", "cold-start", T0, 5.0))
        report = ei.import_progress(StudyService(library, other_store), path)
        assert (report.reveals_added, report.reveals_known) == (1, 1)
        assert other_store.reference_reveals("roc-auc-from-ranks") == [T0, T0]


def test_newer_drafts_replace_older_ones_and_never_the_reverse(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    service.store.set_practice_draft("softmax-cross-entropy", "from the laptop")
    path = tmp_path / "export.json"
    ei.write_progress(service, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    stamp = data["practice_drafts"][0]["updated_at"]
    with Store(tmp_path / "b" / "progress.sqlite3") as b:
        b._conn.execute(
            "INSERT INTO practice_draft VALUES ('softmax-cross-entropy', 'newer here', ?)",
            (stamp + 60,),
        )
        report = ei.import_progress(StudyService(library, b), path)
        assert b.practice_draft("softmax-cross-entropy") == "newer here"
        assert any("practice draft of softmax-cross-entropy" in c for c in report.conflicts)
    with Store(tmp_path / "c" / "progress.sqlite3") as c:
        c._conn.execute(
            "INSERT INTO practice_draft VALUES ('softmax-cross-entropy', 'older here', ?)",
            (stamp - 60,),
        )
        report = ei.import_progress(StudyService(library, c), path)
        assert c.practice_draft("softmax-cross-entropy") == "from the laptop"
        assert report.drafts_updated == ["softmax-cross-entropy"]


def test_a_version_1_file_still_imports(library: Library, tmp_path: Path) -> None:
    """Written by hand in the version-1 layout (no field of version 2 anywhere)."""
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "format": ei.FORMAT,
                "version": 1,
                "app_version": "0.1.0",
                "exported_at": T0 + 5000,
                "questions": [
                    {
                        "question_id": "cold-start",
                        "bookmarked": True,
                        "studied": False,
                        "known": False,
                        "note": "v1 note",
                        "updated_at": T0,
                    }
                ],
                "reviews": [
                    {
                        "uid": "ab" * 16,
                        "question_id": "cold-start",
                        "rating": 3,
                        "reviewed_at": T0 + 60,
                        "duration_ms": None,
                        "desired_retention": 0.9,
                        "source": "review",
                    }
                ],
                "mock_sessions": [],
            }
        ),
        encoding="utf-8",
    )
    with Store(tmp_path / "s" / "progress.sqlite3") as store:
        report = ei.import_progress(StudyService(library, store), path)
        assert report.reviews_added == 1 and report.states_added == ["cold-start"]
        assert report.predictions_added == report.attempts_added == 0
        assert store.state("cold-start").note == "v1 note"


def test_oversized_results_are_shortened_so_the_file_still_imports(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    huge = json.dumps(
        {"problem": None, "cases": [{"id": "c0", "passed": False, "message": "x" * 1_200_000}]}
    )
    service.store.add_practice_attempt(
        PracticeAttempt("softmax-cross-entropy", "1", huge, 0, 1, T0)
    )
    path = tmp_path / "export.json"
    ei.write_progress(service, path)
    with Store(tmp_path / "o" / "progress.sqlite3") as other:
        ei.import_progress(StudyService(library, other), path)
        [run] = other.practice_attempts("softmax-cross-entropy")
        shown = json.loads(run.results_json)
        assert "shortened" in shown["problem"] and shown["cases"][0]["passed"] is False
        assert len(run.results_json) <= ei.MAX_RESULTS_CHARS


@pytest.mark.parametrize("version", [2, 1])
def test_each_new_section_is_validated_whatever_the_version(
    service: StudyService, version: int
) -> None:
    _fill(service)
    data = ei.export_progress(service)
    data["version"] = version
    data["predictions"][0]["chosen"] = -1
    with pytest.raises(ei.ImportValidationError) as caught:
        ei.parse_progress(json.dumps(data))
    assert any("predictions[0].chosen" in p for p in caught.value.problems)
