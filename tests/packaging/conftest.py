"""Fixtures for the frozen-app smoke tests: the bundle and installers `make dist` built.

Without a bundle the tests skip with the reason; with ML_STUDIO_REQUIRE_BUNDLE=1 (set by
`make dist-check` and `.ci/run`) a missing bundle is a failure, so CI can't pass silently.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
BUNDLE = DIST / "ml-interview-studio"
EXECUTABLE = BUNDLE / "ml-interview-studio"


def _missing(what: str) -> None:
    reason = f"{what} not built: run `make dist` first (frozen-app smoke tests)"
    if os.environ.get("ML_STUDIO_REQUIRE_BUNDLE") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def bundle() -> Path:
    if not EXECUTABLE.exists():
        _missing(f"frozen bundle {BUNDLE.relative_to(ROOT)}")
    return BUNDLE


@pytest.fixture(scope="session")
def deb_file() -> Path:
    debs = sorted(DIST.glob("ml-interview-studio_*.deb"))
    if not debs:
        _missing("dist/ml-interview-studio_*.deb")
    return debs[-1]


@pytest.fixture(scope="session")
def tar_file() -> Path:
    tars = sorted(DIST.glob("ml-interview-studio-*-linux-*.tar.xz"))
    if not tars:
        _missing("dist/ml-interview-studio-*-linux-*.tar.xz")
    return tars[-1]


SelfTestRunner = Callable[[Path, Path], tuple[subprocess.CompletedProcess[str], str]]


@pytest.fixture(scope="session")
def frozen_self_test() -> SelfTestRunner:
    """Runs an executable's --self-test offscreen in a work folder; (process, report text)."""
    return _run_self_test


def _run_self_test(executable: Path, workdir: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the frozen app's --self-test offscreen; (process, report file text)."""
    report = workdir / "self-test-report.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ML_STUDIO_DATA_DIR=str(workdir / "data"))
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the source tree
    process = subprocess.run(
        [str(executable), "--self-test", "--self-test-report", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=workdir,  # not the repo root: nothing may be found relative to it
    )
    text = report.read_text(encoding="utf-8") if report.exists() else "<no report file written>"
    return process, text
