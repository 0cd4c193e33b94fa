"""An uncaught exception is logged and shown with copyable details; the app keeps running."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app import crash_handler


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Path]:
    path = crash_handler.install(tmp_path / "logs")
    assert path is not None
    yield path
    crash_handler.uninstall()


def _raise_and_report() -> None:
    try:
        raise ZeroDivisionError("learning rate divided by zero")
    except ZeroDivisionError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        crash_handler.handle_exception(kind, value, tb)


def test_exception_is_logged_and_shown(qtbot: QtBot, installed: Path) -> None:
    assert sys.excepthook is crash_handler.handle_exception
    _raise_and_report()
    dialog = crash_handler.last_dialog()
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "ZeroDivisionError: learning rate divided by zero" in dialog.details
    dialog.copy_details()
    assert "learning rate divided by zero" in QGuiApplication.clipboard().text()
    text = installed.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "Traceback" in text
    assert (installed.parent / "crash.log").exists()


def test_native_crash_is_written_to_the_crash_log(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import faulthandler, sys, ctypes\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app import crash_handler\n"
        f"crash_handler.install(Path({str(tmp_path)!r}))\n"
        "ctypes.string_at(0)\n"  # a real segfault
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    crash = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and "Segmentation fault" in crash
