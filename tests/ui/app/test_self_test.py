"""`--self-test` passes on the real app and fails loudly when a screen breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.self_test import run_self_test
from app.store import Store


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Store]:
    store = Store(tmp_path / "p.sqlite3")
    window = MainWindow(
        load_library(), store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    return window, store


def test_self_test_passes_and_writes_report(qtbot: QtBot, tmp_path: Path) -> None:
    window, store = _window(qtbot, tmp_path)
    report = tmp_path / "report.txt"
    assert run_self_test(window, report=report) == 0
    assert "0 failed" in report.read_text()
    window.close()
    store.close()


def test_self_test_reports_a_broken_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, store = _window(qtbot, tmp_path)

    def broken(_number: int) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(window, "show_question", broken)
    report = tmp_path / "report.txt"
    assert run_self_test(window, report=report) == 1
    assert "FAIL question 1" in report.read_text() and "boom" in report.read_text()
    window.close()
    store.close()
