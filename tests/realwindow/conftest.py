"""A real X server for the real-window tests: Xvfb plus the openbox window manager.

Started once per session on a free display number and stopped by its process id. When
Xvfb is not installed the tests skip and say how to get it (`.ci/run` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "realwindow"
HOW_TO_GET_IT = (
    "Xvfb is not installed: `sudo apt-get install xvfb openbox` (Debian/Ubuntu) or run "
    ".ci/run, which installs it; these tests need a real X server"
)


def _free_display() -> int:
    for number in range(140, 240):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :140 and :239")


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """DISPLAY of a running Xvfb (2800×1800: room for 1280×720 at DPR 2) with openbox."""
    if shutil.which("Xvfb") is None:
        if os.environ.get("ML_STUDIO_REQUIRE_XVFB") == "1":  # CI: a skip would hide it
            pytest.fail(HOW_TO_GET_IT)
        pytest.skip(HOW_TO_GET_IT)
    number = _free_display()
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "2800x1800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    manager: subprocess.Popen[bytes] | None = None
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            if server.poll() is not None:
                pytest.skip(f"Xvfb exited with {server.returncode} on {display}")
            time.sleep(0.05)
        if shutil.which("openbox"):
            manager = subprocess.Popen(
                ["openbox"],
                env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)
        yield display
    finally:
        for process in (manager, server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
