"""The FSRS card cache: trusted at start-up without a replay only while it is exact.

Every writer compares-and-sets on what a card was built from (the question's newest review
id and review count), so a second instance, an undo elsewhere or an import can never leave
a cached card that a replay of the log would not give; and a damaged or edited cache is
read as hostile input, never trusted, never a crash.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fsrs import Card

from app.content import Library
from app.store import NO_REVIEWS, ReviewRecord, Store, review_bases
from app.study.core import scheduler
from app.study.core.service import StudyService

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC).timestamp()


def _as_dicts(cards: Mapping[str, Card]) -> dict[str, Mapping[str, object]]:
    return {qid: card.to_dict() for qid, card in cards.items()}


def _edit_file(path: Path, sql: str, *args: object) -> None:
    """Change the progress file behind the store's back (another program, a damaged disk)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql, args)
    finally:
        conn.close()


def _replayed(store: Store) -> dict[str, Mapping[str, object]]:
    return _as_dicts(scheduler.replay(store.reviews()))


def _assert_every_reader_sees_the_log(service: StudyService) -> None:
    """The service's cards, and those of an instance started now, are a replay of the log."""
    expected = _replayed(service.store)
    assert _as_dicts(service.cards()) == expected
    assert _as_dicts(StudyService(service.library, service.store).cards()) == expected


@pytest.fixture
def two(tmp_path: Path, library: Library) -> Iterator[tuple[StudyService, StudyService]]:
    """Two app instances on one progress file."""
    path = tmp_path / "progress.sqlite3"
    with Store(path) as a, Store(path) as b:
        yield StudyService(library, a), StudyService(library, b)


# -- the store's compare-and-set ------------------------------------------------------------


def test_append_caches_the_card_only_when_its_base_is_current(store: Store) -> None:
    first, cached = store.append_review(ReviewRecord("u1", "q", 3, T0), '{"c": 1}', NO_REVIEWS)
    assert cached and first.id is not None
    assert store.current_card_cache() == {"q": ('{"c": 1}', (first.id, 1))}

    second, cached = store.append_review(
        ReviewRecord("u2", "q", 3, T0 + 1), '{"c": 2}', (first.id, 1)
    )
    assert cached and store.current_card_cache() == {"q": ('{"c": 2}', (second.id, 2))}

    # A card built from the first review only: a review it misses was appended since.
    _, cached = store.append_review(ReviewRecord("u3", "q", 3, T0 + 2), '{"c": 3}', (first.id, 1))
    assert not cached
    assert store.card_states() == {} and store.current_card_cache() is None


def test_no_card_json_drops_the_cached_card(store: Store) -> None:
    first, _ = store.append_review(ReviewRecord("u1", "q", 3, T0), "{}", NO_REVIEWS)
    _, cached = store.append_review(ReviewRecord("u2", "q", 3, T0 + 1), None, (first.id or 0, 1))
    assert not cached and store.card_states() == {}


def test_the_cache_lags_when_a_question_has_reviews_but_no_card(store: Store) -> None:
    store.append_review(ReviewRecord("u1", "q", 3, T0), "{}", NO_REVIEWS)
    store.append_review(ReviewRecord("u2", "r", 3, T0), None, NO_REVIEWS)
    assert store.current_card_cache() is None


def test_the_cache_lags_after_an_import_appends_reviews(store: Store) -> None:
    store.append_review(ReviewRecord("u1", "q", 3, T0), "{}", NO_REVIEWS)
    assert store.current_card_cache() is not None
    assert store.import_reviews([ReviewRecord("elsewhere", "q", 1, T0 - 86400)]) == 1
    assert store.current_card_cache() is None  # an older review, but a newer row


def test_a_card_without_reviews_makes_the_cache_lag(store: Store) -> None:
    assert store.current_card_cache() == {}
    first, _ = store.append_review(ReviewRecord("u1", "q", 3, T0), "{}", NO_REVIEWS)
    # a row no writer of ours leaves
    _edit_file(store.path, "INSERT INTO card_state VALUES ('ghost', '{}', ?)", first.id)
    assert store.current_card_cache() is None


def test_a_card_newer_than_its_questions_reviews_makes_the_cache_lag(store: Store) -> None:
    store.append_review(ReviewRecord("u1", "q", 3, T0), "{}", NO_REVIEWS)
    second, _ = store.append_review(ReviewRecord("u2", "q", 3, T0 + 1), "{}", (1, 1))
    assert store.current_card_cache() == {"q": ("{}", (second.id, 2))}
    # Another program removed the newest review; the card still counts it.
    _edit_file(store.path, "DELETE FROM review_log WHERE uid = 'u2'")
    assert store.current_card_cache() is None


def test_undo_drops_the_questions_cached_card(store: Store) -> None:
    first, _ = store.append_review(ReviewRecord("u1", "q", 3, T0), "{}", NO_REVIEWS)
    store.append_review(ReviewRecord("u2", "q", 3, T0 + 1), "{}", (first.id or 0, 1))
    store.append_review(ReviewRecord("u3", "r", 3, T0), "{}", NO_REVIEWS)
    assert store.delete_review("u1")  # not the newest review of q
    assert set(store.card_states()) == {"r"}
    assert not store.delete_review("no-such-review")
    assert set(store.card_states()) == {"r"}


