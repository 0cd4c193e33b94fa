"""Hostile progress files: every one is refused with a reason, or imported whole."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
from app.study.core import export_import as ei
from app.study.core.service import StudyService
from app.study.ui import menu
from tests.adversarial.conftest import run_limited

LIBRARY = load_library()
NOW = round(time.time() - 3600, 3)


def _file(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": ei.FORMAT,
        "version": ei.VERSION,
        "exported_at": NOW,
        "questions": [],
        "reviews": [],
        "mock_sessions": [],
        "predictions": [],
        "activity": [],
        "practice_attempts": [],
        "practice_drafts": [],
        "reference_reveals": [],
    }
    data.update(overrides)
    return data


def _state(qid: str = "bias-variance", note: str = "n", at: float = NOW) -> dict[str, Any]:
    return {
        "question_id": qid,
        "bookmarked": False,
        "studied": True,
        "known": False,
        "note": note,
        "updated_at": at,
    }


def _session(uid: str = "a" * 32, **summary: Any) -> dict[str, Any]:
    return {"uid": uid, "started_at": NOW - 60, "finished_at": NOW, "summary": summary}


def _refused(text: str) -> str:
    with pytest.raises(ei.ImportValidationError) as caught:
        ei.parse_progress(text)
    return "; ".join(caught.value.problems)


def test_deep_nesting_is_refused() -> None:
    assert "nested" in _refused('{"format": ' + "[" * 200_000 + "]" * 200_000 + "}")
    deep = _file(mock_sessions=[_session(questions=[{"scores": {"a": [[[[[[[[1]]]]]]]]}}])])
    assert "nested" in _refused(json.dumps(deep).replace("[1]", "[" * 30 + "1" + "]" * 30))


def test_huge_numbers_are_refused() -> None:
    assert "digits" in _refused(json.dumps(_file()).replace(str(ei.VERSION), "9" * 5000, 1))
    text = json.dumps(_file(questions=[_state()])).replace(str(NOW), "1" + "0" * 400)
    assert "number" in _refused(text)
    assert "too large" in _refused(json.dumps(_file()).replace(str(NOW), "1e400"))


@pytest.mark.parametrize("constant", ["Infinity", "-Infinity", "NaN"])
def test_non_numbers_are_refused(constant: str) -> None:
    text = json.dumps(_file(mock_sessions=[_session(time_used_s=1.0)]))
    # Only the field's value (a timestamp like 1795972721.08 also contains "1.0").
    text = text.replace('"time_used_s": 1.0', f'"time_used_s": {constant}')
    assert constant in text
    assert "not a number JSON allows" in _refused(text)


def test_lone_surrogate_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    text = json.dumps(_file(questions=[_state(note="ok"), _state("overfitting", note="\ud800")]))
    assert "Unicode" in _refused(text)


def test_bad_mock_summaries_are_refused() -> None:
    assert "rounds" in _refused(json.dumps(_file(mock_sessions=[_session(rounds=["screening"])])))
    assert "time_used_s" in _refused(json.dumps(_file(mock_sessions=[_session(time_used_s=1e300)])))


def test_ids_must_match_entirely() -> None:
    assert "question_id" in _refused(json.dumps(_file(questions=[_state("bias-variance\n")])))


def test_duplicate_mock_uids_are_refused() -> None:
    text = json.dumps(_file(mock_sessions=[_session(), _session()]))
    assert "appears twice" in _refused(text)


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    """A write failing half-way (here: the database refuses the last row) changes nothing."""
    path = tmp_path / "export.json"
    reviews = [
        {
            "uid": f"{i:032x}",
            "question_id": "bias-variance",
            "rating": 3,
            "reviewed_at": NOW - 100 + i,
            "duration_ms": 1000,
            "desired_retention": 0.9,
            "source": "review",
        }
        for i in range(3)
    ]
    path.write_text(
        json.dumps(
            _file(questions=[_state(note="imported")], reviews=reviews, mock_sessions=[_session()])
        )
    )
    with Store(tmp_path / "progress.sqlite3") as store:
        store._conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON mock_session "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
        service = StudyService(LIBRARY, store)
        with pytest.raises(OSError, match="nothing was changed"):
            ei.import_progress(service, path)
        assert store.all_states() == {} and store.reviews() == []
        assert store.mock_sessions() == []


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    store = Store(tmp_path / "progress.sqlite3")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    main = MainWindow(LIBRARY, store, settings)
    yield main
    main.close()
    main.deleteLater()
    store.close()


def test_import_is_not_overwritten_by_the_open_editor(window: MainWindow, tmp_path: Path) -> None:
    question = LIBRARY.questions[0]
    window.show_question(question.number)
    window.question_view.notes.setPlainText("old note on this machine")
    window.question_view.save_note()
    path = tmp_path / "newer.json"
    newer = _state(question.id, note="newer note from the laptop", at=time.time() + 5)
    path.write_text(json.dumps(_file(exported_at=time.time(), questions=[newer])))
    report = menu.import_from(window, path)
    assert report is not None and report.states_updated == [question.id]
    window.show_question(LIBRARY.questions[1].number)
    assert window.store.state(question.id).note == "newer note from the laptop"
    window.show_question(question.number)
    assert window.question_view.notes.toPlainText() == "newer note from the laptop"


def test_import_refusals_reach_the_user_not_the_crash_dialog(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(str(a[1])))
    for i, text in enumerate(
        ['{"a":' * 100_000, '{"format": ' + "9" * 5000 + "}", '{"x": 1e400}', "[NaN]"]
    ):
        path = tmp_path / f"bad{i}.json"
        path.write_text(text)
        assert menu.import_from(window, path) is None
    assert shown == ["Import refused"] * 4


def test_progress_file_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    outcome = run_limited(
        f"""
        from pathlib import Path
        from app.study.core import export_import as ei
        try:
            ei.read_progress_file(Path({str(fifo)!r}))
            report("accepted")
        except ei.ImportValidationError as error:
            report(str(error))
        """,
        memory_mb=800,
        timeout_s=20,
    )
    assert "regular file" in outcome.result


def test_the_refusing_trigger_really_aborts() -> None:
    # The trigger used above really aborts a statement (guards the all-or-nothing test).
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("CREATE TRIGGER r BEFORE INSERT ON t BEGIN SELECT RAISE(ABORT, 'no'); END")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()


# -- the records of format version 2 --------------------------------------------------------


def _v2_records() -> dict[str, list[dict[str, Any]]]:
    """One valid record of each version-2 kind."""
    results = json.dumps({"problem": None, "cases": [{"id": "c0", "passed": True}]})
    return {
        "predictions": [
            {
                "uid": "b" * 32,
                "question_id": "k-means",
                "visualizer": "kmeans",
                "prompt_id": "km_bad_init",
                "chosen": 1,
                "correct": False,
                "predicted_at": NOW,
            }
        ],
        "activity": [
            {"kind": "answer", "question_id": "cold-start", "started_at": NOW, "seconds": 30.0}
        ],
        "practice_attempts": [
            {
                "question_id": "softmax-cross-entropy",
                "code": "def softmax(z):\n    return z\n",
                "results_json": results,
                "passed": 1,
                "failed": 0,
                "created_at": NOW,
            }
        ],
        "practice_drafts": [
            {"question_id": "softmax-cross-entropy", "code": "# draft", "updated_at": NOW}
        ],
        "reference_reveals": [{"question_id": "softmax-cross-entropy", "revealed_at": NOW}],
    }


def _results_with(**changes: Any) -> str:
    results: dict[str, Any] = {"problem": None, "cases": [{"id": "c0", "passed": True}]}
    results.update(changes)
    return json.dumps(results)


_TOO_LONG_CODE = "x" * (ei.MAX_PRACTICE_CODE_CHARS + 1)
_DEEP_RESULTS = '{"cases": [' + "[" * 40 + "]" * 40 + "]}"

# (section, field, hostile value, words the refusal must name)
HOSTILE_V2 = [
    ("predictions", "uid", "../../etc/passwd", "predictions[0].uid"),
    ("predictions", "question_id", "k-means\n", "predictions[0].question_id"),
    ("predictions", "visualizer", "__import__('os')", "predictions[0].visualizer"),
    (
        "predictions",
        "visualizer",
        "visualizers.kmeans.view:KMeansView",
        "predictions[0].visualizer",
    ),
    ("predictions", "visualizer", 7, "predictions[0].visualizer"),
    ("predictions", "prompt_id", "km bad init", "predictions[0].prompt_id"),
    ("predictions", "prompt_id", "k" * 81, "predictions[0].prompt_id"),
    ("predictions", "chosen", True, "predictions[0].chosen"),
    ("predictions", "chosen", -1, "predictions[0].chosen"),
    ("predictions", "chosen", 1.5, "predictions[0].chosen"),
    ("predictions", "correct", 1, "predictions[0].correct"),
    ("predictions", "predicted_at", "yesterday", "predictions[0].predicted_at"),
    ("predictions", "predicted_at", 4e12, "predictions[0].predicted_at"),
    ("activity", "kind", "eval", "activity[0].kind"),
    ("activity", "question_id", "Cold Start", "activity[0].question_id"),
    ("activity", "started_at", 12.0, "activity[0].started_at"),
    ("activity", "seconds", -1.0, "activity[0].seconds"),
    ("activity", "seconds", 1e9, "activity[0].seconds"),
    ("practice_attempts", "question_id", "../x", "practice_attempts[0].question_id"),
    ("practice_attempts", "code", _TOO_LONG_CODE, "practice_attempts[0].code"),
    ("practice_attempts", "code", ["import os"], "practice_attempts[0].code"),
    ("practice_attempts", "results_json", "x" * 1_000_001, "practice_attempts[0].results_json"),
    ("practice_attempts", "results_json", "{not json", "practice_attempts[0].results_json"),
    ("practice_attempts", "results_json", "[1, 2]", "practice_attempts[0].results_json"),
    ("practice_attempts", "results_json", "", "practice_attempts[0].results_json"),
    ("practice_attempts", "results_json", {"cases": []}, "practice_attempts[0].results_json"),
    ("practice_attempts", "results_json", _DEEP_RESULTS, "nested"),
    ("practice_attempts", "results_json", '{"cases": [], "x": NaN}', "not a number JSON"),
    ("practice_attempts", "results_json", '{"n": 1e999}', "too large"),
    ("practice_attempts", "results_json", _results_with(cases={}), "results_json.cases"),
    ("practice_attempts", "results_json", _results_with(problem=3), "results_json.problem"),
    (
        "practice_attempts",
        "results_json",
        _results_with(cases=[{"passed": "yes"}]),
        "results_json.cases[0].passed",
    ),
    (
        "practice_attempts",
        "results_json",
        _results_with(cases=[{"message": "m" * 200_001}]),
        "results_json.cases[0].message",
    ),
    ("practice_attempts", "passed", -1, "practice_attempts[0].passed"),
    ("practice_attempts", "failed", False, "practice_attempts[0].failed"),
    ("practice_attempts", "failed", 10**6, "practice_attempts[0].failed"),
    ("practice_attempts", "created_at", None, "practice_attempts[0].created_at"),
    ("practice_drafts", "question_id", "softmax cross entropy", "practice_drafts[0].question_id"),
    ("practice_drafts", "code", _TOO_LONG_CODE, "practice_drafts[0].code"),
    ("practice_drafts", "code", None, "practice_drafts[0].code"),
    ("practice_drafts", "updated_at", "now", "practice_drafts[0].updated_at"),
    ("reference_reveals", "question_id", "", "reference_reveals[0].question_id"),
    ("reference_reveals", "revealed_at", 1e20, "reference_reveals[0].revealed_at"),
]


@pytest.mark.parametrize(
    ("section", "key", "value", "named"),
    HOSTILE_V2,
    ids=[f"{s}.{k}-{i}" for i, (s, k, _, _) in enumerate(HOSTILE_V2)],
)
def test_hostile_v2_records_are_refused_with_the_field_named(
    tmp_path: Path, section: str, key: str, value: Any, named: str
) -> None:
    records = _v2_records()
    records[section][0][key] = value
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_file(**records)), encoding="utf-8")
    db = tmp_path / "progress.sqlite3"
    with Store(db) as store:
        with pytest.raises(ei.ImportValidationError) as caught:
            ei.import_progress(StudyService(LIBRARY, store), path)
        assert any(named in p for p in caught.value.problems), caught.value.problems
        assert len(str(caught.value)) < 2000  # quotes an excerpt, never the whole value
    assert _row_counts(db) == dict.fromkeys(_V2_TABLES, 0)


@pytest.mark.parametrize(
    ("section", "named"),
    [
        ("predictions", "predictions[1].uid: appears twice"),
        ("practice_drafts", "practice_drafts[1].question_id"),
    ],
)
def test_duplicate_v2_identities_are_refused(section: str, named: str) -> None:
    records = _v2_records()
    records[section].append(dict(records[section][0]))
    assert named in _refused(json.dumps(_file(**records)))


@pytest.mark.parametrize("section", list(_v2_records()))
def test_a_v2_section_that_is_not_a_list_is_refused(section: str) -> None:
    records: dict[str, Any] = _v2_records()
    records[section] = {"0": records[section][0]}
    assert f"{section}: must be a list" in _refused(json.dumps(_file(**records)))
    data = _file(**_v2_records())
    del data[section]  # absent: nothing of that kind (as in a version-1 file)
    parsed = ei.parse_progress(json.dumps(data))
    assert (
        sum(map(len, (parsed.predictions, parsed.activity, parsed.attempts)))
        + sum(map(len, (parsed.drafts, parsed.reveals)))
        == 4
    )


_V2_TABLES = (
    "prediction_log",
    "activity_log",
    "practice_attempt",
    "practice_draft",
    "practice_reveal",
)


def _row_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in _V2_TABLES}
    finally:
        conn.close()


def test_code_in_a_progress_file_is_stored_as_text_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = f"import pathlib; pathlib.Path({str(marker)!r}).write_text('x')\n"
    records = _v2_records()
    records["practice_attempts"][0]["code"] = payload
    records["practice_drafts"][0]["code"] = payload
    records["practice_attempts"][0]["results_json"] = _results_with(
        problem=f"__import__('os').system('touch {marker}')"
    )
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_file(**records)), encoding="utf-8")
    with Store(tmp_path / "progress.sqlite3") as store:
        report = ei.import_progress(StudyService(LIBRARY, store), path)
        assert report.attempts_added == 1
        [run] = store.practice_attempts("softmax-cross-entropy")
        assert run.code == payload and store.practice_draft("softmax-cross-entropy") == payload
    assert not marker.exists()


def test_v2_import_is_all_or_nothing(tmp_path: Path) -> None:
    """The last table written refuses its row: no row of any kind stays."""
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(_file(questions=[_state(note="imported")], **_v2_records())), encoding="utf-8"
    )
    db = tmp_path / "progress.sqlite3"
    with Store(db) as store:
        store._conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON practice_reveal "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
        with pytest.raises(OSError, match="nothing was changed"):
            ei.import_progress(StudyService(LIBRARY, store), path)
        assert store.all_states() == {}
    assert _row_counts(db) == dict.fromkeys(_V2_TABLES, 0)
