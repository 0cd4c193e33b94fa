"""Every screen in a real window (Xvfb + openbox), both sizes, both themes (issue 15).

Each combination runs `driver.py` in a child process on the X server (the test session's
QApplication is offscreen, and a process has one platform). Asserts: no plot clipped,
smaller than 240×160 or cut by the window; the threshold follows a real press-move-release
drag; a 1024×700 request gives a window no wider than that. Screenshots of every screen
are kept in build/realwindow/ as artifacts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("driver.py")
SIZES = ["1280x720", "1400x900"]
THEMES = ["light", "dark"]

# Plots in screens other helpers own that still clip; keys "<screen>". Empty when fixed.
KNOWN_CLIPPED: dict[str, str] = {}
# At 150 %/200 % text only (nothing is cut, but a plot can't be scrolled wholly into view).
# Empty: k-means' cluster plot is capped at the visible height (layout._Responsive).
KNOWN_LARGE_TEXT: dict[str, str] = {}


@cache
def _run(
    display: str, size: str, theme: str, out: str, font_scale: float = 1.0, dpr: int = 1
) -> dict[str, Any]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": str(dpr)}
    env.pop("ML_STUDIO_DATA_DIR", None)
    completed = subprocess.run(
        [
            sys.executable,
            str(DRIVER),
            "--size",
            size,
            "--theme",
            theme,
            "--out",
            out,
            "--font-scale",
            str(font_scale),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    marker = "REALWINDOW-RESULT "
    lines = [line for line in completed.stdout.splitlines() if line.startswith(marker)]
    assert completed.returncode == 0 and lines, (
        f"driver failed ({completed.returncode}):\n{completed.stdout[-2000:]}\n"
        f"{completed.stderr[-4000:]}"
    )
    result: dict[str, Any] = json.loads(lines[-1].removeprefix(marker))
    return result


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_every_screen_in_a_real_window(
    x_display: str, artifacts: Path, size: str, theme: str
) -> None:
    _check_screens(_run(x_display, size, theme, str(artifacts)))


def _check_screens(result: dict[str, Any], known: dict[str, str] | None = None) -> None:
    assert result["platform"] == "xcb"
    allowed = {**KNOWN_CLIPPED, **(known or {})}
    problems = {
        screen: [p for p in info["problems"] if screen not in allowed or "clipped" in p]
        for screen, info in result["screens"].items()
    }
    problems = {screen: found for screen, found in problems.items() if found}
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
    for info in result["screens"].values():
        assert Path(info["screenshot"]).stat().st_size > 10_000


@pytest.mark.parametrize("size", SIZES)
def test_threshold_follows_a_real_drag(x_display: str, artifacts: Path, size: str) -> None:
    drag = _run(x_display, size, "light", str(artifacts))["drag"]
    assert drag["signals"] > 0
    span = abs(drag["target"] - drag["before"])
    assert abs(drag["after"] - drag["target"]) < 0.1 * span, drag


def test_a_1024_by_700_request_fits(x_display: str, artifacts: Path) -> None:
    width, height = _run(x_display, "1400x900", "dark", str(artifacts))["small_request"]
    assert width <= 1024 and height <= 700


@pytest.mark.parametrize(
    ("size", "theme", "font_scale"),
    [
        ("1280x720", "light", 1.5),
        ("1400x900", "light", 2.0),
        ("1400x900", "dark", 2.0),
        ("1280x720", "dark", 2.0),
    ],
)
def test_large_text_is_not_clipped(
    x_display: str, artifacts: Path, size: str, theme: str, font_scale: float
) -> None:
    """150% and 200% text: plots still whole (they grow, the tab scrolls or reflows)."""
    result = _run(x_display, size, theme, str(artifacts), font_scale=font_scale)
    assert result["font_points"] > 8 * font_scale
    _check_screens(result, known=KNOWN_LARGE_TEXT)
    # Every screen open, the window still fits a 1280 px wide screen (it needed 1310 px
    # at 150 % text and 1351 px with the review tab: toolbars and filter rows now wrap).
    assert result["minimum_width"] <= 1280, result["minimum_width"]


def test_device_pixel_ratio_2(x_display: str, artifacts: Path) -> None:
    result = _run(x_display, "1280x720", "dark", str(artifacts), dpr=2)
    assert result["device_pixel_ratio"] == 2.0
    _check_screens(result)
    # The exported PNG has a pixel for every device pixel of the plots (not 1x upscaled).
    export = result["export"]
    assert export["device_pixel_ratio"] == 2.0
    assert export["png"][0] >= 2 * export["widget"][0]
    assert export["png"][1] >= 2 * export["widget"][1]
