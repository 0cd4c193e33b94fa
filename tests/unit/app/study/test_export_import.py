"""Progress export/import: round trip, validation, and merges that never overwrite newer data."""

from __future__ import annotations

import copy
import json
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.content import Library
from app.store import QuestionState, Store
from app.study.core import export_import as ei
from app.study.core.service import StudyService

T0 = 1_740_000_000.0


def _exported(service: StudyService) -> dict[str, Any]:
    return ei.export_progress(service)


def _machine(tmp_path: Path, name: str, library: Library) -> StudyService:
    return StudyService(library, Store(tmp_path / name / "progress.sqlite3"))


def test_round_trip_to_a_new_machine(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    service.store.set_note("cold-start", "popularity prior, then bandits")
    service.store.set_bookmarked("cold-start", True)
    for i, rating in enumerate((3, 1, 3, 4)):
        service.record_review("cold-start", rating, duration_ms=30_000, at=T0 + i * 3600)
    service.store.add_mock_session(
        ei.MockSessionRecord("cd" * 16, T0, T0 + 900, json.dumps({"overall": 0.6}))
    )
    path = tmp_path / "export.json"
    counts = ei.write_progress(service, path)
    assert {k: v for k, v in counts.items() if v} == {
        "questions": 1,
        "reviews": 4,
        "mock_sessions": 1,
    }

    other = _machine(tmp_path, "other", library)
    report = ei.import_progress(other, path, tmp_path / "other" / "backups")
    assert report.reviews_added == 4 and report.states_added == ["cold-start"]
    assert report.mock_added == 1 and not report.conflicts
    assert other.store.state("cold-start").note == "popularity prior, then bandits"
    assert other.card("cold-start").to_dict() == service.card("cold-start").to_dict()
    assert report.backup is not None and report.backup.exists()

    again = ei.import_progress(other, path)  # importing twice changes nothing
    assert again.reviews_added == 0 and again.reviews_known == 4 and again.states_same == 1
    assert len(other.store.reviews()) == 4
    other.store.close()


def test_import_never_overwrites_newer_local_data(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    service.store.put_state(QuestionState("cold-start", note="old note", updated_at=T0))
    service.store.put_state(QuestionState("missing-data", note="file is older", updated_at=T0))
    path = tmp_path / "export.json"
    ei.write_progress(service, path)

    other = _machine(tmp_path, "other", library)
    other.store.put_state(QuestionState("cold-start", note="newer local note", updated_at=T0 + 50))
    other.store.put_state(QuestionState("missing-data", note="older local", updated_at=T0 - 50))
    report = ei.import_progress(other, path)
    assert other.store.state("cold-start").note == "newer local note"
    assert len(report.conflicts) == 1 and "cold-start" in report.conflicts[0]
    assert other.store.state("missing-data").note == "file is older"  # the file was newer
    assert report.states_updated == ["missing-data"]
    assert "cold-start" in report.describe() and "missing-data" in report.describe()
    other.store.close()


def test_merging_logs_from_two_machines_rebuilds_one_schedule(
    service: StudyService, library: Library, tmp_path: Path
) -> None:
    service.record_review("cold-start", 3, at=T0)
    service.record_review("cold-start", 3, at=T0 + 2 * 86400)
    other = _machine(tmp_path, "other", library)
    other.record_review("cold-start", 1, at=T0 + 86400)  # reviewed in between elsewhere
    path = tmp_path / "export.json"
    ei.write_progress(other, path)
    ei.import_progress(service, path)
    from app.study.core.scheduler import replay

    assert [r.rating for r in service.store.reviews()] == [3, 1, 3]
    assert (
        service.card("cold-start").to_dict()
        == replay(service.store.reviews())["cold-start"].to_dict()
    )
    other.store.close()


def _valid(service: StudyService) -> dict[str, Any]:
    service.store.set_note("cold-start", "n")
    service.record_review("cold-start", 3, at=T0)
    return _exported(service)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format="something-else"), "not an"),
        (lambda d: d.update(version=99), "newer app"),
        (lambda d: d["reviews"][0].update(rating=7), "reviews[0].rating"),
        (lambda d: d["reviews"][0].update(rating=True), "reviews[0].rating"),
        (lambda d: d["reviews"][0].update(uid="../../etc"), "reviews[0].uid"),
        (lambda d: d["reviews"][0].update(reviewed_at="yesterday"), "reviews[0].reviewed_at"),
        (lambda d: d["reviews"][0].update(reviewed_at=4e12), "reviews[0].reviewed_at"),
        (lambda d: d["reviews"][0].update(source="hack"), "reviews[0].source"),
        (lambda d: d["reviews"][0].update(desired_retention=1.5), "desired_retention"),
        (lambda d: d["reviews"].append(dict(d["reviews"][0])), "appears twice"),
        (lambda d: d["questions"][0].update(note=None), "questions[0].note"),
        (lambda d: d["questions"][0].update(known="yes"), "questions[0].known"),
        (lambda d: d["questions"][0].update(question_id="Bad Id!"), "question_id"),
        (lambda d: d.update(reviews={}), "reviews: must be a list"),
        (lambda d: d["mock_sessions"].append(42), "mock_sessions[0]"),
    ],
)
def test_invalid_files_are_refused_before_anything_is_written(
    service: StudyService, tmp_path: Path, mutate: Any, expected: str
) -> None:
    data = copy.deepcopy(_valid(service))
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = (service.store.reviews(), service.store.all_states())
    with pytest.raises(ei.ImportValidationError) as caught:
        ei.import_progress(service, path)
    assert any(expected in p for p in caught.value.problems), caught.value.problems
    assert (service.store.reviews(), service.store.all_states()) == before


