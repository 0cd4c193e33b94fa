"""Test-wide setup: headless Qt, user data kept out of the real app-data folder, the one
shared `view` fixture of the visualizer UI tests and the `main_window` factory of the
window-level UI tests, and `fresh_interpreter_report` for what a new process imports.

A UI test module names the view it tests, `VIEW_CLASS = KMeansView` (and optionally
`VIEW_SIZE = (width, height)`); its tests then take `view: KMeansView`. Qt is imported
only when a test asks for the fixture, so unit tests stay Qt-free.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from app.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app reads this to put its SQLite store and settings in a throwaway place.
os.environ.setdefault("ML_STUDIO_TEST_MODE", "1")

DEFAULT_VIEW_SIZE = (1300, 850)
ROOT = Path(__file__).resolve().parents[1]


def fresh_interpreter_report(script: str, *args: str, timeout: float = 180) -> Any:
    """Run `script` in a new interpreter (offscreen Qt, the checkout as working folder)
    with `args`; the JSON its last line of output prints."""
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=timeout,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under mutmut (`make mutation`) leave out the tests marked slow.

    mutmut runs a surviving mutant's tests in full and gives a hung one fifteen times their
    time, so one 25-second training test made every neural-network mutant cost minutes.
    `make test` still runs them.
    """
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    kept = [item for item in items if item.get_closest_marker("slow") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


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


@pytest.fixture
def main_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """Build the app's main window on a throwaway store and settings file, shown.

    `main_window(size=(w, h), activate=True)`: `size=None` keeps Qt's default size;
    `activate` waits until the window is the active one (for keyboard tests). The window
    is closed and its store closed after the test.
    """
    from PySide6.QtCore import QSettings

    from app.content import load_library
    from app.main_window import MainWindow
    from app.store import Store

    made: list[tuple[MainWindow, Store]] = []

    def make(size: tuple[int, int] | None = (1400, 900), *, activate: bool = False) -> MainWindow:
        store = Store(tmp_path / "progress.sqlite3")
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        main = MainWindow(load_library(), store, settings)
        qtbot.addWidget(main)
        if size is not None:
            main.resize(*size)
        main.show()
        if activate:
            main.activateWindow()
            qtbot.waitUntil(main.isActiveWindow)
        made.append((main, store))
        return main

    yield make
    for main, store in made:
        main.close()
        store.close()
