"""Dark and light themes: follow the system's colour scheme, or a manual override.

The palette is the single source of truth. Every text colour in it meets WCAG AA against
the backgrounds it is drawn on (4.5:1), and `StudioStyle` — Fusion with a thin proxy —
draws what Fusion draws too faintly on a dark palette: check box and radio indicators,
slider grooves and handles get an outline of at least 3:1 (`outline_color`), and every
focused control a two-pixel focus ring (`focus_color`, the palette's Accent role).
`tests/ui/app/test_theme_contrast.py` computes the ratios from these real palettes.

`apply_theme` re-themes everything that is open at once: the palette reaches every widget,
pyqtgraph plots are re-coloured through `visualizers.core.plotting.retheme_plots`, and
widgets with their own style sheet are re-polished (a style sheet caches the palette it
was polished with: the grade buttons stayed dark after switching back to light). With
`ThemeChoice.SYSTEM`, a change of the system's scheme (`QStyleHints.colorSchemeChanged`)
re-applies the theme.
"""

from __future__ import annotations

import sys
from enum import StrEnum

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen, QPixmap, QPixmapCache
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QWidget,
)


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_state: dict[str, object] = {"choice": ThemeChoice.SYSTEM, "connected": False}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque sRGB colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two opaque colours (1.0 … 21.0)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(37, 39, 43), QColor(28, 30, 33), QColor(226, 228, 231)
    secondary = QColor(160, 165, 172)  # captions, placeholders: 6:1 on the window colour
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(44, 47, 52))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(50, 53, 58))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, secondary)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor(52, 55, 61))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 110, 110))
    p.setColor(QPalette.ColorRole.Link, QColor(110, 175, 235))
    p.setColor(QPalette.ColorRole.LinkVisited, QColor(180, 150, 235))
    p.setColor(QPalette.ColorRole.Highlight, QColor(45, 95, 160))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Accent, QColor(120, 180, 255))  # focus ring
    # Mid doubles as the colour of secondary text (captions use `palette(mid)`).
    p.setColor(QPalette.ColorRole.Mid, secondary)
    p.setColor(QPalette.ColorRole.Dark, QColor(20, 21, 23))
    p.setColor(QPalette.ColorRole.Light, QColor(80, 84, 90))
    p.setColor(QPalette.ColorRole.Midlight, QColor(66, 70, 76))
    p.setColor(QPalette.ColorRole.Shadow, QColor(0, 0, 0))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(128, 132, 138))
    return p


def _light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    secondary = QColor(96, 99, 106)  # 5.9:1 on the window colour
    p.setColor(QPalette.ColorRole.Window, QColor(246, 247, 249))
    p.setColor(QPalette.ColorRole.WindowText, QColor(20, 20, 22))
    p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Text, QColor(20, 20, 22))
    p.setColor(QPalette.ColorRole.Button, QColor(236, 238, 241))
    p.setColor(QPalette.ColorRole.ButtonText, QColor(20, 20, 22))
    p.setColor(QPalette.ColorRole.Highlight, QColor(52, 101, 164))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Link, QColor(25, 95, 170))
    p.setColor(QPalette.ColorRole.LinkVisited, QColor(110, 60, 160))
    p.setColor(QPalette.ColorRole.PlaceholderText, secondary)
    p.setColor(QPalette.ColorRole.Mid, secondary)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(255, 255, 225))
    p.setColor(QPalette.ColorRole.ToolTipText, QColor(20, 20, 22))
    p.setColor(QPalette.ColorRole.Accent, QColor(25, 95, 170))  # focus ring
    return p


# Colours that carry a meaning (difficulty, status, right/wrong, time running out), one
# per theme, each ≥ 4.5:1 on both the window and base colours of its theme (tests compute
# it): the fixed "#2e9d57"-style colours they replace were 3:1 on white.
TONES: dict[str, tuple[QColor, QColor]] = {  # name: (light theme, dark theme)
    "good": (QColor(24, 118, 64), QColor(96, 204, 140)),
    "warn": (QColor(138, 88, 0), QColor(230, 170, 70)),
    "bad": (QColor(180, 35, 30), QColor(255, 135, 125)),
    "info": (QColor(25, 95, 170), QColor(120, 180, 255)),
}
# Backgrounds that mark text (search hits) and thin rules (table grids), per theme.
MARK_BACKGROUND = (QColor(255, 241, 168), QColor(110, 96, 0))
RULE = (QColor(196, 200, 206), QColor(90, 95, 102))


def tone(name: str, dark: bool | None = None) -> QColor:
    """The meaning colour `name` ("good", "warn", "bad", "info") for the theme in force."""
    light_colour, dark_colour = TONES[name]
    return dark_colour if (is_dark() if dark is None else dark) else light_colour


def secondary_text() -> QColor:
    """Captions and hints: the palette's Mid role (≥ 4.5:1, unlike plain "gray")."""
    return QApplication.palette().color(QPalette.ColorRole.Mid)


def font_pt(scale: float = 1.0) -> str:
    """A font size in points, `scale` times the application font's (the system text size)."""
    return f"{QApplication.font().pointSizeF() * scale:.1f}"


def palette_for(dark: bool) -> QPalette:
    """The palette `apply_theme` installs for a dark or light result."""
    return _dark_palette() if dark else _light_palette()


def outline_color(palette: QPalette) -> QColor:
    """Outline of indicators, grooves and handles: ≥ 3:1 against Window, Base and Button."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor(150, 155, 163) if dark else QColor(112, 115, 122)


def focus_color(palette: QPalette) -> QColor:
    """The focus ring: the palette's Accent role."""
    return palette.color(QPalette.ColorRole.Accent)


