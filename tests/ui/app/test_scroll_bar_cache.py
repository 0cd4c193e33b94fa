"""Scroll bars drawn from the style's pixmap cache look as Fusion draws them.

`StudioStyle` copies a scroll bar from a cached pixmap when nothing it depends on changed
(Fusion repaints its gradients every time, milliseconds per visualizer frame). The oracle
is Fusion itself: the same bar grabbed with the cache bypassed must give the same pixels
(up to two levels of 255 where the pixmap's translucent groove is composited: rounding
of premultiplied alpha, invisible), and a moved,
resized or re-themed bar must not reuse a stale picture.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from numpy.typing import NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmapCache
from PySide6.QtWidgets import QApplication, QProxyStyle, QScrollBar, QStyle
from pytestqt.qtbot import QtBot

import app.theme as theme
from app.theme import StudioStyle, ThemeChoice, apply_theme


@pytest.fixture
def studio_style(qapp: QApplication) -> Iterator[None]:
    apply_theme(ThemeChoice.DARK)
    assert isinstance(qapp.style(), StudioStyle)
    yield
    apply_theme(ThemeChoice.LIGHT)


def _pixels(image: QImage) -> NDArray[np.int16]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return rows[:, : image.width()].astype(np.int16)


def _same_look(a: QImage, b: QImage) -> bool:
    if a.size() != b.size():
        return False
    difference = np.abs(_pixels(a) - _pixels(b))
    return int(difference.max()) <= 2 and float((difference.max(axis=2) > 0).mean()) < 0.1


def _grab(bar: QScrollBar, cached: bool, monkeypatch: pytest.MonkeyPatch) -> QImage:
    if not cached:

        def fusion(
            self: StudioStyle, option: object, painter: object, widget: object = None
        ) -> None:
            QProxyStyle.drawComplexControl(
                self,
                QStyle.ComplexControl.CC_ScrollBar,
                option,  # type: ignore[arg-type]
                painter,  # type: ignore[arg-type]
                widget,  # type: ignore[arg-type]
            )

        monkeypatch.setattr(theme.StudioStyle, "_draw_scroll_bar", fusion)
    image = bar.grab().toImage()
    monkeypatch.undo()
    return image


@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
def test_cached_bar_matches_fusion_through_moves_and_resizes(
    qtbot: QtBot, studio_style: None, monkeypatch: pytest.MonkeyPatch, orientation: Qt.Orientation
) -> None:
    QPixmapCache.clear()
    bar = QScrollBar(orientation)
    qtbot.addWidget(bar)
    bar.setRange(0, 200)
    bar.setPageStep(40)
    bar.resize(*((14, 300) if orientation == Qt.Orientation.Vertical else (300, 14)))
    bar.show()
    for value, length in ((0, 300), (120, 300), (120, 180), (200, 180)):
        bar.setValue(value)
        if orientation == Qt.Orientation.Vertical:
            bar.resize(14, length)
        else:
            bar.resize(length, 14)
        QApplication.processEvents()
        first = _grab(bar, cached=True, monkeypatch=monkeypatch)  # fills the cache
        again = _grab(bar, cached=True, monkeypatch=monkeypatch)  # copied from it
        reference = _grab(bar, cached=False, monkeypatch=monkeypatch)
        assert _same_look(first, reference) and _same_look(again, reference), (value, length)
        if value:  # a stale picture (the bar at another position) would not match
            bar.setValue(0)
            assert not _same_look(_grab(bar, cached=True, monkeypatch=monkeypatch), reference)
    apply_theme(ThemeChoice.LIGHT)  # a new palette is a new picture, not the dark one
    QApplication.processEvents()
    assert _same_look(
        _grab(bar, cached=True, monkeypatch=monkeypatch),
        _grab(bar, cached=False, monkeypatch=monkeypatch),
    )
