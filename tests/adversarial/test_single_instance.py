"""A second launch on the same progress folder stops and calls the first window forward."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_a_late_listener_answers_only_after_listen(qtbot: QtBot, tmp_path: Path) -> None:
    # The app takes the lock at once but starts the local server after its first paint.
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