@pytest.mark.parametrize("text", ["", "{", "[]", "null", '"x"'])
def test_garbage_is_refused(text: str) -> None:
    with pytest.raises(ei.ImportValidationError):
        ei.parse_progress(text)


def test_markdown_deck_has_every_question(library: Library) -> None:
    text = ei.deck_markdown(library)
    for q in library.questions:
        assert f"### Q{q.number}. {q.question}" in text
    assert text.count("**Key points**") == len(library.questions)


def test_anki_package_holds_one_tagged_note_per_question(library: Library, tmp_path: Path) -> None:
    """Read the .apkg back as Anki would: a zip holding an SQLite collection."""
    from app.study.core.anki_package import write_apkg

    path = tmp_path / "deck.apkg"
    assert write_apkg(library, path) == len(library.questions)
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    rows = conn.execute("SELECT flds, tags, guid FROM notes").fetchall()
    conn.close()
    assert len(rows) == len(library.questions)
    assert len({guid for _f, _t, guid in rows}) == len(rows)
    by_number = {}
    for fields, tags, _guid in rows:
        number, front, back = fields.split("\x1f")
        by_number[int(number)] = (front, back, tags.split())
    for q in library.questions:
        front, back, tags = by_number[q.number]
        assert front and back
        assert "ml-interview-studio" in tags
        assert f"category::{q.category}" in tags
        assert " " not in "".join(tags)
        # No line breaks forced between HTML blocks (the old text export's defect).
        outside_code = re.sub(r"<pre.*?</pre>", "", back, flags=re.DOTALL)
        assert "<br>" not in outside_code
    coding = next(q for q in library.questions if q.implementation)
    _front, back, _tags = by_number[coding.number]
    assert "<pre" in back and "style=" in back  # highlighted code, inline colours
    assert ">def<" in back  # the keyword in its own coloured span


def test_exporting_twice_keeps_the_same_note_ids(library: Library, tmp_path: Path) -> None:
    from app.study.core.anki_package import write_apkg

    guids = []
    for name in ("a.apkg", "b.apkg"):
        write_apkg(library, tmp_path / name)
        with zipfile.ZipFile(tmp_path / name) as archive:
            archive.extract("collection.anki2", tmp_path / name[0])
        conn = sqlite3.connect(tmp_path / name[0] / "collection.anki2")
        guids.append(sorted(r[0] for r in conn.execute("SELECT guid FROM notes")))
        conn.close()
    assert guids[0] == guids[1]
