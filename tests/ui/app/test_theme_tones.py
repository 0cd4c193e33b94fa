"""Meaning colours, search marks, relative font sizes and crisp status dots (issue 21).

Contrast uses the WCAG 2.x formula written here from the specification (relative
luminance of linearised sRGB), not the app's `contrast_ratio`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.theme import MARK_BACKGROUND, TONES, palette_for, tone

R = QPalette.ColorRole


def wcag_ratio(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def lin(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", sorted(TONES))
def test_meaning_colours_meet_aa_on_their_theme(qapp: QApplication, dark: bool, name: str) -> None:
    """Difficulty, status, grades, right/wrong, time running out: text-grade contrast."""
    palette = palette_for(dark)
    colour = tone(name, dark)
    for background in (R.Window, R.Base, R.AlternateBase):
        bg = palette.color(background)
        assert wcag_ratio(colour, bg) >= 4.5, f"{name} {colour.name()} on {bg.name()}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_search_marks_keep_text_readable(qapp: QApplication, dark: bool) -> None:
    text = palette_for(dark).color(R.Text)
    assert wcag_ratio(text, MARK_BACKGROUND[dark]) >= 4.5


SOURCE_DIRS = ("app", "visualizers")
FIXED_SIZE = re.compile(r"""(font-size:\s*\d+(\.\d+)?(pt|px))|(size\s*=\s*["']\d+(\.\d+)?pt["'])""")
FIXED_GREY = re.compile(r"color:\s*(gray|grey)\b", re.IGNORECASE)


def test_no_fixed_font_sizes_or_plain_grey_in_the_views() -> None:
    """Sizes are relative to the application font; captions use the palette, not "gray".

    (The Anki export's card style is for Anki's own window, not ours: left out.)
    """
    root = Path(__file__).resolve().parents[3]
    offenders = []
    for folder in SOURCE_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            if path.name == "anki_package.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if FIXED_SIZE.search(line) or FIXED_GREY.search(line):
                    offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_status_dots_are_drawn_for_a_pixel_ratio_of_2(qapp: QApplication) -> None:
    """A 14 px pixmap alone was scaled up (blurred) on a 2x screen: a 28 px one is there."""
    from PySide6.QtCore import QSize

    from app.navigator import status_icon

    for status in ("new", "learning", "due", "known"):
        pixmap = status_icon(status).pixmap(QSize(14, 14), 2.0)
        assert pixmap.width() == 28 and pixmap.devicePixelRatio() == 2.0
