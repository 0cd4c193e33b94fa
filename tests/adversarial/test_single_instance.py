"""A second launch on the same progress folder stops and calls the first window forward."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.single_instance import SingleInstance
from tests.adversarial.conftest import ROOT


def test_second_instance_in_another_process_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "app = QCoreApplication([])\n"
            "from app.single_instance import SingleInstance\n"
            f"s = SingleInstance(Path({str(tmp_path)!r}))\n"
            "print('held' if s.acquire() else 'refused', flush=True)\n"
            "time.sleep(30)\n",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = SingleInstance(tmp_path)
        assert second.acquire() is False
    finally:
        holder.kill()
        holder.wait(10)
        if holder.stdout is not None:
            holder.stdout.close()
    # The holder is gone (killed, as in a crash): its stale lock is taken over.
    third = SingleInstance(tmp_path)
    try:
        assert third.acquire() is True
    finally:
        third.release()


def test_second_launch_brings_the_first_forward(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire() and first.locked
    try:
        second = SingleInstance(tmp_path)
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert second.acquire() is False
            assert second.told_first
    finally:
        first.release()


def _holder(folder: Path, *, answers: bool) -> subprocess.Popen[str]:
    """A first instance in another process; with `answers`, it runs its event loop."""
    loop = (
        "s.activation_requested.connect(lambda: (print('activated', flush=True), app.quit()))\n"
        "QTimer.singleShot(20000, app.quit)\n"
        "app.exec()\n"
        if answers
        else "time.sleep(30)\n"  # hung: holds the lock, never looks at requests
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from PySide6.QtCore import QCoreApplication, QTimer\n"
            "app = QCoreApplication([])\n"
            "from app.single_instance import SingleInstance\n"
            f"s = SingleInstance(Path({str(folder)!r}))\n"
            "print('held' if s.acquire() else 'refused', flush=True)\n" + loop,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_second_launch_calls_the_first_process_forward_without_qtnetwork(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The handshake needs only QtCore: QtNetwork is not in the frozen bundle."""
    holder = _holder(tmp_path, answers=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = SingleInstance(tmp_path)
        assert second.acquire() is False
        assert second.told_first
        assert holder.stdout.readline().strip() == "activated"
        assert holder.wait(10) == 0
    finally:
        holder.kill()
        holder.wait(10)
        if holder.stdout is not None:
            holder.stdout.close()
    assert not list((tmp_path / "activate").iterdir())  # no request left behind
    tree = ast.parse((ROOT / "app" / "single_instance.py").read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "PySide6.QtNetwork" not in imported


def test_a_hung_first_instance_gets_a_message_not_a_hang(qtbot: QtBot, tmp_path: Path) -> None:
    holder = _holder(tmp_path, answers=False)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = SingleInstance(tmp_path)
        assert second.acquire() is False
        assert not second.told_first  # main() then shows "already running" instead
        assert not list((tmp_path / "activate").iterdir())  # its request was taken back
    finally:
        holder.kill()
        holder.wait(10)
        if holder.stdout is not None:
            holder.stdout.close()


def test_requests_left_from_before_do_not_raise_a_new_first_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "activate").mkdir()
    (tmp_path / "activate" / "request-1-2").touch()
    first = SingleInstance(tmp_path)
    fired: list[bool] = []
    first.activation_requested.connect(lambda: fired.append(True))
    try:
        assert first.acquire() and first.locked
        qtbot.wait(100)
        assert fired == [] and not list((tmp_path / "activate").iterdir())
    finally:
        first.release()


def test_a_file_system_without_change_events_is_answered_by_the_poll(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    try:
        assert first._watcher is not None
        first._watcher.directoryChanged.disconnect()  # as on a share that never reports
        monkeypatch.setattr("app.single_instance.ANSWER_WAIT_S", 4.0)
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            second = SingleInstance(tmp_path)
            assert second.acquire() is False and second.told_first
    finally:
        first.release()


def test_a_late_listener_answers_only_after_listen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app takes the lock at once but starts answering after its first paint.
    monkeypatch.setattr("app.single_instance.ANSWER_WAIT_S", 0.5)
    first = SingleInstance(tmp_path)
    assert first.acquire(listen=False) and first.locked
    try:
        early = SingleInstance(tmp_path)
        assert early.acquire() is False
        assert not early.told_first  # nobody listening yet: the early launch gets a message
        first.listen()
        first.listen()  # a second call (the fallback timer) changes nothing
        late = SingleInstance(tmp_path)
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert late.acquire() is False
            assert late.told_first
    finally:
        first.release()


def test_a_launch_while_the_first_is_still_painting_is_answered_by_listen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A second launch between the first's `acquire` and its `listen` (the first paint)
    waits, and is answered as soon as the first starts listening."""
    from PySide6.QtCore import QTimer

    first = SingleInstance(tmp_path)
    assert first.acquire(listen=False)
    try:
        fired: list[bool] = []
        first.activation_requested.connect(lambda: fired.append(True))
        QTimer.singleShot(200, first.listen)  # runs inside the second launch's wait
        second = SingleInstance(tmp_path)
        assert second.acquire() is False
        assert second.told_first and fired == [True]
    finally:
        first.release()