class StudioStyle(QProxyStyle):
    """Fusion, plus outlines that read on dark backgrounds and a visible focus ring."""

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )
    _FOCUS_COMPLEX = (
        QStyle.ComplexControl.CC_SpinBox,
        QStyle.ComplexControl.CC_ComboBox,
        QStyle.ComplexControl.CC_ToolButton,
    )

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    @staticmethod
    def _ring(painter: QPainter, rect: QRect, color: QColor, radius: float = 3.0) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), radius, radius)
        painter.restore()

    @staticmethod
    def _focused(option: QStyleOption, widget: QWidget | None) -> bool:
        return bool(option.state & QStyle.StateFlag.State_HasFocus) and (
            widget is None or widget.hasFocus()
        )

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._ring(painter, option.rect, focus_color(option.palette), 2.0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in self._INDICATORS:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(outline_color(option.palette), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(r)
            else:
                painter.drawRoundedRect(r, 2, 2)
            painter.restore()
        elif element == QStyle.PrimitiveElement.PE_FrameLineEdit and self._focused(option, widget):
            self._ring(painter, option.rect, focus_color(option.palette))

    def drawComplexControl(  # noqa: N802 (Qt override)
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control == QStyle.ComplexControl.CC_ScrollBar and isinstance(option, QStyleOptionSlider):
            self._draw_scroll_bar(option, painter, widget)
            return
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_Slider:
            outline = outline_color(option.palette)
            sub = QStyle.SubControl
            groove = self.subControlRect(control, option, sub.SC_SliderGroove, widget)  # type: ignore[arg-type]
            handle = self.subControlRect(control, option, sub.SC_SliderHandle, widget)  # type: ignore[arg-type]
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(outline, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            centre = groove.center().y()
            painter.drawRoundedRect(
                QRectF(groove.left() + 0.5, centre - 2.5, groove.width() - 1, 5), 2, 2
            )
            painter.setPen(QPen(outline, 1.2))
            painter.setBrush(option.palette.color(QPalette.ColorRole.Button))
            painter.drawRoundedRect(QRectF(handle).adjusted(1, 1, -1, -1), 3, 3)
            painter.restore()
            if self._focused(option, widget):
                self._ring(painter, handle, focus_color(option.palette))
        elif control in self._FOCUS_COMPLEX and self._focused(option, widget):
            self._ring(painter, option.rect, focus_color(option.palette))

    def _draw_scroll_bar(
        self, option: QStyleOptionSlider, painter: QPainter, widget: QWidget | None
    ) -> None:
        """Fusion's scroll bar, drawn once per look and then copied from the pixmap cache.

        Fusion paints a scroll bar's gradients afresh every time (0.2–3 ms each, measured
        in a visualizer tab), and a repainted visualizer repaints the bars of its scroll
        areas with every frame though they rarely change. The key holds everything the
        drawing reads: size, pixel ratio, state, range, position, page, palette.
        """
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        size = option.rect.size()
        key = "studio-scrollbar-" + "-".join(
            str(part)
            for part in (
                size.width(),
                size.height(),
                ratio,
                option.state.value,
                option.activeSubControls.value,
                option.subControls.value,
                option.orientation.value,
                option.direction.value,
                option.minimum,
                option.maximum,
                option.sliderPosition,
                option.sliderValue,
                option.pageStep,
                option.singleStep,
                option.upsideDown,
                option.palette.cacheKey(),
            )
        )
        pixmap = QPixmap()
        if not QPixmapCache.find(key, pixmap):
            pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            local = QStyleOptionSlider(option)
            local.rect = QRect(QPoint(0, 0), size)
            offscreen = QPainter(pixmap)
            super().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, local, offscreen, widget)
            offscreen.end()
            QPixmapCache.insert(key, pixmap)
        painter.drawPixmap(option.rect.topLeft(), pixmap)

    def drawControl(  # noqa: N802 (Qt override)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButton and self._focused(option, widget):
            self._ring(painter, option.rect, focus_color(option.palette))


_STYLE: list[StudioStyle] = []  # kept alive here: QApplication.setStyle takes no Python ref


def _install_style(app: QApplication) -> None:
    if not _STYLE or app.style() is not _STYLE[0]:
        style = StudioStyle()
        _STYLE[:] = [style]
        app.setStyle(style)


def _repolish_style_sheets() -> None:
    """Widgets with their own style sheet cached the old palette: make them read it again."""
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def apply_theme(choice: ThemeChoice) -> bool:
    """Apply `choice` to the whole application and every open view; True when dark."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _state["choice"] = choice
    if not _state["connected"]:
        QGuiApplication.styleHints().colorSchemeChanged.connect(_on_system_scheme_changed)
        _state["connected"] = True
    dark = system_prefers_dark() if choice is ThemeChoice.SYSTEM else choice is ThemeChoice.DARK
    _install_style(app)
    app.setPalette(palette_for(dark))
    if "pyqtgraph" in sys.modules:
        # Plots exist only once a visualizer was opened; don't import pyqtgraph early.
        import pyqtgraph as pg

        from visualizers.core.plotting import retheme_plots

        palette = app.palette()
        pg.setConfigOptions(
            background=palette.color(QPalette.ColorRole.Base),
            foreground=palette.color(QPalette.ColorRole.Text),
        )
        retheme_plots(palette)
    _repolish_style_sheets()
    return dark


def current_choice() -> ThemeChoice:
    choice = _state["choice"]
    assert isinstance(choice, ThemeChoice)
    return choice


def _on_system_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    if current_choice() is ThemeChoice.SYSTEM:
        apply_theme(ThemeChoice.SYSTEM)


def is_dark() -> bool:
    """Whether the palette in force is dark (by the lightness of the window colour)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