def test_replace_leaves_out_a_card_whose_reviews_changed(store: Store) -> None:
    for i, qid in enumerate(("q", "r")):
        store.append_review(ReviewRecord(f"u{i}", qid, 3, T0), None, NO_REVIEWS)
    bases = review_bases(store.reviews())
    store.append_review(ReviewRecord("later", "r", 2, T0 + 5), None, bases["r"])
    store.replace_card_states({"q": ("{q}", bases["q"]), "r": ("{r}", bases["r"])})
    assert store.card_states() == {"q": "{q}"}


def test_review_bases_are_the_newest_id_and_the_count() -> None:
    records = [
        ReviewRecord("a", "q", 3, T0, id=4),
        ReviewRecord("b", "r", 3, T0, id=2),
        ReviewRecord("c", "q", 3, T0 - 9, id=7),  # read in time order, not id order
        ReviewRecord("d", "q", 3, T0 + 9, id=5),
    ]
    assert review_bases(records) == {"q": (7, 3), "r": (2, 1)}
    assert review_bases([]) == {}


# -- the service: no replay at start, the log decides when anything is off ---------------------


def test_a_current_cache_is_used_without_replaying_the_log(
    store: Store, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = StudyService(library, store)
    ids = [q.id for q in library.questions[:4]]
    for i in range(12):
        service.record_review(ids[i % 4], 1 + i % 4, at=T0 + 600 * i)
    expected = _replayed(store)

    def no_replay(*_: object) -> None:
        raise AssertionError("the log was replayed although the cache is current")

    monkeypatch.setattr(scheduler, "replay", no_replay)
    assert _as_dicts(StudyService(library, store).cards()) == expected


def test_grading_keeps_the_cache_current_without_a_replay(
    store: Store, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = StudyService(library, store)
    service.cards()
    calls: list[int] = []
    replay = scheduler.replay

    def counted(records: list[ReviewRecord]) -> dict[str, Card]:
        calls.append(len(records))
        return replay(records)

    monkeypatch.setattr(scheduler, "replay", counted)
    qid = library.questions[0].id
    for i in range(4):
        service.record_review(qid, 3, at=T0 + 86400 * i)
    assert calls == []  # each grade's card was cached on the base the service knew
    monkeypatch.undo()
    assert _as_dicts(service.cards()) == _replayed(store)
    assert store.current_card_cache() is not None


def test_a_lagging_cache_is_replayed_and_written_back(store: Store, library: Library) -> None:
    service = StudyService(library, store)
    qid = library.questions[0].id
    service.record_review(qid, 3, at=T0)
    store.import_reviews([ReviewRecord("other-machine", qid, 1, T0 + 60)])
    assert store.current_card_cache() is None
    fresh = StudyService(library, store)
    assert _as_dicts(fresh.cards()) == _replayed(store)
    assert store.current_card_cache() is not None  # rebuilt and cached again


def test_a_second_instances_review_makes_the_first_replay(
    two: tuple[StudyService, StudyService],
) -> None:
    a, b = two
    qid = a.library.questions[0].id
    a.record_review(qid, 3, at=T0)
    b.cards()  # b starts: it sees a's review
    a.record_review(qid, 1, at=T0 + 600)  # b does not know this one
    card = b.record_review(qid, 4, at=T0 + 1200)
    assert card.to_dict() == _replayed(b.store)[qid]  # b's answer already counts a's review
    _assert_every_reader_sees_the_log(b)


def test_an_undo_in_the_other_instance_is_never_cached_over(
    two: tuple[StudyService, StudyService],
) -> None:
    a, b = two
    qid = a.library.questions[0].id
    a.record_review(qid, 1, at=T0)
    b.record_review(qid, 3, at=T0 + 600)  # b's card counts a's Again
    assert a.undo_last() is not None  # a takes its Again back: not the newest review
    b.record_review(qid, 4, at=T0 + 1200)  # built on a card that counts the undone review
    assert len(a.store.reviews()) == 2
    _assert_every_reader_sees_the_log(b)


@pytest.mark.parametrize(
    "edit",
    [
        "not json",
        "[]",
        "{}",
        "[" * 100_000 + "]" * 100_000,
        "{due}",  # a naive due date: comparing it with now raised TypeError in the tree
        "{wrong_id}",
        "{nan}",
        "{never_reviewed}",
        "{step_text}",
    ],
)
def test_a_damaged_or_edited_cache_is_replayed_not_trusted(
    store: Store, library: Library, edit: str
) -> None:
    service = StudyService(library, store)
    qid = library.questions[0].id
    service.record_review(qid, 3, at=T0)
    service.record_review(qid, 4, at=T0 + 600)
    good = service.cards()[qid].to_dict()
    bad = dict(good)
    changes: dict[str, dict[str, object]] = {
        "{due}": {"due": "2025-03-09T09:00:00"},
        "{wrong_id}": {"card_id": scheduler.card_id_for("another question")},
        "{nan}": {"stability": float("nan")},
        "{never_reviewed}": {"last_review": None},
        "{step_text}": {"step": "1"},
    }
    if edit in changes:
        bad.update(changes[edit])
        text = json.dumps(bad)
    else:
        text = edit
    _edit_file(store.path, "UPDATE card_state SET card_json = ? WHERE question_id = ?", text, qid)
    fresh = StudyService(library, store)
    assert fresh.cards()[qid].to_dict() == good
    assert fresh.statuses()[qid] in {"learning", "due", "known"}
    assert scheduler.cached_card(store.card_states()[qid], qid).to_dict() == good  # rewritten
