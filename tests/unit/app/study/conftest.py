"""Shared fixtures for the pure study-mode tests: a real library and a throwaway store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.content import Library, load_library
from app.store import Store
from app.study.core.service import StudyService


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "progress.sqlite3") as s:
        yield s


@pytest.fixture
def service(library: Library, store: Store) -> StudyService:
    return StudyService(library, store)
