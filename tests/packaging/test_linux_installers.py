"""The Linux artifacts: .tar.xz and .deb sizes, layout, menu entry, icons, and the self-test
run from the unpacked .deb. Installing the .deb for real (apt, root) only when
ML_STUDIO_DEB_INSTALL_TEST=1, as `.ci/run` sets on its throwaway machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "ml-interview-studio"
LIMIT_BYTES = 60_000_000
HICOLOR_SIZES = ("16x16", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")


def _dpkg(*args: str) -> str:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb not installed")
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def test_artifacts_are_under_60_mb(tar_file: Path, deb_file: Path) -> None:
    for artifact in (tar_file, deb_file):
        assert artifact.stat().st_size < LIMIT_BYTES, f"{artifact.name}: {artifact.stat().st_size}"


def test_tarball_has_the_bundle_a_launcher_and_the_menu_helper(tar_file: Path) -> None:
    with tarfile.open(tar_file) as tar:
        names = set(tar.getnames())
        top = tar_file.name.removesuffix(".tar.xz")
        executable = tar.getmember(f"{top}/{APP_ID}")
    assert executable.mode & 0o111
    for expected in ("README.txt", "install-desktop-entry.sh", f"{APP_ID}.desktop"):
        assert f"{top}/{expected}" in names
    assert f"{top}/_internal/resources/licenses/Qt-PySide6-LGPL-3.0.txt" in names


def test_deb_metadata_declares_the_xcb_libraries(deb_file: Path) -> None:
    depends = _dpkg("-f", str(deb_file), "Depends")
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libegl1", "libgl1"):
        assert package in depends
    assert _dpkg("-f", str(deb_file), "Package").strip() == APP_ID


def test_deb_layout_desktop_entry_and_icons(deb_file: Path, tmp_path: Path) -> None:
    _dpkg("-x", str(deb_file), str(tmp_path))
    assert os.access(tmp_path / "opt" / APP_ID / APP_ID, os.X_OK)
    launcher = tmp_path / "usr" / "bin" / APP_ID
    assert f"/opt/{APP_ID}/{APP_ID}" in launcher.read_text()
    desktop = tmp_path / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    icons = tmp_path / "usr" / "share" / "icons" / "hicolor"
    for size in HICOLOR_SIZES:
        assert (icons / size / "apps" / f"{APP_ID}.png").is_file(), size
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    listing = _dpkg("-c", str(deb_file))
    assert "/usr/lib/python" not in listing, "the bundle must not spill into the system Python"


def test_self_test_runs_from_the_unpacked_deb(
    deb_file: Path, tmp_path: Path, frozen_self_test: Callable[..., tuple[Any, str]]
) -> None:
    unpacked = tmp_path / "root"
    _dpkg("-x", str(deb_file), str(unpacked))
    work = tmp_path / "work"
    work.mkdir()
    process, report = frozen_self_test(unpacked / "opt" / APP_ID / APP_ID, work)
    assert process.returncode == 0, f"{process.stdout}\n{process.stderr}\n{report}"
    assert " 0 failed" in report


@pytest.mark.skipif(
    os.environ.get("ML_STUDIO_DEB_INSTALL_TEST") != "1",
    reason="installs the .deb system-wide: only with ML_STUDIO_DEB_INSTALL_TEST=1 (CI, as root)",
)
def test_deb_installs_runs_and_uninstalls_cleanly(
    deb_file: Path, tmp_path: Path, frozen_self_test: Callable[..., tuple[Any, str]]
) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not any(Path("/var/lib/apt/lists").glob("*Packages*")):  # fresh machine: no lists
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", str(deb_file.resolve())],
        check=True,
        env=env,
        capture_output=True,
    )
    try:
        process, report = frozen_self_test(Path("/usr/bin") / APP_ID, tmp_path)
        assert process.returncode == 0, report
        # every library the bundled Qt needs now resolves: the Depends list is complete
        qt = Path("/opt") / APP_ID / "_internal" / "PySide6" / "Qt"
        for library in sorted(qt.rglob("*.so*")):
            ldd = subprocess.run(["ldd", str(library)], capture_output=True, text=True)
            assert "not found" not in ldd.stdout, f"{library}:\n{ldd.stdout}"
    finally:
        subprocess.run(["dpkg", "--purge", APP_ID], check=True, env=env, capture_output=True)
    for leftover in (
        Path("/opt") / APP_ID,
        Path("/usr/bin") / APP_ID,
        Path("/usr/share/applications") / f"{APP_ID}.desktop",
        Path("/usr/share/icons/hicolor/scalable/apps") / f"{APP_ID}.svg",
    ):
        assert not leftover.exists(), f"{leftover} left behind after purge"
