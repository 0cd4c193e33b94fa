"""Test-wide setup: headless Qt, user data kept out of the real app-data folder, and the one
shared `view` fixture of the visualizer UI tests.

A UI test module names the view it tests, `VIEW_CLASS = KMeansView` (and optionally
`VIEW_SIZE = (width, height)`); its tests then take `view: KMeansView`. Qt is imported
only when a test asks for the fixture, so unit tests stay Qt-free.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app reads this to put its SQLite store and settings in a throwaway place.
os.environ.setdefault("ML_STUDIO_TEST_MODE", "1")

DEFAULT_VIEW_SIZE = (1300, 850)


@pytest.fixture
def view(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[object]:
    """The module's `VIEW_CLASS`, built from its registered spec, shown, and shut down after."""
    from visualizers.core.registry import all_specs

    view_class = request.module.VIEW_CLASS
    path = f"{view_class.__module__}:{view_class.__name__}"
    spec = next(s for s in all_specs() if s.view == path)
    widget = view_class(spec)
    qtbot.addWidget(widget)
    widget.resize(*getattr(request.module, "VIEW_SIZE", DEFAULT_VIEW_SIZE))
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()
