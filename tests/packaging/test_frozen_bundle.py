"""The one-folder PyInstaller bundle: it runs its self-test, ships what it needs, and no more."""

from __future__ import annotations

import filecmp
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from visualizers.core import registry

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_frozen_self_test_passes_and_writes_its_report(
    bundle: Path, tmp_path: Path, frozen_self_test: Callable[..., tuple[Any, str]]
) -> None:
    process, report = frozen_self_test(bundle / "ml-interview-studio", tmp_path)
    assert process.returncode == 0, f"{process.stdout}\n{process.stderr}\n{report}"
    assert " 0 failed" in report.splitlines()[1], report
    # every visualizer was opened (the self-test checks the sources of their functions too)
    for spec in registry.all_specs():
        assert f"FAIL visualizer {spec.id}" not in report


def test_algorithm_sources_are_shipped_beside_the_compiled_modules(bundle: Path) -> None:
    internal = bundle / "_internal"
    sources = sorted((ROOT / "visualizers").glob("*/algorithm.py"))
    assert sources
    for source in sources:
        shipped = internal / source.relative_to(ROOT)
        assert shipped.is_file(), f"{shipped} missing: the question view could not show it"
        assert filecmp.cmp(source, shipped, shallow=False), f"{shipped} is stale"


def test_data_folders_and_licences_are_bundled(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert sorted((internal / "content" / "questions").glob("q*.yaml"))
    assert (internal / "resources" / "icons" / "app.svg").is_file()
    assert (internal / "resources" / "datasets").is_dir()
    licenses = internal / "resources" / "licenses"
    assert (licenses / "Qt-PySide6-LGPL-3.0.txt").is_file()
    assert (licenses / "Qt-PySide6-GPL-3.0.txt").is_file()
    assert not (internal / "resources" / "screenshots").exists(), "README images are not shipped"


def test_exclusions_held_and_required_pieces_stayed(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    libs = {p.name.split(".")[0] for p in (qt / "lib").iterdir()}
    assert "libQt6DBus" in libs, "QtGui needs QtDBus on Linux"
    for dropped in ("libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6Pdf"):
        assert dropped not in libs, dropped
    assert not (qt / "translations").exists()
    assert not (qt / "qml").exists()
    assert (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert (qt / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    for package in ("scipy", "sklearn", "matplotlib", "tkinter", "PyInstaller", "pytest"):
        assert not (internal / package).exists(), package
    assert not (internal / "pyqtgraph" / "examples").exists()
    assert not list(internal.glob("libreadline*")), "GNU readline is GPL: it must not ship"
    # strip and UPX stay off: a stripped or packed OpenBLAS would not have loaded above
    assert any((internal / "numpy.libs").glob("libscipy_openblas*"))


def test_version_comes_from_the_one_place(bundle: Path, tmp_path: Path) -> None:
    from app import __version__

    process = subprocess.run(
        [str(bundle / "ml-interview-studio"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert process.returncode == 0
    assert __version__ in process.stdout


def test_second_frozen_launch_calls_the_first_forward(bundle: Path, tmp_path: Path) -> None:
    """The bundle has no QtNetwork: the handshake must work with QtCore alone.

    Before, the second frozen launch could not reach the first and showed a modal
    "already running" message; offscreen nobody can close it, so it never exits.
    """
    import os
    import time

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ML_STUDIO_DATA_DIR=str(tmp_path / "data"),
        HOME=str(tmp_path),
    )
    first = subprocess.Popen(
        [str(bundle / "ml-interview-studio")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        requests = tmp_path / "data" / "activate"
        deadline = time.monotonic() + 60
        while not requests.is_dir() and time.monotonic() < deadline:
            assert first.poll() is None, "the first launch ended on its own"
            time.sleep(0.2)
        assert requests.is_dir(), "the first launch never started listening"
        time.sleep(1.0)  # the window is up and the event loop runs
        second = subprocess.run(
            [str(bundle / "ml-interview-studio")],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert first.poll() is None, "the first window must stay open"
        assert not list(requests.iterdir()), "the first instance took the request"
    finally:
        first.terminate()
        first.wait(30)
