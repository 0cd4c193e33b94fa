"""Dark and light themes: follow the system's colour scheme, or a manual override.

Widgets that draw their own colours (pyqtgraph plots, rendered HTML) listen for
`QEvent.PaletteChange` or ask `is_dark()`; the palette is the single source of truth.
"""

from __future__ import annotations

import sys
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(37, 39, 43), QColor(28, 30, 33), QColor(226, 228, 231)
    accent = QColor(86, 156, 214)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(44, 47, 52))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(50, 53, 58))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(140, 144, 150))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor(48, 51, 56))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 110, 110))
    p.setColor(QPalette.ColorRole.Link, accent)
    p.setColor(QPalette.ColorRole.Highlight, QColor(52, 101, 164))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Mid, QColor(70, 74, 80))
    p.setColor(QPalette.ColorRole.Dark, QColor(20, 21, 23))
    p.setColor(QPalette.ColorRole.Light, QColor(70, 74, 80))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 124, 130))
    return p


def _light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Window, QColor(246, 247, 249))
    p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Highlight, QColor(52, 101, 164))
    p.setColor(QPalette.ColorRole.Link, QColor(25, 95, 170))
    return p


def apply_theme(choice: ThemeChoice) -> bool:
    """Apply `choice` to the whole application; returns True when the result is dark."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dark = system_prefers_dark() if choice is ThemeChoice.SYSTEM else choice is ThemeChoice.DARK
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if dark else _light_palette())
    if (
        "pyqtgraph" in sys.modules
    ):  # plots exist only once a visualizer was opened; don't import it early
        import pyqtgraph as pg

        pg.setConfigOptions(
            background=QColor(28, 30, 33) if dark else QColor(255, 255, 255),
            foreground=QColor(210, 212, 215) if dark else QColor(40, 40, 40),
        )
    return dark


def is_dark() -> bool:
    """Whether the palette in force is dark (by the lightness of the window colour)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
