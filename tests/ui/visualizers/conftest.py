"""Fixtures shared by the visualizer UI tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

STATM = Path("/proc/self/statm")


def _resident_mb() -> float | None:
    """Resident memory of this process in MiB (Linux /proc); None where unavailable."""
    if not STATM.exists():
        return None
    pages = int(STATM.read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture
def resident_mb() -> Callable[[], float | None]:
    """The soak tests' memory probe."""
    return _resident_mb
