"""Themes: WCAG AA contrast from the real palettes and rendered pixels; switching re-themes all.

Contrast ratios use the WCAG 2.x formula written here from the specification (relative
luminance of linearised sRGB), not the app's `contrast_ratio`, so a wrong formula in the
app can't pass its own test.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow
from app.theme import (
    ThemeChoice,
    apply_theme,
    contrast_ratio,
    focus_color,
    outline_color,
    palette_for,
)
from visualizers.core import registry

R = QPalette.ColorRole


def wcag_ratio(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def lin(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_ratio_formula_matches_known_values() -> None:
    assert wcag_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    # #767676 on white is the classic "just passes 4.5:1" grey.
    assert wcag_ratio(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)


TEXT_PAIRS = [
    (R.WindowText, R.Window),
    (R.Text, R.Base),
    (R.Text, R.AlternateBase),
    (R.ButtonText, R.Button),
    (R.HighlightedText, R.Highlight),
    (R.PlaceholderText, R.Base),
    (R.ToolTipText, R.ToolTipBase),
    (R.Link, R.Base),
    (R.Link, R.Window),
    (R.Mid, R.Window),  # captions drawn in palette(mid)
    (R.Mid, R.Base),
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("pair", TEXT_PAIRS, ids=lambda p: f"{p[0].name}-on-{p[1].name}")
def test_text_roles_meet_aa(qapp: QApplication, dark: bool, pair: tuple[R, R]) -> None:
    palette = palette_for(dark)
    fg, bg = (palette.color(role) for role in pair)
    assert wcag_ratio(fg, bg) >= 4.5, f"{fg.name()} on {bg.name()}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_outlines_and_focus_ring_meet_3_to_1(qapp: QApplication, dark: bool) -> None:
    palette = palette_for(dark)
    for colour in (outline_color(palette), focus_color(palette)):
        for role in (R.Window, R.Base, R.Button):
            assert wcag_ratio(colour, palette.color(role)) >= 3.0, (colour.name(), role.name)


def _opaque_colours(image: QImage) -> list[QColor]:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    out = []
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() == 255:
                out.append(c)
    return out


@pytest.fixture
def window(main_window: Callable[..., MainWindow]) -> MainWindow:
    return main_window((1400, 900))
    apply_theme(ThemeChoice.LIGHT)


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_player_icons_are_drawn_at_3_to_1(window: MainWindow, choice: ThemeChoice) -> None:
    view = window.open_visualizer(registry.all_specs()[0].id)
    window.set_theme(choice)
    controls = view.controls  # type: ignore[union-attr]
    palette = controls.palette()
    for button in (controls.reset_button, controls.back_button, controls.play_button):
        pixmap = button.icon().pixmap(18, 18)
        colours = _opaque_colours(pixmap.toImage())
        assert colours, "the icon has no solid pixels"
        for background in (R.Button, R.Window):
            worst = min(wcag_ratio(c, palette.color(background)) for c in colours)
            assert worst >= 3.0, (button.accessibleName(), background.name, worst)


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_dark_indicators_have_a_visible_outline(qtbot: QtBot, kind: type) -> None:
    """Rendered pixels of an unchecked check box / radio indicator: some reach 3:1 vs Window."""
    apply_theme(ThemeChoice.DARK)
    try:
        box = kind("Loop")
        qtbot.addWidget(box)
        box.resize(120, 30)
        box.show()
        option = QStyleOptionButton()
        option.initFrom(box)
        element = (
            QStyle.SubElement.SE_CheckBoxIndicator
            if kind is QCheckBox
            else QStyle.SubElement.SE_RadioButtonIndicator
        )
        rect = box.style().subElementRect(element, option, box)
        image = box.grab(rect).toImage()
        window_colour = box.palette().color(R.Window)
        best = max(wcag_ratio(c, window_colour) for c in _opaque_colours(image))
        assert best >= 3.0
    finally:
        apply_theme(ThemeChoice.LIGHT)


def _centre_colour(widget) -> QColor:  # type: ignore[no-untyped-def]
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() - 4)


def test_switching_theme_rethemes_open_plots_and_grade_buttons(
    window: MainWindow, qtbot: QtBot
) -> None:
    import pyqtgraph as pg

    window.set_theme(ThemeChoice.LIGHT)
    for spec in registry.all_specs():
        window.open_visualizer(spec.id)
    window.show_question(window.library.questions[0].number)
    window.question_view.reveal()
    grade = window.question_view.recall.grade_buttons[3]
    light_grade = _centre_colour(grade).lightness()
    plots = [p for v in window.visualizer_tabs() for p in v.findChildren(pg.PlotWidget)]
    assert len(plots) >= 15

    window.set_theme(ThemeChoice.DARK)
    dark = QApplication.palette()
    base, text = dark.color(R.Base), dark.color(R.Text)
    for plot in plots:
        assert plot.backgroundBrush().color().name() == base.name()
        axis = plot.getPlotItem().getAxis("bottom")
        assert axis.textPen().color().name() == text.name()
        assert wcag_ratio(axis.textPen().color(), plot.backgroundBrush().color()) >= 4.5
        title = plot.getPlotItem().titleLabel
        if title.text and title.opts.get("color"):
            assert wcag_ratio(pg.mkColor(title.opts["color"]), base) >= 4.5
    dark_grade = _centre_colour(grade).lightness()
    assert dark_grade < 128 < light_grade

    window.set_theme(ThemeChoice.LIGHT)
    assert _centre_colour(grade).lightness() > 128
    light = QApplication.palette().color(R.Base).name()
    assert all(plot.backgroundBrush().color().name() == light for plot in plots)


def test_system_scheme_change_rethemes_when_following_the_system(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.theme as theme

    window.set_theme(ThemeChoice.SYSTEM)
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark()
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: False)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark()
    # A manual choice is not overridden by the system.
    window.set_theme(ThemeChoice.DARK)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.is_dark()


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
@pytest.mark.parametrize("kind", ["spin", "button", "check"])
def test_focused_controls_draw_a_focus_ring(qtbot: QtBot, choice: ThemeChoice, kind: str) -> None:
    """A focused control has pixels in the focus colour, which is ≥ 3:1 on the window."""
    from PySide6.QtWidgets import QDoubleSpinBox, QPushButton, QVBoxLayout, QWidget

    apply_theme(choice)
    try:
        host = QWidget()
        qtbot.addWidget(host)
        layout = QVBoxLayout(host)
        makers: dict[str, Callable[[], QWidget]] = {
            "spin": QDoubleSpinBox,
            "button": lambda: QPushButton("Export PNG…"),
            "check": lambda: QCheckBox("Loop"),
        }
        target = makers[kind]()
        other = QPushButton("other")
        layout.addWidget(target)
        layout.addWidget(other)
        host.show()
        host.activateWindow()
        qtbot.waitUntil(host.isActiveWindow)
        ring = focus_color(host.palette())

        def ring_pixels() -> int:
            image = target.grab().toImage()
            return sum(
                1
                for c in _opaque_colours(image)
                if abs(c.red() - ring.red())
                + abs(c.green() - ring.green())
                + abs(c.blue() - ring.blue())
                < 40
            )

        other.setFocus()
        qtbot.waitUntil(other.hasFocus)
        unfocused = ring_pixels()
        target.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(target.hasFocus)
        assert ring_pixels() > unfocused + 20
        assert wcag_ratio(ring, host.palette().color(R.Window)) >= 3.0
    finally:
        apply_theme(ThemeChoice.LIGHT)


def test_axis_labels_follow_the_palette(qtbot: QtBot) -> None:
    """An axis label in the old text colour is redrawn in the new one; units are kept."""
    from visualizers.core.plotting import apply_palette, themed_plot

    plot = themed_plot(
        None,  # type: ignore[arg-type]
        "Loss",
        x_label="epoch",
        y_label="loss",
    )
    qtbot.addWidget(plot)
    axis = plot.getPlotItem().getAxis("left")
    axis.setLabel(text="loss", units="nats", color=axis.labelStyle.get("color"))
    dark = palette_for(True)
    apply_palette(plot, dark)
    fg = dark.color(QPalette.ColorRole.Text).name()
    assert axis.labelStyle["color"] == fg
    html = axis.label.toHtml()
    assert "nats" in html and "loss" in html
    assert QColor(fg).name() in html.lower() or QColor(fg).name().upper() in html
